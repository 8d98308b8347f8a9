"""Done-when of the ticket-office export: what a person typed comes back as text, never computed,
read with openpyxl and opened in LibreOffice.

What the files show (observed with LibreOffice 7.4.7, Debian 12):
- XLSX: every text is a text cell holding exactly what was entered, marked "quote prefix" (as
  when one types '=… in a spreadsheet): `=HYPERLINK("http://x","y")` is shown as that text, not as
  a link; no cell is a formula; dates are real dates shown JJ/MM/AAAA; phones keep their zero.
- CSV (no cell types): a text starting with = + - @ is written with a leading apostrophe (a
  spreadsheet opening the file shows that apostrophe and never runs the formula); the ticket
  office's software strips it (`core.exports.unneutralise`, exact for every text). Opened in a
  spreadsheet with its default detection, a code made only of digits loses its leading zeros
  ("007" → 7) unless "quoted field as text" is chosen: to open the list in a spreadsheet, the XLSX
  is the file to use. Phones are written 06 12 34 56 78 and stay text either way.
"""

import csv
import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from billetterie.attendees.models import PersonKind
from billetterie.attendees.services.people import person_create
from billetterie.delivery.exports import nominative_export_create
from tests.delivery.export_helpers import csv_table, stored

TRICKY = ['=HYPERLINK("http://x","y")', "+33612345678", "-1", "@SUM(A1)"]
BIRTH = dt.date(2011, 3, 5)


@pytest.fixture
def tricky_export(campaign, association, referent_user, operator_user, accept, name_group):
    """Four youth named like formulas (first name "'=x": a leading apostrophe of their own), led
    by a supervisor whose mobile was typed 0612345678."""
    youth = [
        person_create(
            campaign=campaign,
            association=association,
            actor=referent_user,
            kind=PersonKind.YOUTH,
            last_name=name,
            first_name="'=x" if index == 0 else "Zoé",
            birth_date=BIRTH + dt.timedelta(days=index),
            mobile_phone="",
            email="",
        ).person
        for index, name in enumerate(TRICKY)
    ]
    leader = person_create(
        campaign=campaign,
        association=association,
        actor=referent_user,
        kind=PersonKind.SUPERVISOR,
        last_name="Durand",
        first_name="Ana",
        birth_date=None,
        mobile_phone="0612345678",
        email="",
    ).person
    pack = accept(association, size=5, reference="007")
    name_group(pack, [*youth, leader], leader=leader)

    def make(file_format):
        return stored(
            nominative_export_create(
                campaign=campaign, scope="full", file_format=file_format, actor=operator_user
            )
        )

    return make


def _column(rows, header):
    index = rows[0].index(header)
    return [row[index] for row in rows[1:]]


def test_xlsx_cells_are_exactly_what_was_entered_and_never_formulas(tricky_export):
    content = tricky_export("xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cells = [list(row) for row in sheet.iter_rows()][1:]
    header = [c.value for c in cells[0]]
    body = cells[1:]
    names = [row[header.index("Nom")] for row in body]
    assert [c.value for c in names[:4]] == TRICKY
    assert all(c.data_type == "s" and c.quotePrefix for c in names)
    first = body[0][header.index("Prénom")]
    assert (first.value, first.data_type) == ("'=x", "s")  # its own apostrophe, kept as is
    phones = [row[header.index("Portable du responsable")] for row in body]
    assert {(c.value, c.data_type) for c in phones} == {("06 12 34 56 78", "s")}
    pack = body[0][header.index("Lot")]
    assert (pack.value, pack.data_type) == ("007", "s")  # a code keeps its leading zeros
    birth = body[0][header.index("Date de naissance")]
    assert birth.value == dt.datetime(2011, 3, 5) and birth.number_format == "DD/MM/YYYY"
    assert not any(c.data_type == "f" for row in cells for c in row)
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_csv_neutralises_formulas_and_gives_back_exactly_what_was_entered(tricky_export):
    content = tricky_export("csv")
    raw = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    names = _column(raw, "Nom")
    assert names[:4] == ["'" + name for name in TRICKY]  # as the file holds them
    assert _column(raw, "Prénom")[0] == "''=x"
    assert set(_column(raw, "Portable du responsable")) == {"06 12 34 56 78"}
    assert _column(raw, "Date de naissance")[0] == "05/03/2011"
    assert b'"007"' in content
    read_back = csv_table(content)  # what the ticket office's software reads (unneutralised)
    assert _column(read_back, "Nom")[:4] == TRICKY
    assert _column(read_back, "Prénom")[0] == "'=x"


def _soffice():
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(
            "LibreOffice manque en CI : scripts/ensure-libreoffice.sh aurait dû l'installer."
        )
    pytest.skip("LibreOffice n'est pas installé (bash scripts/ensure-libreoffice.sh l'installe).")


def _convert(soffice, source, target_filter, out_dir, profile, infilter=None):
    command = [soffice, f"-env:UserInstallation=file://{profile}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_filter, "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    return out_dir / (source.stem + "." + target_filter.split(":")[0])


def test_libreoffice_reads_the_xlsx_values_as_text(tricky_export, tmp_path):
    soffice = _soffice()
    source = tmp_path / "export.xlsx"
    source.write_bytes(tricky_export("xlsx"))
    # Saved as CSV by LibreOffice: the cells as LibreOffice holds them (computed if formulas).
    out = _convert(
        soffice,
        source,
        "csv:Text - txt - csv (StarCalc):59,34,76,1",
        tmp_path / "o",
        tmp_path / "p",
    )
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8")), delimiter=";"))[1:]
    assert _column(rows, "Nom")[:4] == TRICKY  # not "y", not 33612345678, not -1 as a number
    assert _column(rows, "Prénom")[0] == "'=x"
    assert set(_column(rows, "Portable du responsable")) == {"06 12 34 56 78"}
    assert _column(rows, "Date de naissance")[0] == "05/03/2011"
    assert _column(rows, "Lot")[0] == "007"
    # Saved again as XLSX by LibreOffice: still no formula cell, the texts unchanged.
    again = _convert(soffice, source, "xlsx", tmp_path / "x", tmp_path / "p")
    sheet = openpyxl.load_workbook(again).active
    values = [[c for c in row] for row in sheet.iter_rows()]
    assert not any(c.data_type == "f" for row in values for c in row)
    assert [c.value for c in values[2][7:8]] == [TRICKY[0]]


def test_libreoffice_opening_the_csv_computes_nothing(tricky_export, tmp_path):
    soffice = _soffice()
    source = tmp_path / "export.csv"
    source.write_bytes(tricky_export("csv"))
    # Opened with LibreOffice's default detection (separator ;, UTF-8), then saved as XLSX.
    out = _convert(soffice, source, "xlsx", tmp_path / "o", tmp_path / "p", "CSV:59,34,76,1")
    sheet = openpyxl.load_workbook(out).active
    cells = [list(row) for row in sheet.iter_rows()]
    assert not any(c.data_type == "f" for row in cells for c in row)
    header = [c.value for c in cells[0]]
    names = [row[header.index("Nom")] for row in cells[1:]]
    assert [(c.value, c.data_type) for c in names[:4]] == [("'" + n, "s") for n in TRICKY]
    phones = {row[header.index("Portable du responsable")].value for row in cells[1:]}
    assert phones == {"06 12 34 56 78"}  # written with spaces, it stays text with its zero
    # A code made only of digits is read as a number by this default detection: "007" becomes 7
    # (the file holds "007"; the XLSX keeps it). With the import option "Champ entre guillemets
    # comme texte" — every field of the CSV is quoted — it stays "007".
    assert cells[1][header.index("Lot")].value == 7
    quoted = _convert(
        soffice, source, "xlsx", tmp_path / "q", tmp_path / "p", "CSV:59,34,76,1,,0,true"
    )
    sheet = openpyxl.load_workbook(quoted).active
    cells = [list(row) for row in sheet.iter_rows()]
    assert (cells[1][header.index("Lot")].value, cells[1][header.index("Lot")].data_type) == (
        "007",
        "s",
    )
    assert not any(c.data_type == "f" for row in cells for c in row)

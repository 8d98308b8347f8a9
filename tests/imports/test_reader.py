"""Reading XLSX and CSV files: headers, title rows, merged cells, encodings, real line numbers."""

import contextlib
import datetime as dt
import io
import os
import zipfile

import openpyxl
import pytest

from billetterie.imports.contracts import APPLICATIONS, ORGANISATIONS, PACKS, SESSIONS
from billetterie.imports.reader import FileRejected, table_read

from . import hostile
from .conftest import FILES


def read(name, contract, content=None):
    return table_read(
        name=name,
        content=content if content is not None else (FILES / name).read_bytes(),
        contract=contract,
    )


def test_libreoffice_xlsx_with_title_merged_two_row_header_and_blank_rows():
    table = read("organisations.xlsx", ORGANISATIONS)
    assert table.header_line == 4  # "Référent" merged over nom/prénom/e-mail/téléphone on line 3
    assert [row.line for row in table.rows] == [5, 6, 8, 9]  # the blank line 7 is skipped
    first = table.rows[0].values
    assert first["identifier"] == "A-001"
    assert first["name"].startswith("=HYPERLINK(")  # the formula's text, never its result
    assert first["postal_code"] == 1000
    assert first["referent_first_name"] == "Élodie"
    assert first["referent_email"] == "elodie.dupont@exemple.org"
    assert first["referent_phone"] == 611223344


def test_libreoffice_xlsx_keeps_real_dates_times_and_serial_numbers():
    table = read("sessions.xlsx", SESSIONS)
    assert table.header_line == 3
    values = {row.values["code"]: row.values for row in table.rows}
    assert values["ATH01"]["date"] == dt.datetime(2024, 8, 2)
    assert values["ATH01"]["time"] == dt.time(10, 5)
    assert values["SWM03"]["date"] == 45507


def test_cp1252_semicolon_csv_with_a_title_row():
    table = read("packs_cp1252.csv", PACKS)
    assert table.header_line == 3
    assert table.rows[0].values["sport"] == "Athlétisme"
    assert table.rows[0].line == 4
    assert [row.line for row in table.rows] == [4, 5, 7, 8, 9]


def test_utf8_bom_comma_csv_with_shouting_headers():
    table = read("organisations_bom.csv", ORGANISATIONS)
    assert table.header_line == 1
    assert table.rows[1].values["name"] == "Enfance & Familles de La Réunion"


def test_headers_match_whatever_case_accents_spaces_and_hints():
    content = " identifiant association ;JEUX (JO/JP);jeunes;ENCADRANTS; villes ;dates impossibles;hebergement (oui/non);recue le\nA-1;JO;3;1;Paris;;non;01/09/2023\n"
    table = read("x.csv", APPLICATIONS, content.encode("utf-8"))
    assert table.rows[0].values["games"] == "JO"
    assert table.rows[0].values["received_on"] == "01/09/2023"


def test_a_csv_cell_starting_with_equals_is_text():
    content = 'Identifiant,Nom,Adhérent,Code postal,Commune,Jeunes accompagnés\nA,"=HYPERLINK(""http://x"",""y"")",oui,75011,Paris,1\n'
    table = read("x.csv", ORGANISATIONS, content.encode("utf-8"))
    assert table.rows[0].values["name"] == '=HYPERLINK("http://x","y")'


def test_missing_columns_are_named():
    content = b"Identifiant;Nom;Commune\nA;B;C\n"
    with pytest.raises(FileRejected, match="« Adhérent », « Code postal »"):
        read("x.csv", ORGANISATIONS, content)


def test_no_header_at_all():
    with pytest.raises(FileRejected, match="Aucune ligne d'en-tête"):
        read("x.csv", ORGANISATIONS, b"bonjour\nle monde\n")


def test_openpyxl_written_xlsx_with_a_formula_and_a_date():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["Lot", "Jeux", "Sport", "Épreuve", "Date", "Heure", "Site", "Ville", "Billets", "Prestige"]
    )
    sheet.append(
        [
            "=1+1",
            "JO",
            "Judo",
            "JUD01",
            dt.datetime(2024, 7, 27),
            "10:00",
            "Arena Champ-de-Mars",
            "Paris",
            4,
            "non",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read("x.xlsx", PACKS, buffer.getvalue())
    assert table.rows[0].values["reference"] == "=1+1"
    assert table.rows[0].values["date"] == dt.datetime(2024, 7, 27)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.xlsx", b"", "vide"),
        ("x.csv", b"  \n\n", "vide"),
        ("x.ods", b"PK\x03\x04", "non pris en charge"),
        ("x.xls", b"\xd0\xcf\x11\xe0", "ancien format"),
        ("x", b"abc", "sans extension"),
        ("x.xlsx", b"Lot;Jeux\nL1;JO\n", "contient du texte"),
        ("x.xlsx", b"PK\x03\x04" + os.urandom(2000), "endommagé"),
        ("x.xlsx", b"\x00\x01\x02" + os.urandom(500), "pas un classeur"),
        ("x.csv", b"PK\x03\x04" + os.urandom(100), "renommez-le en .xlsx"),
        ("x.csv", b"\x00\x01binary\x00" * 50, "pas un fichier texte"),
    ],
)
def test_unreadable_files_get_a_clear_french_message(name, content, message):
    with pytest.raises(FileRejected, match=message):
        read(name, PACKS, content)


def test_random_bytes_never_crash():
    for _ in range(20):
        for name in ("x.csv", "x.xlsx"):
            with contextlib.suppress(FileRejected):
                read(name, PACKS, os.urandom(3000))


def test_csv_two_row_header_as_exported_from_merged_cells():
    content = (
        "Identifiant;Nom;Adhérent;Code postal;Commune;Jeunes accompagnés;Référent;;;\n"
        ";;;;;;nom;prénom;e-mail;téléphone\n"
        "A-1;Asso;oui;75011;Paris;3;Durand;Léa;lea@exemple.org;0611223344\n"
    ).encode("cp1252")
    table = read("x.csv", ORGANISATIONS, content)
    assert table.header_line == 2
    assert table.rows[0].values["referent_first_name"] == "Léa"
    assert table.rows[0].values["name"] == "Asso"


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bonjour.txt", "pas un classeur")
    with pytest.raises(FileRejected, match="endommagé"):
        read("x.xlsx", PACKS, buffer.getvalue())


def test_a_truncated_libreoffice_workbook_is_refused():
    content = (FILES / "packs.xlsx").read_bytes()
    with pytest.raises(FileRejected, match="endommagé"):
        read("x.xlsx", PACKS, content[: len(content) // 2])


def test_merged_cells_down_the_data_rows_fill_every_row(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["Lot", "Jeux", "Sport", "Épreuve", "Date", "Heure", "Site", "Ville", "Billets", "Prestige"]
    )
    sheet.append(
        [
            "L1",
            "JO",
            "Judo",
            "JUD01",
            "27/07/2024",
            "10:00",
            "Arena Champ-de-Mars",
            "Paris",
            4,
            "non",
        ]
    )
    sheet.append(["L2", None, None, None, None, None, None, None, 6, "non"])
    for column in "BCDEFGH":
        sheet.merge_cells(f"{column}2:{column}3")
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read("x.xlsx", PACKS, buffer.getvalue())
    assert table.rows[1].values["city"] == "Paris" and table.rows[1].values["code"] == "JUD01"


# --- Limits: every file is read within bounds, and refused past them with a French message -----


def _csv(contract, rows, delimiter=";") -> bytes:
    lines = [delimiter.join(c.header for c in contract.columns)]
    lines += [delimiter.join(str(value) for value in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _organisation(n):
    return [f"A-{n}", f"Asso {n}", "oui", "75011", "Paris", 3]


def test_a_csv_over_the_row_limit_is_refused_naming_the_limit():
    content = _csv(ORGANISATIONS, [_organisation(n) for n in range(5_001)])
    with pytest.raises(FileRejected) as error:
        read("x.csv", ORGANISATIONS, content)
    message = str(error.value)
    assert message.startswith("Le fichier compte plus de 5\u202f000 lignes de données (limite")
    assert "découpez-le en plusieurs fichiers d'au plus 5\u202f000 lignes" in message


def test_the_row_limit_counts_data_rows_only():
    rows = [_organisation(n) for n in range(5_000)]
    blank_lines = [[""] * 6] * 3
    table = read("x.csv", ORGANISATIONS, _csv(ORGANISATIONS, blank_lines + rows + blank_lines))
    assert len(table.rows) == 5_000


def test_packs_have_a_larger_row_limit_and_the_settings_override_it(settings):
    assert PACKS.max_rows == 30_000 and ORGANISATIONS.max_rows == 5_000
    settings.IMPORT_MAX_ROWS = {"organisations": 3}
    content = _csv(ORGANISATIONS, [_organisation(n) for n in range(4)])
    with pytest.raises(FileRejected, match="plus de 3 lignes de données"):
        read("x.csv", ORGANISATIONS, content)
    assert len(read("x.csv", ORGANISATIONS, _csv(ORGANISATIONS, [_organisation(1)])).rows) == 1


def test_an_xlsx_over_the_row_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = {"organisations": 10}
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([c.header for c in ORGANISATIONS.columns])
    for n in range(11):
        sheet.append(_organisation(n))
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(FileRejected, match="plus de 10 lignes de données"):
        read("x.xlsx", ORGANISATIONS, buffer.getvalue())


def test_a_long_csv_line_is_refused_before_it_is_split(settings):
    settings.IMPORT_MAX_LINE_CHARS = 1_000
    content = _csv(ORGANISATIONS, [_organisation(1), ["x"] * 600])
    with pytest.raises(FileRejected) as error:
        read("x.csv", ORGANISATIONS, content)
    assert str(error.value).startswith("ligne 3 : la ligne compte plus de 1\u202f000 caractères")


def test_a_quoted_cell_spread_over_many_lines_counts_as_one_long_line(settings):
    settings.IMPORT_MAX_LINE_CHARS = 1_000
    content = _csv(ORGANISATIONS, [_organisation(1)]) + b'A-2;"' + b"x\n" * 600 + b'";oui\n'
    with pytest.raises(FileRejected, match="plus de 1\u202f000 caractères"):
        read("x.csv", ORGANISATIONS, content)


def test_columns_past_the_margin_are_not_read():
    far = ";" * 40 + ";".join(c.header for c in ORGANISATIONS.columns)
    content = f"{far}\n{';' * 40}A-1\n".encode()
    with pytest.raises(FileRejected) as error:
        read("x.csv", ORGANISATIONS, content)
    assert "(et les 30 premières colonnes)" in str(error.value)
    # Extra columns before the margin are ignored as before.
    wide = _csv(ORGANISATIONS, [_organisation(1) + ["note"] * 30])
    assert read("x.csv", ORGANISATIONS, wide).rows[0].values["town"] == "Paris"


def test_a_header_a_few_columns_to_the_right_is_found():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([None] * 15 + [c.header for c in PACKS.columns])
    sheet.append([None] * 15 + hostile.PACK_ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read("x.xlsx", PACKS, buffer.getvalue())
    assert table.rows[0].values["reference"] == "L1"


def test_a_cell_in_column_xfd_is_skipped_and_a_merged_column_xfd_is_clipped():
    table = read("x.xlsx", PACKS, hostile.merge_bomb(rows=1_048_576, header=True))
    assert [row.line for row in table.rows] == [2, 1_048_576]
    assert table.rows[1].values == {
        "reference": "x",
        **{key: None for key in table.rows[1].values if key != "reference"},
    }
    assert read("x.xlsx", PACKS, hostile.far_column_rows(1_000)).rows == []


def test_a_merged_range_down_the_whole_sheet_fills_only_the_rows_present():
    content = hostile.merge_bomb(rows=3, header=True)
    content = _patched(content, b'ref="XFD1:XFD3"', b'ref="H2:J1048576"')
    table = read("x.xlsx", PACKS, content)
    assert [row.line for row in table.rows] == [2, 3]
    assert table.rows[0].values["size"] == "Paris" == table.rows[1].values["is_prestige"]


def _patched(content: bytes, old: bytes, new: bytes) -> bytes:
    return hostile._rezip(content, {hostile.SHEET: lambda xml: xml.replace(old, new)})


def test_too_many_merged_ranges_are_refused():
    merges = "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(1, 100_002)).encode()
    content = _patched(
        hostile.merge_bomb(rows=3, header=True), b'<mergeCell ref="XFD1:XFD3"/>', merges
    )
    with pytest.raises(FileRejected, match="plus de 100\u202f000 plages de cellules fusionnées"):
        read("x.xlsx", PACKS, content)


def test_a_workbook_too_big_once_decompressed_is_refused(settings):
    settings.IMPORT_MAX_UNZIPPED_BYTES = 1024 * 1024
    with pytest.raises(FileRejected) as error:
        read("x.xlsx", PACKS, hostile.many_rows(50_000))
    assert str(error.value).startswith("Le classeur dépasse 1 Mo une fois décompressé (limite)")


def test_sheets_full_of_empty_styled_cells_are_refused_by_their_cell_count():
    content = hostile.far_column_rows(200_000, ORGANISATIONS)
    with pytest.raises(FileRejected) as error:
        read("x.xlsx", ORGANISATIONS, content)
    assert str(error.value).startswith(
        "Les feuilles du classeur comptent plus de 150\u202f900 cellules (limite"
    )


@pytest.mark.parametrize(
    "doctype",
    [
        # Billion laughs: entities expanding into entities.
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>',
        # XXE: an external entity reading a local file.
        b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    ],
)
@pytest.mark.parametrize("part", [hostile.SHEET, "xl/workbook.xml", "xl/styles.xml"])
def test_entities_and_doctypes_are_refused(doctype, part):
    def patch(xml: bytes) -> bytes:
        start = xml.index(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:start] + doctype + xml[start:]

    content = hostile._rezip(hostile.merge_bomb(rows=3, header=True), {part: patch})
    with pytest.raises(FileRejected, match="DOCTYPE|endommagé"):
        read("x.xlsx", PACKS, content)


def test_a_classic_zip_bomb_is_refused_by_its_declared_size():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as stream:
            for _ in range(100):
                stream.write(b"\0" * 1024 * 1024)
    content = buffer.getvalue()
    assert len(content) < 200_000
    with pytest.raises(FileRejected, match="une fois décompressé"):
        read("x.xlsx", PACKS, content)


# --- The hostile files of the security review, read in a child process -----------------------

CHILD = """
import resource, sys, time
import django
django.setup()
from billetterie.imports.contracts import CONTRACTS
from billetterie.imports.reader import FileRejected, table_read
kind, name, path = sys.argv[1:4]
content = open(path, "rb").read()
start = time.monotonic()
try:
    outcome = f"lu : {len(table_read(name=name, content=content, contract=CONTRACTS[kind]).rows)}"
except FileRejected as error:
    outcome = f"refusé : {error}"
print(outcome)
print(f"{time.monotonic() - start:.2f}")
# The peak of this process image (VmHWM): ru_maxrss would carry the parent's peak across exec.
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")))
"""


def _read_in_child(tmp_path, kind: str, name: str, content: bytes) -> tuple[str, float, int]:
    """What reading the file gives in a fresh process: the outcome, seconds, peak RSS in MiB.

    The child may use 2 GiB of address space at most, so that a regression fails the test
    instead of exhausting the machine."""
    import resource
    import subprocess
    import sys
    from pathlib import Path

    import billetterie

    path = tmp_path / name
    path.write_bytes(content)
    source = str(Path(billetterie.__file__).resolve().parents[1])
    env = {
        **os.environ,
        # The tests' settings bring their own key: production settings refuse to start without one.
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": os.pathsep.join([source, str(Path(__file__).resolve().parents[2])]),
    }

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))

    done = subprocess.run(
        [sys.executable, "-c", CHILD, kind, name, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=cap,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome, seconds, peak = done.stdout.strip().splitlines()[-3:]
    return outcome, float(seconds), int(peak) // 1024


@pytest.mark.parametrize(
    ("label", "kind", "name", "build", "expected"),
    [
        (
            "2 KB merged-range bomb",
            "packs",
            "x.xlsx",
            lambda: hostile.merge_bomb(rows=1_048_576),
            "refusé : Aucune ligne d'en-tête reconnue",
        ),
        (
            "merged-range bomb under a real header",
            "packs",
            "x.xlsx",
            lambda: hostile.merge_bomb(rows=1_048_576, header=True),
            "lu : 2",
        ),
        (
            "1M deflated rows",
            "packs",
            "x.xlsx",
            lambda: hostile.many_rows(1_000_000),
            "refusé : Le fichier compte plus de 30\u202f000 lignes de données (limite",
        ),
        (
            "rows with one cell in column XFD",
            "organisations",
            "x.xlsx",
            lambda: hostile.far_column_rows(200_000, ORGANISATIONS),
            "refusé : Les feuilles du classeur comptent plus de",
        ),
        (
            "CSV line of 5M columns",
            "packs",
            "x.csv",
            lambda: hostile.wide_csv(5_000_000),
            "refusé : ligne 2 : la ligne compte plus de 100\u202f000 caractères (limite)",
        ),
    ],
)
def test_hostile_files_are_read_in_bounded_memory(tmp_path, label, kind, name, build, expected):
    outcome, _seconds, peak_mib = _read_in_child(tmp_path, kind, name, build())
    assert outcome.startswith(expected), (label, outcome)
    assert peak_mib < 300, (label, peak_mib)

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

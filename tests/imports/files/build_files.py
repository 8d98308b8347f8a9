"""Rebuild the import test files (the .xlsx ones need LibreOffice: `soffice` on the PATH).

Run from this folder: `python build_files.py`. The tests use the committed files and never need
LibreOffice; this script only documents how they were made.
"""

import csv
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).parent

ORG_HEADER = [
    "Identifiant",
    "Nom",
    "Adhérent",
    "Code postal",
    "Commune",
    "Jeunes accompagnés",
    "Référent nom",
    "Référent prénom",
    "Référent e-mail",
    "Référent téléphone",
]
ORG_ROWS = [
    [
        "A-001",
        '=HYPERLINK("https://exemple.org";"Sauvegarde de l\'Ain")',
        "oui",
        "1000",
        "Bourg-en-Bresse",
        "40",
        "Dupont",
        "Élodie",
        "elodie.dupont@exemple.org",
        "611223344",
    ],
    [
        "A-002",
        "Enfance & Familles de La Réunion",
        "oui",
        "97400",
        "Saint-Denis",
        "25",
        "Hoarau",
        "Josée",
        "josee.hoarau@exemple.re",
        "0692 12 34 56",
    ],
    None,
    [
        "A-003",
        "Les Amis de l'Étoile",
        "non",
        "93200",
        "Saint-Denis",
        "12",
        "Müller",
        "François",
        "f.muller@exemple.org",
        "06.90.12.34.56",
    ],
    ["A-004", "Association corse Île-Beauté", "O", "20000", "Ajaccio", "8", "", "", "", ""],
]

SESSION_HEADER = ["Épreuve", "Jeux", "Sport", "Date", "Heure", "Site", "Ville", "Phase"]
SESSION_ROWS = [
    [
        "ATH01",
        "JO",
        "Athlétisme",
        "02/08/2024",
        "10:05",
        "Stade de France",
        "Saint-Denis",
        "Tour préliminaire",
    ],
    [
        "ATH25",
        "JO",
        "Athlétisme",
        "10/08/2024",
        "19:00",
        "Stade de France",
        "Saint-Denis",
        "Finale",
    ],
    None,
    [
        "FBL10",
        "JO",
        "Football",
        "27/07/2024",
        "21:00",
        "Stade Vélodrome",
        "Marseille",
        "Quart de finale",
    ],
    ["BKB05", "JO", "Basketball", "08/08/2024", "20:30", "Arena Bercy", "Paris", "Semifinal"],
    [
        "PAT01",
        "JP",
        "Para athlétisme",
        "30/08/2024",
        "10:00",
        "Stade de France",
        "Saint-Denis",
        "Qualifications",
    ],
    [
        "SWM03",
        "JO",
        "Natation",
        "45507",
        "20:30",
        "Paris La Défense Arena",
        "Nanterre",
        "Demi-finale",
    ],
]

PACK_HEADER = [
    "Lot",
    "Jeux",
    "Sport",
    "Épreuve",
    "Date",
    "Heure",
    "Site",
    "Ville",
    "Billets",
    "Prestige",
]
PACK_ROWS = [
    [
        "L-0001",
        "JO",
        "Athlétisme",
        "ATH01",
        "02/08/2024",
        "10:05",
        "Stade de France",
        "Saint-Denis",
        "8",
        "non",
    ],
    [
        "L-0002",
        "JO",
        "Athlétisme",
        "ATH01",
        "02/08/2024",
        "10:05",
        "Stade de France",
        "Saint-Denis",
        "12",
        "non",
    ],
    None,
    [
        "L-0003",
        "JO",
        "Athlétisme",
        "ATH25",
        "10/08/2024",
        "19:00",
        "Stade de France",
        "Saint-Denis",
        "4",
        "oui",
    ],
    [
        "L-0004",
        "JO",
        "Escrime",
        "ESC07",
        "29/07/2024",
        "09:00",
        "Grand Palais",
        "Paris",
        "6",
        "non",
    ],
    [
        "L-0005",
        "JP",
        "Cécifoot",
        "FBB01",
        "01/09/2024",
        "11:00",
        "Stade Tour Eiffel",
        "Paris",
        "10",
        "",
    ],
]

APPLICATION_HEADER = [
    "Identifiant association",
    "Jeux",
    "Jeunes",
    "Encadrants",
    "Villes",
    "Dates impossibles",
    "Hébergement",
    "Reçue le",
]
APPLICATION_ROWS = [
    [
        "A-001",
        "JO",
        "12",
        "4",
        "saint denis ; Paris",
        "27/07/2024 ; 28/07/2024",
        "non",
        "15/09/2023",
    ],
    ["A-001", "JP", "6", "2", "Paris", "", "oui", "20/09/2023"],
    None,
    ["A-002", "JO", "20", "6", "Marseille, Saint-Denis", "", "oui", "10/10/2023"],
]

BAD = {
    "organisations_bad.csv": [
        ORG_HEADER,
        [
            "B-001",
            "Bonne association",
            "oui",
            "75011",
            "Paris",
            "10",
            "Durand",
            "Paul",
            "paul@exemple.org",
            "0611223344",
        ],
        ["B-002", "", "peut-être", "123", "Lyon", "dix", "", "", "pas-une-adresse", "12"],
        ["B-001", "Doublon", "oui", "75011", "Paris", "5", "", "", "", ""],
        ["B-004", "Sans e-mail", "non", "99999", "Nulle-part", "3", "Martin", "", "", ""],
    ],
    "sessions_bad.csv": [
        SESSION_HEADER,
        [
            "ATH01",
            "JO",
            "Athlétisme",
            "02/08/2024",
            "10:05",
            "Stade de France",
            "Saint-Denis",
            "Finale",
        ],
        ["ATH02", "JX", "Athlétisme", "31/02/2024", "25h", "", "Saint-Denis", ""],
        ["ATH01", "JO", "Athlétisme", "03/08/2024", "10:05", "Stade de France", "Saint-Denis", ""],
        ["ATH03", "JO", "Athlétisme", "04/08/2024", "10:05", "Stade de France", "Paris", ""],
    ],
    "packs_bad.csv": [
        PACK_HEADER,
        [
            "L-0001",
            "JO",
            "Athlétisme",
            "ATH01",
            "02/08/2024",
            "10:05",
            "Stade de France",
            "Saint-Denis",
            "8",
            "non",
        ],
        [
            "L-0002",
            "JO",
            "Athlétisme",
            "ATH01",
            "02/08/2024",
            "10:05",
            "Stade de France",
            "Saint-Denis",
            "0",
            "peut-être",
        ],
        [
            "L-0001",
            "JO",
            "Athlétisme",
            "ATH01",
            "02/08/2024",
            "10:05",
            "Stade de France",
            "Saint-Denis",
            "douze",
            "non",
        ],
        [
            "L-0004",
            "JO",
            "Athlétisme",
            "ATH01",
            "05/08/2024",
            "10:05",
            "Stade de France",
            "Saint-Denis",
            "600",
            "non",
        ],
    ],
    "applications_bad.csv": [
        APPLICATION_HEADER,
        ["A-001", "JO", "12", "4", "Paris", "", "non", "15/09/2023"],
        ["Z-999", "JO", "12", "4", "Paris", "", "non", "15/09/2023"],
        ["A-003", "JO", "5", "1", "Lyon ; Paris ; Paris", "32/07/2024", "bof", "hier"],
        ["A-001", "JO", "0", "0", "Paris", "", "non", "15/09/2023"],
    ],
}


def write_csv(path: Path, rows, *, delimiter: str, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        for row in rows:
            writer.writerow(row or [])


def with_title(title: str, header, rows):
    return [[title], [], header, *rows]


def soffice_convert(source: Path, target: Path, *, infilter: str | None = None) -> None:
    with tempfile.TemporaryDirectory() as out:
        command = ["soffice", "--headless"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", "xlsx", "--outdir", out, str(source)]
        subprocess.run(command, check=True, capture_output=True)
        shutil.move(Path(out) / (source.stem + ".xlsx"), target)


def fods_cell(value: str, *, span_cols: int = 1, span_rows: int = 1) -> str:
    attrs = ""
    if span_cols > 1:
        attrs += f' table:number-columns-spanned="{span_cols}"'
    if span_rows > 1:
        attrs += f' table:number-rows-spanned="{span_rows}"'
    if value.startswith("="):
        return (
            f'<table:table-cell table:formula="of:{escape(value, {chr(34): "&quot;"})}" '
            f'office:value-type="string"{attrs}><text:p/></table:table-cell>'
        )
    if value.isdigit():
        return f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"{attrs}><text:p>{escape(value)}</text:p></table:table-cell>'


def organisations_fods() -> str:
    """A title merged across the sheet, a blank row, then a two-row header: "Référent" merged over
    its four columns, the other headers merged down over both rows; a formula cell; numbers where
    a spreadsheet would put them (postal code 1000, phone 611223344)."""
    covered = "<table:covered-table-cell/>"
    rows = [
        "<table:table-row>"
        + fods_cell("Associations adhérentes — campagne 2024", span_cols=10)
        + covered * 9
        + "</table:table-row>",
        "<table:table-row><table:table-cell/></table:table-row>",
        "<table:table-row>"
        + "".join(fods_cell(h, span_rows=2) for h in ORG_HEADER[:6])
        + fods_cell("Référent", span_cols=4)
        + covered * 3
        + "</table:table-row>",
        "<table:table-row>"
        + covered * 6
        + "".join(fods_cell(h) for h in ("nom", "prénom", "e-mail", "téléphone"))
        + "</table:table-row>",
    ]
    for row in ORG_ROWS:
        cells = "".join(
            fods_cell(value) if value else "<table:table-cell/>" for value in (row or [""])
        )
        rows.append(f"<table:table-row>{cells}</table:table-row>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">'
        '<office:body><office:spreadsheet><table:table table:name="Associations">'
        + "".join(rows)
        + "</table:table></office:spreadsheet></office:body></office:document>"
    )


def main() -> None:
    # Windows-1252, semicolon: what Excel "CSV (séparateur : point-virgule)" writes in France.
    write_csv(
        HERE / "organisations_cp1252.csv",
        with_title("Associations 2024", ORG_HEADER, ORG_ROWS),
        delimiter=";",
        encoding="cp1252",
    )
    write_csv(
        HERE / "sessions_cp1252.csv",
        [
            SESSION_HEADER,
            *[
                r if r is None or r[0] != "SWM03" else [*r[:3], "2024-08-03", *r[4:]]
                for r in SESSION_ROWS
            ],
        ],
        delimiter=";",
        encoding="cp1252",
    )
    write_csv(
        HERE / "packs_cp1252.csv",
        with_title(
            "Lots reçus de la billetterie",
            PACK_HEADER,
            [r if r is None or r[0] != "L-0002" else [*r[:8], "12,0", r[9]] for r in PACK_ROWS],
        ),
        delimiter=";",
        encoding="cp1252",
    )
    write_csv(
        HERE / "applications_cp1252.csv",
        [APPLICATION_HEADER, *APPLICATION_ROWS],
        delimiter=";",
        encoding="cp1252",
    )
    # UTF-8 with BOM, comma.
    write_csv(
        HERE / "organisations_bom.csv",
        [[h.upper() + " " for h in ORG_HEADER], *ORG_ROWS],
        delimiter=",",
        encoding="utf-8-sig",
    )
    for name, rows in BAD.items():
        write_csv(HERE / name, rows, delimiter=",", encoding="utf-8")

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        fods = work / "organisations.fods"
        fods.write_text(organisations_fods(), encoding="utf-8")
        soffice_convert(fods, HERE / "organisations.xlsx")
        # CSV opened by LibreOffice in French (dates and times become real date and time cells).
        french_utf8_comma = "CSV:44,34,76,1,,1036"
        for kind, header, rows, title in (
            ("sessions", SESSION_HEADER, SESSION_ROWS, "Épreuves de la campagne"),
            ("packs", PACK_HEADER, PACK_ROWS, "Lots reçus de la billetterie"),
            ("applications", APPLICATION_HEADER, APPLICATION_ROWS, "Candidatures reçues"),
        ):
            source = work / f"{kind}.csv"
            write_csv(source, with_title(title, header, rows), delimiter=",", encoding="utf-8")
            soffice_convert(source, HERE / f"{kind}.xlsx", infilter=french_utf8_comma)


if __name__ == "__main__":
    main()

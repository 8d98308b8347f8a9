"""The streamed XLSX reader gives the values openpyxl gives, and reads nothing past its width."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from billetterie.imports.contracts import PACKS
from billetterie.imports.limits import FileRejected, limits_for
from billetterie.imports.xlsx import Workbook

from . import hostile
from .conftest import FILES

WIDTH = 30
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _openpyxl_rows(content: bytes, sheet_index: int = 0) -> list[tuple[int, list]]:
    """The non-blank rows openpyxl reads (formulas as text), for comparison."""
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    sheet = book.worksheets[sheet_index]
    sheet.reset_dimensions()
    rows = []
    for line, row in enumerate(sheet.iter_rows(min_row=1, max_col=WIDTH), start=1):
        values = [getattr(c.value, "text", c.value) for c in row]
        if any(value is not None for value in values):
            rows.append((line, values))
    return rows


def _streamed_rows(content: bytes, sheet_index: int = 0) -> list[tuple[int, list]]:
    book = Workbook(content, limits_for(PACKS))
    return [
        (line, values)
        for line, values in book.rows(book.sheets[sheet_index], WIDTH)
        if any(value is not None for value in values)
    ]


@pytest.mark.parametrize("name", sorted(path.name for path in FILES.glob("*.xlsx")))
def test_libreoffice_files_give_the_values_openpyxl_gives(name):
    content = (FILES / name).read_bytes()
    assert _streamed_rows(content) == _openpyxl_rows(content)


PARTS = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr{epoch}/><sheets><sheet name="Lots" sheetId="1" r:id="rId1"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/></numFmts>
<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
</styleSheet>""",
    "xl/sharedStrings.xml": """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>Lot</t></si>
<si><r><rPr><b/></rPr><t>Ath</t></r><r><t xml:space="preserve">létisme </t></r><rPh sb="0" eb="1"><t>PHONÉTIQUE</t></rPh></si>
<si><t>a_x005F_x000D_b</t></si>
</sst>""",
    "xl/worksheets/sheet1.xml": """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="2"><c t="inlineStr"><is><r><t>ri</t></r><r><t>ch</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="str"><v>texte</v></c><c><v>1.5</v></c><c><v>12</v></c><c><v>1E3</v></c></row>
<row r="4"><c r="A4"><f t="shared" ref="A4:A6" si="0">B4+1</f><v>3</v></c><c r="B4"><v>2</v></c></row>
<row r="5"><c r="A5"><f t="shared" si="0"/><v>4</v></c></row>
<row r="6" spans="1:3" ht="12.8"><c r="A6"><f t="shared" si="0"/></c><c r="B6"><f t="array" ref="B6">SUM(A1:A3)</f></c><c r="C6" s="1"><v>45506</v></c><c r="D6" s="2"><v>45506.5</v></c><c r="E6" s="3"><v>0.4375</v></c><c r="F6" t="d"><v>2024-08-02T10:30:00</v></c></row>
<row r="7"><c r="A7" s="1"/><c r="XFD7"><v>1</v></c></row>
<row r="8"><c r="AE8"><f t="shared" ref="AE8:AE9" si="1">AF8*2</f></c></row>
<row r="9"><c r="AD9"><v>1</v></c><c r="AE9"><f t="shared" si="1"/></c></row>
<row r="10"><c r="A10"><f t="shared" si="2"/></c><c r="AF10"><f t="shared" ref="AF10:AF11" si="2">A1</f></c></row>
</sheetData></worksheet>""",
}


def _package(epoch: str = "", **replace: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**PARTS, **replace}.items():
            archive.writestr(name, text.replace("{epoch}", epoch).encode("utf-8"))
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_every_kind_of_cell_gives_the_value_openpyxl_gives():
    content = _package()
    assert _streamed_rows(content) == _openpyxl_rows(content)
    rows = dict(_streamed_rows(content))
    assert rows[1][:3] == ["Lot", "Athlétisme ", "a_x000D_b"]  # no phonetic reading
    assert rows[2][:7] == ["rich", True, "#N/A", "texte", 1.5, 12, 1000.0]
    assert [rows[n][0] for n in (4, 5, 6)] == ["=B4+1", "=B5+1", "=B6+1"]
    assert rows[6][1:6] == [
        "=SUM(A1:A3)",
        dt.datetime(2024, 8, 2),
        dt.datetime(2024, 8, 2, 12, 0),
        dt.time(10, 30),
        dt.datetime(2024, 8, 2, 10, 30),
    ]
    assert 7 not in rows  # its one value is in column XFD, not read
    assert rows[9][29] == 1


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_a_1904_workbook_dates_from_1904():
    content = _package(epoch=' date1904="1"')
    assert dict(_streamed_rows(content))[6][2] == dt.datetime(2028, 8, 3)
    assert _streamed_rows(content) == _openpyxl_rows(content)


def test_cells_past_the_width_are_never_read():
    book = Workbook(hostile.far_column_rows(1_000), limits_for(PACKS))
    rows = list(book.rows(book.sheets[0], 10))
    # Only the header row holds a cell within the width; rows of XFD cells give nothing.
    assert [(line, len(values)) for line, values in rows] == [(1, 10)]


@pytest.mark.parametrize(
    ("part", "text", "message"),
    [
        ("xl/worksheets/sheet1.xml", "<a>" * 100 + "</a>" * 100, "imbriqués sur plus de 64"),
        (
            "xl/sharedStrings.xml",
            f"<sst {MAIN}><si><t>{'x' * 40_000}</t></si></sst>",
            "32\u202f767",
        ),
        ("xl/worksheets/sheet1.xml", f"<worksheet {'a' * 1_100_000}='1'/>", "balise ou un texte"),
    ],
)
def test_xml_past_the_structural_limits_is_refused(part, text, message):
    content = _package(**{part: text})
    with pytest.raises(FileRejected, match=message):
        book = Workbook(content, limits_for(PACKS))
        list(book.rows(book.sheets[0], WIDTH))


def test_too_many_shared_texts_are_refused(settings):
    settings.IMPORT_MAX_ROWS = {"packs": 10}
    strings = "".join(f"<si><t>{n}</t></si>" for n in range(2_000))
    with pytest.raises(FileRejected, match="plus de 1\u202f200 textes différents"):
        Workbook(
            _package(**{"xl/sharedStrings.xml": f"<sst {MAIN}>{strings}</sst>"}), limits_for(PACKS)
        )

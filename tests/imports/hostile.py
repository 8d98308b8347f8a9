"""Hostile spreadsheets, built byte by byte: each is small on disk and huge once expanded.

Used by the reader tests (and runnable by hand to measure the reader: see `measure`).
"""

import io
import re
import zipfile

import openpyxl

from billetterie.imports.contracts import PACKS

SHEET = "xl/worksheets/sheet1.xml"
PACK_ROW = ["L1", "JO", "Judo", "JUD01", "27/07/2024", "10:00", "Arena", "Paris", 4, "non"]


def _workbook(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _rezip(content: bytes, replace: dict) -> bytes:
    """The same workbook with some parts' bytes changed by `replace[name](bytes) -> bytes`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in replace:
                data = replace[info.filename](data)
            target.writestr(info.filename, data)
    return out.getvalue()


def merge_bomb(rows: int = 1_048_576, header: bool = False) -> bytes:
    """One cell at the last row and `<mergeCell ref="XFD1:XFD{rows}"/>`: about 2 KB on disk,
    `rows` × 16,384 cells for a reader that pads rows and widens merged ranges."""
    lines = [[c.header for c in PACKS.columns], PACK_ROW] if header else [["Titre"]]
    content = _workbook(lines)

    def patch(xml: bytes) -> bytes:
        last = f'<row r="{rows}"><c r="A{rows}" t="inlineStr"><is><t>x</t></is></c></row>'
        xml = xml.replace(b"</sheetData>", last.encode() + b"</sheetData>")
        xml = re.sub(rb'<dimension ref="[^"]*"/>', f'<dimension ref="A1:XFD{rows}"/>'.encode(), xml)
        merge = f'<mergeCells count="1"><mergeCell ref="XFD1:XFD{rows}"/></mergeCells>'
        return xml.replace(b"</sheetData>", b"</sheetData>" + merge.encode(), 1)

    return _rezip(content, {SHEET: patch})


def _streamed_sheet(content: bytes, rows_xml, dimension: str) -> bytes:
    """`content` with its first sheet's rows replaced by the rows `rows_xml` yields, written
    as a stream straight into a deflated zip entry (never held whole in memory)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as target,
    ):
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
                continue
            xml = source.read(SHEET)
            head, tail = xml.split(b"<sheetData>", 1) if b"<sheetData>" in xml else (xml, b"")
            head = re.sub(
                rb'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>'.encode(), head
            )
            tail = tail.split(b"</sheetData>", 1)[1] if tail else b""
            with target.open(SHEET, "w", force_zip64=True) as stream:
                stream.write(head + b"<sheetData>")
                batch = []
                for row in rows_xml:
                    batch.append(row)
                    if len(batch) == 10_000:
                        stream.write("".join(batch).encode())
                        batch.clear()
                stream.write("".join(batch).encode())
                stream.write(b"</sheetData>" + tail)
    return out.getvalue()


def _header_xml(contract=PACKS) -> str:
    cells = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(i)}1" t="inlineStr"><is><t>{c.header}</t></is></c>'
        for i, c in enumerate(contract.columns, start=1)
    )
    return f'<row r="1">{cells}</row>'


def many_rows(rows: int = 1_000_000) -> bytes:
    """A packs header and `rows` short data rows (one number each), deflated: a few MB."""

    def rows_xml():
        yield _header_xml()
        for n in range(2, rows + 2):
            yield f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'

    return _streamed_sheet(_workbook([["x"]]), rows_xml(), f"A1:J{rows + 1}")


def far_column_rows(rows: int = 100_000, contract=PACKS) -> bytes:
    """A header, then `rows` rows holding one cell each in the last column (XFD)."""

    def rows_xml():
        yield _header_xml(contract)
        for n in range(2, rows + 2):
            yield f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'

    return _streamed_sheet(_workbook([["x"]]), rows_xml(), f"A1:XFD{rows + 1}")


def wide_csv(columns: int = 5_000_000) -> bytes:
    """A packs header, then one line of `columns` columns."""
    header = ";".join(c.header for c in PACKS.columns)
    return (header + "\n" + "x;" * columns + "\n").encode()


def measure(kind: str, path: str) -> None:
    """`python -c 'import hostile; hostile.measure("xlsx", "/tmp/f.xlsx")'`: time and peak memory."""
    import resource
    import time

    from billetterie.imports.reader import FileRejected, table_read

    content = open(path, "rb").read()  # noqa: SIM115, PTH123
    start = time.monotonic()
    try:
        table = table_read(name=f"f.{kind}", content=content, contract=PACKS)
        outcome = f"read, {len(table.rows)} rows"
    except FileRejected as error:
        outcome = f"refused: {error}"
    elapsed = time.monotonic() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path}: {elapsed:.2f} s, peak {peak:.0f} MiB; {outcome}")

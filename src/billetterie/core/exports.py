"""Formula-safe spreadsheet writers: no cell content is ever read back as a formula by a spreadsheet.

Two ways to keep text as text:
- `neutralise` (the default of `workbook_bytes`, and always for CSV, which has no cell types):
  text starting like a formula (= + - @ tab CR) gets a leading apostrophe;
- `workbook_bytes(..., exact_text=True)`: every text is written unchanged as a text cell marked
  "quote prefix" (the flag a spreadsheet sets when one types '=…): read back it is exactly what was
  entered, Excel and LibreOffice show it as text, and editing the cell keeps it text.
"""

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


# After the neutralising apostrophe comes a formula trigger, or another apostrophe: a text that
# itself starts with "'=" or "''" gets one more, so that `unneutralise` gives back exactly what
# was entered ("'Ali" stays "'Ali"; "'=x" is written "''=x" and read back "'=x").
ESCAPED = (*FORMULA_TRIGGERS, "'")


def neutralise(value):
    """Text starting like a formula gets a leading apostrophe and stays text."""
    if isinstance(value, str) and (
        value.startswith(FORMULA_TRIGGERS) or (value.startswith("'") and value[1:2] in ESCAPED)
    ):
        return "'" + value
    return value


def unneutralise(value):
    """The reverse, for a file coming back: "'=x" is the text "=x" (unneutralise(neutralise(v))
    is v for every text)."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in ESCAPED:
        return value[1:]
    return value


def workbook_bytes(
    *, title: str, intro: list[str], headers: list[str], rows, widths=None, exact_text=False
) -> bytes:
    """One sheet: title lines, a bold header row, then the rows; dates shown as JJ/MM/AAAA.

    `exact_text`: texts are kept as entered (no apostrophe added), in quote-prefixed text cells."""
    clean = _as_entered if exact_text else neutralise
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for line in intro:
        sheet.append([clean(line)])
        _force_text(sheet, sheet.max_row, exact_text)
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([clean(v) for v in values])
        _force_text(sheet, sheet.max_row, exact_text)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_entered(value):
    return value


def _force_text(sheet, row_number: int, quote_prefix: bool = False) -> None:
    for cell in sheet[row_number]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
            if quote_prefix:
                cell.quotePrefix = True
        elif isinstance(cell.value, dt.date):
            cell.number_format = "DD/MM/YYYY"


def csv_bytes(*, headers: list[str], rows, intro: list[str] = ()) -> bytes:
    """Semicolon-separated, every field quoted, UTF-8 with a BOM (Excel then reads the accents);
    texts neutralised (a CSV has no cell types), dates as JJ/MM/AAAA; `intro` lines come first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for line in intro:
        writer.writerow([neutralise(line)])
    writer.writerow([neutralise(h) for h in headers])
    for values in rows:
        writer.writerow([_csv_value(v) for v in values])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return neutralise(str(value))


def xlsx_stream(stream, *, title: str, headers: list[str], rows, intro: list[str] = ()) -> int:
    """Write one sheet to a binary `stream` in openpyxl's write-only mode (memory stays flat however
    many rows): `intro` lines, a bold header row, then the rows, texts kept exactly as entered in
    quote-prefixed text cells (as `workbook_bytes(exact_text=True)`); returns the rows written.
    Datetimes must be naive (local time): a spreadsheet has no time zones."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    bold = Font(bold=True)

    def cells(values, font=None):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
                cell.quotePrefix = True
            elif isinstance(value, dt.datetime):
                cell.number_format = "DD/MM/YYYY HH:MM"
            elif isinstance(value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            if font is not None:
                cell.font = font
            out.append(cell)
        return out

    sheet.freeze_panes = f"A{len(intro) + 2}"
    for line in intro:
        sheet.append(cells([line]))
    sheet.append(cells(headers, bold))
    count = 0
    for values in rows:
        sheet.append(cells(values))
        count += 1
    book.save(stream)
    return count


def csv_stream(stream, *, headers: list[str], rows, intro: list[str] = ()) -> int:
    """`csv_bytes`, written row by row to a binary `stream`; returns the rows written."""
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    text.write("\ufeff")
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for line in intro:
        writer.writerow([neutralise(line)])
    writer.writerow([neutralise(h) for h in headers])
    count = 0
    for values in rows:
        writer.writerow([_csv_value(v) for v in values])
        count += 1
    text.flush()
    text.detach()
    return count

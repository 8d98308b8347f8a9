"""A formula-safe XLSX writer: no cell content is ever read back as a formula by a spreadsheet."""

import csv
import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text starting like a formula gets a leading apostrophe and stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def unneutralise(value):
    """The reverse, for a file coming back: "'=x" is the text "=x"."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_TRIGGERS:
        return value[1:]
    return value


def workbook_bytes(*, title: str, intro: list[str], headers: list[str], rows, widths=None) -> bytes:
    """One sheet: title lines, a bold header row, then the rows; dates shown as JJ/MM/AAAA."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    for line in intro:
        cell_row = [neutralise(line)]
        sheet.append(cell_row)
        _force_text(sheet, sheet.max_row)
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for values in rows:
        sheet.append([neutralise(v) for v in values])
        _force_text(sheet, sheet.max_row)
    for index, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _force_text(sheet, row_number: int) -> None:
    for cell in sheet[row_number]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would otherwise store "=…" as a formula
        elif isinstance(cell.value, dt.date):
            cell.number_format = "DD/MM/YYYY"


def csv_bytes(*, headers: list[str], rows, intro: list[str] = ()) -> bytes:
    """A CSV file as French spreadsheets open it: semicolons, UTF-8 with its mark, dates as
    JJ/MM/AAAA, every text that starts like a formula neutralised as in the XLSX files."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in intro:
        writer.writerow([neutralise(line)])
    writer.writerow(headers)
    for values in rows:
        writer.writerow(
            [
                "" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v
                for v in (neutralise(v) for v in values)
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")

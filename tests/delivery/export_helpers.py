"""Helpers of the nominative-export tests: a named group through the real services, files read back."""

import csv
import io

import openpyxl

from billetterie.core.exports import unneutralise


def xlsx_table(content: bytes) -> list[list]:
    """The rows under the header row (the first row is the title), as cell values."""
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    return rows[1:]


def csv_table(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    return [[unneutralise(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=";")]


def stored(export) -> bytes:
    with export.file.open("rb") as stream:
        return stream.read()

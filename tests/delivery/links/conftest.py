"""Fixtures for the delivery of tickets: packs accepted by associations, spreadsheets to import."""

import io

import openpyxl
import pytest

from billetterie.core import clock


@pytest.fixture(autouse=True)
def _spring_2024(settings, tmp_path):
    """The platform stands in June 2024: names sent, sessions to come; files in a temporary place."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with clock.frozen_at("2024-06-10"):
        yield


def xlsx(rows, *, title_rows=(), merged_title=True) -> bytes:
    """A real workbook as a person makes one: title rows above the header (merged across the
    columns), the rows, and blank rows in between when a row is None."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Liens"
    for title in title_rows:
        sheet.append([title])
    if title_rows and merged_title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
    for row in rows:
        sheet.append([] if row is None else list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_cp1252(rows) -> bytes:
    """A semicolon CSV in the Windows encoding, as Excel in French saves it."""
    lines = [";".join("" if v is None else str(v) for v in row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


# The attendees fixtures that name a group and send the names (same builders, one place).
from tests.attendees.conftest import accept, name_group, people, send_names  # noqa: E402, F401

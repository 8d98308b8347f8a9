"""« La liste des lots acceptés » for the ticket office: one row per accepted pack, « Lien » empty,
no personal data, nothing read as a formula; filled in, it comes back through the links import
as it is (a row left without a link is set aside, not an error)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from billetterie.core.models import AuditEntry
from billetterie.delivery.links import links_request_workbook
from billetterie.delivery.models import TicketLink
from billetterie.imports.links import links_import
from tests import factories

pytestmark = pytest.mark.django_db


def _rows(content: bytes):
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.values]
    start = next(i for i, r in enumerate(rows) if r[0] == "Lot")
    return rows[start], rows[start + 1 :]


def test_one_row_per_accepted_pack_with_an_empty_link(campaign, association, accept):
    accept(association, reference="LOT-A", size=4)
    accept(association, reference="=HYPERLINK(1)", size=2)
    factories.pack(campaign=campaign, size=3, reference="LOT-LIBRE")  # not accepted
    before = AuditEntry.objects.count()
    header, rows = _rows(links_request_workbook(campaign=campaign))
    assert header[:3] == ["Lot", "Billet", "Lien"]
    assert sorted(r[0] for r in rows) == ["=HYPERLINK(1)", "LOT-A"]
    assert all(r[1] is None and r[2] is None for r in rows)
    assert AuditEntry.objects.count() == before  # no personal data: nothing to audit
    sheet = openpyxl.load_workbook(io.BytesIO(links_request_workbook(campaign=campaign))).active
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_the_filled_list_comes_back_through_the_import(campaign, association, accept):
    accept(association, reference="LOT-A", size=4)
    accept(association, reference="LOT-B", size=2)
    book = openpyxl.load_workbook(io.BytesIO(links_request_workbook(campaign=campaign)))
    sheet = book.active
    for row in sheet.iter_rows():
        if row[0].value == "LOT-A":
            row[2].value = "https://billetterie.example.org/lot/A"
    out = io.BytesIO()
    book.save(out)
    result = links_import(
        campaign=campaign, file=SimpleUploadedFile("lots.xlsx", out.getvalue()), actor=None
    )
    assert result.ok, result.errors
    assert result.created == 1
    assert result.related == {"rows_without_link": 1}
    assert "lignes sans lien, laissées de côté : 1" in result.summary()
    assert list(TicketLink.objects.values_list("pack__reference", flat=True)) == ["LOT-A"]

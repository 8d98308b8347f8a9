"""The report for the funder: no personal data anywhere (names, e-mails, birth dates, association
names), totals equal to the dashboard's, audited, operator only."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from billetterie.attendees.models import Person
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.members.models import Association
from billetterie.reporting.dashboard import campaign_dashboard
from billetterie.reporting.funder import funder_pdf, funder_report, funder_xlsx, is_overseas
from tests.reporting.dashboard_world import build_world

pytestmark = pytest.mark.django_db
NOW = "2024-04-10T10:00:00+02:00"


@pytest.fixture
def world(campaign, make_association):
    with clock.frozen_at(NOW):
        return build_world(campaign, make_association)


def _private_words(campaign) -> set[str]:
    words = set()
    for p in Person.objects.filter(campaign=campaign):
        words |= {p.last_name, p.email, p.mobile_phone}
        if p.birth_date:
            words |= {p.birth_date.strftime("%d/%m/%Y"), p.birth_date.isoformat()}
    words |= set(Association.objects.values_list("name", flat=True))
    return {w for w in words if w}


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [c.value for sheet in book for row in sheet.iter_rows() for c in row if c.value]


def test_no_personal_data_in_the_pdf_nor_the_xlsx(campaign, world):
    with clock.frozen_at(NOW):
        report = funder_report(campaign=campaign, today=clock.today())
    private = _private_words(campaign)
    assert "Durand" in private and "lea.martin@exemple.org" in private and "Le Phare" in private
    text = _pdf_text(funder_pdf(report))
    cells = " ".join(str(v) for v in _xlsx_cells(funder_xlsx(report)))
    assert "Bilan pour le financeur" in text and "Outre-mer" in text and "Lille" in text
    for word in private:
        assert word not in text, word
        assert word not in cells, word


def test_totals_equal_the_dashboard(campaign, world):
    with clock.frozen_at(NOW):
        report = funder_report(campaign=campaign, today=clock.today())
        board = campaign_dashboard(campaign=campaign, now=clock.now())
    assert report.total.distributed == board.totals.counts["accepted"] == 27
    assert report.total.used == board.totals.counts["attended"] == 4
    for title, lines in report.sections:
        assert sum(line.distributed for line in lines) == report.total.distributed, title
        assert sum(line.used for line in lines) == report.total.used, title
    by_games = {line.label: line.distributed for line in report.sections[0][1]}
    assert sorted(by_games.values()) == sorted(r.counts["accepted"] for r in board.by_games)
    where = {line.label: line.distributed for line in report.sections[4][1]}
    # Le Phare (97400) holds the 4 tickets of its named group.
    assert where == {"Outre-mer": 4, "France métropolitaine": 23}
    member = {line.label: (line.associations, line.distributed) for line in report.sections[2][1]}
    assert member["Associations non adhérentes"] == (1, 6)


def test_overseas_postal_codes():
    assert is_overseas("97400") and is_overseas("98800") and is_overseas("97150")
    assert not is_overseas("75011") and not is_overseas("20000") and not is_overseas("09700")


def test_download_is_audited_and_operator_only(client, campaign, world, operator_user):
    url = reverse("backoffice:funder_report", args=[campaign.slug])
    client.force_login(operator_user)
    assert client.get(url).status_code == 405
    with clock.frozen_at(NOW):
        pdf = client.post(url, {"format": "pdf"})
        xlsx = client.post(url, {"format": "xlsx"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")
    assert xlsx.status_code == 200 and "spreadsheet" in xlsx["Content-Type"]
    entries = AuditEntry.objects.filter(action="reporting.funder_report_downloaded")
    assert [e.details["type"] for e in entries.order_by("pk")] == ["pdf", "xlsx"]
    assert entries.first().details["tickets_distributed"] == 27

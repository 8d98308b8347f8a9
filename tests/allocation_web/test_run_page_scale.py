"""The run page of a large run: associations a page at a time, a search by name, and only the
page's packs loaded (a national run proposes packs to thousands of associations)."""

import re

import pytest
from django.urls import reverse

from billetterie.allocation.models import RunStatus
from billetterie.allocation.selectors import ROWS_PER_PAGE, run_preview
from billetterie.offers.waves import wave_run_start
from tests import factories as f

COUNT = ROWS_PER_PAGE + 5


@pytest.fixture
def big_run(campaign, make_association, operator_user, django_capture_on_commit_callbacks):
    for n in range(COUNT):
        association = make_association(name=f"Éclaireurs n° {n:02d}")
        f.application(
            campaign=campaign, association=association, youth=3, supervisors=1, cities=("Paris",)
        )
        f.pack(campaign=campaign, size=4, city="Paris")
    with django_capture_on_commit_callbacks(execute=True):
        run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    return run


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 2)[-1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)', body)


def test_the_run_page_lists_associations_a_page_at_a_time(client, operator_user, big_run):
    client.force_login(operator_user)
    url = reverse("backoffice:run", kwargs={"campaign_slug": big_run.campaign.slug, "number": 1})
    first = client.get(url).content.decode()
    assert len(_rows(first)) == ROWS_PER_PAGE
    assert f"associations 1 à {ROWS_PER_PAGE} sur {COUNT}" in first
    assert "page=2" in first
    second = client.get(url, {"page": 2}).content.decode()
    assert len(_rows(second)) == COUNT - ROWS_PER_PAGE
    # Every association once over both pages, in the page's order.
    assert sorted(_rows(first) + _rows(second)) == [f"Éclaireurs n° {n:02d}" for n in range(COUNT)]
    # A page past the end shows the last one; a page that is not a number, the first.
    assert _rows(client.get(url, {"page": 99}).content.decode()) == _rows(second)
    assert _rows(client.get(url, {"page": "x"}).content.decode()) == _rows(first)


def test_a_search_finds_an_association_whatever_its_accents_and_case(
    client, operator_user, big_run
):
    client.force_login(operator_user)
    url = reverse("backoffice:run", kwargs={"campaign_slug": big_run.campaign.slug, "number": 1})
    html = client.get(url, {"association": "eclaireurs N° 07"}).content.decode()
    assert _rows(html) == ["Éclaireurs n° 07"]
    none = client.get(url, {"association": "Scouts"}).content.decode()
    assert "Aucune association de ce calcul ne porte « Scouts »" in none


def test_only_the_page_rows_carry_their_packs(big_run):
    preview = run_preview(run=big_run, page_number=2)
    assert len(preview["rows"]) == COUNT - ROWS_PER_PAGE
    assert all("assignments" in row for row in preview["rows"])
    assert sum(len(r["assignments"]) for r in preview["rows"]) <= COUNT - ROWS_PER_PAGE
    assert preview["organisations"] == COUNT


def test_a_frozen_run_is_read_once_a_ready_one_at_each_view(big_run):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from billetterie.allocation.models import AllocationRun

    def queries():
        run = AllocationRun.objects.get(pk=big_run.pk)
        with CaptureQueriesContext(connection) as ctx:
            run_preview(run=run)
        return len(ctx.captured_queries)

    ready = queries()
    assert queries() == ready  # a ready run can still be moved by hand: read each time
    AllocationRun.objects.filter(pk=big_run.pk).update(status=RunStatus.DISCARDED)
    first = queries()
    assert queries() == 1 < first  # only the page's packs

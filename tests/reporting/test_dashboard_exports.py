"""The issue's Done-when: every number of the dashboard equals a count over its export. For each
figure, the real export job runs with the figure's (list, filters) and the rows of the CSV file
it produced are counted: plain rows, or — for the figures in tickets — the sum of the « Billets »
column (packs, offers), the people present (« Jeunes présents » + « Encadrants présents ») or the
distinct associations (« Identifiant de l'association »), as the figure's `unit` says."""

import csv
import io

import pytest
from django.core.management import call_command

from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.reporting.build import export_job_run
from billetterie.reporting.dashboard import campaign_dashboard
from billetterie.reporting.jobs import export_job_file, export_job_request
from billetterie.reporting.models import ExportStatus
from tests.reporting.dashboard_world import build_world

pytestmark = pytest.mark.django_db
NOW = "2024-04-10T10:00:00+02:00"


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def every_figure(board):
    for row in [*board.by_games, *board.by_city, board.totals]:
        yield from row.figures()
    for row in board.satisfaction:
        yield from [row["applicants_figure"], row["served_figure"], *row["figures"]]
    yield from [board.small["associations"], board.small["tickets"], board.small["all_tickets"]]
    yield from board.due
    for row in board.nominative:
        yield from [row["named"], row["submitted"]]
    yield from board.waiting
    yield from board.delivery
    yield from board.contest or []


def measure(table: list[dict], unit: str) -> int:
    if unit == "rows":
        return len(table)
    if unit == "tickets":
        return sum(int(r["Billets"]) for r in table)
    if unit == "present":
        return sum(int(r["Jeunes présents"]) + int(r["Encadrants présents"]) for r in table)
    if unit == "associations":
        return len({r["Identifiant de l'association"] for r in table})
    raise AssertionError(unit)


def exported(campaign, operator_user, kind, filters) -> list[dict]:
    job = export_job_request(
        campaign=campaign, kind=kind, file_format="csv", actor=operator_user, filters=filters
    )
    export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    assert job.filters == {k: str(v) for k, v in filters.items()}
    text = export_job_file(job=job, actor=operator_user).content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def check_every_figure(campaign, operator_user) -> int:
    board = campaign_dashboard(campaign=campaign, now=clock.now())
    checked = 0
    for figure in every_figure(board):
        if figure.target is None:  # a state, not a count (the deliberation closed or not)
            continue
        kind, filters = figure.target
        table = exported(campaign, operator_user, kind, filters)
        assert measure(table, figure.unit) == figure.value, (figure.label, figure.target)
        checked += 1
    return checked


def test_every_figure_equals_the_count_of_its_export_file(
    campaign, make_association, operator_user
):
    with clock.frozen_at(NOW):
        build_world(campaign, make_association)
        checked = check_every_figure(campaign, operator_user)
    assert checked >= 85


def test_on_the_demo_after_wave_1(campaign, operator_user):
    """The demo as a new user sees it after wave 1 (load_demo, then `allocate --publish`): about
    45 seconds, most of it the demo and the allocation."""
    call_command("load_demo", "--force", verbosity=0)
    call_command(
        "allocate", "--campaign", "cnape-2024", "--games", "JO", "--scope", "call",
        "--time-limit", "20", "--publish", verbosity=0,
    )  # fmt: skip
    demo = Campaign.objects.get(slug="cnape-2024")
    assert check_every_figure(demo, operator_user) >= 60

"""The dashboard: each figure equals an independent count over the list it links to; the same
number of queries with 10 and with 1,000 associations; the page and its links."""

import datetime as dt
from collections import defaultdict
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    Holder,
    NameChange,
    Submission,
)
from billetterie.contest.models import Participation
from billetterie.core import clock
from billetterie.delivery.models import AttendanceReport, LeaderAccess
from billetterie.inventory.models import Ticket
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.reporting.chart_data import dashboard_charts
from billetterie.reporting.dashboard import (
    campaign_dashboard,
    due_bucket,
    satisfaction_bucket,
    small_threshold,
)
from billetterie.requests.models import Application
from tests import factories
from tests.reporting.dashboard_world import build_world, offer

pytestmark = pytest.mark.django_db
NOW = "2024-04-10T10:00:00+02:00"


# Independent counts: each reads the rows of one list with its filters, and counts them in Python.


def _in_place(games, city, session) -> bool:
    return (not games or session.games.code == games) and (
        city is None or str(session.venue.host_city_id) == str(city)
    )


def _requests(campaign) -> dict[int, dict[str, int]]:
    asked: dict[int, dict[str, int]] = defaultdict(dict)
    for app in Application.objects.filter(campaign=campaign, is_eligible=True).select_related(
        "games"
    ):
        asked[app.association_id][app.games.code] = app.youth + app.supervisors
    return asked


def _received(campaign) -> dict[tuple[int, str], int]:
    got: dict[tuple[int, str], int] = defaultdict(int)
    for o in Offer.objects.filter(campaign=campaign, status=OfferStatus.ACCEPTED).select_related(
        "pack__session__games"
    ):
        got[(o.association_id, o.pack.session.games.code)] += o.pack.size
    return got


def _small(campaign) -> set[int]:
    totals = {a: sum(g.values()) for a, g in _requests(campaign).items()}
    ordered = sorted(v for v in totals.values() if v > 0)
    median = ordered[(len(ordered) - 1) // 2]
    return {a for a, v in totals.items() if 0 < v <= median}


def count_over(campaign, figure, now) -> int:
    name, filters = figure.target
    games, city = filters.get("games", ""), filters.get("city")
    if name == "packs":
        tickets = Ticket.objects.filter(
            pack__campaign=campaign, pack__status=filters["status"]
        ).select_related("pack__session__games", "pack__session__venue")
        return sum(1 for t in tickets if _in_place(games, city, t.pack.session))
    if name == "offers":
        small = _small(campaign) if filters.get("size") == "small" else None
        offers = Offer.objects.filter(campaign=campaign, status=filters["status"]).select_related(
            "pack__session__games", "pack__session__venue"
        )
        return sum(
            (o.pack.size if figure.unit == "tickets" else 1)
            for o in offers
            if _in_place(games, city, o.pack.session)
            and ("due" not in filters or due_bucket(o.expires_at, now) == filters["due"])
            and (small is None or o.association_id in small)
        )
    if name == "attendance":
        reports = AttendanceReport.objects.filter(campaign=campaign).select_related(
            "group__session__games", "group__session__venue"
        )
        return sum(
            r.youth_present + r.supervisors_present
            for r in reports
            if _in_place(games, city, r.group.session)
        )
    if name == "holders":
        confirmed = set(
            LeaderAccess.objects.filter(confirmed_at__isnull=False).values_list(
                "group_id", flat=True
            )
        )
        holders = Holder.objects.filter(campaign=campaign).select_related(
            "ticket__pack__session__games", "ticket__pack__session__venue"
        )
        return sum(
            1
            for h in holders
            if h.ticket.pack.status == "accepted"
            and _in_place(games, city, h.ticket.pack.session)
            and (not filters.get("delivered") or h.group_id in confirmed)
        )
    if name == "applications":
        asked, got = _requests(campaign), _received(campaign)
        if filters.get("size") == "small":
            return len(_small(campaign))
        n = 0
        for association_id, per_games in asked.items():
            for code, requested in per_games.items():
                if code != games:
                    continue
                received = got.get((association_id, code), 0)
                share = Fraction(min(received, requested), requested) * 100
                bucket = filters.get("satisfaction")
                if filters.get("served") and not received:
                    continue
                if bucket is not None and bucket != _bucket_by_bounds(share):
                    continue
                n += 1
        return n
    if name == "submissions":  # the associations that sent their names for these Games
        return Submission.objects.filter(campaign=campaign, games__code=games).count()
    if name in ("derogations", "name_changes"):
        model = Derogation if name == "derogations" else NameChange
        return sum(1 for x in model.objects.filter(campaign=campaign) if x.is_pending)
    if name == "letters" and filters["status"] == "pending":
        return sum(1 for x in CommitmentLetter.objects.filter(campaign=campaign) if x.is_pending)
    if name == "letters":
        return len(
            {
                letter.association_id
                for letter in CommitmentLetter.objects.filter(campaign=campaign)
                if letter.status == filters["status"]
            }
        )
    raise AssertionError(f"no independent count for {figure}")


def _bucket_by_bounds(share: Fraction) -> str:
    if share == 0:
        return "0"
    if share == 100:
        return "100"
    for key, low, high in (
        ("1-24", 0, 25),
        ("25-49", 25, 50),
        ("50-74", 50, 75),
        ("75-99", 75, 100),
    ):
        if low <= share < high:
            return key
    raise AssertionError(share)


def _all_figures(board):
    for row in [*board.by_games, *board.by_city, board.totals]:
        yield from row.figures()
    for row in board.satisfaction:
        yield from [row["applicants_figure"], row["served_figure"], *row["figures"]]
    yield from [board.small["associations"], board.small["tickets"], board.small["all_tickets"]]
    yield from board.due
    for row in board.nominative:
        yield from [row["named"], row["submitted"]]
    yield from board.waiting


@pytest.fixture
def world(campaign, make_association):
    with clock.frozen_at(NOW):
        return build_world(campaign, make_association)


def test_every_figure_equals_a_count_over_its_list(campaign, world):
    with clock.frozen_at(NOW):
        now = clock.now()
        board = campaign_dashboard(campaign=campaign, now=now)
        checked = 0
        for figure in _all_figures(board):
            name, filters = figure.target
            if (
                name == "applications"
                and not filters.get("satisfaction")
                and not filters.get("served")
                and filters.get("size") != "small"
            ):
                expected = sum(1 for g in _requests(campaign).values() if filters["games"] in g)
            else:
                expected = count_over(campaign, figure, now)
            assert figure.value == expected, (figure.label, figure.target)
            checked += 1
    assert checked >= 80
    # The world is not trivial: every ticket status is non-zero for the whole campaign.
    assert all(board.totals.counts[s] for s in board.totals.counts), dict(board.totals.counts)
    assert [f.value for f in board.due] == [0, 1, 1, 1]


def test_figures_of_the_world_in_plain_numbers(campaign, world):
    """A few figures by hand, so that the rule itself is checked, not only its consistency."""
    with clock.frozen_at(NOW):
        board = campaign_dashboard(campaign=campaign, now=clock.now())
    t = board.totals.counts
    # accepted: 8 + 4 + 6 (offers) + 4 + 5 (named groups); offered: 4 + 2 + 3.
    assert (t["accepted"], t["offered"], t["withdrawn"]) == (27, 9, 5)
    assert (t["declined"], t["expired"]) == (3, 2)
    assert (t["named"], t["delivered"], t["attended"]) == (9, 4, 4)
    og = next(r for r in board.satisfaction if r["code"] == "OG")
    # Lucioles 8 + 5 of 40 (25-49), Horizon 6 of 12 (50-74), Le Phare 4 of 4 (100), Sans rien 0.
    assert og["buckets"] == {"0": 1, "1-24": 0, "25-49": 1, "50-74": 1, "75-99": 0, "100": 1}
    # Requests 48, 12, 4, 6: the low median is 6 → Le Phare and Sans rien are small; of the
    # 27 accepted tickets, Le Phare holds 4.
    assert board.small["threshold"] == 6
    assert (board.small["tickets"].value, board.small["all_tickets"].value) == (4, 27)
    assert board.small["percent"] == 15


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=400))
def test_satisfaction_bucket_is_the_exact_share(received, requested):
    share = Fraction(min(received, requested), requested) * 100
    assert satisfaction_bucket(received, requested) == _bucket_by_bounds(share)


@given(st.lists(st.integers(min_value=0, max_value=500), max_size=30))
def test_small_threshold_leaves_at_least_half_the_asking_at_or_under_it(requests):
    threshold = small_threshold(requests)
    asking = [r for r in requests if r > 0]
    if not asking:
        assert threshold == 0
        return
    assert threshold in asking
    assert 2 * sum(1 for r in asking if r <= threshold) >= len(asking)
    assert 2 * sum(1 for r in asking if r < threshold) < len(asking)


def _associations(campaign, n: int, start: int) -> list[Association]:
    made = Association.objects.bulk_create(
        Association(
            operator=campaign.operator,
            identifier=f"BULK{start + i:05d}",
            name=f"Association en nombre {start + i}",
            postal_code="97400" if i % 7 == 0 else "69001",
            town="Lyon",
            departement="69",
            is_member=i % 3 != 0,
        )
        for i in range(n)
    )
    if not made[0].pk:  # a database that does not return the keys of a bulk insert
        made = list(Association.objects.filter(identifier__startswith="BULK").order_by("pk"))[-n:]
    games = factories.Games.objects.get(code="OG")
    Application.objects.bulk_create(
        Application(
            campaign=campaign,
            association=a,
            games=games,
            youth=1 + i % 40,
            supervisors=i % 3,
            received_on=dt.date(2023, 9, 20),
        )
        for i, a in enumerate(made)
    )
    return made


def _queries(campaign) -> list[str]:
    """The dashboard's figures and the charts it embeds (drawn, as the page draws them)."""
    with CaptureQueriesContext(connection) as ctx:
        board = campaign_dashboard(campaign=campaign, now=clock.now())
        for chart in dashboard_charts(board):
            chart.html()
    return [q["sql"] for q in ctx.captured_queries]


def test_same_queries_with_10_and_with_1000_associations(campaign, world):
    with clock.frozen_at(NOW):
        few = _associations(campaign, 10, 0)
        for a in few[:3]:
            offer(campaign, a, status=OfferStatus.ACCEPTED, size=2)
        with_10 = _queries(campaign)
        many = _associations(campaign, 990, 10)
        for a in many[:40]:
            offer(campaign, a, status=OfferStatus.ACCEPTED, size=2)
        assert Association.objects.count() >= 1000
        with_1000 = _queries(campaign)
    assert len(with_10) == len(with_1000)
    assert len(with_1000) <= 28


def test_the_page_links_every_figure_to_its_list(client, campaign, world, operator_user):
    client.force_login(operator_user)
    with clock.frozen_at(NOW):
        response = client.get(reverse("backoffice:dashboard", args=[campaign.slug]))
        assert response.status_code == 200
        html = response.content.decode()
        slug = campaign.slug
        packs_url = reverse("backoffice:packs", args=[slug])
        assert f'href="{packs_url}?games=OG&amp;status=available"' in html
        assert "status=pending&amp;due=today" in html
        assert "Télécharger le bilan pour le financeur (PDF)" in html
        for chart_id in ("chart-cities", "chart-satisfaction-buckets", "chart-waves"):
            assert f'id="{chart_id}-heading"' in html
        assert "Voir le tableau" in html
        exports_url = reverse("backoffice:exports", args=[slug])
        assert (
            f'href="{exports_url}?kind=holders&amp;games=OG&amp;delivered=1#liste-choisie"' in html
        )
        chosen = client.get(exports_url, {"kind": "holders", "games": "OG", "delivered": "1"})
        assert chosen.context["chosen"]["rows"] == 4
        assert "Remis : le responsable du groupe a récupéré les billets" in chosen.content.decode()
        # The offers list the « due today » figure links to shows the same tickets.
        listed = client.get(
            reverse("backoffice:offers", args=[slug]), {"status": "pending", "due": "today"}
        )
        assert listed.context["tickets"] == 4 and listed.context["page"].paginator.count == 1
        assert [o.pack.size for o in listed.context["page"]] == [4]
        packs = client.get(
            reverse("backoffice:packs", args=[slug]), {"games": "OG", "status": "accepted"}
        )
        board = campaign_dashboard(campaign=campaign, now=clock.now())
        og = next(r for r in board.by_games if r.key == {"games": "OG"})
        assert packs.context["totals"]["tickets"] == og.counts["accepted"]


def test_campaign_page_leads_to_the_dashboard(client, campaign, operator_user):
    client.force_login(operator_user)
    response = client.get(reverse("backoffice:campaign", args=[campaign.slug]))
    assert reverse("backoffice:dashboard", args=[campaign.slug]) in response.content.decode()


def test_contest_appears_once_it_has_participations(campaign, world):
    with clock.frozen_at(NOW):
        assert campaign_dashboard(campaign=campaign, now=clock.now()).contest is None
        a = world[0]
        Participation.objects.create(
            campaign=campaign, association=a, group_size=4, confirmed_at=clock.now()
        )
        contest = campaign_dashboard(campaign=campaign, now=clock.now()).contest
    assert contest[0].value == 1


def test_empty_campaign(campaign):
    board = campaign_dashboard(campaign=campaign, now=clock.now())
    assert board.by_games == [] and board.satisfaction == [] and board.small["percent"] is None
    assert [f.value for f in board.waiting] == [0, 0, 0, 0]
    assert sum(f.value for f in board.delivery) == 0

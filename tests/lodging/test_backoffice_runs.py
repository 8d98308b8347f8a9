"""The run pages at scale and a run whose worker stopped: a stuck run no longer blocks the
campaign, the run page is built from a fixed number of queries and stays small, one group is
moved on a page of its own, abandoning is confirmed first."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from billetterie.backoffice.views import lodging as lodging_views
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.lodging.compute import run_execute
from billetterie.lodging.instance import host_id, instance_build, need_id
from billetterie.lodging.models import MatchingRun, Placement, PlacementStatus, RunStatus
from billetterie.lodging.selectors.backoffice import (
    STUCK_ERROR,
    abandon_weight,
    offers_of,
    publish_weight,
    run_in_progress,
    run_stuck,
)
from billetterie.lodging.services.matching import run_abandon, run_start
from tests.lodging.backoffice_world import need, offer

pytestmark = pytest.mark.django_db


def url(name, campaign, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


def waiting(campaign, *, status=RunStatus.RUNNING, seen_ago=dt.timedelta(0), time_limit=10.0):
    return MatchingRun.objects.create(
        campaign=campaign,
        status=status,
        time_limit=time_limit,
        progress="Calcul en cours",
        created_at=clock.now(),
        heartbeat_at=timezone.now() - seen_ago,
    )


# --- A stuck run -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, seen_ago, time_limit, stuck",
    [
        (RunStatus.RUNNING, dt.timedelta(minutes=5), 60.0, False),
        (RunStatus.RUNNING, dt.timedelta(minutes=10, seconds=50), 60.0, False),
        (RunStatus.RUNNING, dt.timedelta(minutes=11, seconds=10), 60.0, True),
        (RunStatus.QUEUED, dt.timedelta(minutes=29), 10.0, False),
        (RunStatus.QUEUED, dt.timedelta(minutes=31), 10.0, True),
        (RunStatus.DONE, dt.timedelta(days=3), 10.0, False),
    ],
)
def test_stuck_after_its_time_limit_plus_a_margin(campaign, status, seen_ago, time_limit, stuck):
    run = waiting(campaign, status=status, seen_ago=seen_ago, time_limit=time_limit)
    assert run_stuck(run) is stuck


def test_stuck_is_measured_in_real_time_whatever_the_platform_clock(campaign):
    run = waiting(campaign, seen_ago=dt.timedelta(minutes=1))
    with clock.frozen_at("2024-07-01"):  # a demo standing at another day
        assert not run_stuck(run)
        assert run_in_progress(campaign) == run


def test_a_stuck_run_is_failed_by_the_next_launch(campaign, operator_user):
    stuck = waiting(campaign, seen_ago=dt.timedelta(hours=2))
    assert run_in_progress(campaign) is None
    new = run_start(campaign=campaign, time_limit=10, actor=operator_user)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED and stuck.error == STUCK_ERROR
    assert stuck.finished_at is not None
    assert new.status == RunStatus.QUEUED and new.heartbeat_at is not None
    entry = AuditEntry.objects.get(action="lodging.run_failed")
    assert entry.details == {"error": "ne répond plus"}


def test_a_live_run_still_blocks_the_launch(campaign, operator_user):
    waiting(campaign, status=RunStatus.QUEUED, seen_ago=dt.timedelta(minutes=1))
    with pytest.raises(ValidationError, match="déjà en cours"):
        run_start(campaign=campaign, time_limit=10, actor=operator_user)
    assert MatchingRun.objects.count() == 1


def test_a_stuck_run_can_be_abandoned_a_live_one_not(campaign, operator_user):
    live = waiting(campaign, seen_ago=dt.timedelta(minutes=1))
    with pytest.raises(ValidationError):
        run_abandon(run=live, actor=operator_user)
    MatchingRun.objects.filter(pk=live.pk).update(
        heartbeat_at=timezone.now() - dt.timedelta(hours=1)
    )
    run_abandon(run=live, actor=operator_user)
    live.refresh_from_db()
    assert live.status == RunStatus.ABANDONED


def test_a_worker_coming_back_leaves_a_failed_run_alone(campaign, operator_user):
    stuck = waiting(campaign, status=RunStatus.QUEUED, seen_ago=dt.timedelta(hours=1))
    run_start(campaign=campaign, time_limit=10, actor=operator_user)
    run_execute(run_id=stuck.pk)  # the task finally delivered
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED and stuck.error == STUCK_ERROR


def test_run_page_says_stuck_and_offers_to_abandon(operator_client, campaign):
    run = waiting(campaign, seen_ago=dt.timedelta(hours=1))
    page = html.unescape(
        operator_client.get(url("lodging_run", campaign, run_id=run.pk)).content.decode()
    )
    assert STUCK_ERROR in page
    assert url("lodging_run_abandon", campaign, run_id=run.pk) in page
    assert "data-poll-url" not in page
    status = operator_client.get(url("lodging_run_status", campaign, run_id=run.pk)).json()
    assert status["etat"] == "stuck"  # the polling page reloads and shows the above
    runs = html.unescape(operator_client.get(url("lodging_runs", campaign)).content.decode())
    assert "ne répond plus" in runs and "Lancer un calcul" in runs


# --- A run at scale ------------------------------------------------------------------------------


def computed_run(campaign, make_association, size: int, *, unplaced: int = 0) -> MatchingRun:
    """`size` groups each placed with its own host, and `unplaced` more left out."""
    guest = make_association(
        name="Les Goélands", postal_code="97400", town="Saint-Denis", departement="974"
    )
    host = make_association(
        name="Les Tilleuls", postal_code="93100", town="Montreuil", departement="93"
    )
    needs = [need(campaign=campaign, association=guest) for _ in range(size + unplaced)]
    offers = [
        offer(campaign=campaign, association=host, place=f"Lieu {i}", lat=48.8 + i / 1000)
        for i in range(size)
    ]
    placements = [
        {"group": need_id(n.pk), "host": host_id(o.pk), "distance_km": 5.0}
        for n, o in zip(needs, offers, strict=False)
    ]
    run = MatchingRun.objects.create(
        campaign=campaign,
        status=RunStatus.DONE,
        created_at=clock.now(),
        instance=instance_build(campaign),
        result={
            "placements": placements,
            "unplaced": [
                {"group": need_id(n.pk), "reason": "aucun lieu ne convient"} for n in needs[size:]
            ],
            "person_nights": 36 * size,
            "person_nights_requested": 36 * (size + unplaced),
            "groups": size + unplaced,
            "groups_placed": size,
            "upper_bound": 36 * size,
            "gap": 0.0,
            "greedy_person_nights": 36 * size,
            "seconds": 0.1,
            "status": "optimal",
        },
    )
    Placement.objects.bulk_create(
        Placement(
            campaign=campaign,
            run=run,
            need=n,
            offer=o,
            distance_km=5.0,
            status=PlacementStatus.DRAFT,
        )
        for n, o in zip(needs, offers, strict=False)
    )
    return run


def _measure(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), len(response.content)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(lodging_views, "GROUPS_PER_PAGE", 5)
    monkeypatch.setattr(lodging_views, "HOSTS_PER_PAGE", 5)
    monkeypatch.setattr(lodging_views, "OPTIONS_PER_PAGE", 5)


def test_run_page_queries_and_size_do_not_grow_with_the_drafts(
    operator_client, campaign, make_association, small_pages
):
    names = ("lodging_run", "lodging_run_publish", "lodging_run_abandon")
    small = computed_run(campaign, make_association, 10, unplaced=6)
    operator_client.get(url("lodging", campaign))  # the session's first request reads more
    few = {name: _measure(operator_client, url(name, campaign, run_id=small.pk)) for name in names}
    big = computed_run(campaign, make_association, 60, unplaced=30)
    for name in names:
        many = _measure(operator_client, url(name, campaign, run_id=big.pk))
        assert few[name][0] == many[0], name
        assert many[1] < few[name][1] * 1.1, name  # paged: 5 rows of each list either way
    page = operator_client.get(url("lodging_run", campaign, run_id=big.pk)).content.decode()
    assert "Page suivante" in page and "Déplacer…" in page and "Placer…" in page
    assert "Déplacer vers" not in page and "Placer chez" not in page  # no menu of hosts per row
    second = operator_client.get(
        url("lodging_run", campaign, run_id=big.pk) + "?page=2&non_places=x"
    )
    assert second.status_code == 200


def test_group_page_queries_do_not_grow_with_the_hosts(
    operator_client, campaign, make_association, small_pages
):
    run = computed_run(campaign, make_association, 10, unplaced=1)
    target = MatchingRun.objects.get(pk=run.pk).result["unplaced"][0]["group"]
    operator_client.get(url("lodging", campaign))  # the session's first request reads more
    few = _measure(
        operator_client, url("lodging_run_group", campaign, run_id=run.pk, need_id=int(target[1:]))
    )
    MatchingRun.objects.all().delete()
    run = computed_run(campaign, make_association, 60, unplaced=1)
    target = run.result["unplaced"][0]["group"]
    many = _measure(
        operator_client, url("lodging_run_group", campaign, run_id=run.pk, need_id=int(target[1:]))
    )
    assert few[0] == many[0]


def test_publish_weight_reads_one_query(campaign, make_association, django_assert_num_queries):
    run = computed_run(campaign, make_association, 12)
    with django_assert_num_queries(1):
        weight = publish_weight(run)
    assert weight == {"placements": 12, "guests": 1, "hosts": 1}


# --- One group's page ------------------------------------------------------------------------------


@pytest.fixture
def two_hosts(campaign, make_association, operator_user, django_capture_on_commit_callbacks):
    guest = make_association(
        name="Les Goélands", postal_code="97400", town="Saint-Denis", departement="974"
    )
    host = make_association(
        name="Les Tilleuls", postal_code="93100", town="Montreuil", departement="93"
    )
    group = need(campaign=campaign, association=guest)
    near = offer(
        campaign=campaign, association=host, place="Près", town="Paris", lat=48.85, lon=2.35
    )
    far = offer(
        campaign=campaign, association=host, place="Loin", town="Meaux", lat=48.96, lon=2.88
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = run_start(campaign=campaign, time_limit=10, actor=operator_user)
    run.refresh_from_db()
    return {"run": run, "need": group, "near": near, "far": far}


def test_move_a_group_from_its_page(operator_client, campaign, two_hosts):
    run, group = two_hosts["run"], two_hosts["need"]
    placement = Placement.objects.get(run=run, need=group)
    page = html.unescape(
        operator_client.get(
            url("lodging_run_group", campaign, run_id=run.pk, need_id=group.pk)
        ).content.decode()
    )
    assert "Déplacer le groupe de Les Goélands" in page
    other = two_hosts["far"] if placement.offer == two_hosts["near"] else two_hosts["near"]
    assert other.place_name in page and other.town in page and "Lits libres" in page
    done = operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk),
        {"action": "move", "placement": placement.pk, "need": group.pk, "offer": other.pk},
        follow=True,
    )
    said = html.unescape(done.content.decode())
    assert "Le groupe de « Les Goélands » (3 nuits" in said
    assert f"va chez « {other.place_name} » ({other.town})" in said
    placement.refresh_from_db()
    assert placement.offer == other
    removed = operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk),
        {"action": "remove", "placement": placement.pk},
        follow=True,
    )
    assert f"est retiré de « {other.place_name} »" in html.unescape(removed.content.decode())
    unplaced = html.unescape(
        operator_client.get(
            url("lodging_run_group", campaign, run_id=run.pk, need_id=group.pk)
        ).content.decode()
    )
    assert "Placer le groupe de Les Goélands" in unplaced
    assert "Près" in unplaced and "Loin" in unplaced


def test_refused_move_lands_back_on_the_group_page(operator_client, campaign, two_hosts):
    run, group = two_hosts["run"], two_hosts["need"]
    placement = Placement.objects.get(run=run, need=group)
    response = operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk),
        {
            "action": "move",
            "placement": placement.pk,
            "need": group.pk,
            "offer": placement.offer_id,
        },
    )
    assert response.url == url("lodging_run_group", campaign, run_id=run.pk, need_id=group.pk)


def test_group_page_of_a_need_outside_the_run_is_404(
    operator_client, campaign, two_hosts, make_association
):
    late = need(campaign=campaign, association=two_hosts["need"].association)
    address = url("lodging_run_group", campaign, run_id=two_hosts["run"].pk, need_id=late.pk)
    assert operator_client.get(address).status_code == 404


# --- Abandon, confirmed -----------------------------------------------------------------------------


def test_abandon_shows_what_is_lost_then_abandons(operator_client, campaign, two_hosts):
    run, group = two_hosts["run"], two_hosts["need"]
    placement = Placement.objects.get(run=run, need=group)
    other = two_hosts["far"] if placement.offer == two_hosts["near"] else two_hosts["near"]
    operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk),
        {"action": "move", "placement": placement.pk, "offer": other.pk},
    )
    assert abandon_weight(run) == {"placements": 1, "adjusted": 1}
    address = url("lodging_run_abandon", campaign, run_id=run.pk)
    page = html.unescape(operator_client.get(address).content.decode())
    assert "1 proposition d'hébergement non publiée est effacée" in page
    assert "1 groupe déplacé" in page and "button button-danger" in page
    run.refresh_from_db()
    assert run.status == RunStatus.DONE  # looking changes nothing
    response = operator_client.post(address)
    assert response.url == url("lodging_runs", campaign)
    run.refresh_from_db()
    assert run.status == RunStatus.ABANDONED
    assert not Placement.objects.filter(run=run).exists()
    again = html.unescape(operator_client.get(address).content.decode())
    assert "il ne s'abandonne pas" in again


def test_run_page_links_to_the_abandon_confirmation(operator_client, campaign, two_hosts):
    run = two_hosts["run"]
    page = operator_client.get(url("lodging_run", campaign, run_id=run.pk)).content.decode()
    assert url("lodging_run_abandon", campaign, run_id=run.pk) in page
    assert (
        'method="post" action="' + url("lodging_run_abandon", campaign, run_id=run.pk) not in page
    )


# --- The hosts list ---------------------------------------------------------------------------------


def test_hosts_beds_nights_not_multiplied_by_the_placements(campaign, make_association):
    guest = make_association(
        name="Les Goélands", postal_code="97400", town="Saint-Denis", departement="974"
    )
    host = make_association(
        name="Les Tilleuls", postal_code="93100", town="Montreuil", departement="93"
    )
    o = offer(campaign=campaign, association=host, beds=20)  # 9 nights
    for _ in range(3):
        Placement.objects.create(
            campaign=campaign,
            need=need(campaign=campaign, association=guest, youth=2, supervisors=1),
            offer=o,
            status=PlacementStatus.PENDING,
        )
    [row] = offers_of(campaign)
    assert row["beds_nights"] == 9 * 20 and row["live"] == 3

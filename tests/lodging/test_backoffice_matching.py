"""The back office's matching: the instance read from the database, a run computed by the real
task backend, the operator's adjustments, the publication (and its refusal when stale), the
cancellation of a live placement."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.core.models import AuditEntry
from billetterie.lodging.instance import instance_build
from billetterie.lodging.matching import check
from billetterie.lodging.models import (
    MatchingRun,
    Placement,
    PlacementStatus,
    RunStatus,
)
from billetterie.lodging.selectors.backoffice import host_options, run_edited, run_staleness
from billetterie.lodging.services.matching import (
    placement_add,
    placement_cancel,
    placement_move,
    placement_remove,
    run_abandon,
    run_publish,
    run_start,
)
from billetterie.outbox.models import Message
from tests.factories import pack, pack_accept
from tests.lodging.backoffice_world import need, offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(make_association, make_referent):
    a = make_association(
        name="Les Goélands", postal_code="97400", town="Saint-Denis", departement="974"
    )
    make_referent(a, "goelands@example.org")
    return a


@pytest.fixture
def guest2(make_association, make_referent):
    a = make_association(name="Les Cimes", postal_code="05000", town="Gap", departement="05")
    make_referent(a, "cimes@example.org")
    return a


@pytest.fixture
def host(make_association, make_referent):
    a = make_association(
        name="Maison Les Tilleuls",
        postal_code="93100",
        town="Montreuil",
        departement="93",
        is_member=False,
    )
    make_referent(a, "tilleuls@example.org")
    return a


@pytest.fixture
def host2(make_association, make_referent):
    a = make_association(
        name="Foyer du Parc", postal_code="94300", town="Vincennes", departement="94"
    )
    make_referent(a, "parc@example.org")
    return a


@pytest.fixture
def launch(django_capture_on_commit_callbacks):
    """Start a run as the page does; its task runs on commit with the immediate backend."""

    def start(campaign, operator_user, time_limit=10) -> MatchingRun:
        with django_capture_on_commit_callbacks(execute=True):
            run = run_start(campaign=campaign, time_limit=time_limit, actor=operator_user)
        run.refresh_from_db()
        return run

    return start


# --- The instance -------------------------------------------------------------------------------


def test_instance_has_open_needs_only_and_free_beds(campaign, guest, guest2, host):
    open_need = need(campaign=campaign, association=guest)
    withdrawn = need(campaign=campaign, association=guest2)
    withdrawn.withdrawn_at = withdrawn.created_at
    withdrawn.save()
    placed = need(campaign=campaign, association=guest2, youth=4, supervisors=1)
    o = offer(campaign=campaign, association=host, beds=20)
    Placement.objects.create(
        campaign=campaign, need=placed, offer=o, status=PlacementStatus.CONFIRMED
    )
    gone = offer(campaign=campaign, association=host, place="Retirée")
    gone.withdrawn_at = gone.created_at
    gone.save()
    instance = instance_build(campaign)
    assert [g["id"] for g in instance["groups"]] == [f"N{open_need.pk}"]
    assert [h["id"] for h in instance["hosts"]] == [f"H{o.pk}"]
    beds = instance["hosts"][0]["beds"]
    # 5 persons of the confirmed placement on the nights of 29, 30 and 31 July.
    assert beds["2024-07-29"] == 15 and beds["2024-07-31"] == 15
    assert beds["2024-07-28"] == 20 and beds["2024-08-01"] == 20


def test_refused_and_draft_placements_take_no_bed(campaign, guest, host):
    n = need(campaign=campaign, association=guest)
    o = offer(campaign=campaign, association=host, beds=20)
    Placement.objects.create(campaign=campaign, need=n, offer=o, status=PlacementStatus.REFUSED)
    Placement.objects.create(campaign=campaign, need=n, offer=o, status=PlacementStatus.DRAFT)
    instance = instance_build(campaign)
    assert len(instance["groups"]) == 1
    assert set(instance["hosts"][0]["beds"].values()) == {20}


def test_venues_are_those_of_the_accepted_packs_around_the_stay(campaign, guest, host):
    pack_accept(pack(campaign=campaign, city="Lille", day="2024-07-30"), association=guest)
    pack_accept(pack(campaign=campaign, city="Marseille", day="2024-08-10"), association=guest)
    pack(campaign=campaign, city="Paris", day="2024-07-30")  # not accepted: not a venue
    need(campaign=campaign, association=guest)
    offer(campaign=campaign, association=host)
    (group,) = instance_build(campaign)["groups"]
    assert group["venues"] == [[50.6292, 3.0573]]


def test_venues_fall_back_to_every_accepted_pack(campaign, guest, host):
    pack_accept(pack(campaign=campaign, city="Marseille", day="2024-08-10"), association=guest)
    need(campaign=campaign, association=guest)
    (group,) = instance_build(campaign)["groups"]
    assert group["venues"] == [[43.2965, 5.3698]]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    beds=st.integers(min_value=0, max_value=30),
    taken=st.lists(st.integers(min_value=1, max_value=12), max_size=3),
)
def test_free_beds_never_negative_and_subtract_live_persons(
    campaign, make_association, beds, taken
):
    h = make_association(name="Hôte")
    o = offer(campaign=campaign, association=h, beds=beds, first="2024-07-29", last="2024-07-29")
    for persons in taken:
        n = need(
            campaign=campaign,
            association=h,
            first="2024-07-29",
            last="2024-07-29",
            youth=persons,
            supervisors=0,
        )
        Placement.objects.create(campaign=campaign, need=n, offer=o, status=PlacementStatus.PENDING)
    hosts = {h_["id"]: h_ for h_ in instance_build(campaign)["hosts"]}
    assert hosts[f"H{o.pk}"]["beds"]["2024-07-29"] == max(0, beds - sum(taken))
    Placement.objects.all().delete()
    from billetterie.lodging.models import Need

    Need.objects.all().delete()
    o.delete()


# --- The run, end to end -------------------------------------------------------------------------


def test_run_end_to_end_with_the_task_backend(
    launch, campaign, operator_user, guest, guest2, host, host2
):
    n1 = need(campaign=campaign, association=guest, youth=10, supervisors=2)
    n2 = need(
        campaign=campaign,
        association=guest2,
        youth=6,
        supervisors=2,
        first="2024-07-30",
        last="2024-08-01",
    )
    need(campaign=campaign, association=guest2, youth=30, supervisors=5)  # too big for anyone
    offer(campaign=campaign, association=host, beds=14)
    offer(campaign=campaign, association=host2, beds=10, place="Foyer du Parc", town="Vincennes")
    run = launch(campaign, operator_user)
    assert run.status == RunStatus.DONE, run.error
    assert run.progress == "Terminé"
    assert run.instance["format"] == "billetterie-lodging-instance/1"
    assert check(run.instance, run.result) == []
    drafts = Placement.objects.filter(run=run, status=PlacementStatus.DRAFT)
    assert {p.need_id for p in drafts} == {n1.pk, n2.pk}
    assert run.result["person_nights"] == 12 * 3 + 8 * 3
    assert run.result["person_nights"] >= run.result["greedy_person_nights"]
    assert len(run.result["unplaced"]) == 1
    assert not run_edited(run)
    assert AuditEntry.objects.filter(action="lodging.run_finished").count() == 1


def test_only_one_run_at_a_time(campaign, operator_user):
    MatchingRun.objects.create(
        campaign=campaign,
        status=RunStatus.RUNNING,
        created_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        heartbeat_at=timezone.now(),
    )
    with pytest.raises(ValidationError, match="déjà en cours"):
        run_start(campaign=campaign, time_limit=10, actor=operator_user)


def test_time_limit_must_be_one_of_the_choices(campaign, operator_user):
    with pytest.raises(ValidationError):
        run_start(campaign=campaign, time_limit=7, actor=operator_user)


# --- Adjustments -------------------------------------------------------------------------------


@pytest.fixture
def computed(launch, campaign, operator_user, guest, guest2, host, host2):
    """Two groups, two hosts: one group of 12 fits both, the one of 20 only the big host."""
    small = need(campaign=campaign, association=guest, youth=10, supervisors=2)
    big = need(campaign=campaign, association=guest2, youth=17, supervisors=3)
    small_host = offer(
        campaign=campaign,
        association=host2,
        beds=12,
        place="Foyer du Parc",
        town="Vincennes",
    )
    large = offer(campaign=campaign, association=host, beds=32)
    run = launch(campaign, operator_user)
    return {"run": run, "small": small, "big": big, "large": large, "other": small_host}


def test_move_refused_when_it_would_exceed_the_beds(computed, operator_user):
    run, big = computed["run"], computed["big"]
    placement = Placement.objects.get(run=run, need=big)
    assert placement.offer == computed["large"]
    with pytest.raises(ValidationError) as refused:
        placement_move(
            run=run, placement_id=placement.pk, offer_id=computed["other"].pk, actor=operator_user
        )
    assert "ne peut pas accueillir" in str(refused.value)
    placement.refresh_from_db()
    assert placement.offer == computed["large"]


def test_move_refused_when_incompatible(launch, campaign, operator_user, guest, host, host2):
    n = need(
        campaign=campaign, association=guest, youth=5, supervisors=1
    )  # split unknown → maybe mixed
    o1 = offer(campaign=campaign, association=host, beds=10)
    o2 = offer(campaign=campaign, association=host2, beds=50, place="Non mixte", mixed_groups=False)
    run = launch(campaign, operator_user)
    p = Placement.objects.get(run=run, need=n)
    assert p.offer == o1
    with pytest.raises(ValidationError, match="groupes mixtes"):
        placement_move(run=run, placement_id=p.pk, offer_id=o2.pk, actor=operator_user)
    assert host_options(run, f"N{n.pk}", excluding=p.pk, current=o1.pk) == []


def test_remove_then_add_back_and_the_run_is_edited(computed, operator_user):
    run, small = computed["run"], computed["small"]
    p = Placement.objects.get(run=run, need=small)
    placement_remove(run=run, placement_id=p.pk, actor=operator_user)
    assert run_edited(run)
    options = host_options(run, f"N{small.pk}")
    assert options  # at least one host still takes it
    assert "Vincennes" in [o["offer"].town for o in options]
    kms = [o["km"] for o in options]
    known = [km for km in kms if km is not None]
    assert kms == sorted(known) + [None] * (len(kms) - len(known))  # nearest first, unknown last
    assert all(o["spare"] == o["free"] - 12 >= 0 for o in options)
    target = computed["other"] if p.offer != computed["other"] else computed["large"]
    added = placement_add(run=run, need_pk=small.pk, offer_id=target.pk, actor=operator_user)
    assert added.status == PlacementStatus.DRAFT and added.offer == target
    with pytest.raises(ValidationError, match="déjà placé"):
        placement_add(run=run, need_pk=small.pk, offer_id=target.pk, actor=operator_user)


def test_add_refused_when_beds_are_taken(computed, operator_user):
    run, big = computed["run"], computed["big"]
    p = Placement.objects.get(run=run, need=big)
    placement_remove(run=run, placement_id=p.pk, actor=operator_user)
    with pytest.raises(ValidationError, match="manquerait des lits"):
        placement_add(run=run, need_pk=big.pk, offer_id=computed["other"].pk, actor=operator_user)


# --- Publication -----------------------------------------------------------------------------------


def test_publish_turns_drafts_pending_and_tells_both_sides(computed, operator_user):
    run = computed["run"]
    weight = run_publish(run=run, actor=operator_user)
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED and run.published_at is not None
    placements = Placement.objects.filter(run=run)
    assert {p.status for p in placements} == {PlacementStatus.PENDING}
    assert weight["placements"] == 2
    guest_msgs = Message.objects.filter(kind="lodging.placement_proposed_guest")
    host_msgs = Message.objects.filter(kind="lodging.placement_proposed_host")
    assert sorted(m.recipient for m in guest_msgs) == ["cimes@example.org", "goelands@example.org"]
    assert {m.recipient for m in host_msgs} <= {"tilleuls@example.org", "parc@example.org"}
    for m in [*guest_msgs, *host_msgs]:
        # No contact details of the other side before both accepted.
        for secret in (
            "0698765432",
            "dominique.hote@example.org",
            "0612345678",
            "camille.invitee@example.org",
            "12 rue des Tilleuls",
        ):
            assert secret not in m.body_text
    assert AuditEntry.objects.filter(action="lodging.run_published").count() == 1
    with pytest.raises(ValidationError):
        run_publish(run=run, actor=operator_user)


def test_publish_refused_when_a_need_changed(computed, operator_user):
    run, small = computed["run"], computed["small"]
    small.youth = 11
    small.save()
    with pytest.raises(ValidationError) as refused:
        run_publish(run=run, actor=operator_user)
    text = " ".join(refused.value.messages)
    assert "n'est plus à jour" in text and "Les Goélands" in text and "modifié" in text
    assert not Placement.objects.filter(run=run, status=PlacementStatus.PENDING).exists()
    assert not Message.objects.exists()


def test_publish_refused_when_beds_taken_by_another_publication(computed, operator_user, campaign):
    run = computed["run"]
    # Another run published meanwhile takes the large host's beds for a third group.
    third = need(
        campaign=campaign, association=computed["small"].association, youth=20, supervisors=0
    )
    Placement.objects.create(
        campaign=campaign, need=third, offer=computed["large"], status=PlacementStatus.PENDING
    )
    changes = run_staleness(run)
    assert any("lits libres" in c or "lit libre" in c for c in changes)
    with pytest.raises(ValidationError, match="plus à jour"):
        run_publish(run=run, actor=operator_user)


def test_abandon_clears_the_drafts(computed, operator_user):
    run = computed["run"]
    run_abandon(run=run, actor=operator_user)
    run.refresh_from_db()
    assert run.status == RunStatus.ABANDONED
    assert not Placement.objects.filter(run=run).exists()
    with pytest.raises(ValidationError):
        run_abandon(run=run, actor=operator_user)


# --- Cancellation ----------------------------------------------------------------------------------


def test_cancel_a_live_placement_frees_the_beds_and_tells_both(computed, operator_user, campaign):
    run = computed["run"]
    run_publish(run=run, actor=operator_user)
    p = Placement.objects.get(run=run, need=computed["small"])
    with pytest.raises(ValidationError, match="motif"):
        placement_cancel(campaign=campaign, placement_id=p.pk, reason="  ", actor=operator_user)
    placement_cancel(
        campaign=campaign, placement_id=p.pk, reason="Le lieu ferme.", actor=operator_user
    )
    p.refresh_from_db()
    assert p.status == PlacementStatus.CANCELLED and p.refusal_reason == "Le lieu ferme."
    told = set(
        Message.objects.filter(kind="lodging.placement_cancelled").values_list(
            "recipient", flat=True
        )
    )
    assert "goelands@example.org" in told and len(told) == 2
    assert f"N{computed['small'].pk}" in {g["id"] for g in instance_build(campaign)["groups"]}
    with pytest.raises(ValidationError):
        placement_cancel(campaign=campaign, placement_id=p.pk, reason="encore", actor=operator_user)

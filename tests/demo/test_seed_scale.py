"""`billetterie seed_scale`: national-scale data, checked at a small size (SQLite and PostgreSQL)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Sum
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp

from billetterie.accounts.models import Role, User
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.attendees.models import Group, Holder, Person, PersonKind
from billetterie.attendees.rules import violations
from billetterie.attendees.selectors.association import nomination_of
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.demo.progress import Progress
from billetterie.demo.scale import (
    CLOCK_AT,
    OPERATOR_EMAIL,
    PASSWORD,
    SLUG,
    TICKETS_PER_PACK,
    TOTP_KEY_HEX,
    referent_email,
)
from billetterie.inventory.models import Pack, PackStatus, Ticket
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.requests.models import Application

ASSOCIATIONS, PACKS = 30, 210


def _seed(*extra: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "seed_scale",
        "--associations",
        str(ASSOCIATIONS),
        "--packs",
        str(PACKS),
        "--force",
        *extra,
        stdout=out,
        stderr=err,
    )
    return out.getvalue() + err.getvalue()


@pytest.fixture
def seeded(db):
    output = _seed()
    return Campaign.objects.get(slug=SLUG), output


def _check_shape_and_invariants(campaign):
    associations = Association.objects.filter(operator=campaign.operator)
    assert associations.count() == ASSOCIATIONS
    referents = User.objects.filter(role=Role.REFERENT, association__in=associations)
    assert referents.count() == ASSOCIATIONS
    assert set(referents.values_list("email", flat=True)) == {
        referent_email(n) for n in range(1, ASSOCIATIONS + 1)
    }
    packs = Pack.objects.filter(campaign=campaign)
    assert packs.count() == PACKS
    tickets = Ticket.objects.filter(pack__campaign=campaign).count()
    assert tickets == round(PACKS * TICKETS_PER_PACK) == packs.aggregate(n=Sum("size"))["n"]
    assert Application.objects.filter(campaign=campaign).count() >= ASSOCIATIONS

    # Wave 1: one published run; its assignments are exactly the offers made.
    run = AllocationRun.objects.get(campaign=campaign)
    assert run.status == RunStatus.PUBLISHED and run.published_at is not None
    pairs = set(RunAssignment.objects.filter(run=run).values_list("pack_id", "association_id"))
    offers = Offer.objects.filter(campaign=campaign)
    assert set(offers.values_list("pack_id", "association_id")) == pairs
    by_status = dict(offers.values_list("status").annotate(n=Count("id")))
    total = sum(by_status.values())
    assert total >= 0.8 * PACKS * 0.97
    for status in (OfferStatus.PENDING, OfferStatus.ACCEPTED):
        assert by_status[status] >= total / 4
    assert 0 < by_status.get(OfferStatus.DECLINED, 0) < total / 8
    assert not offers.filter(pack__is_prestige=True).exists()
    # The pending ones can still be answered at the platform's (frozen) time.
    now = clock.now()
    assert now == CLOCK_AT
    assert all(o.can_be_answered(now) for o in offers.filter(status=OfferStatus.PENDING))

    # Each pack offered to at most one association at a time, and its status follows the offer.
    live = offers.filter(status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED])
    assert live.values("pack").annotate(n=Count("id")).filter(n__gt=1).count() == 0
    assert not live.filter(status=OfferStatus.PENDING).exclude(pack__status=PackStatus.OFFERED)
    assert not live.filter(status=OfferStatus.ACCEPTED).exclude(pack__status=PackStatus.ACCEPTED)
    assert not offers.filter(status=OfferStatus.DECLINED).exclude(pack__status=PackStatus.AVAILABLE)
    assert not live.filter(status=OfferStatus.ACCEPTED, commitment_accepted=False)

    # Holders: one per ticket, only on accepted packs of the association they were offered to.
    holders = Holder.objects.filter(campaign=campaign)
    assert holders.count() > 0
    assert holders.values("ticket").annotate(n=Count("id")).filter(n__gt=1).count() == 0
    assert not holders.exclude(ticket__pack__status=PackStatus.ACCEPTED)
    accepted = set(
        offers.filter(status=OfferStatus.ACCEPTED).values_list("pack_id", "association_id")
    )
    assert set(holders.values_list("ticket__pack_id", "association_id")) <= accepted
    assert not holders.exclude(session=F("ticket__pack__session"))
    assert not holders.exclude(person__association=F("association"))
    # A named pack is named whole; the others wait for their names.
    named = holders.values("ticket__pack").annotate(n=Count("id"), size=F("ticket__pack__size"))
    assert all(row["n"] == row["size"] for row in named)
    assert offers.filter(status=OfferStatus.ACCEPTED).count() > named.count() > 0

    people = Person.objects.filter(campaign=campaign)
    assert people.count() == pytest.approx(PACKS * 60_000 / 21_000, rel=0.15)
    assert people.filter(kind=PersonKind.SUPERVISOR).exists()
    assert Group.objects.filter(campaign=campaign, holders__isnull=True).exists()

    # The rules of use: named groups break none; only packs still to name are flagged.
    for association in associations:
        found = violations(nomination_of(campaign=campaign, association=association, attested=True))
        named_groups = set(
            Group.objects.filter(association=association, holders__isnull=False).values_list(
                "pk", flat=True
            )
        )
        assert {v.code for v in found} <= {"incomplete", "leader"}
        assert not [v for v in found if set(v.groups) & named_groups]

    # Most referents have offers to answer and packs to name.
    pending = set(
        offers.filter(status=OfferStatus.PENDING).values_list("association_id", flat=True)
    )
    to_name = set(
        offers.filter(status=OfferStatus.ACCEPTED)
        .exclude(pack__tickets__holder__isnull=False)
        .values_list("association_id", flat=True)
    )
    assert len(pending & to_name) >= ASSOCIATIONS / 2


def test_small_seed_has_the_national_shape_and_the_invariants(seeded):
    campaign, output = seeded
    _check_shape_and_invariants(campaign)
    assert "Lots et billets" in output and "(100 %)" in output
    assert PASSWORD in output and OPERATOR_EMAIL in output


@pytest.mark.postgres
def test_small_seed_on_postgresql(seeded):
    campaign, _ = seeded
    _check_shape_and_invariants(campaign)


def test_a_second_run_refuses_and_reset_replaces(seeded):
    campaign, _ = seeded
    with pytest.raises(CommandError, match="existe déjà"):
        _seed()
    assert Campaign.objects.get(slug=SLUG).pk == campaign.pk
    _seed("--reset")
    replaced = Campaign.objects.get(slug=SLUG)
    assert replaced.pk != campaign.pk
    assert Association.objects.filter(operator=replaced.operator).count() == ASSOCIATIONS
    assert User.objects.filter(email__endswith="@echelle.billetterie.test").count() == (
        ASSOCIATIONS + 1
    )
    assert Pack.objects.filter(campaign__slug=SLUG).count() == PACKS


def test_the_same_seed_gives_the_same_data(db):
    _seed()
    first = list(Offer.objects.order_by("pack__reference").values_list("pack__reference", "status"))
    _seed("--reset")
    again = list(Offer.objects.order_by("pack__reference").values_list("pack__reference", "status"))
    assert first == again
    _seed("--reset", "--seed", "7")
    other = list(Offer.objects.order_by("pack__reference").values_list("pack__reference", "status"))
    assert other != first


@override_settings(DEBUG=False)
def test_refused_without_debug_or_force(db):
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_scale", "--associations", "3", "--packs", "20", stdout=io.StringIO())
    assert not Campaign.objects.filter(slug=SLUG).exists()


def test_a_seeded_referent_signs_in_and_sees_their_offers(seeded, client):
    campaign, _ = seeded
    association_id = (
        Offer.objects.filter(campaign=campaign, status=OfferStatus.PENDING)
        .values_list("association_id", flat=True)
        .first()
    )
    user = User.objects.get(association_id=association_id)
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    response = client.get(reverse("portal:offers"))
    assert response.status_code == 200
    pending = Offer.objects.filter(association_id=association_id, status=OfferStatus.PENDING)
    page = response.content.decode()
    for reference in pending.values_list("pack__reference", flat=True):
        assert reference in page
    other = Offer.objects.exclude(association_id=association_id).first()
    assert other.pack.reference not in page


def test_the_seeded_operator_signs_in_with_the_documented_totp_key(seeded, client):
    campaign, _ = seeded
    response = client.post(
        reverse("accounts:login"), {"username": OPERATOR_EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("backoffice:run", args=[SLUG, 1])).status_code == 302
    response = client.post(
        reverse("accounts:second_factor"), {"code": f"{totp(bytes.fromhex(TOTP_KEY_HEX)):06d}"}
    )
    assert response.status_code == 302
    assert client.get(reverse("backoffice:dashboard", args=[SLUG])).status_code == 200
    assert client.get(reverse("backoffice:run", args=[SLUG, 1])).status_code == 200


def test_progress_writes_a_line_per_tenth_when_not_a_terminal():
    out = io.StringIO()
    progress = Progress(out, tty=False)
    progress.start("Lots", 1000)
    for _ in range(1000):
        progress.advance()
    progress.done()
    lines = out.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[0].startswith("Lots : 0/1000 (0 %)")
    assert lines[-1].startswith("Lots : 1000/1000 (100 %)")
    tty = io.StringIO()
    progress = Progress(tty, tty=True)
    progress.start("Lots", 3)
    progress.advance(3)
    progress.done()
    assert tty.getvalue().count("\r") == 3 and tty.getvalue().endswith("\n")

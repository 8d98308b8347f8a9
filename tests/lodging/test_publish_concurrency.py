"""Publishing a matching while a guest or a host changes what it uses (PostgreSQL, real threads).

The publication is held just after it checked that its proposal still holds; meanwhile a host
lowers its beds, or a guest withdraws the stay. Whatever the order the database chooses, no night
ends with more people than beds, and no withdrawn stay keeps a live proposal."""

import threading

import pytest
from django.db import connections

from billetterie.core import clock
from billetterie.lodging.instance import instance_build
from billetterie.lodging.models import (
    HostNight,
    LodgingSettings,
    MatchingRun,
    Placement,
    PlacementStatus,
    RunStatus,
)
from billetterie.lodging.selectors.capacity import beds_free
from billetterie.lodging.services import matching as service
from billetterie.lodging.services.needs import need_withdraw
from billetterie.lodging.services.offers import OFFER_FIELDS, host_offer_update
from tests.lodging.backoffice_world import need, offer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(campaign, make_association, make_referent):
    LodgingSettings.objects.create(campaign=campaign)
    guest = make_association(name="Invitée", postal_code="97400", town="Saint-Denis")
    host = make_association(name="Hôte", postal_code="93100", town="Montreuil")
    stay = need(campaign=campaign, association=guest, youth=10, supervisors=2)
    place = offer(campaign=campaign, association=host, beds=20)
    run = MatchingRun.objects.create(
        campaign=campaign,
        status=RunStatus.DONE,
        instance=instance_build(campaign),
        result={},
        created_at=clock.now(),
    )
    Placement.objects.create(
        campaign=campaign, run=run, need=stay, offer=place, status=PlacementStatus.DRAFT
    )
    return {
        "guest": guest,
        "guest_user": make_referent(guest, "invitee@example.org"),
        "host": host,
        "host_user": make_referent(host, "hote@example.org"),
        "need": stay,
        "offer": place,
        "run": run,
    }


def _publish_racing(monkeypatch, run, operator_user, other) -> dict:
    """Publish, pausing just after the staleness check until `other` has run (or 3 s passed)."""
    checked, other_done = threading.Event(), threading.Event()
    real = service.run_staleness

    def held(r):
        changes = real(r)
        checked.set()
        other_done.wait(3)
        return changes

    monkeypatch.setattr(service, "run_staleness", held)
    outcome: dict = {}

    def publish():
        try:
            outcome["publish"] = service.run_publish(run=run, actor=operator_user)
        except Exception as exc:  # a refusal is a fine outcome; the invariants are checked below
            outcome["publish"] = exc
        finally:
            connections.close_all()

    def change():
        checked.wait(10)
        try:
            outcome["other"] = other()
        except Exception as exc:
            outcome["other"] = exc
        finally:
            other_done.set()
            connections.close_all()

    threads = [threading.Thread(target=publish), threading.Thread(target=change)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    return outcome


def test_a_host_lowering_its_beds_during_a_publication_never_overbooks(
    world, campaign, operator_user, monkeypatch
):
    place = world["offer"]
    fields = {name: getattr(place, name) for name in OFFER_FIELDS}
    two_beds = {night.night: 2 for night in HostNight.objects.filter(offer=place)}
    outcome = _publish_racing(
        monkeypatch,
        world["run"],
        operator_user,
        lambda: host_offer_update(
            campaign=campaign,
            association=world["host"],
            offer_id=place.pk,
            fields=fields,
            beds=two_beds,
            actor=world["host_user"],
        ),
    )
    assert min(beds_free(place).values()) >= 0, outcome
    published = Placement.objects.filter(status=PlacementStatus.PENDING).exists()
    lowered = set(HostNight.objects.filter(offer=place).values_list("beds", flat=True)) == {2}
    assert published != lowered, outcome  # exactly one of the two went through


def test_a_stay_withdrawn_during_a_publication_keeps_no_live_proposal(
    world, campaign, operator_user, monkeypatch
):
    stay = world["need"]
    outcome = _publish_racing(
        monkeypatch,
        world["run"],
        operator_user,
        lambda: need_withdraw(
            campaign=campaign,
            association=world["guest"],
            need_id=stay.pk,
            actor=world["guest_user"],
        ),
    )
    stay.refresh_from_db()
    assert stay.withdrawn_at is not None, outcome  # the guest's withdrawal always goes through
    assert not Placement.objects.filter(need=stay, status__in=["pending", "confirmed"]).exists()

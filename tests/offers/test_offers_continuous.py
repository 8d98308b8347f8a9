"""Continuous mode: a released pack goes at once to the next association by the allocation rule."""

import datetime as dt

from django.core import mail

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import (
    offer_accept,
    offer_decline,
    offer_give_back,
    offers_expire_due,
)


def _continuous(campaign):
    campaign.continuous_mode = True
    campaign.save()


def test_a_declined_pack_is_offered_at_once_to_the_next_association(
    campaign,
    association,
    other_association,
    referent_user,
    other_referent_user,
    apply_for,
    make_pack,
    offer_packs,
    django_capture_on_commit_callbacks,
):
    _continuous(campaign)
    apply_for(association)
    apply_for(other_association)
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    mail.outbox.clear()
    with clock.frozen_at("2024-03-12T15:00"), django_capture_on_commit_callbacks(execute=True):
        offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    new = Offer.objects.get(pack=pack, status=OfferStatus.PENDING)
    assert new.association == other_association
    assert new.sent_at == clock.parse_instant("2024-03-12T15:00")
    assert new.expires_at == new.sent_at + dt.timedelta(days=7)
    pack.refresh_from_db()
    assert pack.status == PackStatus.OFFERED
    entry = AuditEntry.objects.get(action="offer.reoffered")
    assert entry.subject_id == str(new.pk) and entry.details["after_offer"] == offer.pk
    assert [m.to for m in mail.outbox] == [["voisin@example.org"]]


def test_a_pack_never_goes_back_to_an_association_that_released_it(
    campaign,
    association,
    other_association,
    referent_user,
    other_referent_user,
    apply_for,
    make_pack,
    offer_packs,
):
    _continuous(campaign)
    apply_for(association)
    apply_for(other_association)
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    second = Offer.objects.get(pack=pack, status=OfferStatus.PENDING)
    offer_decline(offer_id=second.pk, association=other_association, actor=other_referent_user)
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE
    assert not Offer.objects.filter(pack=pack, status=OfferStatus.PENDING).exists()


def test_an_expired_or_given_back_pack_is_reoffered_too(
    campaign,
    association,
    other_association,
    make_association,
    referent_user,
    apply_for,
    make_pack,
    offer_packs,
):
    _continuous(campaign)
    third = make_association(name="Troisième association")
    for a in (association, other_association, third):
        apply_for(a)
    expiring, accepted = make_pack(), make_pack()
    [late, kept] = offer_packs([(expiring, association), (accepted, association)])
    offer_accept(offer_id=kept.pk, association=association, actor=referent_user, commitment=True)
    assert offers_expire_due(now=late.expires_at) == 1
    assert Offer.objects.get(pack=expiring, status=OfferStatus.PENDING).association != association
    offer_give_back(
        offer_id=kept.pk, association=association, actor=referent_user, reason="groupe annulé"
    )
    assert Offer.objects.get(pack=accepted, status=OfferStatus.PENDING).association != association
    assert AuditEntry.objects.filter(action="offer.reoffered").count() == 2


def test_without_continuous_mode_or_demand_the_pack_stays_in_the_pool(
    campaign, association, other_association, referent_user, apply_for, make_pack, offer_packs
):
    apply_for(other_association)
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE

    _continuous(campaign)
    lille = make_pack(city="Lille")  # nobody asked for Lille
    [offer] = offer_packs([(lille, association)])
    offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    lille.refresh_from_db()
    assert lille.status == PackStatus.AVAILABLE
    assert not AuditEntry.objects.filter(action="offer.reoffered").exists()

"""Offer services: create, accept, decline, extend, give back — rules, replays and isolation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from billetterie.campaigns.models import CampaignGames
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import (
    PoolChanged,
    offer_accept,
    offer_decline,
    offer_extend,
    offer_give_back,
    offers_create,
    offers_expire_due,
)


def _actions(offer):
    return list(
        AuditEntry.objects.filter(subject_type="offers.offer", subject_id=str(offer.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_create_offers_packs_with_the_campaign_deadline(
    campaign, association, make_pack, offer_packs, sent_clock
):
    packs = [make_pack(), make_pack()]
    offers = offer_packs([(p, association) for p in packs])
    assert [o.status for o in offers] == [OfferStatus.PENDING] * 2
    assert offers[0].sent_at == sent_clock
    assert offers[0].expires_at == sent_clock + dt.timedelta(days=campaign.response_delay_days)
    for pack in packs:
        pack.refresh_from_db()
        assert pack.status == PackStatus.OFFERED
    assert _actions(offers[0]) == ["offer.created"]


def test_create_refuses_a_pack_no_longer_available_and_writes_nothing(
    association, other_association, make_pack, offer_packs
):
    free, taken = make_pack(), make_pack()
    offer_packs([(taken, other_association)])
    with pytest.raises(PoolChanged) as caught:
        offer_packs([(free, association), (taken, association)])
    assert caught.value.messages[0].startswith("Ce lot n'est plus disponible : LOT-002.")
    free.refresh_from_db()
    assert free.status == PackStatus.AVAILABLE
    assert not Offer.objects.filter(association=association).exists()


def test_a_failed_publication_names_the_packs_by_reference_and_counts_the_rest(
    association, other_association, make_pack, offer_packs
):
    packs = [make_pack() for _ in range(14)]
    offer_packs([(p, other_association) for p in packs[:12]])
    with pytest.raises(PoolChanged) as caught:
        offer_packs([(p, association) for p in packs])
    message = caught.value.messages[0]
    assert message.startswith(
        "Ces 12 lots ne sont plus disponibles : LOT-001, LOT-002, LOT-003, LOT-004, LOT-005, "
        "LOT-006, LOT-007, LOT-008, LOT-009, LOT-010 et 2 autres. Aucune proposition"
    )
    assert "LOT-011" not in message and "n° " not in message


def test_when_the_database_refuses_the_offer_the_pack_at_fault_is_named(
    association, other_association, make_pack, offer_packs, sent_clock, campaign
):
    # A pack that escaped the lock: still "available", yet already under a live offer.
    held, free = make_pack(), make_pack()
    Offer.objects.create(
        campaign=campaign,
        pack=held,
        association=other_association,
        status=OfferStatus.PENDING,
        sent_at=sent_clock,
        expires_at=sent_clock + dt.timedelta(days=7),
    )
    with pytest.raises(PoolChanged) as caught:
        offer_packs([(held, association), (free, association)])
    assert caught.value.references == ["LOT-001"]  # not every pack of the publication
    assert "Ce lot n'est plus disponible : LOT-001." in caught.value.messages[0]
    assert not Offer.objects.filter(association=association).exists()


def test_create_refuses_a_pack_of_another_campaign(
    association, make_pack, operator_user, sent_clock
):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre", name="Autre", operator_name="Fédération d'essai")
    pack = make_pack()
    with pytest.raises(PoolChanged):
        offers_create(campaign=other, pairs=[(pack.pk, association.pk)], actor=operator_user)


def test_accept_requires_the_commitment(association, referent_user, make_pack, offer_packs):
    [offer] = offer_packs([(make_pack(), association)])
    with pytest.raises(ValidationError) as caught:
        offer_accept(
            offer_id=offer.pk, association=association, actor=referent_user, commitment=False
        )
    assert caught.value.code == "commitment_required"
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_accept_then_replay_acts_once(association, referent_user, make_pack, offer_packs):
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    first = offer_accept(
        offer_id=offer.pk, association=association, actor=referent_user, commitment=True
    )
    again = offer_accept(
        offer_id=offer.pk, association=association, actor=referent_user, commitment=True
    )
    assert first.changed and not again.changed
    offer.refresh_from_db()
    pack.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED and offer.commitment_accepted
    assert offer.answered_by == referent_user
    assert pack.status == PackStatus.ACCEPTED
    assert _actions(offer) == ["offer.created", "offer.accepted"]


def test_another_association_cannot_touch_the_offer(
    association, other_association, other_referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    with pytest.raises(Offer.DoesNotExist):
        offer_accept(
            offer_id=offer.pk,
            association=other_association,
            actor=other_referent_user,
            commitment=True,
        )
    with pytest.raises(Offer.DoesNotExist):
        offer_decline(offer_id=offer.pk, association=other_association, actor=other_referent_user)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_answering_after_the_deadline_is_refused(
    association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    with clock.frozen_at(offer.expires_at), pytest.raises(ValidationError) as caught:
        offer_accept(
            offer_id=offer.pk, association=association, actor=referent_user, commitment=True
        )
    assert "Le délai est passé" in caught.value.messages[0]
    with clock.frozen_at(offer.expires_at + dt.timedelta(hours=1)), pytest.raises(ValidationError):
        offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_decline_returns_the_pack_and_replay_is_a_no_op(
    association, referent_user, make_pack, offer_packs
):
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    assert offer_decline(offer_id=offer.pk, association=association, actor=referent_user).changed
    assert not offer_decline(
        offer_id=offer.pk, association=association, actor=referent_user
    ).changed
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE
    assert _actions(offer) == ["offer.created", "offer.declined"]
    with pytest.raises(ValidationError) as caught:
        offer_accept(
            offer_id=offer.pk, association=association, actor=referent_user, commitment=True
        )
    assert "déjà désisté" in caught.value.messages[0]


def test_declining_an_accepted_pack_is_refused(association, referent_user, make_pack, offer_packs):
    [offer] = offer_packs([(make_pack(), association)])
    offer_accept(offer_id=offer.pk, association=association, actor=referent_user, commitment=True)
    with pytest.raises(ValidationError) as caught:
        offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    assert "Rendre ce lot" in caught.value.messages[0]


def test_expire_due_is_idempotent(association, make_pack, offer_packs):
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    assert offers_expire_due(now=offer.expires_at - dt.timedelta(seconds=1)) == 0
    assert offers_expire_due(now=offer.expires_at) == 1
    assert offers_expire_due(now=offer.expires_at) == 0
    offer.refresh_from_db()
    pack.refresh_from_db()
    assert offer.status == OfferStatus.EXPIRED and pack.status == PackStatus.AVAILABLE
    assert _actions(offer) == ["offer.created", "offer.expired"]


def test_extend_needs_a_reason_a_future_deadline_and_a_pending_offer(
    campaign, association, referent_user, operator_user, make_pack, offer_packs
):
    [offer, other] = offer_packs([(make_pack(), association), (make_pack(), association)])
    later = offer.expires_at + dt.timedelta(days=3)
    with pytest.raises(ValidationError, match="motif"):
        offer_extend(
            offer_id=offer.pk,
            campaign=campaign,
            new_deadline=later,
            actor=operator_user,
            reason=" ",
        )
    with pytest.raises(ValidationError, match="postérieure"):
        offer_extend(
            offer_id=offer.pk,
            campaign=campaign,
            new_deadline=clock.now() - dt.timedelta(minutes=1),
            actor=operator_user,
            reason="retard postal",
        )
    Offer.objects.filter(pk=offer.pk).update(reminder_early_sent_at=clock.now())
    done = offer_extend(
        offer_id=offer.pk,
        campaign=campaign,
        new_deadline=later,
        actor=operator_user,
        reason="retard postal",
    )
    assert (
        done.changed
        and done.offer.expires_at == later
        and done.offer.reminder_early_sent_at is None
    )
    entry = AuditEntry.objects.get(action="offer.extended")
    assert entry.details["reason"] == "retard postal" and entry.actor == operator_user
    offer_accept(offer_id=other.pk, association=association, actor=referent_user, commitment=True)
    with pytest.raises(ValidationError, match="en attente"):
        offer_extend(
            offer_id=other.pk,
            campaign=campaign,
            new_deadline=later,
            actor=operator_user,
            reason="x",
        )


def test_extend_is_scoped_to_the_campaign(association, make_pack, offer_packs, operator_user):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    [offer] = offer_packs([(make_pack(), association)])
    with pytest.raises(Offer.DoesNotExist):
        offer_extend(
            offer_id=offer.pk,
            campaign=other,
            new_deadline=offer.expires_at + dt.timedelta(days=1),
            actor=operator_user,
            reason="x",
        )


def test_give_back_before_the_nominative_deadline(
    campaign, association, referent_user, make_pack, offer_packs
):
    CampaignGames.objects.filter(campaign=campaign, games__code="OG").update(
        nominative_deadline=dt.date(2024, 4, 26)
    )
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    with pytest.raises(ValidationError, match="accepté"):
        offer_give_back(
            offer_id=offer.pk, association=association, actor=referent_user, reason="groupe annulé"
        )
    offer_accept(offer_id=offer.pk, association=association, actor=referent_user, commitment=True)
    with pytest.raises(ValidationError, match="pourquoi"):
        offer_give_back(offer_id=offer.pk, association=association, actor=referent_user, reason="")
    with clock.frozen_at("2024-04-27T09:00"), pytest.raises(ValidationError, match="26 avril 2024"):
        offer_give_back(
            offer_id=offer.pk, association=association, actor=referent_user, reason="groupe annulé"
        )
    with clock.frozen_at("2024-04-26T18:00"):
        done = offer_give_back(
            offer_id=offer.pk, association=association, actor=referent_user, reason="groupe annulé"
        )
        again = offer_give_back(
            offer_id=offer.pk, association=association, actor=referent_user, reason="groupe annulé"
        )
    assert done.changed and not again.changed
    pack.refresh_from_db()
    assert done.offer.status == OfferStatus.GIVEN_BACK and pack.status == PackStatus.AVAILABLE
    assert _actions(offer) == ["offer.created", "offer.accepted", "offer.given_back"]


def test_a_released_pack_can_be_offered_again(
    association, other_association, referent_user, make_pack, offer_packs
):
    pack = make_pack()
    [offer] = offer_packs([(pack, association)])
    offer_decline(offer_id=offer.pk, association=association, actor=referent_user)
    [again] = offer_packs([(pack, other_association)])
    assert again.status == OfferStatus.PENDING
    assert Offer.objects.filter(pack=pack).count() == 2

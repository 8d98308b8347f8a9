"""Real threads on PostgreSQL: two referents of one association (and a second tab each) answer
overlapping selections at once; one selection wins whole, the other changes nothing, and every
pack ends in exactly one state."""

import pytest
from django.core.exceptions import ValidationError

from billetterie.core import clock
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.answers import AnswersOutcome, offers_answer
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offers_create
from tests.concurrency import race
from tests.offers.test_offers_concurrency import _assert_consistent

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 6


@pytest.mark.parametrize("continuous", [False, True], ids=["waves", "continuous"])
def test_two_referents_answering_overlapping_selections(
    campaign,
    association,
    other_association,
    referent_user,
    make_referent,
    operator_user,
    make_pack,
    apply_for,
    continuous,
):
    campaign.continuous_mode = continuous
    campaign.save()
    apply_for(association)
    apply_for(other_association, youth=90, supervisors=30)
    colleague = make_referent(association, "collegue@example.org")
    packs = []
    for _ in range(ROUNDS):
        round_packs = [make_pack() for _ in range(8)]
        packs += round_packs
        with clock.frozen_at("2024-03-11T10:00"):
            offers = offers_create(
                campaign=campaign,
                pairs=[(p.pk, association.pk) for p in round_packs],
                actor=operator_user,
            )
        ids = [o.pk for o in offers]
        accept_first, decline_last = ids[:6], ids[3:]  # LOT 4 to 6 are in both selections

        def accepting(actor, ids=accept_first):
            return lambda: offers_answer(
                association=association,
                accept_ids=ids,
                decline_ids=[],
                actor=actor,
                commitment=True,
            )

        def declining(actor, ids=decline_last):
            return lambda: offers_answer(
                association=association,
                accept_ids=[],
                decline_ids=ids,
                actor=actor,
                commitment=False,
            )

        # Each referent in two tabs: the same selection sent twice.
        jobs = [
            accepting(referent_user),
            declining(colleague),
            accepting(referent_user),
            declining(colleague),
        ]
        with clock.frozen_at("2024-03-12T09:00"):
            results, unexpected = race(jobs)
        assert unexpected == []
        refused = [r for r in results if isinstance(r, ValidationError)]
        done = [r for r in results if isinstance(r, AnswersOutcome)]
        assert len(refused) + len(done) == len(jobs)
        # A refusal names a pack of the overlap (already answered the other way), never "busy".
        for refusal in refused:
            assert refusal.code in ("already_accepted", "not_answerable"), refusal.messages
            assert refusal.reference in {o.pack.reference for o in offers[3:6]}
        statuses = [Offer.objects.get(pk=pk).status for pk in ids]
        if statuses[0] == OfferStatus.ACCEPTED:
            # The acceptance came first, whole; the declines changed nothing.
            assert statuses == [OfferStatus.ACCEPTED] * 6 + [OfferStatus.PENDING] * 2
            winners, losers = (jobs[0], jobs[2]), (jobs[1], jobs[3])
        else:
            assert statuses == [OfferStatus.PENDING] * 3 + [OfferStatus.DECLINED] * 5
            winners, losers = (jobs[1], jobs[3]), (jobs[0], jobs[2])
        outcome_of = dict(zip(jobs, results, strict=True))
        assert all(isinstance(outcome_of[job], ValidationError) for job in losers)
        # Of the two tabs of the winner, one answered and the other found it done (or waited
        # behind the loser and found it done too): never twice.
        first, second = (outcome_of[job] for job in winners)
        assert isinstance(first, AnswersOutcome) and isinstance(second, AnswersOutcome)
        changed = [len(o.accepted) + len(o.declined) for o in (first, second)]
        assert sorted(changed) == [0, 6 if statuses[0] == OfferStatus.ACCEPTED else 5]
    _assert_consistent(packs)
    # The packs follow their offers: kept, back in the pool or, in continuous mode, offered to the
    # other association (never back to the one that declined).
    for offer in Offer.objects.filter(pack__in=packs, association=association):
        pack = Pack.objects.get(pk=offer.pack_id)
        if offer.status == OfferStatus.ACCEPTED:
            assert pack.status == PackStatus.ACCEPTED
        elif offer.status == OfferStatus.DECLINED:
            # Continuous mode offers it again while the other association still asks for tickets.
            expected = (
                (PackStatus.OFFERED, PackStatus.AVAILABLE)
                if continuous
                else (PackStatus.AVAILABLE,)
            )
            assert pack.status in expected, pack.reference
        else:
            assert pack.status == PackStatus.OFFERED
    reoffered = Offer.objects.filter(pack__in=packs).exclude(association=association)
    if continuous:
        assert reoffered.exists()
        assert {o.association_id for o in reoffered} == {other_association.pk}
    else:
        assert not reoffered.exists()

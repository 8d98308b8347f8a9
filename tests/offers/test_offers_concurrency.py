"""Real threads on PostgreSQL: answers, expiry and publishes race; every pack ends in one state."""

import datetime as dt
import threading
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import (
    PoolChanged,
    offer_accept,
    offer_decline,
    offer_extend,
    offers_create,
    offers_expire_due,
)
from tests.concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 50


def _assert_consistent(packs):
    """pack.status matches its live offer, and the audit log tells the same story."""
    for pack in Pack.objects.filter(pk__in=[p.pk for p in packs]):
        live = list(
            Offer.objects.filter(pack=pack, status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED])
        )
        assert len(live) <= 1
        expected = {
            PackStatus.AVAILABLE: [],
            PackStatus.OFFERED: [OfferStatus.PENDING],
            PackStatus.ACCEPTED: [OfferStatus.ACCEPTED],
        }[pack.status]
        assert [o.status for o in live] == expected, pack.reference
    for offer in Offer.objects.filter(pack__in=packs):
        actions = Counter(
            AuditEntry.objects.filter(
                subject_type="offers.offer", subject_id=str(offer.pk)
            ).values_list("action", flat=True)
        )
        final = {
            OfferStatus.PENDING: None,
            OfferStatus.ACCEPTED: "offer.accepted",
            OfferStatus.DECLINED: "offer.declined",
            OfferStatus.EXPIRED: "offer.expired",
        }[offer.status]
        answers = {
            a: n
            for a, n in actions.items()
            if a in ("offer.accepted", "offer.declined", "offer.expired")
        }
        assert answers == ({final: 1} if final else {}), (offer.pk, offer.status, actions)
        assert actions["offer.created"] + actions["offer.reoffered"] == 1


def test_fifty_threads_accepting_declining_and_expiring_the_same_offers(
    campaign, association, referent_user, operator_user, make_pack
):
    packs = [make_pack() for _ in range(5)]
    with clock.frozen_at("2024-03-11T10:00"):
        offers = offers_create(
            campaign=campaign, pairs=[(p.pk, association.pk) for p in packs], actor=operator_user
        )
    deadline = offers[0].expires_at
    jobs = []
    for i in range(THREADS):
        offer = offers[i % len(offers)]
        kind = i // len(offers) % 3
        if kind == 0:
            jobs.append(
                lambda o=offer: offer_accept(
                    offer_id=o.pk, association=association, actor=referent_user, commitment=True
                )
            )
        elif kind == 1:
            jobs.append(
                lambda o=offer: offer_decline(
                    offer_id=o.pk, association=association, actor=referent_user
                )
            )
        else:
            jobs.append(lambda: offers_expire_due(now=deadline))
    # Answers are given just before the deadline while the expiry job already runs past it.
    with clock.frozen_at(deadline - dt.timedelta(seconds=30)):
        results, unexpected = race(jobs)
    assert unexpected == []
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert all(r.messages[0][:3] in ("Le ", "Ce ", "Vou") for r in refusals), [
        r.messages for r in refusals
    ]
    _assert_consistent(packs)
    assert (
        Offer.objects.filter(pk__in=[o.pk for o in offers], status=OfferStatus.PENDING).count() == 0
    )


def test_fifty_threads_with_continuous_mode_keep_every_pack_in_one_state(
    campaign,
    association,
    other_association,
    referent_user,
    other_referent_user,
    operator_user,
    make_pack,
    apply_for,
):
    campaign.continuous_mode = True
    campaign.save()
    apply_for(association)
    apply_for(other_association)
    packs = [make_pack() for _ in range(5)]
    with clock.frozen_at("2024-03-11T10:00"):
        offers = offers_create(
            campaign=campaign, pairs=[(p.pk, association.pk) for p in packs], actor=operator_user
        )
    deadline = offers[0].expires_at
    jobs = []
    for i in range(THREADS):
        offer = offers[i % len(offers)]
        kind = i % 3
        if kind == 0:
            jobs.append(
                lambda o=offer: offer_decline(
                    offer_id=o.pk, association=association, actor=referent_user
                )
            )
        elif kind == 1:
            jobs.append(
                lambda o=offer: offer_accept(
                    offer_id=o.pk, association=association, actor=referent_user, commitment=True
                )
            )
        else:
            jobs.append(lambda: offers_expire_due(now=deadline))
    with clock.frozen_at(deadline - dt.timedelta(seconds=30)):
        results, unexpected = race(jobs)
    assert unexpected == []
    _assert_consistent(packs)
    # A pack released by the first association went to the other one, never back.
    for offer in Offer.objects.filter(pack__in=packs).exclude(association=association):
        assert offer.association == other_association and offer.status == OfferStatus.PENDING


def test_two_operators_publishing_overlapping_packs_at_once(
    campaign, association, other_association, operator_user, make_pack
):
    packs = [make_pack() for _ in range(12)]
    first = [(p.pk, association.pk) for p in packs[:8]]
    second = [(p.pk, other_association.pk) for p in packs[4:]]
    jobs = []
    for _ in range(THREADS // 2):
        jobs.append(lambda: offers_create(campaign=campaign, pairs=first, actor=operator_user))
        jobs.append(lambda: offers_create(campaign=campaign, pairs=second, actor=operator_user))
    with clock.frozen_at("2024-03-11T10:00"):
        results, unexpected = race(jobs)
    assert unexpected == []
    succeeded = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    # The two sets overlap: exactly one publish goes through, every other one is told the pool changed.
    assert len(succeeded) == 1
    assert len(refused) == THREADS - 1 and all(isinstance(r, PoolChanged) for r in refused)
    winner = succeeded[0][0].association
    offered = Offer.objects.filter(pack__in=packs)
    assert offered.count() == 8 and {o.association for o in offered} == {winner}
    for pack in Pack.objects.filter(pk__in=[p.pk for p in packs]):
        assert offered.filter(pack=pack).count() == (1 if pack.status == PackStatus.OFFERED else 0)
    _assert_consistent(packs)
    assert AuditEntry.objects.filter(action="offer.created").count() == 8


def test_a_writer_waiting_too_long_for_a_row_gets_a_french_message(
    campaign, association, referent_user, operator_user, make_pack, monkeypatch
):
    from django.db import transaction

    from billetterie.core import usecase

    with clock.frozen_at("2024-03-11T10:00"):
        [offer] = offers_create(
            campaign=campaign, pairs=[(make_pack().pk, association.pk)], actor=operator_user
        )
    monkeypatch.setattr(usecase, "LOCK_TIMEOUT", "200ms")
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        from django.db import connections

        try:
            with transaction.atomic():
                Offer.objects.select_for_update().get(pk=offer.pk)
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with clock.frozen_at("2024-03-12T10:00"), pytest.raises(ValidationError) as caught:
            offer_accept(
                offer_id=offer.pk, association=association, actor=referent_user, commitment=True
            )
        assert caught.value.code == "busy" and "réessayez" in caught.value.messages[0].lower()
        assert offers_expire_due(now=offer.expires_at) == 0  # left for the next run
    finally:
        release.set()
        holder.join(timeout=10)
    assert offers_expire_due(now=offer.expires_at) == 1


ROUNDS = 10


def test_an_extension_racing_the_expiry_never_leaves_an_extended_offer_expired(
    campaign, association, operator_user, make_pack
):
    """Offers past due: in each round the operator extends some while expiry runs, all at once."""
    sent = clock.parse_instant("2024-03-11T10:00")
    deadline = sent + dt.timedelta(days=campaign.response_delay_days)
    past_due = deadline + dt.timedelta(minutes=1)
    new_deadline = past_due + dt.timedelta(days=2)
    raced, extended, refused, expired_counted = [], set(), set(), 0
    for _ in range(ROUNDS):
        packs = [make_pack() for _ in range(8)]
        with clock.frozen_at(sent):
            offers = offers_create(
                campaign=campaign,
                pairs=[(p.pk, association.pk) for p in packs],
                actor=operator_user,
            )
        # Six offers are extended during the expiry, two are left to it (the expiry does run).
        to_extend = offers[:6]
        jobs = [
            lambda o=offer: offer_extend(
                offer_id=o.pk,
                campaign=campaign,
                new_deadline=new_deadline,
                actor=operator_user,
                reason="Courrier de l'association perdu",
            )
            for offer in to_extend
        ]
        jobs += [lambda: offers_expire_due(now=past_due) for _ in range(4)]
        with clock.frozen_at(past_due):
            results, unexpected = race(jobs)
        assert unexpected == []
        for offer, result in zip(to_extend, results[: len(to_extend)], strict=True):
            if isinstance(result, ValidationError):
                # The expiry came first: the operator is told why, in French.
                assert result.code == "not_pending", result.messages
                assert result.messages == [
                    "Seule une proposition en attente de réponse peut être prolongée."
                ]
                refused.add(offer.pk)
            else:
                assert result.changed and result.offer.expires_at == new_deadline
                extended.add(offer.pk)
        expired_counted += sum(results[len(to_extend) :])
        raced += offers

    for offer in Offer.objects.filter(pk__in=[o.pk for o in raced]).select_related("pack"):
        actions = Counter(
            AuditEntry.objects.filter(
                subject_type="offers.offer", subject_id=str(offer.pk)
            ).values_list("action", flat=True)
        )
        if offer.pk in extended:
            # Extended: still pending with its new deadline, its pack still offered, never expired.
            assert offer.status == OfferStatus.PENDING, offer.pk
            assert offer.expires_at == new_deadline
            assert offer.pack.status == PackStatus.OFFERED
            assert actions["offer.extended"] == 1 and actions["offer.expired"] == 0
        else:
            # Not extended (refused, or never tried): expired at its old deadline, pack back in pool.
            assert offer.status == OfferStatus.EXPIRED, offer.pk
            assert offer.expires_at == deadline
            assert offer.pack.status == PackStatus.AVAILABLE
            assert actions["offer.extended"] == 0 and actions["offer.expired"] == 1
    assert len(extended) + len(refused) == 6 * ROUNDS
    expired = Offer.objects.filter(pk__in=[o.pk for o in raced], status=OfferStatus.EXPIRED)
    assert expired_counted == expired.count() == len(raced) - len(extended)
    _assert_consistent([o.pack for o in raced])

"""Prestige packs for the contest's winners: the fit rule, and the flow through the real offers."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.catalogue.models import Phase
from billetterie.contest.models import AwardStatus, PrestigeAward
from billetterie.contest.prestige import (
    PackOption,
    Winner,
    prestige_board,
    prestige_plan,
    prestige_start,
)
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.inventory.selectors import pack_pool
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import (
    PoolChanged,
    offer_accept,
    offer_decline,
    offer_give_back,
    offers_create,
    offers_expire_due,
)
from billetterie.offers.waves import campaign_instance
from billetterie.outbox.models import Message
from tests.contest.prestige_fixtures import (
    AFTER_DELIBERATION,
    prestige_pack,
    stock_set,
    winners_create,
)

# The fit rule, pure


phases = st.sampled_from(list(Phase))
pack_options = st.lists(st.tuples(st.integers(1, 12), phases, st.integers(0, 20)), max_size=12).map(
    lambda rows: [
        PackOption(n, size, phase, dt.date(2024, 7, 27) + dt.timedelta(days=d), f"PR-{n:04d}")
        for n, (size, phase, d) in enumerate(rows, start=1)
    ]
)
winner_lists = st.lists(st.integers(1, 14), max_size=10).map(
    lambda sizes: [Winner(100 + n, n, size) for n, size in enumerate(sizes, start=1)]
)


@settings(max_examples=300, deadline=None)
@given(winners=winner_lists, packs=pack_options, stock=st.one_of(st.none(), st.integers(0, 60)))
def test_the_plan_keeps_the_rule(winners, packs, stock):
    plan = prestige_plan(winners=winners, packs=packs, tickets_left=stock)
    by_key = {w.key: w for w in winners}
    given_packs = [p.key for p in plan.values()]
    # No pack larger than the group; each pack to one winner at most; the stock never exceeded.
    assert all(p.size <= by_key[k].group_size for k, p in plan.items())
    assert len(given_packs) == len(set(given_packs))
    if stock is not None:
        assert sum(p.size for p in plan.values()) <= stock
    # A better-ranked winner never gets a worse pack than a lower-ranked one, when both fit it.
    for high in winners:
        for low in winners:
            if high.rank < low.rank and low.key in plan:
                theirs = plan[low.key]
                if theirs.size <= high.group_size:
                    assert high.key in plan
                    assert plan[high.key].preference() <= theirs.preference()
    # Nobody is left without a pack while one that fits stays unused within the stock.
    used = sum(p.size for p in plan.values())
    for w in winners:
        if w.key not in plan:
            for p in packs:
                if p.key not in given_packs and p.size <= w.group_size:
                    assert stock is not None and p.size > stock - used


def test_best_pack_is_the_largest_that_fits_then_the_final_then_the_earliest():
    day = dt.date(2024, 8, 1)
    packs = [
        PackOption(1, 8, Phase.SEMI_FINAL, day, "PR-0001"),
        PackOption(2, 8, Phase.FINAL, day + dt.timedelta(days=3), "PR-0002"),
        PackOption(3, 8, Phase.FINAL, day, "PR-0003"),
        PackOption(4, 10, Phase.OTHER, day, "PR-0004"),
        PackOption(5, 6, Phase.FINAL, day, "PR-0005"),
    ]
    plan = prestige_plan(
        winners=[Winner(1, 1, 9), Winner(2, 2, 9), Winner(3, 3, 9), Winner(4, 4, 9)],
        packs=packs,
        tickets_left=None,
    )
    # 10 is too large for 9 people; among the 8s: finals first, the earliest first.
    assert {k: p.reference for k, p in plan.items()} == {
        1: "PR-0003",
        2: "PR-0002",
        3: "PR-0001",
        4: "PR-0005",
    }


# The flow, through the offers' own services


@pytest.fixture
def after_deliberation():
    with clock.frozen_at(AFTER_DELIBERATION) as moment:
        yield moment


@pytest.fixture
def world(campaign, make_association, after_deliberation):
    """Four winners (groups of 12, 8, 6 and 8) and five prestige packs."""
    winners = winners_create(campaign, make_association, [12, 8, 6, 8])
    packs = {
        "final10": prestige_pack(campaign, size=10, phase=Phase.FINAL, reference="PR-0010"),
        "semi8": prestige_pack(campaign, size=8, phase=Phase.SEMI_FINAL, reference="PR-0008"),
        "final8": prestige_pack(campaign, size=8, phase=Phase.FINAL, reference="PR-0018"),
        "other6": prestige_pack(campaign, size=6, phase=Phase.OTHER, reference="PR-0006"),
        "big": prestige_pack(campaign, size=20, phase=Phase.FINAL, reference="PR-0020"),
    }
    return {"winners": winners, "packs": packs}


def _awards(campaign):
    return {
        a.rank: (a.status, a.pack.reference if a.pack else None)
        for a in PrestigeAward.objects.filter(campaign=campaign).select_related("pack")
    }


def _offer_of(campaign, rank):
    award = PrestigeAward.objects.get(campaign=campaign, rank=rank)
    return Offer.objects.get(pk=award.offer_id)


def test_the_deliberation_must_be_closed(campaign, make_association, operator_user):
    with clock.frozen_at(AFTER_DELIBERATION):
        winners_create(campaign, make_association, [8], closed=False)
        prestige_pack(campaign, size=8)
        with pytest.raises(ValidationError, match="La délibération du jury n'est pas close"):
            prestige_start(campaign=campaign, actor=operator_user)
    assert not Offer.objects.exists() and not PrestigeAward.objects.exists()


def test_start_offers_each_winner_its_best_pack_through_real_offers(
    campaign, world, operator_user, make_referent
):
    for n, winner in enumerate(world["winners"], start=1):
        make_referent(winner.association, f"referent{n}@example.org")
    outcome = prestige_start(campaign=campaign, actor=operator_user)
    assert outcome.queued == 4 and len(outcome.offers) == 4
    assert _awards(campaign) == {
        1: (AwardStatus.OFFERED, "PR-0010"),
        2: (AwardStatus.OFFERED, "PR-0018"),  # the final before the semi-final
        3: (AwardStatus.OFFERED, "PR-0006"),
        4: (AwardStatus.OFFERED, "PR-0008"),
    }
    offer = _offer_of(campaign, 1)
    assert offer.association == world["winners"][0].association
    assert offer.status == OfferStatus.PENDING and offer.run is None
    assert offer.expires_at == offer.sent_at + dt.timedelta(days=campaign.response_delay_days)
    assert offer.pack.status == PackStatus.OFFERED
    # The usual « Lots proposés » message, one per winner; the journal says who decided.
    made = Message.objects.filter(kind="offers.made")
    assert sorted(made.values_list("recipient", flat=True)) == [
        f"referent{n}@example.org" for n in range(1, 5)
    ]
    assert "PR-0010" in made.get(recipient="referent1@example.org").body_text
    created = AuditEntry.objects.get(action="offer.created", subject_id=str(offer.pk))
    assert created.details["source"] == "contest"
    assert AuditEntry.objects.filter(action="contest.prestige_offered").count() == 4
    started = AuditEntry.objects.get(action="contest.prestige_started")
    assert started.details == {"winners": 4, "offers": 4, "tickets": 32, "stock": 52}
    # The pack of 20 fits no group: it stays in the pool of prestige packs.
    assert world["packs"]["big"].__class__.objects.get(pk=world["packs"]["big"].pk).status == (
        PackStatus.AVAILABLE
    )


def test_start_again_offers_nothing_more(campaign, world, operator_user):
    prestige_start(campaign=campaign, actor=operator_user)
    again = prestige_start(campaign=campaign, actor=operator_user)
    assert again.queued == 0 and again.offers == []
    assert Offer.objects.count() == 4 and PrestigeAward.objects.count() == 4


def test_accepted_prestige_pack_is_held_and_nameable(campaign, world, operator_user):
    from billetterie.attendees.selectors.association import accepted_packs

    prestige_start(campaign=campaign, actor=operator_user)
    offer = _offer_of(campaign, 1)
    association = world["winners"][0].association
    offer_accept(offer_id=offer.pk, association=association, actor=None, commitment=True)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED and offer.pack.status == PackStatus.ACCEPTED
    assert _awards(campaign)[1] == (AwardStatus.ACCEPTED, "PR-0010")
    # The association names its children on it like on any accepted pack.
    assert list(accepted_packs(campaign=campaign, association=association)) == [offer.pack]
    assert AuditEntry.objects.filter(action="contest.prestige_accepted").count() == 1


def test_without_the_commitment_a_prestige_pack_is_not_accepted(campaign, world, operator_user):
    prestige_start(campaign=campaign, actor=operator_user)
    offer = _offer_of(campaign, 1)
    with pytest.raises(ValidationError, match="cochez l'engagement"):
        offer_accept(
            offer_id=offer.pk,
            association=world["winners"][0].association,
            actor=None,
            commitment=False,
        )
    assert _awards(campaign)[1] == (AwardStatus.OFFERED, "PR-0010")


def test_a_declined_pack_goes_to_the_next_winner_without_one(
    campaign, make_association, operator_user, after_deliberation
):
    # Stock of 16 tickets: winners 1 and 2 get an 8; winner 3 waits.
    winners_create(campaign, make_association, [8, 8, 8])
    prestige_pack(campaign, size=8, reference="PR-A")
    prestige_pack(campaign, size=8, reference="PR-B")
    prestige_pack(campaign, size=8, reference="PR-C")
    stock_set(campaign, 16)
    prestige_start(campaign=campaign, actor=operator_user)
    assert _awards(campaign) == {
        1: (AwardStatus.OFFERED, "PR-A"),
        2: (AwardStatus.OFFERED, "PR-B"),
        3: (AwardStatus.WAITING, None),
    }
    first = _offer_of(campaign, 1)
    offer_decline(offer_id=first.pk, association=first.association, actor=None)
    # Winner 1 let it go; the freed tickets go to winner 3, the best pack available (PR-A again).
    assert _awards(campaign) == {
        1: (AwardStatus.PASSED, "PR-A"),
        2: (AwardStatus.OFFERED, "PR-B"),
        3: (AwardStatus.OFFERED, "PR-A"),
    }
    third = _offer_of(campaign, 3)
    assert third.association_id != first.association_id and third.status == OfferStatus.PENDING
    passed = AuditEntry.objects.get(action="contest.prestige_passed")
    assert passed.details == {"rank": 1, "pack": "PR-A", "outcome": "declined"}


def test_an_expired_offer_passes_to_the_next_winner(
    campaign, make_association, operator_user, after_deliberation
):
    winners_create(campaign, make_association, [6, 6])
    prestige_pack(campaign, size=6, reference="PR-A")
    prestige_start(campaign=campaign, actor=operator_user)
    assert _awards(campaign) == {1: (AwardStatus.OFFERED, "PR-A"), 2: (AwardStatus.WAITING, None)}
    first = _offer_of(campaign, 1)
    assert offers_expire_due(now=first.expires_at + dt.timedelta(minutes=1)) == 1
    assert _awards(campaign) == {1: (AwardStatus.PASSED, "PR-A"), 2: (AwardStatus.OFFERED, "PR-A")}
    first.refresh_from_db()
    assert first.status == OfferStatus.EXPIRED
    assert Offer.objects.get(pk=_offer_of(campaign, 2).pk).pack.status == PackStatus.OFFERED


def test_a_pack_given_back_passes_to_the_next_winner(
    campaign, make_association, operator_user, after_deliberation
):
    winners_create(campaign, make_association, [6, 6])
    prestige_pack(campaign, size=6, reference="PR-A")
    prestige_start(campaign=campaign, actor=operator_user)
    first = _offer_of(campaign, 1)
    offer_accept(offer_id=first.pk, association=first.association, actor=None, commitment=True)
    offer_give_back(
        offer_id=first.pk, association=first.association, actor=None, reason="Sortie annulée"
    )
    assert _awards(campaign) == {1: (AwardStatus.PASSED, "PR-A"), 2: (AwardStatus.OFFERED, "PR-A")}


def test_the_last_winner_declining_leaves_the_pack_in_the_prestige_pool(
    campaign, make_association, operator_user, after_deliberation
):
    winners_create(campaign, make_association, [6])
    pack = prestige_pack(campaign, size=6, reference="PR-A")
    prestige_start(campaign=campaign, actor=operator_user)
    first = _offer_of(campaign, 1)
    offer_decline(offer_id=first.pk, association=first.association, actor=None)
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE
    assert Offer.objects.filter(pack=pack).count() == 1
    assert _awards(campaign) == {1: (AwardStatus.PASSED, "PR-A")}


def test_a_group_smaller_than_every_pack_gets_none(
    campaign, make_association, operator_user, after_deliberation
):
    winners_create(campaign, make_association, [3, 8])
    prestige_pack(campaign, size=4, reference="PR-A")
    prestige_start(campaign=campaign, actor=operator_user)
    # Winner 1 declared 3 people: no pack of 4 is cut for it; winner 2 gets it.
    assert _awards(campaign) == {1: (AwardStatus.NO_PACK, None), 2: (AwardStatus.OFFERED, "PR-A")}


def test_withdrawn_participations_are_left_out_of_the_queue(
    campaign, make_association, operator_user, after_deliberation
):
    first, _ = winners_create(campaign, make_association, [6, 6])
    first.withdrawn_at = clock.now()
    first.save()
    prestige_pack(campaign, size=6, reference="PR-A")
    prestige_start(campaign=campaign, actor=operator_user)
    assert _awards(campaign) == {2: (AwardStatus.OFFERED, "PR-A")}


def test_the_board_previews_without_writing(campaign, world, operator_user):
    board = prestige_board(campaign=campaign)
    assert board.closed and not board.started
    assert [(r.rank, r.pack.reference) for r in board.planned] == [
        (1, "PR-0010"),
        (2, "PR-0018"),
        (3, "PR-0006"),
        (4, "PR-0008"),
    ]
    assert (board.stock, board.held, board.left) == (52, 0, 52)
    assert not Offer.objects.exists() and not PrestigeAward.objects.exists()
    prestige_start(campaign=campaign, actor=operator_user)
    after = prestige_board(campaign=campaign)
    assert after.planned == [] and (after.held, after.left) == (32, 20)
    assert after.token != board.token


# Waves, re-offers and the continuous mode never touch a prestige pack


def test_no_wave_offers_a_prestige_pack(campaign, association, operator_user, after_deliberation):
    pack = prestige_pack(campaign, size=6)
    assert pack not in pack_pool(campaign=campaign)
    assert campaign_instance(campaign=campaign)["packs"] == []
    # Even a run computed before the pack became prestige cannot publish it.
    with pytest.raises(PoolChanged):
        offers_create(campaign=campaign, pairs=[(pack.pk, association.pk)], actor=operator_user)
    assert not Offer.objects.exists()


def test_the_continuous_mode_never_reoffers_a_prestige_pack(
    campaign, make_association, operator_user, after_deliberation
):
    from tests.factories import application

    campaign.continuous_mode = True
    campaign.save()
    [winner] = winners_create(campaign, make_association, [6])
    hungry = make_association(name="Association qui attend")
    application(campaign=campaign, association=hungry, youth=30, supervisors=10, cities=("Paris",))
    pack = prestige_pack(campaign, size=6)
    prestige_start(campaign=campaign, actor=operator_user)
    offer = _offer_of(campaign, 1)
    offer_decline(offer_id=offer.pk, association=winner.association, actor=None)
    assert not Offer.objects.filter(association=hungry).exists()
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE

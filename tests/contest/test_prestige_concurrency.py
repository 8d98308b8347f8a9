"""Real threads on PostgreSQL: winners answer their prestige packs while the operator clicks again;
the queue ends in one state, no pack is offered twice and the stock is never exceeded."""

import pytest

from billetterie.catalogue.models import Phase
from billetterie.contest.models import AwardStatus, PrestigeAward
from billetterie.contest.prestige import prestige_start
from billetterie.core import clock
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offer_accept, offer_decline
from tests.concurrency import race
from tests.contest.prestige_fixtures import (
    AFTER_DELIBERATION,
    prestige_pack,
    stock_set,
    winners_create,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_answers_and_repeated_clicks_race_without_breaking_the_queue(
    campaign, make_association, operator_user
):
    with clock.frozen_at(AFTER_DELIBERATION):
        winners = winners_create(campaign, make_association, [8] * 6)
        for n, phase in enumerate([Phase.FINAL, Phase.SEMI_FINAL, Phase.OTHER] * 2):
            prestige_pack(campaign, size=8, phase=phase, reference=f"PR-{n:04d}")
        stock_set(campaign, 24)
        prestige_start(campaign=campaign, actor=operator_user)
        offers = {
            a.rank: a.offer_id for a in PrestigeAward.objects.filter(status=AwardStatus.OFFERED)
        }
        assert sorted(offers) == [1, 2, 3]
        by_rank = {n: w.association for n, w in enumerate(winners, start=1)}
        jobs = []
        for _ in range(4):
            jobs += [
                lambda: offer_decline(offer_id=offers[1], association=by_rank[1], actor=None),
                lambda: offer_decline(offer_id=offers[2], association=by_rank[2], actor=None),
                lambda: offer_accept(
                    offer_id=offers[3], association=by_rank[3], actor=None, commitment=True
                ),
                lambda: prestige_start(campaign=campaign, actor=operator_user),
            ]
        _, unexpected = race(jobs)
    assert unexpected == []
    states = dict(PrestigeAward.objects.values_list("rank", "status"))
    assert states == {
        1: AwardStatus.PASSED,
        2: AwardStatus.PASSED,
        3: AwardStatus.ACCEPTED,
        4: AwardStatus.OFFERED,
        5: AwardStatus.OFFERED,
        6: AwardStatus.WAITING,
    }
    live = Offer.objects.filter(
        pack__is_prestige=True, status__in=[OfferStatus.PENDING, OfferStatus.ACCEPTED]
    )
    assert live.count() == 3 and sum(o.pack.size for o in live) == 24
    assert len({o.pack_id for o in live}) == 3 and len({o.association_id for o in live}) == 3
    held = PrestigeAward.objects.filter(status__in=[AwardStatus.OFFERED, AwardStatus.ACCEPTED])
    assert sorted(a.offer_id for a in held) == sorted(o.pk for o in live)

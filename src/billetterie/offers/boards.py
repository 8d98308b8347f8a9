"""What the offer pages show: a referent's offers by what can still be done, an operator's list."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from billetterie.offers.conditions import conditions_of_use
from billetterie.offers.deadlines import (
    can_be_given_back,
    days_left,
    give_back_deadline,
    nominative_deadlines,
)
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.selectors import offers_of_association


@dataclass
class OfferCard:
    offer: Offer
    days_left: int = 0
    give_back_until: dt.date | None = None
    can_give_back: bool = False
    conditions: list[str] | None = None


def offer_board(*, association, now: dt.datetime, today: dt.date) -> dict[str, list[OfferCard]]:
    """The association's offers in three groups: to answer, accepted, past."""
    board: dict[str, list[OfferCard]] = {"to_answer": [], "accepted": [], "past": []}
    deadlines: dict[int, dict] = {}
    conditions: dict[int, list[str]] = {}
    for offer in offers_of_association(association=association):
        card = OfferCard(offer=offer)
        if offer.can_be_answered(now):
            card.days_left = days_left(offer=offer, at=now)
            if offer.campaign_id not in conditions:
                conditions[offer.campaign_id] = conditions_of_use(campaign=offer.campaign)
            card.conditions = conditions[offer.campaign_id]
            board["to_answer"].append(card)
        elif offer.status == OfferStatus.ACCEPTED:
            if offer.campaign_id not in deadlines:
                deadlines[offer.campaign_id] = nominative_deadlines(campaign_id=offer.campaign_id)
            card.give_back_until = give_back_deadline(
                offer=offer, deadlines=deadlines[offer.campaign_id]
            )
            card.can_give_back = can_be_given_back(
                offer=offer, today=today, deadline=card.give_back_until
            )
            board["accepted"].append(card)
        else:
            board["past"].append(card)
    board["to_answer"].sort(key=lambda c: (c.offer.expires_at, _when(c.offer), c.offer.pk))
    board["accepted"].sort(key=lambda c: (_when(c.offer), c.offer.pk))
    board["past"].sort(key=lambda c: (-c.offer.expires_at.timestamp(), c.offer.pk))
    return board


def _when(offer: Offer):
    session = offer.pack.session
    return (session.date, session.start_time or dt.time.min, offer.pack.reference)


def offer_of_association(*, association, offer_id: int) -> Offer:
    """One of the association's own offers; another association's → Offer.DoesNotExist."""
    return offers_of_association(association=association).get(pk=offer_id)


def offers_of_campaign(
    *,
    campaign,
    status: str | None = None,
    association_id: int | None = None,
    games_code: str = "",
    host_city_id: int | None = None,
) -> QuerySet[Offer]:
    """The operator's view of a campaign's offers, filtered by status, association, Games and
    host city."""
    qs = Offer.objects.filter(campaign=campaign).select_related(
        "association", "pack__session__games", "pack__session__venue__host_city"
    )
    if status:
        qs = qs.filter(status=status)
    if association_id:
        qs = qs.filter(association_id=association_id)
    if games_code:
        qs = qs.filter(pack__session__games__code=games_code)
    if host_city_id is not None:
        qs = qs.filter(pack__session__venue__host_city_id=host_city_id)
    return qs.order_by("association__name", "expires_at", "pack__reference", "pk")


def offer_of_campaign(*, campaign, offer_id: int) -> Offer:
    return offers_of_campaign(campaign=campaign).get(pk=offer_id)


def offer_counts(*, campaign) -> list[tuple[str, int]]:
    """(status label, offers) for every status, in the order of the lifecycle."""
    counts = dict(
        Offer.objects.filter(campaign=campaign)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(label, counts.get(value, 0)) for value, label in OfferStatus.choices]

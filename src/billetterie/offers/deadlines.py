"""When an offer can be given back or reminded, and how long is left (answering: Offer.can_be_answered)."""

import datetime as dt
import math

from django.utils import timezone

from billetterie.campaigns.models import CampaignGames
from billetterie.offers.models import Offer, OfferStatus

REMINDER_EARLY = dt.timedelta(days=2)


def days_left(*, offer: Offer, at: dt.datetime) -> int:
    """Whole days left to answer, rounded up (0 once the deadline has passed)."""
    seconds = (offer.expires_at - at).total_seconds()
    return max(0, math.ceil(seconds / 86400))


def nominative_deadlines(*, campaign_id: int) -> dict[int, dt.date | None]:
    """Games id → the date by which attendees must be named (and packs may still be given back)."""
    return dict(
        CampaignGames.objects.filter(campaign_id=campaign_id).values_list(
            "games_id", "nominative_deadline"
        )
    )


def give_back_deadline(*, offer: Offer, deadlines: dict[int, dt.date | None] | None = None):
    """The last day an accepted pack may be given back: its Games' nominative deadline (or None)."""
    if deadlines is None:
        deadlines = nominative_deadlines(campaign_id=offer.campaign_id)
    return deadlines.get(offer.pack.session.games_id)


def can_be_given_back(*, offer: Offer, today: dt.date, deadline: dt.date | None) -> bool:
    """Accepted, and the nominative deadline of its Games not passed (no deadline: always)."""
    if offer.status != OfferStatus.ACCEPTED:
        return False
    return deadline is None or today <= deadline


def reminder_due(*, offer: Offer, now: dt.datetime) -> str | None:
    """Which reminder this offer is due now: "last_day", "early" or None.

    The early reminder goes 2 days before the deadline, the last-day one on the deadline's own
    (local) day; each at most once. A reminder is skipped when the offer itself arrived inside its
    window (its first e-mail already said the deadline). When both are due, the last-day one wins.
    """
    if offer.status != OfferStatus.PENDING or offer.expires_at <= now:
        return None
    deadline_day = timezone.localdate(offer.expires_at)
    if (
        offer.reminder_last_day_sent_at is None
        and deadline_day == timezone.localdate(now)
        and timezone.localdate(offer.sent_at) < deadline_day
    ):
        return "last_day"
    if (
        offer.reminder_early_sent_at is None
        and offer.expires_at - REMINDER_EARLY <= now
        and offer.sent_at < offer.expires_at - REMINDER_EARLY
    ):
        return "early"
    return None

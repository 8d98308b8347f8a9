"""Reads on offers: what an association holds, what it still needs, and what it can still answer."""

from collections import defaultdict

from django.db.models import Count, Min, QuerySet, Sum

from billetterie.members.models import Association
from billetterie.offers.models import LIVE_STATUSES, Offer, OfferStatus
from billetterie.requests.models import Application


def tickets_held(*, campaign) -> dict[tuple[int, int], dict[str, int]]:
    """(association id, games id) → tickets accepted and tickets pending an answer."""
    held: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: {"accepted": 0, "pending": 0})
    rows = (
        Offer.objects.filter(
            campaign=campaign, status__in=[OfferStatus.ACCEPTED, OfferStatus.PENDING]
        )
        .values("association_id", "pack__session__games_id", "status")
        .annotate(tickets=Sum("pack__size"))
    )
    for row in rows:
        key = (row["association_id"], row["pack__session__games_id"])
        held[key]["accepted" if row["status"] == OfferStatus.ACCEPTED else "pending"] += (
            row["tickets"] or 0
        )
    return held


def remaining_demand(*, campaign) -> dict[tuple[int, int], int]:
    """(association id, games id) → tickets requested minus accepted minus pending (never below 0)."""
    held = tickets_held(campaign=campaign)
    remaining = {}
    for app in Application.objects.filter(campaign=campaign).only(
        "association_id", "games_id", "youth", "supervisors"
    ):
        key = (app.association_id, app.games_id)
        h = held.get(key, {"accepted": 0, "pending": 0})
        remaining[key] = max(0, app.youth + app.supervisors - h["accepted"] - h["pending"])
    return remaining


def offers_of_association(*, association, campaign=None) -> QuerySet[Offer]:
    """An association's own offers; never another association's."""
    qs = Offer.objects.filter(association=association)
    if campaign is not None:
        qs = qs.filter(campaign=campaign)
    return qs.select_related(
        "pack__session__games", "pack__session__venue__host_city", "campaign"
    ).order_by("status", "expires_at", "pack__session__date", "pack__reference")


def offers_to_answer_summary(*, association, now) -> dict:
    """How many offers the association can still answer, and the nearest deadline (one query).

    Same rule as Offer.can_be_answered: pending and not past its deadline.
    """
    return Offer.objects.filter(
        association=association, status=OfferStatus.PENDING, expires_at__gt=now
    ).aggregate(count=Count("id"), next_deadline=Min("expires_at"))


# Reads for the back office


def associations_with_offers(*, campaign) -> QuerySet[Association]:
    """The operator's associations that received at least one offer in this campaign, by name."""
    return (
        Association.objects.filter(operator=campaign.operator, offers__campaign=campaign)
        .distinct()
        .order_by("name")
    )


def association_with_offers(*, campaign, association_id: int) -> Association:
    """One association with an offer in this campaign; any other → Association.DoesNotExist."""
    return associations_with_offers(campaign=campaign).get(pk=association_id)


def live_offer_of_pack(*, pack) -> Offer | None:
    """The offer that holds a pack now (awaiting an answer, or accepted), with its association."""
    return (
        Offer.objects.filter(pack=pack, status__in=LIVE_STATUSES)
        .select_related("association")
        .order_by("-sent_at")
        .first()
    )

"""Reads on campaigns: what each user may see, and the counts shown on the operator's home."""

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from billetterie.campaigns.models import Campaign
from billetterie.inventory.models import Pack, Ticket
from billetterie.requests.models import Application, Channel


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Operator staff see their operator's campaigns; a platform administrator sees all."""
    qs = Campaign.objects.select_related("operator")
    if user.is_platform_admin:
        return qs
    if user.is_operator_staff:
        return qs.filter(operator_id=user.operator_id)
    return qs.none()


def campaign_get_for(user, slug: str) -> Campaign:
    campaign = campaigns_visible_to(user).filter(slug=slug).first()
    if campaign is None:
        raise Http404("campagne introuvable")
    return campaign


def campaign_counts(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per campaign: packs, tickets (all / prestige), applications, associations, tickets requested."""
    counts: dict[int, dict[str, int]] = {
        cid: {
            "packs": 0,
            "tickets": 0,
            "prestige_tickets": 0,
            "applications": 0,
            "associations": 0,
            "tickets_requested": 0,
            "waiting_list": 0,
        }
        for cid in campaign_ids
    }
    packs = (
        Pack.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            packs=Count("id"), tickets=Sum("size"), prestige=Sum("size", filter=Q(is_prestige=True))
        )
    )
    for row in packs:
        c = counts[row["campaign_id"]]
        c["packs"], c["tickets"], c["prestige_tickets"] = (
            row["packs"],
            row["tickets"] or 0,
            row["prestige"] or 0,
        )
    apps = (
        Application.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            n=Count("id"),
            orgs=Count("association_id", distinct=True),
            youth=Sum("youth"),
            sup=Sum("supervisors"),
            waiting=Count("id", filter=Q(channel=Channel.WAITING_LIST)),
        )
    )
    for row in apps:
        c = counts[row["campaign_id"]]
        c["applications"], c["associations"] = row["n"], row["orgs"]
        c["tickets_requested"] = (row["youth"] or 0) + (row["sup"] or 0)
        c["waiting_list"] = row["waiting"]
    return counts


def campaign_tickets_by_games(campaign: Campaign) -> list[dict]:
    rows = (
        Ticket.objects.filter(pack__campaign=campaign)
        .values("pack__session__games__short_name")
        .annotate(n=Count("id"), prestige=Count("id", filter=Q(pack__is_prestige=True)))
        .order_by("pack__session__games__short_name")
    )
    return [
        {
            "games": r["pack__session__games__short_name"],
            "tickets": r["n"],
            "prestige": r["prestige"],
        }
        for r in rows
    ]

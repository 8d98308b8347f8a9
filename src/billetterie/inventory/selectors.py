"""Reads on packs: the pool an allocation wave may hand out."""

from django.db.models import Count, Q, QuerySet, Sum

from billetterie.inventory.models import Pack, PackStatus, Ticket


def pack_pool(*, campaign, games=None) -> QuerySet[Pack]:
    """Packs never offered, or declined, expired or given back; prestige packs are kept for the contest."""
    qs = Pack.objects.filter(campaign=campaign, status=PackStatus.AVAILABLE, is_prestige=False)
    if games is not None:
        qs = qs.filter(session__games=games)
    return qs.select_related("session__games", "session__venue__host_city").order_by("reference")


def pack_counts(*, campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per campaign: packs, tickets, prestige tickets."""
    counts = {cid: {"packs": 0, "tickets": 0, "prestige_tickets": 0} for cid in campaign_ids}
    rows = (
        Pack.objects.filter(campaign_id__in=campaign_ids)
        .values("campaign_id")
        .annotate(
            packs=Count("id"), tickets=Sum("size"), prestige=Sum("size", filter=Q(is_prestige=True))
        )
    )
    for row in rows:
        counts[row["campaign_id"]] = {
            "packs": row["packs"],
            "tickets": row["tickets"] or 0,
            "prestige_tickets": row["prestige"] or 0,
        }
    return counts


def tickets_by_games(*, campaign) -> list[dict]:
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


# Reads for the back office


def pool_totals(*, campaign) -> dict[str, int]:
    """How many packs and tickets the campaign's pool holds now (see `pack_pool`)."""
    totals = pack_pool(campaign=campaign).aggregate(packs=Count("id"), tickets=Sum("size"))
    return {"packs": totals["packs"], "tickets": totals["tickets"] or 0}

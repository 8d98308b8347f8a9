"""Reads of the contest that other parts rely on (each part adds its own below)."""

from billetterie.contest.models import Deliberation, Participation

# --- Jury and deliberation ---------------------------------------------------------------------


def deliberation_ranking(campaign) -> list[Participation]:
    """The participations in the final order of the closed deliberation, best first, each with
    `contest_rank` (1, 2, …) and `contest_label`; [] while the deliberation is not closed.

    This is what the prestige packs follow (Deliberation.ranking holds the same order)."""
    deliberation = Deliberation.objects.filter(campaign=campaign, closed_at__isnull=False).first()
    if deliberation is None:
        return []
    by_entry = {
        p.entry.pk: p
        for p in Participation.objects.filter(
            campaign=campaign, entry__isnull=False
        ).select_related("association", "entry")
    }
    ranked = []
    for item in sorted(deliberation.ranking, key=lambda i: i["rank"]):
        participation = by_entry.get(item["entry"])
        if participation is None:
            continue
        participation.contest_rank = item["rank"]
        participation.contest_label = item.get("label", participation.entry.label)
        ranked.append(participation)
    return ranked

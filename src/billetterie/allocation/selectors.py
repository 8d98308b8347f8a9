"""Reads for the run pages: the preview table, per association, and the comparison with baselines."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet

from billetterie.allocation.instance import association_pk, org_key, pack_key
from billetterie.allocation.leftover import unassigned_groups
from billetterie.allocation.methods import BASELINES, METHOD_LABELS
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.allocation.proposal import proposal_scores
from billetterie.allocation.weights import city_weight, distance_factor, distance_km, rank_factor
from billetterie.catalogue.models import HostCity
from billetterie.inventory.models import Pack
from billetterie.members.models import Association

GAMES_LABELS = {"OG": "JO", "PG": "JP"}


def run_pairs(run: AllocationRun) -> list[tuple[str, str]]:
    """The run's current proposal as (pack id, organisation id) in the instance's identifiers."""
    return [
        (pack_key(pack_id), org_key(assoc_id))
        for pack_id, assoc_id in run.assignments.order_by("pack_id").values_list(
            "pack_id", "association_id"
        )
    ]


def runs_of_campaign(*, campaign) -> QuerySet[AllocationRun]:
    return (
        AllocationRun.objects.filter(campaign=campaign)
        .select_related("games", "created_by")
        .order_by("-number")
    )


def run_get(*, campaign, number: int) -> AllocationRun:
    return AllocationRun.objects.select_related("games", "campaign").get(
        campaign=campaign, number=number
    )


def run_discard_weight(*, run: AllocationRun) -> dict[str, int]:
    """What abandoning a run throws away: its proposal (packs, associations) and the hand moves."""
    rows = list(run.assignments.values_list("association_id", "moved_by_hand"))
    return {
        "packs": len(rows),
        "associations": len({association for association, _ in rows}),
        "moved": sum(1 for _, moved in rows if moved),
    }


def run_preview(*, run: AllocationRun) -> dict:
    """Everything the preview shows: per-association rows, totals, and the comparison table."""
    instance = run.instance or {"organisations": [], "packs": []}
    explanations = {o["id"]: o["explanation"] for o in (run.result or {}).get("organisations", [])}
    pairs = run_pairs(run) if run.instance else []
    scores = (
        proposal_scores(instance=instance, pairs=pairs) if run.instance else {"organisations": {}}
    )
    by_assoc: dict[int, list] = defaultdict(list)
    assignments = RunAssignment.objects.filter(run=run).select_related(
        "pack__session__venue__host_city", "pack__session__games"
    )
    for a in assignments.order_by("pack__session__date", "pack__reference"):
        by_assoc[a.association_id].append(a)
    names = dict(
        Association.objects.filter(
            pk__in=[association_pk(o["id"]) for o in instance["organisations"]]
        ).values_list("pk", "name")
    )
    rows = []
    for org in instance["organisations"]:
        pk = association_pk(org["id"])
        score = scores["organisations"].get(org["id"], {"allocated": {}, "satisfaction": 0.0})
        rows.append(
            {
                "association_id": pk,
                "name": names.get(pk, org["name"]),
                "tier": org.get("tier", 1),
                "requested": {
                    GAMES_LABELS.get(g, g): n for g, n in sorted(org["requested"].items())
                },
                "requested_total": sum(org["requested"].values()),
                "allocated": {
                    GAMES_LABELS.get(g, g): n for g, n in sorted(score["allocated"].items())
                },
                "allocated_total": sum(score["allocated"].values()),
                "satisfaction": score["satisfaction"],
                "cities": sorted(org["cities"].items(), key=lambda kv: (-kv[1], kv[0])),
                "explanation": explanations.get(org["id"], ""),
                "assignments": by_assoc.get(pk, []),
                "moved": any(a.moved_by_hand for a in by_assoc.get(pk, [])),
            }
        )
    rows.sort(key=lambda r: (r["tier"], r["satisfaction"], r["name"]))
    assigned = {a.pack_id for a in assignments}
    pool_ids = [int(p["id"][1:]) for p in instance["packs"]]
    unassigned = (
        Pack.objects.filter(pk__in=pool_ids)
        .exclude(pk__in=assigned)
        .select_related("session__venue__host_city")
        .order_by("reference")
    )
    comparison = []
    for method in ("nash", *BASELINES):
        summary = (run.comparison or {}).get(method)
        if summary:
            comparison.append({"method": method, "label": METHOD_LABELS[method], **summary})
    return {
        "rows": rows,
        "unassigned": unassigned,
        # Why they stay in the pool: everyone served, nobody can take them, or left over.
        "unassigned_groups": unassigned_groups(instance=instance, pairs=pairs),
        "comparison": comparison,
        "metrics": run.metrics or {},
        "tiers": (run.result or {}).get("objective", {}).get("tiers", []),
        "status": (run.result or {}).get("status"),
    }


@dataclass(frozen=True)
class CityWeightRow:
    rank: int
    city: HostCity
    km: float | None
    rank_factor: float
    distance_factor: float
    weight: float


def application_city_weights(*, application) -> list[CityWeightRow]:
    """The weight the allocation gives each ranked city of this application (see `weights`)."""
    association = application.association
    here = (association.latitude, association.longitude)
    rows = []
    for choice in application.city_choices.select_related("host_city").order_by("rank"):
        city = choice.host_city
        km = distance_km(here, (city.latitude, city.longitude))
        rows.append(
            CityWeightRow(
                rank=choice.rank,
                city=city,
                km=km,
                rank_factor=rank_factor(choice.rank),
                distance_factor=distance_factor(km),
                weight=city_weight(rank=choice.rank, km=km),
            )
        )
    return rows


# Reads for the back office


def run_preview_shown(*, run: AllocationRun) -> dict | None:
    """The preview of a run that has one to show (ready, published or discarded), else None."""
    shown = (RunStatus.READY, RunStatus.PUBLISHED, RunStatus.DISCARDED)
    if run.status not in shown or run.instance is None:
        return None
    return run_preview(run=run)


def run_move_choices(*, run: AllocationRun, preview: dict | None = None) -> dict[str, list]:
    """The packs and associations a hand move may pick, labelled as the preview shows them."""
    if preview is None:
        preview = run_preview(run=run)
    packs = [
        (str(a.pack_id), f"{a.pack.reference} — {row['name']}")
        for row in preview["rows"]
        for a in row["assignments"]
    ]
    packs += [(str(p.pk), f"{p.reference} — non attribué") for p in preview["unassigned"]]
    associations = [
        (str(r["association_id"]), r["name"])
        for r in sorted(preview["rows"], key=lambda r: r["name"])
    ]
    return {"packs": sorted(packs, key=lambda c: c[1]), "associations": associations}

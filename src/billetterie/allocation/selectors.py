"""Reads for the run pages: the preview table, per association, the comparison with baselines, and
the hand-move page (the run's packs with their holder, the associations facing one pack)."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery

from billetterie.allocation.instance import association_pk, org_key, pack_key, pack_pk
from billetterie.allocation.leftover import unassigned_groups
from billetterie.allocation.methods import BASELINES, METHOD_LABELS
from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.allocation.proposal import MoveRefused, move_targets, proposal_scores
from billetterie.allocation.weights import city_weight, distance_factor, distance_km, rank_factor
from billetterie.catalogue.models import HostCity
from billetterie.core.text import fold
from billetterie.inventory.models import Pack
from billetterie.inventory.selectors import pack_search_q
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


def run_get(*, campaign, number: int, light: bool = False) -> AllocationRun:
    """`light`: without its instance and result (megabytes at national scale), read on first use."""
    runs = AllocationRun.objects.select_related("games", "campaign")
    if light:
        runs = runs.defer("instance", "result")
    return runs.get(campaign=campaign, number=number)


def run_discard_weight(*, run: AllocationRun) -> dict[str, int]:
    """What abandoning a run throws away: its proposal (packs, associations) and the hand moves."""
    rows = list(run.assignments.values_list("association_id", "moved_by_hand"))
    return {
        "packs": len(rows),
        "associations": len({association for association, _ in rows}),
        "moved": sum(1 for _, moved in rows if moved),
    }


# The run page lists associations a page at a time: a national run proposes packs to thousands.
ROWS_PER_PAGE = 50
# What a published or discarded run shows never changes: computed once per process and kept.
FROZEN_PREVIEW_SECONDS = 6 * 3600


def _preview_whole(run: AllocationRun) -> dict:
    """The preview over the whole run: every association's row (no packs), sorted; the leftover."""
    instance = run.instance or {"organisations": [], "packs": []}
    explanations = {o["id"]: o["explanation"] for o in (run.result or {}).get("organisations", [])}
    pairs = run_pairs(run) if run.instance else []
    scores = (
        proposal_scores(instance=instance, pairs=pairs) if run.instance else {"organisations": {}}
    )
    names = dict(
        Association.objects.filter(
            pk__in=[association_pk(o["id"]) for o in instance["organisations"]]
        ).values_list("pk", "name")
    )
    moved = set(
        RunAssignment.objects.filter(run=run, moved_by_hand=True).values_list(
            "association_id", flat=True
        )
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
                "moved": pk in moved,
            }
        )
    rows.sort(key=lambda r: (r["tier"], r["satisfaction"], r["name"]))
    comparison = []
    for method in ("nash", *BASELINES):
        summary = (run.comparison or {}).get(method)
        if summary:
            comparison.append({"method": method, "label": METHOD_LABELS[method], **summary})
    assigned = {pack_pk(pack_id) for pack_id, _ in pairs}
    return {
        "all_rows": rows,
        "unassigned_ids": [
            pack_pk(p["id"]) for p in instance["packs"] if pack_pk(p["id"]) not in assigned
        ],
        # Why they stay in the pool: everyone served, nobody can take them, or left over.
        "unassigned_groups": unassigned_groups(instance=instance, pairs=pairs),
        "comparison": comparison,
        "metrics": run.metrics or {},
        "tiers": (run.result or {}).get("objective", {}).get("tiers", []),
        "status": (run.result or {}).get("status"),
        "alpha": (instance.get("rules") or {}).get("size_weight_exponent"),
    }


def _preview_page(run: AllocationRun, whole: dict, page_number, search: str) -> dict:
    rows = whole["all_rows"]
    wanted = fold(search.strip())
    if wanted:
        rows = [r for r in rows if wanted in fold(r["name"])]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(page_number)
    shown = [dict(row) for row in page.object_list]
    by_assoc: dict[int, list] = defaultdict(list)
    assignments = RunAssignment.objects.filter(
        run=run, association_id__in=[r["association_id"] for r in shown]
    ).select_related("pack__session__venue__host_city", "pack__session__games")
    for a in assignments.order_by("pack__session__date", "pack__reference"):
        by_assoc[a.association_id].append(a)
    for row in shown:
        row["assignments"] = by_assoc.get(row["association_id"], [])
    unassigned = (
        Pack.objects.filter(pk__in=whole["unassigned_ids"])
        .select_related("session__venue__host_city")
        .order_by("reference")
    )
    return {
        **{k: v for k, v in whole.items() if k not in ("all_rows", "unassigned_ids")},
        "rows": shown,
        "page": page,
        "search": search.strip(),
        "organisations": len(whole["all_rows"]),
        "unassigned": unassigned,
    }


def run_preview(*, run: AllocationRun, page_number: int | None = None, search: str = "") -> dict:
    """Everything the preview shows: per-association rows, totals, and the comparison table.

    The rows are sorted over the whole run (least satisfied first, by priority), then filtered by
    `search` (part of the association's name, accents and case ignored) and cut into pages of
    ROWS_PER_PAGE: only the page's rows load their packs. The whole-run part of a published or
    discarded run, which can no longer change, is computed once and kept in the cache.
    """
    frozen = run.is_final
    stamp = run.published_at.timestamp() if run.published_at else ""
    key = f"run-preview:{run.pk}:{run.status}:{run.instance_sha256}:{stamp}"
    whole = cache.get(key) if frozen else None
    if whole is None:
        whole = _preview_whole(run)
        if frozen:
            cache.set(key, whole, FROZEN_PREVIEW_SECONDS)
    return _preview_page(run, whole, page_number, search)


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


def run_preview_shown(
    *, run: AllocationRun, page_number: int | None = None, search: str = ""
) -> dict | None:
    """The preview of a run that has one to show (ready, published or discarded), else None."""
    shown = (RunStatus.READY, RunStatus.PUBLISHED, RunStatus.DISCARDED)
    if run.status not in shown:
        return None
    if "instance" in run.get_deferred_fields():  # a light run: ask without reading it
        if not AllocationRun.objects.filter(pk=run.pk, instance__isnull=False).exists():
            return None
    elif run.instance is None:
        return None
    return run_preview(run=run, page_number=page_number, search=search)


# The hand-move page


def run_pack_ids(run: AllocationRun) -> list[int]:
    """The packs the run was computed on (frozen in its instance)."""
    return [pack_pk(p["id"]) for p in (run.instance or {}).get("packs", [])]


def run_packs(
    *,
    run: AllocationRun,
    sport: str = "",
    day=None,
    host_city_id: int | None = None,
    size: int | None = None,
    holder_id: int | None = None,
    unassigned: bool = False,
    search: str = "",
) -> QuerySet[Pack]:
    """The run's packs by date, each with the association the run now proposes it to (`holder_id`,
    `holder_name`, both None for nobody) and, when an operator moved it there, `moved_by_hand` and
    `move_reason`; filtered as the hand-move page asks. `search` looks in the reference, the sport,
    the session's code and the holder's name."""
    assignment = RunAssignment.objects.filter(run=run, pack=OuterRef("pk"))
    packs = (
        Pack.objects.filter(campaign_id=run.campaign_id, pk__in=run_pack_ids(run))
        .select_related("session__games", "session__venue__host_city")
        .annotate(
            holder_id=Subquery(assignment.values("association_id")[:1]),
            holder_name=Subquery(assignment.values("association__name")[:1]),
            moved_by_hand=Subquery(assignment.values("moved_by_hand")[:1]),
            move_reason=Subquery(assignment.values("reason")[:1]),
        )
        .order_by("session__date", "session__start_time", "reference")
    )
    if sport:
        packs = packs.filter(session__sport=sport)
    if day is not None:
        packs = packs.filter(session__date=day)
    if host_city_id is not None:
        packs = packs.filter(session__venue__host_city_id=host_city_id)
    if size is not None:
        packs = packs.filter(size=size)
    if unassigned:
        packs = packs.filter(holder_id__isnull=True)
    elif holder_id is not None:
        packs = packs.filter(holder_id=holder_id)
    if search:
        packs = packs.filter(pack_search_q(search) | Q(holder_name__icontains=search))
    return packs


def run_pack_get(*, run: AllocationRun, pack_id: int) -> Pack:
    """One pack of the run, with its holder (see `run_packs`); any other → Pack.DoesNotExist."""
    return run_packs(run=run).get(pk=pack_id)


def run_associations(*, run: AllocationRun) -> list[tuple[int, str]]:
    """The associations the run serves, as (id, name), by name."""
    ids = [association_pk(o["id"]) for o in (run.instance or {}).get("organisations", [])]
    rows = Association.objects.filter(pk__in=ids).values_list("pk", "name")
    return sorted(rows, key=lambda row: (fold(row[1]), row[0]))


def run_pack_filter_choices(*, run: AllocationRun) -> dict[str, list]:
    """What the hand-move page's filters offer: only values the run's packs have."""
    packs = Pack.objects.filter(campaign_id=run.campaign_id, pk__in=run_pack_ids(run))
    return {
        "sports": sorted(
            packs.values_list("session__sport", flat=True).distinct().order_by(), key=fold
        ),
        "days": list(
            packs.values_list("session__date", flat=True).distinct().order_by("session__date")
        ),
        "cities": sorted(
            packs.values_list("session__venue__host_city_id", "session__venue__host_city__name")
            .distinct()
            .order_by(),
            key=lambda row: fold(row[1]),
        ),
        "sizes": list(packs.values_list("size", flat=True).distinct().order_by("size")),
        "holders": run_associations(run=run),
    }


@dataclass(frozen=True)
class MoveTarget:
    """One association of the run facing one pack: what it holds and asks for the pack's Games,
    and why the rule refuses it the pack (None: the move is allowed)."""

    association_id: int
    name: str
    games: str
    held: int
    requested: int
    refusal: str | None


def run_move_targets(*, run: AllocationRun, pack_id: int) -> list[MoveTarget]:
    """Every association of the run for one of its packs, by name; [] when the pack is not in it."""
    if not run.instance:
        return []
    try:
        rows = move_targets(instance=run.instance, pairs=run_pairs(run), pack_id=pack_key(pack_id))
    except MoveRefused:
        return []
    names = dict(
        Association.objects.filter(pk__in=[association_pk(r["org_id"]) for r in rows]).values_list(
            "pk", "name"
        )
    )
    targets = [
        MoveTarget(
            association_id=association_pk(r["org_id"]),
            name=names.get(association_pk(r["org_id"]), r["org_id"]),
            games=GAMES_LABELS.get(r["games"], r["games"]),
            held=r["held"],
            requested=r["requested"],
            refusal=r["refusal"],
        )
        for r in rows
    ]
    return sorted(targets, key=lambda t: (fold(t.name), t.association_id))

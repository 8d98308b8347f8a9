"""Entry point of the engine: run a method tier by tier and build the result dictionary."""

from __future__ import annotations

import math
import random
import time
from typing import Any

from .baselines import greedy_tier, lottery_tier
from .explain import Allocation, explain
from .limits import eligible_pairs_by_tier
from .metrics import compute_metrics
from .model import Instance
from .nash import TierOutcome, certified_gap, solve_tier
from .problem import build_tier_problem
from .refine import Refiner
from .validation import validate_instance

RESULT_FORMAT = "billetterie.allocation-result/1"
METHODS = ("nash", "proportional", "greedy", "lottery")
DEFAULT_TIME_LIMIT = 60.0
DEFAULT_GAP_TARGET = 1e-3
#: A tier followed by others gets at least this share of the remaining time.
TIER_SHARE_MIN = 0.6
#: Part of the time limit kept for what follows the search (at most RESERVE_MAX seconds).
RESERVE_SHARE, RESERVE_MAX = 0.04, 6.0


def _baseline_outcome(prob, counts: list[int]) -> TierOutcome:
    served, nash = prob.score(counts)
    return TierOutcome(counts, served, nash, math.nan, math.nan, "feasible")


def _tier_entry(tier: int, out: TierOutcome, weight_sum: float) -> dict[str, Any]:
    entry: dict[str, Any] = {"tier": tier, "served": out.served, "nash": round(out.nash, 6)}
    if math.isnan(out.bound):
        entry["bound"] = None
        entry["gap"] = None
    else:
        entry["bound"] = round(out.bound, 6)
        entry["gap"] = round(certified_gap(out.bound, out.nash, weight_sum), 6)
    entry["status"] = out.status
    entry["stopped_by_time_limit"] = out.stopped_by_clock
    return entry


def solve(
    instance: dict | Instance,
    method: str = "nash",
    seed: int = 0,
    time_limit: float = DEFAULT_TIME_LIMIT,
    gap_target: float = DEFAULT_GAP_TARGET,
    timing: bool = True,
    refine: bool = True,
) -> dict[str, Any]:
    """Allocate the packs of an instance; returns the result in the documented format.

    With `refine` (the rule; `nash` and `proportional` only), each tier after the first is followed
    by exchanges that cost the earlier tiers nothing (engine/refine.py).
    """
    if method not in METHODS:
        raise ValueError(f"méthode inconnue « {method} » (choix : {', '.join(METHODS)})")
    inst = instance if isinstance(instance, Instance) else validate_instance(instance)
    started = time.monotonic()
    # The search stops a little before the limit: the refinement and the result's explanations
    # (a few seconds at national scale) come after it.
    deadline = started + time_limit - min(RESERVE_SHARE * time_limit, RESERVE_MAX)
    rule = inst.with_alpha(1.0) if method == "proportional" else inst
    supply = [pc.count for pc in inst.classes]
    counts: dict[str, dict[int, int]] = {}
    tiers, rng = [], random.Random(seed)
    refiner = (
        Refiner(rule, counts, supply) if refine and method in ("nash", "proportional") else None
    )
    pairs = eligible_pairs_by_tier(inst) if method in ("nash", "proportional") else {}
    for tier in inst.tiers:
        prob = build_tier_problem(rule, tier, supply)
        if method in ("nash", "proportional"):
            share = _time_share(tier, pairs)
            now = time.monotonic()
            tier_deadline = now + (deadline - now) * share
            out = solve_tier(prob, seed=seed, deadline=tier_deadline, gap_target=gap_target)
        elif method == "greedy":
            out = _baseline_outcome(prob, greedy_tier(prob))
        else:
            out = _baseline_outcome(prob, lottery_tier(prob, rng))
        u = prob.utilities(out.counts)
        weight_sum = sum(w for w, x in zip(prob.weights, u, strict=True) if x > 0)
        tiers.append(_tier_entry(tier, out, weight_sum))
        for p, n in enumerate(out.counts):
            if n:
                k = prob.pair_class[p]
                supply[k] -= n
                mine = counts.setdefault(prob.orgs[prob.pair_org[p]].id, {})
                mine[k] = mine.get(k, 0) + n
        if refiner:
            refiner.after_tier(tier, out, prob.supply)
    if refiner:
        refiner.finish(tiers)
    return _result(inst, rule, method, seed, tiers, counts, supply, started, timing)


def _time_share(tier: int, pairs: dict[int, int]) -> float:
    """Share of the remaining time for this tier: in proportion to its eligible pairs (the size
    of its model) against the tiers still to come, at least TIER_SHARE_MIN if any come after."""
    later = sum(n for t, n in pairs.items() if t > tier)
    if not later:
        return 1.0
    return max(TIER_SHARE_MIN, pairs[tier] / max(1, pairs[tier] + later))


def _result(inst, rule, method, seed, tiers, counts, leftover, started, timing) -> dict[str, Any]:
    classes = inst.classes
    holders: dict[int, list[str]] = {}
    for org_id in sorted(counts):
        for k in sorted(counts[org_id]):
            holders.setdefault(k, []).append(org_id)
    assignments = []
    for k, ids in sorted(holders.items()):
        pack_ids = iter(classes[k].pack_ids)
        for org_id in ids:  # concrete packs handed out in sorted association order
            for _ in range(counts[org_id][k]):
                assignments.append({"pack": next(pack_ids), "organisation": org_id})
    assignments.sort(key=lambda a: a["pack"])
    allocated, utility, orgs_out = {}, {}, []
    rule_utility = {}
    for org in inst.organisations:
        mine = counts.get(org.id, {})
        per_games = {g: 0 for g in org.requested}
        for k, n in mine.items():
            per_games[classes[k].games] = per_games.get(classes[k].games, 0) + n * classes[k].size
        allocated[org.id] = sum(per_games.values())
        utility[org.id] = sum(
            n * classes[k].size * org.cities[classes[k].city] for k, n in mine.items()
        )
        rule_utility[org.id] = utility[org.id]
        orgs_out.append((org, per_games))
    alloc = Allocation(rule, method, counts, leftover, holders, rule_utility)
    organisations = []
    for org, per_games in orgs_out:
        asked = org.total_requested
        organisations.append(
            {
                "id": org.id,
                "allocated": per_games,
                "satisfaction": round(allocated[org.id] / asked, 4) if asked else 1.0,
                "explanation": explain(org, alloc),
            }
        )
    metrics = compute_metrics(inst, allocated, utility)
    if timing:
        metrics["seconds"] = round(time.monotonic() - started, 3)
    if not inst.packs:
        status = "no_packs"
    elif all(t["status"] == "optimal" for t in tiers):
        status = "optimal"
    else:
        status = "feasible"
    return {
        "format": RESULT_FORMAT,
        "instance_sha256": inst.sha256,
        "method": method,
        "seed": seed,
        "status": status,
        "objective": {"tiers": tiers},
        "assignments": assignments,
        "organisations": organisations,
        "metrics": metrics,
    }

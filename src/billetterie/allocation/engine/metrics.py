"""Fairness and efficiency figures of an allocation, identical for every method."""

from __future__ import annotations

import math

from .model import Instance


def gini(values: list[float]) -> float:
    """Gini coefficient (0 = everyone equally satisfied)."""
    n = len(values)
    total = sum(values)
    if n == 0 or total <= 0:
        return 0.0
    ordered = sorted(values)
    weighted = sum((2 * (k + 1) - n - 1) * v for k, v in enumerate(ordered))
    return weighted / (n * total)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile, q in (0, 1]."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def compute_metrics(
    inst: Instance, allocated: dict[str, int], utility: dict[str, float]
) -> dict[str, float | int]:
    """`allocated` and `utility` map association ids to tickets received and to u."""
    asking = [o for o in inst.organisations if o.total_requested > 0]
    sats = [allocated[o.id] / o.total_requested for o in asking]
    requests = sorted(o.total_requested for o in asking)
    median = requests[(len(requests) - 1) // 2] if requests else 0
    small = [o for o in asking if o.total_requested <= median]
    total = sum(allocated.values())
    welfare = sum(
        inst.weight(o) * math.log(utility[o.id]) for o in inst.organisations if utility[o.id] > 0
    )
    return {
        "tickets_offered": sum(p.size for p in inst.packs),
        "tickets_requested": sum(requests),
        "tickets_allocated": total,
        "organisations": len(inst.organisations),
        "organisations_served": sum(1 for o in inst.organisations if allocated[o.id] > 0),
        "min_satisfaction": round(min(sats), 4) if sats else 0.0,
        "p10_satisfaction": round(percentile(sats, 0.1), 4),
        "gini_satisfaction": round(gini(sats), 4),
        "weighted_nash_welfare": round(welfare, 6),
        "small_share": round(sum(allocated[o.id] for o in small) / total, 4) if total else 0.0,
        "small_request_share": round(sum(o.total_requested for o in small) / sum(requests), 4)
        if requests
        else 0.0,
    }

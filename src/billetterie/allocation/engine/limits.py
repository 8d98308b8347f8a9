"""How long a run may compute when nobody chose: a time limit that grows with the instance.

The size that matters to the solver is the number of eligible (association, pack class) pairs:
one variable of the model each. Measured on this project's benchmark (bench/README.md, 2 cores):
an instance the size of CNAPE's (about 9,000 pairs) reaches a 0.1 % certified gap in about 5 s,
a regional one (about 120,000 pairs) in about 15 s, a national one (about 800,000 pairs) needs about
120 s for 0.5 %, and 10,000 associations (about 2.8 million pairs) several minutes. The limit is
interpolated between the anchors below on a log-log scale, never under 3 s nor over 10 minutes.

The limit is a safety net: a run that reaches its gap target stops earlier. One that the clock
stops keeps its solution and its certified gap, and says so (``stopped_by_time_limit``).
"""

from __future__ import annotations

import math
from bisect import bisect_right

from .model import Instance
from .validation import validate_instance

#: (eligible pairs, seconds), increasing; below the first and above the last, the limit is flat.
ANCHORS: tuple[tuple[int, float], ...] = (
    (1_000, 3.0),
    (10_000, 10.0),
    (800_000, 120.0),
    (2_800_000, 600.0),
)


def eligible_pairs(instance: dict | Instance) -> int:
    """(association, pack class) pairs the hard constraints allow, all tiers together.

    The count the solver's model starts from (before the supply used by earlier tiers): the
    association asked for these Games, gives the host city a positive weight, is available on the
    date, and the pack is not larger than its request plus the tolerance.
    """
    return sum(eligible_pairs_by_tier(instance).values())


def eligible_pairs_by_tier(instance: dict | Instance) -> dict[int, int]:
    """The same count tier by tier (every tier against the whole supply)."""
    inst = instance if isinstance(instance, Instance) else validate_instance(instance)
    # Pack class sizes by (games, city), and by (games, city, date) for unavailable dates.
    sizes: dict[tuple[str, str], list[int]] = {}
    dated: dict[tuple[str, str, str], list[int]] = {}
    for pc in inst.classes:
        sizes.setdefault((pc.games, pc.city), []).append(pc.size)
        dated.setdefault((pc.games, pc.city, pc.date), []).append(pc.size)
    for values in (*sizes.values(), *dated.values()):
        values.sort()
    totals = dict.fromkeys(inst.tiers, 0)
    for org in inst.organisations:
        total = 0
        for games, requested in org.requested.items():
            if requested <= 0:
                continue
            largest = requested + inst.tolerance
            for city, weight in org.cities.items():
                if weight <= 0 or (games, city) not in sizes:
                    continue
                total += bisect_right(sizes[(games, city)], largest)
                for date in org.unavailable_dates:
                    total -= bisect_right(dated.get((games, city, date), ()), largest)
        totals[org.tier] += total
    return totals


def time_limit_for(instance: dict | Instance) -> float:
    """The time limit (seconds, whole) of one method on this instance when nobody chose one."""
    return limit_for_pairs(eligible_pairs(instance))


def limit_for_pairs(pairs: int) -> float:
    """Seconds for `pairs` eligible pairs: log-log interpolation between the anchors, rounded up."""
    (low_pairs, low), (high_pairs, high) = ANCHORS[0], ANCHORS[-1]
    if pairs <= low_pairs:
        return low
    if pairs >= high_pairs:
        return high
    for (p0, s0), (p1, s1) in zip(ANCHORS, ANCHORS[1:], strict=False):
        if pairs <= p1:
            t = math.log(pairs / p0) / math.log(p1 / p0)
            return float(math.ceil(s0 * (s1 / s0) ** t))
    return high  # unreachable: the last anchor bounds the loop

"""Large instances: local search by small exact MILPs over neighbourhoods of nearby hosts.

One step frees every group placed at a handful of neighbouring hosts, plus the unplaced groups
that one of those hosts could take, and re-places them optimally (HiGHS) with everything else
fixed, for the weighted objective W × person-nights − distance, where W exceeds any distance
difference among the freed groups, so that person-nights always come first. A step starts from
the current placements (a feasible point of the sub-problem), so it never makes things worse; a
full sweep of the hosts without any gain stops the search (or the deadline)."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable

import highspy

from .greedy import Compat
from .model import Group, Host, haversine_km

INF = highspy.kHighsInf
#: Hosts per neighbourhood, alternated from one sweep to the next.
SIZES = (10, 18)
#: Safety cap on one sub-problem (they usually close in a few milliseconds).
STEP_LIMIT = 2.0


def _neighbours(hosts: list[Host]) -> list[list[int]]:
    """Every host's hosts by distance (itself first); hosts without coordinates last, by id."""
    out = []
    for a, ha in enumerate(hosts):

        def key(b: int, ha=ha, a=a) -> tuple:
            if b == a:
                return (0, 0.0, "")
            hb = hosts[b]
            if ha.coords is None or hb.coords is None:
                return (2, 0.0, hb.id)
            return (1, haversine_km(ha.coords, hb.coords), hb.id)

        out.append(sorted(range(len(hosts)), key=key))
    return out


def improve(
    groups: list[Group],
    hosts: list[Host],
    compat: Compat,
    chosen: list[int | None],
    deadline: float,
    new_highs: Callable[[float], highspy.Highs],
    say: Callable[[str], None],
) -> tuple[list[int | None], bool]:
    """Better placements (never worse), and whether the search converged before the deadline."""
    chosen = list(chosen)
    km_of = [{j: km for km, j in row} for row in compat]
    at_host: list[set[int]] = [set() for _ in hosts]
    for i, j in enumerate(chosen):
        if j is not None:
            at_host[j].add(i)
    near = _neighbours(hosts)
    order = list(range(len(hosts)))
    random.Random(0).shuffle(order)
    idle, step, sweep = 0, 0, 0
    while True:
        size = SIZES[sweep % len(SIZES)]
        for seed in order:
            if time.monotonic() >= deadline:
                return chosen, False
            hood = sorted(near[seed][:size])
            if _step(groups, hosts, km_of, chosen, at_host, hood, deadline, new_highs):
                idle = 0
            else:
                idle += 1
            step += 1
            if idle >= len(order):
                say(f"Recherche locale terminée : {step} étapes.")
                return chosen, True
        sweep += 1
        placed = sum(groups[i].person_nights for i, j in enumerate(chosen) if j is not None)
        say(f"Recherche locale, passage {sweep} : {placed} nuitées.")


def _step(
    groups: list[Group],
    hosts: list[Host],
    km_of: list[dict[int, float]],
    chosen: list[int | None],
    at_host: list[set[int]],
    hood: list[int],
    deadline: float,
    new_highs: Callable[[float], highspy.Highs],
) -> bool:
    in_hood = set(hood)
    free = set().union(*(at_host[j] for j in hood))
    free |= {
        i
        for i, j in enumerate(chosen)
        if j is None and km_of[i] and not in_hood.isdisjoint(km_of[i])
    }
    cols = [(i, j) for i in sorted(free) for j in hood if j in km_of[i]]
    if len(cols) <= len(free):  # nobody has a choice
        return False
    # Weighted objective, in whole numbers: W × person-nights − tenths of km.
    tenths = {c: round(10 * km_of[c[0]][c[1]]) for c in cols}
    worst: dict[int, int] = defaultdict(int)
    for (i, _), t in tenths.items():
        worst[i] = max(worst[i], t)
    weight = sum(worst.values()) + 1
    demand: dict[tuple[int, str], int] = defaultdict(int)
    n_choices: dict[int, int] = defaultdict(int)
    for i, j in cols:
        n_choices[i] += 1
        for n in groups[i].nights:
            demand[j, n] += groups[i].persons
    rows_upper: list[float] = []
    group_row: dict[int, int] = {}
    for i in sorted(free):
        if n_choices[i] > 1:
            group_row[i] = len(rows_upper)
            rows_upper.append(1.0)
    cap_row: dict[tuple[int, str], int] = {}
    for (j, n), persons in sorted(demand.items()):
        beds = hosts[j].beds.get(n, 0)
        if persons > beds:
            cap_row[j, n] = len(rows_upper)
            rows_upper.append(float(beds))
    starts, index, value, cost = [0], [], [], []
    for i, j in cols:
        g = groups[i]
        if i in group_row:
            index.append(group_row[i])
            value.append(1.0)
        for n in g.nights:
            r = cap_row.get((j, n))
            if r is not None:
                index.append(r)
                value.append(float(g.persons))
        starts.append(len(index))
        cost.append(float(weight * g.person_nights - tenths[i, j]))
    before = sum(cost[c] for c, (i, j) in enumerate(cols) if chosen[i] == j)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(cols), len(rows_upper)
    lp.col_cost_ = cost
    lp.col_lower_, lp.col_upper_ = [0.0] * len(cols), [1.0] * len(cols)
    lp.row_lower_, lp.row_upper_ = [-INF] * len(rows_upper), rows_upper
    matrix = lp.a_matrix_
    matrix.format_ = highspy.MatrixFormat.kColwise
    matrix.num_col_, matrix.num_row_ = len(cols), len(rows_upper)
    matrix.start_, matrix.index_, matrix.value_ = starts, index, value
    lp.a_matrix_ = matrix
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(cols)
    h = new_highs(min(STEP_LIMIT, max(deadline - time.monotonic(), 0.05)))
    h.passModel(lp)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.999)
    warm = highspy.HighsSolution()
    warm.col_value = [1.0 if chosen[i] == j else 0.0 for i, j in cols]
    h.setSolution(warm)
    h.run()
    if h.getInfo().primal_solution_status != 2:
        return False
    x = list(h.getSolution().col_value)
    picked = {i: j for c, (i, j) in enumerate(cols) if x[c] > 0.5}
    if len(picked) != sum(1 for c in x if c > 0.5):
        return False
    after = sum(cost[c] for c, v in enumerate(x) if v > 0.5)
    if after <= before + 0.5:
        return False
    used: dict[tuple[int, str], int] = defaultdict(int)
    for i, j in picked.items():
        for n in groups[i].nights:
            used[j, n] += groups[i].persons
    if any(p > hosts[j].beds.get(n, 0) for (j, n), p in used.items()):
        return False
    for i in free:
        j = chosen[i]
        if j is not None:
            at_host[j].discard(i)
        chosen[i] = picked.get(i)
        if chosen[i] is not None:
            at_host[chosen[i]].add(i)
    return True

"""The `nash` method for one tier: most associations served, then maximum sum of w ln u."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy
import numpy as np

from .highs_model import TierModel, geometric_points
from .lns import neighbourhood_search
from .problem import TierProblem, max_matching
from .repair import AllocState, fill, from_lp, improve

#: Above this many eligible pairs the exact search is skipped: LP, rounding and local search only.
MILP_PAIR_LIMIT = 60_000
#: A certified gap below this is numerical noise of the solver tolerances: reported as optimal.
NUMERICAL_GAP = 1e-6
#: The exact search stops on the gap target or after this many nodes (reproducible), the clock
#: being only a safety net.
MILP_NODE_LIMIT = 20_000
#: Neighbourhoods re-solved by the local exact search (a work limit, so runs are reproducible).
LNS_GROUPS, LNS_GROUPS_LARGE = 60, 400
#: A tier with at most this many pairs goes straight to the exact search, which gets at least
#: TINY_FLOOR seconds even when the tier's share of the time limit is spent.
TINY_PAIRS, TINY_FLOOR = 3_000, 0.15
#: Ratio between the tangent points of ln near the incumbent in the exact search.
FINE_RATIO = 1.015
_NO_BOUND = {
    "Not Set",
    "Load error",
    "Model error",
    "Presolve error",
    "Solve error",
    "Postsolve error",
    "Empty",
    "Infeasible",
    "Primal infeasible or unbounded",
    "Unbounded",
    "Unknown",
}


@dataclass
class TierOutcome:
    """What the solver proved about one tier."""

    counts: list[int]
    served: int
    nash: float
    bound: float
    gap: float
    status: str  # "optimal" (proven) or "feasible" (stopped on the gap target or a limit)
    stopped_by_clock: bool = False


def certified_gap(bound: float, nash: float, weight_sum: float) -> float:
    """Gap in geometric-mean utility: exp((bound - nash) / sum w) - 1, never negative."""
    if weight_sum <= 0:
        return 0.0
    return max(0.0, math.expm1((bound - nash) / weight_sum))


def _served_weight(prob: TierProblem, counts: list[int]) -> float:
    u = prob.utilities(counts)
    return sum(w for w, x in zip(prob.weights, u, strict=True) if x > 0)


#: Below this many pairs every pair is in the LP from the start; above, columns are generated.
FULL_LP_PAIRS = 60_000
#: Share of a tier's time the bound stage may use beyond its first round.
LP_SHARE = 0.6
#: HiGHS time limit meaning "none".
INF_TIME = float("inf")


def _start_pairs(prob: TierProblem, state: AllocState, per_org: int = 25) -> list[int]:
    """Pairs of a heuristic allocation plus each association's most attractive pairs."""
    chosen = {p for p, x in enumerate(state.counts) if x}
    for pairs in prob.by_org:
        ranked = sorted(
            pairs,
            key=lambda p: (
                -prob.pair_util[p] / prob.pair_size[p],
                -prob.supply[prob.pair_class[p]],
                p,
            ),
        )
        chosen.update(ranked[:per_org])
    return sorted(chosen)


def _lp_phase(
    model: TierModel, deadline: float, start: list[int]
) -> tuple[float | None, list[float], np.ndarray | None]:
    """LP relaxation with Kelley cutting planes on ln and column generation on pairs.

    Every round that reaches its LP optimum gives a valid bound, even before column generation has
    converged: the restricted LP's value plus, for each pair not yet in it, its positive reduced
    cost times its upper bound (the Lagrangian bound of the full LP at the restricted duals). The
    first round always runs to its end, whatever the clock, so a result always carries a real
    bound; later rounds stop at `deadline`. Stops when the tangents are tight to 1e-5 of the
    weights and no pair prices out.
    """
    prob = model.prob
    model.add_pairs(range(model.P) if model.P <= FULL_LP_PAIRS else start)
    cuts = []
    for i in range(model.n):
        if prob.by_org[i]:
            cuts.extend((i, t) for t in geometric_points(model.umin[i], model.umax[i], 1.5))
    model.add_tangents(cuts)
    bound, x, bound_rc = None, [0.0] * model.P, None
    weight_sum = max(1.0, sum(prob.weights))
    upper = np.array(prob.pair_ub, dtype=float)
    for rounds in range(80):
        if rounds and time.monotonic() >= deadline:
            break
        # The first round has no time limit: the bound stage always finishes.
        limit = INF_TIME if bound is None else max(deadline - time.monotonic(), 0.01)
        model.h.setOptionValue("time_limit", limit)
        status, sol = model.run()
        if status != "Optimal":
            return bound, x, bound_rc
        value = model.h.getInfo().objective_function_value
        x = model.pair_values(sol).tolist()
        full_rc = model.reduced_costs()
        rc = full_rc.copy()
        rc[model.col_of_pair >= 0] = 0.0
        priced = np.maximum(rc, 0.0)
        lagrangian = value + float(priced @ upper)
        if bound is None or lagrangian < bound:
            bound = lagrangian
            # A pair in the model at its upper bound has rc >= 0: never left out.
            bound_rc = np.where(rc > 0, 0.0, full_rc)
        entering = np.flatnonzero(rc > 1e-6)
        new, slack = [], 0.0
        for i in range(model.n):
            if prob.by_org[i]:
                u = max(sol[model.u0 + i], model.umin[i])
                excess = sol[model.z0 + i] - math.log(u)
                if excess > 1e-9:
                    new.append((i, u))
                    slack += prob.weights[i] * excess
        if len(entering) == 0 and slack <= 1e-5 * weight_sum:
            break
        model.add_tangents(new)
        if len(entering):
            top = entering[np.argsort(-rc[entering], kind="stable")][:20_000]
            model.add_pairs(sorted(top.tolist()))
    return bound, x, bound_rc


def _kept_pairs(prob, state, bound, rc) -> list[int]:
    """Pairs an allocation better than `state` may use (reduced-cost fixing on the LP bound).

    An allocation giving pair p a pack is worth at most bound + rc[p]; when that is below the
    current allocation's value, p cannot appear in a better one, so the exact search leaves it out.
    Its bound then still holds for the whole problem. A margin covers the solver's tolerances.
    """
    if rc is None:
        return list(range(prob.n_pairs))
    nash = prob.score(state.counts)[1]
    margin = 1e-6 * max(1.0, sum(prob.weights)) + 1e-9 * abs(bound)
    floor = nash - bound - margin
    keep = set(np.flatnonzero(rc >= floor).tolist())
    keep.update(p for p, c in enumerate(state.counts) if c)
    return sorted(keep)


def _milp_phase(prob, served, fixed, state, bound, gap_target, seed, deadline, lp_x, rc=None):
    """Exact search warm-started from the repaired solution; returns (state, bound, clock)."""
    model = TierModel(prob, served, fixed, True, seed, max(deadline - time.monotonic(), 0.01))
    model.add_pairs(_kept_pairs(prob, state, bound, rc))
    u_inc = state.u
    u_lp = prob.utilities([round(v) for v in lp_x])
    cuts = []
    for i in range(model.n):
        if not prob.by_org[i]:
            continue
        lo, hi = model.umin[i], model.umax[i]
        centre = u_inc[i] if u_inc[i] > 0 else lo
        a, b = max(lo, centre / 1.6), min(hi, centre * 1.6)
        pts = set(geometric_points(lo, hi, 1.25)) | set(geometric_points(a, b, FINE_RATIO))
        pts.update(t for t in (u_inc[i], u_lp[i]) if t > 0)
        cuts.extend((i, t) for t in sorted(pts))
    model.add_tangents(cuts)
    weight_sum = _served_weight(prob, state.counts)
    abs_gap = max(1e-9, 0.9 * weight_sum * math.log1p(gap_target))
    model.h.setOptionValue("mip_rel_gap", 0.0)
    model.h.setOptionValue("mip_max_nodes", MILP_NODE_LIMIT)
    # Measured on the CNAPE-like benchmark: without presolve the warm start is improved sooner.
    model.h.setOptionValue("presolve", "off")
    model.h.setOptionValue("mip_abs_gap", abs_gap)
    clock = False
    for _ in range(6):
        model.h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
        sol = highspy.HighsSolution()
        sol.col_value = model.full_solution(state.counts).tolist()
        model.h.setSolution(sol)
        status, values = model.run()
        info = model.h.getInfo()
        if status == "Time limit reached":
            clock = True
        # HiGHS's dual bound is valid whatever stopped it (gap, nodes, clock), once finite.
        dual = info.mip_dual_bound
        if status not in _NO_BOUND and math.isfinite(dual) and dual < bound:
            bound = dual
        if info.primal_solution_status == 2:  # feasible point found
            counts = [int(round(v)) for v in model.pair_values(values)]
            try:
                prob.check(counts)
            except AssertionError:
                counts = None
            if counts is not None and prob.score(counts) > prob.score(state.counts):
                state = AllocState(prob, counts)
        nash = prob.score(state.counts)[1]
        gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
        if status != "Optimal" or gap <= max(gap_target, NUMERICAL_GAP):
            break
        # Optimal for the tangent approximation but not certified: tighten where it was loose.
        new = [(i, state.u[i]) for i in range(model.n) if state.u[i] > 0]
        new += [
            (i, float(values[model.u0 + i]))
            for i in range(model.n)
            if values[model.u0 + i] > 0
            and values[model.z0 + i] - math.log(values[model.u0 + i]) > 1e-9
        ]
        model.add_tangents(new)
    return state, bound, clock


def solve_tier(
    prob: TierProblem, *, seed: int, deadline: float, gap_target: float, exact: bool = True
) -> TierOutcome:
    """Solve one tier; the returned counts satisfy every hard constraint."""
    match = max_matching(prob)
    served = sum(1 for p in match if p >= 0)
    if served == 0:
        return TierOutcome([0] * prob.n_pairs, 0, 0.0, 0.0, 0.0, "optimal")
    fixed = served == len(prob.servable())
    model = TierModel(prob, served, fixed, False, seed, max(deadline - time.monotonic(), 0.01))
    greedy = AllocState(prob)
    for p in match:
        if p >= 0:
            greedy.add(p)
    fill(greedy)
    # The bound stage gets at most this share of the tier's time after its first round.
    now = time.monotonic()
    bound, x, rc = _lp_phase(model, now + LP_SHARE * (deadline - now), _start_pairs(prob, greedy))
    clock = bound is None
    if bound is None:
        # No LP optimum in time: a trivial but valid bound, and a greedy allocation.
        bound = sum(
            w * max(0.0, math.log(model.umax[i]))
            for i, w in enumerate(prob.weights)
            if prob.by_org[i]
        )
        x = [float(c) for c in greedy.counts]
    del model
    state = from_lp(prob, x)
    fill(state)
    clock |= not improve(state, deadline=deadline, max_passes=4)
    lp_u = [0.0] * len(prob.orgs)
    for p, v in enumerate(x):
        lp_u[prob.pair_org[p]] += v * prob.pair_util[p]
    small = prob.n_pairs <= MILP_PAIR_LIMIT
    tiny = prob.n_pairs <= TINY_PAIRS
    if not (tiny and exact):
        groups = LNS_GROUPS if small else LNS_GROUPS_LARGE
        clock |= not neighbourhood_search(
            prob, state, lp_u, seed=seed, deadline=deadline, max_groups=groups
        )
        fill(state)
    nash = prob.score(state.counts)[1]
    gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
    if tiny:
        # A tiny tier (often the waiting list, after tier 1 took most of the time) always gets
        # its exact search, at most TINY_FLOOR seconds beyond the limit.
        deadline = max(deadline, time.monotonic() + TINY_FLOOR)
    if exact and gap > gap_target and small and time.monotonic() < deadline:
        state, bound, hit = _milp_phase(
            prob, served, fixed, state, bound, gap_target, seed, deadline, x, rc
        )
        clock = clock or hit
        clock |= not improve(state, deadline=deadline)
    prob.check(state.counts)
    served_now, nash = prob.score(state.counts)
    gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
    # "optimal" only when proven (up to solver tolerances); otherwise the gap says how close.
    status = "optimal" if gap <= NUMERICAL_GAP else "feasible"
    return TierOutcome(state.counts, served_now, nash, bound, gap, status, clock)

"""The `nash` method for one tier: most associations served, then maximum sum of w ln u."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy

from .highs_model import TierModel, geometric_points
from .problem import TierProblem, max_matching
from .repair import AllocState, fill, from_lp, improve

#: Above this many eligible pairs the exact search is skipped: LP, rounding and local search only.
MILP_PAIR_LIMIT = 120_000
import os
HEUR = float(os.environ.get("HEUR", "0.05"))


@dataclass
class TierOutcome:
    """What the solver proved about one tier."""

    counts: list[int]
    served: int
    nash: float
    bound: float
    gap: float
    status: str  # "optimal" (gap target reached) or "feasible"
    stopped_by_clock: bool = False


def certified_gap(bound: float, nash: float, weight_sum: float) -> float:
    """Gap in geometric-mean utility: exp((bound - nash) / sum w) - 1, never negative."""
    if weight_sum <= 0:
        return 0.0
    return max(0.0, math.expm1((bound - nash) / weight_sum))


def _served_weight(prob: TierProblem, counts: list[int]) -> float:
    u = prob.utilities(counts)
    return sum(w for w, x in zip(prob.weights, u, strict=True) if x > 0)


def _lp_phase(model: TierModel, deadline: float) -> tuple[float | None, list[float]]:
    """Kelley cutting planes on ln until the tangents are tight; returns (bound, x)."""
    prob = model.prob
    cuts = []
    for i in range(model.n):
        if prob.by_org[i]:
            cuts.extend((i, t) for t in geometric_points(model.umin[i], model.umax[i], 2.0))
    model.add_tangents(cuts)
    bound, x = None, [0.0] * model.P
    for _ in range(40):
        model.h.setOptionValue("time_limit", max(deadline - time.monotonic(), 0.01))
        status, sol = model.run()
        if status != "Optimal":
            return None, x
        bound = model.h.getInfo().objective_function_value
        x = sol[: model.P].tolist()
        new = []
        slack = 0.0
        for i in range(model.n):
            if not prob.by_org[i]:
                continue
            u = max(sol[model.u0 + i], model.umin[i])
            excess = sol[model.z0 + i] - math.log(u)
            if excess > 1e-7:
                new.append((i, u))
                slack += prob.weights[i] * excess
        if not new or slack <= 1e-7 * max(1.0, sum(prob.weights)):
            break
        model.add_tangents(new)
    return bound, x


def _milp_phase(prob, served, fixed, state, bound, gap_target, seed, deadline, lp_x):
    """Exact search warm-started from the repaired solution; returns (state, bound, clock)."""
    model = TierModel(prob, served, fixed, True, seed, max(deadline - time.monotonic(), 0.01))
    u_inc = state.u
    u_lp = prob.utilities([round(v) for v in lp_x])
    cuts = []
    for i in range(model.n):
        if not prob.by_org[i]:
            continue
        lo, hi = model.umin[i], model.umax[i]
        centre = u_inc[i] if u_inc[i] > 0 else lo
        a, b = max(lo, centre / 1.6), min(hi, centre * 1.6)
        pts = set(geometric_points(lo, hi, 1.25)) | set(geometric_points(a, b, 1.015))
        pts.update(t for t in (u_inc[i], u_lp[i]) if t > 0)
        cuts.extend((i, t) for t in sorted(pts))
    model.add_tangents(cuts)
    weight_sum = _served_weight(prob, state.counts)
    abs_gap = max(1e-9, 0.9 * weight_sum * math.log1p(gap_target))
    model.h.setOptionValue("mip_rel_gap", 0.0)
    model.h.setOptionValue("mip_heuristic_effort", HEUR)
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
        if status in ("Optimal", "Time limit reached", "Interrupted by user"):
            if info.mip_dual_bound < bound:
                bound = info.mip_dual_bound
        if info.primal_solution_status == 2:  # feasible point found
            counts = [int(round(v)) for v in values[: model.P]]
            try:
                prob.check(counts)
            except AssertionError:
                counts = None
            if counts is not None and prob.score(counts) > prob.score(state.counts):
                state = AllocState(prob, counts)
        nash = prob.score(state.counts)[1]
        gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
        if status != "Optimal" or gap <= gap_target:
            break
        # Optimal for the tangent approximation but not certified: tighten where it was loose.
        new = [(i, state.u[i]) for i in range(model.n) if state.u[i] > 0]
        new += [
            (i, values[model.u0 + i])
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
    bound, x = _lp_phase(model, deadline)
    clock = bound is None
    if bound is None:
        # No LP optimum in time: a trivial but valid bound, and a greedy allocation.
        bound = sum(w * max(0.0, math.log(model.umax[i]))
                    for i, w in enumerate(prob.weights) if prob.by_org[i])
        x = [1.0 if p == match[prob.pair_org[p]] else 0.0 for p in range(prob.n_pairs)]
    del model
    state = from_lp(prob, x)
    fill(state)
    improve(state, deadline=deadline)
    nash = prob.score(state.counts)[1]
    gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
    if exact and gap > gap_target and prob.n_pairs <= MILP_PAIR_LIMIT:
        if time.monotonic() < deadline:
            state, bound, hit = _milp_phase(
                prob, served, fixed, state, bound, gap_target, seed, deadline, x
            )
            clock = clock or hit
            improve(state, deadline=deadline)
    prob.check(state.counts)
    served_now, nash = prob.score(state.counts)
    gap = certified_gap(bound, nash, _served_weight(prob, state.counts))
    status = "optimal" if gap <= gap_target + 1e-12 else "feasible"
    return TierOutcome(state.counts, served_now, nash, bound, gap, status, clock)

"""Prototype of the `nash` tier-1 model on OR-Tools CP-SAT, kept to compare with HiGHS.

Not used by the engine. Needs `ortools` (not a project dependency):
`PYTHONPATH=src .venv/bin/python bench/allocation/cpsat_prototype.py cnape 5 [workers]`.
ln is tabulated exactly at every reachable utility (utilities are integers in tenths of a ticket
because city weights are multiples of 0.1 in the generator), scaled to integers for CP-SAT.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ortools.sat.python import cp_model  # noqa: E402

from allocation.generator import generate  # noqa: E402
from billetterie.allocation.engine import validate_instance  # noqa: E402
from billetterie.allocation.engine.nash import certified_gap  # noqa: E402
from billetterie.allocation.engine.problem import build_tier_problem, max_matching  # noqa: E402
from billetterie.allocation.engine.repair import AllocState, fill  # noqa: E402

SCALE_LN, SCALE_W = 10_000, 100


def main(size: str, limit: float, workers: int) -> None:
    inst = validate_instance(generate(size, seed=0))
    prob = build_tier_problem(inst, 1, [pc.count for pc in inst.classes])
    started = time.monotonic()
    m = cp_model.CpModel()
    x = [m.new_int_var(0, prob.pair_ub[p], f"x{p}") for p in range(prob.n_pairs)]
    for k, pairs in prob.by_class.items():
        m.add(sum(x[p] for p in pairs) <= prob.supply[k])
    objective = []
    for i, pairs in enumerate(prob.by_org):
        if not pairs:
            continue
        for g, cap in prob.caps[i].items():
            ps = [p for p in pairs if prob.pair_games[p] == g]
            if ps:
                m.add(sum(prob.pair_size[p] * x[p] for p in ps) <= cap)
        m.add(sum(x[p] for p in pairs) >= 1)  # every servable association is served here
        tenths = [round(10 * prob.pair_util[p]) for p in pairs]
        top = sum(t * prob.pair_ub[p] for t, p in zip(tenths, pairs, strict=True))
        dens: dict[str, float] = {}
        for t, p in zip(tenths, pairs, strict=True):
            g = prob.pair_games[p]
            dens[g] = max(dens.get(g, 0.0), t / prob.pair_size[p])
        top = min(top, math.floor(sum(d * prob.caps[i][g] for g, d in dens.items()) + 1e-9))
        u = m.new_int_var(0, top, f"u{i}")
        m.add(u == sum(t * x[p] for t, p in zip(tenths, pairs, strict=True)))
        table = [-10 * SCALE_LN] + [round(SCALE_LN * math.log(v / 10)) for v in range(1, top + 1)]
        ln_u = m.new_int_var(min(table), max(table), f"l{i}")
        m.add_element(u, table, ln_u)
        objective.append(round(SCALE_W * prob.weights[i]) * ln_u)
    m.maximize(sum(objective))
    start = AllocState(prob)  # same greedy start as the engine's, as a hint
    for p in max_matching(prob):
        if p >= 0:
            start.add(p)
    fill(start)
    for p, n in enumerate(start.counts):
        m.add_hint(x[p], n)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        print(
            f"{size} CP-SAT {workers} worker(s), {limit:g} s: {solver.status_name(status)}, "
            "no allocation found"
        )
        return
    counts = [int(solver.value(v)) for v in x]
    prob.check(counts)
    served, nash = prob.score(counts)
    weight = sum(w for w, v in zip(prob.weights, prob.utilities(counts), strict=True) if v > 0)
    # Convert the scaled CP-SAT bound back; rounding of the table adds at most 0.5/SCALE_LN each.
    bound = solver.best_objective_bound / (SCALE_LN * SCALE_W) + len(objective) / SCALE_LN
    print(
        f"{size} CP-SAT {workers} worker(s), {limit:g} s: {solver.status_name(status)}, "
        f"{time.monotonic() - started:.1f} s, served {served}, nash {nash:.3f}, "
        f"bound {bound:.3f}, certified gap {100 * certified_gap(bound, nash, weight):.3f} %"
    )


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)

"""The certified bound holds whatever stops the search: partial column generation, the clock, the
pairs the exact search leaves out (reduced-cost fixing), a time share spent."""

import importlib.util
import math
import sys
import time
from pathlib import Path

from allocation_strategies import exhaustive_best, tiny_instances
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from billetterie.allocation.engine import nash, solve, validate_instance
from billetterie.allocation.engine.highs_model import TierModel
from billetterie.allocation.engine.problem import build_tier_problem, max_matching
from billetterie.allocation.engine.repair import AllocState, fill, from_lp, improve

ROOT = Path(__file__).resolve().parents[2]
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _generator():
    spec = importlib.util.spec_from_file_location(
        "allocation_bench_generator_bound", ROOT / "bench" / "allocation" / "generator.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@FAST
@given(
    tiny_instances(max_orgs=4, max_packs=7),
    st.sampled_from([1e-3, 0.05]),
    st.sampled_from([0.001, 10.0]),
)
def test_the_bound_is_never_below_the_true_optimum(data, gap_target, time_limit):
    result = solve(data, gap_target=gap_target, time_limit=time_limit, timing=False)
    tiers = result["objective"]["tiers"]
    if not tiers:
        return
    served, best = exhaustive_best(data)
    tier = tiers[0]
    assert tier["served"] == served  # the matching is exact, whatever the clock
    assert tier["bound"] is not None
    assert tier["bound"] >= best - 1e-6 * max(1.0, abs(best))
    assert tier["nash"] <= best + 1e-6 * max(1.0, abs(best))


def _first_tier(seed: int):
    inst = validate_instance(_generator().generate_shaped("cnape", seed))
    prob = build_tier_problem(inst, 1, [pc.count for pc in inst.classes])
    match = max_matching(prob)
    served = sum(1 for p in match if p >= 0)
    start = AllocState(prob)
    for p in match:
        if p >= 0:
            start.add(p)
    fill(start)
    return prob, served, served == len(prob.servable()), start


def _lp(prob, served, fixed, start, deadline):
    model = TierModel(prob, served, fixed, False, 0, 60)
    return nash._lp_phase(model, deadline, nash._start_pairs(prob, start, per_org=3))


def test_the_first_column_generation_round_already_bounds_the_full_relaxation(monkeypatch):
    prob, served, fixed, start = _first_tier(3)
    full, _, _ = _lp(prob, served, fixed, start, time.monotonic() + 60)
    # Column generation from 3 pairs per association, stopped after its first round.
    monkeypatch.setattr(nash, "FULL_LP_PAIRS", 10)
    first, x, rc = _lp(prob, served, fixed, start, time.monotonic() - 1)
    assert first is not None and math.isfinite(first)
    weights = sum(prob.weights)
    assert first >= full - 1e-6 * weights
    # Pairs outside the first restricted LP price out: without them the value would be no bound.
    assert (rc > 1e-6).any()
    # Letting column generation run to its end reaches the full relaxation's value.
    converged, _, _ = _lp(prob, served, fixed, start, time.monotonic() + 60)
    assert abs(converged - full) <= 1e-4 * weights


def test_a_result_stopped_at_once_still_carries_a_real_bound():
    data = _generator().generate_shaped("cnape", 5)
    quick = solve(data, time_limit=0.001, timing=False)["objective"]["tiers"][0]
    longer = solve(data, time_limit=5, timing=False)["objective"]["tiers"][0]
    assert quick["bound"] is not None
    # The trivial bound (everyone gets everything they could) would be far above.
    assert quick["bound"] >= longer["nash"] - 1e-6
    assert quick["gap"] < 0.05


def test_left_out_pairs_cannot_appear_in_a_better_allocation():
    prob, served, fixed, greedy = _first_tier(7)
    bound, x, rc = _lp(prob, served, fixed, greedy, time.monotonic() + 60)
    start = from_lp(prob, x)  # the incumbent the exact search starts from
    fill(start)
    improve(start, deadline=time.monotonic() + 60)
    kept = set(nash._kept_pairs(prob, start, bound, rc))
    left_out = [p for p in range(prob.n_pairs) if p not in kept]
    assert left_out, "the repaired LP point leaves room for reduced-cost fixing here"
    assert all(start.counts[p] == 0 for p in left_out)
    value = prob.score(start.counts)[1]
    for p in left_out:
        assert bound + rc[p] < value

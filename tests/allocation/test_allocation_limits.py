"""The automatic time limit: it counts the eligible pairs as the rule defines them and grows with
them, from a few seconds to ten minutes."""

from allocation_strategies import eligible, tiny_instances
from hypothesis import HealthCheck, given, settings

from billetterie.allocation.engine import validate_instance
from billetterie.allocation.engine.limits import (
    ANCHORS,
    eligible_pairs,
    limit_for_pairs,
    time_limit_for,
)
from billetterie.allocation.engine.problem import build_tier_problem


def _pairs_by_hand(data: dict) -> int:
    """(association, class of interchangeable packs) pairs allowed, written apart from the engine."""
    tolerance = data.get("rules", {}).get("over_request_tolerance", 0)
    classes = {}
    for pack in data["packs"]:
        classes.setdefault((pack["games"], pack["city"], pack["date"], pack["size"]), pack)
    return sum(
        1
        for org in data["organisations"]
        for pack in classes.values()
        if eligible(data, org, pack) and pack["size"] <= org["requested"][pack["games"]] + tolerance
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(max_orgs=5, max_packs=12, tiers=True))
def test_the_pairs_are_those_the_hard_constraints_allow(data):
    assert eligible_pairs(data) == _pairs_by_hand(data)
    inst = validate_instance(data)
    assert eligible_pairs(inst) == eligible_pairs(data)
    # The solver's own model of a tier, before any earlier tier took packs, has the same pairs.
    supply = [pc.count for pc in inst.classes]
    assert eligible_pairs(inst) == sum(
        build_tier_problem(inst, tier, supply).n_pairs for tier in inst.tiers
    )


def test_the_limit_goes_through_its_anchors_and_grows_with_the_size():
    for pairs, seconds in ANCHORS:
        assert limit_for_pairs(pairs) == seconds
    assert limit_for_pairs(0) == 3.0  # an empty wave still gets a few seconds
    assert limit_for_pairs(10**9) == 600.0  # never more than ten minutes
    limits = [limit_for_pairs(p) for p in range(0, 3_000_000, 997)]
    assert limits == sorted(limits)
    assert all(seconds == int(seconds) for seconds in limits)  # whole seconds, for the pages
    # CNAPE's size (about 9,000 pairs): 0.1 % in about 5 s measured, twice that allowed.
    assert limit_for_pairs(9_000) == 10.0
    assert 30 <= limit_for_pairs(120_000) <= 60  # regional


def test_an_empty_instance_has_no_pair_and_the_smallest_limit():
    data = {"format": "billetterie.allocation/1", "organisations": [], "packs": []}
    assert eligible_pairs(data) == 0 and time_limit_for(data) == 3.0


def test_each_tier_gets_time_in_proportion_to_its_model_with_a_floor_for_the_first():
    from billetterie.allocation.engine.solve import TIER_SHARE_MIN, _time_share

    pairs = {1: 6000, 2: 4000}
    assert _time_share(1, pairs) == TIER_SHARE_MIN  # 60 % rather than 6000 / 10000
    assert _time_share(2, pairs) == 1.0  # the last tier takes what is left
    assert _time_share(1, {1: 9000, 2: 1000}) == 0.9
    assert _time_share(1, {1: 5000}) == 1.0
    assert _time_share(2, {1: 10, 2: 0, 3: 30}) == TIER_SHARE_MIN

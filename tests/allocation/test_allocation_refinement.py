"""The refinement after each later tier: exchanges that cost the earlier tiers nothing."""

import json
import math

from allocation_strategies import check_hard_constraints, contested_instances, utility
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from billetterie.allocation.engine import dumps_result, solve

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _values(data: dict, result: dict) -> dict[str, float]:
    return utility(data, {a["pack"]: a["organisation"] for a in result["assignments"]})


def _tier_score(data: dict, values: dict[str, float], tier: int, alpha: float):
    served, nash = 0, 0.0
    for org in data["organisations"]:
        if org["tier"] == tier and values[org["id"]] > 0:
            total = sum(org["requested"].values())
            served += 1
            nash += (float(total) ** alpha if alpha else 1.0) * math.log(values[org["id"]])
    return served, nash


def _both(data: dict, method: str = "nash", seed: int = 0) -> tuple[dict, dict]:
    plain = solve(data, method=method, seed=seed, time_limit=60, timing=False, refine=False)
    refined = solve(data, method=method, seed=seed, time_limit=60, timing=False)
    return plain, refined


@FAST
@given(contested_instances(), st.sampled_from(["nash", "proportional"]), st.integers(0, 3))
def test_refinement_never_costs_the_earlier_tiers(data, method, seed):
    plain, refined = _both(data, method, seed)
    entries = plain["objective"]["tiers"] + refined["objective"]["tiers"]
    assume(not any(t["stopped_by_time_limit"] for t in entries))
    check_hard_constraints(data, refined)
    alpha = 1.0 if method == "proportional" else data["rules"]["size_weight_exponent"]
    before, after = _values(data, plain), _values(data, refined)
    tiers = sorted({o["tier"] for o in data["organisations"]})
    # The first two tiers are solved on the same packs with and without refinement: every
    # association of theirs keeps at least its value, so served counts and welfare never drop.
    for org in data["organisations"]:
        if org["tier"] in tiers[:2]:
            assert after[org["id"]] >= before[org["id"]] - 1e-9, org["id"]
    for tier in tiers[:2]:
        served_before, nash_before = _tier_score(data, before, tier, alpha)
        served_after, nash_after = _tier_score(data, after, tier, alpha)
        assert served_after >= served_before
        if tier == tiers[0]:
            assert served_after == served_before
            assert nash_after >= nash_before - 1e-9
    plain_entries = {t["tier"]: t for t in plain["objective"]["tiers"]}
    for entry in refined["objective"]["tiers"]:
        tier = entry["tier"]
        served, nash = _tier_score(data, after, tier, alpha)
        assert entry["served"] == served
        assert abs(entry["nash"] - nash) <= 1e-6
        change = entry.get("refinement")
        if change is None:
            if tier in tiers[:2]:
                assert entry == plain_entries[tier]
            assert entry["bound"] >= entry["nash"] - 1e-6
            continue
        assert change["packs_moved"] > 0
        assert entry["served"] == change["served_before"] + change["served_added"]
        if tier in tiers[:2]:
            old = plain_entries[tier]
            assert (change["served_before"], change["nash_before"]) == (old["served"], old["nash"])
            assert entry["bound"] == old["bound"]
            assert entry["gap"] <= old["gap"]
        # The bound always certifies the tier's own solve.
        assert entry["bound"] >= change["nash_before"] - 1e-6
        if change["served_added"] == 0:
            assert entry["nash"] >= change["nash_before"] - 1e-6
        if tier == tiers[0]:
            # The first tier saw every pack: its bound still holds for the refined allocation.
            assert change["served_added"] == 0
            assert entry["bound"] >= entry["nash"] - 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contested_instances(), st.randoms(use_true_random=False))
def test_refined_results_do_not_depend_on_input_order(data, rnd):
    shuffled = json.loads(json.dumps(data))
    rnd.shuffle(shuffled["organisations"])
    rnd.shuffle(shuffled["packs"])
    a = solve(data, timing=False)
    b = solve(shuffled, timing=False)
    assume(not any(t["stopped_by_time_limit"] for t in a["objective"]["tiers"]))
    a.pop("instance_sha256")
    b.pop("instance_sha256")
    assert dumps_result(a) == dumps_result(b)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contested_instances(), st.sampled_from(["greedy", "lottery"]), st.integers(0, 3))
def test_the_baselines_are_not_refined(data, method, seed):
    plain, refined = _both(data, method, seed)
    assert dumps_result(plain) == dumps_result(refined)


def _org(org_id: str, tier: int, cities: dict[str, float]) -> dict:
    return {"id": org_id, "name": org_id, "tier": tier, "requested": {"OG": 4}, "cities": cities}


def _pack(pack_id: str, city: str) -> dict:
    return {"id": pack_id, "games": "OG", "city": city, "date": "2024-07-27", "size": 4}


def _instance(orgs: list[dict], packs: list[dict]) -> dict:
    return {
        "format": "billetterie.allocation/1",
        "rules": {"size_weight_exponent": 0.5},
        "organisations": orgs,
        "packs": packs,
    }


def _owners(result: dict) -> dict[str, str]:
    return {a["pack"]: a["organisation"] for a in result["assignments"]}


def test_an_exchange_chain_serves_a_waiting_list_association():
    # A (rank 1) is as happy in Lille as in Nice; C (waiting list) as happy in Nice as in Paris;
    # B (waiting list) can only use Lille, the pack A holds after the plain solve.
    data = _instance(
        [
            _org("A", 1, {"Lille": 1.0, "Nice": 1.0}),
            _org("B", 2, {"Lille": 1.0}),
            _org("C", 2, {"Nice": 1.0, "Paris": 1.0}),
        ],
        [_pack("P1", "Lille"), _pack("P2", "Nice"), _pack("P3", "Paris")],
    )
    plain, refined = _both(data)
    assert _owners(plain) == {"P1": "A", "P2": "C"}  # B gets nothing, Paris stays free
    # C moves from Nice to the free Paris pack, A from Lille to Nice, B takes Lille.
    assert _owners(refined) == {"P1": "B", "P2": "A", "P3": "C"}
    check_hard_constraints(data, refined)
    first, second = refined["objective"]["tiers"]
    old_first, old_second = plain["objective"]["tiers"]
    assert first["served"] == 1
    assert first["nash"] == old_first["nash"]
    assert first["bound"] == old_first["bound"]
    assert first["refinement"] == {
        "served_before": 1,
        "nash_before": old_first["nash"],
        "served_added": 0,
        "packs_moved": 1,
    }
    assert second["served"] == 2
    assert second["bound"] == old_second["bound"]
    assert second["gap"] == old_second["gap"]
    assert second["refinement"] == {
        "served_before": 1,
        "nash_before": old_second["nash"],
        "served_added": 1,
        "packs_moved": 2,
    }
    assert abs(second["nash"] - 2 * 2 * math.log(4)) <= 1e-6  # two served, weight 2, value 4
    explanation = {o["id"]: o["explanation"] for o in refined["organisations"]}["B"]
    assert "Elle reçoit 1 lot : 4 billets JO (Lille 4)" in explanation
    assert refined["metrics"]["organisations_served"] == 3


def test_a_rank_one_association_moves_to_a_free_pack_of_the_same_value():
    data = _instance(
        [_org("A", 1, {"Lille": 1.0, "Paris": 1.0}), _org("B", 2, {"Lille": 1.0})],
        [_pack("P1", "Paris"), _pack("P2", "Lille")],
    )
    plain, refined = _both(data)
    assert _owners(plain) == {"P2": "A"}
    assert _owners(refined) == {"P1": "A", "P2": "B"}
    assert refined["objective"]["tiers"][0]["refinement"]["packs_moved"] == 1
    assert refined["objective"]["tiers"][1]["refinement"]["served_added"] == 1


def test_an_intermediate_tier_gains_and_keeps_the_bound_of_its_own_solve():
    # X (rank 1) is as happy in Paris as in Lille; D (rank 2) prefers Lille (value 4) to Nice
    # (value 2) but X held Lille when rank 2 was solved; J (rank 3) can only use Nice.
    data = _instance(
        [
            _org("X", 1, {"Lille": 1.0, "Paris": 1.0}),
            _org("D", 2, {"Lille": 1.0, "Nice": 0.5}),
            _org("J", 3, {"Nice": 1.0}),
        ],
        [_pack("P1", "Paris"), _pack("P2", "Lille"), _pack("P3", "Nice")],
    )
    plain, refined = _both(data)
    assert _owners(plain) == {"P2": "X", "P3": "D"}
    assert _owners(refined) == {"P1": "X", "P2": "D", "P3": "J"}
    first, second, third = refined["objective"]["tiers"]
    old_first, old_second, _ = plain["objective"]["tiers"]
    assert first["refinement"]["packs_moved"] == 1
    assert (first["nash"], first["bound"], first["gap"]) == (
        old_first["nash"],
        old_first["bound"],
        old_first["gap"],
    )
    # D gains a pack its rank's own solve never had: the bound and gap stay those of that solve.
    assert second["nash"] > second["bound"]
    assert (second["bound"], second["gap"]) == (old_second["bound"], old_second["gap"])
    assert second["refinement"] == {
        "served_before": 1,
        "nash_before": old_second["nash"],
        "served_added": 0,
        "packs_moved": 1,
    }
    assert third["served"] == 1
    assert third["refinement"]["served_added"] == 1


def test_nothing_changes_without_an_exchange_that_costs_nothing():
    # A prefers Paris (value 4) to Lille (value 2): giving Paris to B would cost A.
    data = _instance(
        [_org("A", 1, {"Lille": 0.5, "Paris": 1.0}), _org("B", 2, {"Paris": 1.0})],
        [_pack("P1", "Paris"), _pack("P2", "Lille")],
    )
    plain, refined = _both(data)
    assert _owners(refined) == {"P1": "A"}
    assert dumps_result(refined) == dumps_result(plain)
    assert all("refinement" not in t for t in refined["objective"]["tiers"])

"""The benchmark generator yields valid, seeded, realistic instances of many shapes."""

import importlib.util
import statistics as stats
import sys
from pathlib import Path

import pytest

from billetterie.allocation.engine import solve, validate_instance

ROOT = Path(__file__).resolve().parents[2]
OVERSEAS = {"971", "972", "973", "974", "976", "987"}


def _generator():
    spec = importlib.util.spec_from_file_location(
        "allocation_bench_generator", ROOT / "bench" / "allocation" / "generator.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


gen = _generator()


def test_cnape_like_instance_is_valid_and_seeded():
    data = gen.generate("cnape", seed=1)
    assert data == gen.generate("cnape", seed=1)
    assert data != gen.generate("cnape", seed=2)
    inst = validate_instance(data)
    assert len(inst.organisations) == 70 and len(inst.packs) == 850
    offered = sum(p.size for p in inst.packs)
    assert 5500 <= offered <= 8000
    assert {"OG", "PG"} <= {p.games for p in inst.packs}
    deps = {o["departement"] for o in gen.generate("national", seed=0)["organisations"]}
    assert deps & OVERSEAS
    result = solve(data, time_limit=3)
    assert result["metrics"]["organisations_served"] > 50


def test_seed_zero_has_the_default_shape():
    for size in ("cnape", "regional"):
        assert gen.shape_for(size, 0) == gen.default_shape(size)
        assert gen.generate_shaped(size, 0) == gen.generate(size, 0)
    assert gen.shape_for("cnape", 1) != gen.default_shape("cnape")
    assert gen.generate_shaped("cnape", 1) != gen.generate("cnape", 1)


def test_shaped_instances_are_valid_and_deterministic():
    for seed in range(20):
        data = gen.generate_shaped("cnape", seed)
        inst = validate_instance(data)
        assert len(inst.organisations) == 70 and len(inst.packs) == 850
        assert {o.tier for o in inst.organisations} <= {1, 2}
        assert all(o.cities for o in inst.organisations)
    for seed in (3, 11):
        assert gen.shape_for("cnape", seed) == gen.shape_for("cnape", seed)
        assert gen.generate_shaped("cnape", seed) == gen.generate_shaped("cnape", seed)
    assert gen.shape_for("cnape", 3) != gen.shape_for("regional", 3)


def test_shapes_really_differ_across_seeds():
    shapes = [gen.shape_for("cnape", seed) for seed in range(20)]
    assert len(set(shapes)) == 20
    drawn = shapes[1:]
    assert max(s.pareto for s in drawn) - min(s.pareto for s in drawn) >= 0.7
    assert max(s.large_packs for s in drawn) / min(s.large_packs for s in drawn) >= 3
    assert (
        max(s.regional_radius_km for s in drawn) - min(s.regional_radius_km for s in drawn) >= 100
    )
    assert max(s.demand_ratio for s in drawn) - min(s.demand_ratio for s in drawn) >= 0.3
    seen = [gen.statistics(gen.generate_shaped("cnape", seed)) for seed in range(20)]

    def spread(key):
        values = [s[key] for s in seen]
        return max(values) - min(values)

    assert spread("overseas_share") >= 0.1
    assert spread("waiting_share") >= 0.25
    assert spread("mean_pack_size") >= 2.5
    assert spread("paris_area_pack_share") >= 0.2
    assert spread("unavailable_share") >= 0.3
    assert min(s["waiting_share"] for s in seen) <= 0.05  # some campaigns have no waiting list
    assert max(s["waiting_share"] for s in seen) <= 0.5


def test_overseas_associations_want_paris_a_little_or_their_own_site():
    data = gen.generate("regional", 4, gen.Shape(overseas_share=0.4, paris_appetite=0.6))
    validate_instance(data)
    overseas = [o for o in data["organisations"] if o["departement"] in OVERSEAS]
    assert 0.3 <= len(overseas) / len(data["organisations"]) <= 0.5
    for org in overseas:
        assert org["cities"]
        assert org["cities"].get("Paris", 0.3) == 0.3
        if org["departement"] == "987":
            assert "Teahupo'o (Tahiti)" in org["cities"]
        else:
            assert "Paris" in org["cities"]
    none = gen.generate("regional", 4, gen.Shape(overseas_share=0.0))
    assert not [o for o in none["organisations"] if o["departement"] in OVERSEAS]


def test_unavailable_dates_and_waiting_list_follow_the_shape():
    shape = gen.Shape(unavailable_share=1.0, unavailable_max=12, waiting_share=0.0)
    data = gen.generate("cnape", 5, shape)
    assert all(1 <= len(o["unavailable_dates"]) <= 12 for o in data["organisations"])
    assert max(len(o["unavailable_dates"]) for o in data["organisations"]) > 5
    assert all(o["tier"] == 1 for o in data["organisations"])
    none = gen.generate("cnape", 5, gen.Shape(unavailable_share=0.0, waiting_share=1.0))
    assert not any(o["unavailable_dates"] for o in none["organisations"])
    assert all(o["tier"] == 2 for o in none["organisations"])


@pytest.mark.parametrize(
    ("size", "orgs", "packs", "tickets"),
    [
        ("cnape", 70, 850, (5500, 7500)),
        ("regional", 500, 6000, (45000, 55000)),
        ("national", 3000, 21000, (175000, 200000)),
        ("xl", 10000, 75000, (600000, 680000)),
    ],
)
def test_sizes_as_specified(size, orgs, packs, tickets):
    data = gen.generate_shaped(size, 0)
    inst = validate_instance(data)
    assert len(inst.organisations) == orgs and len(inst.packs) == packs
    assert len({o.id for o in inst.organisations}) == orgs
    assert tickets[0] <= sum(p.size for p in inst.packs) <= tickets[1]
    requested = sum(o.total_requested for o in inst.organisations)
    assert 1.1 <= requested / sum(p.size for p in inst.packs) <= 1.5


def test_ticket_counts_stay_near_the_size_across_shapes():
    offered = [
        gen.statistics(gen.generate_shaped("regional", s))["tickets_offered"] for s in range(8)
    ]
    assert min(offered) >= 0.7 * 50000 and max(offered) <= 1.35 * 50000
    assert stats.pstdev(offered) > 1000  # the pack-size mix moves the ticket count

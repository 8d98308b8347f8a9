"""The benchmark generator yields valid, seeded, realistic instances."""

import importlib.util
import sys
from pathlib import Path

from billetterie.allocation.engine import solve, validate_instance

ROOT = Path(__file__).resolve().parents[2]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "allocation_bench_generator", ROOT / "bench" / "allocation" / "generator.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_cnape_like_instance_is_valid_and_seeded():
    gen = _generator()
    data = gen.generate("cnape", seed=1)
    assert data == gen.generate("cnape", seed=1)
    assert data != gen.generate("cnape", seed=2)
    inst = validate_instance(data)
    assert len(inst.organisations) == 70 and len(inst.packs) == 850
    offered = sum(p.size for p in inst.packs)
    assert 5500 <= offered <= 8000
    assert {"OG", "PG"} <= {p.games for p in inst.packs}
    overseas = {"971", "972", "973", "974", "976", "987"}
    deps = {o["departement"] for o in gen.generate("national", seed=0)["organisations"]}
    assert deps & overseas
    result = solve(data, time_limit=3)
    assert result["metrics"]["organisations_served"] > 50

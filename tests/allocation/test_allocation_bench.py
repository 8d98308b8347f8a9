"""The allocation benchmark's summaries, targets and report, on synthetic runs; one quick real run."""

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location(
        "allocation_bench_runner", ROOT / "bench" / "run_allocation.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _digest(gaps, served, nash, *, wall=1.0, peak=100.0, stopped=False, weight=None):
    tiers = [
        {
            "tier": t,
            "served": s,
            "nash": n,
            "bound": None if g is None else n + 1,
            "gap": g,
            "status": "feasible",
            "stopped_by_time_limit": stopped,
        }
        for t, (g, s, n) in enumerate(zip(gaps, served, nash, strict=True), start=1)
    ]
    return {
        "wall": wall,
        "peak_mb": peak,
        "status": "feasible",
        "tiers": tiers,
        "served_weight": weight or {str(t): 10.0 * s for t, s in enumerate(served, start=1)},
        "tickets_allocated": 100,
        "organisations_served": sum(served),
    }


def _row(seed, gaps, *, wall=1.0, peak=100.0, stopped=False, config=None):
    config = config or bench.Config("1 s", 0.9, 1.0)
    greedy = _digest([None] * len(gaps), [5] * len(gaps), [40.0] * len(gaps), wall=0.1)
    run = _digest(gaps, [5] * len(gaps), [50.0] * len(gaps), wall=wall, peak=peak, stopped=stopped)
    return bench.run_row("cnape", seed, config, run, greedy)


def test_gap_is_the_worst_tier_and_tier_1_is_kept_apart():
    row = _row(0, [0.002, 0.03])
    assert row["gap"] == 0.03
    assert row["gap_tier1"] == 0.002
    assert bench.worst_gap([]) == 0.0
    assert bench.worst_gap([{"gap": 0.1}, {"gap": None}]) is None


def test_gain_against_greedy_is_a_ratio_of_geometric_means():
    row = _row(0, [0.0])
    # W_nash − W_greedy = 10 over a served weight of 50: exp(0.2) − 1.
    assert row["gain_vs_greedy"] == pytest.approx(0.221403, abs=1e-6)
    assert row["gain_vs_greedy_tier1"] == pytest.approx(0.221403, abs=1e-6)
    assert bench.welfare_gain(3.0, 1.0, 0.0) is None
    assert bench.welfare_gain(1.0, 3.0, 2.0) < 0


def test_summary_gives_median_and_worst():
    rows = [
        _row(0, [0.001], wall=0.5, peak=60),
        _row(1, [0.004], wall=0.9, peak=80, stopped=True),
        _row(2, [0.002], wall=0.7, peak=70, stopped=True),
    ]
    s = bench.summarise(rows)
    assert s["instances"] == 3
    assert s["gap_median"] == 0.002 and s["gap_worst"] == 0.004
    assert s["gap_tier1_median"] == 0.002 and s["gap_tier1_worst"] == 0.004
    assert s["seconds_median"] == 0.7 and s["seconds_worst"] == 0.9
    assert s["peak_mb_median"] == 70 and s["peak_mb_worst"] == 80
    assert s["stopped_by_time_limit"] == 2
    assert s["serves_at_least_greedy_tier1"] == 3
    assert bench.median_worst([1.0, None, 3.0]) == (2.0, None)
    assert bench.median_worst([1.0, 2.0, 4.0], worst=min) == (2.0, 1.0)
    assert bench.median_worst([None]) == (None, None)


def test_targets_hold_only_when_the_worst_instance_meets_every_bound():
    target = bench.Target("national", "120 s", "t", 0.01, 120, 4096)
    ok = bench.summarise([_row(0, [0.004], wall=60, peak=500), _row(1, [0.009], wall=119)])
    assert bench.check_target(target, ok)["held"]
    slow = bench.summarise([_row(0, [0.004], wall=60), _row(1, [0.002], wall=121)])
    assert not bench.check_target(target, slow)["held"]
    wide = bench.summarise([_row(0, [0.004]), _row(1, [0.002, 0.011])])
    assert not bench.check_target(target, wide)["held"]
    heavy = bench.summarise([_row(0, [0.004], peak=5000)])
    assert not bench.check_target(target, heavy)["held"]
    unknown = bench.summarise([_row(0, [None])])
    assert not bench.check_target(target, unknown)["held"]
    gap_only = bench.Target("national", "120 s sous charge", "t", 0.02)
    assert bench.check_target(gap_only, bench.summarise([_row(0, [0.015], wall=500)]))["held"]


def test_plan_follows_the_brief():
    assert bench.PLAN["cnape"][0] == 20
    assert [c.limit for c in bench.PLAN["cnape"][1]] == [0.9, 5]
    assert [c.budget for c in bench.PLAN["cnape"][1]] == [1.0, 5]
    assert [(c.limit, c.load) for c in bench.PLAN["national"][1]] == [(120, False), (120, True)]
    assert bench.PLAN["xl"] == (1, (bench.Config("600 s", 600, 600),))
    labels = {s: {c.label for c in configs} for s, (_, configs) in bench.PLAN.items()}
    assert all(t.label in labels[t.size] for t in bench.TARGETS)


def test_there_is_no_parallel_jobs_option(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["run_allocation.py", "--jobs", "2"])
    with pytest.raises(SystemExit):
        bench.main()


def _report(quick=False):
    config = bench.Config("1 s", 0.9, 1.0)
    rows = [_row(0, [0.004], config=config), _row(1, [0.02], config=config)]
    configs = [{"label": "1 s", "time_limit": 0.9, "budget": 1.0, "load": False}]
    configs[0]["summary"] = bench.summarise(rows)
    configs[0]["runs"] = rows
    shape = bench.generator.shape_for("cnape", 1)
    instances = [
        {
            "seed": seed,
            "shape_short": shape.short(),
            "statistics": {"organisations": 70, "packs": 850, "tickets_offered": 6500},
        }
        for seed in (0, 1)
    ]
    block = {
        "instances": instances,
        "configs": configs,
        "targets": bench.size_targets("cnape", configs, quick),
        "generated_at": "2026-01-01 00:00 UTC",
        "quick": quick,
    }
    machine = {"cpus": 2, "python": "3.11", "highspy": "1.16.0", "burners": 2}
    return {"generated_at": "x", "quick": quick, "machine": machine, "sizes": {"cnape": block}}


def test_report_is_in_french_and_says_which_targets_hold():
    text = bench.table(_report())
    assert "type CNAPE : pire écart ≤ 1 % en ≤ 1 s : **NON tenu**" in text
    assert "1.20 % ; 2.00 %" in text  # median ; worst gap
    assert "0,9 s" in text  # the 1 s convention is said
    assert "outre-mer" in text
    assert "aucun" in bench.table(_report(quick=True))


def test_write_merges_results_and_replaces_only_its_block(tmp_path):
    results, readme = tmp_path / "results.json", tmp_path / "README.md"
    results.write_text(json.dumps({"lodging": {"kept": True}, "allocation": {"old": 1}}))
    readme.write_text(
        f"# Bancs\n\n{bench.START}\nancien tableau\n{bench.END}\n\n<!-- lodging:start -->\nL\n"
    )
    bench.write(_report(), results, readme)
    merged = json.loads(results.read_text())
    assert merged["lodging"] == {"kept": True}
    assert merged["allocation"]["sizes"]["cnape"]["configs"][0]["summary"]["instances"] == 2
    text = readme.read_text()
    assert "ancien tableau" not in text and "<!-- lodging:start -->\nL" in text
    assert text.count(bench.START) == 1
    assert bench._previous(results) == merged["allocation"]["sizes"]
    merged["allocation"]["sizes"]["cnape"]["quick"] = True
    results.write_text(json.dumps(merged))
    assert bench._previous(results) == {}


def test_quick_run_end_to_end_in_a_copy(tmp_path):
    """The whole chain (generate, subprocess solves, summary, files) on one small instance."""
    (tmp_path / "bench").mkdir()
    shutil.copy(ROOT / "bench" / "run_allocation.py", tmp_path / "bench")
    shutil.copy(ROOT / "bench" / "report.py", tmp_path / "bench")
    shutil.copytree(
        ROOT / "bench" / "allocation",
        tmp_path / "bench" / "allocation",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, "bench/run_allocation.py", "--quick", "--sizes", "cnape", "--seeds", "1"]
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "[3/3] cnape graine 0" in done.stderr
    report = json.loads((tmp_path / "bench" / "results.json").read_text())["allocation"]
    block = report["sizes"]["cnape"]
    assert [c["label"] for c in block["configs"]] == ["1 s", "2 s"]
    for config in block["configs"]:
        (row,) = config["runs"]
        assert row["gap"] is not None and row["gap"] >= 0
        assert row["served_tier1"] >= 1 and row["greedy"]["served"] >= 1
        assert row["peak_mb"] > 0
    assert "## Répartition des lots" in (tmp_path / "bench" / "README.md").read_text()

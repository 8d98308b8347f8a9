"""The command line on documented files: solve, compare, empty and hopeless instances."""

import json
import os
import subprocess
import sys
from pathlib import Path

from allocation_strategies import GOOD

from billetterie.allocation.__main__ import main

SRC = str(Path(__file__).resolve().parents[2] / "src")


def _write(tmp_path, data):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_solve_writes_a_result_in_the_contract_format(tmp_path):
    source = _write(tmp_path, GOOD)
    out = tmp_path / "result.json"
    assert main(["solve", str(source), "--out", str(out), "--seed", "3"]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["format"] == "billetterie.allocation-result/1"
    assert result["method"] == "nash" and result["seed"] == 3
    assert result["status"] == "optimal"
    assert result["assignments"] == [{"pack": "P1", "organisation": "A1"}]
    org = result["organisations"][0]
    assert org["allocated"] == {"OG": 4} and org["satisfaction"] == 0.4
    assert "Pourquoi pas davantage" in org["explanation"]
    tier = result["objective"]["tiers"][0]
    assert tier["served"] == 1 and tier["bound"] >= tier["nash"] - 1e-9
    for key in (
        "tickets_offered",
        "tickets_allocated",
        "organisations_served",
        "min_satisfaction",
        "gini_satisfaction",
        "seconds",
    ):
        assert key in result["metrics"]


def test_instance_without_packs_exits_zero(tmp_path):
    data = dict(GOOD, packs=[])
    out = tmp_path / "result.json"
    assert main(["solve", str(_write(tmp_path, data)), "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["status"] == "no_packs"
    assert result["assignments"] == []
    assert result["metrics"]["tickets_allocated"] == 0


def test_instance_where_no_pack_fits_exits_zero(tmp_path, capsys):
    data = json.loads(json.dumps(GOOD))
    data["packs"][0]["city"] = "Marseille"
    data["packs"].append(
        {"id": "P2", "games": "OG", "city": "Paris", "date": "2024-07-28", "size": 2}
    )
    data["packs"].append(
        {"id": "P3", "games": "OG", "city": "Paris", "date": "2024-07-27", "size": 11}
    )
    data["packs"].append(
        {"id": "P4", "games": "PG", "city": "Paris", "date": "2024-07-27", "size": 1}
    )
    source = _write(tmp_path, data)
    out = tmp_path / "result.json"
    assert main(["solve", str(source), "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["assignments"] == []
    assert result["organisations"][0]["satisfaction"] == 0.0
    for method in ("greedy", "lottery", "proportional"):
        assert main(["solve", str(source), "--out", str(out), "--method", method]) == 0
    assert main(["compare", str(source)]) == 0
    table = capsys.readouterr().out
    for method in ("nash", "proportional", "greedy", "lottery"):
        assert method in table


def test_module_runs_as_a_command_without_django(tmp_path):
    source = _write(tmp_path, GOOD)
    out = tmp_path / "result.json"
    env = dict(os.environ, PYTHONPATH=SRC)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['allocation', 'solve', {str(source)!r}, '--out', {str(out)!r}]\n"
        "try:\n"
        "    runpy.run_module('billetterie.allocation', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["status"] == "optimal"
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "billetterie.allocation/1", "organisations": [], "packs": 3}')
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "billetterie.allocation",
            "solve",
            str(bad),
            "--out",
            str(tmp_path / "never.json"),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "packs:" in done.stderr
    assert not (tmp_path / "never.json").exists()
    assert done.stdout == ""

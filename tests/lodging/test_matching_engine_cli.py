"""The matching's command line, run as a real process without Django."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=SRC)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, "-m", "billetterie.lodging.matching", *args],
        env=env,
        capture_output=True,
        text=True,
    )


def test_generate_solve_check(tmp_path):
    inst, out, greedy = tmp_path / "i.json", tmp_path / "r.json", tmp_path / "g.json"
    done = run("generate", "--groups", "30", "--hosts", "8", "--seed", "4", "--out", str(inst))
    assert done.returncode == 0, done.stderr
    data = json.loads(inst.read_text(encoding="utf-8"))
    assert len(data["groups"]) == 30 and len(data["hosts"]) == 8
    done = run("solve", str(inst), "--time-limit", "5", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Préparation : 30 groupes, 8 lieux d'accueil." in done.stderr
    assert "nuitées sur" in done.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["format"] == "billetterie-lodging-result/1"
    assert result["status"] == "optimal"
    done = run("solve", str(inst), "--method", "greedy", "--out", str(greedy))
    assert done.returncode == 0, done.stderr
    assert json.loads(greedy.read_text())["person_nights"] <= result["person_nights"]
    done = run("check", str(inst), str(out))
    assert done.returncode == 0, done.stderr
    assert "Résultat conforme." in done.stderr


def test_check_fails_with_the_french_list(tmp_path):
    inst, res = tmp_path / "i.json", tmp_path / "r.json"
    run("generate", "--groups", "20", "--hosts", "5", "--seed", "1", "--out", str(inst))
    data = json.loads(inst.read_text())
    first = data["groups"][0]["id"]
    res.write_text(
        json.dumps(
            {"placements": [{"group": first, "host": "inconnu"}, {"group": "X", "host": "H001"}]}
        )
    )
    done = run("check", str(inst), str(res))
    assert done.returncode == 1
    assert "2 problème(s) :" in done.stderr
    assert "lieu inconnu « inconnu »" in done.stderr
    assert "groupe inconnu « X »" in done.stderr


def test_bad_files_exit_2_in_french_without_traceback(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{pas du json", encoding="utf-8")
    done = run("solve", str(bad))
    assert done.returncode == 2
    assert "JSON invalide (ligne 1, colonne 2)" in done.stderr
    assert "Traceback" not in done.stderr
    done = run("solve", str(tmp_path / "absent.json"))
    assert done.returncode == 2
    assert "Instance introuvable" in done.stderr
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "billetterie-lodging-instance/1", "groups": [], "hosts": 3}')
    done = run("solve", str(wrong))
    assert done.returncode == 2
    assert "Instance refusée — « hosts » doit être une liste (lieux)" in done.stderr
    assert "Traceback" not in done.stderr
    done = run("check", str(wrong), str(bad))
    assert done.returncode == 2
    assert "Résultat : JSON invalide" in done.stderr


def test_the_command_line_loads_no_django(tmp_path):
    env = dict(os.environ, PYTHONPATH=SRC)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import sys\n"
        "import billetterie.lodging.matching as m, billetterie.lodging.matching.__main__\n"
        "m.solve(m.generate(groups=5, hosts=2, seed=0))\n"
        "bad = sorted(x for x in sys.modules if x.split('.')[0] == 'django')\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

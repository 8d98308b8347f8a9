"""bench/run_web.py reads locust's CSV and decides each target from it: tested on a file written as
locust writes it, so that a change of columns cannot turn a failed target into a held one."""

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import run_web  # noqa: E402

HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,"
    "Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,"
    "50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)


def _write(tmp_path, rows):
    prefix = tmp_path / "run"
    lines = [HEADER]
    for name, count, failures, p50, p95, p99 in rows:
        lines.append(
            f"GET,{name},{count},{failures},{p50},1,1,1,1,2.5,0,{p50},1,1,1,1,{p95},1,{p99},1,1,1"
        )
    (tmp_path / "run_stats.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return prefix


def _run(stats, integrity=None):
    return {
        **stats,
        "integrity": integrity
        or {
            "packs_with_two_live_offers": 0,
            "packs_state_mismatch": 0,
            "holders_outside_accepted_packs": 0,
        },
    }


def test_targets_held_and_failed_from_locust_figures(tmp_path):
    prefix = _write(
        tmp_path,
        [
            ("accueil référent", 100, 0, 40, 250, 400),
            ("groupe : enregistrer", 50, 0, 90, 310, 500),
            ("connexion (mot de passe)", 60, 0, 200, 900, 1200),
            ("tableau de bord", 10, 0, 300, 1100, 1500),
            ("connexion (second facteur)", 0, 0, "N/A", "N/A", "N/A"),
            ("propositions : desister", 0, 0, "N/A", "N/A", "N/A"),
            ("Aggregated", 220, 0, 60, 800, 1300),
        ],
    )
    stats = run_web._stats(prefix)
    assert stats["pages"]["connexion (second facteur)"]["p95_ms"] is None
    targets = run_web._targets(_run(stats))
    assert targets["referent_p95_ms"] == 310  # the worst referent page decides
    assert not targets["referent_p95_held"]
    assert targets["signin_p95_held"]
    assert not targets["dashboard_p95_held"]
    assert targets["zero_errors"] and targets["zero_double_allocations"]


def test_an_error_or_a_double_allocation_fails_its_target(tmp_path):
    prefix = _write(
        tmp_path, [("accueil référent", 10, 1, 40, 50, 60), ("Aggregated", 10, 1, 40, 50, 60)]
    )
    broken = {
        "packs_with_two_live_offers": 0,
        "packs_state_mismatch": 1,
        "holders_outside_accepted_packs": 0,
    }
    targets = run_web._targets(_run(run_web._stats(prefix), broken))
    assert not targets["zero_errors"]
    assert not targets["zero_double_allocations"]
    # No sign-in measured at all is not a held target.
    assert not targets["signin_p95_held"]

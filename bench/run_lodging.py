"""Lodging matching benchmark: MILP and greedy on seeded generated instances of three sizes.

Run from the repository root: `PYTHONPATH=src .venv/bin/python bench/run_lodging.py`
(`--sizes small,medium,large`). Each run happens in its own subprocess, one at a time, so that its
peak memory (ru_maxrss) is its own. Every result is checked (`check()`: beds per night, no split,
compatible pairs); the MILP must cover at least as many person-nights as greedy on every instance.
Writes the "lodging" key of bench/results.json and the table between the lodging markers of
bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from report import write_report  # noqa: E402

from billetterie.lodging.matching import check, generate  # noqa: E402

#: name: (groups, hosts, seeds, MILP time limit in seconds)
SIZES = {
    "small": (50, 15, range(1, 11), 10.0),
    "medium": (500, 100, range(1, 4), 10.0),
    "large": (2000, 400, range(1, 4), 60.0),
}


def worker(instance: str, method: str, limit: float, out: str) -> None:
    """Child process: solve once, write the result, the wall time and the peak memory."""
    from billetterie.lodging.matching import solve

    data = json.loads(Path(instance).read_text(encoding="utf-8"))
    started = time.monotonic()
    result = solve(data, method=method, time_limit=limit)
    wall = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(out).write_text(json.dumps({"result": result, "wall": wall, "peak_mb": peak_kb / 1024}))


def _run(instance: Path, method: str, limit: float, tmp: Path) -> dict:
    out = tmp / f"{instance.stem}-{method}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, __file__, "--worker", str(instance), method, str(limit), str(out)]
    subprocess.run(cmd, check=True, env=env)
    return json.loads(out.read_text())


def _row(seed: int, method: str, data: dict, run: dict) -> dict:
    r = run["result"]
    problems = check(data, r)
    return {
        "seed": seed,
        "method": method,
        "status": r["status"],
        "person_nights": r["person_nights"],
        "person_nights_requested": r["person_nights_requested"],
        "share": round(r["person_nights"] / r["person_nights_requested"], 4)
        if r["person_nights_requested"]
        else 1.0,
        "upper_bound": r["upper_bound"],
        "gap": r["gap"],
        "greedy_person_nights": r["greedy_person_nights"],
        "groups": r["groups"],
        "groups_placed": r["groups_placed"],
        "distance_km_total": r["distance_km_total"],
        "seconds": round(run["wall"], 2),
        "peak_mb": round(run["peak_mb"]),
        "violations": problems,
    }


def _summary(rows: list[dict]) -> dict:
    def med(key):
        return statistics.median(r[key] for r in rows)

    return {
        "runs": len(rows),
        "share_median": round(med("share"), 4),
        "share_worst": min(r["share"] for r in rows),
        "gap_median": round(med("gap"), 6),
        "gap_worst": max(r["gap"] for r in rows),
        "groups_placed_median": med("groups_placed"),
        "distance_km_median": round(med("distance_km_total"), 1),
        "seconds_median": round(med("seconds"), 2),
        "seconds_worst": max(r["seconds"] for r in rows),
        "peak_mb_median": med("peak_mb"),
        "peak_mb_worst": max(r["peak_mb"] for r in rows),
        "statuses": sorted({r["status"] for r in rows}),
    }


def bench_size(name: str, tmp: Path) -> dict:
    n_groups, n_hosts, seeds, limit = SIZES[name]
    rows = []
    for seed in seeds:
        data = generate(groups=n_groups, hosts=n_hosts, seed=seed)
        path = tmp / f"{name}-{seed}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        for method in ("milp", "greedy"):
            print(f"[{name} seed {seed}] {method} …", file=sys.stderr, flush=True)
            rows.append(_row(seed, method, data, _run(path, method, limit, tmp)))
    milp = [r for r in rows if r["method"] == "milp"]
    greedy = {r["seed"]: r for r in rows if r["method"] == "greedy"}
    return {
        "groups": n_groups,
        "hosts": n_hosts,
        "seeds": list(seeds),
        "time_limit": limit,
        "runs": rows,
        "summary": {
            "milp": _summary(milp),
            "greedy": _summary(list(greedy.values())),
            "gain_over_greedy_median": round(
                statistics.median(
                    r["person_nights"] / max(greedy[r["seed"]]["person_nights"], 1) - 1
                    for r in milp
                ),
                4,
            ),
        },
        "targets": {
            "no_violation": all(not r["violations"] for r in rows),
            "milp_at_least_greedy_everywhere": all(
                r["person_nights"] >= greedy[r["seed"]]["person_nights"] for r in milp
            ),
            "bound_above_result": all(r["upper_bound"] >= r["person_nights"] for r in rows),
            "within_time_limit": all(r["seconds"] <= limit + 5 for r in milp),
        },
    }


def _pct(x: float) -> str:
    return f"{100 * x:.2f} %"


def _table(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Machine : {m['cpus']} cœurs, Python {m['python']}, HiGHS (highspy) {m['highspy']} ; "
        f"{report['generated_at']}.",
        "",
        "| instances | méthode | nuitées placées / demandées (médiane ; pire) | écart à la borne "
        "(médiane ; pire) | groupes placés (médiane) | distance totale km (médiane) | "
        "gain sur glouton (médiane) | s (médiane ; pire) | Mo (médiane ; pire) | statuts |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, block in report["sizes"].items():
        label = (
            f"{name} : {block['groups']} groupes, {block['hosts']} lieux, "
            f"{len(block['seeds'])} graines, limite {block['time_limit']:.0f} s"
        )
        for method in ("milp", "greedy"):
            s = block["summary"][method]
            gain = _pct(block["summary"]["gain_over_greedy_median"]) if method == "milp" else "—"
            lines.append(
                f"| {label} | {method} | {_pct(s['share_median'])} ; {_pct(s['share_worst'])} | "
                f"{_pct(s['gap_median'])} ; {_pct(s['gap_worst'])} | "
                f"{s['groups_placed_median']:g} | {s['distance_km_median']:.1f} | {gain} | "
                f"{s['seconds_median']:.2f} ; {s['seconds_worst']:.2f} | "
                f"{s['peak_mb_median']:g} ; {s['peak_mb_worst']} | {', '.join(s['statuses'])} |"
            )
            label = ""
    lines += [
        "",
        "Détail par graine (MILP puis glouton) :",
        "",
        "| instances | graine | nuitées MILP | nuitées glouton | borne | écart MILP | statut MILP "
        "| km MILP | km glouton | s MILP |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, block in report["sizes"].items():
        by_seed: dict[int, dict] = {}
        for r in block["runs"]:
            by_seed.setdefault(r["seed"], {})[r["method"]] = r
        for seed, pair in by_seed.items():
            a, g = pair["milp"], pair["greedy"]
            lines.append(
                f"| {name} | {seed} | {a['person_nights']} | {g['person_nights']} | "
                f"{a['upper_bound']} | {_pct(a['gap'])} | {a['status']} | "
                f"{a['distance_km_total']:.1f} | {g['distance_km_total']:.1f} | {a['seconds']:.2f} |"
            )
    lines += [
        "",
        "Nuitées : personnes × nuits. Borne : majorant valable de toute solution (celle du MILP "
        "quand le modèle est complet, sinon la relaxation nuit par nuit, voir "
        "docs/lodging-matching.md) ; l'écart est (borne − nuitées) / borne. Distance : somme, par "
        "groupe placé, de la distance du lieu au centre des sites de ses épreuves (100 km pour un "
        "lieu sans coordonnées). `time_limit` : arrêté par la limite de temps (la recherche "
        "continue de s'améliorer ; résultat non garanti reproductible). Mo : pic mémoire du "
        "processus (ru_maxrss).",
        "",
        "Objectifs vérifiés sur cette mesure :",
        "",
    ]
    for name, block in report["sizes"].items():
        for target, ok in block["targets"].items():
            lines.append(f"- {name} — `{target}` : {'tenu' if ok else 'NON tenu'}")
    return "\n".join(lines)


def _write(report: dict) -> None:
    write_report("lodging", report, "Hébergement : placement des groupes", _table(report))


def _previous() -> dict:
    results = ROOT / "bench" / "results.json"
    if not results.exists():
        return {}
    return json.loads(results.read_text(encoding="utf-8")).get("lodging", {}).get("sizes", {})


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes: {', '.join(unknown)}")
    from importlib.metadata import version

    report = {
        "generated_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "highspy": version("highspy"),
        },
        "sizes": {},
    }
    previous = _previous()
    with tempfile.TemporaryDirectory() as tmp:
        for name in SIZES:
            if name in sizes:
                report["sizes"][name] = bench_size(name, Path(tmp))
            elif name in previous:  # sizes not re-run keep their last measurement
                report["sizes"][name] = previous[name]
    _write(report)
    print(_table(report))
    failed = [
        f"{name}: {target}"
        for name, block in report["sizes"].items()
        for target, ok in block["targets"].items()
        if not ok
    ]
    if failed:
        sys.exit("Objectifs non tenus : " + ", ".join(failed))


if __name__ == "__main__":
    main()

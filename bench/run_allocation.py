"""Allocation benchmark: every method side by side on seeded CNAPE-like, regional and national instances.

Run from the repository root: `PYTHONPATH=src .venv/bin/python bench/run_allocation.py`
(`--sizes cnape,regional,national`, `--quick`). Each method runs in its own subprocess, one at a
time, so that its peak memory (ru_maxrss) is its own. Writes bench/results.json (key "allocation")
and the table between the allocation markers of bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from allocation.generator import SIZES, generate  # noqa: E402

#: (row label, method, time limit in seconds) per size; `quick` keeps the first nash row only.
PLAN = {
    # The 1 s row gets 0.9 s of search: reading the instance and writing explanations take the rest.
    "cnape": [
        ("nash (1 s)", "nash", 0.9),
        ("nash (5 s)", "nash", 5),
        ("nash (60 s)", "nash", 60),
        ("proportional", "proportional", 60),
        ("greedy", "greedy", 60),
        ("lottery", "lottery", 60),
    ],
    "regional": [
        ("nash (60 s)", "nash", 60),
        ("proportional", "proportional", 60),
        ("greedy", "greedy", 60),
        ("lottery", "lottery", 60),
    ],
    "national": [
        ("nash (120 s)", "nash", 120),
        ("proportional", "proportional", 120),
        ("greedy", "greedy", 120),
        ("lottery", "lottery", 120),
    ],
}
QUICK_LIMIT = {"cnape": 0.9, "regional": 10, "national": 30}
START, END = "<!-- allocation:start -->", "<!-- allocation:end -->"


def worker(instance: str, method: str, limit: float, out: str) -> None:
    """Child process: solve once, write the result and the peak memory."""
    from billetterie.allocation.engine import load_instance, solve

    inst = load_instance(instance)
    started = time.monotonic()
    result = solve(inst, method=method, seed=0, time_limit=limit)
    wall = time.monotonic() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    Path(out).write_text(json.dumps({"result": result, "wall": wall, "peak_mb": peak_kb / 1024}))


def _run(instance: Path, method: str, limit: float, tmp: Path) -> dict:
    out = tmp / f"{method}-{limit}.json"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    cmd = [sys.executable, __file__, "--worker", str(instance), method, str(limit), str(out)]
    subprocess.run(cmd, check=True, env=env)
    return json.loads(out.read_text())


def _by_tier(data: dict, result: dict) -> dict[str, dict]:
    """Associations served and weighted Nash welfare per tier, with the campaign's exponent."""
    alpha = data["rules"]["size_weight_exponent"]
    packs = {p["id"]: p for p in data["packs"]}
    orgs = {o["id"]: o for o in data["organisations"]}
    u = dict.fromkeys(orgs, 0.0)
    for a in result["assignments"]:
        pack, org = packs[a["pack"]], orgs[a["organisation"]]
        u[org["id"]] += pack["size"] * org["cities"][pack["city"]]
    tiers: dict[str, dict] = {}
    for org_id, org in sorted(orgs.items()):
        entry = tiers.setdefault(str(org.get("tier", 1)), {"served": 0, "welfare": 0.0})
        if u[org_id] > 0:
            entry["served"] += 1
            entry["welfare"] += float(sum(org["requested"].values())) ** alpha * math.log(u[org_id])
    for entry in tiers.values():
        entry["welfare"] = round(entry["welfare"], 3)
    return dict(sorted(tiers.items()))


def _summary(
    label: str, method: str, limit: float, run: dict, reference: dict | None, data: dict
) -> dict:
    result, m = run["result"], run["result"]["metrics"]
    tiers = result["objective"]["tiers"]
    gaps = [t["gap"] for t in tiers if t["gap"] is not None]
    gap = max(gaps) if gaps else None
    if gap is None and reference is not None:
        # Baselines: distance of their welfare to the bound proven by the nash run.
        bound = sum(t["bound"] for t in reference["tiers"])
        if m["organisations_served"] == reference["served"] and reference["weight"] > 0:
            gap = math.expm1((bound - m["weighted_nash_welfare"]) / reference["weight"])
    return {
        "label": label,
        "method": method,
        "time_limit": limit,
        "seconds": round(run["wall"], 2),
        "peak_mb": round(run["peak_mb"]),
        "status": result["status"],
        "stopped_by_time_limit": any(t.get("stopped_by_time_limit") for t in tiers),
        "gap_to_bound": None if gap is None else round(gap, 6),
        "tiers": tiers,
        "by_tier": _by_tier(data, result),
        "organisations_served": m["organisations_served"],
        "min_satisfaction": m["min_satisfaction"],
        "p10_satisfaction": m["p10_satisfaction"],
        "gini_satisfaction": m["gini_satisfaction"],
        "weighted_nash_welfare": m["weighted_nash_welfare"],
        "tickets_allocated": m["tickets_allocated"],
        "tickets_offered": m["tickets_offered"],
        "small_share": m["small_share"],
        "small_request_share": m["small_request_share"],
    }


def bench_size(size: str, quick: bool, tmp: Path) -> dict:
    data = generate(size, seed=0)
    path = tmp / f"{size}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    plan = PLAN[size]
    if quick:
        plan = [(f"nash ({QUICK_LIMIT[size]} s)", "nash", QUICK_LIMIT[size])] + [
            (label, method, QUICK_LIMIT[size]) for label, method, _ in plan if method != "nash"
        ]
    rows, reference = [], None
    for label, method, limit in plan:
        print(f"[{size}] {label} …", file=sys.stderr, flush=True)
        run = _run(path, method, limit, tmp)
        row = _summary(label, method, limit, run, reference, data)
        if method == "nash":
            weights = run["result"]["objective"]["tiers"]
            reference = {
                "tiers": weights,
                "served": row["organisations_served"],
                "weight": _served_weight(data, run["result"]),
            }
        rows.append(row)
    requested = sum(sum(o["requested"].values()) for o in data["organisations"])
    return {
        "instance": {
            "seed": 0,
            "organisations": len(data["organisations"]),
            "packs": len(data["packs"]),
            "tickets_offered": sum(p["size"] for p in data["packs"]),
            "tickets_requested": requested,
        },
        "runs": rows,
        "targets": _targets(size, rows),
    }


def _targets(size: str, rows: list[dict]) -> dict[str, bool]:
    """The engine's targets (docs/allocation.md, « Mesures »), checked on this run."""
    nash = [r for r in rows if r["method"] == "nash"]
    others = [r for r in rows if r["method"] != "nash"]
    best = min(nash, key=lambda r: (r["gap_to_bound"], r["seconds"]))
    first = "1"
    checks = {
        "nash_serves_most_in_tier_1": all(
            n["by_tier"][first]["served"] >= o["by_tier"][first]["served"]
            for n in nash
            for o in others
        ),
        "nash_highest_welfare_in_tier_1": all(
            n["by_tier"][first]["welfare"] > o["by_tier"][first]["welfare"]
            for n in nash
            for o in others
        ),
        "nash_serves_most_overall": all(
            n["organisations_served"] >= o["organisations_served"] for n in nash for o in others
        ),
        "nash_highest_welfare_overall": all(
            n["weighted_nash_welfare"] > o["weighted_nash_welfare"] for n in nash for o in others
        ),
    }
    if size == "cnape":
        checks["gap_1pct_within_1s"] = any(
            r["seconds"] <= 1.0 and r["gap_to_bound"] <= 0.01 for r in nash
        )
        checks["gap_0.1pct_within_5s"] = any(
            r["seconds"] <= 5.0 and r["gap_to_bound"] <= 0.001 for r in nash
        )
    if size == "national":
        checks["gap_1pct_within_120s_4GB"] = (
            best["gap_to_bound"] <= 0.01 and best["seconds"] <= 120 and best["peak_mb"] <= 4096
        )
    return checks


def _served_weight(data: dict, result: dict) -> float:
    alpha = data["rules"]["size_weight_exponent"]
    served = {o["id"] for o in result["organisations"] if sum(o["allocated"].values()) > 0}
    return sum(
        float(sum(o["requested"].values())) ** alpha
        for o in data["organisations"]
        if o["id"] in served
    )


def _table(report: dict) -> str:
    lines = [
        f"Machine : {report['machine']['cpus']} cœurs, Python {report['machine']['python']}, "
        f"HiGHS (highspy) {report['machine']['highspy']} ; {report['generated_at']}.",
        "",
        "| instance | méthode | s | Mo | statut | écart à la borne | servies (rang 1) | sat. min | "
        "sat. p10 | Gini | bien-être pondéré (rang 1) | billets attribués | "
        "part petites (demande) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, block in report["sizes"].items():
        inst = block["instance"]
        name = (
            f"{size} ({inst['organisations']} assoc., {inst['packs']} lots, "
            f"{inst['tickets_offered']} billets ; mesuré le {block.get('generated_at', '?')})"
        )
        for row in block["runs"]:
            gap = "—" if row["gap_to_bound"] is None else f"{100 * row['gap_to_bound']:.2f} %"
            first = row["by_tier"].get("1", {"served": 0, "welfare": 0.0})
            status = row["status"] + (" ⏱" if row["stopped_by_time_limit"] else "")
            lines.append(
                f"| {name} | {row['label']} | {row['seconds']:.1f} | {row['peak_mb']} | {status} "
                f"| {gap} | {row['organisations_served']} ({first['served']}) | "
                f"{row['min_satisfaction']:.3f} | "
                f"{row['p10_satisfaction']:.3f} | {row['gini_satisfaction']:.3f} | "
                f"{row['weighted_nash_welfare']:.1f} ({first['welfare']:.1f}) | "
                f"{row['tickets_allocated']} | "
                f"{100 * row['small_share']:.1f} % ({100 * row['small_request_share']:.1f} %) |"
            )
            name = ""
    lines += [
        "",
        "⏱ : arrêté par la limite de temps (résultat non garanti reproductible). Écart à la borne : "
        "pour `nash` et `proportional`, l'écart certifié de leur propre règle "
        "(exp((borne − nash)/Σw) − 1, le pire des rangs) ; pour `greedy` et `lottery`, l'écart de "
        "leur bien-être pondéré à la borne prouvée par `nash` (s'ils servent autant "
        "d'associations). « Petites » : associations dont la demande est au plus la médiane ; "
        "entre parenthèses, leur part de la demande. Rang 1 : associations de l'appel à "
        "candidatures ; le rang 2 (liste d'attente) ne reçoit que les lots laissés par le rang 1.",
        "",
        "Objectifs vérifiés sur cette mesure :",
        "",
    ]
    for size, block in report["sizes"].items():
        for name, ok in block.get("targets", {}).items():
            lines.append(f"- {size} — `{name}` : {'tenu' if ok else 'NON tenu'}")
    return "\n".join(lines)


def _write(report: dict) -> None:
    results = ROOT / "bench" / "results.json"
    merged = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {}
    merged["allocation"] = report
    results.write_text(json.dumps(merged, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    readme = ROOT / "bench" / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Bancs d'essai\n"
    block = f"{START}\n## Répartition des lots\n\n{_table(report)}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    readme.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="cnape,regional,national")
    parser.add_argument("--quick", action="store_true", help="short time limits, one nash row")
    args = parser.parse_args()
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown sizes: {', '.join(unknown)}")
    import highspy

    report = {
        "generated_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "quick": args.quick,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "highspy": _version(highspy),
        },
        "sizes": {},
    }
    previous = _previous()
    for size in SIZES:  # sizes not re-run keep their last measurement (each block is dated)
        if size not in sizes and size in previous:
            report["sizes"][size] = previous[size]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            block = bench_size(size, args.quick, Path(tmp))
            block["generated_at"] = report["generated_at"]
            report["sizes"][size] = block
    report["sizes"] = {s: report["sizes"][s] for s in SIZES if s in report["sizes"]}
    _write(report)
    print(_table(report))


def _previous() -> dict:
    results = ROOT / "bench" / "results.json"
    if not results.exists():
        return {}
    return json.loads(results.read_text(encoding="utf-8")).get("allocation", {}).get("sizes", {})


def _version(module) -> str:
    from importlib.metadata import version

    try:
        return version("highspy")
    except Exception:
        return getattr(module, "__version__", "?")


if __name__ == "__main__":
    main()

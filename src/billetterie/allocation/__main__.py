"""Command line: `python -m billetterie.allocation solve|compare INSTANCE.json`."""

from __future__ import annotations

import argparse
import sys

from .engine import METHODS, InstanceError, load_instance, solve, write_result
from .engine.solve import DEFAULT_TIME_LIMIT

COLUMNS = (
    ("méthode", 12),
    ("statut", 9),
    ("écart", 8),
    ("servies", 8),
    ("billets", 8),
    ("sat. min", 8),
    ("sat. p10", 8),
    ("Gini", 6),
    ("bien-être", 11),
    ("petites", 8),
    ("s", 7),
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m billetterie.allocation",
        description="Répartition des lots de billets entre associations.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("solve", help="calcule une répartition et l'écrit dans un fichier JSON")
    run.add_argument("instance", help="fichier d'instance (billetterie.allocation/1)")
    run.add_argument("--out", required=True, help="fichier de résultat à écrire")
    run.add_argument("--method", choices=METHODS, default="nash")
    run.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDES")
    run.add_argument("--seed", type=int, default=0)
    cmp_ = sub.add_parser("compare", help="toutes les méthodes côte à côte, en un tableau")
    cmp_.add_argument("instance")
    cmp_.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDES")
    cmp_.add_argument("--seed", type=int, default=0)
    return parser


def _row(result: dict) -> list[str]:
    m = result["metrics"]
    gaps = [t["gap"] for t in result["objective"]["tiers"] if t["gap"] is not None]
    gap = f"{100 * max(gaps):.3f} %" if gaps else "—"
    return [
        result["method"],
        result["status"],
        gap,
        str(m["organisations_served"]),
        str(m["tickets_allocated"]),
        f"{m['min_satisfaction']:.3f}",
        f"{m['p10_satisfaction']:.3f}",
        f"{m['gini_satisfaction']:.3f}",
        f"{m['weighted_nash_welfare']:.2f}",
        f"{m['small_share']:.3f}",
        f"{m['seconds']:.2f}",
    ]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        instance = load_instance(args.instance)
    except InstanceError as exc:
        print(f"Instance refusée — {exc}", file=sys.stderr)
        return 2
    if args.command == "solve":
        result = solve(instance, method=args.method, seed=args.seed, time_limit=args.time_limit)
        write_result(result, args.out)
        m = result["metrics"]
        print(
            f"{result['status']} : {m['organisations_served']} associations servies, "
            f"{m['tickets_allocated']} billets sur {m['tickets_offered']}.",
            file=sys.stderr,
        )
        return 0
    rows = [
        _row(solve(instance, method=m, seed=args.seed, time_limit=args.time_limit)) for m in METHODS
    ]
    print(" ".join(f"{name:>{width}}" for name, width in COLUMNS))
    for row in rows:
        print(" ".join(f"{cell:>{width}}" for cell, (_, width) in zip(row, COLUMNS, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

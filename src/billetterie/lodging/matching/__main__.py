"""Command line: `python -m billetterie.lodging.matching solve|generate|check …`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import DEFAULT_TIME_LIMIT, METHODS, InstanceError, check, generate, solve


class FileError(Exception):
    """A file that cannot be read, or is not JSON: a French message, exit code 2."""


def _load(path: str, what: str) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileError(f"{what} introuvable : {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FileError(f"{what} illisible : {path} ({exc.__class__.__name__})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileError(
            f"{what} : JSON invalide (ligne {exc.lineno}, colonne {exc.colno}) dans {path}"
        ) from None


def _write(data: dict, path: str | None) -> None:
    """To stdout, or atomically to a file (a failed run leaves no partial file)."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if path is None:
        sys.stdout.write(text)
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m billetterie.lodging.matching",
        description="Hébergement : placer les groupes chez les lieux d'accueil.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("solve", help="calcule les placements d'une instance")
    run.add_argument("instance", help="fichier d'instance JSON")
    run.add_argument("--method", choices=METHODS, default="milp")
    run.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT, metavar="SECONDES")
    run.add_argument("--out", help="fichier de résultat (sinon, la sortie standard)")
    gen = sub.add_parser("generate", help="fabrique une instance d'essai")
    gen.add_argument("--groups", type=int, required=True)
    gen.add_argument("--hosts", type=int, required=True)
    gen.add_argument("--seed", type=int, default=0)
    gen.add_argument("--out", help="fichier d'instance (sinon, la sortie standard)")
    chk = sub.add_parser("check", help="vérifie un résultat (lits, séjours entiers, compatibilité)")
    chk.add_argument("instance")
    chk.add_argument("result")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            _write(generate(groups=args.groups, hosts=args.hosts, seed=args.seed), args.out)
            return 0
        instance = _load(args.instance, "Instance")
        if args.command == "check":
            result = _load(args.result, "Résultat")
            problems = check(instance, result)
            if problems:
                print(f"{len(problems)} problème(s) :", file=sys.stderr)
                for line in problems:
                    print(f"- {line}", file=sys.stderr)
                return 1
            print("Résultat conforme.", file=sys.stderr)
            return 0
        if args.time_limit <= 0:
            raise FileError("--time-limit doit être un nombre de secondes positif")
        result = solve(
            instance,
            method=args.method,
            time_limit=args.time_limit,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
        _write(result, args.out)
        print(
            f"{result['status']} : {result['person_nights']} nuitées sur "
            f"{result['person_nights_requested']} demandées, {result['groups_placed']} groupes "
            f"placés sur {result['groups']} (borne {result['upper_bound']}, glouton "
            f"{result['greedy_person_nights']}).",
            file=sys.stderr,
        )
        return 0
    except InstanceError as exc:
        print(f"Instance refusée — {exc}", file=sys.stderr)
        return 2
    except (FileError, ValueError, OSError) as exc:
        print(f"Erreur — {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

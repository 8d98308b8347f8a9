"""The web under load (`make bench-web`): a busy morning on national data, before and after the fixes.

Run from the repository root: `PYTHONPATH=src .venv/bin/python bench/run_web.py`
(`--users 50,200 --duration 60 --associations 3000 --packs 21000`, `--reseed`, `--baseline REF`,
`--no-baseline`).

1. National data, once: a PostgreSQL database `bench_web_seed` is created, migrated and filled by
   `billetterie seed_scale` (kept between runs; `--reseed` builds it again). Each measured run then
   starts from an identical copy of it (`CREATE DATABASE … TEMPLATE`): answers given in one run
   never change the next one.
2. Two versions of the code serve that copy in turn, with the same settings: this checkout and the
   baseline (the code before the fixes: `BASELINE_REF`, extracted with `git archive`, served by the
   same virtualenv). Each is gunicorn (`--workers`, DEBUG off, static files collected and served by
   whitenoise, database connections kept as each version's settings say), on loopback.
3. Locust (its own virtualenv `.venv-bench`, installed from bench/web/requirements.lock) plays
   referents and operators (bench/web/locustfile.py) for `--duration` seconds at each number of
   concurrent users, statistics reset once every user has started.
4. After each run: the SQL queries of each page (Django's test client, a sample of referents and an
   operator, no load) and the integrity of the allocation (no pack offered or accepted twice, no
   name on a ticket of another association's pack).

Writes the "web" key of bench/results.json (other keys kept) and the French block between the web
markers of bench/README.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from report import write_report  # noqa: E402

# The code before the web fixes of issue 16 (argon2 parameters, queries, indexes): the baseline.
BASELINE_REF = "440dbf5"
PG = os.environ.get("BENCH_PG", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
SEED_DB, RUN_DB = "bench_web_seed", "bench_web_run"
# `--demo` (a quick try of the bench itself) keeps its data apart from the national data.
DEMO_SEED_DB = "bench_web_seed_demo"
PASSWORD = "banc-d-essai-2024"
RAMP_SECONDS = 20
BENCH_VENV = ROOT / ".venv-bench"
WORK = ROOT / "var" / "bench-web"
TARGETS = {"referent_p95_ms": 300, "dashboard_p95_ms": 1000, "signin_p95_ms": 1000}
REFERENT_PAGES = (
    "accueil référent",
    "propositions",
    "propositions : confirmation",
    "propositions : accepter",
    "propositions : desister",
    "bénéficiaires",
    "groupe (nommer)",
    "groupe : vérification",
    "groupe : enregistrer",
)
SIGN_IN = "connexion (mot de passe)"
DASHBOARD = "tableau de bord"


def _say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


def _psql(sql: str, db: str = "postgres") -> str:
    return subprocess.run(
        ["psql", f"{PG}/{db}", "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def _db_exists(name: str) -> bool:
    return _psql(f"select 1 from pg_database where datname = '{name}'") == "1"


def _drop(name: str) -> None:
    _psql(f'drop database if exists "{name}" with (force)')


def _env(db: str, data_dir: Path, src: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="billetterie.settings",
        PYTHONPATH=str(src),
        DATABASE_URL=f"{PG}/{db}",
        BILLETTERIE_DATA_DIR=str(data_dir),
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY", "banc-" + "x" * 50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def _manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "billetterie", *args], env=env, check=True)


def seed(associations: int, packs: int, reseed: bool, demo: bool = False) -> dict:
    """The national data in `bench_web_seed` (built only when missing, changed or asked)."""
    wanted = "load_demo" if demo else f"seed_scale --associations {associations} --packs {packs}"
    if not reseed and _db_exists(SEED_DB):
        done = _psql(
            f"select shobj_description(oid, 'pg_database') from pg_database where datname = '{SEED_DB}'"
        )
        if done.startswith(wanted):
            _say(f"Données nationales déjà prêtes ({done}).")
            return json.loads(done.split(" | ", 1)[1])
    _drop(SEED_DB)
    _psql(f'create database "{SEED_DB}"')
    env = _env(SEED_DB, WORK / "data", ROOT / "src")
    env["DEBUG"] = "1"
    _say("Migration de la base du banc d'essai…")
    _manage(env, "migrate", "--no-input", "-v", "0")
    started = time.monotonic()
    if demo:
        _say("Chargement de la démonstration (essai du banc, pas les données nationales)")
        _manage(env, "load_demo", "--force")
    else:
        _say(f"Chargement des données nationales : {wanted}")
        _manage(env, *wanted.split(), "--password", PASSWORD)
    facts = {"seconds": round(time.monotonic() - started, 1)}
    for key, table in (
        ("associations", "members_association"),
        ("packs", "inventory_pack"),
        ("tickets", "inventory_ticket"),
        ("people", "attendees_person"),
        ("offers", "offers_offer"),
    ):
        facts[key] = int(_psql(f"select count(*) from {table}", SEED_DB))
    _psql("vacuum analyze", SEED_DB)
    _psql(f"comment on database \"{SEED_DB}\" is '{wanted} | {json.dumps(facts)}'")
    return facts


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _bench_venv() -> Path:
    locust = BENCH_VENV / "bin" / "locust"
    stamp = BENCH_VENV / ".installed-stamp"
    lock = HERE / "web" / "requirements.lock"
    if not (locust.exists() and stamp.exists() and stamp.read_text() == lock.read_text()):
        _say("Installation de locust dans .venv-bench…")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(BENCH_VENV)], check=True)
        pip = [str(BENCH_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
        subprocess.run([*pip, "-r", str(lock)], check=True)
        stamp.write_text(lock.read_text())
    return locust


def _baseline_src(ref: str) -> Path:
    target = WORK / f"baseline-{ref}"
    if not (target / "src" / "billetterie").exists():
        target.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "archive", ref, "src"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target / "src"


def _serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(
        [
            str(gunicorn),
            "billetterie.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "-" if os.environ.get("BENCH_WEB_ACCESS_LOG") else "/dev/null",
            "--error-logfile",
            str(WORK / "gunicorn-errors.log"),
            "--timeout",
            "120",
        ],
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/compte/connexion/", timeout=5):
                return server
        except OSError:
            time.sleep(0.5)
    _stop(server)
    raise SystemExit("Le serveur gunicorn ne répond pas : voir var/bench-web/gunicorn-errors.log")


def _warm_up(port: int, workers: int) -> None:
    """Each worker imports the URL configuration (every view) at its first request: a few
    concurrent requests before the measure, so that it starts on warm workers, as in production."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(_):
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/compte/connexion/", timeout=60):
            pass

    with ThreadPoolExecutor(workers * 2) as pool:
        list(pool.map(fetch, range(workers * 8)))


def _stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def _number(cell: str) -> float | None:
    return None if cell in ("", "N/A") else float(cell)


def _stats(prefix: Path) -> dict:
    pages = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = "ensemble" if row["Name"] == "Aggregated" else row["Name"]
            pages[name] = {
                "requests": int(row["Request Count"]),
                "errors": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1),
                "p50_ms": _number(row["50%"]),
                "p95_ms": _number(row["95%"]),
                "p99_ms": _number(row["99%"]),
            }
    errors = []
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists():
        with open(failures, encoding="utf-8") as f:
            errors = [
                {"page": r["Name"], "error": r["Error"][:200], "count": int(r["Occurrences"])}
                for r in csv.DictReader(f)
            ]
    return {"pages": pages, "failures": errors}


def measure(version: str, src: Path, users: int, args, locust: Path) -> dict:
    _say(f"{version} — {users} utilisateurs : copie des données nationales…")
    _drop(RUN_DB)
    _psql(f'create database "{RUN_DB}" template "{SEED_DB}"')
    data_dir = WORK / "data"
    env = _env(RUN_DB, data_dir, src)
    _manage(env, "collectstatic", "--no-input", "-v", "0")
    accounts = WORK / "accounts.json"
    side = [sys.executable, str(HERE / "web" / "django_side.py")]
    subprocess.run([*side, "prepare", str(accounts), "--password", PASSWORD], env=env, check=True)
    port = _free_port()
    server = _serve(env, port, args.workers)
    _warm_up(port, args.workers)
    load_before = os.getloadavg()[0]
    prefix = WORK / f"{version}-{users}"
    # The referents arrive over RAMP_SECONDS (not all in the same second), then are measured for
    # `duration` seconds: locust resets its figures once every user has started.
    spawn_rate = max(1.0, users / RAMP_SECONDS)
    try:
        _say(f"{version} — {users} utilisateurs pendant {args.duration} s…")
        subprocess.run(
            [
                str(locust),
                "-f",
                str(HERE / "web" / "locustfile.py"),
                "--headless",
                "--users",
                str(users),
                "--spawn-rate",
                str(spawn_rate),
                "--run-time",
                f"{args.duration + RAMP_SECONDS}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--reset-stats",
                "--only-summary",
                "--stop-timeout",
                "20",
                "--loglevel",
                "WARNING",
            ],
            env={**os.environ, "BENCH_WEB_ACCOUNTS": str(accounts)},
            check=False,
        )
    finally:
        _stop(server)
    stats = _stats(prefix)
    checks = WORK / "integrity.json"
    subprocess.run([*side, "integrity", str(checks)], env=env, check=True)
    queries = WORK / f"queries-{version}.json"
    subprocess.run([*side, "queries", str(accounts), str(queries)], env=env, check=True)
    return {
        "version": version,
        "users": users,
        "duration_s": args.duration,
        "load_before": round(load_before, 1),
        **stats,
        "integrity": json.loads(checks.read_text()),
        "queries": json.loads(queries.read_text()),
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _p95(run: dict, names) -> float | None:
    values = [
        run["pages"][n]["p95_ms"]
        for n in names
        if n in run["pages"] and run["pages"][n]["p95_ms"] is not None
    ]
    return max(values) if values else None


def _targets(run: dict) -> dict:
    worst_referent = _p95(run, REFERENT_PAGES)
    integrity = run["integrity"]
    return {
        "referent_p95_ms": worst_referent,
        "referent_p95_held": worst_referent is not None
        and worst_referent <= TARGETS["referent_p95_ms"],
        "dashboard_p95_held": (_p95(run, [DASHBOARD]) or 1e9) <= TARGETS["dashboard_p95_ms"],
        "signin_p95_held": (_p95(run, [SIGN_IN]) or 1e9) <= TARGETS["signin_p95_ms"],
        "zero_errors": run["pages"].get("ensemble", {}).get("errors", 1) == 0,
        "zero_double_allocations": integrity["packs_with_two_live_offers"] == 0
        and integrity["packs_state_mismatch"] == 0
        and integrity["holders_outside_accepted_packs"] == 0,
    }


def _ms(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f}".replace(",", " ")


def _table(report: dict) -> str:
    seed_facts = report["seed"]
    lines = [
        f"Machine : {report['machine']} ; gunicorn {report['workers']} processus, PostgreSQL, "
        "locust sur la même machine (boucle locale).",
        "",
        f"Données : `seed_scale` — {seed_facts.get('associations', '?')} associations, "
        f"{seed_facts.get('packs', '?')} lots, {seed_facts.get('tickets', '?')} billets, "
        f"{seed_facts.get('people', '?')} personnes, {seed_facts.get('offers', '?')} propositions.",
        "",
    ]
    runs = report["runs"]
    by_version = {}
    for run in runs:
        by_version.setdefault(run["version"], run["queries"])
    versions = list(by_version)
    pages = list(dict.fromkeys(name for q in by_version.values() for name in q))
    lines += [
        "### Chaque page seule, sans charge",
        "",
        "| page | "
        + " | ".join(f"requêtes SQL ({v})" for v in versions)
        + " | "
        + " | ".join(f"temps ({v})" for v in versions)
        + " |",
        "|---|" + "---|" * (2 * len(versions)),
    ]
    for name in pages:
        cells = [str(by_version[v].get(name, {}).get("median", "—")) for v in versions]
        cells += [
            f"{_ms(by_version[v][name]['ms_median'])} ms" if name in by_version[v] else "—"
            for v in versions
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("")
    for users in sorted({r["users"] for r in runs}):
        lines += [
            f"### {users} utilisateurs simultanés ({runs[0]['duration_s']} s)",
            "",
            "| page | version | requêtes | req/s | p50 | p95 | p99 | erreurs |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for run in [r for r in runs if r["users"] == users]:
            for name, page in run["pages"].items():
                lines.append(
                    f"| {name} | {run['version']} | {page['requests']} | {page['rps']} | "
                    f"{_ms(page['p50_ms'])} ms | {_ms(page['p95_ms'])} ms | "
                    f"{_ms(page['p99_ms'])} ms | {page['errors']} |"
                )
        lines.append("")
        for run in [r for r in runs if r["users"] == users]:
            t = run["targets"]
            mark = lambda ok: "tenu" if ok else "**non tenu**"  # noqa: E731
            lines.append(
                f"- {run['version']} : pages des référents p95 {_ms(t['referent_p95_ms'])} ms "
                f"(≤ 300 ms : {mark(t['referent_p95_held'])}) ; tableau de bord ≤ 1 s : "
                f"{mark(t['dashboard_p95_held'])} ; connexion ≤ 1 s : {mark(t['signin_p95_held'])} ; "
                f"aucune erreur : {mark(t['zero_errors'])} ; aucune double attribution : "
                f"{mark(t['zero_double_allocations'])} (charge avant : {run['load_before']})"
            )
            if run["failures"]:
                worst = sorted(run["failures"], key=lambda f: -f["count"])[:3]
                lines.append(
                    "  - erreurs : "
                    + " ; ".join(f"{f['page']} × {f['count']} ({f['error']})" for f in worst)
                )
        lines.append("")
    lines.append(
        "Temps en millisecondes, mesurés par locust de l'envoi de la requête à la fin de la réponse "
        "(un formulaire envoyé : sa réponse, la redirection qu'il renvoie n'est pas suivie ; la page "
        "où la personne arrive est mesurée à part). « référence » : le code avant les corrections (`"
        + report["baseline_ref"]
        + "`), servi sur une copie identique des mêmes données et avec les mêmes réglages ; "
        "« actuelle » : ce dépôt. Requêtes SQL : comptées sans charge par le client de test de "
        "Django sur un échantillon de référents et un membre de l'opérateur, une page à la fois "
        "(temps : la médiane, première vue comprise)."
    )
    return "\n".join(lines)


def main() -> None:
    global SEED_DB
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", default="50,200")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--associations", type=int, default=3000)
    parser.add_argument("--packs", type=int, default=21000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument(
        "--demo", action="store_true", help="la démonstration au lieu des données nationales"
    )
    parser.add_argument("--baseline", default=BASELINE_REF)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--dry", action="store_true", help="ne pas écrire results.json ni le README"
    )
    args = parser.parse_args()
    if shutil.which("psql") is None:
        raise SystemExit("psql est introuvable : le banc d'essai web a besoin de PostgreSQL.")
    WORK.mkdir(parents=True, exist_ok=True)
    if args.demo:
        SEED_DB = DEMO_SEED_DB
    locust = _bench_venv()
    facts = seed(args.associations, args.packs, args.reseed, args.demo)
    versions = [("actuelle", ROOT / "src")]
    if not args.no_baseline:
        versions.insert(0, ("référence", _baseline_src(args.baseline)))
    runs = []
    for users in [int(u) for u in args.users.split(",")]:
        for version, src in versions:
            run = measure(version, src, users, args, locust)
            run["targets"] = _targets(run)
            runs.append(run)
    _drop(RUN_DB)
    report = {
        "machine": f"{os.cpu_count()} cœurs, Python {platform.python_version()}",
        "workers": args.workers,
        "baseline_ref": args.baseline,
        "seed": facts,
        "runs": runs,
    }
    print(_table(report))
    if not args.dry:
        write_report("web", report, "Le web un matin chargé (données nationales)", _table(report))


if __name__ == "__main__":
    main()

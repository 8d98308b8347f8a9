"""Two machines, as docs/deployment.md (« Plusieurs machines ») describes them: on each, a gunicorn
web process and a task worker (`billetterie db_worker`), real subprocesses; both machines share the
PostgreSQL test database and the S3 bucket (a moto server on loopback), and nothing else. Each
machine has its own MEDIA_ROOT, which must stay empty.

Through HTTP only, as a referent's browser behind a load balancer: sign in on machine A; ask for
exports on A until both workers have built some (each job run exactly once); download every file
from machine B; upload a table that needs a confirmation on A and confirm it on B."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from billetterie.attendees.models import Holder
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.imports.attendees_sheet import attendees_workbook
from billetterie.reporting.models import ExportJob, ExportStatus
from tests.conftest import PASSWORD
from tests.s3.conftest import free_port, s3_environment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CLOCK = "2024-04-02T10:30:00+02:00"
EXPORT_TASK = "billetterie.reporting.tasks.export_job_execute"


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Machines:
    """The subprocesses of both machines; all killed at the end, whatever happens."""

    def __init__(self, tmp: Path, environment: dict[str, str]):
        self.tmp, self.environment = tmp, environment
        self.processes: list[tuple[str, subprocess.Popen, Path]] = []

    def env(self, machine: str) -> dict[str, str]:
        folder = self.tmp / f"machine-{machine}"
        return {**self.environment, "BILLETTERIE_DATA_DIR": str(folder / "data")} | {
            "MEDIA_ROOT": str(folder / "media")
        }

    def start(self, name: str, machine: str, *args: str) -> None:
        log = self.tmp / f"{name}.log"
        process = subprocess.Popen(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.env(machine),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.processes.append((name, process, log))

    def logs(self) -> str:
        return "\n".join(
            f"--- {name} (code {p.poll()}) ---\n{log.read_text(errors='replace')[-3000:]}"
            for name, p, log in self.processes
        )

    def alive(self) -> None:
        for name, process, _log in self.processes:
            assert process.poll() is None, f"{name} s'est arrêté :\n{self.logs()}"

    def stop(self) -> None:
        for _name, process, _log in self.processes:
            if process.poll() is None:
                process.terminate()
        for _name, process, _log in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until(check, *, timeout: float, what: str, machines: Machines):
    limit = time.monotonic() + timeout
    while time.monotonic() < limit:
        machines.alive()
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} : délai dépassé\n{machines.logs()}")


def _up(url: str):
    def check():
        try:
            return requests.get(url, timeout=10).status_code == 200
        except requests.RequestException:  # not listening yet, or still loading
            return False

    return check


def _job_id(args_kwargs: dict) -> int:
    return (args_kwargs["args"] or [args_kwargs["kwargs"].get("job_id")])[0]


def _csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def machines(tmp_path, s3_bucket):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TASKS_", "S3_", "TEST_"))
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "billetterie.settings",
            "PYTHONPATH": str(ROOT / "src"),
            "DATABASE_URL": _database_url(),
            "DEBUG": "0",
            "STATIC_ROOT": str(tmp_path / "static"),
            "BILLETTERIE_CLOCK": CLOCK,
            **s3_environment(s3_bucket.endpoint, s3_bucket.name),
        }
    )
    running = Machines(tmp_path, environment)
    for machine in "ab":
        for folder in ("media", "data"):
            (tmp_path / f"machine-{machine}" / folder).mkdir(parents=True)
    # The release's static files, collected once as each machine's deployment would.
    subprocess.run(
        [sys.executable, "-m", "billetterie", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=running.env("a"),
        check=True,
        timeout=120,
    )
    try:
        yield running
    finally:
        running.stop()


def test_two_web_processes_and_two_workers_share_the_database_and_the_bucket(
    machines, s3_bucket, tmp_path, campaign, association, referent_user, accept, people, name_group
):
    # The data, committed: a referent, six names given after the table was downloaded.
    # A hash the subprocesses know (the tests' own fast hasher is not in the project's list).
    hasher = PBKDF2PasswordHasher()
    referent_user.password = hasher.encode(PASSWORD, hasher.salt())
    referent_user.save(update_fields=["password"])
    pack = accept(association, size=6)
    with clock.frozen_at("2024-04-02 09:00"):
        old_table = attendees_workbook(campaign=campaign, association=association)
    persons = people(4, 2)
    with clock.frozen_at("2024-04-02 10:00"):
        name_group(pack, persons, leader=persons[-1])
    assert Holder.objects.count() == 6

    ports = {"a": free_port(), "b": free_port()}
    for machine, port in ports.items():
        machines.start(
            f"web-{machine}",
            machine,
            "-m",
            "gunicorn",
            "billetterie.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "2",
            "--graceful-timeout",
            "2",
        )
        machines.start(
            f"worker-{machine}",
            machine,
            "-m",
            "billetterie",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            f"travailleur-{machine}",
        )
    web = {m: f"http://127.0.0.1:{p}" for m, p in ports.items()}
    login = reverse("accounts:login")
    for machine in "ab":
        _wait_until(_up(web[machine] + login), timeout=30, what=f"web {machine}", machines=machines)

    # One browser: the session cookie (for 127.0.0.1, whatever the port) goes to both machines.
    browser = requests.Session()
    page = browser.get(web["a"] + login, timeout=10)
    signed_in = browser.post(
        web["a"] + login,
        {
            "csrfmiddlewaretoken": _csrf(page.text),
            "username": referent_user.email,
            "password": PASSWORD,
        },
        headers={"Referer": web["a"] + login},
        timeout=30,
    )
    assert signed_in.status_code == 200 and login not in signed_in.url, signed_in.text[-500:]

    # Exports asked on machine A, in rounds, until both workers have built some.
    exports = web["a"] + reverse("portal:exports", kwargs={"campaign_slug": campaign.slug})

    def ask(count: int) -> None:
        for _ in range(count):
            form = browser.get(exports, timeout=10)
            done = browser.post(
                exports,
                {"csrfmiddlewaretoken": _csrf(form.text), "kind": "offers", "file_format": "csv"},
                timeout=10,
            )
            assert done.status_code == 200 and "demandé" in done.text

    def all_built():
        return not ExportJob.objects.exclude(status=ExportStatus.DONE).exists()

    def workers_seen() -> set[str]:
        results = DBTaskResult.objects.filter(task_path=EXPORT_TASK)
        return {worker for r in results for worker in r.worker_ids}

    for _round in range(6):
        ask(4)
        _wait_until(all_built, timeout=30, what="exports construits", machines=machines)
        if workers_seen() == {"travailleur-a", "travailleur-b"}:
            break
    assert workers_seen() == {"travailleur-a", "travailleur-b"}, machines.logs()

    # Each job exactly once: one task, run by one worker, one file, one « built » entry.
    jobs = list(ExportJob.objects.order_by("pk"))
    results = list(DBTaskResult.objects.filter(task_path=EXPORT_TASK))
    assert len(results) == len(jobs) >= 4
    assert all(r.status == "SUCCESSFUL" and len(r.worker_ids) == 1 for r in results)
    assert sorted(_job_id(r.args_kwargs) for r in results) == [j.pk for j in jobs]
    built = AuditEntry.objects.filter(action="reporting.export_built")
    assert sorted(built.values_list("subject_id", flat=True)) == [str(j.pk) for j in jobs]

    # Every file downloaded from machine B, byte for byte the bucket's object.
    for job in jobs:
        assert job.file.name.startswith(f"private/reporting/{campaign.pk}/")
        url = reverse(
            "portal:export_file", kwargs={"campaign_slug": campaign.slug, "job_id": job.pk}
        )
        download = browser.get(web["b"] + url, timeout=10)
        assert download.status_code == 200
        assert download.content == s3_bucket.read(job.file.name)
        assert download.content.decode("utf-8-sig").startswith('"Lot";"Jeux"')

    # The table that needs a confirmation: sent to machine A, confirmed on machine B.
    imports = reverse("portal:attendees_import", kwargs={"campaign_slug": campaign.slug})
    form = browser.get(web["a"] + imports, timeout=10)
    shown = browser.post(
        web["a"] + imports,
        {"csrfmiddlewaretoken": _csrf(form.text)},
        files={"file": ("beneficiaires.xlsx", old_table)},
        timeout=30,
    )
    assert "effacerait 6 noms déjà donnés" in shown.text, shown.text[-1000:]
    token = re.search(r'name="token" value="([^"]+)"', shown.text).group(1)
    assert f"private/pending/{token}.bin" in s3_bucket.keys("private/pending/")
    assert Holder.objects.count() == 6
    confirmed = browser.post(
        web["b"] + imports,
        {"csrfmiddlewaretoken": _csrf(shown.text), "token": token},
        timeout=30,
    )
    assert confirmed.status_code == 200 and imports not in confirmed.url, confirmed.text[-1000:]
    assert Holder.objects.count() == 0
    assert s3_bucket.keys("private/pending/") == []

    # Nothing on either machine's disk.
    machines.alive()
    for machine in "ab":
        media = tmp_path / f"machine-{machine}" / "media"
        assert sorted(media.rglob("*")) == [], f"machine {machine} : {sorted(media.rglob('*'))}"

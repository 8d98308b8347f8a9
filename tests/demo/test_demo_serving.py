"""`make demo PORT=8101` as a user meets it: every process of the demo (the web server, the
worker, the loader) gets SITE_URL, ALLOWED_HOSTS and DEBUG off from HOST and PORT, so the links of
the e-mails and of the summary lead to where the server listens.

scripts/demo.sh runs here against a stand-in `billetterie` command that writes down how it was
called (arguments and the settings' environment) and returns at once; the Makefile is read with
`make -n`, which prints the commands without running them."""

import io
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from billetterie.demo.builder import ACCOUNTS, PASSWORD
from billetterie.demo.management.commands.load_demo import Command as LoadDemo
from billetterie.outbox.invitations import invitation_send

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "demo.sh"

STAND_IN = """#!/usr/bin/env bash
printf '%s\\tDEBUG=%s\\tSITE_URL=%s\\tALLOWED_HOSTS=%s\\tKEY=%s\\n' \\
  "$*" "${DEBUG-}" "${SITE_URL-}" "${ALLOWED_HOSTS-}" "${#SECRET_KEY}" >>"$CALLS"
"""


class Demo:
    def __init__(self, tmp_path: Path):
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        command = self.bin / "billetterie"
        command.write_text(STAND_IN)
        command.chmod(command.stat().st_mode | stat.S_IXUSR)
        (self.bin / "python").symlink_to(sys.executable)
        self.data = tmp_path / "var"
        self.calls = tmp_path / "calls.txt"

    def run(self, action: str, **env: str) -> subprocess.CompletedProcess:
        environment = {
            "PATH": os.environ["PATH"],
            "BIN": str(self.bin),
            "BILLETTERIE_DATA_DIR": str(self.data),
            "CALLS": str(self.calls),
            **env,
        }
        return subprocess.run(
            ["bash", str(SCRIPT), action],
            env=environment,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def commands(self) -> dict[str, dict[str, str]]:
        """The first word of each call (`runserver`, `load_demo`…) → its arguments and settings."""
        found = {}
        for line in self.calls.read_text().splitlines():
            args, *pairs = line.split("\t")
            found.setdefault(
                args.split()[0], {"args": args, **dict(p.split("=", 1) for p in pairs)}
            )
        return found


@pytest.fixture
def demo(tmp_path):
    return Demo(tmp_path)


def test_serving_on_another_port_follows_host_and_port(demo):
    result = demo.run("serve", HOST="127.0.0.1", PORT="8101")
    assert result.returncode == 0, result.stderr
    calls = demo.commands()
    server = calls["runserver"]
    assert server["args"] == "runserver --noreload 127.0.0.1:8101"
    assert server["SITE_URL"] == "http://127.0.0.1:8101"
    assert server["ALLOWED_HOSTS"].split(",") == ["127.0.0.1", "localhost", "[::1]"]
    assert server["DEBUG"] == "0" and int(server["KEY"]) >= 50
    assert calls["collectstatic"]["DEBUG"] == "0"  # the manifest whitenoise serves with DEBUG off
    assert ":8000" not in demo.calls.read_text() + result.stdout
    assert f"Se connecter : http://127.0.0.1:8101{reverse('accounts:login')}" in result.stdout
    assert "Ctrl-C" in result.stdout and "make demo-reset" in result.stdout
    key = demo.data / "demo-secret-key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not (demo.data / "demo-server.pid").exists()  # removed on the way out


def test_the_secret_key_is_kept_from_one_run_to_the_next(demo):
    """Sessions and the links of the e-mails already sent stay valid when the demo restarts."""
    demo.run("serve", PORT="8101")
    first = (demo.data / "demo-secret-key").read_text()
    demo.run("serve", PORT="8102")
    assert (demo.data / "demo-secret-key").read_text() == first and len(first.strip()) >= 50


def test_loading_prints_the_addresses_of_host_and_port(demo):
    result = demo.run("load", HOST="localhost", PORT="8101")
    assert result.returncode == 0, result.stderr
    calls = demo.commands()
    assert calls["migrate"]["DEBUG"] == "0"
    # The published passwords: the loader asks for DEBUG=1, for that one command.
    assert calls["load_demo"]["DEBUG"] == "1"
    assert calls["load_demo"]["SITE_URL"] == "http://localhost:8101"


def test_another_name_or_every_interface(demo):
    demo.run("serve", HOST="192.168.1.20", PORT="9000")
    server = demo.commands()["runserver"]
    assert server["SITE_URL"] == "http://192.168.1.20:9000"
    assert server["ALLOWED_HOSTS"] == "192.168.1.20"
    demo.calls.unlink()
    demo.run("serve", HOST="0.0.0.0", PORT="9000", SITE_URL="http://demo.example.org:9000/")  # noqa: S104
    server = demo.commands()["runserver"]
    assert server["args"].endswith(" 0.0.0.0:9000")
    assert server["SITE_URL"] == "http://demo.example.org:9000"


def test_reset_removes_the_database_and_uploads_then_loads_again(demo):
    demo.data.mkdir()
    for name in ("billetterie.sqlite3", "billetterie.sqlite3-wal", "worker.log"):
        (demo.data / name).write_text("ancienne démo")
    (demo.data / "media" / "courriers").mkdir(parents=True)
    (demo.data / "media" / "courriers" / "lettre.pdf").write_text("%PDF")
    (demo.data / "notes.txt").write_text("à garder")
    result = demo.run("reset", PORT="8101")
    assert result.returncode == 0, result.stderr
    assert not (demo.data / "billetterie.sqlite3").exists()
    assert not (demo.data / "billetterie.sqlite3-wal").exists()
    assert not (demo.data / "media").exists()
    assert (demo.data / "notes.txt").exists()
    calls = demo.commands()
    assert calls["load_demo"]["args"] == "load_demo" and "migrate" in calls
    assert "make demo" in result.stdout


def test_reset_on_a_database_server_reloads_only_the_demo(demo):
    result = demo.run("reset", DATABASE_URL="postgresql://postgres@127.0.0.1:5432/demo")
    assert result.returncode == 0, result.stderr
    assert demo.commands()["load_demo"]["args"] == "load_demo --reset"


def test_reset_refuses_while_the_demo_runs(demo):
    demo.data.mkdir()
    (demo.data / "demo-server.pid").write_text(str(os.getpid()))  # a live process
    (demo.data / "billetterie.sqlite3").write_text("base en service")
    result = demo.run("reset")
    assert result.returncode != 0 and "Ctrl-C" in result.stderr
    assert (demo.data / "billetterie.sqlite3").exists()
    assert not demo.calls.exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make absent")
def test_make_passes_host_and_port_to_every_step_of_the_demo():
    # Without what an outer `make` or the shell may pass down (make test PORT=…).
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HOST", "PORT", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "SITE_URL"}
    }

    def dry_run(*args: str) -> list[str]:
        result = subprocess.run(
            ["make", "-n", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        return [line for line in result.stdout.splitlines() if "scripts/demo.sh" in line]

    steps = dry_run("demo", "PORT=8101")
    assert [line.rsplit(" ", 1)[1] for line in steps] == ["load", "serve"]
    assert all("HOST=127.0.0.1 PORT=8101 " in line for line in steps)
    assert dry_run("demo-reset")[0].endswith("scripts/demo.sh reset")
    assert "PORT=8000 " in dry_run("serve")[0]


def test_the_settings_take_site_url_from_the_environment(tmp_path):
    """The processes that demo.sh starts read the address it exports."""
    code = "from django.conf import settings; print(settings.SITE_URL, settings.ALLOWED_HOSTS)"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "billetterie.settings",
        "SITE_URL": "http://127.0.0.1:8101/",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BILLETTERIE_DATA_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "http://127.0.0.1:8101 ['127.0.0.1', 'localhost']"


def test_the_summary_and_the_emails_link_to_site_url(
    settings, new_referent, campaign, operator_user, django_capture_on_commit_callbacks
):
    """What the demo's processes do with that address: the loader's summary and the links of
    the e-mails (here an invitation, as the README's step 5 sends) lead to port 8101."""
    settings.SITE_URL = "http://127.0.0.1:8101"
    out = io.StringIO()
    LoadDemo(stdout=out)._accounts()
    summary = out.getvalue()
    assert "Adresse : http://127.0.0.1:8101/\n" in summary
    assert f"Se connecter : http://127.0.0.1:8101{reverse('accounts:login')}\n" in summary
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        invitation_send(user=new_referent, actor=operator_user, campaign=campaign)
    [sent] = mail.outbox
    links = re.findall(r"https?://[^\s\"<>]+", sent.body)
    assert links and all(link.startswith("http://127.0.0.1:8101/") for link in links)
    assert ":8000" not in summary + sent.body


def test_the_readme_says_where_to_sign_in_how_to_stop_and_reset():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"<http://127.0.0.1:8000{reverse('accounts:login')}>" in readme
    assert "Ctrl-C" in readme and "make demo-reset" in readme and "make demo PORT=8101" in readme
    assert re.search(r"^demo-reset: ", (ROOT / "Makefile").read_text(), re.MULTILINE)
    # The accounts of the table are those the loader creates (and prints), with its password.
    table = re.findall(r"^\| [^|`]+ \| `([^`]+@demo\.billetterie\.fr)` \|$", readme, re.MULTILINE)
    assert sorted(table) == sorted(email for email, *_ in ACCOUNTS)
    assert f"Mot de passe commun : `{PASSWORD}`" in readme

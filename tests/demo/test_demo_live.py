"""`make demo`'s server for real: scripts/demo.sh serves a fresh database (migrated, without the
demo's data, which the pages met here do not need) on a free port, with DEBUG off. The pages, the
static files (collected, served by whitenoise), a mistyped address, a foreign host name, and
Ctrl-C, which stops the server, the worker and the periodic job together."""

import http.client
import os
import re
import shlex
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Waits for the server to answer or to stop; generous for a busy machine (never asserted upon).
PATIENCE = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, port: int):
        self.port = port

    def get(self, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            headers = {"Accept-Encoding": "identity"}
            if host:
                headers["Host"] = host
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return (
                response.status,
                {k.lower(): v for k, v in response.getheaders()},
                response.read(),
            )
        finally:
            connection.close()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("demo-live")
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    command = bin_dir / "billetterie"
    # This checkout's code, whatever the virtualenv's `billetterie` points to.
    command.write_text(
        f'#!/usr/bin/env bash\nexec {shlex.quote(sys.executable)} -m billetterie "$@"\n'
    )
    command.chmod(command.stat().st_mode | stat.S_IXUSR)
    (bin_dir / "python").symlink_to(sys.executable)
    data = tmp / "var"
    port = _free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp)),
        "PYTHONPATH": str(ROOT / "src"),
        "BIN": str(bin_dir),
        "BILLETTERIE_DATA_DIR": str(data),
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }
    subprocess.run(
        [str(command), "migrate", "--noinput", "-v", "0"],
        env={**env, "DEBUG": "1"},
        cwd=ROOT,
        check=True,
        timeout=PATIENCE,
    )
    log = tmp / "demo.out"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "demo.sh"), "serve"],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port)
    try:
        deadline = time.monotonic() + PATIENCE
        while True:
            try:
                if server.get("/sante/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail("le serveur de démonstration ne répond pas :\n" + log.read_text())
            time.sleep(0.5)
        yield server, process, log, data
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_pages_and_static_files_are_served_with_debug_off(demo):
    server, _, log, _ = demo
    status, _, body = server.get("/compte/connexion/")
    page = body.decode()
    assert status == 200 and "<h1>Connexion</h1>" in page
    css = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page).group(1)
    icons = re.findall(r'<link rel="icon" href="(/static/img/favicon\.[0-9a-f]{12}\.\w+)"', page)
    assert len(icons) == 2
    status, headers, body = server.get(css)
    assert status == 200 and headers["content-type"].startswith("text/css")
    assert "immutable" in headers["cache-control"] and b".site-header" in body
    for icon in icons:
        status, headers, body = server.get(icon)
        assert status == 200 and headers["content-type"].startswith("image/") and body
    assert f"Se connecter : http://127.0.0.1:{server.port}/compte/connexion/" in log.read_text()


def test_a_mistyped_address_is_the_french_page(demo):
    server = demo[0]
    status, _, body = server.get("/gestion/nexiste-pas/")
    page = body.decode()
    assert status == 404 and "<h1>Page introuvable</h1>" in page
    assert "urlpatterns" not in page and "URLconf" not in page and "Traceback" not in page


def test_another_host_name_is_refused(demo):
    """ALLOWED_HOSTS comes from HOST: a forged Host header (password reset links are built from
    it) is a bad request, in French too."""
    server = demo[0]
    status, _, body = server.get("/compte/connexion/", host="pirate.example.org")
    assert status == 400 and "Requête incorrecte" in body.decode()
    assert server.get("/compte/connexion/", host=f"localhost:{server.port}")[0] == 200


def test_ctrl_c_stops_the_server_the_worker_and_the_periodic_job(demo):
    server, process, log, data = demo
    assert (data / "demo-server.pid").read_text().strip() == str(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's processes
    assert process.wait(timeout=PATIENCE) == 0
    deadline = time.monotonic() + PATIENCE
    while _group_alive(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _group_alive(process.pid), "un processus de la démonstration tourne encore"
    assert "Démonstration arrêtée." in log.read_text()
    assert not (data / "demo-server.pid").exists()

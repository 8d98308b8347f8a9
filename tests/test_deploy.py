"""`billetterie check --deploy` is silent with the production variables documented in the README."""

import os
import subprocess
import sys

PRODUCTION = {
    "DEBUG": "0",
    "HTTPS": "1",
    "BEHIND_PROXY": "1",
    "SECRET_KEY": "k3y-" + "x7Qp9Lr2Vm8Zt4Wb6Nc1Hd5Jf3Gs0Ya" * 2,
    "ALLOWED_HOSTS": "billetterie.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://billetterie.example.org",
}


def _check(extra: dict) -> subprocess.CompletedProcess:
    # A clean environment: the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "billetterie", "check", "--deploy"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_silent_in_production():
    result = _check(PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_check_deploy_warns_without_https():
    result = _check({**PRODUCTION, "HTTPS": "0"})
    assert "security.W004" in result.stdout + result.stderr  # HSTS not set

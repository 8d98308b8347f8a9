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
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
}


def _clean_env() -> dict:
    """The test run's environment without what it sets for itself (settings module, test key…).

    The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process.
    """
    return {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION
        and not k.startswith("EMAIL_")
        and k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    }


def _check(extra: dict) -> subprocess.CompletedProcess:
    env = {**_clean_env(), **extra}
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


def test_production_without_secret_key_refuses_to_start():
    """No public development key in production: DEBUG off and no SECRET_KEY stops at once."""
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _check(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr and "DEBUG=1" in result.stderr


def test_development_without_secret_key_starts():
    result = subprocess.run(
        [sys.executable, "-m", "billetterie", "check"],
        env={**_clean_env(), "DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_console_email_in_production_is_an_error():
    """E-mail must really leave in production: the console or memory backend is refused."""
    for backend in ("console", "locmem"):
        result = _check(
            {**PRODUCTION, "EMAIL_BACKEND": f"django.core.mail.backends.{backend}.EmailBackend"}
        )
        assert result.returncode != 0
        assert "billetterie.E001" in result.stderr
        assert "EMAIL_BACKEND" in result.stderr


def test_email_backend_left_unset_in_production_is_an_error():
    env = {k: v for k, v in PRODUCTION.items() if not k.startswith("EMAIL_")}
    result = _check(env)
    assert result.returncode != 0
    assert "billetterie.E001" in result.stderr

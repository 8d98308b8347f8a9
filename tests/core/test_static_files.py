"""Static files with DEBUG off, as in production and `make demo`: collected (`collectstatic`, with
the hashed names of the manifest storage) and served by whitenoise's middleware; the layout links
the style sheet and the favicon (SVG, and ICO for the browsers without SVG icons)."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def collected(settings, tmp_path):
    """The production storage, its files collected into a fresh STATIC_ROOT; a client whose
    middleware (whitenoise among them) is built after, from these settings."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", verbosity=0)
    return Client()


def _body(response) -> bytes:
    content = b"".join(response.streaming_content)
    response.close()
    return content


def _linked(page: str, pattern: str) -> str:
    found = re.search(pattern, page)
    assert found, pattern
    return found.group(1)


def test_the_layout_links_hashed_static_files_that_whitenoise_serves(collected, tmp_path):
    page = collected.get(reverse("accounts:login")).content.decode()
    css = _linked(page, r'<link rel="stylesheet" href="(/static/css/app\.[0-9a-f]{12}\.css)"')
    svg = _linked(page, r'<link rel="icon" href="(/static/img/favicon\.[0-9a-f]{12}\.svg)"')
    ico = _linked(page, r'<link rel="icon" href="(/static/img/favicon\.[0-9a-f]{12}\.ico)"')
    script = _linked(page, r'<script src="(/static/js/app\.[0-9a-f]{12}\.js)"')

    response = collected.get(css)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "immutable" in response["Cache-Control"]  # a hashed name never changes content
    assert b".site-header" in _body(response)

    response = collected.get(svg)
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert _body(response).startswith(b"<svg")

    response = collected.get(ico)
    assert response.status_code == 200
    assert _body(response)[:4] == b"\x00\x00\x01\x00"  # the ICO header

    assert collected.get(script).status_code == 200


def test_whitenoise_serves_compressed_files_to_browsers_that_accept_them(collected):
    page = collected.get(reverse("accounts:login")).content.decode()
    css = _linked(page, r'href="(/static/css/app\.[0-9a-f]{12}\.css)"')
    response = collected.get(css, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert _body(response)[:2] == b"\x1f\x8b"


def test_an_unknown_static_file_is_the_french_404(collected):
    response = collected.get("/static/css/absent.css")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()

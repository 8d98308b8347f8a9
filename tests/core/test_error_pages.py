"""The error pages as a visitor meets them with DEBUG off (production and `make demo`): the
platform's own pages, in French and in the site's layout; never Django's technical pages, which
list every URL pattern, the settings or a traceback."""

import html

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from billetterie.core import views as core_views

pytestmark = pytest.mark.django_db

# The prefixes of the URL map (billetterie/urls.py) that Django's technical 404 page would list.
URL_PREFIXES = ("sante/", "compte/", "gestion/", "association/", "responsable/", "jury/", "admin/")


def _in_layout(page: str) -> bool:
    return '<html lang="fr">' in page and "Aller au contenu" in page and "favicon" in page


def test_unknown_address_shows_the_french_page_without_the_url_map(settings):
    settings.DEBUG = False
    response = Client().get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    page = html.unescape(response.content.decode())
    assert _in_layout(page)
    assert "<h1>Page introuvable</h1>" in page
    assert "Cette page n'existe pas ou vous n'y avez pas accès." in page
    assert "Retour à l'accueil" in page
    for leak in ("URLconf", "urlpatterns", "Using the URLconf", "DEBUG = True", *URL_PREFIXES):
        assert leak not in page, leak


def test_the_technical_page_would_have_listed_the_url_map(settings):
    """The counterpart of the test above: with DEBUG on (what `make demo` used to run), Django
    answers with its technical page and the URL patterns — what the demo must never show."""
    settings.DEBUG = True
    page = html.unescape(Client().get("/cette-page-n-existe-pas/").content.decode())
    assert "gestion/" in page and "Page introuvable" not in page


def test_forbidden_page_is_french_in_the_layout(client, referent_user, settings):
    settings.DEBUG = False
    client.force_login(referent_user)
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert _in_layout(page) and "<h1>Accès refusé</h1>" in page
    assert referent_user.email in page  # the layout of a signed-in person: their address, the exit


def test_server_error_is_french_in_the_layout_without_traceback(settings, monkeypatch):
    settings.DEBUG = False

    class BrokenConnection:
        def cursor(self):
            raise RuntimeError("base de données injoignable (secret-interne)")

    monkeypatch.setattr(core_views, "connection", BrokenConnection())
    client = Client(raise_request_exception=False)
    response = client.get(reverse("health"))
    assert response.status_code == 500
    page = html.unescape(response.content.decode())
    assert _in_layout(page) and "<h1>Erreur inattendue</h1>" in page
    assert "Réessayez dans un instant" in page
    assert "secret-interne" not in page and "Traceback" not in page


def test_server_error_page_stands_even_when_the_layout_fails(settings, monkeypatch):
    """The layout reads the session and the clock in the database, which may be what failed:
    then a plain French page, still without any detail of the error."""
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("gabarit cassé (secret-interne)")

    monkeypatch.setattr(core_views, "render", broken)
    response = core_views.server_error(RequestFactory().get("/sante/"))
    assert response.status_code == 500
    page = html.unescape(response.content.decode())
    assert '<html lang="fr">' in page and "<h1>Erreur inattendue</h1>" in page
    assert "Retour à l'accueil" in page
    assert "secret-interne" not in page


def test_expired_form_is_a_french_page_not_djangos(referent_user, settings):
    """A form sent without its security token (a page left open, a sign-out in another tab)."""
    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    client.force_login(referent_user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert _in_layout(page) and "<h1>Formulaire expiré</h1>" in page
    assert "rechargez la page" in page
    assert "CSRF" not in page and "Forbidden" not in page

"""Pages carrying personal data are never stored by a browser or a proxy cache, and a session
left unused ends."""

import html
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from billetterie.core.middleware import LAST_ACTIVITY, PrivateCacheMiddleware

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    value = response.headers.get("Cache-Control", "")
    return "no-store" in value and "private" in value


def test_every_page_for_a_signed_in_user_is_no_store(client, referent_user, operator_user):
    client.force_login(referent_user)
    for url in (reverse("portal:home"), reverse("home"), reverse("accounts:login")):
        assert _no_store(client.get(url)), url
    client.force_login(operator_user)
    assert _no_store(client.get(reverse("backoffice:home")))


@pytest.mark.parametrize("url", ["/association/", "/gestion/", "/association/inconnue/"])
def test_the_audience_spaces_are_no_store_even_anonymous(client, url):
    assert _no_store(client.get(url))


def test_public_pages_for_anonymous_visitors_may_be_cached(client):
    assert "no-store" not in client.get(reverse("home")).headers.get("Cache-Control", "")


def _middleware_response(path, *, user, preset=None):
    request = RequestFactory().get(path)
    request.user = user

    def view(request):
        response = HttpResponse("ok")
        if preset:
            response["Cache-Control"] = preset
        return response

    return PrivateCacheMiddleware(view)(request)


def test_a_cache_control_set_by_the_view_is_kept(referent_user):
    response = _middleware_response("/association/x", user=referent_user, preset="max-age=0")
    assert response["Cache-Control"] == "max-age=0"


def test_static_files_are_not_affected(referent_user, settings):
    static = "/" + settings.STATIC_URL.lstrip("/")
    response = _middleware_response(f"{static}app.css", user=referent_user)
    assert "Cache-Control" not in response
    assert "Cache-Control" not in _middleware_response("/", user=AnonymousUser())


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _idle(client, seconds):
    session = client.session
    session[LAST_ACTIVITY] = time.time() - seconds
    session.save()


def test_a_session_unused_for_30_minutes_ends(client, referent_user):
    client.force_login(referent_user)
    assert client.get(reverse("portal:home")).status_code == 200
    _idle(client, 31 * 60)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = client.get(response["Location"])
    assert "Votre session a expiré après 30 minutes d'inactivité" in _text(page)
    # Signed out: the next page asks to sign in again, without the message.
    again = client.get(reverse("portal:home"))
    assert again.status_code == 302
    assert "expiré" not in _text(client.get(again["Location"]))


def test_a_session_used_within_the_limit_goes_on(client, referent_user):
    client.force_login(referent_user)
    client.get(reverse("portal:home"))
    _idle(client, 29 * 60)
    assert client.get(reverse("portal:home")).status_code == 200
    # The activity was recorded again: 29 more minutes are fine too.
    assert time.time() - client.session[LAST_ACTIVITY] < 60


def test_the_idle_limit_is_a_setting(client, referent_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    client.force_login(referent_user)
    client.get(reverse("portal:home"))
    _idle(client, 11 * 60)
    response = client.get(reverse("portal:home"), follow=True)
    assert "Votre session a expiré après 10 minutes d'inactivité" in _text(response)


def test_an_expired_post_is_not_carried_out(client, referent_user):
    client.force_login(referent_user)
    client.get(reverse("portal:home"))
    _idle(client, 31 * 60)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))

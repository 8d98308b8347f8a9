"""French by default, English available: the shared layout and sign-in page switch language."""

from django.conf import settings
from django.urls import reverse


def test_french_by_default(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="fr">' in page and "Se connecter" in page and "Aller au contenu" in page


def test_english_on_request(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    assert (
        "Sign in" in page
        and "Skip to content" in page
        and "Email address" in page
        and "Password" in page
    )


def test_language_switch_form(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    assert "Sign in" in client.get(reverse("accounts:login")).content.decode()

"""Signing in by e-mail, throttling, and the password reset e-mail."""

import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD


def test_sign_in_with_email_any_case(client, referent_user):
    response = client.post(
        reverse("accounts:login"), {"username": "REFERENT@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


def test_repeated_failures_lock_the_account_for_a_while(client, referent_user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(
            reverse("accounts:login"), {"username": referent_user.email, "password": "faux"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": referent_user.email, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_password_reset_by_email(client, referent_user):
    response = client.post(reverse("accounts:password_reset"), {"email": "referent@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["referent@example.org"]
    assert "nouveau mot de passe" in message.subject
    link = re.search(r"https?://[^\s]+/compte/mot-de-passe/nouveau/[^\s]+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    new_password = "un-nouveau-mot-de-passe-2024"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    referent_user.refresh_from_db()
    assert referent_user.check_password(new_password)


def test_password_reset_for_unknown_address_says_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_an_imported_referent_without_password_can_set_one(client, association):
    from billetterie.accounts.models import Role, User

    User.objects.create_user(
        "nouveau@example.org", None, role=Role.REFERENT, association=association
    )
    client.post(reverse("accounts:password_reset"), {"email": "nouveau@example.org"})
    assert len(mail.outbox) == 1

"""Sign-in throttling: per address (password spraying), per account whatever the address, the
client address behind the proxy, and a password reset that lifts the lock."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from billetterie.accounts.models import Role, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "accounts:login"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 5
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 6
    settings.BEHIND_PROXY = False
    settings.PROXY_COUNT = 1


def _login(client, email, password, **meta):
    return client.post(reverse(LOGIN), {"username": email, "password": password}, **meta)


def _accounts(association, n):
    return [
        User.objects.create_user(
            f"referent{i}@example.org", PASSWORD, role=Role.REFERENT, association=association
        )
        for i in range(n)
    ]


def test_spraying_one_password_over_many_accounts_from_one_address_is_blocked(client, association):
    users = _accounts(association, 7)
    for user in users[:4]:  # one try per account: never 3 on the same account
        assert _login(client, user.email, "Printemps2024!").status_code == 200
    # The fifth failure from this address reaches the limit per address…
    assert _login(client, users[4].email, "Printemps2024!").status_code == 429
    # …and the sixth account, even with its right password, is refused from this address.
    response = _login(client, users[5].email, PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    # Another address is not concerned.
    assert _login(client, users[6].email, PASSWORD, REMOTE_ADDR="192.0.2.50").status_code == 302


def test_the_lock_per_account_applies_whatever_the_address(client, referent_user):
    for i in range(6):  # 6 addresses, one failure each: never 3 from the same address
        _login(client, referent_user.email, "faux", REMOTE_ADDR=f"198.51.100.{i}")
    response = _login(client, referent_user.email, PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429


def test_the_account_is_counted_in_any_case(client, referent_user):
    for email in ("Referent@example.org", "REFERENT@EXAMPLE.ORG", "referent@example.org"):
        _login(client, email, "faux")
    assert _login(client, referent_user.email, PASSWORD).status_code == 429


def test_a_sign_in_clears_the_account_failures_not_the_address(client, association, referent_user):
    """An attacker signing in to their own account does not reset their address's count."""
    victims = _accounts(association, 4)
    for victim in victims:
        _login(client, victim.email, "faux")
    assert _login(client, referent_user.email, PASSWORD).status_code == 302
    client.logout()
    assert _login(client, "autre@example.org", "faux").status_code == 429


def test_behind_the_proxy_two_clients_are_counted_separately(client, referent_user, settings):
    settings.BEHIND_PROXY = True
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(3):
        _login(client, referent_user.email, "faux", **attacker)
    assert _login(client, referent_user.email, PASSWORD, **attacker).status_code == 429
    # The referent, behind the same proxy, still signs in.
    referent = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert _login(client, referent_user.email, PASSWORD, **referent).status_code == 302


def test_behind_the_proxy_the_right_most_entry_is_the_client(client, referent_user, settings):
    """The entries left of the proxy's own are written by the client: they change nothing."""
    settings.BEHIND_PROXY = True
    for i in range(3):
        _login(
            client,
            referent_user.email,
            "faux",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{i}, 203.0.113.66",
        )
    response = _login(
        client,
        referent_user.email,
        PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.200, 203.0.113.66",
    )
    assert response.status_code == 429


def test_without_the_proxy_setting_the_header_is_ignored(client, referent_user):
    """Without BEHIND_PROXY, a forged X-Forwarded-For does not escape the count."""
    for i in range(3):
        _login(client, referent_user.email, "faux", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    response = _login(client, referent_user.email, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_a_completed_password_reset_lifts_the_lock(client, referent_user):
    for _ in range(3):
        _login(client, referent_user.email, "faux")
    assert _login(client, referent_user.email, PASSWORD).status_code == 429
    client.post(reverse("accounts:password_reset"), {"email": referent_user.email})
    link = re.search(r"https?://testserver(/compte/mot-de-passe/nouveau/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    new_password = "un-nouveau-mot-de-passe-2024"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert _login(client, referent_user.email, new_password).status_code == 302

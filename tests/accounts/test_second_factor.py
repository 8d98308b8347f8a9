"""Two-factor sign-in: operators cannot reach the back office without it; TOTP, e-mail, recovery."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from billetterie.core.models import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _sign_in(user) -> Client:
    browser = Client()
    response = browser.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return browser


def _totp_now(device: TOTPDevice, later: int = 0) -> str:
    """The code the app shows now (or `later` steps of 30 s from now: a code is never reused)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + later * device.step
    return f"{totp.token():0{device.digits}d}"


def _enrol_totp(browser, user) -> list[str]:
    page = browser.get(reverse("accounts:second_factor_totp")).content.decode()
    assert "<svg" in page and "data-secret" in page  # the QR code and the key to type
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = browser.post(reverse("accounts:second_factor_totp"), {"code": _totp_now(device)})
    assert response.status_code == 302
    codes_page = browser.get(response.url).content.decode()
    return re.findall(r"<li><code>(\w+)</code></li>", codes_page)


def test_an_operator_cannot_open_the_back_office_with_the_password_alone(operator_user, campaign):
    browser = _sign_in(operator_user)
    for url in (reverse("backoffice:home"), reverse("backoffice:campaign", args=[campaign.slug])):
        response = browser.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:second_factor_setup"))
    # The Django admin is behind the same door.
    assert browser.get("/admin/").status_code == 302


def test_totp_enrolment_then_every_sign_in_asks_for_a_code(operator_user):
    browser = _sign_in(operator_user)
    codes = _enrol_totp(browser, operator_user)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert browser.get(reverse("backoffice:home")).status_code == 200
    assert AuditEntry.objects.filter(action="user.second_factor_enabled").count() == 1

    again = _sign_in(operator_user)
    response = again.get(reverse("backoffice:home"))
    assert response.url.startswith(reverse("accounts:second_factor"))
    wrong = again.post(reverse("accounts:second_factor"), {"code": "000000"})
    assert "Ce code n&#x27;est pas le bon" in wrong.content.decode()
    assert again.get(reverse("backoffice:home")).status_code == 302
    device = TOTPDevice.objects.get(user=operator_user, confirmed=True)
    device.throttle_reset()
    passed = again.post(
        reverse("accounts:second_factor") + "?next=/gestion/", {"code": _totp_now(device, 1)}
    )
    assert passed.status_code == 302 and passed.url == "/gestion/"
    assert again.get(reverse("backoffice:home")).status_code == 200


def test_a_recovery_code_works_once(operator_user):
    codes = _enrol_totp(_sign_in(operator_user), operator_user)
    first = _sign_in(operator_user)
    first.post(reverse("accounts:second_factor"), {"code": codes[0]})
    assert first.get(reverse("backoffice:home")).status_code == 200
    second = _sign_in(operator_user)
    refused = second.post(reverse("accounts:second_factor"), {"code": codes[0]})
    assert refused.status_code == 200 and second.get(reverse("backoffice:home")).status_code == 302


def test_the_email_path_sends_a_code_and_accepts_it(operator_user):
    browser = _sign_in(operator_user)
    browser.post(reverse("accounts:second_factor_setup"), {"method": "email"})
    [message] = mail.outbox
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    assert message.to == [operator_user.email] and "10 minutes" in message.body
    response = browser.post(reverse("accounts:second_factor_email"), {"code": code})
    assert response.status_code == 302
    assert browser.get(reverse("backoffice:home")).status_code == 200
    # Next sign-in: the code is sent on demand.
    again = _sign_in(operator_user)
    again.post(reverse("accounts:second_factor"), {"send": "True"})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    again.post(reverse("accounts:second_factor"), {"code": code})
    assert again.get(reverse("backoffice:home")).status_code == 200


def test_a_referent_may_choose_it_and_an_operator_may_require_it(referent_user, campaign):
    browser = _sign_in(referent_user)
    assert browser.get(reverse("portal:home")).status_code == 200  # not required by default
    campaign.operator.referents_second_factor = True
    campaign.operator.save()
    response = _sign_in(referent_user).get(reverse("portal:home"))
    assert response.url.startswith(reverse("accounts:second_factor_setup"))


def test_a_person_who_chose_it_can_turn_it_off_but_an_operator_cannot(referent_user, operator_user):
    for user, can in ((referent_user, True), (operator_user, False)):
        browser = _sign_in(user)
        _enrol_totp(browser, user)
        browser.post(reverse("accounts:security"), {"action": "disable"})
        assert TOTPDevice.objects.filter(user=user, confirmed=True).exists() is not can

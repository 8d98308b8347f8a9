"""The invitation link: a token of its own, used once, valid INVITATION_DAYS real days; the page
where the invited person chooses a password and is signed in."""

import datetime as dt
import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from billetterie.accounts.invitations import InvitationTokenGenerator, invitation_token
from billetterie.accounts.models import Role, User
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.outbox.invitations import invitation_send

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "un-mot-de-passe-choisi-2024"


def _invite(user, campaign=None) -> str:
    """Send the invitation; the path of the link in the e-mail."""
    with transaction.atomic():
        message = invitation_send(user=user, actor="essai", campaign=campaign)
    link = re.search(r"https?://\S+/compte/invitation/\S+/", message.body_text).group(0)
    return "/" + link.split("/", 3)[3]


def _later(monkeypatch, **delta):
    """Real time moves on (the platform clock has nothing to do with it)."""
    moment = timezone.now() + dt.timedelta(**delta)
    monkeypatch.setattr(
        InvitationTokenGenerator,
        "_now",
        lambda self: moment.astimezone(dt.UTC).replace(tzinfo=None),
    )


# --- The token --------------------------------------------------------------------------------


def _token(user):
    user.refresh_from_db()
    return invitation_token.make_token_at(user, user.invited_at)


def test_the_token_is_valid_the_set_number_of_real_days(new_referent, monkeypatch, settings):
    settings.INVITATION_DAYS = 14
    _invite(new_referent)
    token = _token(new_referent)
    assert invitation_token.check_token(new_referent, token)
    _later(monkeypatch, days=13, hours=23)
    assert invitation_token.check_token(new_referent, token)
    _later(monkeypatch, days=14, minutes=1)
    assert not invitation_token.check_token(new_referent, token)
    settings.INVITATION_DAYS = 30  # the setting is read when the link is checked
    assert invitation_token.check_token(new_referent, token)


def test_the_platform_clock_does_not_expire_a_link(new_referent):
    """The demo stands at 15 March 2024 and may be moved by weeks: the link counts real days."""
    _invite(new_referent)
    token = _token(new_referent)
    with clock.frozen_at("2030-01-01"):
        assert invitation_token.check_token(new_referent, token)
    with clock.frozen_at("2020-01-01"):
        assert invitation_token.check_token(new_referent, token)


def test_the_token_is_single_use_and_a_renewal_replaces_it(new_referent):
    _invite(new_referent)
    first = _token(new_referent)
    _invite(new_referent)  # new_referent again: the previous link stops working
    second = _token(new_referent)
    assert not invitation_token.check_token(new_referent, first)
    assert invitation_token.check_token(new_referent, second)
    new_referent.set_password(NEW_PASSWORD)
    new_referent.save()
    assert not invitation_token.check_token(new_referent, second)


def test_signing_in_spends_the_token(new_referent):
    _invite(new_referent)
    token = _token(new_referent)
    new_referent.last_login = timezone.now()
    new_referent.save()
    assert not invitation_token.check_token(new_referent, token)


def test_a_password_reset_token_is_not_an_invitation_and_the_reverse(new_referent):
    _invite(new_referent)
    new_referent.refresh_from_db()
    assert not invitation_token.check_token(
        new_referent, default_token_generator.make_token(new_referent)
    )
    assert not default_token_generator.check_token(new_referent, _token(new_referent))
    for junk in ("", "abc", "zzzzzzzzzzzzzzzzzzzz-1", "1-2-3"):
        assert not invitation_token.check_token(new_referent, junk)


# --- The page ---------------------------------------------------------------------------------


def test_the_invited_referent_chooses_a_password_and_is_signed_in(client, new_referent, campaign):
    path = _invite(new_referent, campaign)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    url = form_page.redirect_chain[-1][0]
    assert url.endswith("/choisir/")  # the token left the address (no Referer leak)
    page = form_page.content.decode()
    assert "Choisir votre mot de passe" in page and new_referent.email in page
    done = client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done.url == reverse("home")
    home = client.get(reverse("home"), follow=True)
    assert home.redirect_chain[-1][0] == reverse("portal:home")
    assert "Votre mot de passe est enregistré" in home.content.decode()
    new_referent.refresh_from_db()
    assert new_referent.check_password(NEW_PASSWORD) and new_referent.last_login is not None
    entry = AuditEntry.objects.get(action="user.invitation_accepted")
    assert entry.subject_id == str(new_referent.pk) and NEW_PASSWORD not in str(entry.details)
    # The link served once: opened again (signed out), it says so in French.
    client.logout()
    again = client.get(path, follow=True)
    assert "Ce lien d'invitation ne marche plus" in again.content.decode()
    assert "Mot de passe oublié" in again.content.decode()


def test_the_password_rules_are_explained_in_french(client, new_referent):
    path = _invite(new_referent)
    url = client.get(path, follow=True).redirect_chain[-1][0]
    short = client.post(url, {"new_password1": "court", "new_password2": "court"})
    assert short.status_code == 200
    assert "Ce mot de passe est trop court" in short.content.decode()
    mismatch = client.post(
        url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )
    assert "Les deux mots de passe ne correspondent pas" in mismatch.content.decode()
    new_referent.refresh_from_db()
    assert not new_referent.has_usable_password()


def test_an_expired_link_says_so_and_tells_what_to_do(client, new_referent, monkeypatch, settings):
    path = _invite(new_referent)
    _later(monkeypatch, days=settings.INVITATION_DAYS, hours=1)
    page = client.get(path, follow=True).content.decode()
    assert "Ce lien d'invitation ne marche plus" in page
    assert f"valable {settings.INVITATION_DAYS} jours" in page
    assert "nouvelle invitation" in page and "Mot de passe oublié" in page
    assert "<form" not in page.split("<main", 1)[1].split("</main>")[0]


def test_a_wrong_link_says_the_same_whether_the_account_exists_or_not(client, new_referent):
    path = _invite(new_referent)
    uid = path.split("/")[3]
    nobody = urlsafe_base64_encode(force_bytes(999_999))
    pages = [
        client.get(path.replace(uid, nobody)).content.decode(),
        client.get(path[:-3] + "zz/").content.decode(),
        client.get(reverse("accounts:invitation", args=["@@", "1-2"])).content.decode(),
    ]
    for page in pages:
        assert "Ce lien d'invitation ne marche plus" in page
        assert new_referent.email not in page


def test_a_deactivated_account_cannot_use_its_link(client, new_referent):
    path = _invite(new_referent)
    User.objects.filter(pk=new_referent.pk).update(is_active=False)
    assert "ne marche plus" in client.get(path, follow=True).content.decode()


def test_operator_staff_then_set_up_their_second_factor(client, campaign):
    staff = User.objects.create_user(
        "equipe@example.org", None, role=Role.OPERATOR_STAFF, operator=campaign.operator
    )
    path = _invite(staff, campaign)
    url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = client.get(reverse("backoffice:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:second_factor_setup"))


def test_the_invitation_lifts_a_sign_in_lock(client, new_referent, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"username": new_referent.email, "password": "faux"})
    path = _invite(new_referent)
    url = client.get(path, follow=True).redirect_chain[-1][0]
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    client.logout()
    response = client.post(
        reverse("accounts:login"), {"username": new_referent.email, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302

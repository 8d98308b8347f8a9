"""Signing in with the keyboard, each role's first page, accessibility and phone layout."""

import pytest

from billetterie.catalogue.models import Games, HostCity
from billetterie.requests.models import Application, ApplicationCity
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_login_page_is_accessible_and_keyboard_only(page, operator_user):
    page.goto("/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Se connecter").click()
    assert "/compte/connexion/" in page.url
    assert axe_violations(page) == []
    # Keyboard only: the e-mail field has focus, Tab moves to the password, Enter submits.
    page.keyboard.type(operator_user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # Operator staff set up their second factor first, keyboard only too.
    page.wait_for_url("**/double-authentification/activer/**")
    page.get_by_role("button", name="Continuer").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/double-authentification/application/**")
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    page.keyboard.type(totp_code(secret))  # the code field has the focus
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes-de-secours/**")
    page.get_by_role("link", name="J'ai noté mes codes, continuer").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/gestion/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Campagnes")


def test_wrong_password_message_is_french(page, operator_user):
    sign_in(page, operator_user.email, "mauvais-mot-de-passe")
    assert (
        page.get_by_role("alert").inner_text().strip()
        == "Adresse e-mail ou mot de passe incorrect."
    )


def test_an_operator_signs_in_with_an_authenticator_app(page, operator_user, campaign):
    """Password, then the second factor set up in the browser (TOTP), recovery codes, back office;
    the next sign-in asks for the code again."""
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(operator_user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert "/compte/double-authentification/activer/" in page.url  # no back office yet
    assert axe_violations(page) == []
    page.get_by_label("Une application d'authentification").check()
    page.get_by_role("button", name="Continuer").click()
    assert page.locator("figure.qr svg").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Code").fill("123456")
    page.get_by_role("button", name="Activer").click()
    assert "ne correspond pas" in page.locator(".error").inner_text()
    page.wait_for_timeout(1100)  # after a wrong code, the next one is checked a second later
    secret = page.locator("[data-secret]").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Activer").click()
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Campagnes")
    # Signed out and in again: the code is asked before any back-office page.
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto("/compte/connexion/?next=/gestion/")
    page.get_by_label("Adresse e-mail").fill(operator_user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert "/compte/double-authentification/" in page.url
    assert axe_violations(page) == []
    page.get_by_label("Code").fill(codes[3])
    page.get_by_role("button", name="Valider").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Campagnes")


def test_operator_sees_campaign_counts(page, operator_user, campaign):
    sign_in(page, operator_user.email, PASSWORD)
    row = page.get_by_role("row", name=campaign.name)
    assert row.is_visible()
    assert axe_violations(page) == []
    row.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).inner_text() == campaign.name
    assert axe_violations(page) == []


def test_referent_sees_own_application_on_a_phone(phone_page, referent_user, campaign):
    games = Games.objects.get(code="OG")
    app = Application.objects.create(
        campaign=campaign,
        association=referent_user.association,
        games=games,
        youth=9,
        supervisors=3,
        received_on="2023-09-20",
    )
    ApplicationCity.objects.create(
        application=app, host_city=HostCity.objects.create(name="Lille"), rank=1
    )
    sign_in(phone_page, referent_user.email, PASSWORD)
    assert phone_page.get_by_role("heading", level=1).inner_text() == referent_user.association.name
    card = phone_page.get_by_role("listitem").filter(has_text="Candidature JO")
    assert "12" in card.inner_text() and "Lille" in card.inner_text()
    assert no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []


def test_axe_check_does_find_problems(page):
    # Guard against a silent checker: a page with an unlabelled field must be reported.
    page.set_content('<html lang="fr"><body><main><input type="text"></main></body></html>')
    assert any(v.startswith("label:") for v in axe_violations(page))

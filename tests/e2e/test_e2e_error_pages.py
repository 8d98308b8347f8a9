"""The error pages and the favicon in the browser: a mistyped address and an expired form show the
platform's French page in its layout (axe-core clean, no horizontal scroll at 390 px), and the
browser finds the icon the layout links. Screenshots (desktop and 390 × 844) are taken when
E2E_SHOTS names a folder (never in CI)."""

import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def check_page(page, name):
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert no_horizontal_scroll(page), f"défilement horizontal à 390 px : {page.url}"
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}-telephone.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=f"{folder}/{name}-bureau.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_a_mistyped_address_and_the_favicon(page):
    page.set_viewport_size(DESKTOP)
    response = page.goto("/gestion/campagnes-inexistantes/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page introuvable"
    assert "urlpatterns" not in page.content() and "URLconf" not in page.content()
    check_page(page, "erreur-404")
    icons = page.locator("link[rel=icon]")
    assert icons.count() == 2
    for href in icons.evaluate_all("links => links.map(link => link.href)"):
        icon = page.request.get(href)
        assert icon.ok and icon.body(), href
    page.get_by_role("link", name="Retour à l'accueil").click()
    assert page.get_by_role("link", name="Se connecter").first.is_visible()


def test_an_expired_form_after_signing_in_in_another_tab(page, referent_user):
    page.set_viewport_size(DESKTOP)
    page.goto("/compte/connexion/")
    # Signing in in another tab renews the security token; the first tab's form still has the old one.
    other = page.context.new_page()
    sign_in(other, referent_user.email, PASSWORD)
    other.close()
    page.get_by_label("Adresse e-mail").fill(referent_user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Formulaire expiré"
    assert "CSRF" not in page.content()
    check_page(page, "erreur-formulaire-expire")

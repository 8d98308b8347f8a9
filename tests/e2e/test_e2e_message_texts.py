"""Message texts and help in a real browser, on the demo: the operator rewrites a message, reads
the preview, saves, and goes back to the default text; a referent opens « Aide » on a phone. Every
page passes axe-core; the pages fit a phone screen."""

import pytest
from django.core.management import call_command

from billetterie.core.models import AuditEntry
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.outbox.models import MessageTemplate
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
REFERENT = "referent1@demo.billetterie.fr"
C = "/gestion/campagnes/cnape-2024"


@pytest.fixture
def demo():
    call_command("load_demo", "--force", verbosity=0)


def test_operator_edits_previews_saves_and_resets_a_message(page, demo):
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto(f"{C}/")
    nav = page.get_by_role("navigation", name="Navigation principale")
    nav.get_by_role("link", name="Textes des messages").click()
    assert page.get_by_role("heading", name="Textes des messages", level=1).is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Invitation à créer son mot de passe").click()
    assert axe_violations(page) == []
    # The placeholders are listed with what they hold and their value in the preview.
    fields = page.get_by_role("table", name="champs")
    assert "Le nombre de jours pendant lesquels le lien marche" in fields.inner_text()

    body = page.get_by_label("Texte", exact=True)
    body.fill(
        body.input_value() + "\n\nÀ très bientôt sur la plateforme, de la part de {operateur} !"
    )
    page.get_by_role("button", name="Voir l'aperçu").click()
    preview = page.get_by_role("region", name="Aperçu du texte saisi")
    assert "À très bientôt sur la plateforme, de la part de CNAPE !" in preview.inner_text()
    assert "valeurs d'exemple tirées de la campagne" in preview.inner_text()
    assert not MessageTemplate.objects.exists()  # a preview saves nothing
    assert axe_violations(page) == []

    page.get_by_role("button", name="Enregistrer le texte").click()
    assert "enregistré" in page.get_by_role("status").inner_text()
    assert MessageTemplate.objects.filter(kind="account.invitation").exists()
    assert "modifié" in page.get_by_role("definition").nth(2).inner_text()

    page.get_by_role("link", name="Revenir au texte par défaut").click()
    assert (
        page.get_by_role("heading", level=1).inner_text().startswith("Revenir au texte par défaut")
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Revenir au texte par défaut").click()
    assert "reprend son texte par défaut" in page.get_by_role("status").inner_text()
    assert not MessageTemplate.objects.exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="outbox.template")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["outbox.template_changed", "outbox.template_reset"]

    # The help and contact page of the back office passes axe too.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Aide et contact"
    ).click()
    assert page.get_by_role("heading", name="Aide et contact", level=1).is_visible()
    assert axe_violations(page) == []


def test_referent_opens_help_on_a_phone(phone_page, demo):
    page = phone_page
    sign_in(page, REFERENT, DEMO_PASSWORD)
    page.goto("/association/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Aide", exact=True
    ).click()
    assert page.get_by_role("heading", name="Aide", level=1).is_visible()
    assert page.get_by_role(
        "heading", name="Peut-on accepter une partie seulement d'un lot ?"
    ).is_visible()
    contact = page.get_by_role("complementary", name="Contact")
    assert "billetterie@demo.billetterie.fr" in contact.inner_text()
    assert contact.get_by_role("link", name="01 99 00 24 24").get_attribute("href") == (
        "tel:+33199002424"
    )
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []


def test_operator_pages_fit_a_phone(phone_page, demo):
    page = phone_page
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    for path in (
        f"{C}/textes/",
        f"{C}/textes/account.invitation/",
        f"{C}/aide/",
        f"{C}/contact/",
    ):
        page.goto(path)
        assert no_horizontal_scroll(page), path
        assert axe_violations(page) == [], path

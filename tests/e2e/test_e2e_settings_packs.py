"""The operator's settings and packs in a real browser, on the demo: a new ratio is shown in words
before it is saved; a pack found by the filters is withdrawn with a reason. Every page passes
axe-core; the lists fit a phone screen."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from billetterie.campaigns.models import Campaign
from billetterie.core.models import AuditEntry
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.inventory.models import Pack, PackStatus
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
C = "/gestion/campagnes/cnape-2024"


@pytest.fixture
def demo():
    call_command("load_demo", "--force", verbosity=0)


def test_settings_then_withdraw_a_pack(page, demo):
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto("/gestion/")
    page.get_by_role("link", name="Billetterie populaire des Jeux 2024").click()
    page.get_by_role("link", name="Réglages de la campagne").click()
    assert page.get_by_role("heading", name="Réglages de la campagne").is_visible()
    assert axe_violations(page) == []

    # The ratio is typed as people say it, and the preview says it back in words.
    page.get_by_label("Encadrement : nombre de jeunes pour 1 encadrant").fill("4")
    page.get_by_role("button", name="Voir les changements").click()
    changes = page.get_by_role("table", name="1 changement")
    row = changes.get_by_role("row", name="Encadrement")
    assert "au plus 1 encadrant pour 3 jeunes" in row.inner_text()
    assert "au plus 1 encadrant pour 4 jeunes" in row.inner_text()
    assert axe_violations(page) == []
    campaign = Campaign.objects.get(slug="cnape-2024")
    assert campaign.max_supervisors_per_youth == Decimal("0.333")  # nothing saved yet
    page.get_by_role("button", name="Confirmer et enregistrer les réglages").click()
    assert "Réglages enregistrés (1 changement)." in page.get_by_role("status").inner_text()
    campaign.refresh_from_db()
    assert campaign.max_supervisors_per_youth == Decimal("0.250")
    assert page.get_by_text("au plus 1 encadrant pour 4 jeunes").is_visible()

    # Packs: filter the available Olympic packs of one city, open the first, withdraw it.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Lots"
    ).click()
    assert axe_violations(page) == []
    page.get_by_label("Jeux").select_option(label="JO")
    page.get_by_label("État").select_option(label="Disponible")
    page.get_by_label("Ville hôte").select_option(label="Marseille")
    page.get_by_role("button", name="Filtrer").click()
    listed = page.get_by_role("table", name="lots (page")
    first = listed.get_by_role("row").nth(1).get_by_role("link").first
    reference = first.inner_text()
    pack = Pack.objects.get(campaign=campaign, reference=reference)
    assert pack.status == PackStatus.AVAILABLE
    assert pack.session.venue.host_city.name == "Marseille"
    assert axe_violations(page) == []
    first.click()
    assert page.get_by_role("heading", name=f"Lot {reference}").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Retirer du vivier").click()
    assert axe_violations(page) == []
    page.get_by_label("Motif").fill("Séance annulée par la billetterie")
    page.get_by_role("button", name=f"Retirer le lot {reference}").click()
    assert f"Le lot {reference} est retiré du vivier." in page.get_by_role("status").inner_text()
    assert page.get_by_text("Séance annulée par la billetterie").is_visible()
    pack.refresh_from_db()
    assert pack.status == PackStatus.WITHDRAWN
    assert AuditEntry.objects.filter(action="pack.withdrawn", subject_id=str(pack.pk)).exists()


def test_associations_pages_pass_axe_and_lists_fit_a_phone(phone_page, demo):
    sign_in(phone_page, OPERATOR, DEMO_PASSWORD)
    for path in (f"{C}/lots/", f"{C}/associations/", f"{C}/lots/?games=OG&status=available"):
        phone_page.goto(path)
        assert no_horizontal_scroll(phone_page), path
        assert axe_violations(phone_page) == [], path
    phone_page.goto(f"{C}/associations/")
    phone_page.get_by_label("Nom, identifiant, commune ou code postal").fill("Paris")
    phone_page.get_by_role("button", name="Chercher").click()
    phone_page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").click()
    phone_page.get_by_label("Code postal").fill("91000")
    phone_page.get_by_role("button", name="Voir les changements").click()
    assert "Essonne (91)" in phone_page.get_by_role("table", name="changement").inner_text()
    assert axe_violations(phone_page) == []
    assert no_horizontal_scroll(phone_page) and _tables_fit(phone_page)
    phone_page.goto(f"{C}/reglages/")
    assert axe_violations(phone_page) == []
    assert no_horizontal_scroll(phone_page)
    phone_page.get_by_label("Encadrement : nombre de jeunes pour 1 encadrant").fill("4")
    phone_page.get_by_label("Réattribution en continu").check()
    phone_page.get_by_label("Double authentification obligatoire pour les référents").check()
    phone_page.get_by_role("button", name="Voir les changements").click()
    assert phone_page.get_by_role("table", name="3 changements").is_visible()
    assert axe_violations(phone_page) == []
    assert no_horizontal_scroll(phone_page) and _tables_fit(phone_page)


def _tables_fit(page) -> bool:
    """No table of the page needs its own sideways scrolling (a preview is read whole)."""
    return page.evaluate(
        "[...document.querySelectorAll('.table-scroll')].every(e => e.scrollWidth <= e.clientWidth + 1)"
    )

"""The operator exports the nominative list for the ticket office in a real browser, on the demo:
the page says what each button exports, the export is listed and downloaded; axe-core clean,
no horizontal scroll on a phone."""

import pytest
from django.core.management import call_command

from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--force", verbosity=0)


def test_export_the_list_then_download_it(page, demo, tmp_path):
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto("/gestion/")
    page.get_by_role("link", name="Billetterie populaire des Jeux 2024").click()
    page.get_by_role("link", name="Export pour la billetterie", exact=True).first.click()
    assert page.get_by_role("heading", name="Export pour la billetterie").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("CSV (point-virgule)").check()
    page.get_by_role("button", name="Exporter la liste complète").click()
    assert page.get_by_text("Export n° 1 enregistré").is_visible()
    page.screenshot(path=str(tmp_path / "exports.png"), full_page=True)
    assert axe_violations(page) == []
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger l'export n° 1").click()
    assert info.value.suggested_filename.endswith("-export-001-liste-complete.csv")
    assert page.get_by_role(
        "button", name="Exporter les changements depuis l'export n° 1"
    ).is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    assert no_horizontal_scroll(page)
    page.screenshot(path="/tmp/d-export-phone.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/d-export-desktop.png", full_page=True)

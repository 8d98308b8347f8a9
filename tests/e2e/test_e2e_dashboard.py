"""The campaign's dashboard in a real browser, on the demo: reached from the campaign page, every
section passes axe-core, it fits a phone, and a figure's link opens the list it counts."""

import pytest
from django.core.management import call_command

from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
C = "/gestion/campagnes/cnape-2024"


@pytest.fixture
def demo():
    call_command("load_demo", "--force", verbosity=0)


def test_dashboard_passes_axe_and_fits_a_phone(page, phone_page, demo, tmp_path):
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto(f"{C}/")
    page.get_by_role("link", name="Ouvrir le tableau de bord de la campagne").click()
    assert page.get_by_role("heading", name="Tableau de bord", exact=True).is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    # The available Olympic tickets lead to the packs list with these filters.
    table = page.get_by_role("table", name="Billets par Jeux, par état")
    table.get_by_role("row").nth(1).get_by_role("link").first.click()
    assert "status=available" in page.url
    sign_in(phone_page, OPERATOR, DEMO_PASSWORD)
    phone_page.goto(f"{C}/tableau-de-bord/")
    assert axe_violations(phone_page) == []
    assert no_horizontal_scroll(phone_page)
    phone_page.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
    print("SCREENSHOTS", tmp_path)

"""The « Graphiques » page in a real browser, on the demo after wave 1: every chart drawn with its
text alternative and its table, axe-core clean, readable on a phone. Screenshots (E2E_SHOTS=dir)."""

import os

import pytest
from django.core.management import call_command

from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.offers.models import Offer
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/gestion/campagnes/cnape-2024/graphiques/"


@pytest.fixture
def demo_after_wave_1():
    call_command("load_demo", "--force", verbosity=0)
    call_command(
        "allocate", "--campaign", "cnape-2024", "--games", "JO", "--scope", "call",
        "--time-limit", "20", "--publish", verbosity=0,
    )  # fmt: skip
    assert Offer.objects.exists()


def _shot(page, name):
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, name), full_page=True)


def test_charts_page_after_wave_1(page, phone_page, demo_after_wave_1):
    sign_in(page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    page.get_by_role("link", name="Billetterie populaire des Jeux 2024").click()
    page.get_by_role("link", name="Graphiques").click()
    assert page.url.endswith(PAGE)
    for name in (
        "Satisfaction de chaque association",
        "Billets par ville hôte",
        "Billets proposés et acceptés",
        "Carte des associations candidates",
    ):
        assert page.get_by_role("img", name=name).count() == 1
    # The table behind a chart opens with « Voir le tableau ».
    page.locator("#chart-cities-figure summary").click()
    assert page.get_by_role(
        "table", name="Billets par ville hôte, selon où ils en sont"
    ).is_visible()
    assert page.get_by_role("row", name="Paris").count() >= 1
    assert axe_violations(page) == []
    _shot(page, "charts-desktop.png")

    sign_in(phone_page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    phone_page.goto(PAGE)
    assert no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    _shot(phone_page, "charts-phone.png")

"""Every main page of the demo passes axe-core; the referent's pages fit a phone screen."""

import pytest
from django.core.management import call_command

from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.requests.models import Application
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

C = "/gestion/campagnes/cnape-2024"
OPERATOR_PAGES = [
    "/",
    "/gestion/",
    f"{C}/",
    f"{C}/imports/",
    f"{C}/imports/organisations/",
    f"{C}/imports/packs/",
    f"{C}/imports/sessions/",
    f"{C}/imports/applications/",
    f"{C}/candidatures/",
    f"{C}/attribution/",
    f"{C}/propositions/",
    f"{C}/beneficiaires/",
    f"{C}/journal/",
    f"{C}/comptes/",
    f"{C}/comptes/nouveau/",
    "/gestion/campagnes/nouvelle/",
]
REFERENT_PAGES = [
    "/association/",
    "/association/candidatures/",
    "/association/candidatures/cnape-2024/OG/",
    # Before any accepted pack the names page explains what comes next (pages with packs: test_e2e_attendees).
    "/association/propositions/",
    "/association/beneficiaires/",
]


@pytest.fixture
def demo():
    call_command("load_demo", "--force", verbosity=0)


def _check(page, paths):
    problems = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        found = axe_violations(page)
        if found:
            problems[path] = found
    return problems


def test_operator_pages_pass_axe(page, demo):
    sign_in(page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    app = Application.objects.filter(campaign__slug="cnape-2024").order_by("pk").first()
    assert _check(page, [*OPERATOR_PAGES, f"{C}/candidatures/{app.pk}/"]) == {}


def test_referent_pages_pass_axe_and_fit_a_phone(phone_page, demo):
    sign_in(phone_page, "referent1@demo.billetterie.fr", DEMO_PASSWORD)
    assert _check(phone_page, REFERENT_PAGES) == {}
    too_wide = [
        path
        for path in REFERENT_PAGES
        if phone_page.goto(path) and not no_horizontal_scroll(phone_page)
    ]
    assert too_wide == []

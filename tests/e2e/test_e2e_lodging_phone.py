"""Every « Hébergement » page of both sides on a phone (390 × 844): each opens, has one <h1>,
passes axe-core and never scrolls sideways (the beds table included)."""

import pytest

from billetterie.lodging.models import PlacementStatus
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in
from tests.lodging import portal_world as w
from tests.lodging.conftest import guest, guest_user, host, host_user, lodging, paris_pack

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The lodging tests' fixtures; the browser is tests/e2e's one session-wide Chromium (a second
# `browser` fixture would start a second Playwright in the same event loop and fail).
__all__ = ["guest", "guest_user", "host", "host_user", "lodging", "paris_pack"]


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_lodging_pages_read_on_a_phone(
    phone, campaign, guest, guest_user, host, host_user, paris_pack
):
    need = w.need(campaign, guest)
    offer = w.host_offer(campaign, host)
    placement = w.published(need, offer, status=PlacementStatus.PENDING)
    base = f"/association/hebergement/{campaign.slug}"
    both = [f"{base}/", f"{base}/pratique/", f"{base}/propositions/{placement.pk}/"]
    pages = {
        guest_user: [
            *both,
            f"{base}/sejours/nouveau/",
            f"{base}/sejours/{need.pk}/",
            f"{base}/sejours/{need.pk}/retirer/",
        ],
        host_user: [
            *both,
            f"{base}/offres/nouvelle/",
            f"{base}/offres/{offer.pk}/",
            f"{base}/offres/{offer.pk}/retirer/",
        ],
    }
    problems = []
    for user, paths in pages.items():
        phone.context.clear_cookies()
        sign_in(phone, user.email, PASSWORD)
        for path in paths:
            response = phone.goto(path)
            if response.status != 200:
                problems.append(f"{path}: {response.status}")
                continue
            if phone.locator("h1").count() != 1:
                problems.append(f"{path}: {phone.locator('h1').count()} <h1>")
            if not no_horizontal_scroll(phone):
                problems.append(f"{path}: défile de côté")
            problems += [f"{path}: {v}" for v in axe_violations(phone)]
    assert problems == []

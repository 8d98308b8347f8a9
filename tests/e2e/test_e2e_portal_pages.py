"""Every page of the referent's portal, on a phone (390 × 844), for an association with an accepted
pack, named and grouped, after a published wave: each opens (200), has its title (<h1>), passes
axe-core and never scrolls sideways."""

import io
import re

import pytest
from pypdf import PdfReader

from billetterie.allocation.models import RunStatus
from billetterie.offers.waves import wave_publish, wave_run_start
from tests import factories as f
from tests.conftest import PASSWORD
from tests.delivery.leader_world import named_group
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

P = "/association"
C = "essai-2024"
PAGES = [
    f"{P}/",
    f"{P}/propositions/",
    f"{P}/pourquoi-ces-lots/{C}/",
    f"{P}/beneficiaires/",
    f"{P}/beneficiaires/{C}/",
    f"{P}/beneficiaires/{C}/remise/",
    f"{P}/beneficiaires/{C}/presence/",
    f"{P}/jeu-concours/",
    f"{P}/jeu-concours/{C}/",
    f"{P}/exports/",
    f"{P}/exports/{C}/",
    f"{P}/aide/",
]


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


def test_every_portal_page_reads_on_a_phone(
    phone, campaign, association, other_association, referent_user, operator_user
):
    f.application(
        campaign=campaign, association=association, youth=9, supervisors=3, cities=("Paris",)
    )
    f.application(
        campaign=campaign, association=other_association, youth=6, supervisors=2, cities=("Paris",)
    )
    for size in (8, 4):
        f.pack(campaign=campaign, size=size, city="Paris", reference=f"LOT-PAR-{size}")
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    wave_publish(run=run, actor=operator_user)
    named_group(campaign, association, name="Les Aigles", size=4)

    page = phone
    sign_in(page, referent_user.email, PASSWORD)
    problems = []
    for path in PAGES:
        response = page.goto(path)
        if response.status != 200:
            problems.append(f"{path}: {response.status}")
            continue
        if page.locator("h1").count() != 1:
            problems.append(f"{path}: {page.locator('h1').count()} <h1>")
        if not no_horizontal_scroll(page):
            problems.append(f"{path}: défile de côté")
        problems += [f"{path}: {v}" for v in axe_violations(page)]
    assert problems == []

    page.goto(f"{P}/beneficiaires/{C}/")
    assert "Les Aigles" in page.locator("main").inner_text()
    assert page.get_by_text(re.compile(r"^Lot : ")).count() == 1  # one pack: « Lot », not « Lots »

    body = page.request.get(f"{P}/pourquoi-ces-lots/{C}/explication.pdf")
    assert body.status == 200 and body.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(body.body())).pages)
    assert association.name in re.sub(r"\s+", " ", text)

"""« Pourquoi ces lots ? » as a referent lives it: from the offers page to the explanation, read on
a phone, checked by axe-core, and downloaded as a PDF that names the association's real figures."""

import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from billetterie.allocation.models import RunStatus
from billetterie.offers.waves import wave_publish, wave_run_start
from tests import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def shot(page, name):
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def test_the_referent_reads_and_downloads_their_explanation(
    phone_page, campaign, association, other_association, referent_user, operator_user
):
    f.application(
        campaign=campaign,
        association=association,
        youth=9,
        supervisors=3,
        cities=("Paris", "Lille"),
        received="2024-02-12",
    )
    f.application(
        campaign=campaign, association=other_association, youth=6, supervisors=2, cities=("Lille",)
    )
    for size, city in [(8, "Paris"), (4, "Paris"), (8, "Lille")]:
        f.pack(campaign=campaign, size=size, city=city, reference=f"LOT-{city[:3].upper()}-{size}")
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    wave_publish(run=run, actor=operator_user)

    page = phone_page
    sign_in(page, referent_user.email, PASSWORD)
    page.goto("/association/propositions/")
    page.get_by_role("link", name=re.compile("Pourquoi ces lots ?")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Pourquoi ces lots ?", level=1).is_visible()
    body = page.locator("main").inner_text()
    assert "votre candidature du 12 février 2024 demande 12 billets" in body
    assert other_association.name not in body
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    shot(page, "explanation-phone")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger cette explication (PDF)").click()
    content = Path(download.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = re.sub(r"\s+", " ", text.replace("\u202f", " "))
    assert association.name in text and "12 février 2024" in text
    assert other_association.name not in text

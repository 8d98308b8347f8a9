"""The « Exports » pages in the browser: an export asked, ready, downloaded; axe-core clean; the
referent's page fits a phone."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from billetterie.accounts.models import User
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.reporting.build import export_job_run
from billetterie.reporting.models import ExportJob, ExportStatus
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SHOTS = "/tmp/wt-r-exports-shots"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", "--force", verbosity=0)


def test_operator_exports_a_list(page, demo):
    sign_in(page, "operateur@demo.billetterie.fr", DEMO_PASSWORD)
    page.goto("/gestion/campagnes/cnape-2024/exports/")
    assert axe_violations(page) == []
    page.locator("form:has(input[value='packs'])").get_by_role("button").first.click()
    link = page.get_by_role("link", name="Télécharger l'export n°")
    link.wait_for()
    page.screenshot(path=f"{SHOTS}/operator.png", full_page=True)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.startswith("lots-cnape-2024-")


def test_referent_exports_fit_a_phone(phone_page, demo):
    sign_in(phone_page, "referent1@demo.billetterie.fr", DEMO_PASSWORD)
    phone_page.goto("/association/exports/")
    assert "/association/exports/cnape-2024/" in phone_page.url
    phone_page.locator("form:has(input[value='applications'])").get_by_role("button").last.click()
    phone_page.get_by_role("link", name="Télécharger l'export n°").wait_for()
    phone_page.screenshot(path=f"{SHOTS}/referent-phone.png", full_page=True)
    assert axe_violations(phone_page) == []
    assert no_horizontal_scroll(phone_page)


def test_a_running_export_updates_in_place_without_reloading_the_page(page, demo):
    """While a job runs, « Mes exports » is fetched again and replaced in place (no meta refresh
    under the reader, which axe-core forbids); once the job is done, the link appears."""
    operator = User.objects.get(email="operateur@demo.billetterie.fr")
    campaign = Campaign.objects.get(slug="cnape-2024")
    job = ExportJob.objects.create(
        campaign=campaign,
        kind="packs",
        file_format="csv",
        status=ExportStatus.QUEUED,
        requested_by=operator,
        requested_at=clock.now(),
    )
    sign_in(page, operator.email, DEMO_PASSWORD)
    page.goto("/gestion/campagnes/cnape-2024/exports/")
    row = page.get_by_role("row").filter(has_text=f"Export n° {job.pk}")
    expect(row).to_contain_text("En attente")
    assert axe_violations(page) == []
    page.evaluate("window.__same_page = true")
    export_job_run(job_id=job.pk)  # the worker finishes it meanwhile
    expect(page.get_by_role("link", name=f"Télécharger l'export n° {job.pk}")).to_be_visible()
    assert page.evaluate("window.__same_page === true")  # replaced in place, not reloaded

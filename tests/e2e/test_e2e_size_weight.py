"""The run page's honest comparison and size-weight preview in a real browser: axe-core clean,
on a computer and on a phone."""

import pytest

from billetterie.offers.waves import wave_run_start
from billetterie.reporting.models import PreviewStatus, SizeWeightPreview
from tests import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def run(campaign, make_association, operator_user):
    for name, youth, supervisors in (
        ("Les Lucioles", 24, 6),
        ("Horizon", 9, 3),
        ("Le Phare", 3, 1),
    ):
        f.application(
            campaign=campaign,
            association=make_association(name=name),
            youth=youth,
            supervisors=supervisors,
        )
    for size in (8, 6, 4, 4, 2):
        f.pack(campaign=campaign, size=size, day="2024-07-27")
    # The tests' task backend is immediate: the run is computed once its transaction commits.
    return wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)


def test_the_operator_reads_the_comparison_and_tries_other_alphas(page, run, operator_user):
    sign_in(page, operator_user.email, PASSWORD)
    page.goto(f"/gestion/campagnes/{run.campaign.slug}/attribution/{run.number}/")
    page.get_by_role("heading", name="Comparaison avec d'autres façons de répartir").wait_for()
    assert page.get_by_role("table", name="Comparaison des méthodes").is_visible()
    assert "Face à « Au plus mal servi d'abord »" in page.locator("ul.tradeoffs").first.inner_text()
    assert axe_violations(page) == []

    field = page.get_by_label("Valeurs de α à essayer")
    assert field.input_value() == "0 ; 0,5 ; 1"
    field.fill("0 ; 1")
    page.get_by_role("button", name="Lancer l'essai en tâche de fond").click()
    page.wait_for_load_state()
    assert SizeWeightPreview.objects.get().status == PreviewStatus.DONE
    table = page.get_by_role("table", name="Cette vague avec plusieurs valeurs de α")
    table.wait_for()
    assert table.get_by_role("row").count() == 4  # header, α = 0, 0,5 and 1
    assert (
        "Face à « α = 0,5, la valeur de ce calcul », α = 0 "
        in page.locator("ul.tradeoffs").last.inner_text()
    )
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/run-size-weight.png", full_page=True)


def test_the_comparison_reads_on_a_phone(phone_page, run, operator_user):
    sign_in(phone_page, operator_user.email, PASSWORD)
    phone_page.goto(f"/gestion/campagnes/{run.campaign.slug}/attribution/{run.number}/")
    phone_page.get_by_role("heading", name="Essayer d'autres valeurs de α").wait_for()
    assert no_horizontal_scroll(phone_page)
    assert axe_violations(phone_page) == []
    phone_page.screenshot(path="/tmp/run-size-weight-phone.png", full_page=True)

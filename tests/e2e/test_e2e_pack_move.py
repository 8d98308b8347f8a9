"""Moving a pack by hand in a real browser: from the run page to the picker, a search and a
filter with the keyboard, a pack chosen, a refusal that keeps every choice, then the move and its
message; axe-core clean and no horizontal scroll at 390 × 844. Screenshots (desktop and phone)
when E2E_SHOTS names a folder (never in CI)."""

import os
from pathlib import Path

import pytest

from billetterie.allocation.models import AllocationRun, RunAssignment, RunStatus
from billetterie.catalogue.models import Session
from billetterie.core import clock
from billetterie.offers.waves import campaign_instance
from tests import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def shot(page, name):
    """Desktop and phone screenshots, when E2E_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("E2E_SHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=f"{folder}/{name}-bureau.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=f"{folder}/{name}-telephone.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def check_page(page, name):
    """axe-core clean on the desktop and at 390 px, no horizontal scroll there, screenshots."""
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert no_horizontal_scroll(page), f"défilement horizontal à 390 px : {page.url}"
    assert axe_violations(page) == [], f"{page.url} à 390 px"
    page.set_viewport_size(DESKTOP)
    shot(page, name)


def _pack(campaign, *, sport, city, day, size):
    pack = f.pack(campaign=campaign, size=size, city=city, day=day)
    Session.objects.filter(pk=pack.session_id).update(sport=sport)
    return pack


@pytest.fixture
def scene(campaign, association, other_association, operator_user):
    """A run ready to review (its proposal set here): the Essonne association (Paris, 12 tickets)
    holds the Paris judo pack of 8, the Lille one (Lille then Paris, 16) the handball pack."""
    f.application(
        campaign=campaign, association=association, youth=9, supervisors=3, cities=("Paris",)
    )
    f.application(
        campaign=campaign,
        association=other_association,
        youth=12,
        supervisors=4,
        cities=("Lille", "Paris"),
    )
    judo_8 = _pack(campaign, sport="Judo", city="Paris", day="2024-07-27", size=8)
    judo_4 = _pack(campaign, sport="Judo", city="Paris", day="2024-07-28", size=4)
    handball = _pack(campaign, sport="Handball", city="Lille", day="2024-07-30", size=8)
    for day in range(1, 31):  # enough packs for two pages
        _pack(campaign, sport="Voile", city="Marseille", day=f"2024-08-{day % 9 + 1:02d}", size=6)
    run = AllocationRun.objects.create(
        campaign=campaign,
        number=1,
        status=RunStatus.READY,
        instance=campaign_instance(campaign=campaign),
        metrics={},
        created_at=clock.now(),
        created_by=operator_user,
    )
    RunAssignment.objects.create(run=run, pack=judo_8, association=association)
    RunAssignment.objects.create(run=run, pack=handball, association=other_association)
    return {
        "campaign": campaign,
        "run": run,
        "essonne": association,
        "judo_4": judo_4,
        "handball": handball,
    }


def test_the_operator_finds_a_pack_and_moves_it(browser, live_server, scene, operator_user):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, operator_user.email, PASSWORD)
    campaign, run = scene["campaign"], scene["run"]
    page.goto(f"/gestion/campagnes/{campaign.slug}/attribution/{run.number}/")
    page.get_by_role("link", name="Chercher un lot à déplacer").click()
    page.get_by_role("heading", name="Déplacer un lot à la main — calcul n° 1").wait_for()
    table = page.get_by_role("table")
    assert "33 lots, par date — page 1 sur 2" in table.locator("caption").inner_text()
    check_page(page, "deplacer-liste")

    # A sport chosen in its list (nothing is sent on a change), a word typed, Enter.
    page.get_by_label("Sport").select_option("Judo")
    assert "sport=" not in page.url
    page.get_by_label("Rechercher").fill("judo")
    page.get_by_label("Rechercher").press("Enter")
    page.wait_for_load_state()
    assert "sport=Judo" in page.url and "q=judo" in page.url
    assert table.locator("tbody tr").count() == 2

    # The pack nobody holds is chosen: its facts, then who may take it.
    reference = scene["judo_4"].reference
    choose = page.get_by_role("link", name=f"Choisir le lot {reference}")
    choose.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_role("heading", name=f"Déplacer le lot {reference}").wait_for()
    assert page.evaluate("location.hash") == "#deplacement"
    panel = page.locator("section.move-panel")
    assert "dimanche 28 juillet 2024" in panel.inner_text()
    association = page.get_by_label("Nouvelle association")
    association.select_option(
        label="Sauvegarde de l'Essonne — a 8 billets JO pour une demande restante de 12"
    )

    # Sent without a reason: refused, the choice kept, the field named.
    page.get_by_role("button", name=f"Déplacer le lot {reference}").click()
    page.wait_for_load_state()
    alert = page.get_by_role("alert")
    assert "Motif : Indiquez le motif du déplacement." in alert.inner_text()
    assert association.input_value() == str(scene["essonne"].pk)
    assert page.get_by_label("Sport").input_value() == "Judo"
    check_page(page, "deplacer-erreur")

    # With a reason: moved, said, and back to the same filtered list.
    page.get_by_label("Motif").fill("Demande du référent")
    page.get_by_role("button", name=f"Déplacer le lot {reference}").click()
    page.wait_for_load_state()
    said = page.get_by_role("status").inner_text()
    assert (
        f"Le lot {reference} (Judo, dimanche 28 juillet 2024, Paris, 4 billets) n'était proposé "
        "à personne ; il est maintenant proposé à « Sauvegarde de l'Essonne »."
    ) in said
    assert page.get_by_label("Sport").input_value() == "Judo"
    row = table.get_by_role("row", name=reference)
    assert "Sauvegarde de l'Essonne" in row.inner_text() and "déplacé à la main" in row.inner_text()
    check_page(page, "deplacer-fait")
    assert RunAssignment.objects.get(run=run, pack=scene["judo_4"]).reason == "Demande du référent"
    context.close()


def test_the_picker_on_a_phone(browser, live_server, scene, operator_user):
    context = browser.new_context(
        locale="fr-FR", base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, operator_user.email, PASSWORD)
    campaign, run = scene["campaign"], scene["run"]
    handball = scene["handball"]
    page.goto(f"/gestion/campagnes/{campaign.slug}/attribution/{run.number}/deplacer/")
    page.get_by_role("link", name=f"Choisir le lot {handball.reference}").tap()
    page.get_by_role("heading", name=f"Déplacer le lot {handball.reference}").wait_for()
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    page.get_by_label("Nouvelle association").select_option(
        label="Sauvegarde de l'Essonne — n'a pas demandé la ville hôte Lille"
    )
    page.get_by_label("Motif").fill("Essai")
    page.get_by_role("button", name=f"Déplacer le lot {handball.reference}").tap()
    page.wait_for_load_state()
    assert "n'a pas demandé la ville hôte Lille" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Motif").input_value() == "Essai"
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/deplacer-refus-telephone.png", full_page=True)
    context.close()

"""One set of buttons in Chromium: primary, secondary and danger look different (a <button> and an
<a> alike, hover and focus included); publishing a wave goes through its confirmation; the
referent's application cards stay inside their boxes on a desktop. axe-core on every page visited;
screenshots at desktop and phone sizes when E2E_SHOTS names a folder."""

import os
import re

import pytest
from django.urls import reverse

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.offers.models import Offer
from billetterie.offers.waves import wave_publish, wave_run_start
from tests import factories as f
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

BRAND, WHITE, DANGER = "rgb(29, 63, 145)", "rgb(255, 255, 255)", "rgb(179, 38, 30)"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _shot(page, name: str) -> None:
    """A screenshot to look at, when E2E_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def _run_url(run) -> str:
    return reverse(
        "backoffice:run", kwargs={"campaign_slug": run.campaign.slug, "number": run.number}
    )


def _style(locator, prop: str) -> str:
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


@pytest.fixture
def run(campaign, association, other_association, referent_user, operator_user):
    # Long values on purpose: the cards must wrap them, not spill over the next card.
    cities = ("Paris", "Marseille", "Saint-Étienne", "Villeneuve-d'Ascq", "Nantes", "Lyon")
    for games in ("OG", "PG"):
        f.application(
            campaign=campaign,
            association=association,
            games=games,
            cities=cities,
            impossible=("2024-07-28", "2024-07-29", "2024-08-30", "2024-08-31"),
        )
    f.application(
        campaign=campaign, association=other_association, youth=6, supervisors=2, cities=("Paris",)
    )
    for size in (8, 4, 6):
        f.pack(campaign=campaign, size=size, city="Paris")
    run = wave_run_start(campaign=campaign, actor=operator_user, time_limit=10)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    return run


def test_buttons_differ_by_weight_and_publishing_is_confirmed(page, run, operator_user):
    sign_in(page, operator_user.email, PASSWORD)
    page.set_viewport_size(DESKTOP)
    page.goto(_run_url(run))
    publish = page.get_by_role("link", name="Publier la vague et prévenir les associations…")
    discard = page.get_by_role("link", name="Abandonner ce calcul…")
    trial = page.get_by_role("button", name=re.compile(r"^Lancer l'essai en tâche de fond"))
    assert _style(publish, "backgroundColor") == BRAND and _style(publish, "color") == WHITE
    # A secondary <a> and a secondary <button> look the same, and unlike the primary.
    assert _style(discard, "backgroundColor") == WHITE == _style(trial, "backgroundColor")
    assert _style(discard, "color") == _style(trial, "color") != WHITE
    # Focus by keyboard shows a ring (dark outline around a yellow one).
    publish.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert publish.evaluate("e => e === document.activeElement && e.matches(':focus-visible')")
    assert _style(publish, "outlineStyle") == "solid" and _style(publish, "boxShadow") != "none"
    _shot(page, "run-desktop")

    publish.click()
    page.get_by_role("heading", name=re.compile(r"^Publier le calcul n° \d+")).wait_for()
    assert axe_violations(page) == []
    said = page.locator("main").inner_text()
    assert "2 associations" in said and "référent" in said and "retourne dans le vivier" in said
    confirm = page.get_by_role("button", name=re.compile(r"^Publier \d+ propositions? et prévenir"))
    back = page.get_by_role("link", name="Revenir au calcul sans rien publier")
    assert _style(confirm, "backgroundColor") == BRAND and _style(back, "backgroundColor") == WHITE
    assert not Offer.objects.exists()  # nothing left before the confirmation
    _shot(page, "publish-desktop")
    page.set_viewport_size(PHONE)
    assert no_horizontal_scroll(page)
    _shot(page, "publish-phone")
    page.set_viewport_size(DESKTOP)
    confirm.click()
    assert "Vague publiée" in page.get_by_role("status").inner_text()
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.PUBLISHED
    assert Offer.objects.filter(run=run).exists()


def test_abandoning_is_a_danger_button_behind_its_confirmation(page, run, operator_user):
    sign_in(page, operator_user.email, PASSWORD)
    page.goto(_run_url(run))
    page.get_by_role("link", name="Abandonner ce calcul…").click()
    danger = page.get_by_role("button", name=f"Abandonner le calcul n° {run.number}")
    keep = page.get_by_role("link", name="Garder ce calcul")
    assert _style(danger, "backgroundColor") == DANGER and _style(danger, "color") == WHITE
    assert _style(keep, "backgroundColor") == WHITE
    danger.hover()
    assert _style(danger, "backgroundColor") == "rgb(140, 29, 23)"  # hover: a darker red
    assert axe_violations(page) == []
    _shot(page, "discard-desktop")
    keep.click()
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.READY


def test_the_referent_home_cards_keep_their_values_inside(
    browser, live_server, run, referent_user, operator_user
):
    wave_publish(run=run, actor=operator_user)
    for name, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(locale="fr-FR", base_url=live_server.url, viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, referent_user.email, PASSWORD)
        page.goto("/association/")
        cards = page.locator("li.card").filter(
            has=page.get_by_role("heading", name=re.compile("^Candidature"))
        )
        assert cards.count() == 2
        spilled = page.evaluate(
            """() => [...document.querySelectorAll('li.card')].flatMap(card => {
                const box = card.getBoundingClientRect();
                return [...card.querySelectorAll('dt, dd, p, h3')]
                  .filter(e => { const r = e.getBoundingClientRect();
                    return r.left < box.left - 1 || r.right > box.right + 1; })
                  .map(e => e.textContent.trim().slice(0, 40));
            })"""
        )
        assert spilled == [], name
        boxes = [cards.nth(i).bounding_box() for i in range(2)]
        if name == "desktop":  # side by side, not overlapping
            assert boxes[0]["y"] == boxes[1]["y"]
            assert boxes[0]["x"] + boxes[0]["width"] <= boxes[1]["x"]
        assert no_horizontal_scroll(page)
        assert axe_violations(page) == []
        _shot(page, f"referent-home-{name}")
        # The decline confirmation: a red button, a secondary way back.
        page.goto("/association/propositions/")
        page.get_by_role("link", name=re.compile(r"^Se désister du lot")).first.click()
        confirm = page.get_by_role("button", name=re.compile(r"^Confirmer le désistement"))
        assert _style(confirm, "backgroundColor") == DANGER
        assert "retourne dans le vivier" in page.locator("main").inner_text()
        assert axe_violations(page) == []
        _shot(page, f"decline-{name}")
        context.close()

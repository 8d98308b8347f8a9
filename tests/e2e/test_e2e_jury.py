"""The jury, as lived: two members sign in (one on a phone), each listens to an entry in the
browser — the sound really plays — and scores every entry; the president moves one entry with a
reason, reads the final order and closes; the names appear. Every jury page passes axe-core and
names no association before the close."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from billetterie.contest.models import Deliberation, Score
from billetterie.core import clock
from billetterie.outbox.models import Message
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in
from tests.jury.world import AFTER, contest_world

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path("/tmp/shots-jury")


@pytest.fixture(autouse=True)
def _after_the_window(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with clock.frozen_at(AFTER):
        yield


def _shot(page, name):
    if os.environ.get("E2E_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_names(page, names):
    html = page.content()
    leaked = [n for n in names if n in html or n.replace("'", "&#x27;") in html]
    assert leaked == [], page.url


def _play(page) -> dict:
    """Start the player (muted: no gesture in a test) and wait until the sound really advances."""
    page.evaluate("() => { const a = document.querySelector('audio'); a.muted = true; a.play(); }")
    page.wait_for_function(
        "() => { const a = document.querySelector('audio'); return a.currentTime > 0.3; }"
    )
    return page.evaluate(
        "() => { const a = document.querySelector('audio');"
        " return {ready: a.readyState, duration: a.duration, time: a.currentTime}; }"
    )


def _score_every_entry(page, names, marks):
    page.goto("/jury/")
    for emotion, clarity in marks:
        page.get_by_role("link", name=re.compile("^Écouter et noter le prochain")).click()
        _no_names(page, names)
        page.get_by_role("group", name=re.compile("^Émotion")).get_by_label(
            str(emotion), exact=True
        ).check()
        page.get_by_role("group", name=re.compile("^Clarté")).get_by_label(
            str(clarity), exact=True
        ).check()
        page.get_by_role("button", name=re.compile("^Enregistrer mes notes")).click()
        page.wait_for_load_state()
        page.goto("/jury/")


def test_two_members_listen_and_score_the_president_closes(browser, live_server, campaign):
    world = contest_world(campaign, entries=3, members=2)
    names = [e.participation.association.name for e in world["entries"]]
    president, member = world["jury"]

    # The member, on a phone.
    phone = browser.new_context(
        locale="fr-FR",
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    mpage = phone.new_page()
    mpage.set_default_timeout(15_000)
    sign_in(mpage, member.email, PASSWORD)
    expect(mpage).to_have_url(re.compile("/jury/$"))
    expect(mpage.get_by_text("0 enregistrement noté sur 3")).to_be_visible()
    assert axe_violations(mpage) == []
    assert no_horizontal_scroll(mpage)
    _no_names(mpage, names)
    _shot(mpage, "1-membre-accueil")

    mpage.get_by_role("link", name=re.compile("^Écouter et noter le prochain")).click()
    played = _play(mpage)
    assert played["ready"] >= 2 and 1.9 < played["duration"] < 2.1 and played["time"] > 0.3
    assert axe_violations(mpage) == []
    assert no_horizontal_scroll(mpage)
    _shot(mpage, "2-membre-ecoute-et-note")
    _score_every_entry(mpage, names, [(7, 3), (9, 5), (4, 2)])
    expect(mpage.get_by_text("3 enregistrements notés sur 3")).to_be_visible()

    # The president, on a computer.
    desk = browser.new_context(locale="fr-FR", base_url=live_server.url)
    ppage = desk.new_page()
    ppage.set_default_timeout(15_000)
    sign_in(ppage, president.email, PASSWORD)
    expect(ppage).to_have_url(re.compile("/jury/$"))
    ppage.get_by_role("link", name=re.compile("^Écouter et noter le prochain")).click()
    assert _play(ppage)["ready"] >= 2
    _score_every_entry(ppage, names, [(8, 4), (8, 5), (3, 1)])
    assert Score.objects.count() == 2 * 3 * 2

    ppage.get_by_role("link", name="Délibération", exact=True).click()
    assert axe_violations(ppage) == []
    _no_names(ppage, names)
    expect(ppage.get_by_role("cell", name="3 sur 3")).to_have_count(2)
    _shot(ppage, "3-president-deliberation")
    last = ppage.locator("table[aria-labelledby=classement] tbody tr").nth(2)
    last_label = last.locator("td").nth(2).inner_text()
    ppage.get_by_label("Enregistrement à déplacer").select_option(label=last_label)
    ppage.get_by_label("Monter d'une place").check()
    ppage.get_by_role("button", name="Déplacer l'enregistrement").click()
    expect(ppage.get_by_text("Écrivez le motif du déplacement")).to_be_visible()
    ppage.get_by_label("Enregistrement à déplacer").select_option(label=last_label)
    ppage.get_by_label("Monter d'une place").check()
    ppage.get_by_label("Motif du déplacement").fill("Les enfants y parlent de leur premier stade")
    ppage.get_by_role("button", name="Déplacer l'enregistrement").click()
    expect(ppage.get_by_text("Le classement est ajusté")).to_be_visible()

    ppage.get_by_role("link", name="Relire l'ordre final avant de clore").click()
    expect(ppage.get_by_text("Ce n'est pas réversible.")).to_be_visible()
    assert axe_violations(ppage) == []
    _no_names(ppage, names)
    _shot(ppage, "4-president-cloture")
    ppage.get_by_label(re.compile("^J'ai relu l'ordre final")).check()
    ppage.get_by_role("button", name=re.compile("^Clore la délibération et révéler")).click()
    expect(ppage.get_by_role("heading", name="Résultats du jeu-concours")).to_be_visible()
    for name in names:
        expect(ppage.get_by_role("cell", name=name)).to_be_visible()
    expect(ppage.get_by_text("Les enfants y parlent de leur premier stade")).to_be_visible()
    assert axe_violations(ppage) == []
    _shot(ppage, "5-resultats")

    deliberation = Deliberation.objects.get(campaign=campaign)
    assert deliberation.closed_at is not None and deliberation.ranking[1]["label"] == last_label
    assert Message.objects.filter(kind="contest.results").count() == 3

    # The member now sees the names too, and their notes are read-only.
    mpage.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Résultats"
    ).click()
    for name in names:
        expect(mpage.get_by_role("cell", name=name)).to_be_visible()
    assert no_horizontal_scroll(mpage)
    _shot(mpage, "6-membre-resultats")
    phone.close()
    desk.close()

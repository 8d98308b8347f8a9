"""The contest walked end to end on the demo, as a new user would (README « Le parcours dans la
démonstration », the contest steps): three associations send a real spoken recording (MP3, Ogg,
WAV, voiced by espeak-ng and encoded by sox) from a phone, a 75-second file and a text file named
`.mp3` are refused with their messages; after the window two jury members score every entry in
their own browser and one plays a sound; no jury page names an association before the close; the
president closes; the operator offers the prestige packs and the winner accepts its own.

The demo's referent1 (Nord) is not in the contest yet and confirms its participation first;
referent2 (La Réunion) and referent3 (Flandre) are in already."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from billetterie.contest.models import AwardStatus, Deliberation, Entry, PrestigeAward, Score
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from tests.contest.audio_samples import sox_encode, speech_encode
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
MEMBERS = ("jury@demo.billetterie.fr", "jury2@demo.billetterie.fr")
PRESIDENT = "presidente-jury@demo.billetterie.fr"
CAMPAIGN = "cnape-2024"
# Referent, its association, the recording it sends (text spoken, format), the marks it earns.
SENDERS = (
    (
        "referent1@demo.billetterie.fr",
        "Sauvegarde de l'enfance du Nord",
        ("Je me souviens de la course de mon grand frère au stade.", ".mp3"),
        6,
    ),
    (
        "referent2@demo.billetterie.fr",
        "Sauvegarde de l'enfance de La Réunion",
        ("Je me souviens du match de basket avec les éducateurs.", ".ogg"),
        9,
    ),
    (
        "referent3@demo.billetterie.fr",
        "Les Maisons d'enfants de Flandre",
        ("Je me souviens de ma première fois à la piscine.", ".wav"),
        4,
    ),
)
CRITERIA = ("Parole des enfants", "Émotion", "Récit", "Écoute")


def shot(page, name):
    """A screenshot to look at, when E2E_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def axe_clean(page):
    assert axe_violations(page) == [], page.url


def names_absent(page, names):
    html = page.content()
    leaked = [n for n in names if n in html or n.replace("'", "&#x27;") in html]
    assert leaked == [], (page.url, leaked)


@pytest.fixture
def demo(settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    call_command("load_demo", "--force", verbosity=0)


def _context(browser, live_server, *, phone=False):
    options = {"locale": "fr-FR", "base_url": live_server.url}
    if phone:
        options |= {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    context = browser.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _send(page, path):
    page.get_by_label("Enregistrement audio").set_input_files(str(path))
    page.get_by_label(re.compile("^J'atteste que les représentants légaux")).check()
    page.get_by_role("button", name="Déposer l'enregistrement").click()


def _play(page):
    """Start the player (muted: no gesture in a test) and wait until the sound really advances."""
    page.evaluate("() => { const a = document.querySelector('audio'); a.muted = true; a.play(); }")
    page.wait_for_function(
        "() => { const a = document.querySelector('audio');"
        " return a.readyState >= 2 && a.currentTime > 0.3; }"
    )


def test_three_entries_the_jury_scores_the_president_closes_a_winner_accepts(
    browser, live_server, demo, tmp_path
):
    everyone = list(Association.objects.values_list("name", flat=True))
    files = tmp_path / "sons"
    files.mkdir()
    long_file = files / "souvenirs-longs.mp3"
    long_file.write_bytes(sox_encode(75, ".mp3"))
    text_file = files / "texte.mp3"
    text_file.write_text("Ce n'est pas un son, juste un texte renommé.\n")

    # --- 1. In the entry window, three referents send their recording from a phone.
    call_command("set_clock", "2024-03-25")
    for n, (email, _association, (text, suffix), _marks) in enumerate(SENDERS, start=1):
        recording = files / f"souvenir-{n}{suffix}"
        recording.write_bytes(speech_encode(text, suffix))
        context, phone = _context(browser, live_server, phone=True)
        sign_in(phone, email, DEMO_PASSWORD)
        phone.get_by_role("link", name="Jeu-concours").click()
        expect(phone.get_by_role("heading", level=1)).to_contain_text("La parole aux petits")
        if n == 1:  # Not in the contest yet: it takes part first, with its group's size.
            phone.get_by_label(re.compile("^Taille du groupe")).fill("9")
            phone.get_by_role("button", name="Nous participons").click()
            expect(phone.locator(".messages")).to_contain_text("votre association participe")
            axe_clean(phone)
            shot(phone, "01-referent-participe")
            _send(phone, long_file)
            expect(phone.get_by_text("la durée maximale est de 60 secondes")).to_be_visible()
            shot(phone, "02-referent-75-secondes-refuse")
            _send(phone, text_file)
            expect(
                phone.get_by_text(
                    "Le fichier « texte.mp3 » n'est pas un enregistrement audio lisible"
                )
            ).to_be_visible()
            axe_clean(phone)
            shot(phone, "03-referent-texte-refuse")
        _send(phone, recording)
        expect(phone.locator(".messages")).to_contain_text("Votre enregistrement est déposé")
        expect(phone.locator("audio")).to_have_count(1)
        assert no_horizontal_scroll(phone)
        axe_clean(phone)
        shot(phone, f"04-referent{n}-depose")
        context.close()
    entries = {
        e.participation.association.name: e
        for e in Entry.objects.select_related("participation__association")
    }
    assert set(entries) == {association for _, association, *_ in SENDERS}
    assert sorted(e.content_type for e in entries.values()) == [
        "audio/mpeg",
        "audio/ogg",
        "audio/wav",
    ]
    marks_of = {entries[association].label: marks for _, association, _, marks in SENDERS}

    # --- 2. After the window, two jury members score every entry, each in their own browser.
    call_command("set_clock", "2024-04-15")
    for n, email in enumerate(MEMBERS, start=1):
        context, page = _context(browser, live_server, phone=n == 2)
        sign_in(page, email, DEMO_PASSWORD)
        expect(page).to_have_url(re.compile("/jury/$"))
        expect(page.get_by_text("0 enregistrement noté sur 3")).to_be_visible()
        names_absent(page, everyone)
        axe_clean(page)
        shot(page, f"05-jure{n}-accueil")
        for scored in range(3):
            page.get_by_role("link", name=re.compile("^Écouter et noter le prochain")).click()
            label = page.get_by_role("heading", level=1).inner_text()
            names_absent(page, everyone)
            if scored == 0:
                if n == 1:
                    _play(page)
                axe_clean(page)
                shot(page, f"06-jure{n}-ecoute")
            for criterion in CRITERIA:
                page.get_by_role("group", name=re.compile(f"^{criterion}")).get_by_label(
                    str(marks_of[label] + n - 1), exact=True
                ).check()
            page.get_by_role("button", name=re.compile("^Enregistrer mes notes")).click()
            expect(page.locator(".messages")).to_contain_text(f"Vos notes de « {label} »")
            page.goto("/jury/")
        expect(page.get_by_text("3 enregistrements notés sur 3")).to_be_visible()
        expect(page.get_by_text("Vous avez noté tous les enregistrements.")).to_be_visible()
        names_absent(page, everyone)
        axe_clean(page)
        shot(page, f"07-jure{n}-fini")
        context.close()
    assert Score.objects.count() == 2 * 3 * len(CRITERIA)

    # --- 3. The president reads the deliberation and closes it; the names appear.
    context, page = _context(browser, live_server)
    sign_in(page, PRESIDENT, DEMO_PASSWORD)
    page.get_by_role(
        "link", name=re.compile("suivre l'avancement des membres et délibérer")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Délibération du jury")
    expect(page.get_by_role("cell", name="3 sur 3")).to_have_count(2)
    names_absent(page, everyone)
    axe_clean(page)
    shot(page, "08-presidente-deliberation")
    page.get_by_role("link", name="Relire l'ordre final avant de clore").click()
    expect(page.get_by_text("Ce n'est pas réversible.")).to_be_visible()
    names_absent(page, everyone)
    axe_clean(page)
    shot(page, "09-presidente-cloture")
    page.get_by_label(re.compile("^J'ai relu l'ordre final")).check()
    page.get_by_role("button", name=re.compile("^Clore la délibération et révéler")).click()
    expect(page.get_by_role("heading", name="Résultats du jeu-concours")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text("Sauvegarde de l'enfance de La Réunion")
    expect(rows.nth(1)).to_contain_text("Sauvegarde de l'enfance du Nord")
    expect(rows.nth(2)).to_contain_text("Les Maisons d'enfants de Flandre")
    axe_clean(page)
    shot(page, "10-resultats-jury")
    context.close()
    assert Deliberation.objects.get().closed_at is not None

    # --- 4. The operator reads the results, then offers the prestige packs.
    context, page = _context(browser, live_server)
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto(f"/gestion/campagnes/{CAMPAIGN}/jeu-concours/")
    page.get_by_role("link", name="l'avancement du jury et les résultats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeu-concours — résultats")
    axe_clean(page)
    shot(page, "11-operateur-resultats")
    page.get_by_role("link", name=re.compile("^proposer les lots prestige aux lauréats")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lots prestige du jeu-concours")
    axe_clean(page)
    page.get_by_role("link", name=re.compile("^Proposer les lots prestige aux lauréats")).click()
    preview = page.get_by_role("table")
    expect(preview).to_contain_text("Sauvegarde de l'enfance de La Réunion")
    axe_clean(page)
    shot(page, "12-operateur-apercu-prestige")
    page.get_by_role("button", name="Proposer ces 3 lots prestige aux lauréats").click()
    expect(page.locator(".messages")).to_contain_text("3 lots prestige")
    axe_clean(page)
    shot(page, "13-operateur-prestige-proposes")
    context.close()

    # --- 5. The winner accepts its prestige pack on its phone.
    award = PrestigeAward.objects.select_related("pack").get(rank=1)
    reference = award.pack.reference
    context, phone = _context(browser, live_server, phone=True)
    sign_in(phone, SENDERS[1][0], DEMO_PASSWORD)
    phone.get_by_role("link", name="Jeu-concours").click()
    result = phone.get_by_role("region", name="Le résultat du jury")
    expect(result).to_contain_text("classé 1er sur 3")
    expect(result).to_contain_text(f"le lot {reference}")
    axe_clean(phone)
    shot(phone, "14-laureat-resultat")
    result.get_by_role("link", name=re.compile("^Répondre dans « Propositions de lots »")).click()
    expect(phone.get_by_role("main")).to_contain_text("Lot prestige — jeu-concours")
    assert no_horizontal_scroll(phone)
    axe_clean(phone)
    shot(phone, "15-laureat-propositions")
    phone.get_by_role("link", name=f"Accepter le lot {reference}").click()
    phone.get_by_role("checkbox", name=f"conditions d'utilisation du lot {reference}").check()
    phone.get_by_role("button", name=f"Accepter le lot {reference}").click()
    expect(phone.locator(".messages")).to_contain_text(f"Le lot {reference} est accepté")
    axe_clean(phone)
    shot(phone, "16-laureat-accepte")
    context.close()
    award.refresh_from_db()
    assert award.status == AwardStatus.ACCEPTED
    assert Offer.objects.get(pk=award.offer_id).status == OfferStatus.ACCEPTED

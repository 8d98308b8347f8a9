"""Lodging walked end to end on the demo, as a new user would (issue 14, first « Done when »).

The demo holds three hosts of Île-de-France with their offers and five far associations with
their stays; referent2 (La Réunion) declares the sixth stay through the form; the operator looks
at the travel times (far flag, a correction), runs the matching (the tests' task backend runs it
at once) and publishes through the confirmation page. Before any answer, every lodging page of
both sides is searched: neither shows the other's contact name, phone, e-mail or street address.
referent2 accepts, the host accepts; then each sees the other's contacts.

The main pages are checked with axe-core and for horizontal scroll at 390 px; screenshots
(desktop and 390 × 844) are taken when E2E_SHOTS names a folder (never in CI)."""

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.lodging.models import Placement, PlacementStatus
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
REFERENT = "referent2@demo.billetterie.fr"
HOST = "hote3@demo.billetterie.fr"  # the Créteil centre: where the matching places referent2
CAMPAIGN = "cnape-2024"
PORTAL_LODGING = "/association/hebergement/"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# What referent2 types for its group's contact (fictitious).
GUEST_CONTACT = {
    "name": "Jessica Grondin",
    "phone": "01 99 00 41 10",
    "email": "hebergement.reunion@demo.billetterie.fr",
}
# The host's contact and street address, from the demo's offer (demo/lodging.py).
HOST_CONTACT = {
    "name": "Aïcha Diallo",
    "phone": "01 99 00 31 03",
    "email": "bords-de-marne@demo.billetterie.fr",
    "address": "21 quai des Saules",
}


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
    """axe-core clean on the desktop, no horizontal scroll at 390 px, then the screenshots."""
    assert axe_violations(page) == [], page.url
    page.set_viewport_size(PHONE)
    assert no_horizontal_scroll(page), f"défilement horizontal à 390 px : {page.url}"
    page.set_viewport_size(DESKTOP)
    shot(page, name)


@pytest.fixture
def demo(settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    call_command("load_demo", "--force", verbosity=0)


def _person(browser, live_server, email):
    context = browser.new_context(locale="fr-FR", base_url=live_server.url, viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, email, DEMO_PASSWORD)
    return context, page


def _lodging_pages(page) -> list[str]:
    """Every portal lodging page reachable from the association's lodging page (its links)."""
    page.goto(PORTAL_LODGING)
    seen, todo = [], [urlparse(page.url).path]
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.append(path)
        page.goto(path)
        for href in page.locator("main a[href]").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            target = urlparse(href).path
            if target.startswith(PORTAL_LODGING) and target not in seen:
                todo.append(target)
    return seen


def _html_of(page, path) -> str:
    page.goto(path)
    html = page.content()
    return html + "\n" + re.sub(r"[\s\u00a0\u202f.]", "", html)  # phones written any way


def _absent(page, pages, contact, who):
    for path in pages:
        html = _html_of(page, path)
        for key, value in contact.items():
            assert value not in html, f"{who} voit « {key} » de l'autre avant l'accord : {path}"
            if key == "phone":
                assert value.replace(" ", "") not in html, f"{who} voit le téléphone : {path}"
                assert "+33" + value.replace(" ", "")[1:] not in html, path


def _present(page, path, contact):
    page.goto(path)
    main = page.get_by_role("main")
    for value in contact.values():
        expect(main).to_contain_text(value)


def test_lodging_walk_from_the_need_to_both_acceptances(browser, live_server, demo):
    # --- 1. referent2 declares its stay through the form.
    guest_context, guest = _person(browser, live_server, REFERENT)
    guest.get_by_role("navigation").get_by_role("link", name="Hébergement").first.click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("Hébergement en Île-de-France")
    guest_home = urlparse(guest.url).path
    check_page(guest, "01-referent-hebergement")
    guest.get_by_role("link", name="Déclarer un séjour à héberger").click()
    nights = guest.get_by_role("checkbox")
    # The nights offered are the eve and the evening of its packs' sessions (27 July, Paris).
    expect(nights).to_have_count(2)
    expect(guest.get_by_text(re.compile(r"veille de Skateboard\b.*, 27 juillet"))).to_be_visible()
    check_page(guest, "02-referent-declarer-sejour")
    nights.nth(0).check()
    nights.nth(1).check()
    for label, value in (
        ("Nombre de jeunes", "6"),
        ("Âge du plus jeune", "10"),
        ("Âge du plus âgé", "14"),
        ("Dont filles", "3"),
        ("Dont garçons", "3"),
        ("Nombre d'encadrants", "2"),
        ("Personnes en fauteuil roulant", "0"),
        ("Personne à contacter", GUEST_CONTACT["name"]),
        ("Téléphone", GUEST_CONTACT["phone"]),
        ("Adresse e-mail", GUEST_CONTACT["email"]),
    ):
        guest.get_by_label(re.compile(f"^{re.escape(label)}")).fill(value)
    guest.get_by_role("button", name="Déclarer ce séjour").click()
    expect(guest.get_by_role("status")).to_contain_text("Votre séjour à héberger est déclaré.")
    expect(guest.get_by_role("heading", name="2 nuits, du 26 au 28 juillet")).to_be_visible()

    # --- 2. The operator: lodging home, travel times (far flag, a correction), the matching.
    operator_context, operator = _person(browser, live_server, OPERATOR)
    operator.goto(f"/gestion/campagnes/{CAMPAIGN}/")
    operator.get_by_role("main").get_by_role("link", name="Temps de trajet").click()
    row = operator.get_by_role("row").filter(has_text="Sauvegarde de l'enfance de La Réunion")
    expect(row).to_contain_text("éloignée")
    expect(row).to_contain_text("déclarés")
    check_page(operator, "03-operateur-temps-de-trajet")
    row.get_by_role("link", name=re.compile("^Corriger le temps")).click()
    operator.get_by_label("Temps de trajet jusqu'à Paris").fill("13 h 30")
    operator.get_by_label("Motif de la correction").fill(
        "Vol de nuit Saint-Denis – Paris et trajet jusqu'à l'aéroport, confirmés par l'association"
    )
    operator.get_by_role("button", name="Enregistrer ce temps").click()
    row = operator.get_by_role("row").filter(has_text="Sauvegarde de l'enfance de La Réunion")
    expect(row).to_contain_text("corrigé")
    expect(row).to_contain_text("13 h 30")

    operator.goto(f"/gestion/campagnes/{CAMPAIGN}/")
    operator.get_by_role("main").get_by_role(
        "link", name=re.compile("^Hébergement en Île-de-France")
    ).click()
    expect(operator.get_by_role("main")).to_contain_text("6 besoins déclarés")
    check_page(operator, "04-operateur-hebergement")
    operator.get_by_role("link", name="Calculs de répartition").click()
    operator.get_by_role("button", name="Lancer un calcul").click()
    expect(operator.locator("[data-status-label]")).to_have_text("calculé")
    main = operator.get_by_role("main")
    expect(main).to_contain_text("114 / 114")
    expect(main).to_contain_text("98 personnes-nuits avec la méthode simple")
    expect(main).to_contain_text("Tous les groupes sont placés.")
    check_page(operator, "05-operateur-calcul")
    operator.get_by_role("link", name="Publier ces propositions…").click()
    expect(operator.get_by_role("main")).to_contain_text("6 propositions d'hébergement partent")
    check_page(operator, "06-operateur-publier")
    operator.get_by_role("button", name="Publier 6 propositions").click()
    expect(operator.locator("[data-status-label]")).to_have_text("publié")

    placement = Placement.objects.select_related("offer__association").get(
        need__association__name="Sauvegarde de l'enfance de La Réunion",
        status=PlacementStatus.PENDING,
    )
    assert placement.offer.place_name == "Centre des Bords de Marne"
    proposal = f"/association/hebergement/{CAMPAIGN}/propositions/{placement.pk}/"

    # --- 3. Before any answer: neither side's pages show the other's contacts.
    host_context, host = _person(browser, live_server, HOST)
    guest_pages = _lodging_pages(guest)
    host_pages = _lodging_pages(host)
    assert proposal in guest_pages and proposal in host_pages
    assert len(guest_pages) >= 5 and len(host_pages) >= 5
    guest_secret = {**GUEST_CONTACT, "referent": "Nadia Hoarau", "account": REFERENT}
    _absent(guest, guest_pages, HOST_CONTACT, "referent2")
    _absent(host, host_pages, guest_secret, "l'hébergeur")

    # --- 4. referent2 accepts: still nothing shown on either side.
    guest.goto(guest_home)
    guest.get_by_role("link", name="Voir et répondre à cette proposition").click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("Un lieu proposé à votre groupe")
    check_page(guest, "07-referent-proposition")
    guest.get_by_label("J'accepte cette proposition").check()
    guest.get_by_role("button", name="Envoyer ma réponse").click()
    expect(guest.get_by_role("main")).to_contain_text("l'autre association n'a pas encore répondu")
    _absent(guest, [proposal], HOST_CONTACT, "referent2")
    _absent(host, [proposal], guest_secret, "l'hébergeur")

    # --- 5. The host accepts: each now sees the other's contacts.
    host.goto(proposal)
    expect(host.get_by_role("heading", level=1)).to_have_text("Un groupe proposé dans votre lieu")
    check_page(host, "08-hebergeur-proposition")
    host.get_by_label("J'accepte cette proposition").check()
    host.get_by_role("button", name="Envoyer ma réponse").click()
    expect(host.get_by_role("main")).to_contain_text("Acceptée des deux côtés")
    _present(host, proposal, GUEST_CONTACT)
    shot(host, "09-hebergeur-coordonnees")
    _present(guest, proposal, HOST_CONTACT)
    check_page(guest, "10-referent-coordonnees")
    for context in (guest_context, operator_context, host_context):
        context.close()

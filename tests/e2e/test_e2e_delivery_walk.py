"""The delivery of tickets walked end to end on the demo, as a new user would, with the real pages
and services: the operator exports the nominative list, downloads the list of accepted packs,
fills in the links as the ticket office would and imports it, then sends them; the group leader
opens the link of the real message on a phone (390 × 844), with no account, and confirms; a name
change asked by the referent and approved by the operator is the only row of the next « changes »
export; after the session the referent files the attendance and the operator sees it.

The demo's La Réunion association (referent2) has its two OG packs accepted, named and sent: the
walk starts where the README's steps 7 onward start."""

import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from billetterie.attendees.models import Holder
from billetterie.delivery.models import AttendanceReport, LeaderAccess
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.outbox.models import Message
from tests.e2e.conftest import axe_violations, no_horizontal_scroll, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

OPERATOR = "operateur@demo.billetterie.fr"
REFERENT = "referent2@demo.billetterie.fr"
CAMPAIGN = "cnape-2024"
GROUP = "Les Tuit-tuit de Saint-Denis"


def shot(page, name):
    """A screenshot to look at, when E2E_SHOTS names a folder (never in CI)."""
    folder = os.environ.get("E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def axe_clean(page):
    assert axe_violations(page) == [], page.url


@pytest.fixture
def demo(settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    call_command("load_demo", "--force", verbosity=0)


def _sheet(content: bytes, first_header: str):
    """The rows below the header row (the one starting with `first_header`), as lists."""
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.values]
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    return rows[start], [r for r in rows[start + 1 :] if any(v is not None for v in r)]


def _download(page, link_name) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def _campaign(page, link_name):
    page.goto(f"/gestion/campagnes/{CAMPAIGN}/")
    page.get_by_role("main").get_by_role("link", name=link_name).click()
    axe_clean(page)


def test_export_links_leader_name_change_and_attendance(page, browser, live_server, demo, tmp_path):
    # --- 1. The operator exports the full list for the ticket office.
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    _campaign(page, re.compile("^Export pour la billetterie"))
    page.get_by_role("button", name=re.compile("^Exporter la liste complète")).click()
    expect(page.get_by_role("status")).to_contain_text("Export n° 1 enregistré (8 lignes)")
    axe_clean(page)
    shot(page, "01-operateur-export")
    header, rows = _sheet(_download(page, "Télécharger l'export n° 1"), "Code de l'épreuve")
    assert len(rows) == 8
    col = {name: i for i, name in enumerate(header)}
    payet = [r for r in rows if r[col["Nom"]].upper() == "PAYET"]
    assert len(payet) == 1
    assert payet[0][col["Prénom"]] == "Mickaël"
    assert payet[0][col["Groupe"]] == GROUP
    assert payet[0][col["Portable du responsable"]] == "06 92 11 22 33"

    # --- 2. From the export page to the links: the list of accepted packs, filled, imported.
    page.get_by_role("main").get_by_role("link", name="Liens de téléchargement", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Liens de téléchargement")
    axe_clean(page)
    shot(page, "02-operateur-liens-avant")
    content = _download(page, "Télécharger la liste des lots acceptés (à envoyer à la billetterie)")
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if r[0].value == "Lot")
    assert [c.value for c in header_row[:3]] == ["Lot", "Billet", "Lien"]
    packs = [r for r in sheet.iter_rows(min_row=header_row[0].row + 1) if r[0].value]
    # referent2's two packs, and the six accepted by the far associations of the lodging stage.
    assert len(packs) == 8 and all(r[1].value is None and r[2].value is None for r in packs)
    assert {"JO-0024", "JO-0027"} <= {r[0].value for r in packs}
    for row in packs:  # what the ticket office does
        row[2].value = f"https://billetterie-officielle.example/recuperer/{row[0].value}"
    filled = tmp_path / "liens-billetterie.xlsx"
    book.save(filled)
    page.get_by_role("link", name="Importer le fichier des liens de la billetterie").click()
    page.get_by_label("Fichier à importer").set_input_files(str(filled))
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("8 créés")
    axe_clean(page)
    shot(page, "03-operateur-liens-importes")

    # --- 3. The operator sends each leader the link of their page.
    page.goto(f"/gestion/campagnes/{CAMPAIGN}/remise/")
    axe_clean(page)
    page.get_by_role(
        "link", name=re.compile("^Envoyer les billets aux responsables de groupe")
    ).click()
    expect(page.get_by_text("2 responsables de groupe recevront")).to_be_visible()
    axe_clean(page)
    shot(page, "04-operateur-envoi-apercu")
    page.get_by_role("button", name=re.compile("^Envoyer le lien")).click()
    expect(page.get_by_role("status")).to_contain_text("Lien envoyé aux responsables de 2 groupes")
    axe_clean(page)
    shot(page, "05-operateur-suivi")

    # --- 4. The leader opens the link of the real message, on a phone, with no account.
    mail = Message.objects.get(kind="delivery.leader_link", recipient="m.payet@demo.billetterie.fr")
    link = re.search(r"https?://\S+/responsable/\S+/", mail.body_text).group(0)
    assert link.startswith(live_server.url)
    sms = Message.objects.get(kind="delivery.leader_link_sms", body_text__contains=link)
    assert sms.recipient.startswith("+262")  # La Réunion
    phone = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    leader = phone.new_page()
    leader.set_default_timeout(10_000)
    leader.goto(link)
    expect(leader.get_by_role("heading", level=1)).to_have_text("Les billets de votre groupe")
    expect(leader.get_by_text("PAYET Mickaël — encadrant, responsable du groupe")).to_be_visible()
    assert no_horizontal_scroll(leader)
    axe_clean(leader)
    shot(leader, "06-responsable-telephone")
    leader.get_by_role("button", name="J'ai récupéré les billets").click()
    expect(leader.get_by_role("status")).to_contain_text("Billets récupérés le 15 mars 2024")
    assert no_horizontal_scroll(leader)
    axe_clean(leader)
    shot(leader, "07-responsable-confirme")
    assert phone.cookies() == []
    phone.close()
    page.reload()
    expect(page.get_by_role("row").filter(has_text=GROUP)).to_contain_text("récupérés")

    # --- 5. The referent asks a name change; the operator approves it.
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, REFERENT, DEMO_PASSWORD)
    page.goto(f"/association/beneficiaires/{CAMPAIGN}/")
    page.get_by_role("link", name=GROUP).click()
    card = page.locator("li.card", has_text="Billet n° 2 :")
    expect(card).to_contain_text("GRONDIN Léa")
    card.get_by_role("link", name="Demander une réattribution nominative").click()
    axe_clean(page)
    page.get_by_label("Nouveau bénéficiaire").select_option(label="NATIVEL Chloé (jeune)")
    page.get_by_label("Motif").fill("Léa est malade : Chloé prend sa place.")
    page.get_by_role("button", name="Envoyer la demande à l'opérateur").click()
    expect(page.get_by_role("status")).to_contain_text("réattribution nominative est transmise")
    shot(page, "08-referent-reattribution")
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in(page, OPERATOR, DEMO_PASSWORD)
    _campaign(page, re.compile("^Attributions nominatives"))
    page.get_by_role("link", name="Traiter la réattribution").click()
    expect(page.get_by_text("NATIVEL Chloé")).to_be_visible()
    axe_clean(page)
    page.get_by_role("button", name="Approuver et appliquer").click()
    expect(page.get_by_role("status")).to_contain_text("Réattribution approuvée et appliquée")

    # --- 6. The changes export lists exactly that change.
    _campaign(page, re.compile("^Export pour la billetterie"))
    page.get_by_role(
        "button", name=re.compile("^Exporter les changements depuis l'export n° 1")
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Export n° 2 enregistré (1 ligne)")
    axe_clean(page)
    shot(page, "09-operateur-export-changements")
    header, rows = _sheet(_download(page, "Télécharger l'export n° 2"), "Changement")
    col = {name: i for i, name in enumerate(header)}
    assert len(rows) == 1
    (change,) = rows
    assert change[col["Changement"]] == "Changement"
    assert (change[col["Nom"]].upper(), change[col["Prénom"]]) == ("NATIVEL", "Chloé")
    assert change[col["Ancien titulaire"]].upper() == "GRONDIN LÉA"
    assert change[col["Billet"]] == 2

    # --- 7. After the session, the referent files the attendance; the operator sees it.
    call_command("set_clock", "2024-07-28")
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, REFERENT, DEMO_PASSWORD)
    page.goto(f"/association/beneficiaires/{CAMPAIGN}/")
    page.get_by_role("link", name="Présence le jour J").click()
    axe_clean(page)
    page.get_by_role("link", name=f"Déclarer la présence du groupe {GROUP}").click()
    page.get_by_label("Jeunes présents").fill("3")
    page.get_by_label("Encadrants présents").fill("1")
    page.get_by_role("button", name="Enregistrer la présence").click()
    expect(page.get_by_role("status")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=GROUP)
    expect(row).to_contain_text("déclaré")
    axe_clean(page)
    shot(page, "10-referent-presence")
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in(page, OPERATOR, DEMO_PASSWORD)
    _campaign(page, re.compile("^Présence le jour J"))
    expect(page.get_by_role("row").filter(has_text=GROUP)).to_contain_text("déclaré")
    shot(page, "11-operateur-presence")
    page.get_by_role("link", name="Fiabilité des associations").click()
    expect(page.get_by_role("row").filter(has_text="La Réunion")).to_be_visible()
    axe_clean(page)
    shot(page, "12-operateur-fiabilite")

    assert LeaderAccess.objects.filter(confirmed_at__isnull=False).count() == 1
    assert AttendanceReport.objects.get(group__name=GROUP).youth_present == 3
    assert Holder.objects.get(group__name=GROUP, ticket__number=2).person.last_name == "Nativel"

"""The whole campaign in a browser, across roles and days (issue 16, item 4).

One journey on the demo campaign, with one live server and one database, the clock moved between
days as the campaign's calendar says. Each person works in their own browser and signs in once:
the operator (a first sign-in: the second factor is enrolled on the way), the referent of a new
association (invited by the operator's import, they choose their password), the demo's referents,
a group leader on a phone (390 × 844, no account), three jury members and a host.
The browser's screenshots and axe-core checks are the test's artifacts (see README, « Développement »).

  1. 2 October 2023, the call is open: the operator imports a new association; its referent
     follows the invitation and applies for the Olympic Games on the page.
  2. 16 October: the call closed on the 15th, as the campaign's calendar says (it closes by its
     date: there is no button); the referent can no longer ask for more tickets, the operator
     finds the application in the list.
  3. 15 March 2024: wave 1 computed and published through its confirmation page; the referent
     accepts several packs at once and declines one.
  4. 23 March: past the answer deadline, the periodic job expires the unanswered offers.
  5. 25 March: two referents send a recording to the contest (one from a phone).
  6. 29 March: wave 2 computed for the waiting list and published.
  7. 2 April: the referent names people by uploading the pre-filled spreadsheet (.xlsx), a
     semicolon CSV in Windows-1252, and on the pages; charter, sending, the letter (PDF) down and
     the signed scan up; the operator validates the letter.
  8. 15 and 17 April: two jury members score (one on a phone), the president closes; the
     operator offers the prestige packs and the winner, the new association, accepts its own.
  9. 2 May: delivery: nominative export, the accepted packs' list filled by the ticket office and
     imported, the links sent; the group leader opens the link on a phone and confirms.
 10. 3 May: lodging: a far referent declares a stay, the operator matches and publishes, both
     sides accept and see each other's contacts.
 11. The operator's dashboard and the explanation page of the new association.
 12. 1 January 2025, past the retention date: the periodic job purges the personal data and the
     pages show it is gone.

On every page the journey visits, axe-core runs (no serious or critical violation) and a full-page
screenshot is written (tests/e2e/conftest.py `PageChecks`, `artifacts_dir`).
"""

import csv
import datetime as dt
import io
import math
import re
import struct
import time
import wave
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect
from pypdf import PdfReader

from billetterie.accounts.models import User
from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.attendees.models import CommitmentLetter, Holder, LetterStatus, Person
from billetterie.contest.models import AwardStatus, Deliberation, Entry, PrestigeAward, Score
from billetterie.delivery.models import LeaderAccess
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.imports.attendees_sheet import ATTENDEES
from billetterie.inventory.models import Pack, PackStatus
from billetterie.lodging.models import Placement, PlacementStatus
from billetterie.members.models import Association
from billetterie.offers.models import Offer, OfferStatus
from billetterie.outbox.models import Message
from billetterie.requests.models import Application, Channel
from tests.e2e.conftest import no_horizontal_scroll, totp_code

pytestmark = pytest.mark.django_db(transaction=True)

CAMPAIGN = "cnape-2024"
C = f"/gestion/campagnes/{CAMPAIGN}"
OPERATOR = "operateur@demo.billetterie.fr"
NEW_REFERENT = "ines.martin@exemple.org"
NEW_PASSWORD = "un-mot-de-passe-choisi-2024"
NEW_ASSOCIATION = "Maisons d'enfants du Val-de-Marne"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ASSOCIATIONS_FILE = (
    "Identifiant;Nom;Adhérent;Code postal;Commune;Jeunes accompagnés;Référent nom;"
    "Référent prénom;Référent e-mail\r\n"
    f"VDM-001;{NEW_ASSOCIATION};oui;94000;Créteil;60;Martin;Inès;{NEW_REFERENT}\r\n"
)


class Journey:
    """The people of the journey, each in their own browser, and the checks of every page."""

    def __init__(self, browser, live_server, checks):
        self.browser = browser
        self.base_url = live_server.url
        self.checks = checks
        self.contexts = []

    def person(self, *, phone=False):
        options = {"locale": "fr-FR", "base_url": self.base_url, "viewport": DESKTOP}
        if phone:
            options |= {"viewport": PHONE, "is_mobile": True, "has_touch": True}
        context = self.browser.new_context(**options)
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return self.checks.watch(page)

    def check(self, page, role, step):
        self.checks.check(page, role, step)

    def sign_in(self, page, email, password, role):
        """Password, then the second factor when the account needs one (enrolled the first
        time with an authenticator app), every page of the way checked."""
        page.goto("/compte/connexion/")
        self.check(page, role, "connexion")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state()
        if "/double-authentification/activer/" in page.url:
            self.check(page, role, "double-authentification-choix")
            page.get_by_label("Une application d'authentification").check()
            page.get_by_role("button", name="Continuer").click()
            self.check(page, role, "double-authentification-cle")
            secret = page.locator("[data-secret]").inner_text().replace(" ", "")
            page.get_by_label("Code").fill(totp_code(secret))
            page.get_by_role("button", name="Activer").click()
            self.check(page, role, "double-authentification-codes")
            page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
        self.check(page, role, "accueil")

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def demo(settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = live_server.url
    settings.ALLOCATION_TIME_LIMIT = 20
    call_command("load_demo", "--force", verbosity=0)


def _clock(day: str) -> None:
    print(f"[{time.monotonic() - START[0]:6.1f} s] {day}")
    call_command("set_clock", day, verbosity=0)


START = [time.monotonic()]


def _status(page):
    return page.get_by_role("status")


def test_the_whole_campaign(browser, live_server, demo, page_checks, tmp_path):
    j = Journey(browser, live_server, page_checks)
    START[0] = time.monotonic()
    try:
        _journey(j, tmp_path)
    finally:
        j.close()
    page_checks.assert_all_checked()
    print(f"\nPages vérifiées par axe-core : {page_checks.count} — {page_checks.folder}")
    for url, lesser in page_checks.lesser.items():  # moderate or minor: reported, not failed
        print(url, *lesser, sep="\n  ")


def _journey(j: Journey, tmp_path: Path) -> None:
    # --- 1. 2 October 2023: the call is open. The operator imports a new association.
    _clock("2023-10-02")
    operator = j.person()
    j.sign_in(operator, OPERATOR, DEMO_PASSWORD, "operateur")
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne")
    operator.get_by_role("main").get_by_role(
        "link", name=re.compile("^Importer des fichiers")
    ).click()
    j.check(operator, "operateur", "imports")
    operator.get_by_role("main").get_by_role("link", name="Associations").click()
    j.check(operator, "operateur", "import-associations")
    upload = tmp_path / "associations.csv"
    upload.write_text(ASSOCIATIONS_FILE, encoding="utf-8")
    operator.get_by_label("Fichier à importer").set_input_files(upload)
    operator.get_by_role("button", name="Importer", exact=True).click()
    expect(_status(operator)).to_contain_text("comptes de référents créés : 1")
    expect(_status(operator)).to_contain_text("invitations envoyées : 1")
    j.check(operator, "operateur", "import-associations-fait")
    association = Association.objects.get(identifier="VDM-001")
    assert association.departement == "94" and association.is_member

    # The new referent opens the invitation of the real e-mail and chooses a password.
    invitation = Message.objects.get(kind="account.invitation", recipient=NEW_REFERENT)
    link = re.search(r"https?://\S+/compte/invitation/\S+/", invitation.body_text).group(0)
    referent = j.person()
    referent.goto(link)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Choisir votre mot de passe")
    j.check(referent, "referent", "invitation")
    referent.get_by_label(re.compile(r"^Mot de passe")).fill(NEW_PASSWORD)
    referent.get_by_label("Le même mot de passe, une seconde fois").fill(NEW_PASSWORD)
    referent.get_by_role("button", name="Enregistrer mon mot de passe").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text(NEW_ASSOCIATION)
    j.check(referent, "referent", "accueil")

    # It applies for the Olympic Games on the page.
    referent.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Candidatures"
    ).click()
    j.check(referent, "referent", "candidatures")
    referent.get_by_role("link", name=re.compile("^Candidater pour les JO")).click()
    j.check(referent, "referent", "candidater-jo")
    referent.get_by_label("Nombre de jeunes").fill("36")
    referent.get_by_label("Nombre d'encadrants").fill("12")
    referent.get_by_role("button", name="Envoyer la candidature").click()
    # Without a city the page says what is missing and keeps what was typed.
    expect(referent.get_by_text("Choisissez au moins votre ville hôte préférée.")).to_be_visible()
    expect(referent.get_by_label("Nombre de jeunes")).to_have_value("36")
    j.check(referent, "referent", "candidater-jo-erreur")
    referent.get_by_label("1er choix").select_option(label="Paris")
    referent.get_by_label("2e choix").select_option(label="Saint-Denis")
    referent.get_by_label("Commentaire pour l'opérateur").fill(
        "Deux groupes de la MECS de Créteil."
    )
    referent.get_by_role("button", name="Envoyer la candidature").click()
    expect(_status(referent)).to_contain_text(
        "Votre candidature pour les JO est enregistrée. Vous pouvez la modifier jusqu'au "
        "15 octobre 2023."
    )
    j.check(referent, "referent", "candidature-envoyee")
    application = Application.objects.get(association=association)
    assert (application.games.code, application.channel) == ("OG", Channel.CALL)
    assert (application.youth, application.supervisors) == (36, 12)
    assert application.received_on == dt.date(2023, 10, 2)

    # --- 2. 16 October: the call is closed. The referent can no longer ask for more; the
    # operator finds the application in the list, counted with the call's.
    _clock("2023-10-16")
    referent.get_by_role("link", name="Modifier la candidature JO").click()
    expect(referent.get_by_text("L'appel est clos")).to_be_visible()
    j.check(referent, "referent", "candidature-appel-clos")
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-appel-clos")
    operator.get_by_role("link", name="Candidatures et liste d'attente").click()
    j.check(operator, "operateur", "candidatures")
    operator.get_by_label("Association (nom ou identifiant)").fill("VDM-001")
    operator.get_by_role("button", name="Filtrer").click()
    expect(operator.get_by_text("1 candidature")).to_be_visible()
    row = operator.get_by_role("row").filter(has_text=NEW_ASSOCIATION)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Appel à candidatures")
    expect(row).to_contain_text("02/10/2023")
    j.check(operator, "operateur", "candidatures-filtre")

    # --- 3. 15 March 2024: wave 1 (the call's applications, Olympic Games).
    _clock("2024-03-15 10:00")
    wave1 = _wave(j, operator, "JO", "Les candidatures de l'appel seulement", "vague-1")
    offered = {
        o.pack.reference: o
        for o in Offer.objects.filter(run=wave1, association=association).select_related("pack")
    }
    assert len(offered) >= 4, sorted(offered)
    accepted_refs, declined_ref = _answer_wave1(j, referent, offered)

    # --- 4. 23 March, past the answer deadline: the periodic job expires what is unanswered.
    pending = Offer.objects.filter(run=wave1, status=OfferStatus.PENDING)
    expiring = pending.count()
    assert expiring > 0
    _clock("2024-03-23 10:00")
    said = io.StringIO()
    call_command("run_periodic", stdout=said)
    assert f"Propositions expirées : {expiring}" in said.getvalue()
    assert pending.count() == 0
    assert Offer.objects.filter(run=wave1, status=OfferStatus.EXPIRED).count() == expiring
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "apres-echeance-campagne")
    operator.get_by_role("link", name=re.compile("^Propositions envoyées et réponses")).click()
    expect(operator.get_by_role("main")).to_contain_text(f"{expiring}\nExpirée")
    j.check(operator, "operateur", "propositions-expirees")

    # --- 5. 25 March, the contest's window is open: the new association takes part and sends
    # its recording; referent2, already in, sends its own from a phone.
    _clock("2024-03-25 10:00")
    _contest_entries(j, referent, tmp_path)

    # --- 6. 29 March: wave 2, the freed packs for the waiting list.
    _clock("2024-03-29 10:00")
    freed = set(
        Offer.objects.filter(run=wave1)
        .exclude(status=OfferStatus.ACCEPTED)
        .values_list("pack_id", flat=True)
    )
    wave2 = _wave(j, operator, "JO", "La liste d'attente seulement", "vague-2")
    wave2_offers = Offer.objects.filter(run=wave2)
    assert wave2_offers.exists()
    assert set(wave2_offers.values_list("pack_id", flat=True)) <= freed
    assert not wave2_offers.exclude(
        association__applications__channel=Channel.WAITING_LIST
    ).exists()

    # --- 7. 2 April: the referent names people (spreadsheet, CSV, pages), sends, the letter.
    _clock("2024-04-02 10:00")
    packs = [offered[ref].pack for ref in accepted_refs]
    _naming(j, referent, operator, association, packs, tmp_path)

    # --- 8. 15 and 17 April: the jury scores, the president closes, the prestige packs go out.
    _clock("2024-04-15 10:00")
    _jury(j)
    _clock("2024-04-17 10:00")
    _deliberation_and_prestige(j, operator, referent, association)

    # --- 9. 2 May: the tickets reach the group leaders.
    _clock("2024-05-02 10:00")
    _delivery(j, operator, association, packs, tmp_path)

    # --- 10. 3 May: lodging for the group that comes from La Réunion.
    _clock("2024-05-03 10:00")
    _lodging(j, operator)

    # --- 11. The operator's dashboard and the explanation of the new association.
    _dashboard_and_explanation(j, operator, referent, association, packs)

    # --- 12. 1 January 2025, past the retention date: the personal data is purged.
    _clock("2025-01-01 10:00")
    _purge(j, operator, referent, association, packs)


def _jury(j):
    entries = {e.participation.association.name: e for e in Entry.objects.all()}
    # The new association's recording earns more than La Réunion's.
    marks = {
        entries[NEW_ASSOCIATION].label: 9,
        entries["Sauvegarde de l'enfance de La Réunion"].label: 6,
    }
    everyone = list(Association.objects.values_list("name", flat=True))
    for n, email in enumerate(("jury@demo.billetterie.fr", "jury2@demo.billetterie.fr"), start=1):
        role = f"jure{n}"
        page = j.person(phone=n == 2)
        j.sign_in(page, email, DEMO_PASSWORD, role)
        expect(page.get_by_text("0 enregistrement noté sur 2")).to_be_visible()
        for _ in range(2):
            page.get_by_role("link", name=re.compile("^Écouter et noter le prochain")).click()
            label = page.get_by_role("heading", level=1).inner_text()
            html = page.content()
            assert not [name for name in everyone if name in html], "un nom avant la clôture"
            j.check(page, role, "ecouter-noter")
            for criterion in ("Parole des enfants", "Émotion", "Récit", "Écoute"):
                page.get_by_role("group", name=re.compile(f"^{criterion}")).get_by_label(
                    str(marks[label] - n + 1), exact=True
                ).check()
            page.get_by_role("button", name=re.compile("^Enregistrer mes notes")).click()
            expect(page.locator(".messages")).to_contain_text(f"Vos notes de « {label} »")
            j.check(page, role, "notes-enregistrees")
            if page.url.rstrip("/").endswith("/jury"):
                continue
            page.goto("/jury/")
            j.check(page, role, "accueil-jury")
        expect(page.get_by_text("2 enregistrements notés sur 2")).to_be_visible()
    assert Score.objects.count() == 2 * 2 * 4


def _deliberation_and_prestige(j, operator, referent, association):
    president = j.person()
    j.sign_in(president, "presidente-jury@demo.billetterie.fr", DEMO_PASSWORD, "presidente")
    president.get_by_role(
        "link", name=re.compile("suivre l'avancement des membres et délibérer")
    ).click()
    expect(president.get_by_role("heading", level=1)).to_have_text("Délibération du jury")
    expect(president.get_by_role("cell", name="2 sur 2")).to_have_count(2)
    j.check(president, "presidente", "deliberation")
    president.get_by_role("link", name="Relire l'ordre final avant de clore").click()
    j.check(president, "presidente", "relire-avant-de-clore")
    president.get_by_label(re.compile("^J'ai relu l'ordre final")).check()
    president.get_by_role("button", name=re.compile("^Clore la délibération et révéler")).click()
    expect(president.get_by_role("heading", name="Résultats du jeu-concours")).to_be_visible()
    rows = president.locator("table tbody tr")
    expect(rows.nth(0)).to_contain_text(NEW_ASSOCIATION)
    expect(rows.nth(1)).to_contain_text("Sauvegarde de l'enfance de La Réunion")
    j.check(president, "presidente", "resultats")
    assert Deliberation.objects.get().closed_at is not None

    operator.goto(f"{C}/jeu-concours/")
    j.check(operator, "operateur", "jeu-concours")
    operator.get_by_role("link", name="l'avancement du jury et les résultats").click()
    j.check(operator, "operateur", "jeu-concours-resultats")
    operator.get_by_role(
        "link", name=re.compile("^proposer les lots prestige aux lauréats")
    ).click()
    j.check(operator, "operateur", "lots-prestige")
    operator.get_by_role(
        "link", name=re.compile("^Proposer les lots prestige aux lauréats")
    ).click()
    expect(operator.get_by_role("table")).to_contain_text(NEW_ASSOCIATION)
    j.check(operator, "operateur", "lots-prestige-apercu")
    operator.get_by_role(
        "button", name=re.compile(r"^Proposer ces \d+ lots? prestige aux lauréats")
    ).click()
    expect(operator.locator(".messages")).to_contain_text("lots prestige")
    j.check(operator, "operateur", "lots-prestige-proposes")

    award = PrestigeAward.objects.select_related("pack", "participation").get(rank=1)
    assert award.participation.association_id == association.pk
    reference = award.pack.reference
    referent.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Jeu-concours"
    ).click()
    result = referent.get_by_role("region", name="Le résultat du jury")
    expect(result).to_contain_text("classé 1er sur 2")
    expect(result).to_contain_text(f"le lot {reference}")
    j.check(referent, "referent", "jeu-concours-resultat")
    result.get_by_role("link", name=re.compile("^Répondre dans « Propositions de lots »")).click()
    j.check(referent, "referent", "propositions-prestige")
    referent.get_by_role("link", name=f"Accepter le lot {reference}").click()
    j.check(referent, "referent", "accepter-prestige")
    referent.get_by_role("checkbox", name=f"conditions d'utilisation du lot {reference}").check()
    referent.get_by_role("button", name=f"Accepter le lot {reference}").click()
    expect(referent.locator(".messages")).to_contain_text(f"Le lot {reference} est accepté")
    j.check(referent, "referent", "prestige-accepte")
    award.refresh_from_db()
    assert award.status == AwardStatus.ACCEPTED


def _sheet_rows(content: bytes, first_header: str):
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(content)).active.values]
    start = next(i for i, r in enumerate(rows) if r[0] == first_header)
    return rows[start], [r for r in rows[start + 1 :] if any(v is not None for v in r)]


def _download(page, link_name) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def _delivery(j, operator, association, packs, tmp_path):
    named = Holder.objects.filter(campaign__slug=CAMPAIGN).count()
    assert named == 8 + sum(p.size for p in packs)  # referent2's two packs of the demo, and ours
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-remise")
    operator.get_by_role("main").get_by_role(
        "link", name=re.compile("^Export pour la billetterie")
    ).click()
    j.check(operator, "operateur", "export-billetterie")
    operator.get_by_role("button", name=re.compile("^Exporter la liste complète")).click()
    expect(_status(operator)).to_contain_text(f"Export n° 1 enregistré ({named} lignes)")
    j.check(operator, "operateur", "export-billetterie-fait")
    header, rows = _sheet_rows(
        _download(operator, "Télécharger l'export n° 1"), "Code de l'épreuve"
    )
    col = {name: i for i, name in enumerate(header)}
    assert len(rows) == named
    [grondin] = [
        r for r in rows if (r[col["Nom"]].upper(), r[col["Prénom"]]) == ("GRONDIN", "Sébastien")
    ]
    assert grondin[col["Groupe"]] == f"Groupe {packs[2].reference}"
    assert grondin[col["Portable du responsable"]] == "06 98 76 54 32"

    operator.get_by_role("main").get_by_role(
        "link", name="Liens de téléchargement", exact=True
    ).click()
    j.check(operator, "operateur", "liens")
    content = _download(
        operator, "Télécharger la liste des lots acceptés (à envoyer à la billetterie)"
    )
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    header_row = next(r for r in sheet.iter_rows() if r[0].value == "Lot")
    lines = [r for r in sheet.iter_rows(min_row=header_row[0].row + 1) if r[0].value]
    accepted = Pack.objects.filter(campaign__slug=CAMPAIGN, status=PackStatus.ACCEPTED)
    assert {r[0].value for r in lines} == set(accepted.values_list("reference", flat=True))
    assert {p.reference for p in packs} <= {r[0].value for r in lines}
    for line in lines:  # what the ticket office does
        line[2].value = f"https://billetterie-officielle.example/recuperer/{line[0].value}"
    filled = tmp_path / "liens-billetterie.xlsx"
    book.save(filled)
    operator.get_by_role("link", name="Importer le fichier des liens de la billetterie").click()
    j.check(operator, "operateur", "liens-import")
    operator.get_by_label("Fichier à importer").set_input_files(str(filled))
    operator.get_by_role("button", name="Importer", exact=True).click()
    expect(_status(operator)).to_contain_text(f"{len(lines)} créés")
    j.check(operator, "operateur", "liens-importes")

    operator.goto(f"{C}/remise/")
    j.check(operator, "operateur", "remise")
    operator.get_by_role(
        "link", name=re.compile("^Envoyer les billets aux responsables de groupe")
    ).click()
    expect(operator.get_by_text("5 responsables de groupe recevront")).to_be_visible()
    j.check(operator, "operateur", "remise-envoi-apercu")
    operator.get_by_role("button", name=re.compile("^Envoyer le lien")).click()
    expect(_status(operator)).to_contain_text("Lien envoyé aux responsables de 5 groupes")
    j.check(operator, "operateur", "remise-suivi")

    # The leader of the group named on the pages opens the link of the SMS on a phone.
    sms = Message.objects.get(kind="delivery.leader_link_sms", recipient="+33698765432")
    assert Message.objects.filter(kind="delivery.leader_link_sms").count() == 5
    link = re.search(r"https?://\S+/responsable/\S+/", sms.body_text).group(0)
    leader = j.person(phone=True)
    leader.goto(link)
    expect(leader.get_by_role("heading", level=1)).to_have_text("Les billets de votre groupe")
    expect(
        leader.get_by_text("GRONDIN Sébastien — encadrant, responsable du groupe")
    ).to_be_visible()
    assert no_horizontal_scroll(leader)
    j.check(leader, "responsable-telephone", "billets")
    leader.get_by_role("button", name="J'ai récupéré les billets").click()
    expect(_status(leader)).to_contain_text("Billets récupérés le 2 mai 2024")
    assert no_horizontal_scroll(leader)
    j.check(leader, "responsable-telephone", "billets-recuperes")
    assert leader.context.cookies() == []
    operator.reload()
    group = Holder.objects.get(
        person__last_name="Grondin", person__first_name="Sébastien"
    ).group.name
    expect(operator.get_by_role("row").filter(has_text=group)).to_contain_text("récupérés")
    j.check(operator, "operateur", "remise-suivi-recuperes")
    assert LeaderAccess.objects.filter(confirmed_at__isnull=False).count() == 1


GUEST_CONTACT = ("Jessica Grondin", "01 99 00 41 10", "hebergement.reunion@demo.billetterie.fr")


def _lodging(j, operator):
    guest = j.person()
    j.sign_in(guest, "referent2@demo.billetterie.fr", DEMO_PASSWORD, "referent2")
    guest.get_by_role("navigation").get_by_role("link", name="Hébergement").first.click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("Hébergement en Île-de-France")
    j.check(guest, "referent2", "hebergement")
    guest.get_by_role("link", name="Déclarer un séjour à héberger").click()
    nights = guest.get_by_role("checkbox")
    expect(nights).to_have_count(2)
    j.check(guest, "referent2", "declarer-sejour")
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
        ("Personne à contacter", GUEST_CONTACT[0]),
        ("Téléphone", GUEST_CONTACT[1]),
        ("Adresse e-mail", GUEST_CONTACT[2]),
    ):
        guest.get_by_label(re.compile(f"^{re.escape(label)}")).fill(value)
    guest.get_by_role("button", name="Déclarer ce séjour").click()
    expect(_status(guest)).to_contain_text("Votre séjour à héberger est déclaré.")
    j.check(guest, "referent2", "sejour-declare")

    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-hebergement")
    operator.get_by_role("main").get_by_role(
        "link", name=re.compile("^Hébergement en Île-de-France")
    ).click()
    expect(operator.get_by_role("main")).to_contain_text("6 besoins déclarés")
    j.check(operator, "operateur", "hebergement")
    operator.get_by_role("link", name="Calculs de répartition").click()
    j.check(operator, "operateur", "hebergement-calculs")
    operator.get_by_role("button", name="Lancer un calcul").click()
    expect(operator.locator("[data-status-label]")).to_have_text("calculé")
    expect(operator.get_by_role("main")).to_contain_text("Tous les groupes sont placés.")
    j.check(operator, "operateur", "hebergement-calcul")
    operator.get_by_role("link", name="Publier ces propositions…").click()
    expect(operator.get_by_role("main")).to_contain_text("6 propositions d'hébergement partent")
    j.check(operator, "operateur", "hebergement-publier")
    operator.get_by_role("button", name="Publier 6 propositions").click()
    expect(operator.locator("[data-status-label]")).to_have_text("publié")
    j.check(operator, "operateur", "hebergement-publie")

    placement = Placement.objects.select_related("offer__association").get(
        need__association__name="Sauvegarde de l'enfance de La Réunion",
        status=PlacementStatus.PENDING,
    )
    host_email = User.objects.get(association=placement.offer.association).email
    guest.get_by_role("navigation").get_by_role("link", name="Hébergement").first.click()
    j.check(guest, "referent2", "hebergement-proposition-recue")
    guest.get_by_role("link", name="Voir et répondre à cette proposition").click()
    expect(guest.get_by_role("heading", level=1)).to_have_text("Un lieu proposé à votre groupe")
    assert placement.offer.contact_name not in guest.content()
    j.check(guest, "referent2", "proposition")
    guest.get_by_label("J'accepte cette proposition").check()
    guest.get_by_role("button", name="Envoyer ma réponse").click()
    expect(guest.get_by_role("main")).to_contain_text("l'autre association n'a pas encore répondu")
    j.check(guest, "referent2", "proposition-acceptee")
    proposal = guest.url

    host = j.person()
    j.sign_in(host, host_email, DEMO_PASSWORD, "hebergeur")
    host.goto(proposal)  # the link of the e-mail the host received
    expect(host.get_by_role("heading", level=1)).to_have_text("Un groupe proposé dans votre lieu")
    assert GUEST_CONTACT[0] not in host.content()
    j.check(host, "hebergeur", "proposition")
    host.get_by_label("J'accepte cette proposition").check()
    host.get_by_role("button", name="Envoyer ma réponse").click()
    expect(host.get_by_role("main")).to_contain_text("Acceptée des deux côtés")
    for value in GUEST_CONTACT:
        expect(host.get_by_role("main")).to_contain_text(value)
    j.check(host, "hebergeur", "coordonnees")
    guest.reload()
    expect(guest.get_by_role("main")).to_contain_text(placement.offer.contact_name)
    j.check(guest, "referent2", "coordonnees")
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED


def _dashboard_and_explanation(j, operator, referent, association, packs):
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-bilan")
    operator.get_by_role("link", name="Ouvrir le tableau de bord de la campagne").click()
    expect(operator.get_by_role("heading", name="Tableau de bord", exact=True)).to_be_visible()
    j.check(operator, "operateur", "tableau-de-bord")
    # The Olympic row counts what the journey did: what was declined, what expired, the names,
    # the tickets handed to the leader who confirmed on the phone.
    table = operator.get_by_role("table", name="Billets par Jeux, par état")
    headers = table.get_by_role("columnheader").all_inner_texts()
    cells = table.get_by_role("row", name=re.compile("^JO ")).get_by_role("cell")
    row = dict(zip(headers[1:], cells.all_inner_texts(), strict=True))
    og = {"session__games__code": "OG"}
    declined = Offer.objects.filter(status=OfferStatus.DECLINED, pack__session__games__code="OG")
    expired = Offer.objects.filter(status=OfferStatus.EXPIRED, pack__session__games__code="OG")

    def number(text):
        return int(re.sub(r"\D", "", text))

    assert number(row["Déclinés"]) == sum(o.pack.size for o in declined)
    assert number(row["Expirés sans réponse"]) == sum(o.pack.size for o in expired)
    assert (
        number(row["Nommés"])
        == Holder.objects.filter(ticket__pack__session__games__code="OG").count()
    )
    assert number(row["Remis aux responsables"]) == packs[2].size
    assert number(row["Acceptés"]) == sum(
        Pack.objects.filter(status=PackStatus.ACCEPTED, **og).values_list("size", flat=True)
    )

    # The explanation of the new association, as its referent reads it and as the operator does.
    referent.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Propositions de lots"
    ).click()
    j.check(referent, "referent", "propositions-fin")
    referent.get_by_role("link", name=re.compile("^Pourquoi ces lots ?")).click()
    explained = referent.get_by_role("main")
    expect(explained).to_contain_text("votre candidature du 2 octobre 2023 demande 48 billets")
    assert "La Réunion" not in explained.inner_text()
    j.check(referent, "referent", "pourquoi-ces-lots")
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-associations")
    operator.get_by_role("link", name=re.compile("^Associations")).first.click()
    j.check(operator, "operateur", "associations")
    operator.get_by_role("form", name="Chercher une association").get_by_role("textbox").first.fill(
        "Val-de-Marne"
    )
    operator.get_by_role("button", name="Chercher").click()
    j.check(operator, "operateur", "associations-recherche")
    operator.get_by_role("link", name=NEW_ASSOCIATION, exact=True).click()
    j.check(operator, "operateur", "association")
    operator.get_by_role("link", name=re.compile("^Pourquoi ces lots ?")).click()
    expect(operator.get_by_role("main")).to_contain_text(
        "votre candidature du 2 octobre 2023 demande 48 billets"
    )
    j.check(operator, "operateur", "association-explication")


def _purge(j, operator, referent, association, packs):
    named = list(Person.objects.filter(association=association).values_list("last_name", flat=True))
    assert len(named) == packs[0].size + packs[1].size + 2  # sheet, CSV, two by hand
    said = io.StringIO()
    call_command("run_periodic", stdout=said)
    assert "Campagnes dont les données personnelles ont été effacées : 1" in said.getvalue()
    assert not Person.objects.filter(association=association, anonymised_at__isnull=True).exists()
    letter = CommitmentLetter.objects.get(association=association)
    assert not letter.file

    def absent(page):
        html = page.content()
        left = sorted({name for name in named if name.upper() in html or f">{name} " in html})
        assert left == [], (page.url, left)

    _attendees_home(referent)
    expect(referent.get_by_role("note")).to_contain_text(
        "La conservation des données personnelles de cette campagne a pris fin le 31 décembre 2024"
    )
    expect(referent.get_by_role("heading", name="Vérification des règles")).to_have_count(0)
    j.check(referent, "referent", "apres-purge-beneficiaires")
    absent(referent)
    for pack in packs:
        expect(referent.get_by_role("link", name=f"Groupe {pack.reference}")).to_have_count(0)
    referent.get_by_role("link", name="Jeunes et encadrants").click()
    expect(referent.get_by_role("heading", name="Jeunes (0)")).to_be_visible()
    expect(referent.get_by_role("heading", name="Encadrants (0)")).to_be_visible()
    absent(referent)
    j.check(referent, "referent", "apres-purge-jeunes-et-encadrants")
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "apres-purge-campagne")
    operator.get_by_role("link", name=re.compile("^Attributions nominatives")).click()
    absent(operator)
    j.check(operator, "operateur", "apres-purge-attributions")


LAST_NAMES = (
    "Lefèvre",
    "Müller",
    "N'Diaye",
    "Hoarau",
    "Garçon",
    "Océane",
    "Brûlé",
    "Pérez",
    "Dupré",
    "Ménard",
    "Königsberg",
    "Æbelø",
    "Leclerc",
    "Da Silva",
    "Benoît",
    "Chérif",
)
FIRST_NAMES = (
    "Zoé",
    "Noé",
    "Anaïs",
    "Kévin",
    "Éloïse",
    "Maëlle",
    "Jérôme",
    "Inès",
    "Loïc",
    "Chloé",
    "Raphaël",
    "Léna",
)


def _people(pack, n0):
    """Rows for every ticket of `pack`: youth, then the leader and the other supervisors, within
    the ratio (one supervisor for three youth). (role, last, first, birth, mobile, e-mail)."""
    supervisors = max(1, pack.size // 4)
    rows = []
    for i in range(pack.size):
        n = n0 + i
        last, first = LAST_NAMES[n % len(LAST_NAMES)], FIRST_NAMES[n % len(FIRST_NAMES)]
        last = f"{last}-{chr(65 + n // len(LAST_NAMES))}" if n >= len(LAST_NAMES) else last
        if i < pack.size - supervisors:
            rows.append(("jeune", last, first, f"{1 + n % 27:02d}/0{1 + n % 9}/201{n % 4}", "", ""))
        elif i == pack.size - supervisors:
            rows.append(("responsable", last, first, "", f"06 12 34 56 {n % 100:02d}", ""))
        else:
            rows.append(("encadrant", last, first, "", "", ""))
    return rows


def _attendees_home(page):
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Bénéficiaires"
    ).click()


def _to_campaign_attendees(j, page, step):
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role(
        "link", name="Bénéficiaires"
    ).click()
    j.check(page, "referent", step)


def _naming(j, referent, operator, association, packs, tmp_path):
    # Pack A by the downloaded spreadsheet, pack B by a CSV (semicolons, Windows-1252), pack C on
    # the pages, reusing people of pack A (another session) and two people added by hand.
    pack_a, pack_b, pack_c = packs
    if pack_a.session_id == pack_c.session_id:
        pack_a, pack_b = pack_b, pack_a
    assert pack_a.session_id != pack_c.session_id
    rows_a, rows_b = _people(pack_a, 0), _people(pack_b, 50)

    _attendees_home(referent)
    expect(referent.get_by_role("heading", level=1)).to_have_text("Bénéficiaires des billets")
    j.check(referent, "referent", "beneficiaires")
    with referent.expect_download() as download:
        referent.get_by_role("link", name="Télécharger le tableau pré-rempli (.xlsx)").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    sheet = book.active
    lines = list(sheet.iter_rows())
    header = next(i for i, r in enumerate(lines) if r[0].value == "Lot")
    assert [c.value for c in lines[header][:8]] == [
        "Lot",
        "Billet",
        "Rôle",
        "Nom",
        "Prénom",
        "Date de naissance",
        "Téléphone portable",
        "E-mail",
    ]
    body = lines[header + 1 :]
    assert len(body) == sum(p.size for p in packs)
    targets = [r for r in body if r[0].value == pack_a.reference]
    for line, values in zip(targets, rows_a, strict=True):
        for col, value in enumerate(values, start=3):
            sheet.cell(row=line[0].row, column=col, value=value or None)
    filled = tmp_path / "beneficiaires.xlsx"
    book.save(filled)
    referent.get_by_role("link", name="Importer le tableau rempli").click()
    j.check(referent, "referent", "import-tableau")
    referent.get_by_label("Tableau rempli (.xlsx ou .csv)").set_input_files(filled)
    referent.get_by_role("button", name="Importer").click()
    expect(_status(referent)).to_contain_text("Tableau importé")
    expect(_status(referent)).to_contain_text(f"billets nommés : {pack_a.size}")
    expect(_status(referent)).to_contain_text("groupes créés : 1.")
    j.check(referent, "referent", "import-tableau-xlsx-fait")

    # The CSV a spreadsheet program writes on a French Windows: semicolons, Windows-1252. The
    # first one forgets a birth date: refused whole, the line and the column named.
    def write_csv(rows, path):
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.header for c in ATTENDEES.columns])
        for number, values in enumerate(rows, start=1):
            writer.writerow([pack_b.reference, number, *values])
        path.write_bytes(text.getvalue().encode("cp1252"))
        return path

    wrong = write_csv([rows_b[0][:3] + ("",) + rows_b[0][4:], *rows_b[1:]], tmp_path / "faux.csv")
    right = write_csv(rows_b, tmp_path / "beneficiaires.csv")
    referent.get_by_role("link", name="Importer le tableau rempli").click()
    j.check(referent, "referent", "import-tableau-csv")
    referent.get_by_label("Tableau rempli (.xlsx ou .csv)").set_input_files(wrong)
    referent.get_by_role("button", name="Importer").click()
    refusal = referent.get_by_role("alert")
    expect(refusal).to_contain_text("Fichier refusé (1 erreur) : rien n'a été enregistré.")
    expect(refusal).to_contain_text("ligne 2, colonne « Date de naissance »")
    j.check(referent, "referent", "import-tableau-csv-refuse")
    assert not Holder.objects.filter(ticket__pack=pack_b).exists()
    referent.get_by_label("Tableau rempli (.xlsx ou .csv)").set_input_files(right)
    referent.get_by_role("button", name="Importer").click()
    expect(_status(referent)).to_contain_text(f"billets nommés : {pack_b.size}")
    expect(_status(referent)).to_contain_text("groupes créés : 1.")
    j.check(referent, "referent", "import-tableau-csv-fait")
    for rows, pack in ((rows_a, pack_a), (rows_b, pack_b)):
        named = Holder.objects.filter(ticket__pack=pack).select_related("person")
        assert sorted((h.person.last_name, h.person.first_name) for h in named) == sorted(
            (r[1], r[2]) for r in rows
        )

    # Two people added on the page, then pack C grouped and named ticket by ticket.
    referent.get_by_role("link", name="Jeunes et encadrants").click()
    j.check(referent, "referent", "jeunes-et-encadrants")
    referent.get_by_label("Jeune", exact=True).check()
    referent.get_by_role("textbox", name="Nom", exact=True).fill("Payet")
    referent.get_by_role("textbox", name="Prénom", exact=True).fill("Maëlys")
    referent.get_by_label("Date de naissance").fill("2011-05-14")
    referent.get_by_role("button", name="Ajouter").click()
    expect(_status(referent)).to_contain_text("PAYET Maëlys est ajouté")
    j.check(referent, "referent", "jeune-ajoute")
    referent.get_by_label("Encadrant", exact=True).check()
    referent.get_by_role("textbox", name="Nom", exact=True).fill("Grondin")
    referent.get_by_role("textbox", name="Prénom", exact=True).fill("Sébastien")
    referent.get_by_label("Téléphone portable").fill("06 98 76 54 32")
    referent.get_by_role("button", name="Ajouter").click()
    expect(_status(referent)).to_contain_text("GRONDIN Sébastien est ajouté")
    j.check(referent, "referent", "encadrant-ajoute")
    _to_campaign_attendees(j, referent, "beneficiaires-avant-groupe")
    referent.get_by_role("link", name="Former un groupe").click()
    j.check(referent, "referent", "former-un-groupe")
    referent.get_by_role("checkbox", name=f"Lot {pack_c.reference} —").check()
    referent.get_by_role("button", name="Créer le groupe").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text(
        f"Groupe « Groupe {pack_c.reference} »"
    )
    j.check(referent, "referent", "groupe-cree")
    supervisors = max(1, pack_c.size // 4)
    youth_a = [r for r in rows_a if r[0] == "jeune"]
    staff_a = [r for r in rows_a if r[0] != "jeune"]
    labels = ["PAYET Maëlys (14/05/2011)"]
    labels += [f"{r[1].upper()} {r[2]} ({r[3]})" for r in youth_a[: pack_c.size - supervisors - 1]]
    labels += ["GRONDIN Sébastien"]
    labels += [f"{r[1].upper()} {r[2]}" for r in staff_a[: supervisors - 1]]
    for number, label in enumerate(labels, start=1):
        referent.get_by_label(f"Billet n° {number}", exact=True).select_option(label=label)
    leader = Person.objects.get(association=association, last_name="Grondin")
    referent.get_by_label(
        "Responsable (encadrant du groupe, avec un téléphone portable)"
    ).select_option(label=f"GRONDIN Sébastien — {leader.mobile_phone}")
    referent.get_by_role("button", name="Enregistrer").click()
    expect(_status(referent)).to_contain_text("toutes les règles sont respectées")
    j.check(referent, "referent", "groupe-nomme")
    assert Holder.objects.filter(association=association).count() == sum(p.size for p in packs)

    # The charter, the sending, the letter.
    _to_campaign_attendees(j, referent, "beneficiaires-nommes")
    expect(referent.get_by_role("region", name="Vérification des règles")).to_contain_text(
        "Toutes les règles sont respectées."
    )
    referent.get_by_role("link", name="Lire et accepter la charte").click()
    j.check(referent, "referent", "charte")
    referent.get_by_label("J'ai lu la charte").check()
    referent.get_by_role("button", name="Accepter la charte").click()
    expect(_status(referent)).to_contain_text("charte d'utilisation des billets est acceptée")
    j.check(referent, "referent", "charte-acceptee")
    referent.get_by_role("link", name="Envoyer les attributions nominatives JO").click()
    j.check(referent, "referent", "envoyer-attributions")
    referent.get_by_label("J'atteste").check()
    referent.get_by_role("button", name="Envoyer à l'opérateur").click()
    expect(_status(referent)).to_contain_text("sont envoyées à l'opérateur")
    j.check(referent, "referent", "attributions-envoyees")
    referent.get_by_role("link", name="Télécharger et déposer le courrier").click()
    j.check(referent, "referent", "courrier")
    with referent.expect_download() as download:
        referent.get_by_role("link", name="Télécharger le courrier pré-rempli (PDF)").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    letter_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert NEW_ASSOCIATION in re.sub(r"\s+", " ", letter_text)
    scan = tmp_path / "courrier-signe.png"
    Image.new("RGB", (120, 160), "white").save(scan, format="PNG")
    referent.get_by_label("Courrier signé (PDF, JPEG ou PNG, 5 Mo au plus)").set_input_files(scan)
    referent.get_by_role("button", name="Déposer le courrier signé").click()
    expect(_status(referent)).to_contain_text("Le courrier signé est déposé")
    j.check(referent, "referent", "courrier-depose")

    # The operator validates the letter.
    operator.goto(f"{C}/")
    j.check(operator, "operateur", "campagne-nominatif")
    operator.get_by_role("link", name=re.compile("^Attributions nominatives")).click()
    j.check(operator, "operateur", "attributions-nominatives")
    operator.locator("li.card").filter(has_text=NEW_ASSOCIATION).get_by_role(
        "link", name="Vérifier le courrier"
    ).click()
    j.check(operator, "operateur", "verifier-courrier")
    operator.get_by_role("button", name="Valider le courrier").click()
    expect(_status(operator)).to_have_text("Courrier d'engagement moral validé.")
    j.check(operator, "operateur", "courrier-valide")
    letter = CommitmentLetter.objects.get(association=association)
    assert letter.status == LetterStatus.VALIDATED


def _wav(seconds: float) -> bytes:
    """A real WAV file: a sine, written with Python's `wave`."""
    rate = 8000
    frames = b"".join(
        struct.pack("<h", int(6000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(seconds * rate))
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return buffer.getvalue()


def _send_recording(j, page, role, path):
    page.get_by_label("Enregistrement audio").set_input_files(str(path))
    page.get_by_label(re.compile("^J'atteste que les représentants légaux")).check()
    page.get_by_role("button", name="Déposer l'enregistrement").click()
    expect(page.locator(".messages")).to_contain_text("Votre enregistrement est déposé")
    expect(page.locator("audio")).to_have_count(1)
    j.check(page, role, "jeu-concours-depose")


def _contest_entries(j, referent, tmp_path):
    recording = tmp_path / "souvenir.wav"
    recording.write_bytes(_wav(4))
    referent.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Jeu-concours"
    ).click()
    expect(referent.get_by_role("heading", level=1)).to_contain_text("La parole aux petits")
    j.check(referent, "referent", "jeu-concours")
    referent.get_by_label(re.compile("^Taille du groupe")).fill("10")
    referent.get_by_role("button", name="Nous participons").click()
    expect(referent.locator(".messages")).to_contain_text("votre association participe")
    j.check(referent, "referent", "jeu-concours-participe")
    _send_recording(j, referent, "referent", recording)

    phone = j.person(phone=True)
    j.sign_in(phone, "referent2@demo.billetterie.fr", DEMO_PASSWORD, "referent2-telephone")
    phone.get_by_role("link", name="Jeu-concours").first.click()
    j.check(phone, "referent2-telephone", "jeu-concours")
    other = tmp_path / "souvenir-reunion.wav"
    other.write_bytes(_wav(6))
    _send_recording(j, phone, "referent2-telephone", other)
    assert no_horizontal_scroll(phone)
    assert Entry.objects.count() == 2


def _answer_wave1(j, referent, offered):
    """The referent ticks three packs, accepts them at once, declines a fourth in the same
    confirmation, and leaves any other to the deadline."""
    referent.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Propositions de lots"
    ).click()
    main = referent.get_by_role("main")
    total = sum(o.pack.size for o in offered.values())
    totals = referent.get_by_role("table", name=re.compile("^Par Jeux"))
    expect(totals.get_by_role("row", name=re.compile("Jeux Olympiques"))).to_contain_text("48")
    expect(totals.get_by_role("row", name=re.compile("Jeux Olympiques"))).to_contain_text(
        str(total)
    )
    j.check(referent, "referent", "propositions")
    refs = sorted(offered)
    accepted, declined = refs[:3], refs[3]
    for ref in accepted:
        referent.get_by_role("checkbox", name=f"Sélectionner le lot {ref}").check()
    tickets = sum(offered[r].pack.size for r in accepted)
    expect(referent.locator(".selection-count")).to_contain_text(
        f"Lots sélectionnés : 3 — billets : {tickets}"
    )
    referent.get_by_role("button", name="Accepter les lots sélectionnés…").click()
    expect(referent.get_by_role("heading", level=1)).to_have_text("Confirmer vos réponses")
    expect(main).to_contain_text(f"Vous acceptez 3 lots ({tickets} billets)")
    j.check(referent, "referent", "confirmer-reponses")
    assert len(offered) == 4  # the fourth is declined in the same confirmation
    referent.get_by_role("link", name="Me désister aussi de cet autre lot").click()
    size = offered[declined].pack.size
    expect(main).to_contain_text(f"Vous vous désistez de 1 lot ({size} billets)")
    j.check(referent, "referent", "confirmer-reponses-desistement")
    referent.get_by_role("button", name="Confirmer ces 4 réponses").click()
    expect(main).to_contain_text("cochez l'engagement")
    j.check(referent, "referent", "confirmer-reponses-engagement-manquant")
    referent.get_by_role("checkbox", name=re.compile("je m'engage")).check()
    referent.get_by_role("button", name="Confirmer ces 4 réponses").click()
    status = _status(referent)
    expect(status).to_contain_text(
        f"Acceptés : 3 lots ({tickets} billets) : {', '.join(accepted)}."
    )
    expect(status).to_contain_text(
        f"Désistements enregistrés : 1 lot ({size} billets) : {declined}."
    )
    j.check(referent, "referent", "reponses-enregistrees")
    for ref in accepted:
        offered[ref].refresh_from_db()
        assert offered[ref].status == OfferStatus.ACCEPTED
    offered[declined].refresh_from_db()
    assert offered[declined].status == OfferStatus.DECLINED
    return accepted, declined


def _wave(j, operator, games, scope, name):
    """The operator computes a wave, reads it, then publishes it through its confirmation."""
    operator.goto(f"{C}/")
    j.check(operator, "operateur", f"{name}-campagne")
    operator.get_by_role("link", name=re.compile("^Attribution des lots")).click()
    j.check(operator, "operateur", f"{name}-attribution")
    operator.get_by_label("Jeux concernés").select_option(label=games)
    operator.get_by_label("Demandes servies").select_option(label=scope)
    # Tests run tasks immediately: the click returns once the computation is done.
    with operator.expect_navigation(timeout=120_000):
        operator.get_by_role("button", name="Lancer le calcul").click(timeout=120_000)
    operator.get_by_role("heading", name="Comparaison avec d'autres façons de répartir").wait_for(
        timeout=120_000
    )
    j.check(operator, "operateur", f"{name}-calcul")
    operator.get_by_role("link", name="Publier la vague et prévenir les associations…").click()
    said = operator.get_by_role("main").inner_text()
    assert "reçoivent un e-mail" in said
    j.check(operator, "operateur", f"{name}-publier")
    operator.get_by_role(
        "button", name=re.compile(r"^Publier \d+ propositions? et prévenir \d+ associations?$")
    ).click()
    expect(_status(operator)).to_contain_text("Vague publiée")
    j.check(operator, "operateur", f"{name}-publiee")
    run = AllocationRun.objects.order_by("-number").first()
    assert run.status == RunStatus.PUBLISHED
    return run

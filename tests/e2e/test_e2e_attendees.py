"""Named attendees in a real browser, on the demo: groups named by spreadsheet and by the page, the
rules, the charter, the sending, the signed letter, then the operator's validation and a name change.
"""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.management import call_command
from PIL import Image
from playwright.sync_api import expect

from billetterie.accounts.models import User
from billetterie.attendees.models import (
    CommitmentLetter,
    DecisionStatus,
    Holder,
    LetterStatus,
    NameChange,
    Person,
)
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.demo.builder import PASSWORD as DEMO_PASSWORD
from billetterie.inventory.models import Pack, PackStatus
from billetterie.offers.models import Offer, OfferStatus
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

REFERENT = "referent1@demo.billetterie.fr"
OPERATOR = "operateur@demo.billetterie.fr"

# Pack A, by spreadsheet: Rôle, Nom, Prénom, Date de naissance, Téléphone portable, E-mail.
SHEET = [
    ("jeune", "Dupré", "Zoé", "12/03/2011", "", ""),
    ("jeune", "N'Diaye", "Moussa", "01/09/2010", "", ""),
    ("jeune", "Hoarau", "Kévin", "23/11/2009", "", ""),
    ("jeune", "Müller", "Anaïs", "04/04/2011", "", ""),
    ("jeune", "Garçon", "Noé", "15/07/2010", "", ""),
    ("jeune", "Lefèvre", "Éloïse", "06/05/2012", "", ""),
    ("responsable", "Moreau", "Camille", "", "06 12 34 56 78", "c.moreau@exemple.org"),
    ("encadrant", "Océane", "Bénédicte", "", "", ""),
]
# Added on the "Jeunes et encadrants" page: (role, last name, first name, birth date, mobile).
YOUTH = [
    ("Martin", "Léo", "2011-03-12"),
    ("Bernard", "Lina", "2010-06-01"),
    ("Thomas", "Nathan", "2012-01-20"),
    ("Robert", "Jade", "2011-10-05"),
    ("Richard", "Louis", "2010-12-24"),
    ("Durand", "Manon", "2012-08-15"),
]
SUPERVISORS = [
    ("Petit", "Sophie", "06 98 76 54 32"),
    ("Roux", "Hugo", ""),
    ("Fournier", "Inès", ""),
]


def _youth_option(last, first, birth_iso):
    return f"{last.upper()} {first} ({dt.date.fromisoformat(birth_iso):%d/%m/%Y})"


def _sheet_youth_option(row):
    return f"{row[1].upper()} {row[2]} ({row[3]})"


ZOE = _sheet_youth_option(SHEET[0])


def _supervisor_option(last, first):
    return f"{last.upper()} {first}"


@pytest.fixture
def demo_packs():
    """The demo, plus three OG packs accepted by referent1's association: 8, 8 and 4 tickets."""
    call_command("load_demo", "--force", verbosity=0)
    campaign = Campaign.objects.get(slug="cnape-2024")
    association = User.objects.get(email=REFERENT).association
    candidates = Pack.objects.filter(
        campaign=campaign,
        status=PackStatus.AVAILABLE,
        is_prestige=False,
        session__games__code="OG",
        session__date__gte=dt.date(2024, 7, 1),
        session__date__lte=dt.date(2024, 8, 31),
    ).order_by("session__date", "reference")
    chosen, sessions = [], set()
    for size in (8, 8, 4):
        pack = candidates.filter(size=size).exclude(session_id__in=sessions).first()
        sessions.add(pack.session_id)
        chosen.append(pack)
    now = clock.now()
    for pack in chosen:
        pack.status = PackStatus.ACCEPTED
        pack.save(update_fields=["status"])
        Offer.objects.create(
            campaign=campaign,
            pack=pack,
            association=association,
            status=OfferStatus.ACCEPTED,
            commitment_accepted=True,
            sent_at=now - dt.timedelta(days=2),
            expires_at=now + dt.timedelta(days=5),
            answered_at=now,
        )
    return campaign, association, chosen


def _fill_sheet(content: bytes, reference: str, path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    rows = list(sheet.iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "Lot")
    targets = [r for r in rows[header + 1 :] if r[0].value == reference]
    assert [r[1].value for r in targets] == list(range(1, 9))
    for row, values in zip(targets, SHEET, strict=True):
        for col, value in enumerate(values, start=3):
            sheet.cell(row=row[0].row, column=col, value=value or None)
    book.save(path)


def _to_campaign_page(page):
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role(
        "link", name="Bénéficiaires"
    ).click()


def _form_group(page, reference):
    _to_campaign_page(page)
    page.get_by_role("link", name="Former un groupe").click()
    page.get_by_role("checkbox", name=f"Lot {reference} —").check()
    page.get_by_role("button", name="Créer le groupe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Groupe « Groupe {reference} »")


def _name_tickets(page, labels, leader):
    for number, label in enumerate(labels, start=1):
        page.get_by_label(f"Billet n° {number}", exact=True).select_option(label=label)
    page.get_by_label(
        "Responsable (encadrant du groupe, avec un téléphone portable)"
    ).select_option(label=leader)


def _rules(page):
    return page.get_by_role("region", name="Vérification des règles")


def test_referent_names_groups_and_operator_validates(page, demo_packs, tmp_path):
    campaign, association, (pack_a, pack_b, pack_c) = demo_packs
    sign_in(page, REFERENT, DEMO_PASSWORD)

    # The attendees page, reached from the navigation.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Bénéficiaires"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bénéficiaires des billets")
    for pack in (pack_a, pack_b, pack_c):
        expect(page.get_by_role("heading", name=f"Lot {pack.reference}")).to_be_visible()
    assert axe_violations(page) == []

    # Group A by spreadsheet: download the pre-filled table, fill pack A, upload it back.
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le tableau pré-rempli (.xlsx)").click()
    filled = tmp_path / "beneficiaires.xlsx"
    _fill_sheet(download.value.path().read_bytes(), pack_a.reference, filled)
    page.get_by_role("link", name="Importer le tableau rempli").click()
    page.get_by_label("Tableau rempli (.xlsx ou .csv)").set_input_files(filled)
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("status")).to_contain_text("Tableau importé")
    expect(page.get_by_role("status")).to_contain_text("billets nommés : 8")
    expect(page.get_by_role("status")).to_contain_text("groupes créés : 1.")
    expect(page.get_by_role("link", name=f"Groupe {pack_a.reference}")).to_be_visible()
    # Only the named pack became a group: B and C stay to be grouped on the page.
    expect(page.get_by_role("heading", name=f"Lot {pack_b.reference} sans groupe")).to_be_visible()

    # People added one by one on the page.
    page.get_by_role("link", name="Jeunes et encadrants").click()
    for last, first, birth in YOUTH:
        page.get_by_label("Jeune", exact=True).check()
        page.get_by_role("textbox", name="Nom", exact=True).fill(last)
        page.get_by_role("textbox", name="Prénom", exact=True).fill(first)
        page.get_by_label("Date de naissance").fill(birth)
        page.get_by_role("button", name="Ajouter").click()
        expect(page.get_by_role("status")).to_contain_text(f"{last.upper()} {first} est ajouté")
    for last, first, mobile in SUPERVISORS:
        page.get_by_label("Encadrant", exact=True).check()
        page.get_by_role("textbox", name="Nom", exact=True).fill(last)
        page.get_by_role("textbox", name="Prénom", exact=True).fill(first)
        page.get_by_label("Téléphone portable").fill(mobile)
        page.get_by_role("button", name="Ajouter").click()
        expect(page.get_by_role("status")).to_contain_text(f"{last.upper()} {first} est ajouté")
    expect(page.get_by_role("heading", name="Jeunes (12)")).to_be_visible()
    expect(page.get_by_role("heading", name="Encadrants (5)")).to_be_visible()

    # Group B on the page: 5 youth and 3 supervisors break the ratio.
    _form_group(page, pack_b.reference)
    leader_b = Person.objects.get(association=association, last_name="Petit")
    leader_b_option = f"PETIT Sophie — {leader_b.mobile_phone}"
    youth = [_youth_option(*y) for y in YOUTH]
    supervisors = [_supervisor_option(last, first) for last, first, _m in SUPERVISORS]
    _name_tickets(page, youth[:5] + supervisors, leader_b_option)
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_text("3 encadrants pour 5 jeunes, au plus 1 permis")).to_be_visible()
    assert axe_violations(page) == []
    # The fix: the third supervisor gives way to a sixth youth.
    page.get_by_label("Billet n° 8", exact=True).select_option(label=youth[5])
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_text("au plus 1 permis")).to_have_count(0)
    # The page checks the whole association: only pack C, not grouped yet, is left to name.
    expect(page.get_by_text("1 règle à respecter avant l'envoi")).to_be_visible()
    expect(
        page.get_by_text(f"Lot {pack_c.reference} : 4 billets sans bénéficiaire")
    ).to_be_visible()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Bénéficiaires enregistrés")
    # Zoé (already on A) takes ticket 5 of B: two tickets, still allowed.
    page.get_by_label("Billet n° 5", exact=True).select_option(label=ZOE)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Bénéficiaires enregistrés")
    expect(page.get_by_text("Zoé est nommé")).to_have_count(0)

    # Group C: Zoé a third time is one ticket too many.
    _form_group(page, pack_c.reference)
    sheet_youth = [_sheet_youth_option(r) for r in SHEET[1:3]]
    _name_tickets(page, [ZOE, *sheet_youth, supervisors[0]], leader_b_option)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("Des règles restent à respecter")
    expect(page.get_by_text("DUPRÉ Zoé est nommé sur 3 billets (")).to_be_visible()
    _to_campaign_page(page)
    expect(_rules(page)).to_contain_text("DUPRÉ Zoé est nommé sur 3 billets (")
    expect(_rules(page)).to_contain_text(": au plus 2 billets par jeune.")
    page.get_by_role("link", name=f"Groupe {pack_c.reference}").click()
    page.get_by_label("Billet n° 1", exact=True).select_option(label=_sheet_youth_option(SHEET[3]))
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("status")).to_contain_text("toutes les règles sont respectées")
    _to_campaign_page(page)
    expect(_rules(page)).to_contain_text("Toutes les règles sont respectées.")
    expect(_rules(page)).not_to_contain_text("Zoé")

    # The charter, then sending the OG nominations.
    page.get_by_role("link", name="Lire et accepter la charte").click()
    page.get_by_label("J'ai lu la charte").check()
    page.get_by_role("button", name="Accepter la charte").click()
    expect(page.get_by_role("status")).to_contain_text(
        "charte d'utilisation des billets est acceptée"
    )
    page.get_by_role("link", name="Envoyer les attributions nominatives JO").click()
    page.get_by_label("J'atteste").check()
    page.get_by_role("button", name="Envoyer à l'opérateur").click()
    expect(page.get_by_role("status")).to_contain_text("sont envoyées à l'opérateur")

    # The commitment letter: the pre-filled PDF down, the signed scan up.
    page.get_by_role("link", name="Télécharger et déposer le courrier").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le courrier pré-rempli (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")
    scan = tmp_path / "courrier-signe.png"
    Image.new("RGB", (120, 160), "white").save(scan, format="PNG")
    page.get_by_label("Courrier signé (PDF, JPEG ou PNG, 5 Mo au plus)").set_input_files(scan)
    page.get_by_role("button", name="Déposer le courrier signé").click()
    expect(page.get_by_role("status")).to_contain_text("Le courrier signé est déposé")
    assert axe_violations(page) == []

    # After sending, a group is read-only; a name change goes to the operator.
    _to_campaign_page(page)
    page.get_by_role("link", name=f"Groupe {pack_b.reference}").click()
    expect(page.get_by_label("Billet n° 1", exact=True)).to_have_count(0)
    card = page.locator("li.card", has_text="Billet n° 1 :")
    expect(card).to_contain_text(youth[0].split(" (")[0])
    card.get_by_role("link", name="Demander une réattribution nominative").click()
    replacement = Person.objects.get(association=association, last_name="Richard")
    page.get_by_label("Nouveau bénéficiaire").select_option(label="RICHARD Louis (jeune)")
    page.get_by_label("Motif").fill("Léo est malade : Louis prend sa place.")
    page.get_by_role("button", name="Envoyer la demande à l'opérateur").click()
    expect(page.get_by_role("status")).to_contain_text("réattribution nominative est transmise")

    # The operator validates the letter and approves the name change.
    page.get_by_role("button", name="Se déconnecter").click()
    sign_in(page, OPERATOR, DEMO_PASSWORD)
    page.goto("/gestion/")
    page.get_by_role("link", name=campaign.name, exact=True).click()
    page.get_by_role("link", name="Attributions nominatives").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Attributions nominatives")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Vérifier le courrier").click()
    page.get_by_role("button", name="Valider le courrier").click()
    expect(page.get_by_role("status")).to_have_text("Courrier d'engagement moral validé.")
    expect(page.get_by_text("Aucun courrier en attente.")).to_be_visible()
    page.get_by_role("link", name="Traiter la réattribution").click()
    expect(page.get_by_text("RICHARD Louis")).to_be_visible()
    page.get_by_role("button", name="Approuver et appliquer").click()
    expect(page.get_by_role("status")).to_contain_text("Réattribution approuvée et appliquée")
    expect(page.get_by_text("Aucune réattribution en attente.")).to_be_visible()

    letter = CommitmentLetter.objects.get(campaign=campaign, association=association)
    assert letter.status == LetterStatus.VALIDATED
    change = NameChange.objects.get(campaign=campaign, association=association)
    assert change.status == DecisionStatus.GRANTED
    assert change.new_person == replacement
    ticket_one = Holder.objects.get(ticket__pack=pack_b, ticket__number=1)
    assert ticket_one.person == replacement
    assert change.old_person.last_name == "Martin"

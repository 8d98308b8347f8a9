"""The pages, walked with the test client: a referent names groups, the operator decides."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from billetterie.attendees.models import (
    CommitmentLetter,
    Derogation,
    Group,
    Holder,
    LetterStatus,
    NameChange,
    Person,
    Submission,
)
from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.inventory.models import Ticket
from tests.attendees.permission_rows import png_bytes

pytestmark = pytest.mark.django_db


def url(name, campaign, **kwargs):
    return reverse(name, kwargs={"campaign_slug": campaign.slug, **kwargs})


def _add(client, campaign, **fields):
    data = {"kind": "youth", "birth_date": "", "mobile_phone": "", "email": "", **fields}
    return client.post(url("portal:attendees_people", campaign), data, follow=True)


def test_referent_names_a_group_by_the_page(client, campaign, association, referent_user, accept):
    pack = accept(association, size=4, reference="JO-PAGE")
    client.force_login(referent_user)
    page = client.get(url("portal:attendees_campaign", campaign))
    assert "Lot JO-PAGE" in page.content.decode() and "sans groupe" in page.content.decode()
    for i in range(2):
        _add(
            client,
            campaign,
            last_name=f"Jeune{i}",
            first_name="Léa",
            birth_date=f"2011-0{i + 1}-01",
        )
    again = _add(client, campaign, last_name="JEUNE0", first_name="lea", birth_date="2011-01-01")
    assert "déjà enregistré" in again.content.decode()
    for i in range(2):
        _add(
            client,
            campaign,
            kind="supervisor",
            last_name=f"Chef{i}",
            first_name="Marc",
            mobile_phone=f"06 11 22 33 4{i}",
        )
    assert Person.objects.count() == 4
    response = client.post(
        url("portal:attendees_group_new", campaign), {"packs": [str(pack.pk)], "name": "Les Lilas"}
    )
    group = Group.objects.get()
    assert response.url == url("portal:attendees_group", campaign, group_id=group.pk)
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    people = {p.last_name: p.pk for p in Person.objects.all()}
    data = {
        f"billet-{t.pk}": people[n]
        for t, n in zip(tickets, ["Jeune0", "Jeune1", "Chef0", "Chef1"], strict=True)
    }
    data["responsable"] = people["Chef0"]
    checked = client.post(
        url("portal:attendees_group", campaign, group_id=group.pk), {**data, "action": "verifier"}
    )
    text = checked.content.decode()
    assert "2 encadrants pour 2 jeunes, au plus 1 permis" in text and "JO-PAGE" in text
    assert Holder.objects.count() == 0  # "Vérifier" writes nothing
    fragment = client.post(
        url("portal:attendees_group", campaign, group_id=group.pk),
        {**data, "action": "verifier", "fragment": "1"},
    )
    assert fragment.content.decode().lstrip().startswith('<div id="verification"')
    saved = client.post(
        url("portal:attendees_group", campaign, group_id=group.pk),
        {**data, "action": "enregistrer"},
        follow=True,
    )
    assert "Des règles restent à respecter" in saved.content.decode()
    assert Holder.objects.count() == 4
    derogation = client.post(
        url("portal:attendees_derogation_new", campaign, group_id=group.pk),
        {"supervisors": 2, "reason": "Sortie en fauteuil"},
    )
    assert derogation.status_code == 302 and Derogation.objects.count() == 1


def test_referent_spreadsheet_pages(client, campaign, association, referent_user, accept):
    pack = accept(association, size=2, reference="JO-XL")
    client.force_login(referent_user)
    response = client.get(url("portal:attendees_export", campaign))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.active
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Lot")
    sheet.cell(row=header + 1, column=3, value="jeune")
    sheet.cell(row=header + 1, column=4, value="Dupré")
    sheet.cell(row=header + 1, column=5, value="Zoé")
    sheet.cell(row=header + 1, column=6, value=dt.date(2011, 3, 12))
    sheet.cell(row=header + 2, column=3, value="responsable")
    sheet.cell(row=header + 2, column=4, value="Moreau")
    sheet.cell(row=header + 2, column=5, value="Camille")
    sheet.cell(row=header + 2, column=7, value="0696 20 12 34")
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("tableau.xlsx", out.getvalue())
    done = client.post(url("portal:attendees_import", campaign), {"file": upload}, follow=True)
    assert "Tableau importé" in done.content.decode()
    assert Holder.objects.filter(ticket__pack=pack).count() == 2
    bad = SimpleUploadedFile(
        "tableau.csv",
        "Lot;Billet;Rôle;Nom;Prénom;Date de naissance;Téléphone portable;E-mail\nJO-XL;1;jeune;Sans;Date;;;\n".encode(
            "cp1252"
        ),
    )
    refused = client.post(url("portal:attendees_import", campaign), {"file": bad})
    assert (
        "ligne 2, colonne « Date de naissance » : obligatoire pour un jeune"
        in refused.content.decode()
    )


def test_referent_charter_submit_letter_and_name_change(
    client, campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=8)
    persons = people(6, 2)
    name_group(pack, persons, leader=persons[6])
    client.force_login(referent_user)
    submit_url = url("portal:attendees_submit", campaign, games_code="OG")
    refused = client.post(submit_url, {"attested": "on", "action": "envoyer"})
    assert "charte" in refused.content.decode()
    client.post(url("portal:attendees_charter", campaign), {"acknowledged": "on"})
    unattested = client.post(submit_url, {"action": "envoyer"})
    assert "Attestez" in unattested.content.decode()
    sent = client.post(submit_url, {"attested": "on", "action": "envoyer"})
    assert sent.status_code == 302 and Submission.objects.count() == 1
    group = Group.objects.get()
    read_only = client.get(
        url("portal:attendees_group", campaign, group_id=group.pk)
    ).content.decode()
    assert "Demander une réattribution nominative" in read_only and 'name="billet-' not in read_only
    pdf = client.get(url("portal:attendees_letter_pdf", campaign))
    assert pdf.content.startswith(b"%PDF-")
    fake = client.post(
        url("portal:attendees_letter", campaign),
        {"file": SimpleUploadedFile("courrier.pdf", b"juste du texte")},
    )
    assert (
        "pas un PDF, un JPEG ou un PNG" in fake.content.decode()
        and CommitmentLetter.objects.count() == 0
    )
    ok = client.post(
        url("portal:attendees_letter", campaign),
        {"file": SimpleUploadedFile("scan.png", png_bytes())},
    )
    assert ok.status_code == 302 and CommitmentLetter.objects.count() == 1
    holder = Holder.objects.get(person=persons[0])
    new = people(1, 0, prefix="N")[0]
    asked = client.post(
        url("portal:attendees_name_change_new", campaign, holder_id=holder.pk),
        {"new_person": new.pk, "reason": "Enfant malade"},
    )
    assert asked.status_code == 302 and NameChange.objects.count() == 1


def test_operator_pages(
    client,
    campaign,
    association,
    referent_user,
    operator_user,
    accept,
    people,
    name_group,
    django_capture_on_commit_callbacks,
):
    from billetterie.attendees.services.letters import letter_upload
    from billetterie.attendees.services.name_changes import name_change_request
    from billetterie.attendees.services.submissions import charter_acknowledge, nomination_submit
    from billetterie.catalogue.models import Games

    pack = accept(association, size=8)
    persons = people(6, 2)
    name_group(pack, persons, leader=persons[6])
    charter_acknowledge(campaign=campaign, association=association, actor=referent_user)
    nomination_submit(
        campaign=campaign,
        association=association,
        games=Games.objects.get(code="OG"),
        attested=True,
        actor=referent_user,
    )
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    change = name_change_request(
        campaign=campaign,
        association=association,
        holder_id=Holder.objects.get(person=persons[0]).pk,
        new_person_id=people(1, 0, prefix="N")[0].pk,
        reason="Malade",
        actor=referent_user,
    )
    other_pack = accept(association, size=2, games="PG", day="2024-09-01")
    client.force_login(operator_user)
    board = client.get(url("backoffice:attendees", campaign)).content.decode()
    assert "Sauvegarde de l&#x27;Essonne" in board and "Vérifier le courrier" in board
    assert "Traiter la réattribution" in board and "Envoyé" in board
    assert (
        client.get(
            url("backoffice:attendees_association", campaign, association_id=association.pk)
        ).status_code
        == 200
    )
    response = client.post(
        url("backoffice:attendees_letter", campaign, letter_id=letter.pk),
        {"decision": "accepter", "reason": ""},
    )
    assert response.status_code == 302
    assert CommitmentLetter.objects.get(pk=letter.pk).status == LetterStatus.VALIDATED
    response = client.post(
        url("backoffice:attendees_name_change", campaign, name_change_id=change.pk),
        {"decision": "accepter", "reason": ""},
    )
    assert response.status_code == 302 and NameChange.objects.get().status == "granted"
    export = client.post(url("backoffice:attendees_changes_export", campaign))
    assert (
        export["Content-Type"].startswith("application/vnd.openxmlformats")
        and NameChange.objects.get().exported_at
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("backoffice:attendees_remind", campaign, association_id=association.pk))
    assert len(mail.outbox) == 1 and "JP : 0 billet nommé sur 2" in mail.outbox[0].body
    assert other_pack


def test_group_page_refuses_a_bad_value_and_writes_nothing(
    client, campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=2, reference="JO-BAD")
    supervisor = people(1, 1)[1]
    group, _ = name_group(pack, [])
    first, second = Ticket.objects.filter(pack=pack).order_by("number")
    client.force_login(referent_user)
    page = url("portal:attendees_group", campaign, group_id=group.pk)
    data = {f"billet-{first.pk}": "abc", f"billet-{second.pk}": "x", "responsable": supervisor.pk}
    refused = client.post(page, {**data, "action": "enregistrer"})
    text = refused.content.decode()
    assert refused.status_code == 200 and Holder.objects.count() == 0
    assert text.count("Une valeur du formulaire est invalide : rechargez la page.") == 1
    assert f'<option value="{supervisor.pk}" selected>' in text  # the leader chosen stays chosen
    fragment = client.post(page, {**data, "action": "verifier", "fragment": "1"})
    assert "rechargez la page" in fragment.content.decode()
    assert not fragment.content.decode().lstrip().startswith("<!")


def test_group_page_save_refused_by_the_service_shows_why(
    client, campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=2, reference="JO-ONE")
    person = people(1, 0)[0]
    group, _ = name_group(pack, [])
    tickets = list(Ticket.objects.filter(pack=pack).order_by("number"))
    client.force_login(referent_user)
    response = client.post(
        url("portal:attendees_group", campaign, group_id=group.pk),
        {**{f"billet-{t.pk}": person.pk for t in tickets}, "action": "enregistrer"},
    )
    assert "Rien n'est enregistré" in response.content.decode()
    assert Holder.objects.count() == 0


def test_another_associations_group_answers_404_on_post(
    client, campaign, association, referent_user, accept, name_group
):
    from billetterie.members.models import Association

    other = Association.objects.create(
        operator=campaign.operator,
        identifier="VOISINE",
        name="Voisine",
        postal_code="75001",
        town="Paris",
        departement="75",
    )
    accept(association, size=2)
    theirs = accept(other, size=2)
    group = Group.objects.create(
        campaign=campaign,
        association=other,
        session=theirs.session,
        name="Chez eux",
        created_at=dt.datetime(2024, 4, 1, tzinfo=dt.UTC),
    )
    client.force_login(referent_user)
    for name in ("portal:attendees_group", "portal:attendees_group_delete"):
        response = client.post(url(name, campaign, group_id=group.pk), {"action": "enregistrer"})
        assert response.status_code == 404
    assert Group.objects.filter(pk=group.pk).exists()


def test_person_page_deletes_a_record_without_tickets(
    client, campaign, association, referent_user, accept, people
):
    accept(association, size=2)
    person = people(1, 0)[0]
    client.force_login(referent_user)
    page = url("portal:attendees_person", campaign, person_id=person.pk)
    kept = client.post(page, {"action": "autre chose"})
    assert kept.status_code == 200 and Person.objects.filter(pk=person.pk).exists()
    deleted = client.post(page, {"action": "supprimer"}, follow=True)
    assert "est supprimé·e" in deleted.content.decode()
    assert not Person.objects.filter(pk=person.pk).exists()


def test_submit_page_checks_before_sending(
    client, campaign, association, referent_user, accept, people, name_group
):
    pack = accept(association, size=8)
    persons = people(6, 2)
    name_group(pack, persons, leader=persons[6])
    client.force_login(referent_user)
    submit_url = url("portal:attendees_submit", campaign, games_code="OG")
    unattested = client.post(submit_url, {"action": "verifier"}).content.decode()
    assert "Attestez" in unattested and Submission.objects.count() == 0
    attested = client.post(submit_url, {"attested": "on", "action": "verifier"}).content.decode()
    assert "Toutes les règles sont respectées." in attested and Submission.objects.count() == 0
    assert client.get(url("portal:attendees_submit", campaign, games_code="ZZ")).status_code == 404


def test_letter_page_puts_the_scan_error_on_the_file_field(
    client, campaign, association, referent_user, accept
):
    accept(association, size=2)
    client.force_login(referent_user)
    response = client.post(
        url("portal:attendees_letter", campaign),
        {"file": SimpleUploadedFile("courrier.pdf", b"juste du texte")},
    )
    assert 'class="error" id="id_file_erreur"' in response.content.decode()
    assert CommitmentLetter.objects.count() == 0


def test_after_the_purge_the_campaign_page_says_the_data_is_erased_instead_of_rule_failures(
    client, campaign, association, referent_user, accept, people, name_group
):
    """Found by the journey test: past the retention date the leaders are anonymised (no mobile),
    and the page listed « responsable ANONYMISÉ Anonymisé, sans numéro de téléphone portable
    valide » as rules to fix. It now says the retention period is over and what was erased."""
    pack = accept(association, size=4, reference="JO-PURGE")
    made = people(youth=3, supervisors=1)
    name_group(pack, made, leader=made[-1])
    client.force_login(referent_user)
    before = client.get(url("portal:attendees_campaign", campaign)).content.decode()
    assert "Vérification des règles" in before and "PENCADRANT0 Marc" in before
    Campaign.objects.filter(pk=campaign.pk).update(retention_until=dt.date(2024, 12, 31))
    with clock.frozen_at(dt.datetime(2025, 1, 2, 10, 0, tzinfo=dt.UTC)):
        call_command("run_periodic", stdout=io.StringIO())
        after = client.get(url("portal:attendees_campaign", campaign)).content.decode()
    assert "Vérification des règles" not in after
    assert "sans numéro de téléphone portable" not in after
    assert "PENCADRANT0" not in after
    assert "a pris fin le 31 décembre 2024" in after
    assert "Lot : JO-PURGE" in after

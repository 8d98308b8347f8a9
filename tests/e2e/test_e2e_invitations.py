"""Invitations, as a new user lives them: the operator imports an associations file, the new
referents' invitations are in the outbox and leave by e-mail, one referent opens the link in their
own browser, chooses a password, lands on the portal and signs in again later."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from billetterie.accounts.models import User
from billetterie.outbox.models import Message, Status
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

CHOSEN = "un-mot-de-passe-choisi-2024"
FILE = (
    "Identifiant;Nom;Adhérent;Code postal;Commune;Jeunes accompagnés;Référent nom;"
    "Référent prénom;Référent e-mail\r\n"
    "INV-001;Sauvegarde du Val-d'Oise;oui;95000;Cergy;40;Roux;Léa;lea.roux@exemple.org\r\n"
    "INV-002;Enfance et Familles du Nord;oui;59000;Lille;25;Nguyen;Paul;p.nguyen@exemple.org\r\n"
)


def test_an_imported_referent_follows_the_invitation_and_signs_in(
    page, browser, live_server, operator_user, campaign, tmp_path, settings
):
    settings.SITE_URL = live_server.url  # the links of the e-mails lead to this server
    upload = tmp_path / "associations.csv"
    upload.write_text(FILE, encoding="utf-8")

    # The operator imports the file from the back office.
    sign_in(page, operator_user.email, PASSWORD)
    page.goto(f"/gestion/campagnes/{campaign.slug}/imports/organisations/")
    page.get_by_label("Fichier à importer").set_input_files(upload)
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("comptes de référents créés : 2")
    expect(page.get_by_role("status")).to_contain_text("invitations envoyées : 2")

    # One message per new referent in the outbox, delivered after the import's commit.
    messages = Message.objects.filter(kind="account.invitation").order_by("recipient")
    assert [m.recipient for m in messages] == ["lea.roux@exemple.org", "p.nguyen@exemple.org"]
    assert all(m.campaign_id == campaign.pk and m.status == Status.SENT for m in messages)
    [email] = [m for m in mail.outbox if m.to == ["lea.roux@exemple.org"]]
    assert "référent de l'association « Sauvegarde du Val-d'Oise »" in email.body
    link = re.search(r"https?://\S+/compte/invitation/\S+/", email.body).group(0)
    assert link.startswith(live_server.url)

    # The « Comptes » page shows them, never signed in, invited.
    page.get_by_role("link", name="Comptes").click()
    row = page.get_by_role("row").filter(has_text="lea.roux@exemple.org")
    expect(row).to_contain_text("jamais connecté")
    expect(row.get_by_role("button", name="Inviter de nouveau")).to_be_visible()
    assert axe_violations(page) == []
    # The form that opens a staff or jury account, with its errors, is accessible too.
    page.get_by_role("link", name="Ouvrir un compte (équipe ou jury)").click()
    page.get_by_role("button", name="Ouvrir le compte et envoyer l'invitation").click()
    expect(page.get_by_text("Choisissez le rôle du compte.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role("link", name="Comptes").click()

    # The referent opens the link in their own browser and chooses a password.
    context = browser.new_context(locale="fr-FR", base_url=live_server.url)
    try:
        referent = context.new_page()
        referent.set_default_timeout(10_000)
        referent.goto(link)
        assert referent.url.endswith("/choisir/")  # the token left the address bar
        expect(referent.get_by_role("heading", level=1)).to_have_text("Choisir votre mot de passe")
        assert axe_violations(referent) == []
        referent.get_by_label(re.compile(r"^Mot de passe")).fill("court")
        referent.get_by_label("Le même mot de passe, une seconde fois").fill("court")
        referent.get_by_role("button", name="Enregistrer mon mot de passe").click()
        expect(referent.locator(".error").first).to_contain_text("trop court")
        assert axe_violations(referent) == []
        referent.get_by_label(re.compile(r"^Mot de passe")).fill(CHOSEN)
        referent.get_by_label("Le même mot de passe, une seconde fois").fill(CHOSEN)
        referent.get_by_role("button", name="Enregistrer mon mot de passe").click()
        referent.wait_for_url("**/association/")
        expect(referent.get_by_role("heading", level=1)).to_have_text("Sauvegarde du Val-d'Oise")
        expect(referent.get_by_role("status")).to_contain_text("Votre mot de passe est enregistré")

        # Signed out, they sign in with the password they chose.
        referent.get_by_role("button", name="Se déconnecter").click()
        sign_in(referent, "lea.roux@exemple.org", CHOSEN)
        expect(referent.get_by_role("heading", level=1)).to_have_text("Sauvegarde du Val-d'Oise")

        # The link served once.
        referent.get_by_role("button", name="Se déconnecter").click()
        referent.goto(link)
        expect(referent.get_by_role("heading", level=1)).to_have_text(
            "Ce lien d'invitation ne marche plus"
        )
        assert axe_violations(referent) == []
    finally:
        context.close()

    # The operator now sees when she signed in; the other referent is still to come.
    assert User.objects.get(email="lea.roux@exemple.org").last_login is not None
    page.reload()
    expect(page.get_by_role("row").filter(has_text="lea.roux@exemple.org")).not_to_contain_text(
        "jamais connecté"
    )
    expect(page.get_by_role("row").filter(has_text="p.nguyen@exemple.org")).to_contain_text(
        "jamais connecté"
    )

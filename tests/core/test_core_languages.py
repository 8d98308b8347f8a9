"""French by default, English available: the shared layout and sign-in page switch language."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from billetterie.core import clock
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from tests import factories


def test_french_by_default(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="fr">' in page and "Se connecter" in page and "Aller au contenu" in page


def test_english_on_request(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="en">' in page
    assert (
        "Sign in" in page
        and "Skip to content" in page
        and "Email address" in page
        and "Password" in page
    )


def test_language_switch_form(client, db):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("accounts:login")}
    )
    assert response.status_code == 302
    assert "Sign in" in client.get(reverse("accounts:login")).content.decode()


def _portal_page(client, referent_user, name, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(referent_user)
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def test_portal_home_in_english(client, referent_user):
    page = _portal_page(client, referent_user, "portal:home", "en")
    assert '<html lang="en">' in page
    for english in ("My association", "Applications", "Pack offers", "Ticket holders"):
        assert english in page
    assert "Your association has no application yet." in page
    for french in ("Mon association", "Propositions de lots", "Bénéficiaires", "Candidater"):
        assert french not in page


def test_portal_offers_page_in_english(client, referent_user):
    page = _portal_page(client, referent_user, "portal:offers", "en")
    assert "Each pack is taken whole or not at all" in page
    assert "Awaiting your reply (0)" in page and "No pack is awaiting your reply." in page
    assert "Accepted packs (0)" in page and "No past offers." in page
    assert 'aria-label="Breadcrumb"' in page
    for french in ("Chaque lot se prend", "À répondre", "Lots acceptés", "Fil d'Ariane"):
        assert french not in page


def test_portal_applications_list_in_english(client, referent_user, campaign):
    page = _portal_page(client, referent_user, "portal:applications", "en")
    assert "Applications from Sauvegarde de l&#x27;Essonne" in page
    assert "Applications by Games — " in page
    for english in (
        "Young people",
        "Supervisors",
        "Cities, in order of preference",
        "No application",
    ):
        assert english in page
    for french in ("Candidatures de", "Jeunes", "Encadrants", "Pas de candidature"):
        assert french not in page


def test_portal_stays_in_french_by_default(client, referent_user, campaign):
    home = _portal_page(client, referent_user, "portal:home")
    assert '<html lang="fr">' in home
    assert "Mon association" in home and "Votre association n'a pas encore de candidature." in home
    assert "My association" not in home
    offers = _portal_page(client, referent_user, "portal:offers")
    assert "Chaque lot se prend en entier ou pas du tout" in offers
    assert "À répondre (0)" in offers and "Aucun lot n'attend votre réponse." in offers
    assert "Pack offers" not in offers
    applications = _portal_page(client, referent_user, "portal:applications")
    assert "Candidatures de Sauvegarde de l&#x27;Essonne" in applications
    assert "Jeunes" in applications and "Pas de candidature" in applications
    assert "Young people" not in applications


def _backoffice_page(client, operator_user, url, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(operator_user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_backoffice_home_in_english(client, operator_user, campaign):
    page = _backoffice_page(client, operator_user, reverse("backoffice:home"), "en")
    assert '<html lang="en">' in page
    for english in ("Campaigns", "Create a campaign", "Your campaigns and their figures"):
        assert english in page
    assert "Applicant associations" in page and "Waiting list" in page
    for french in ("Campagnes", "Créer une campagne", "Vos campagnes et leurs chiffres"):
        assert french not in page


def test_backoffice_campaign_page_in_english(client, operator_user, campaign):
    url = reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug})
    page = _backoffice_page(client, operator_user, url, "en")
    for english in (
        "Applications and waiting list",
        "Pack allocation (waves)",
        "Activity log",
        "Schedule",
        "Time to reply to offers",
        "Rules",
        "Tickets per young person",
    ):
        assert english in page
    for french in (
        "Candidatures et liste d'attente",
        "Journal des actions",
        "Calendrier",
        "Règles",
    ):
        assert french not in page


def test_backoffice_runs_page_in_english(client, operator_user, campaign):
    url = reverse("backoffice:runs", kwargs={"campaign_slug": campaign.slug})
    page = _backoffice_page(client, operator_user, url, "en")
    for english in (
        "Pack allocation",
        "Packs available now",
        "Start an allocation run",
        "No allocation run yet.",
    ):
        assert english in page
    for french in ("Attribution des lots", "Lots disponibles maintenant", "Lancer le calcul"):
        assert french not in page


def test_backoffice_stays_in_french_by_default(client, operator_user, campaign):
    home = _backoffice_page(client, operator_user, reverse("backoffice:home"))
    assert '<html lang="fr">' in home
    assert "Créer une campagne" in home and "Vos campagnes et leurs chiffres" in home
    assert "Create a campaign" not in home
    detail = _backoffice_page(
        client,
        operator_user,
        reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug}),
    )
    assert "Journal des actions" in detail and "Calendrier" in detail
    assert "Activity log" not in detail
    runs = _backoffice_page(
        client, operator_user, reverse("backoffice:runs", kwargs={"campaign_slug": campaign.slug})
    )
    assert "Attribution des lots" in runs and "Aucun calcul pour l'instant." in runs
    assert "Start an allocation run" not in runs


@pytest.fixture
def accepted_pack(campaign, association):
    """An accepted pack for `association`, seen in spring 2024 (names still editable)."""
    with clock.frozen_at("2024-04-02"):
        pack = factories.pack(campaign=campaign, size=4, reference="JO-LANGUE")
        pack.status = PackStatus.ACCEPTED
        pack.save(update_fields=["status"])
        now = clock.now()
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
        yield pack


def _attendees_page(client, referent_user, campaign, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(referent_user)
    url = reverse("portal:attendees_campaign", kwargs={"campaign_slug": campaign.slug})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_attendees_campaign_page_in_english(client, referent_user, campaign, accepted_pack):
    page = _attendees_page(client, referent_user, campaign, "en")
    assert '<html lang="en">' in page
    for english in (
        "Ticket holders",
        "Young people and supervisors",
        "Download the pre-filled spreadsheet (.xlsx)",
        "Rule check",
        "0 tickets named out of 4",
        "Pack JO-LANGUE",
        "no group",
        "Form a group",
        "Ticket use charter",
        "Commitment letter",
        "Derogations to the supervision ratio",
        "Name changes",
    ):
        assert english in page
    for french in ("Bénéficiaires des billets", "Jeunes et encadrants", "Former un groupe"):
        assert french not in page


def test_attendees_campaign_page_stays_in_french_by_default(
    client, referent_user, campaign, accepted_pack
):
    page = _attendees_page(client, referent_user, campaign)
    assert '<html lang="fr">' in page
    assert "Bénéficiaires des billets" in page and "Jeunes et encadrants" in page
    assert "0 billets nommés sur 4" in page and "Lot JO-LANGUE" in page
    assert "Ticket holders" not in page and "Form a group" not in page


def test_import_page_in_english(client, operator_user, campaign):
    url = reverse(
        "backoffice:import_upload", kwargs={"campaign_slug": campaign.slug, "kind": "packs"}
    )
    page = _backoffice_page(client, operator_user, url, "en")
    for english in (
        "Check without saving",
        "Expected columns",
        "Download a template to fill in (.csv)",
        "Required column",
        "Imports",
    ):
        assert english in page
    for french in ("Vérifier sans enregistrer", "Colonnes attendues", "Colonne obligatoire"):
        assert french not in page
    french = _backoffice_page(client, operator_user, url, "fr")
    assert "Vérifier sans enregistrer" in french and "Colonnes attendues" in french
    assert "Check without saving" not in french

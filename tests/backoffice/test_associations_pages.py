"""The operator's associations: a list to search, and one association corrected after a preview."""

import pytest
from django.urls import reverse

from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.members.models import Association
from tests.backoffice.conftest import preview_then_confirm, seen_token


def _list(campaign):
    return reverse("backoffice:associations", kwargs={"campaign_slug": campaign.slug})


def _edit(campaign, association):
    return reverse(
        "backoffice:association",
        kwargs={"campaign_slug": campaign.slug, "association_id": association.pk},
    )


def _data(association, **changes):
    data = {
        "name": association.name,
        "postal_code": association.postal_code,
        "town": association.town,
        "youth_followed": association.youth_followed,
    }
    if association.is_member:
        data["is_member"] = "on"
    return {**data, **changes}


@pytest.fixture
def stranger(db):
    """An association of another operator."""
    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre fédération")
    return Association.objects.create(
        operator=other.operator,
        identifier="X-1",
        name="Association d'un autre opérateur",
        postal_code="13001",
        town="Marseille",
        departement="13",
    )


def test_the_list_shows_the_operators_associations_only_and_finds_them(
    operator_client, campaign, make_association, stranger
):
    make_association(name="Sauvegarde de l'Essonne", postal_code="91000", town="Évry")
    make_association(name="Foyer du Nord", identifier="NORD-7", postal_code="59000", town="Lille")
    make_association(name="Maison d'enfants", is_member=False, town="Paris")
    page = operator_client.get(_list(campaign)).content.decode()
    assert "3 associations" in page and "Association d&#x27;un autre opérateur" not in page
    found = operator_client.get(_list(campaign), {"q": "nord-7"}).content.decode()
    assert "Foyer du Nord" in found and "Sauvegarde" not in found
    by_town = operator_client.get(_list(campaign), {"q": "Lille"}).content.decode()
    assert "1 association " in by_town and "Foyer du Nord" in by_town
    members = operator_client.get(_list(campaign), {"member": "non"}).content.decode()
    assert "Maison d&#x27;enfants" in members and "Foyer du Nord" not in members
    assert (
        "Aucune association pour ces critères."
        in operator_client.get(_list(campaign), {"q": "introuvable"}).content.decode()
    )


def test_the_list_is_paginated(operator_client, campaign, make_association):
    for _ in range(55):
        make_association()
    first = operator_client.get(_list(campaign)).content.decode()
    assert "55 associations (page 1 sur 2)" in first and "Page suivante" in first
    second = operator_client.get(_list(campaign), {"page": 2}).content.decode()
    assert "(page 2 sur 2)" in second and "Page précédente" in second


def test_a_new_postal_code_shows_its_departement_then_is_saved_on_confirmation(
    operator_client, campaign, association
):
    url = _edit(campaign, association)
    assert "Corriger les informations" in operator_client.get(url).content.decode()
    data = _data(association, postal_code="97400", town="Saint-Denis")
    preview = operator_client.post(url, data).content.decode()
    assert "75011 — Paris (75)" in preview
    assert "97400 — La Réunion (974)" in preview
    assert "sa position sur la carte suit" in preview
    association.refresh_from_db()
    assert (association.postal_code, association.departement) == ("75011", "75")
    assert not AuditEntry.objects.filter(action="association.updated").exists()

    confirmed = operator_client.post(url, {**data, "step": "confirm", "seen": seen_token(preview)})
    assert confirmed.status_code == 302 and confirmed.url == _list(campaign)
    association.refresh_from_db()
    assert (association.postal_code, association.town, association.departement) == (
        "97400",
        "Saint-Denis",
        "974",
    )
    assert AuditEntry.objects.filter(action="association.updated").count() == 1
    history = operator_client.get(url).content.decode()
    assert "Association modifiée par l&#x27;opérateur" in history and "code postal" in history


def test_no_longer_a_member_says_what_follows(operator_client, campaign, association):
    data = _data(association)
    del data["is_member"]
    page = operator_client.post(_edit(campaign, association), data).content.decode()
    assert "ne peut plus candidater" in page
    association.refresh_from_db()
    assert association.is_member is True


def test_an_unknown_postal_code_is_refused_before_the_preview(
    operator_client, campaign, association
):
    url = _edit(campaign, association)
    page = operator_client.post(url, _data(association, postal_code="00000")).content.decode()
    assert "Ce code postal ne correspond à aucun département connu." in page
    assert "Vérifiez avant d'enregistrer" not in page
    bad = operator_client.post(url, _data(association, postal_code="75")).content.decode()
    assert "Le code postal s&#x27;écrit avec cinq chiffres." in bad
    association.refresh_from_db()
    assert association.postal_code == "75011"


def test_a_forged_confirmation_writes_nothing(operator_client, campaign, association):
    data = {**_data(association, name="Nom forgé"), "step": "confirm", "seen": "abc"}
    page = operator_client.post(_edit(campaign, association), data).content.decode()
    assert "ont été modifiées depuis votre aperçu" in page
    association.refresh_from_db()
    assert association.name == "Sauvegarde de l'Essonne"


def test_a_new_name_is_saved(operator_client, campaign, association):
    _, confirmed = preview_then_confirm(
        operator_client, _edit(campaign, association), _data(association, name="SEA 91")
    )
    assert confirmed.status_code == 302
    association.refresh_from_db()
    assert association.name == "SEA 91"


def test_another_operators_association_is_not_found(operator_client, campaign, stranger):
    url = _edit(campaign, stranger)
    assert operator_client.get(url).status_code == 404
    assert operator_client.post(url, _data(stranger, name="Pris")).status_code == 404
    stranger.refresh_from_db()
    assert stranger.name == "Association d'un autre opérateur"

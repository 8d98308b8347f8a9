"""The « Temps de trajet » pages of the back office: the list, the correction, the invitation."""

import pytest
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.lodging.models import FarInvitation, LodgingSettings, TravelOverride
from billetterie.outbox.models import Message
from tests.conftest import PASSWORD
from tests.factories import application

LOZERE = dict(
    postal_code="48220",
    town="Le Pont-de-Montvert",
    departement="48",
    latitude=44.365,
    longitude=3.745,
)
CRETEIL = dict(
    postal_code="94000", town="Créteil", departement="94", latitude=48.7904, longitude=2.4556
)


@pytest.fixture
def world(campaign, make_association, make_referent):
    far = make_association(name="Foyer des Cévennes", **LOZERE)
    near = make_association(name="Maison de Créteil", **CRETEIL)
    for association, email in ((far, "cevennes@example.org"), (near, "creteil@example.org")):
        make_referent(association, email)
        application(campaign=campaign, association=association)
    return {"far": far, "near": near}


def _url(campaign, name, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


def test_the_campaign_page_links_to_the_travel_times(campaign, operator_client):
    page = operator_client.get(
        reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug})
    )
    assert _url(campaign, "lodging_travel") in page.content.decode()


def test_the_list_farthest_first_with_the_explanation(campaign, world, operator_client):
    page = operator_client.get(_url(campaign, "lodging_travel")).content.decode()
    assert page.index("Foyer des Cévennes") < page.index("Maison de Créteil")
    assert "<details><summary>Détail" in page and "Route jusqu&#x27;à la gare de Nîmes" in page
    assert "éloignée</span>" in page
    only_far = operator_client.get(
        _url(campaign, "lodging_travel") + "?far_only=on"
    ).content.decode()
    assert "Foyer des Cévennes" in only_far and "Maison de Créteil" not in only_far
    # junk in the query: still the page
    assert (
        operator_client.get(_url(campaign, "lodging_travel") + "?page=abc&far_only=x").status_code
        == 200
    )


def test_the_list_is_paginated_over_100_rows(campaign, make_association, operator_client):
    for i in range(105):
        application(
            campaign=campaign, association=make_association(name=f"Asso {i:03d}", **CRETEIL)
        )
    page = operator_client.get(_url(campaign, "lodging_travel")).content.decode()
    assert "page 1 sur 2" in page and "Page suivante" in page
    second = operator_client.get(_url(campaign, "lodging_travel") + "?page=2").content.decode()
    assert "page 2 sur 2" in second


def test_the_override_then_back_to_the_estimate(campaign, world, operator_client):
    url = _url(campaign, "lodging_travel_override", association_id=world["near"].pk)
    assert "Route directe" in operator_client.get(url).content.decode()
    response = operator_client.post(url, {"minutes": "3:15", "reason": "Pas de voiture"})
    assert response.status_code == 302
    assert TravelOverride.objects.get().minutes == 195
    listing = operator_client.get(_url(campaign, "lodging_travel")).content.decode()
    assert "3 h 15" in listing and "corrigé" in listing and "Pas de voiture" in listing
    form = operator_client.get(url).content.decode()
    assert "Revenir à l'estimation" in form and 'value="3 h 15"' in form
    operator_client.post(url, {"clear": "1"})
    assert not TravelOverride.objects.exists()
    assert AuditEntry.objects.filter(action="lodging.travel_override_cleared").count() == 1


@pytest.mark.parametrize(
    "data,message",
    [
        ({"minutes": "trois heures", "reason": "x"}, "Temps de trajet : écrivez des heures"),
        ({"minutes": "0", "reason": "x"}, "Temps de trajet : indiquez entre 1 minute et 48 heures"),
        ({"minutes": "2:75", "reason": "x"}, "Temps de trajet : écrivez des heures"),
        ({"minutes": "150", "reason": ""}, "Ce champ est obligatoire"),
    ],
)
def test_bad_minutes_french_error_nothing_changed(campaign, world, operator_client, data, message):
    url = _url(campaign, "lodging_travel_override", association_id=world["near"].pk)
    response = operator_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not TravelOverride.objects.exists()


def test_another_operators_campaign_or_association_is_404(campaign, world, client):
    other = campaign_create(
        slug="autre-2024", name="Autre campagne", operator_name="Autre fédération"
    )
    stranger = User.objects.create_user(
        "autre@example.org",
        PASSWORD,
        role=Role.OPERATOR_STAFF,
        operator=other.operator,
        is_staff=True,
    )
    client.force_login(stranger)
    assert client.get(_url(campaign, "lodging_travel")).status_code == 404
    assert client.get(_url(campaign, "lodging_travel_invite")).status_code == 404
    url = _url(campaign, "lodging_travel_override", association_id=world["far"].pk)
    assert client.post(url, {"minutes": "60", "reason": "x"}).status_code == 404
    # their own campaign, our association: 404 as well
    url = _url(other, "lodging_travel_override", association_id=world["far"].pk)
    assert client.post(url, {"minutes": "60", "reason": "x"}).status_code == 404
    assert not TravelOverride.objects.exists()


def test_the_invitation_shows_who_then_sends_once(campaign, world, operator_client):
    LodgingSettings.objects.create(campaign=campaign)
    url = _url(campaign, "lodging_travel_invite")
    preview = operator_client.get(url)
    text = preview.content.decode()
    assert "Foyer des Cévennes" in text and "Maison de Créteil" not in text
    assert "1 association</strong>" in text and not Message.objects.exists()
    seen = preview.context["form"]["seen"].value()
    response = operator_client.post(url, {"seen": seen}, follow=True)
    assert (
        "Invitation à déclarer les besoins d&#x27;hébergement envoyée à 1 association"
        in response.content.decode()
    )
    assert Message.objects.filter(kind="lodging.far_invitation").count() == 1
    assert FarInvitation.objects.count() == 1
    # again: nothing to send, and it says so
    again = operator_client.get(url).content.decode()
    assert "Personne à inviter" in again
    response = operator_client.post(
        url, {"seen": operator_client.get(url).context["form"]["seen"].value()}, follow=True
    )
    assert "Aucune invitation envoyée" in response.content.decode()
    assert Message.objects.filter(kind="lodging.far_invitation").count() == 1


def test_a_stale_invitation_list_is_shown_again(campaign, world, operator_client):
    url = _url(campaign, "lodging_travel_invite")
    response = operator_client.post(url, {"seen": "autre-chose"})
    assert response.status_code == 200 and "La liste a changé" in response.content.decode()
    assert not Message.objects.exists()


def test_the_invitation_page_says_to_open_lodging_first(campaign, world, operator_client):
    page = operator_client.get(_url(campaign, "lodging_travel_invite")).content.decode()
    assert "qui n'existe qu'une fois les réglages" in page
    assert "Envoyer l'invitation" not in page

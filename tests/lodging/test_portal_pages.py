"""The portal's « Hébergement » pages: GET and POST, French errors, nothing changed on bad input,
another association's objects → 404, the nav entry only where lodging is open."""

import datetime as dt
import html
import re

import pytest
from django.urls import reverse

from billetterie.lodging.models import HostOffer, Need, PlacementStatus
from tests.lodging import portal_world as w

pytestmark = pytest.mark.django_db
D = dt.date


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _url(name, campaign, **kwargs):
    return reverse(f"portal:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


NEED_POST = {
    "nights": ["2024-07-26", "2024-07-27"],
    "youth": "10",
    "age_min": "10",
    "age_max": "14",
    "girls": "",
    "boys": "",
    "supervisors": "2",
    "wheelchair_users": "0",
    "accessibility": "",
    "comment": "",
    "contact_name": "Gaëlle Référente",
    "contact_phone": "06 11 22 33 44",
    "contact_email": "guest@example.org",
}


def test_the_nav_shows_lodging_only_where_it_is_open(client, campaign, guest_user):
    client.force_login(guest_user)
    assert "Hébergement" not in _text(client.get(reverse("portal:home")))
    w.lodging_open(campaign)
    page = _text(client.get(reverse("portal:home")))
    assert reverse("portal:lodging") in page and "Hébergement" in page
    assert client.get(reverse("portal:lodging")).url == _url("lodging_campaign", campaign)


def test_without_a_pack_in_ile_de_france_the_page_says_why(
    client, campaign, guest, guest_user, lodging
):
    w.accepted_pack(campaign, guest, city="Lille")
    client.force_login(guest_user)
    page = _text(client.get(_url("lodging_campaign", campaign)))
    assert "aucun lot dont l'épreuve a lieu en Île-de-France" in page
    assert "plus de 2 h 30 de Paris" in page
    page = _text(client.get(_url("lodging_need_new", campaign)))
    assert "aucun lot dont l'épreuve a lieu en Île-de-France" in page


def test_declaring_a_need(client, campaign, guest_user, paris_pack):
    client.force_login(guest_user)
    page = _text(client.get(_url("lodging_need_new", campaign)))
    assert "nuit du 26 au 27 juillet — veille de Athlétisme, 27 juillet" in page
    assert 'value="Gaëlle Référente"' in page and "certains hébergeurs le demandent" in page
    response = client.post(_url("lodging_need_new", campaign), NEED_POST)
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.first_night, need.last_night, need.contact_phone) == (
        D(2024, 7, 26),
        D(2024, 7, 27),
        "06 11 22 33 44",
    )
    page = _text(client.get(response.url))
    assert "2 nuits, du 26 au 28 juillet" in page


def test_need_errors_are_in_french_and_change_nothing(
    client, campaign, guest, guest_user, paris_pack
):
    w.accepted_pack(campaign, guest, day="2024-07-30")
    client.force_login(guest_user)
    url = _url("lodging_need_new", campaign)
    page = _text(client.post(url, NEED_POST | {"nights": ["2024-07-26", "2024-07-29"]}))
    assert "Les nuits d'un même séjour doivent se suivre" in page
    page = _text(client.post(url, NEED_POST | {"girls": "3", "boys": "3"}))
    assert "ils doivent faire le nombre de jeunes (10)" in page
    page = _text(client.post(url, NEED_POST | {"nights": ["2024-08-15"], "youth": "abc"}))
    assert "Indiquez un nombre entier." in page
    assert not Need.objects.exists()


def test_editing_a_need_under_a_live_proposal(
    client, campaign, guest, guest_user, host, paris_pack
):
    need = w.need(campaign, guest)
    placement = w.published(need, w.host_offer(campaign, host))
    client.force_login(guest_user)
    url = _url("lodging_need", campaign, need_id=need.pk)
    page = _text(client.get(url))
    assert "refusez d'abord la proposition" in page
    assert re.search(r'value="2024-07-26"[^>]*checked', page)
    page = _text(client.post(url, NEED_POST | {"nights": ["2024-07-26"]}))
    assert "pour changer les nuits ou le groupe, refusez d'abord" in page
    need.refresh_from_db()
    assert need.last_night == D(2024, 7, 27)
    post = NEED_POST | {
        "youth": "10",
        "supervisors": "2",
        "contact_name": "Noémie Invitée",
        "contact_phone": "05 56 00 11 22",
        "contact_email": "noemie.invitee@example.org",
        "comment": "Arrivée tardive",
    }
    assert client.post(url, post).status_code == 302
    need.refresh_from_db()
    assert need.comment == "Arrivée tardive"
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.PENDING


def test_withdrawing_a_need_says_what_happens(
    client, campaign, guest, guest_user, host, paris_pack
):
    need = w.need(campaign, guest)
    placement = w.published(need, w.host_offer(campaign, host))
    client.force_login(guest_user)
    url = _url("lodging_need_withdraw", campaign, need_id=need.pk)
    page = _text(client.get(url))
    assert "sera refusée avec lui" in page and "hébergeur prévenu" in page
    assert client.post(url).status_code == 302
    need.refresh_from_db()
    placement.refresh_from_db()
    assert need.withdrawn_at and placement.status == PlacementStatus.REFUSED
    assert client.get(url).status_code == 404  # withdrawn: no longer one of its needs


def _offer_post(**beds):
    data = {
        "place_name": "Maison des Tilleuls",
        "address": "12 rue des Tilleuls",
        "postal_code": "94300",
        "town": "Vincennes",
        "default_beds": "",
        "age_min": "6",
        "age_max": "18",
        "mixed_groups": "on",
        "accessibility": "",
        "price_per_night": "",
        "meals": "none",
        "conditions": "",
        "insurance_notes": "",
        "contact_name": "Hector Hôte",
        "contact_phone": "01 43 00 99 88",
        "contact_email": "hector@example.org",
    }
    data.update({f"beds_{night}": value for night, value in beds.items()})
    return data


def test_offering_a_place(client, campaign, host, host_user, paris_pack):
    client.force_login(host_user)
    url = _url("lodging_offer_new", campaign)
    page = _text(client.get(url))
    assert 'name="beds_2024-07-26"' in page and "Lits par nuit" in page
    assert "compté comme éloigné" in page
    page = _text(client.post(url, _offer_post()))
    assert "Indiquez des lits pour au moins une nuit." in page
    assert (
        client.post(url, _offer_post(**{"2024-07-27": "4"}) | {"default_beds": "10"}).status_code
        == 302
    )
    offer = HostOffer.objects.get()
    assert {n.night: n.beds for n in offer.nights.all()} == {D(2024, 7, 26): 10, D(2024, 7, 27): 4}
    assert offer.price_per_night is None and offer.latitude == host.latitude


def test_lowering_beds_under_a_proposal_names_the_night(
    client, campaign, guest, host, host_user, paris_pack
):
    offer = w.host_offer(campaign, host, beds=20, nights=[D(2024, 7, 26), D(2024, 7, 27)])
    w.published(w.need(campaign, guest), offer)
    client.force_login(host_user)
    url = _url("lodging_offer", campaign, offer_id=offer.pk)
    assert 'value="20"' in _text(client.get(url))
    page = _text(client.post(url, _offer_post(**{"2024-07-26": "20", "2024-07-27": "3"})))
    assert "Nuit du 27 au 28 juillet : 12 lits sont déjà pris" in page


def test_withdrawing_an_offer_with_a_confirmed_stay_is_refused(
    client, campaign, guest, host, host_user, paris_pack
):
    offer = w.host_offer(campaign, host)
    w.published(w.need(campaign, guest), offer, status=PlacementStatus.CONFIRMED)
    client.force_login(host_user)
    url = _url("lodging_offer_withdraw", campaign, offer_id=offer.pk)
    assert "contactez l'opérateur" in _text(client.get(url))
    page = _text(client.post(url))
    assert "contactez l'opérateur" in page
    offer.refresh_from_db()
    assert offer.withdrawn_at is None


def test_answering_a_proposal(client, campaign, guest, guest_user, host, host_user, paris_pack):
    placement = w.published(w.need(campaign, guest), w.host_offer(campaign, host))
    url = _url("lodging_placement", campaign, placement_id=placement.pk)
    client.force_login(host_user)
    page = _text(client.post(url, {"decision": "refuse", "reason": ""}))
    assert "Indiquez le motif du refus" in page
    page = _text(client.post(url, {"decision": "peut-être"}))
    assert "Choisissez d'accepter ou de refuser" in page
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "il reste à l'autre association à répondre" in _text(response)
    client.force_login(guest_user)
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "Vous avez accepté tous les deux" in _text(response)
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CONFIRMED


def test_the_other_sides_objects_answer_404(
    client, campaign, guest, guest_user, host, host_user, paris_pack
):
    need = w.need(campaign, guest)
    offer = w.host_offer(campaign, host)
    placement = w.published(need, offer)
    client.force_login(host_user)  # the host sees the proposal, never the guest's need page
    assert client.get(_url("lodging_need", campaign, need_id=need.pk)).status_code == 404
    assert client.post(_url("lodging_need_withdraw", campaign, need_id=need.pk)).status_code == 404
    assert (
        client.get(_url("lodging_placement", campaign, placement_id=placement.pk)).status_code
        == 200
    )
    client.force_login(guest_user)
    assert client.get(_url("lodging_offer", campaign, offer_id=offer.pk)).status_code == 404
    assert (
        client.post(_url("lodging_offer_withdraw", campaign, offer_id=offer.pk)).status_code == 404
    )
    placement.status, placement.published_at = PlacementStatus.DRAFT, None
    placement.save()
    assert (
        client.get(_url("lodging_placement", campaign, placement_id=placement.pk)).status_code
        == 404
    )


def test_the_practical_page(client, campaign, guest_user, lodging):
    client.force_login(guest_user)
    url = _url("lodging_practical", campaign)
    assert "pas encore été rédigée par l'opérateur" in _text(client.get(url))
    lodging.practical_text = "Assurance : <b>vérifiez</b>.\n\nResponsabilité la nuit."
    lodging.save()
    page = client.get(url).content.decode()  # raw: the operator's text is escaped
    assert "<p>Assurance : &lt;b&gt;vérifiez&lt;/b&gt;.</p>" in page
    assert "<p>Responsabilité la nuit.</p>" in page


def test_a_campaign_without_lodging_answers_404(client, campaign, guest_user):
    client.force_login(guest_user)
    assert client.get(_url("lodging_campaign", campaign)).status_code == 404
    assert "aucune campagne" in _text(client.get(reverse("portal:lodging")))


def test_a_far_association_is_told_to_declare(client, campaign, guest_user, lodging):
    """Bordeaux is over 2 h 30 from Paris by the documented model: the banner says so, with the
    estimate and how it was made. Under a threshold of a whole day, it is not far: no banner."""
    client.force_login(guest_user)
    page = client.get(f"/association/hebergement/{campaign.slug}/").content.decode()
    assert "Votre association est à plus de 2 h 30 de trajet" in page
    assert "Bordeaux" in page  # the explanation names the station it goes through
    lodging.threshold_minutes = 24 * 60
    lodging.save()
    page = client.get(f"/association/hebergement/{campaign.slug}/").content.decode()
    assert "Votre association est à plus de" not in page

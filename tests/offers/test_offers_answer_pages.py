"""Answering several offers at once in the portal: the board's selection and totals, the
confirmation page (one commitment), and what the confirmation says and does."""

import datetime as dt

from django.db.models import F
from django.urls import reverse

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offer_accept

URL = reverse("portal:offers_answer")


def _page(response) -> str:
    return response.content.decode()


def _statuses(offers):
    return [Offer.objects.get(pk=o.pk).status for o in offers]


def _games_key(offer):
    return f"{offer.campaign_id}-{offer.pack.session.games_id}"


def test_board_shows_totals_per_games_and_the_conditions_once(
    client, association, referent_user, make_pack, offer_packs, apply_for
):
    apply_for(association, youth=9, supervisors=3)
    jo = offer_packs([(make_pack(size=4), association) for _ in range(3)])
    [jp] = offer_packs([(make_pack(games_code="PG", size=2), association)])
    offer_accept(offer_id=jo[0].pk, association=association, actor=referent_user, commitment=True)
    client.force_login(referent_user)
    html = _page(client.get(reverse("portal:offers")))
    assert "Billets demandés et lots proposés" in html
    # JO: 12 requested, 3 packs (12 tickets) offered, 1 accepted, 2 to answer; JP: no application.
    assert '12 billets <span class="tally-packs">(3 lots)</span>' in html
    assert '4 billets <span class="tally-packs">(1 lot)</span>' in html
    assert "sans candidature" in html
    assert "2 lots à répondre (8 billets) — 12 billets demandés, 4 déjà acceptés." in html
    assert f'name="tous" value="{_games_key(jo[1])}"' in html
    assert "Tout sélectionner : les 2 lots JO à répondre" in html
    assert "Tout sélectionner : le lot JP à répondre" in html
    for offer in (jo[1], jo[2], jp):
        assert f'name="lot" value="{offer.pk}"' in html
        assert f'href="{reverse("portal:offer_accept", kwargs={"offer_id": offer.pk})}"' in html
    assert 'value="accepter"' in html and 'value="desister"' in html
    # The commitment is no longer repeated on every pack: the conditions are there once.
    assert html.count("au plus 1 encadrant pour 3 jeunes") == 1
    assert "engagement-" not in html


def test_confirmation_lists_the_selection_with_totals_and_one_commitment(
    client, association, referent_user, make_pack, offer_packs, apply_for
):
    apply_for(association, youth=9, supervisors=3)
    offers = offer_packs([(make_pack(size=4), association) for _ in range(3)])
    client.force_login(referent_user)
    response = client.get(URL, {"lot": [offers[0].pk, offers[1].pk], "reponse": "accepter"})
    assert response.status_code == 200
    html = _page(response)
    assert "Vous acceptez 2 lots (8 billets)" in html
    assert "Lot LOT-001</strong>" in html and "Lot LOT-002</strong>" in html
    assert html.count("au plus 1 encadrant pour 3 jeunes") == 1
    assert "de chacun des 2 lots acceptés" in html
    assert html.count('type="checkbox"') == 1
    assert f'name="accepter" value="{offers[0].pk}"' in html
    assert "Confirmer : accepter ces 2 lots" in html
    # The third pack stays to answer, and can be declined in the same confirmation.
    assert "Un autre lot de ces Jeux attend encore votre réponse" in html
    assert f"desister={offers[2].pk}" in html and "Me désister aussi de cet autre lot" in html
    assert _statuses(offers) == [OfferStatus.PENDING] * 3


def test_tout_selectionner_stands_for_the_open_offers_of_that_games_only(
    client, association, referent_user, make_pack, offer_packs
):
    jo = offer_packs([(make_pack(), association) for _ in range(2)])
    [jp] = offer_packs([(make_pack(games_code="PG"), association)])
    client.force_login(referent_user)
    html = _page(client.get(URL, {"tous": _games_key(jo[0]), "reponse": "desister"}))
    assert "Vous vous désistez de 2 lots (8 billets)" in html
    assert f'name="desister" value="{jo[0].pk}"' in html
    assert f'name="desister" value="{jo[1].pk}"' in html
    assert f'name="desister" value="{jp.pk}"' not in html
    assert "Confirmer le désistement de ces 2 lots" in html and "button-danger" in html
    assert 'name="engagement"' not in html


def test_confirming_answers_all_at_once_and_a_replay_changes_nothing(
    client, association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(3)])
    client.force_login(referent_user)
    data = {"accepter": [offers[0].pk, offers[1].pk], "desister": [offers[2].pk]}
    response = client.post(URL, {**data, "engagement": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("portal:offers"), 302)]
    html = _page(response)
    assert "Acceptés : 2 lots (8 billets) : LOT-001, LOT-002." in html
    assert "Désistements enregistrés : 1 lot (4 billets) : LOT-003." in html
    assert _statuses(offers) == [OfferStatus.ACCEPTED, OfferStatus.ACCEPTED, OfferStatus.DECLINED]
    replay = _page(client.post(URL, {**data, "engagement": "on"}, follow=True))
    assert "Réponses déjà enregistrées, rien n&#x27;a changé : 3 lots (12 billets)" in replay
    assert AuditEntry.objects.filter(action="offer.accepted").count() == 2
    assert AuditEntry.objects.filter(action="offer.declined").count() == 1


def test_confirming_without_the_commitment_shows_the_error_on_the_box(
    client, association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(2)])
    client.force_login(referent_user)
    response = client.post(URL, {"accepter": [o.pk for o in offers]})
    assert response.status_code == 200
    html = _page(response)
    assert "Pour accepter ces lots, cochez l&#x27;engagement" in html
    assert 'aria-invalid="true"' in html and 'aria-describedby="engagement-erreur"' in html
    assert _statuses(offers) == [OfferStatus.PENDING] * 2


def test_an_offer_expired_meanwhile_changes_nothing_and_the_page_names_it(
    client, association, referent_user, make_pack, offer_packs
):
    offers = offer_packs([(make_pack(), association) for _ in range(3)])
    client.force_login(referent_user)
    Offer.objects.filter(pk=offers[1].pk).update(expires_at=F("sent_at") + dt.timedelta(hours=1))
    with clock.frozen_at("2024-03-11T12:00"):
        response = client.post(
            URL, {"accepter": [o.pk for o in offers], "engagement": "on"}, follow=True
        )
    assert response.status_code == 200 and response.redirect_chain == []
    html = _page(response)
    assert 'role="alert"' in html and "Lot LOT-002 : le délai est passé" in html
    assert "Aucune réponse de cette sélection n&#x27;a été enregistrée." in html
    assert _statuses(offers) == [OfferStatus.PENDING] * 3
    # The page, read again: the late pack is set aside, the two others can be confirmed at once.
    assert "Lot LOT-002 : le délai de réponse est passé." in html
    assert "Vous acceptez 2 lots" in html
    assert f'name="accepter" value="{offers[1].pk}"' not in html
    assert f'name="accepter" value="{offers[2].pk}"' in html


def test_nothing_selected_or_an_unreadable_selection_goes_back_to_the_offers(
    client, association, referent_user, make_pack, offer_packs
):
    offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    empty = client.get(URL, {"reponse": "accepter"}, follow=True)
    assert empty.redirect_chain == [(reverse("portal:offers"), 302)]
    assert "Aucun lot n&#x27;est sélectionné" in _page(empty)
    junk = client.get(URL, {"lot": ["12", "abc"], "reponse": "accepter"}, follow=True)
    assert "La sélection n&#x27;a pas pu être lue" in _page(junk)
    both = client.post(URL, {"accepter": ["1"], "desister": ["1"]}, follow=True)
    assert "à la fois accepté et décliné" in _page(both)


def test_already_answered_packs_are_set_aside_on_the_confirmation(
    client, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    offer_accept(offer_id=offer.pk, association=association, actor=referent_user, commitment=True)
    client.force_login(referent_user)
    html = _page(client.get(URL, {"lot": [offer.pk], "reponse": "desister"}))
    assert "Lot LOT-001 : déjà accepté : pour le libérer, utilisez « Rendre le lot »." in html
    assert "Aucun des lots sélectionnés ne peut recevoir cette réponse" in html
    assert 'name="desister"' not in html and "Confirmer le désistement" not in html

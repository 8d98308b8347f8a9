"""The offer pages: the referent's board and answers, the operator's list and extension."""

import datetime as dt

from django.urls import reverse

from billetterie.campaigns.models import CampaignGames
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.services import offer_accept


def _page(response) -> str:
    return response.content.decode()


def test_board_groups_offers_and_states_the_conditions(
    client, campaign, association, referent_user, make_pack, offer_packs
):
    CampaignGames.objects.filter(campaign=campaign).update(nominative_deadline=dt.date(2024, 4, 26))
    [waiting, kept, dropped] = offer_packs([(make_pack(), association) for _ in range(3)])
    offer_accept(offer_id=kept.pk, association=association, actor=referent_user, commitment=True)
    Offer.objects.filter(pk=dropped.pk).update(status=OfferStatus.DECLINED)
    client.force_login(referent_user)
    html = _page(client.get(reverse("portal:offers")))
    assert (
        "À répondre (1)" in html
        and "Lots acceptés (1)" in html
        and "Propositions passées (1)" in html
    )
    assert "Réponse avant le lundi 18 mars 2024 à 10:00" in html and "7 jours restants" in html
    for fact in [
        "Football",
        "FBL01",
        "Stade de Marseille",
        "Marseille",
        "dimanche 28 juillet 2024",
        "17:00",
    ]:
        assert fact in html
    # Each pack to answer: ticked for several answers at once, or answered alone on its page.
    assert "Accepter le lot LOT-001</a>" in html
    assert "Se désister du lot LOT-001" in html
    assert f'for="lot-{waiting.pk}"' in html and "Sélectionner le lot LOT-001" in html
    assert "Rendre le lot LOT-002" in html
    assert "au plus 1 encadrant pour 3 jeunes" in html and "au plus 2 billets par jeune" in html
    assert "téléphone mobile" in html and "nominatifs" in html


def test_accept_with_commitment_redirects_and_a_replay_says_already_done(
    client, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    url = reverse("portal:offer_accept", kwargs={"offer_id": offer.pk})
    response = client.post(url, {"engagement": "on"}, follow=True)
    assert response.redirect_chain == [(reverse("portal:offers"), 302)]
    assert "Le lot LOT-001 est accepté" in _page(response)
    replay = client.post(url, {"engagement": "on"}, follow=True)
    assert "était déjà accepté" in _page(replay)
    assert AuditEntry.objects.filter(action="offer.accepted").count() == 1


def test_accept_without_commitment_shows_the_error_on_the_checkbox(
    client, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    response = client.post(reverse("portal:offer_accept", kwargs={"offer_id": offer.pk}), {})
    assert response.status_code == 200
    html = _page(response)
    assert "cochez l&#x27;engagement" in html and 'aria-invalid="true"' in html
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_answering_late_shows_the_deadline_message(
    client, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    with clock.frozen_at("2024-03-19T08:00"):
        response = client.post(
            reverse("portal:offer_accept", kwargs={"offer_id": offer.pk}),
            {"engagement": "on"},
            follow=True,
        )
    assert "Le délai est passé" in _page(response)


def test_decline_confirms_then_acts_once(
    client, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    url = reverse("portal:offer_decline", kwargs={"offer_id": offer.pk})
    assert "Confirmer le désistement du lot LOT-001" in _page(client.get(url))
    assert "Vous vous êtes désisté du lot LOT-001" in _page(client.post(url, follow=True))
    assert "était déjà décliné" in _page(client.post(url, follow=True))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED


def test_the_decline_page_says_what_really_becomes_of_the_pack(
    client, campaign, association, referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(referent_user)
    url = reverse("portal:offer_decline", kwargs={"offer_id": offer.pk})

    def page():
        return _page(client.get(url)).replace("&#x27;", "'")

    # Continuous mode off (the default): the pack waits for the operator's next wave.
    html = page()
    assert (
        "vous renoncez à ce lot en entier : il retourne dans le vivier de l'opérateur, qui pourra "
        "le proposer à une autre association lors d'une prochaine vague." in html
    )
    assert "aussitôt" not in html and "il sera proposé à une autre association" not in html
    assert 'class="button button-danger">Confirmer le désistement du lot LOT-001' in html
    assert f'<a class="button button-secondary" href="{reverse("portal:offers")}">' in html
    # Continuous mode on: the rule offers it at once, if someone can take it.
    campaign.continuous_mode = True
    campaign.save(update_fields=["continuous_mode"])
    assert "il est aussitôt proposé à une autre association qui attend encore des billets" in page()
    done = _page(client.post(url, follow=True)).replace("&#x27;", "'")
    assert "Vous vous êtes désisté du lot LOT-001 : il est aussitôt proposé" in done


def test_another_association_gets_404_on_post(
    client, association, other_referent_user, make_pack, offer_packs
):
    [offer] = offer_packs([(make_pack(), association)])
    client.force_login(other_referent_user)
    for name in ("portal:offer_accept", "portal:offer_decline", "portal:offer_give_back"):
        response = client.post(
            reverse(name, kwargs={"offer_id": offer.pk}), {"engagement": "on", "reason": "x"}
        )
        assert response.status_code == 404, name
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING


def test_give_back_requires_a_reason(client, association, referent_user, make_pack, offer_packs):
    [offer] = offer_packs([(make_pack(), association)])
    offer_accept(offer_id=offer.pk, association=association, actor=referent_user, commitment=True)
    client.force_login(referent_user)
    url = reverse("portal:offer_give_back", kwargs={"offer_id": offer.pk})
    assert "Pourquoi rendez-vous ce lot" in _page(client.get(url))
    assert "Indiquez pourquoi vous rendez ce lot" in _page(client.post(url, {"reason": "  "}))
    done = client.post(url, {"reason": "séjour annulé"}, follow=True)
    assert "Le lot LOT-001 est rendu" in _page(done)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.GIVEN_BACK


def test_operator_lists_filters_and_extends(
    client, campaign, association, other_association, operator_user, make_pack, offer_packs
):
    [ours, theirs] = offer_packs([(make_pack(), association), (make_pack(), other_association)])
    client.force_login(operator_user)
    url = reverse("backoffice:offers", kwargs={"campaign_slug": campaign.slug})
    html = _page(client.get(url))
    assert "LOT-001" in html and "LOT-002" in html and "2 propositions" in html
    assert '<span class="stat">2</span> En attente de réponse' in html
    filtered = _page(client.get(url, {"association": other_association.pk, "status": "pending"}))
    assert "LOT-002" in filtered and "LOT-001" not in filtered
    extend = reverse(
        "backoffice:offer_extend", kwargs={"campaign_slug": campaign.slug, "offer_id": ours.pk}
    )
    assert "Prolonger le lot LOT-001" in _page(client.get(extend))
    missing_reason = client.post(extend, {"new_deadline": "2024-03-25T18:00", "reason": ""})
    assert "Indiquez le motif de la prolongation" in _page(missing_reason)
    done = client.post(
        extend, {"new_deadline": "2024-03-25T18:00", "reason": "courrier perdu"}, follow=True
    )
    assert "est prolongée" in _page(done)
    ours.refresh_from_db()
    assert ours.expires_at == clock.parse_instant("2024-03-25T18:00")
    past = client.post(
        reverse(
            "backoffice:offer_extend",
            kwargs={"campaign_slug": campaign.slug, "offer_id": theirs.pk},
        ),
        {"new_deadline": "2024-03-01T18:00", "reason": "erreur"},
    )
    assert "postérieure à maintenant" in _page(past)

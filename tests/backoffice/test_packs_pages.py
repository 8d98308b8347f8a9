"""The packs of a campaign: the list with filters and totals, one pack with its history, and the
corrections of a pack nobody holds — never of one an association holds."""

import pytest
from django.urls import reverse

from billetterie.campaigns.services import campaign_create
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import Pack, PackStatus
from billetterie.inventory.services import pack_withdraw
from billetterie.offers.services import offers_create
from tests import factories as f
from tests.backoffice.conftest import seen_token


def _url(name, campaign, pack=None):
    kwargs = {"campaign_slug": campaign.slug}
    if pack is not None:
        kwargs["pack_id"] = pack.pk
    return reverse(f"backoffice:{name}", kwargs=kwargs)


@pytest.fixture
def packs(campaign):
    return {
        "paris": f.pack(campaign=campaign, size=8, city="Paris", reference="JO-0001"),
        "lille": f.pack(campaign=campaign, size=4, city="Lille", reference="JO-0002"),
        "prestige": f.pack(campaign=campaign, size=2, prestige=True, reference="JO-0003"),
        "para": f.pack(campaign=campaign, size=6, games="PG", day="2024-09-01", reference="JP-01"),
    }


def test_the_list_filters_and_totals(operator_client, campaign, packs):
    url = _url("packs", campaign)
    page = operator_client.get(url).content.decode()
    assert "4 lots (page 1 sur 1)" in page
    assert '<td class="num">4</td><td class="num">20, dont 2 prestige</td>' in page
    games = operator_client.get(url, {"games": "PG"}).content.decode()
    assert "JP-01" in games and "JO-0001" not in games
    prestige = operator_client.get(url, {"prestige": "oui"}).content.decode()
    assert "1 lot (page" in prestige and "JO-0003" in prestige
    lille = packs["lille"].session.venue.host_city
    city = operator_client.get(url, {"city": lille.pk}).content.decode()
    assert "JO-0002" in city and "JO-0001" not in city
    search = operator_client.get(url, {"q": "jo-0001"}).content.decode()
    assert "1 lot (page" in search
    pack_withdraw(campaign=campaign, pack_id=packs["paris"].pk, reason="annulé", actor=None)
    withdrawn = operator_client.get(url, {"status": "withdrawn"}).content.decode()
    assert "1 lot (page" in withdrawn and "JO-0001" in withdrawn
    assert (
        "Aucun lot pour ces critères." in operator_client.get(url, {"q": "rien"}).content.decode()
    )


def test_the_list_shows_only_the_campaigns_packs(operator_client, campaign, packs):
    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre")
    f.pack(campaign=other, reference="AILLEURS-1")
    assert "AILLEURS-1" not in operator_client.get(_url("packs", campaign)).content.decode()


def test_withdraw_asks_for_a_reason_then_withdraws_and_shows_it_in_the_history(
    operator_client, campaign, packs
):
    pack = packs["paris"]
    detail = operator_client.get(_url("pack", campaign, pack)).content.decode()
    assert 'class="button button-danger"' in detail and "Retirer du vivier" in detail
    url = _url("pack_withdraw", campaign, pack)
    page = operator_client.get(url).content.decode()
    assert "Retirer le lot JO-0001" in page and "button-danger" in page
    refused = operator_client.post(url, {"reason": "  "}).content.decode()
    assert "Indiquez le motif." in refused
    pack.refresh_from_db()
    assert (
        pack.status == PackStatus.AVAILABLE
        and not AuditEntry.objects.filter(action__startswith="pack.").exists()
    )

    done = operator_client.post(url, {"reason": "Séance annulée par la billetterie"}, follow=True)
    page = done.content.decode()
    assert "Le lot JO-0001 est retiré du vivier." in page
    assert "Lot retiré du vivier" in page and "Séance annulée par la billetterie" in page
    assert "Remettre dans le vivier" in page
    pack.refresh_from_db()
    assert pack.status == PackStatus.WITHDRAWN


def test_restore_puts_a_withdrawn_pack_back(operator_client, campaign, packs):
    pack = packs["lille"]
    pack_withdraw(campaign=campaign, pack_id=pack.pk, reason="doute", actor=None)
    url = _url("pack_restore", campaign, pack)
    assert "Remettre le lot JO-0002 dans le vivier" in operator_client.get(url).content.decode()
    operator_client.post(url, {"reason": "Séance confirmée"})
    pack.refresh_from_db()
    assert pack.status == PackStatus.AVAILABLE
    assert "Ce lot est déjà dans le vivier." in operator_client.get(url).content.decode()


def test_a_pack_held_by_an_association_cannot_be_withdrawn_and_says_why(
    operator_client, campaign, packs, association
):
    pack = packs["paris"]
    offers_create(campaign=campaign, pairs=[(pack.pk, association.pk)], actor=None)
    detail = operator_client.get(_url("pack", campaign, pack)).content.decode()
    assert "Proposé à <strong>Sauvegarde de l&#x27;Essonne</strong>" in detail
    assert "il ne peut pas être modifié ici" in detail
    assert "Retirer du vivier" not in detail and "Corriger la taille" not in detail
    url = _url("pack_withdraw", campaign, pack)
    assert "<textarea" not in operator_client.get(url).content.decode()
    refused = operator_client.post(url, {"reason": "Je veux le reprendre"}).content.decode()
    assert "il ne peut pas être modifié ici" in refused
    correct = operator_client.post(
        _url("pack_correct", campaign, pack), {"size": 4, "reason": "erreur"}
    ).content.decode()
    assert "il ne peut pas être modifié ici" in correct
    assert "Vérifiez avant d'enregistrer" not in correct
    pack.refresh_from_db()
    assert (pack.status, pack.size) == (PackStatus.OFFERED, 8)
    assert not AuditEntry.objects.filter(action__startswith="pack.").exists()


def test_a_correction_is_previewed_then_confirmed(operator_client, campaign, packs):
    pack = packs["paris"]
    url = _url("pack_correct", campaign, pack)
    data = {"size": 6, "is_prestige": "on", "reason": "La billetterie a livré 6 places"}
    preview = operator_client.post(url, data).content.decode()
    assert "8 billets" in preview and "6 billets" in preview
    assert "Les billets n° 7 à 8 sont supprimés du lot." in preview
    assert "réservé au jeu-concours" in preview
    assert "Motif : La billetterie a livré 6 places" in preview
    pack.refresh_from_db()
    assert (pack.size, pack.is_prestige, pack.tickets.count()) == (8, False, 8)
    assert not AuditEntry.objects.filter(action__startswith="pack.").exists()

    confirmed = operator_client.post(url, {**data, "step": "confirm", "seen": seen_token(preview)})
    assert confirmed.status_code == 302
    pack.refresh_from_db()
    assert (pack.size, pack.is_prestige, pack.tickets.count()) == (6, True, 6)
    entry = AuditEntry.objects.get(action="pack.corrected")
    assert entry.details["reason"] == "La billetterie a livré 6 places"


def test_a_correction_without_reason_or_change_writes_nothing(operator_client, campaign, packs):
    pack = packs["lille"]
    url = _url("pack_correct", campaign, pack)
    no_reason = operator_client.post(url, {"size": 3}).content.decode()
    assert "Indiquez le motif de la correction." in no_reason
    same = operator_client.post(url, {"size": 4, "reason": "rien"}).content.decode()
    assert "Ni la taille ni le prestige n&#x27;ont changé" in same
    pack.refresh_from_db()
    assert pack.size == 4 and not AuditEntry.objects.filter(action__startswith="pack.").exists()


@pytest.mark.parametrize("name", ["pack", "pack_withdraw", "pack_restore", "pack_correct"])
def test_another_campaigns_pack_is_not_found(operator_client, campaign, name):
    other = campaign_create(slug="ailleurs", name="Ailleurs", operator_name="Autre")
    theirs = f.pack(campaign=other)
    url = _url(name, campaign, theirs)
    assert operator_client.get(url).status_code == 404
    assert operator_client.post(url, {"reason": "x", "size": 1}).status_code == 404
    assert Pack.objects.get(pk=theirs.pk).status == PackStatus.AVAILABLE

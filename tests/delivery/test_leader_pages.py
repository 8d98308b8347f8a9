"""« Remise aux responsables » (back office) and « Remise des billets » (portal): the states of each
group, the preview before sending, a double click, one group's actions; the referent sees only
their own groups and never the link itself."""

from html import unescape

import pytest

from billetterie.core import clock
from billetterie.delivery.leaders import leader_confirm, leader_page_opened, token_for
from billetterie.delivery.models import LeaderAccess
from billetterie.outbox.models import Message
from tests.delivery.leader_world import named_group

pytestmark = pytest.mark.django_db
BO = "/gestion/campagnes/essai-2024/remise/"
PORTAL = "/association/beneficiaires/essai-2024/remise/"


@pytest.fixture(autouse=True)
def _july_2024():
    with clock.frozen_at("2024-07-28T09:00:00+02:00"):
        yield


@pytest.fixture
def groups(campaign, association, other_association):
    return {
        "ready": named_group(campaign, association, name="Prêt", day="2024-07-30"),
        "waiting": named_group(campaign, association, name="Sans liens", links=None),
        "silent": named_group(campaign, other_association, name="Muet", email="", mobile=""),
        "far": named_group(campaign, other_association, name="Plus tard", day="2024-08-08"),
    }


def _token(group):
    access = LeaderAccess.objects.get(group=group)
    return token_for(group_id=group.pk, version=access.version)


def test_the_operator_previews_then_sends_once(client, operator_user, groups):
    client.force_login(operator_user)
    page = unescape(client.get(BO + "envoyer/").content.decode())
    assert "2 responsables de groupe recevront" in page
    assert "Ne le recevront pas (2)" in page
    assert "liens de téléchargement reçus pour 0 lot(s) sur 1" in page
    assert "ni e-mail ni téléphone portable pour le responsable" in page
    assert "Envoyer le lien à ces 2 responsables" in page
    ids = f"{groups['ready'].pk},{groups['far'].pk}"
    assert f'value="{ids}"' in page

    response = client.post(BO + "envoyer/", {"groups": ids}, follow=True)
    assert "Lien envoyé aux responsables de 2 groupes (e-mail et SMS)." in unescape(
        response.content.decode()
    )
    response = client.post(BO + "envoyer/", {"groups": ids}, follow=True)  # the double click
    assert "Aucun lien envoyé : ces groupes l'avaient déjà reçu." in unescape(
        response.content.decode()
    )
    assert Message.objects.count() == 4
    assert set(LeaderAccess.objects.values_list("group__name", "sent_count")) == {
        ("Prêt", 1),
        ("Plus tard", 1),
    }


def test_the_tracking_page_and_its_filter(client, operator_user, groups, campaign):
    client.force_login(operator_user)
    client.post(BO + "envoyer/", {"groups": f"{groups['ready'].pk},{groups['far'].pk}"})
    far = LeaderAccess.objects.get(group=groups["far"])
    leader_page_opened(access_id=far.pk)
    leader_confirm(access_id=far.pk)
    page = unescape(client.get(BO).content.decode())
    assert page.count("<tr>") == 1 + 4
    assert "3 / 4" in page  # groups with every link
    assert "non confirmé" in page and "récupérés</span> le 28/07 à 09:00" in page
    soon = unescape(client.get(BO, {"soon": "on"}).content.decode())
    # Within 2 days and not confirmed: « Prêt » (sent), « Sans liens », « Muet » (30 July).
    assert soon.count("<tr>") == 1 + 3 and "Plus tard" not in soon
    for token in (_token(groups["ready"]), _token(groups["far"])):
        assert token not in page


def test_one_groups_page_resends_renews_and_revokes(client, operator_user, groups):
    client.force_login(operator_user)
    group = groups["ready"]
    url = f"{BO}groupes/{group.pk}/"
    page = unescape(client.get(url).content.decode())
    assert "Envoyer le lien à ce responsable (e-mail et SMS)" in page
    client.post(url, {"action": "resend", "seen_sends": 0})
    client.post(url, {"action": "resend", "seen_sends": 0})  # a double click
    assert LeaderAccess.objects.get(group=group).sent_count == 1
    page = unescape(client.get(url).content.decode())
    assert "Renvoyer le même lien" in page
    assert "Envoyer un nouveau lien (l'ancien ne marchera plus)" in page
    old = _token(group)
    client.post(url, {"action": "renew", "seen_sends": 1})
    access = LeaderAccess.objects.get(group=group)
    assert (access.version, access.sent_count) == (2, 2) and _token(group) != old
    client.post(url, {"action": "revoke", "seen_sends": 2})
    assert client.get(f"/responsable/{_token(group)}/").status_code == 404
    assert "lien désactivé" in unescape(client.get(url).content.decode())
    # A group without its download links cannot be sent, and the page says why.
    waiting = f"{BO}groupes/{groups['waiting'].pk}/"
    assert "Le lien ne peut pas être envoyé" in unescape(client.get(waiting).content.decode())
    response = client.post(waiting, {"action": "resend", "seen_sends": 0}, follow=True)
    assert "liens de téléchargement reçus pour 0 lot(s) sur 1" in unescape(
        response.content.decode()
    )
    assert not LeaderAccess.objects.filter(group=groups["waiting"]).exists()


def test_another_operators_campaign_group_answers_404(client, operator_user, groups, campaign):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="ailleurs-2024", name="Ailleurs", operator_name="Un autre")
    client.force_login(operator_user)
    response = client.get(f"/gestion/campagnes/{other.slug}/remise/groupes/{groups['ready'].pk}/")
    assert response.status_code == 404


def test_the_referent_sees_their_groups_only_and_never_the_link(
    client, operator_user, referent_user, groups
):
    client.force_login(operator_user)
    client.post(BO + "envoyer/", {"groups": f"{groups['ready'].pk},{groups['far'].pk}"})
    leader_page_opened(access_id=LeaderAccess.objects.get(group=groups["ready"]).pk)
    client.force_login(referent_user)
    page = unescape(client.get(PORTAL).content.decode())
    assert "« Prêt »" in page and "« Sans liens »" in page
    assert "Muet" not in page and "Plus tard" not in page
    assert "envoyé</span> le 28 juillet à 09:00" in page
    assert "en attente de la billetterie officielle</span></dd>" in page  # one pack: no count
    assert "l'épreuve est dans moins de 2 jours" in page
    assert "/responsable/" not in page and _token(groups["ready"]) not in page

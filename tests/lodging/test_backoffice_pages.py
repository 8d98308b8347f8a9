"""The back office's lodging pages as the operator uses them: French words, refusals that change
nothing, another operator's campaign answering 404."""

import html

import pytest
from django.urls import reverse

from billetterie.accounts.models import Role, User
from billetterie.lodging.models import LodgingSettings, MatchingRun, Placement, PlacementStatus
from billetterie.lodging.services.settings import DEFAULT_PRACTICAL_TEXT
from billetterie.members.models import Association
from billetterie.outbox.models import Message
from tests.lodging.backoffice_world import need, offer

pytestmark = pytest.mark.django_db


def url(name, campaign, **kwargs):
    return reverse(f"backoffice:{name}", kwargs={"campaign_slug": campaign.slug, **kwargs})


def test_campaign_page_links_to_lodging(operator_client, campaign):
    page = operator_client.get(
        reverse("backoffice:campaign", kwargs={"campaign_slug": campaign.slug})
    )
    assert url("lodging", campaign) in page.content.decode()


def test_home_says_lodging_is_closed_until_settings_are_saved(operator_client, campaign):
    page = operator_client.get(url("lodging", campaign)).content.decode()
    assert "pas encore ouvert" in page
    response = operator_client.post(
        url("lodging_settings", campaign),
        {"threshold": "3:15", "needs_deadline": "2024-06-01", "offers_deadline": ""},
    )
    assert response.status_code == 302
    settings = LodgingSettings.objects.get(campaign=campaign)
    assert settings.threshold_minutes == 195 and str(settings.needs_deadline) == "2024-06-01"
    page = operator_client.get(url("lodging", campaign)).content.decode()
    assert "3 h 15" in page and "pas encore ouvert" not in page


@pytest.mark.parametrize("typed", ["deux heures", "2:75", "10", "25:00"])
def test_bad_threshold_is_refused_in_french(operator_client, campaign, typed):
    response = operator_client.post(url("lodging_settings", campaign), {"threshold": typed})
    assert response.status_code == 200
    assert "seuil" in response.content.decode().lower()
    assert not LodgingSettings.objects.exists()


def test_practical_page_template_preview_and_save(operator_client, campaign):
    refused = operator_client.post(
        url("lodging_practical", campaign), {"step": "save", "text": "Bonjour"}
    )
    assert "Enregistrez d'abord les réglages" in html.unescape(refused.content.decode())
    LodgingSettings.objects.create(campaign=campaign)
    filled = operator_client.post(url("lodging_practical", campaign), {"step": "template"})
    assert "responsabilité civile" in filled.content.decode()
    preview = operator_client.post(
        url("lodging_practical", campaign), {"step": "preview", "text": "Les clés <b>ici</b>"}
    )
    assert "Aperçu" in preview.content.decode() and "&lt;b&gt;" in preview.content.decode()
    assert LodgingSettings.objects.get().practical_text == ""
    operator_client.post(
        url("lodging_practical", campaign), {"step": "save", "text": DEFAULT_PRACTICAL_TEXT}
    )
    assert LodgingSettings.objects.get().practical_text == DEFAULT_PRACTICAL_TEXT.strip()


HOST = {
    "name": "Maison d'enfants Les Tilleuls",
    "postal_code": "93100",
    "town": "Montreuil",
    "departement": "",
    "first_name": "Dominique",
    "last_name": "Hôte",
    "email": "Tilleuls@Example.org",
    "phone": "01 48 00 00 00",
}


def test_invite_a_new_host(operator_client, campaign, lodging):
    response = operator_client.post(url("lodging_host_invite", campaign), HOST)
    assert response.status_code == 302
    association = Association.objects.get(identifier="HEB-1")
    assert not association.is_member and association.departement == "93"
    user = User.objects.get(email="tilleuls@example.org")
    assert user.role == Role.REFERENT and user.association == association
    kinds = set(Message.objects.filter(recipient=user.email).values_list("kind", flat=True))
    assert kinds == {"account.invitation", "lodging.host_invitation"}
    second = operator_client.post(
        url("lodging_host_invite", campaign), {**HOST, "email": "b@example.org"}
    )
    assert second.status_code == 302
    assert Association.objects.filter(identifier="HEB-2").exists()


def test_invite_before_the_settings_sends_nothing_and_says_why(operator_client, campaign):
    """The invitation leads to the portal's lodging page, which only the settings open."""
    response = operator_client.post(url("lodging_host_invite", campaign), HOST)
    assert response.status_code == 200
    assert "Enregistrez d&#x27;abord les réglages" in response.content.decode()
    assert not Association.objects.filter(identifier__startswith="HEB-").exists()
    assert not Message.objects.exists()


def test_invite_with_a_referents_email_changes_nothing(
    operator_client, campaign, lodging, referent_user
):
    response = operator_client.post(
        url("lodging_host_invite", campaign), {**HOST, "email": referent_user.email}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "déjà celle du référent" in body and referent_user.association.name in body.replace(
        "&#x27;", "'"
    )
    assert not Association.objects.filter(identifier__startswith="HEB-").exists()
    assert not Message.objects.exists()


def test_invite_with_bad_fields_names_them(operator_client, campaign, lodging):
    response = operator_client.post(
        url("lodging_host_invite", campaign), {**HOST, "postal_code": "ABCDE", "departement": "999"}
    )
    body = response.content.decode()
    assert "code postal français" in body and "Ce département n" in body
    assert not Association.objects.filter(identifier__startswith="HEB-").exists()


def test_invite_an_existing_association_once(
    operator_client, campaign, lodging, association, referent_user
):
    target = url("lodging_host_invite_existing", campaign)
    operator_client.post(target, {"association": association.pk})
    assert Message.objects.filter(kind="lodging.host_invitation").count() == 1
    again = operator_client.post(target, {"association": association.pk}, follow=True)
    assert "déjà reçu l" in again.content.decode()
    assert Message.objects.filter(kind="lodging.host_invitation").count() == 1


@pytest.fixture
def world(campaign, make_association, make_referent):
    guest = make_association(
        name="Les Goélands", postal_code="97400", town="Saint-Denis", departement="974"
    )
    make_referent(guest, "goelands@example.org")
    host = make_association(
        name="Les Tilleuls", postal_code="93100", town="Montreuil", departement="93"
    )
    make_referent(host, "tilleuls@example.org")
    n = need(campaign=campaign, association=guest)
    big = need(campaign=campaign, association=guest, youth=40, supervisors=5)
    o = offer(campaign=campaign, association=host, beds=15)
    return {"need": n, "big": big, "offer": o}


def test_lists_and_details(operator_client, campaign, world):
    for name, kwargs in [
        ("lodging", {}),
        ("lodging_needs", {}),
        ("lodging_need", {"need_id": world["need"].pk}),
        ("lodging_hosts", {}),
        ("lodging_host", {"offer_id": world["offer"].pk}),
        ("lodging_runs", {}),
    ]:
        response = operator_client.get(url(name, campaign, **kwargs))
        assert response.status_code == 200, name
    hosts = operator_client.get(url("lodging_hosts", campaign)).content.decode()
    assert "Les Tilleuls" in hosts and "Montreuil" in hosts
    needs = operator_client.get(url("lodging_needs", campaign)).content.decode()
    assert "À placer" in needs


def test_run_launch_follow_adjust_publish(
    operator_client, campaign, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = operator_client.post(url("lodging_runs", campaign), {"time_limit": "10"})
    run = MatchingRun.objects.get()
    assert response.url == url("lodging_run", campaign, run_id=run.pk)
    status = operator_client.get(url("lodging_run_status", campaign, run_id=run.pk)).json()
    assert status["etat"] == "done"
    page = operator_client.get(url("lodging_run", campaign, run_id=run.pk)).content.decode()
    assert "personnes-nuits placées" in page and "méthode simple" in page
    assert "aucun lieu ne convient" in page  # the big group, with the engine's reason
    # Adding the big group to the only host is refused in French, nothing changes.
    refused = operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk),
        {"action": "add", "need": world["big"].pk, "offer": world["offer"].pk},
        follow=True,
    )
    assert "ne peut pas accueillir ce groupe" in refused.content.decode()
    junk = operator_client.post(
        url("lodging_run_adjust", campaign, run_id=run.pk), {"action": "move"}, follow=True
    )
    assert "illisible" in junk.content.decode()
    confirm = operator_client.get(
        url("lodging_run_publish", campaign, run_id=run.pk)
    ).content.decode()
    assert "1 proposition" in confirm and "1 association hébergée et 1 hébergeur" in confirm
    operator_client.post(url("lodging_run_publish", campaign, run_id=run.pk))
    placement = Placement.objects.get(need=world["need"])
    assert placement.status == PlacementStatus.PENDING
    assert Message.objects.filter(kind__startswith="lodging.placement_proposed").count() == 2
    # A second run cannot publish the same beds: the need is no longer open.
    cancel = url("lodging_placement_cancel", campaign, placement_id=placement.pk)
    empty = operator_client.post(cancel, {"reason": ""})
    assert "motif" in empty.content.decode().lower()
    operator_client.post(cancel, {"reason": "Le lieu ferme pour travaux."})
    placement.refresh_from_db()
    assert placement.status == PlacementStatus.CANCELLED


def test_stale_run_is_refused_with_what_changed(
    operator_client, campaign, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        operator_client.post(url("lodging_runs", campaign), {"time_limit": "10"})
    run = MatchingRun.objects.get()
    world["offer"].nights.update(beds=3)
    page = operator_client.post(
        url("lodging_run_publish", campaign, run_id=run.pk)
    ).content.decode()
    assert "plus à jour" in page and "Les Tilleuls" in page
    assert not Placement.objects.filter(status=PlacementStatus.PENDING).exists()


def test_another_operators_campaign_answers_404(client, campaign, world):
    from billetterie.campaigns.services import campaign_create

    other = campaign_create(slug="autre", name="Autre", operator_name="Autre opérateur")
    stranger = User.objects.create_user(
        "autre@example.org", "x-Motdepasse-123", role=Role.OPERATOR_STAFF, operator=other.operator
    )
    client.force_login(stranger)
    assert client.get(url("lodging", campaign)).status_code == 404
    assert client.get(url("lodging_need", other, need_id=world["need"].pk)).status_code == 404
    assert client.get(url("lodging_host", other, offer_id=world["offer"].pk)).status_code == 404

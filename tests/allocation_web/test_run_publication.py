"""Publishing and abandoning a run go through a page that says what happens and to whom."""

import pytest
from django.urls import reverse

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.allocation.selectors import run_preview
from billetterie.allocation.services import run_move_pack
from billetterie.offers.models import Offer
from billetterie.offers.waves import (
    Publication,
    wave_publication,
    wave_publication_preview,
    wave_publish,
)
from billetterie.outbox.models import Message
from tests import factories as f
from tests.allocation_web.conftest import run_computed


@pytest.fixture
def scene(scene, referent_user, make_referent):
    make_referent(scene["a"], "seconde@example.org")  # two referents; the other has none
    return scene


def _urls(run):
    kwargs = {"campaign_slug": run.campaign.slug, "number": run.number}
    return {
        name: reverse(f"backoffice:{name}", kwargs=kwargs)
        for name in ("run", "run_publish", "run_discard")
    }


def _said(response):
    return [str(m) for m in response.context["messages"]]


def test_the_run_page_leads_to_the_confirmations_with_distinct_weights(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    urls = _urls(run)
    client.force_login(operator_user)
    page = client.get(urls["run"]).content.decode()
    # Publishing is the page's main action, abandoning a side one: links to their confirmations.
    assert f'<a class="button" href="{urls["run_publish"]}">' in page
    assert f'<a class="button button-secondary" href="{urls["run_discard"]}">' in page
    assert 'action="' + urls["run_publish"] not in page  # no form that publishes in one click


def test_the_publish_page_says_what_leaves_and_to_whom(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    client.force_login(operator_user)
    page = client.get(_urls(run)["run_publish"]).content.decode()
    assert (
        "<strong>3 propositions</strong> (20 billets) partent vers <strong>2 associations" in page
    )
    assert "<strong>2 référents</strong> de ces associations reçoivent un e-mail" in page
    assert (
        "1 association n'a aucun référent actif et ne sera pas prévenue : Association voisine"
        in (page)
    )
    assert "retourne dans le vivier, pour une prochaine vague" in page  # continuous mode is off
    assert "Publier 3 propositions et prévenir 2 associations</button>" in page
    assert 'class="button button-secondary"' in page
    assert not Offer.objects.exists() and not Message.objects.exists()  # reading sends nothing


def test_publishing_needs_the_confirmation_of_what_was_read(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    url = _urls(run)["run_publish"]
    client.force_login(operator_user)
    # A bare POST (an old form, a script) sends nothing and shows the page again.
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Rien n&#x27;a été envoyé : relisez ce qui partirait" in response.content.decode()
    assert not Offer.objects.exists()

    token = wave_publication_preview(run=run).token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"seen": token}, follow=True)
    assert _said(response) == [
        "Vague publiée : 3 propositions envoyées à 2 associations, dont les référents reçoivent "
        "un e-mail."
    ]
    assert Offer.objects.count() == 3
    # One e-mail per referent: the two of the first association; the other has nobody to tell.
    assert sorted(
        Message.objects.filter(kind="offers.made").values_list("recipient", flat=True)
    ) == [
        "referent@example.org",
        "seconde@example.org",
    ]
    # A second click says what really happened.
    response = client.post(url, {"seen": token}, follow=True)
    [said] = _said(response)
    assert said.startswith("Ce calcul était déjà publié le ") and "rien n'a été envoyé" in said
    assert Offer.objects.count() == 3


def test_a_hand_move_after_reading_stops_the_publication(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    read = wave_publication_preview(run=run)
    run_move_pack(
        run=run,
        pack_id=scene["packs"][0].pk,
        association_id=None,
        reason="Site",
        actor=operator_user,
    )
    client.force_login(operator_user)
    response = client.post(_urls(run)["run_publish"], {"seen": read.token})
    page = response.content.decode()
    assert response.status_code == 200 and "un lot a sans doute été déplacé à la main" in page
    assert "<strong>2 propositions</strong>" in page  # the figures as they are now
    assert not Offer.objects.exists()
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.READY


def test_a_run_that_assigns_nothing_says_so_and_sends_nothing(
    campaign, operator_user, client, django_capture_on_commit_callbacks
):
    f.pack(campaign=campaign, size=8)  # packs, but no application: nothing can be assigned
    run = run_computed(campaign, operator_user, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.READY and not run.assignments.exists()
    client.force_login(operator_user)
    url = _urls(run)["run_publish"]
    page = client.get(url).content.decode()
    assert "le publier n'envoie <strong>aucune proposition</strong>" in page
    assert "Publier ce calcul sans aucune proposition</button>" in page
    token = wave_publication_preview(run=run).token
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"seen": token}, follow=True)
    [said] = _said(response)
    # What really happened, not « déjà publié »: published with nothing sent.
    assert said.startswith(f"Calcul n° {run.number} publié sans aucune proposition")
    assert "déjà publié" not in said
    assert not Offer.objects.exists() and not Message.objects.exists()
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.PUBLISHED
    # Only a second click says « déjà publié ».
    [again] = _said(client.post(url, {"seen": token}, follow=True))
    assert again.startswith("Ce calcul était déjà publié le ")
    assert wave_publication(run=run, actor=operator_user) == Publication(offers=[], published=False)


def test_the_preview_says_why_packs_stay_in_the_pool(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    [group] = run_preview(run=run)["unassigned_groups"]
    # Both requests are met in full: the Marseille pack is over, nobody is short of a fit.
    assert group["reason"] == "served" and group["references"] == scene["packs"][3].reference
    client.force_login(operator_user)
    page = client.get(_urls(run)["run"]).content.decode()
    assert "1 lot JO reste dans le vivier : ce calcul donne déjà à chaque association" in page
    assert "ville, date ou taille" not in page


def test_abandoning_says_what_is_lost_then_abandons_on_confirmation(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    url = _urls(run)["run_discard"]
    client.force_login(operator_user)
    page = client.get(url).content.decode()
    assert "sa proposition (3 lots pour 2 associations) est écartée" in page
    assert f'class="button button-danger">Abandonner le calcul n° {run.number}</button>' in page
    assert '<a class="button button-secondary"' in page and "Garder ce calcul" in page
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.READY  # reading changes nothing
    response = client.post(url, follow=True)
    assert _said(response) == [
        f"Le calcul n° {run.number} est abandonné ; rien n'a été envoyé aux associations."
    ]
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.DISCARDED


def test_a_published_run_is_not_abandoned(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    wave_publish(run=run, actor=operator_user)
    client.force_login(operator_user)
    response = client.post(_urls(run)["run_discard"])
    assert response.status_code == 200
    assert "Ce calcul est « publié » : il ne s'abandonne pas." in response.content.decode()
    assert AllocationRun.objects.get(pk=run.pk).status == RunStatus.PUBLISHED

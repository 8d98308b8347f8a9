"""Allocation runs: compute in the background, preview, move by hand, publish, replay, command."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from billetterie.allocation.compute import run_execute, run_replay_execute, run_replay_matches
from billetterie.allocation.models import AllocationRun, ReplayStatus, RunAssignment, RunStatus
from billetterie.allocation.selectors import run_preview
from billetterie.allocation.services import run_move_pack
from billetterie.core.models import AuditEntry
from billetterie.inventory.models import PackStatus
from billetterie.offers.models import Offer, OfferStatus
from billetterie.offers.waves import wave_publication_preview, wave_publish, wave_run_start
from tests.allocation_web.conftest import run_computed


def test_run_computes_in_the_background_and_previews(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    assert run.status == RunStatus.READY and run.progress == 100
    assert run.metrics["tickets_allocated"] == 20  # both requests are met exactly
    assert set(run.comparison) == {"nash", "greedy", "proportional", "lottery"}
    preview = run_preview(run=run)
    by_name = {r["name"]: r for r in preview["rows"]}
    assert by_name[scene["a"].name]["allocated_total"] == 12
    assert by_name[scene["b"].name]["allocated_total"] == 8
    assert by_name[scene["a"].name]["explanation"]
    assert [p.reference for p in preview["unassigned"]] == [
        scene["packs"][3].reference
    ]  # Marseille: left over once both requests are met
    assert [g["reason"] for g in preview["unassigned_groups"]] == ["served"]


def test_hand_move_needs_a_reason_respects_the_rule_and_is_audited(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    lille = scene["packs"][2]
    with pytest.raises(ValidationError, match="motif"):
        run_move_pack(
            run=run, pack_id=lille.pk, association_id=scene["a"].pk, reason=" ", actor=operator_user
        )
    with pytest.raises(ValidationError, match="Lille"):
        run_move_pack(
            run=run,
            pack_id=lille.pk,
            association_id=scene["a"].pk,
            reason="essai",
            actor=operator_user,
        )
    run = run_move_pack(
        run=run, pack_id=lille.pk, association_id=None, reason="Site fermé", actor=operator_user
    )
    assert run.metrics["tickets_allocated"] == 12
    assert not RunAssignment.objects.filter(run=run, pack=lille).exists()
    entry = AuditEntry.objects.get(action="allocation.pack_moved")
    assert entry.details["reason"] == "Site fermé" and entry.actor == operator_user


def test_the_move_page_reads_its_form_and_says_what_is_wrong(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    """On a computed run (the page's details: tests/allocation_web/test_pack_move_page.py)."""
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    client.force_login(operator_user)
    kwargs = {"campaign_slug": scene["campaign"].slug, "number": run.number}
    move = reverse("backoffice:run_move", kwargs=kwargs)
    lille, marseille = scene["packs"][2], scene["packs"][3]

    def errors(data):
        response = client.post(move, data)
        assert response.status_code == 200
        return {name: list(e) for name, e in response.context["form"].errors.items()}

    assert errors({"pack": "abc", "association": "-1", "reason": "x"}) == {
        "pack": ["Choisissez d'abord un lot dans la liste."],
        "association": ["Choisissez une association de la liste."],
    }
    # "²".isdigit() is true but int("²") fails: this was a server error.
    assert errors({"pack": "²", "association": "²", "reason": "x"}) == {
        "pack": ["Choisissez d'abord un lot dans la liste."],
        "association": ["Choisissez une association de la liste."],
    }
    assert errors({"pack": str(lille.pk), "association": "none", "reason": " "}) == {
        "association": ["Choisissez une association de la liste."],
        "reason": ["Indiquez le motif du déplacement."],
    }
    # The rule refuses Lille for an association that did not ask for it: the service's words.
    [refused] = errors(
        {"pack": str(lille.pk), "association": str(scene["a"].pk), "reason": "essai"}
    )["association"]
    assert "Lille" in refused
    # Marseille goes to nobody already: « Personne » is not offered for it.
    assert errors({"pack": str(marseille.pk), "association": "personne", "reason": "x"}) == {
        "association": ["Choisissez une association de la liste."]
    }
    response = client.post(
        move, {"pack": str(lille.pk), "association": "personne", "reason": "Site fermé"}
    )
    assert response.status_code == 302 and response.url == move
    assert not RunAssignment.objects.filter(run=run, pack=lille).exists()
    assert AuditEntry.objects.filter(action="allocation.pack_moved").count() == 1


def test_publish_creates_offers_once_and_replay_is_identical(
    scene, operator_user, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    offers = wave_publish(run=run, actor=operator_user)
    assert len(offers) == 3
    assert wave_publish(run=run, actor=operator_user) == []  # a replayed form does nothing
    assert Offer.objects.filter(status=OfferStatus.PENDING).count() == 3
    assert all(o.pack.status == PackStatus.OFFERED for o in Offer.objects.select_related("pack"))
    run.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    assert run_replay_matches(run=run)


def test_the_replay_check_runs_in_the_worker_and_the_page_shows_its_verdict(
    scene, operator_user, client, django_capture_on_commit_callbacks
):
    run = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    wave_publish(run=run, actor=operator_user)
    client.force_login(operator_user)
    kwargs = {"campaign_slug": scene["campaign"].slug, "number": run.number}
    # The request only queues the check: the page answers at once, the worker solves.
    response = client.post(reverse("backoffice:run_replay", kwargs=kwargs))
    run.refresh_from_db()
    assert response.status_code == 302 and run.replay_status == ReplayStatus.QUEUED
    page = client.get(reverse("backoffice:run", kwargs=kwargs)).content.decode()
    assert "Vérification par un nouveau calcul" in page and "suivi=verification" in page
    status = client.get(
        reverse("backoffice:run_status", kwargs=kwargs) + "?suivi=verification"
    ).json()
    assert status["etat"] == ReplayStatus.QUEUED and status["avancement"] is None
    run_replay_execute(run_id=run.pk)
    run_replay_execute(run_id=run.pk)  # a retried task does not check twice
    run.refresh_from_db()
    assert run.replay_status == ReplayStatus.IDENTICAL and run.replay_checked_at is not None
    assert AuditEntry.objects.filter(action="allocation.replay_checked").count() == 1
    page = client.get(reverse("backoffice:run", kwargs=kwargs)).content.decode()
    assert "donne exactement le même résultat" in page
    # A tampered stored result is caught.
    AllocationRun.objects.filter(pk=run.pk).update(
        result={**run.result, "seed": run.result["seed"] + 1}, replay_status=ReplayStatus.QUEUED
    )
    assert run_replay_execute(run_id=run.pk).replay_status == ReplayStatus.DIFFERENT


def test_second_run_on_a_changed_pool_cannot_publish(
    scene, operator_user, django_capture_on_commit_callbacks
):
    first = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    second = run_computed(scene["campaign"], operator_user, django_capture_on_commit_callbacks)
    wave_publish(run=first, actor=operator_user)
    with pytest.raises(ValidationError):
        wave_publish(run=second, actor=operator_user)
    assert Offer.objects.count() == 3
    assert AllocationRun.objects.get(pk=second.pk).status == RunStatus.READY


def test_allocate_command_prints_the_table_and_publishes(scene, capsys):
    call_command(
        "allocate", "--campaign", scene["campaign"].slug, "--publish", "--time-limit", "10"
    )
    out = capsys.readouterr().out
    assert "Règle de la campagne" in out and "Tirage au sort" in out
    assert "Vague publiée : 3 propositions" in out
    assert Offer.objects.count() == 3


def test_run_pages(client, scene, operator_user, django_capture_on_commit_callbacks):
    client.force_login(operator_user)
    slug = scene["campaign"].slug
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("backoffice:runs", kwargs={"campaign_slug": slug}),
            {"games": "", "wave": "", "scope": "all"},
        )
    assert response.status_code == 302
    run = AllocationRun.objects.get()
    page = client.get(response.url).content.decode()
    assert (
        "Comparaison avec d'autres façons de répartir" in page
        and scene["a"].name.replace("'", "&#x27;") in page
    )
    status = client.get(
        reverse("backoffice:run_status", kwargs={"campaign_slug": slug, "number": run.number})
    ).json()
    assert status["etat"] == "ready" and status["avancement"] == 100
    publish = reverse(
        "backoffice:run_publish", kwargs={"campaign_slug": slug, "number": run.number}
    )
    assert "Publier 3 propositions" in client.get(publish).content.decode()  # the confirmation
    seen = {"seen": wave_publication_preview(run=run).token}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(publish, seen)
    client.post(publish, seen)  # double click
    assert Offer.objects.count() == 3


def test_a_finished_run_is_not_computed_again_when_retried(scene, operator_user):
    run = wave_run_start(
        campaign=scene["campaign"], actor=operator_user, time_limit=10
    )  # not committed: queued
    run_execute(run_id=run.pk)
    run_execute(run_id=run.pk)  # a retry, or the command after the worker
    assert AuditEntry.objects.filter(action="allocation.run_finished").count() == 1

"""The size-weight preview: queued by the run page, computed by the worker, shown side by side."""

import pytest
from django.urls import reverse

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.core.models import AuditEntry
from billetterie.offers.waves import wave_run_start
from billetterie.reporting.models import PreviewStatus, SizeWeightPreview
from billetterie.reporting.size_weight import (
    alphas_parse,
    size_weight_preview_request,
    size_weight_preview_shown,
)
from billetterie.reporting.size_weight_compute import size_weight_preview_execute
from tests import factories as f

ENGINE_FIGURES = (
    "tickets_offered",
    "tickets_allocated",
    "organisations",
    "organisations_served",
    "min_satisfaction",
    "p10_satisfaction",
    "gini_satisfaction",
    "small_share",
)


@pytest.fixture
def scene(campaign, make_association):
    """docs/allocation.md's example: five Paris packs (8, 6, 4, 4, 2), three requests (30, 12, 4)."""
    lucioles = make_association(name="Les Lucioles")
    horizon = make_association(name="Horizon")
    phare = make_association(name="Le Phare")
    for association, youth, supervisors in ((lucioles, 24, 6), (horizon, 9, 3), (phare, 3, 1)):
        f.application(
            campaign=campaign, association=association, youth=youth, supervisors=supervisors
        )
    for size in (8, 6, 4, 4, 2):
        f.pack(campaign=campaign, size=size, day="2024-07-27")
    return {"campaign": campaign, "names": ("Les Lucioles", "Horizon", "Le Phare")}


@pytest.fixture
def run(scene, operator_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = wave_run_start(campaign=scene["campaign"], actor=operator_user, time_limit=10)
    run.refresh_from_db()
    assert run.status == RunStatus.READY
    return run


def _urls(run):
    kwargs = {"campaign_slug": run.campaign.slug, "number": run.number}
    return (
        reverse("backoffice:run", kwargs=kwargs),
        reverse("backoffice:run_size_weight", kwargs=kwargs),
        reverse("backoffice:run_size_weight_status", kwargs=kwargs),
    )


def test_the_page_queues_the_preview_and_returns_before_any_solve(
    run, operator_user, client, django_capture_on_commit_callbacks
):
    page, ask, status = _urls(run)
    client.force_login(operator_user)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(ask, {"alphas": "0 ; 1"})
    assert response.status_code == 302 and response.url.endswith("#essai-alpha")
    # The request has returned: the preview waits for a worker, with nothing computed.
    preview = SizeWeightPreview.objects.get(run=run)
    assert (preview.status, preview.progress, preview.results) == (PreviewStatus.QUEUED, 0, None)
    assert preview.alphas == [0.0, 0.5, 1.0]  # the run's own α is added, for the comparison
    assert len(queued) == 1  # the task, enqueued after the commit
    shown = client.get(page)
    assert "Avancement de l'essai" in shown.text
    assert "Cette vague avec plusieurs valeurs de α" not in shown.text
    assert client.get(status).json() == {
        "etat": "queued",
        "avancement": 0,
        "etape": "En attente d'un travailleur",
    }
    entry = AuditEntry.objects.get(action="reporting.size_weight_preview_requested")
    assert entry.actor == operator_user and entry.details == {"run": 1, "alphas": [0.0, 0.5, 1.0]}

    # Asking again while it waits gives the same preview: one computation, not two.
    client.post(ask, {"alphas": "0,25"})
    assert SizeWeightPreview.objects.filter(run=run).count() == 1

    # The worker (here the tests' immediate task backend) computes it.
    queued[0]()
    preview.refresh_from_db()
    assert preview.status == PreviewStatus.DONE and preview.progress == 100
    assert client.get(status).json()["etat"] == "done"
    assert AuditEntry.objects.filter(action="reporting.size_weight_preview_finished").count() == 1


def test_the_worker_s_figures_are_the_engine_s_for_each_alpha(run, operator_user):
    preview = size_weight_preview_request(run=run, alphas=[0.0, 1.0], actor=operator_user)
    preview = size_weight_preview_execute(preview_id=preview.pk)
    by_alpha = {r["alpha"]: r["metrics"] for r in preview.results}
    assert sorted(by_alpha) == [0.0, 0.5, 1.0]
    # α = 0.5 is the run's own rule, α = 1 the « proportional » baseline: the same engine figures.
    for alpha, method in ((0.5, "nash"), (1.0, "proportional")):
        for key in ENGINE_FIGURES:
            assert by_alpha[alpha][key] == run.comparison[method][key], (alpha, key)
    # (The welfare is measured with each solve's own α, so it is not compared, nor shown.)
    assert by_alpha[0.5]["weighted_nash_welfare"] == run.comparison["nash"]["weighted_nash_welfare"]
    # The documented example (docs/allocation.md): 10/10/4, then 12/8/4, then 16/6/2 tickets.
    assert by_alpha[0.0]["min_satisfaction"] == round(10 / 30, 4)
    assert by_alpha[0.5]["min_satisfaction"] == round(12 / 30, 4)
    assert by_alpha[1.0]["min_satisfaction"] == 0.5  # 2 of 4, 6 of 12
    assert {a: m["tickets_allocated"] for a, m in by_alpha.items()} == {0.0: 24, 0.5: 24, 1.0: 24}
    # The small half of the requests (4 and 12 tickets) gets 14, then 12, then 8 of the 24.
    assert by_alpha[0.0]["small_share"] == round(14 / 24, 4)
    assert by_alpha[1.0]["small_share"] == round(8 / 24, 4)


def test_the_table_and_the_sentences_say_the_figures(run, operator_user, client):
    preview = size_weight_preview_request(run=run, alphas=[0.0, 1.0], actor=operator_user)
    size_weight_preview_execute(preview_id=preview.pk)
    preview.refresh_from_db()
    shown = size_weight_preview_shown(
        preview=preview, campaign_alpha=run.campaign.size_weight_exponent
    )
    assert [(r["alpha_text"], r["is_run"], r["is_campaign"]) for r in shown["rows"]] == [
        ("0", False, False),
        ("0,5", True, True),
        ("1", False, False),
    ]
    zero, one = shown["sentences"]
    assert zero.startswith("Face à « α = 0,5, la valeur de ce calcul », α = 0 ")
    assert (
        "donne plus de billets aux petites demandes (58\u00a0% des billets contre 50\u00a0%)"
        in zero
    )
    assert (
        "sert moins bien l'association la moins servie (33\u00a0% de sa demande contre 40\u00a0%)"
        in zero
    )
    assert (
        "sert mieux l'association la moins servie (50\u00a0% de sa demande contre 40\u00a0%)" in one
    )
    assert (
        "donne moins de billets aux petites demandes (33\u00a0% des billets contre 50\u00a0%)"
        in one
    )

    client.force_login(operator_user)
    page = client.get(_urls(run)[0]).text
    assert "Cette vague avec plusieurs valeurs de α" in page
    assert zero in page.replace("&#x27;", "'")
    assert "réglage de la campagne" in page and "ce calcul" in page


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", "Indiquez au moins une valeur de α, entre 0 et 1."),
        ("2", "« 2 » : α doit valoir entre 0 et 1."),
        ("0 ; moitié", "« moitié » n'est pas un nombre : écrivez par exemple 0 ; 0,5 ; 1."),
        ("0,125", "« 0,125 » : deux chiffres après la virgule au plus."),
        (
            "0 ; 0,2 ; 0,4 ; 0,6 ; 0,8",
            "4 valeurs de α au plus : chacune est un calcul complet de la vague.",
        ),
        ("NaN", "« NaN » : α doit valoir entre 0 et 1."),
    ],
)
def test_wrong_values_are_refused_in_french_and_nothing_is_queued(
    run, operator_user, client, text, error
):
    client.force_login(operator_user)
    response = client.post(_urls(run)[1], {"alphas": text}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [error]
    assert not SizeWeightPreview.objects.exists()


def test_values_are_read_in_french_and_sorted():
    assert alphas_parse("1 ; 0,5 ; 0 ; 0.5") == [0.0, 0.5, 1.0]


def test_a_run_not_yet_computed_cannot_be_previewed(run, operator_user, client):
    AllocationRun.objects.filter(pk=run.pk).update(status=RunStatus.QUEUED)
    client.force_login(operator_user)
    response = client.post(_urls(run)[1], {"alphas": "0"}, follow=True)
    assert "Ce calcul n'est pas terminé" in str(list(response.context["messages"])[0])
    assert not SizeWeightPreview.objects.exists()


def test_a_failed_preview_says_so_and_is_audited_without_details(run, operator_user, client):
    preview = size_weight_preview_request(run=run, alphas=[0.0], actor=operator_user)
    broken = {**run.instance, "packs": [{**run.instance["packs"][0], "size": -1}]}
    AllocationRun.objects.filter(pk=run.pk).update(instance=broken)
    with pytest.raises(Exception, match="size"):
        size_weight_preview_execute(preview_id=preview.pk)
    preview.refresh_from_db()
    assert preview.status == PreviewStatus.FAILED and preview.error == "InstanceError"
    entry = AuditEntry.objects.get(action="reporting.size_weight_preview_failed")
    assert entry.details == {"run": 1, "error": "InstanceError"}
    AllocationRun.objects.filter(pk=run.pk).update(instance=run.instance)
    client.force_login(operator_user)
    assert "L'essai a échoué avant de conclure" in client.get(_urls(run)[0]).text

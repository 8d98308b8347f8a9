"""Allocation pages: start a run, follow its progress, read the preview, publish (moving a pack by
hand: `pack_move.py`)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.allocation.models import RunStatus
from billetterie.allocation.selectors import (
    run_get,
    run_preview_shown,
    runs_of_campaign,
)
from billetterie.allocation.services import run_discard, run_replay_request
from billetterie.backoffice.forms.allocation import RunCreateForm, RunStatusForm
from billetterie.backoffice.forms.size_weight import SizeWeightPreviewForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core import clock
from billetterie.core.web import messages_add_errors
from billetterie.delivery.reliability import reliability_criterion
from billetterie.inventory.selectors import pool_totals
from billetterie.offers.waves import wave_publish, wave_run_start
from billetterie.reporting.comparison import alpha_text, methods_compared
from billetterie.reporting.size_weight import (
    run_alpha,
    size_weight_preview_latest,
    size_weight_preview_shown,
)


def _redirect_run(run):
    return redirect("backoffice:run", campaign_slug=run.campaign.slug, number=run.number)


@operator_required
def runs(request, campaign_slug):
    campaign = request.campaign
    form = RunCreateForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        run = wave_run_start(
            campaign=campaign,
            actor=request.user,
            games=form.cleaned_data["games"],
            wave=form.cleaned_data["wave"],
            scope=form.cleaned_data["scope"],
            time_limit=settings.ALLOCATION_TIME_LIMIT,
        )
        messages.success(request, f"Le calcul n° {run.number} est lancé.")
        return _redirect_run(run)
    pool = pool_totals(campaign=campaign)
    context = {
        "campaign": campaign,
        "runs": runs_of_campaign(campaign=campaign),
        "form": form,
        "pool_packs": pool["packs"],
        "pool_tickets": pool["tickets"],
        # The operator's explicit reliability criterion (campaign settings), named before a run.
        "criterion": reliability_criterion(campaign=campaign, today=clock.today()),
    }
    return render(request, "backoffice/runs.html", context)


@operator_required
def run_detail(request, campaign_slug, number):
    campaign = request.campaign
    run = run_get(campaign=campaign, number=number)
    context = {"campaign": campaign, "run": run}
    preview = run_preview_shown(run=run)
    if preview is not None:
        context["preview"] = preview
        # The comparison in words generated from this run's figures, and the size-weight preview.
        alpha = run_alpha(run)
        context["run_alpha"] = alpha_text(alpha) if alpha is not None else None
        context["methods"] = methods_compared(comparison=run.comparison or {}, alpha=alpha or 0)
        if run.status in (RunStatus.READY, RunStatus.PUBLISHED):
            context["size_weight_form"] = SizeWeightPreviewForm()
            latest = size_weight_preview_latest(run=run)
            context["size_weight"] = latest
            if latest is not None and latest.results:
                context["size_weight_table"] = size_weight_preview_shown(
                    preview=latest, campaign_alpha=campaign.size_weight_exponent
                )
            context["campaign_alpha"] = alpha_text(campaign.size_weight_exponent)
    return render(request, "backoffice/run_detail.html", context)


@operator_required
def run_status(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    if RunStatusForm(request.GET).follows_replay():
        return JsonResponse(
            {
                "etat": run.replay_status,
                "avancement": None,
                "etape": run.get_replay_status_display(),
            }
        )
    return JsonResponse(
        {
            "etat": run.status,
            "libelle_etat": run.get_status_display(),
            "avancement": run.progress,
            "etape": run.progress_label,
        }
    )


@operator_required
@require_POST
def run_publish_view(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    try:
        offers = wave_publish(run=run, actor=request.user)
    except ValidationError as exc:  # includes the offers service's PoolChanged
        messages_add_errors(request, exc)
    else:
        if offers:
            messages.success(
                request, f"Vague publiée : {len(offers)} propositions envoyées aux associations."
            )
        else:
            messages.info(request, "Ce calcul était déjà publié.")
    return _redirect_run(run)


@operator_required
@require_POST
def run_discard_view(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    try:
        run_discard(run=run, actor=request.user)
    except ValidationError as exc:  # Busy: another person holds the run
        messages_add_errors(request, exc)
        return _redirect_run(run)
    messages.success(request, f"Le calcul n° {run.number} est abandonné.")
    return redirect("backoffice:runs", campaign_slug=run.campaign.slug)


@operator_required
@require_POST
def run_replay(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    try:
        run_replay_request(run=run, actor=request.user)
    except ValidationError as exc:
        messages_add_errors(request, exc)
    else:
        messages.info(
            request,
            "Le calcul est relancé avec les mêmes données et la même graine ; le verdict "
            "s'affiche ci-dessous dès qu'il est prêt.",
        )
    return _redirect_run(run)

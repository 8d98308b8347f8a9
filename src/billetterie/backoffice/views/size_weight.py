"""The run page's size-weight preview: ask for it (queued for the worker), follow its progress."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from billetterie.allocation.selectors import run_get
from billetterie.backoffice.forms.size_weight import SizeWeightPreviewForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import messages_add_errors
from billetterie.reporting.size_weight import (
    size_weight_preview_latest,
    size_weight_preview_request,
)


def _back_to_run(run):
    url = reverse(
        "backoffice:run", kwargs={"campaign_slug": run.campaign.slug, "number": run.number}
    )
    return redirect(f"{url}#essai-alpha")


@operator_required
@require_POST
def run_size_weight_preview(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    form = SizeWeightPreviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.error_message())
        return _back_to_run(run)
    try:
        size_weight_preview_request(run=run, alphas=form.cleaned_data["alphas"], actor=request.user)
    except ValidationError as exc:
        messages_add_errors(request, exc)
    else:
        messages.info(
            request,
            "L'essai est lancé en tâche de fond ; le tableau s'affiche ci-dessous dès qu'il est "
            "prêt. Rien n'est publié ni modifié.",
        )
    return _back_to_run(run)


@operator_required
def run_size_weight_status(request, campaign_slug, number):
    run = run_get(campaign=request.campaign, number=number)
    preview = size_weight_preview_latest(run=run)
    if preview is None:
        return JsonResponse({"etat": "none", "avancement": None, "etape": "Aucun essai"})
    return JsonResponse(
        {"etat": preview.status, "avancement": preview.progress, "etape": preview.progress_label}
    )

"""Allocation pages: start a run, follow its progress, read the preview, publish (moving a pack by
hand: `pack_move.py`)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.views.decorators.http import require_POST

from billetterie.allocation.models import RunStatus
from billetterie.allocation.selectors import (
    run_discard_weight,
    run_get,
    run_preview_shown,
    runs_of_campaign,
)
from billetterie.allocation.services import run_discard, run_replay_request
from billetterie.backoffice.forms.allocation import RunCreateForm, RunRowsForm, RunStatusForm
from billetterie.backoffice.forms.confirmation import StepForm
from billetterie.backoffice.forms.size_weight import SizeWeightPreviewForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import query_without_page
from billetterie.core import clock
from billetterie.core.plural import plural
from billetterie.core.web import error_messages, messages_add_errors
from billetterie.delivery.reliability import reliability_criterion
from billetterie.inventory.selectors import pool_totals
from billetterie.offers.waves import wave_publication, wave_publication_preview, wave_run_start
from billetterie.reporting.comparison import alpha_text, methods_compared
from billetterie.reporting.size_weight import (
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
    run = run_get(campaign=campaign, number=number, light=True)
    rows_form = RunRowsForm(request.GET)
    context = {"campaign": campaign, "run": run, "rows_form": rows_form}
    preview = run_preview_shown(
        run=run, page_number=rows_form.page_number(), search=rows_form.search()
    )
    if preview is not None:
        context["preview"] = preview
        context["rows_query"] = query_without_page(request)
        # The comparison in words generated from this run's figures, and the size-weight preview.
        alpha = preview["alpha"]
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
def run_publish_view(request, campaign_slug, number):
    """What publishing sends and to whom; the offers go out only when that page is confirmed."""
    campaign = request.campaign
    run = run_get(campaign=campaign, number=number)
    errors = []
    if request.method == "POST":
        _, seen = StepForm(request.POST).chosen()
        try:
            if not seen and run.status == RunStatus.READY:  # a form that did not show the figures
                raise ValidationError(
                    "Rien n'a été envoyé : relisez ce qui partirait, ci-dessous, puis confirmez."
                )
            done = wave_publication(run=run, actor=request.user, seen=seen or None)
        except ValidationError as exc:  # a stale page, a pool that changed
            errors = error_messages(exc)
            run.refresh_from_db()
        else:
            run.refresh_from_db()
            offers = done.offers
            if offers:
                told = len({offer.association_id for offer in offers})
                messages.success(
                    request,
                    f"Vague publiée : {plural(len(offers), 'proposition')} "
                    f"envoyée{'s' if len(offers) > 1 else ''} à {plural(told, 'association')}, "
                    "dont les référents reçoivent un e-mail.",
                )
            elif done.published:
                messages.info(
                    request,
                    f"Calcul n° {run.number} publié sans aucune proposition : il n'attribue aucun "
                    "lot, aucune association n'a été prévenue. Les associations du calcul "
                    "peuvent lire dans leur explication pourquoi elles n'ont rien reçu.",
                )
            else:
                messages.info(
                    request,
                    f"Ce calcul était déjà publié{_published_on(run)} : rien n'a été envoyé de "
                    "nouveau.",
                )
            return _redirect_run(run)
    context = {"campaign": campaign, "run": run, "errors": errors}
    if run.status == RunStatus.READY:
        context["publication"] = wave_publication_preview(run=run)
    return render(request, "backoffice/run_publish.html", context)


def _published_on(run) -> str:
    if run.published_at is None:
        return ""
    return " le " + formats.date_format(timezone.localtime(run.published_at), "j F Y à H:i")


@operator_required
def run_discard_view(request, campaign_slug, number):
    """What abandoning a run throws away; it is abandoned only when that page is confirmed."""
    campaign = request.campaign
    run = run_get(campaign=campaign, number=number)
    discardable = not run.is_final
    errors = []
    if request.method == "POST" and discardable:
        try:
            run_discard(run=run, actor=request.user)
        except ValidationError as exc:  # Busy: another person holds the run
            errors = error_messages(exc)
        else:
            messages.success(
                request,
                f"Le calcul n° {run.number} est abandonné ; rien n'a été envoyé aux associations.",
            )
            return redirect("backoffice:runs", campaign_slug=campaign.slug)
    context = {
        "campaign": campaign,
        "run": run,
        "discardable": discardable,
        "weight": run_discard_weight(run=run),
        "errors": errors,
    }
    return render(request, "backoffice/run_discard.html", context)


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

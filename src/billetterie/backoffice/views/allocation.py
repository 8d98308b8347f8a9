"""Allocation pages: start a run, follow its progress, read the preview, move a pack, publish."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.allocation.models import AllocationRun, RunStatus
from billetterie.allocation.selectors import run_get, run_preview, runs_of_campaign
from billetterie.allocation.services import run_discard, run_move_pack, run_replay_request
from billetterie.backoffice.forms.allocation import PackMoveForm, RunCreateForm
from billetterie.backoffice.permissions import operator_required
from billetterie.inventory.selectors import pack_pool
from billetterie.offers.waves import wave_publish, wave_run_start


def _run_or_404(campaign, number):
    try:
        return run_get(campaign=campaign, number=number)
    except AllocationRun.DoesNotExist as exc:
        raise Http404("calcul introuvable") from exc


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
    pool = pack_pool(campaign=campaign)
    context = {
        "campaign": campaign,
        "runs": runs_of_campaign(campaign=campaign),
        "form": form,
        "pool_packs": pool.count(),
        "pool_tickets": sum(pool.values_list("size", flat=True)),
    }
    return render(request, "backoffice/runs.html", context)


@operator_required
def run_detail(request, campaign_slug, number):
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    context = {"campaign": campaign, "run": run}
    if (
        run.status in (RunStatus.READY, RunStatus.PUBLISHED, RunStatus.DISCARDED)
        and run.instance is not None
    ):
        preview = run_preview(run=run)
        context["preview"] = preview
        if run.status == RunStatus.READY:
            packs = [
                (str(a.pack_id), f"{a.pack.reference} — {row['name']}")
                for row in preview["rows"]
                for a in row["assignments"]
            ]
            packs += [(str(p.pk), f"{p.reference} — non attribué") for p in preview["unassigned"]]
            associations = [
                (str(r["association_id"]), r["name"])
                for r in sorted(preview["rows"], key=lambda r: r["name"])
            ]
            context["move_form"] = PackMoveForm(
                packs=sorted(packs, key=lambda c: c[1]), associations=associations
            )
    return render(request, "backoffice/run_detail.html", context)


@operator_required
def run_status(request, campaign_slug, number):
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    if request.GET.get("suivi") == "verification":
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
def run_move(request, campaign_slug, number):
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    pack_value, assoc_value = request.POST.get("pack", ""), request.POST.get("association", "")
    if not pack_value.isdigit() or not (assoc_value == "none" or assoc_value.isdigit()):
        messages.error(request, "Choisissez un lot et une association.")
        return _redirect_run(run)
    try:
        run_move_pack(
            run=run,
            pack_id=int(pack_value),
            association_id=None if assoc_value == "none" else int(assoc_value),
            reason=request.POST.get("reason", ""),
            actor=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Le lot est déplacé ; les indicateurs sont recalculés.")
    return _redirect_run(run)


@operator_required
@require_POST
def run_publish_view(request, campaign_slug, number):
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    try:
        offers = wave_publish(run=run, actor=request.user)
    except ValidationError as exc:  # includes the offers service's PoolChanged
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
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
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    run_discard(run=run, actor=request.user)
    messages.success(request, f"Le calcul n° {run.number} est abandonné.")
    return redirect("backoffice:runs", campaign_slug=campaign.slug)


@operator_required
@require_POST
def run_replay(request, campaign_slug, number):
    campaign = request.campaign
    run = _run_or_404(campaign, number)
    try:
        run_replay_request(run=run, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(
            request,
            "Le calcul est relancé avec les mêmes données et la même graine ; le verdict "
            "s'affiche ci-dessous dès qu'il est prêt.",
        )
    return _redirect_run(run)

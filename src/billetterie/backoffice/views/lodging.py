"""Back-office « Hébergement » pages of a campaign: figures, settings and practical page, hosts
(and their invitation), needs, the matching runs (launch, follow, adjust, publish, abandon) and
the cancellation of a live placement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.lodging import (
    AdjustForm,
    HostInviteExistingForm,
    HostInviteForm,
    LodgingSettingsForm,
    PlacementCancelForm,
    PracticalForm,
    RunStartForm,
)
from billetterie.backoffice.forms.paging import PageForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.plural import plural
from billetterie.core.web import form_add_errors, form_service_call, messages_add_errors
from billetterie.lodging.models import LIVE, RunStatus
from billetterie.lodging.nights import stay_words
from billetterie.lodging.selectors.backoffice import (
    STUCK_ERROR,
    abandon_weight,
    lodging_figures,
    need_get,
    need_placements,
    needs_of,
    offer_constraints,
    offer_get,
    offer_nights,
    offer_placements,
    offers_of,
    placement_get,
    publish_weight,
    run_draft,
    run_get,
    run_group,
    run_in_progress,
    run_stuck,
    run_view,
    runs_of,
)
from billetterie.lodging.selectors.settings import lodging_settings_of
from billetterie.lodging.services.hosts import host_invite, host_invite_existing
from billetterie.lodging.services.matching import (
    placement_add,
    placement_cancel,
    placement_move,
    placement_remove,
    run_abandon,
    run_publish,
    run_start,
)
from billetterie.lodging.services.settings import (
    DEFAULT_PRACTICAL_TEXT,
    practical_update,
    settings_update,
)
from billetterie.lodging.travel import format_minutes
from billetterie.members.selectors import associations_of_operator


def _home(campaign):
    return redirect("backoffice:lodging", campaign_slug=campaign.slug)


@operator_required
def lodging(request, campaign_slug):
    campaign = request.campaign
    settings = lodging_settings_of(campaign)
    return render(
        request,
        "backoffice/lodging/home.html",
        {
            "campaign": campaign,
            "settings": settings,
            "threshold": format_minutes(settings.threshold_minutes) if settings else None,
            "figures": lodging_figures(campaign),
            "running": run_in_progress(campaign),
            "runs": list(runs_of(campaign)[:3]),
        },
    )


@operator_required
def lodging_settings(request, campaign_slug):
    campaign = request.campaign
    settings = lodging_settings_of(campaign)
    form = LodgingSettingsForm(
        request.POST if request.method == "POST" else None,
        initial=LodgingSettingsForm.initial_of(settings),
    )
    if request.method == "POST" and form.is_valid():
        try:
            _, changes = settings_update(
                campaign=campaign,
                threshold_minutes=form.cleaned_data["threshold"],
                needs_deadline=form.cleaned_data["needs_deadline"],
                offers_deadline=form.cleaned_data["offers_deadline"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            if settings is None:
                messages.success(
                    request,
                    "Réglages enregistrés : l'hébergement est ouvert aux associations sur leur "
                    "portail.",
                )
            elif changes:
                messages.success(request, "Réglages de l'hébergement enregistrés.")
            else:
                messages.info(request, "Aucune valeur n'a changé : rien n'a été enregistré.")
            return _home(campaign)
    return render(
        request,
        "backoffice/lodging/settings.html",
        {"campaign": campaign, "settings": settings, "form": form},
    )


@operator_required
def lodging_practical(request, campaign_slug):
    campaign = request.campaign
    settings = lodging_settings_of(campaign)
    stored = settings.practical_text if settings else ""
    preview = None
    if request.method == "POST":
        form = PracticalForm(request.POST)
        step = request.POST.get("step", "save")
        if step == "template":
            form = PracticalForm(initial={"text": DEFAULT_PRACTICAL_TEXT})
            messages.info(
                request,
                "Le modèle est dans la zone de texte : adaptez-le, puis enregistrez. Rien n'est "
                "enregistré tant que vous n'avez pas cliqué sur « Enregistrer ».",
            )
        elif form.is_valid() and step == "preview":
            preview = form.cleaned_data["text"]
        elif form.is_valid():
            try:
                changed = practical_update(
                    campaign=campaign, text=form.cleaned_data["text"], actor=request.user
                )
            except ValidationError as exc:
                form_add_errors(form, exc)
            else:
                if changed:
                    messages.success(request, "Page pratique enregistrée.")
                else:
                    messages.info(request, "Le texte n'a pas changé : rien n'a été enregistré.")
                return redirect("backoffice:lodging_practical", campaign_slug=campaign.slug)
    else:
        form = PracticalForm(initial={"text": stored})
    return render(
        request,
        "backoffice/lodging/practical.html",
        {
            "campaign": campaign,
            "settings": settings,
            "form": form,
            "preview": preview,
            "stored": stored,
        },
    )


# --- Hosts -----------------------------------------------------------------------------------


@operator_required
def lodging_hosts(request, campaign_slug):
    campaign = request.campaign
    rows = offers_of(campaign)
    for row in rows:
        row["constraints"] = offer_constraints(row["offer"])
    return render(
        request,
        "backoffice/lodging/hosts.html",
        {
            "campaign": campaign,
            "rows": rows,
            "existing_form": HostInviteExistingForm(
                associations=associations_of_operator(operator=campaign.operator)
            ),
        },
    )


@operator_required
def lodging_host(request, campaign_slug, offer_id: int):
    campaign = request.campaign
    offer = offer_get(campaign=campaign, offer_id=offer_id)
    return render(
        request,
        "backoffice/lodging/host.html",
        {
            "campaign": campaign,
            "offer": offer,
            "constraints": offer_constraints(offer),
            "nights": offer_nights(offer),
            "placements": offer_placements(offer),
            "live": LIVE,
        },
    )


@operator_required
def lodging_host_invite(request, campaign_slug):
    campaign = request.campaign
    form = HostInviteForm(request.POST if request.method == "POST" else None)
    result = {}

    def call():
        result["association"] = host_invite(
            campaign=campaign, actor=request.user, **form.cleaned_data
        )

    if form_service_call(request, form, call):
        association = result["association"]
        messages.success(
            request,
            f"« {association.name} » est inscrite (identifiant {association.identifier}) : "
            f"{form.cleaned_data['email']} reçoit un lien pour choisir son mot de passe et "
            "l'invitation à proposer des lits.",
        )
        return redirect("backoffice:lodging_hosts", campaign_slug=campaign.slug)
    return render(
        request, "backoffice/lodging/host_invite.html", {"campaign": campaign, "form": form}
    )


@operator_required
@require_POST
def lodging_host_invite_existing(request, campaign_slug):
    campaign = request.campaign
    form = HostInviteExistingForm(
        request.POST, associations=associations_of_operator(operator=campaign.operator)
    )
    if not form.is_valid():
        messages.error(request, "Choisissez une association de la liste : rien n'a été envoyé.")
    else:
        try:
            association = host_invite_existing(
                campaign=campaign,
                association_id=form.cleaned_data["association"],
                actor=request.user,
            )
        except ValidationError as exc:
            messages_add_errors(request, exc)
        else:
            messages.success(
                request,
                f"« {association.name} » est invitée à proposer un hébergement (message à ses "
                "référents).",
            )
    return redirect("backoffice:lodging_hosts", campaign_slug=campaign.slug)


# --- Needs -----------------------------------------------------------------------------------


@operator_required
def lodging_needs(request, campaign_slug):
    campaign = request.campaign
    return render(
        request,
        "backoffice/lodging/needs.html",
        {"campaign": campaign, "rows": needs_of(campaign)},
    )


@operator_required
def lodging_need(request, campaign_slug, need_id: int):
    campaign = request.campaign
    need = need_get(campaign=campaign, need_id=need_id)
    return render(
        request,
        "backoffice/lodging/need.html",
        {
            "campaign": campaign,
            "need": need,
            "placements": need_placements(need),
            "live": LIVE,
        },
    )


# --- Runs ------------------------------------------------------------------------------------


GROUPS_PER_PAGE = 100
HOSTS_PER_PAGE = 25
OPTIONS_PER_PAGE = 50


def _page(request, items, param: str, per_page: int):
    """One page of a long list of the run page (each list has its own `param` in the address),
    and the rest of the query string for its links."""
    number = PageForm({"page": request.GET.get(param)}).number()
    page = Paginator(items, per_page).get_page(number)
    query = request.GET.copy()
    query.pop(param, None)
    return {"page": page, "query": query.urlencode(), "param": param}


def _run_url(campaign, run):
    return redirect("backoffice:lodging_run", campaign_slug=campaign.slug, run_id=run.pk)


def _group_words(need) -> str:
    return (
        f"Le groupe de « {need.association.name} » "
        f"({stay_words(need.first_night, need.last_night)}, {plural(need.persons, 'personne')})"
    )


@operator_required
def lodging_runs(request, campaign_slug):
    campaign = request.campaign
    form = RunStartForm(request.POST if request.method == "POST" else None)
    result = {}

    def call():
        result["run"] = run_start(
            campaign=campaign, time_limit=form.cleaned_data["time_limit"], actor=request.user
        )

    if form_service_call(request, form, call):
        messages.success(request, "Calcul lancé : la page se met à jour pendant qu'il avance.")
        return _run_url(campaign, result["run"])
    runs = list(runs_of(campaign))
    for run in runs:
        run.stuck = run_stuck(run)
    return render(
        request,
        "backoffice/lodging/runs.html",
        {
            "campaign": campaign,
            "form": form,
            "runs": runs,
            "running": run_in_progress(campaign),
            "stuck": [run for run in runs if run.stuck],
        },
    )


@operator_required
def lodging_run(request, campaign_slug, run_id: int):
    """The run's proposal. Built from a fixed number of queries whatever the number of groups
    and hosts; the long lists are paged, each group is moved on a page of its own."""
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    context = {
        "campaign": campaign,
        "run": run,
        "run_label": f"Calcul n° {run.pk}",
        "stuck": run_stuck(run),
        "stuck_error": STUCK_ERROR,
    }
    if run.status in (RunStatus.DONE, RunStatus.PUBLISHED):
        view = run_view(run)
        context["view"] = view
        context["groups"] = _page(request, view["placements"], "page", GROUPS_PER_PAGE)
        context["unplaced"] = _page(request, view["unplaced"], "non_places", GROUPS_PER_PAGE)
        context["hosts"] = _page(request, view["per_host"], "hebergeurs", HOSTS_PER_PAGE)
    return render(request, "backoffice/lodging/run.html", context)


@operator_required
def lodging_run_group(request, campaign_slug, run_id: int, need_id: int):
    """One group of a run: the hosts that can take it, nearest first, to move or place it."""
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    group = run_group(run, need_id)
    if group is None:
        raise Http404("Ce besoin ne fait pas partie de ce calcul.")
    return render(
        request,
        "backoffice/lodging/run_group.html",
        {
            "campaign": campaign,
            "run": run,
            "run_label": f"Calcul n° {run.pk}",
            "group": group,
            "need": group["need"],
            "placement": group["placement"],
            "options": _page(request, group["hosts"], "page", OPTIONS_PER_PAGE),
            "editable": run.status == RunStatus.DONE,
        },
    )


@operator_required
def lodging_run_status(request, campaign_slug, run_id: int):
    run = run_get(campaign=request.campaign, run_id=run_id)
    stuck = run_stuck(run)
    return JsonResponse(
        {
            # "stuck" is not a stored state: the page reloads and says the run no longer answers.
            "etat": "stuck" if stuck else run.status,
            "libelle_etat": "ne répond plus" if stuck else run.get_status_display(),
            "avancement": None,
            "etape": STUCK_ERROR if stuck else run.progress,
        }
    )


@operator_required
@require_POST
def lodging_run_adjust(request, campaign_slug, run_id: int):
    """Move, remove or place one group (posted from the group's page); back to the run when
    done, to the group's page when refused."""
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    form = AdjustForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Demande illisible.")
        return _run_url(campaign, run)
    data = form.cleaned_data
    draft = run_draft(run, data["placement"]) if data.get("placement") else None
    need_pk = draft.need_id if draft else data.get("need")
    try:
        if data["action"] == "move":
            placement = placement_move(
                run=run, placement_id=data["placement"], offer_id=data["offer"], actor=request.user
            )
            messages.success(
                request,
                f"{_group_words(placement.need)} va chez « {placement.offer.place_name} » "
                f"({placement.offer.town}).",
            )
        elif data["action"] == "remove":
            placement_remove(run=run, placement_id=data["placement"], actor=request.user)
            messages.success(
                request,
                f"{_group_words(draft.need)} est retiré de « {draft.offer.place_name} » "
                f"({draft.offer.town}) : il est à placer.",
            )
        else:
            placement = placement_add(
                run=run, need_pk=data["need"], offer_id=data["offer"], actor=request.user
            )
            messages.success(
                request,
                f"{_group_words(placement.need)} est placé chez "
                f"« {placement.offer.place_name} » ({placement.offer.town}).",
            )
    except ValidationError as exc:
        messages_add_errors(request, exc)
        if need_pk and run_group(run, need_pk) is not None:
            return redirect(
                "backoffice:lodging_run_group",
                campaign_slug=campaign.slug,
                run_id=run.pk,
                need_id=need_pk,
            )
    return _run_url(campaign, run)


@operator_required
def lodging_run_publish(request, campaign_slug, run_id: int):
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    errors = []
    if request.method == "POST":
        try:
            weight = run_publish(run=run, actor=request.user)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(
                request,
                f"{weight['placements']} proposition{'s' if weight['placements'] > 1 else ''} "
                f"publiée{'s' if weight['placements'] > 1 else ''} ; "
                f"{weight['messages']} message{'s' if weight['messages'] > 1 else ''} "
                "mis en file.",
            )
            return _run_url(campaign, run)
    return render(
        request,
        "backoffice/lodging/run_publish.html",
        {
            "campaign": campaign,
            "run": run,
            "run_label": f"Calcul n° {run.pk}",
            "weight": publish_weight(run),
            "errors": errors,
        },
    )


@operator_required
def lodging_run_abandon(request, campaign_slug, run_id: int):
    """What abandoning loses (proposed placements, hand adjustments), then abandon on confirm."""
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    errors = []
    if request.method == "POST":
        try:
            run_abandon(run=run, actor=request.user)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(
                request, "Calcul abandonné : ses propositions non publiées sont effacées."
            )
            return redirect("backoffice:lodging_runs", campaign_slug=campaign.slug)
    stuck = run_stuck(run)
    return render(
        request,
        "backoffice/lodging/run_abandon.html",
        {
            "campaign": campaign,
            "run": run,
            "run_label": f"Calcul n° {run.pk}",
            "weight": abandon_weight(run),
            "stuck": stuck,
            "abandonable": stuck
            or run.status in (RunStatus.QUEUED, RunStatus.DONE, RunStatus.FAILED),
            "errors": errors,
        },
    )


@operator_required
def lodging_placement_cancel(request, campaign_slug, placement_id: int):
    campaign = request.campaign
    placement = placement_get(campaign=campaign, placement_id=placement_id)
    form = PlacementCancelForm(request.POST if request.method == "POST" else None)

    def call():
        placement_cancel(
            campaign=campaign,
            placement_id=placement.pk,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )

    if form_service_call(request, form, call):
        messages.success(
            request, "Proposition annulée : les deux associations sont prévenues, les lits libérés."
        )
        return redirect(
            "backoffice:lodging_need", campaign_slug=campaign.slug, need_id=placement.need_id
        )
    return render(
        request,
        "backoffice/lodging/placement_cancel.html",
        {"campaign": campaign, "placement": placement, "form": form, "live": LIVE},
    )

"""Back-office « Hébergement » pages of a campaign: figures, settings and practical page, hosts
(and their invitation), needs, the matching runs (launch, follow, adjust, publish, abandon) and
the cancellation of a live placement."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.lodging import (
    AdjustForm,
    HostInviteExistingForm,
    HostInviteForm,
    LodgingSettingsForm,
    PlacementAddForm,
    PlacementCancelForm,
    PlacementMoveForm,
    PracticalForm,
    RunStartForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import form_add_errors, form_service_call, messages_add_errors
from billetterie.lodging.instance import need_id
from billetterie.lodging.models import LIVE, RunStatus
from billetterie.lodging.selectors.backoffice import (
    host_choices,
    lodging_figures,
    lodging_settings_of,
    minutes_words,
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
    run_get,
    run_in_progress,
    run_view,
    runs_of,
)
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
from billetterie.members.models import Association


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
            "threshold": minutes_words(settings.threshold_minutes) if settings else None,
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


def _invitable_associations(campaign):
    return Association.objects.filter(operator=campaign.operator).order_by("name")


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
            "existing_form": HostInviteExistingForm(associations=_invitable_associations(campaign)),
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
    form = HostInviteExistingForm(request.POST, associations=_invitable_associations(campaign))
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
        return redirect(
            "backoffice:lodging_run", campaign_slug=campaign.slug, run_id=result["run"].pk
        )
    return render(
        request,
        "backoffice/lodging/runs.html",
        {
            "campaign": campaign,
            "form": form,
            "runs": list(runs_of(campaign)),
            "running": run_in_progress(campaign),
        },
    )


@operator_required
def lodging_run(request, campaign_slug, run_id: int):
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    context = {"campaign": campaign, "run": run, "run_label": f"Calcul n° {run.pk}"}
    if run.status in (RunStatus.DONE, RunStatus.PUBLISHED):
        view = run_view(run)
        context["view"] = view
        if run.status == RunStatus.DONE:
            context["moves"] = [
                (
                    p,
                    PlacementMoveForm(
                        initial={"placement": p.pk},
                        auto_id=f"id_p{p.pk}_%s",
                        choices=host_choices(
                            run, need_id(p.need_id), excluding=p.pk, current=p.offer_id
                        ),
                    ),
                )
                for p in view["placements"]
            ]
            context["adds"] = [
                (
                    row,
                    PlacementAddForm(
                        initial={"need": row["need"].pk},
                        auto_id=f"id_n{row['need'].pk}_%s",
                        choices=host_choices(run, row["group"]),
                    ),
                )
                for row in view["unplaced"]
            ]
    return render(request, "backoffice/lodging/run.html", context)


@operator_required
def lodging_run_status(request, campaign_slug, run_id: int):
    run = run_get(campaign=request.campaign, run_id=run_id)
    return JsonResponse(
        {
            "etat": run.status,
            "libelle_etat": run.get_status_display(),
            "avancement": None,
            "etape": run.progress,
        }
    )


@operator_required
@require_POST
def lodging_run_adjust(request, campaign_slug, run_id: int):
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    form = AdjustForm(request.POST)
    back = redirect("backoffice:lodging_run", campaign_slug=campaign.slug, run_id=run.pk)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Demande illisible.")
        return back
    data = form.cleaned_data
    try:
        if data["action"] == "move":
            placement = placement_move(
                run=run, placement_id=data["placement"], offer_id=data["offer"], actor=request.user
            )
            messages.success(
                request,
                f"Le groupe de « {placement.need.association.name} » va chez "
                f"« {placement.offer.place_name} » ({placement.offer.town}).",
            )
        elif data["action"] == "remove":
            placement_remove(run=run, placement_id=data["placement"], actor=request.user)
            messages.success(request, "Proposition retirée du calcul : le groupe est à placer.")
        else:
            placement = placement_add(
                run=run, need_pk=data["need"], offer_id=data["offer"], actor=request.user
            )
            messages.success(
                request,
                f"Le groupe de « {placement.need.association.name} » est placé chez "
                f"« {placement.offer.place_name} » ({placement.offer.town}).",
            )
    except ValidationError as exc:
        messages_add_errors(request, exc)
    return back


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
            return redirect("backoffice:lodging_run", campaign_slug=campaign.slug, run_id=run.pk)
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
@require_POST
def lodging_run_abandon(request, campaign_slug, run_id: int):
    campaign = request.campaign
    run = run_get(campaign=campaign, run_id=run_id)
    try:
        run_abandon(run=run, actor=request.user)
    except ValidationError as exc:
        messages_add_errors(request, exc)
        return redirect("backoffice:lodging_run", campaign_slug=campaign.slug, run_id=run.pk)
    messages.success(request, "Calcul abandonné : ses propositions non publiées sont effacées.")
    return redirect("backoffice:lodging_runs", campaign_slug=campaign.slug)


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

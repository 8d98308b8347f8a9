"""« Temps de trajet » of the lodging: each association's time to Paris and to its packs' host
cities, the operator's corrections, and the invitation of the far associations (after a preview
of who receives it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.lodging_travel import (
    TravelFilterForm,
    TravelInviteForm,
    TravelOverrideForm,
)
from billetterie.backoffice.permissions import operator_required
from billetterie.core.changes import plural
from billetterie.core.web import form_add_errors, messages_add_errors
from billetterie.lodging.selectors.settings import lodging_settings_of
from billetterie.lodging.selectors.travel import (
    association_travel,
    invite_plan,
    threshold_minutes,
    travel_rows,
)
from billetterie.lodging.services.travel import (
    far_associations_invite,
    travel_override_clear,
    travel_override_set,
)
from billetterie.lodging.travel import format_minutes
from billetterie.members.selectors import association_of_operator

PER_PAGE = 100


@operator_required
def lodging_travel(request, campaign_slug):
    campaign = request.campaign
    form = TravelFilterForm(request.GET)
    far_only, page_number = form.chosen()
    rows = travel_rows(campaign=campaign)
    far = [r for r in rows if r.far]
    shown = far if far_only else rows
    page = Paginator(shown, PER_PAGE).get_page(page_number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "campaign": campaign,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "total": len(rows),
        "far_count": len(far),
        "far_without_need": sum(1 for r in far if not r.need_declared),
        "far_invited": sum(1 for r in far if r.invited_at),
        "unknown": sum(1 for r in rows if r.unknown),
        "threshold": format_minutes(threshold_minutes(campaign)),
    }
    return render(request, "backoffice/lodging/travel.html", context)


@operator_required
def lodging_travel_override(request, campaign_slug, association_id: int):
    campaign = request.campaign
    association = association_of_operator(operator=campaign.operator, association_id=association_id)
    if request.method == "POST" and "clear" in request.POST:
        try:
            cleared = travel_override_clear(
                campaign=campaign, association_id=association.pk, actor=request.user
            )
        except ValidationError as exc:
            messages_add_errors(request, exc)
        else:
            if cleared:
                messages.success(
                    request, f"Le temps de trajet de {association.name} revient à l'estimation."
                )
            else:
                messages.info(request, f"{association.name} n'avait pas de temps corrigé.")
        return redirect("backoffice:lodging_travel", campaign_slug=campaign.slug)
    form = TravelOverrideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            travel_override_set(
                campaign=campaign,
                association_id=association.pk,
                minutes=form.cleaned_data["minutes"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request,
                f"Le temps de trajet de {association.name} jusqu'à Paris est corrigé : "
                f"{format_minutes(form.cleaned_data['minutes'])}.",
            )
            return redirect("backoffice:lodging_travel", campaign_slug=campaign.slug)
    row = association_travel(campaign=campaign, association=association)
    if request.method != "POST" and row.override_minutes is not None:
        form = TravelOverrideForm(
            initial={"minutes": format_minutes(row.override_minutes), "reason": row.override_reason}
        )
    context = {"campaign": campaign, "association": association, "row": row, "form": form}
    return render(request, "backoffice/lodging/travel_override.html", context)


@operator_required
def lodging_travel_invite(request, campaign_slug):
    campaign = request.campaign
    plan = invite_plan(campaign=campaign)
    stale = False
    if request.method == "POST":
        form = TravelInviteForm(request.POST)
        if form.is_valid() and form.cleaned_data["seen"] == plan.token:
            try:
                count = far_associations_invite(campaign=campaign, actor=request.user)
            except ValidationError as exc:
                messages_add_errors(request, exc)
            else:
                if count:
                    messages.success(
                        request,
                        "Invitation à déclarer les besoins d'hébergement envoyée à "
                        f"{plural(count, 'association')} (à leurs référents).",
                    )
                else:
                    messages.info(
                        request,
                        "Aucune invitation envoyée : toutes les associations éloignées ont déjà "
                        "été invitées ou ont déclaré leurs besoins.",
                    )
            return redirect("backoffice:lodging_travel", campaign_slug=campaign.slug)
        stale = True  # the list changed since it was read (or the form came broken): show it again
    form = TravelInviteForm(initial={"seen": plan.token})
    context = {
        "campaign": campaign,
        "plan": plan,
        "form": form,
        "stale": stale,
        "lodging_open": lodging_settings_of(campaign) is not None,
        "threshold": format_minutes(threshold_minutes(campaign)),
    }
    return render(request, "backoffice/lodging/travel_invite.html", context)

"""Portal page for a derogation: ask the operator for more supervisors in a group."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.selectors.association import derogations_of_group, group_of
from billetterie.attendees.services.derogations import derogation_request
from billetterie.core.web import form_add_errors
from billetterie.portal.forms.derogations import DerogationForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_derogation_new(request, campaign_slug, group_id: int):
    campaign = request.campaign
    group = group_of(campaign=campaign, association=request.association, group_id=group_id)
    form = DerogationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            derogation_request(
                campaign=campaign,
                association=request.association,
                group_id=group.pk,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(request, "La demande de dérogation est transmise à l'opérateur.")
            return redirect(
                "portal:attendees_group", campaign_slug=campaign.slug, group_id=group.pk
            )
    history = derogations_of_group(
        campaign=campaign, association=request.association, group_id=group.pk
    )
    context = {"campaign": campaign, "group": group, "form": form, "history": history}
    return render(request, "portal/attendees/derogation_new.html", context)

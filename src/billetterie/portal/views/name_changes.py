"""Portal page for a name change: once the names are sent, ask for another person on a ticket."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.selectors.association import holder_of, people_sorted
from billetterie.attendees.services.name_changes import can_request_change, name_change_request
from billetterie.core import clock
from billetterie.core.web import form_add_errors
from billetterie.portal.forms.name_changes import NameChangeForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_name_change_new(request, campaign_slug, holder_id: int):
    campaign = request.campaign
    holder = holder_of(campaign=campaign, association=request.association, holder_id=holder_id)
    people = people_sorted(
        campaign=campaign, association=request.association, excluding=holder.person_id
    )
    form = NameChangeForm(request.POST or None, people=people)
    allowed = can_request_change(holder=holder, today=clock.today())
    if request.method == "POST" and allowed and form.is_valid():
        try:
            name_change_request(
                campaign=campaign,
                association=request.association,
                holder_id=holder.pk,
                new_person_id=form.cleaned_data["new_person"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request, "La demande de réattribution nominative est transmise à l'opérateur."
            )
            return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "holder": holder, "form": form, "allowed": allowed}
    return render(request, "portal/attendees/name_change_new.html", context)

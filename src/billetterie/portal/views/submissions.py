"""Portal pages for sending the attributions: accept the charter, then send a Games' names."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.letter_pdf import charter_points
from billetterie.attendees.selectors.association import charter_acknowledgement_of
from billetterie.attendees.selectors.boards import games_states
from billetterie.attendees.services.submissions import (
    charter_acknowledge,
    nomination_submit,
    submission_violations,
)
from billetterie.campaigns.selectors import campaign_games_by_code
from billetterie.core import clock
from billetterie.core.web import error_messages
from billetterie.portal.forms.submissions import CharterForm, SubmitForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_charter(request, campaign_slug):
    campaign = request.campaign
    ack = charter_acknowledgement_of(campaign=campaign, association=request.association)
    form = CharterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        charter_acknowledge(campaign=campaign, association=request.association, actor=request.user)
        messages.success(request, "La charte d'utilisation des billets est acceptée.")
        return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {"campaign": campaign, "form": form, "ack": ack, "charter": charter_points()}
    return render(request, "portal/attendees/charter.html", context)


@attendees_referent_required
def attendees_submit(request, campaign_slug, games_code):
    campaign = request.campaign
    association = request.association
    games = campaign_games_by_code(campaign=campaign, code=games_code)
    state = games_states(campaign=campaign, association=association, today=clock.today())[games.pk]
    form = SubmitForm(request.POST or None)
    attested = True  # before any answer, every rule is shown, the attestation aside
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        attested = form.cleaned_data["attested"]
        if form.sends():
            try:
                nomination_submit(
                    campaign=campaign,
                    association=association,
                    games=games,
                    attested=attested,
                    actor=request.user,
                )
            except ValidationError as exc:
                errors = error_messages(exc)
            else:
                messages.success(
                    request,
                    f"Les attributions nominatives des {games.short_name} sont envoyées à l'opérateur.",
                )
                return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    if not errors:
        errors = [
            v.message
            for v in submission_violations(
                campaign=campaign, association=association, games_id=games.pk, attested=attested
            )
        ]
    context = {
        "campaign": campaign,
        "games": games,
        "state": state,
        "form": form,
        "errors": errors,
        "checked": request.method == "POST",
        "charter": charter_acknowledgement_of(campaign=campaign, association=association),
    }
    return render(request, "portal/attendees/submit.html", context)

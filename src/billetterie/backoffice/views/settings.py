"""Back-office page of a campaign's settings: calendar, rules, retention, and the operator's
second-factor rule for referents — always shown as a preview before anything is saved."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.attendees.selectors.completion import named_tickets_count
from billetterie.backoffice.forms.settings import CampaignSettingsForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import preview_then_confirm
from billetterie.campaigns.selectors import campaign_settings_preview, games_settings_of
from billetterie.campaigns.services import (
    campaign_update,
    campaign_update_check,
    operator_settings_update,
)
from billetterie.core import clock


@operator_required
def campaign_settings(request, campaign_slug):
    campaign = request.campaign
    form = CampaignSettingsForm(
        request.POST if request.method == "POST" else None,
        campaign=campaign,
        games_settings=games_settings_of(campaign=campaign).order_by("games__code"),
    )

    def preview():
        campaign_update_check(campaign=campaign, **form.campaign_values())
        return campaign_settings_preview(
            campaign=campaign,
            values=form.campaign_values(),
            nominative_deadlines=form.nominative_deadlines(),
            referents_second_factor=form.cleaned_data["referents_second_factor"],
            names_given=named_tickets_count(campaign=campaign),
            today=clock.today(),
        )

    def confirm():
        campaign_update(
            campaign=campaign,
            actor=request.user,
            nominative_deadlines=form.nominative_deadlines(),
            **form.campaign_values(),
        )
        operator_settings_update(
            operator=campaign.operator,
            actor=request.user,
            referents_second_factor=form.cleaned_data["referents_second_factor"],
            campaign=campaign,
        )

    outcome = preview_then_confirm(request, form, preview=preview, confirm=confirm)
    if outcome.confirmed:
        messages.success(
            request,
            f"Réglages enregistrés ({len(outcome.changes)} changement"
            f"{'s' if len(outcome.changes) > 1 else ''}).",
        )
        return redirect("backoffice:campaign", campaign_slug=campaign.slug)
    if outcome.unchanged:
        messages.info(request, "Aucune valeur n'a changé : rien n'a été enregistré.")
    context = {"campaign": campaign, "form": form, "preview": outcome}
    return render(request, "backoffice/campaign_settings.html", context)

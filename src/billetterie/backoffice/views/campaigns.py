"""Back-office pages: the operator's campaigns, a new campaign, a campaign's overview."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.campaigns import CampaignCreateForm
from billetterie.backoffice.permissions import operator_required
from billetterie.campaigns.rules import (
    reminder_days_words,
    size_weight_words,
    youth_per_supervisor,
)
from billetterie.campaigns.selectors import campaigns_visible_to, games_settings_of, waves_of
from billetterie.campaigns.services import campaign_create
from billetterie.core.web import form_add_errors
from billetterie.inventory.selectors import pack_counts, tickets_by_games
from billetterie.requests.selectors import application_counts


def _campaign_counts(campaign_ids: list[int]) -> dict[int, dict[str, int]]:
    packs, applications = (
        pack_counts(campaign_ids=campaign_ids),
        application_counts(campaign_ids=campaign_ids),
    )
    return {cid: {**packs[cid], **applications[cid]} for cid in campaign_ids}


@operator_required
def home(request):
    campaigns = list(campaigns_visible_to(request.user))
    counts = _campaign_counts([c.pk for c in campaigns])
    rows = [{"campaign": c, **counts[c.pk]} for c in campaigns]
    return render(request, "backoffice/home.html", {"rows": rows})


@operator_required
def campaign_new(request):
    if request.user.operator is None:
        # A platform administrator creates campaigns from the command line (they name the operator).
        raise PermissionDenied
    form = CampaignCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_create(
                slug=form.cleaned_data["slug"],
                name=form.cleaned_data["name"],
                operator_name=request.user.operator.name,
                actor=request.user,
            )
        except ValidationError as exc:
            form_add_errors(form, exc)
        else:
            messages.success(
                request, f"La campagne « {campaign.name} » est créée avec les règles par défaut."
            )
            return redirect("backoffice:campaign", campaign_slug=campaign.slug)
    return render(request, "backoffice/campaign_new.html", {"form": form})


@operator_required
def campaign_detail(request, campaign_slug):
    campaign = request.campaign
    context = {
        "campaign": campaign,
        "counts": _campaign_counts([campaign.pk])[campaign.pk],
        "by_games": tickets_by_games(campaign=campaign),
        "games_settings": games_settings_of(campaign=campaign),
        "waves": waves_of(campaign=campaign),
        "youth_per_supervisor": youth_per_supervisor(campaign=campaign),
        "size_weight": size_weight_words(campaign.size_weight_exponent),
        "reminder_days": reminder_days_words(campaign.nominative_reminder_days),
    }
    return render(request, "backoffice/campaign_detail.html", context)

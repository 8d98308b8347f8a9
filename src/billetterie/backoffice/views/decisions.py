"""Back-office pages deciding the associations' requests: derogations, letters, name changes."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from billetterie.attendees.selectors.association import (
    derogation_history,
    derogation_of_campaign,
    letter_of_campaign,
    name_change_of_campaign,
)
from billetterie.attendees.services.derogations import derogation_decide
from billetterie.attendees.services.letters import (
    letter_decide,
    letter_file,
)
from billetterie.attendees.services.name_changes import changes_to_export, name_change_decide
from billetterie.attendees.services.transfers import changes_workbook_export
from billetterie.backoffice.forms.decisions import DecisionForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import (
    XLSX,
    form_service_call,
    messages_add_errors,
    private_file_response,
)


def _decision_page(request, template, context, decide, done: tuple[str, str]):
    """The request and its decision form; a decision taken goes back to the dashboard."""
    campaign = request.campaign
    form = DecisionForm(request.POST or None)
    if form_service_call(
        request,
        form,
        lambda: decide(
            campaign=campaign,
            approve=form.approve,
            reason=form.cleaned_data["reason"],
            actor=request.user,
        ),
    ):
        messages.success(request, done[0] if form.approve else done[1])
        return redirect("backoffice:attendees", campaign_slug=campaign.slug)
    return render(request, template, {"campaign": campaign, "form": form, **context})


@operator_required
def attendees_derogation(request, campaign_slug, derogation_id: int):
    campaign = request.campaign
    derogation = derogation_of_campaign(campaign=campaign, derogation_id=derogation_id)
    return _decision_page(
        request,
        "backoffice/attendees/derogation.html",
        {
            "derogation": derogation,
            "history": derogation_history(campaign=campaign, derogation=derogation),
        },
        partial(derogation_decide, derogation_id=derogation.pk),
        ("Dérogation accordée.", "Dérogation refusée."),
    )


@operator_required
def attendees_letter(request, campaign_slug, letter_id: int):
    letter = letter_of_campaign(campaign=request.campaign, letter_id=letter_id)
    return _decision_page(
        request,
        "backoffice/attendees/letter.html",
        {"letter": letter},
        partial(letter_decide, letter_id=letter.pk),
        ("Courrier d'engagement moral validé.", "Courrier d'engagement moral refusé."),
    )


@operator_required
def attendees_letter_file(request, campaign_slug, letter_id: int):
    letter = letter_of_campaign(campaign=request.campaign, letter_id=letter_id)
    file = letter_file(letter)
    return private_file_response(file.content, content_type=file.content_type, filename=file.name)


@operator_required
def attendees_name_change(request, campaign_slug, name_change_id: int):
    change = name_change_of_campaign(campaign=request.campaign, name_change_id=name_change_id)
    return _decision_page(
        request,
        "backoffice/attendees/name_change.html",
        {"change": change},
        partial(name_change_decide, name_change_id=change.pk),
        (
            "Réattribution approuvée et appliquée : elle figure dans le prochain export pour la billetterie.",
            "Réattribution refusée.",
        ),
    )


@operator_required
def attendees_changes_export(request, campaign_slug):
    """The approved changes not yet exported, as XLSX; downloading marks them exported."""
    campaign = request.campaign
    if request.method == "POST":
        try:
            content, _count = changes_workbook_export(campaign=campaign, actor=request.user)
        except ValidationError as exc:  # Busy: another person is exporting or deciding
            messages_add_errors(request, exc)
            return redirect("backoffice:attendees_changes_export", campaign_slug=campaign.slug)
        return private_file_response(
            content, content_type=XLSX, filename=f"reattributions-{campaign.slug}.xlsx"
        )
    context = {"campaign": campaign, "changes": list(changes_to_export(campaign=campaign))}
    return render(request, "backoffice/attendees/changes_export.html", context)

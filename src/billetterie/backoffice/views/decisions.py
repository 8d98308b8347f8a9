"""Back-office pages deciding the associations' requests: derogations, letters, name changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from billetterie.attendees.models import CommitmentLetter, Derogation, NameChange
from billetterie.attendees.selectors.association import derogations_of
from billetterie.attendees.services.derogations import derogation_decide
from billetterie.attendees.services.letters import (
    letter_content,
    letter_decide,
    letter_download_name,
)
from billetterie.attendees.services.name_changes import changes_to_export, name_change_decide
from billetterie.attendees.services.transfers import changes_workbook_export
from billetterie.backoffice.forms.decisions import DecisionForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import private_file_response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _of_campaign(model, campaign, pk: int):
    obj = model.objects.filter(campaign=campaign, pk=pk).select_related("association").first()
    if obj is None:
        raise Http404("demande introuvable")
    return obj


def _decide(request, campaign, form, decide, ok_words: tuple[str, str]):
    """Run a decision service from the form; return a redirect when done, else None."""
    approve = request.POST.get("decision") == "accepter"
    try:
        decide(approve, form.cleaned_data["reason"])
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            form.add_error("reason", exc.message_dict.get("reason", exc.messages))
        else:
            form.add_error(None, exc.messages)
        return None
    messages.success(request, ok_words[0] if approve else ok_words[1])
    return redirect("backoffice:attendees", campaign_slug=campaign.slug)


@operator_required
def attendees_derogation(request, campaign_slug, derogation_id: int):
    campaign = request.campaign
    derogation = _of_campaign(Derogation, campaign, derogation_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _decide(
            request,
            campaign,
            form,
            lambda ok, reason: derogation_decide(
                campaign=campaign,
                derogation_id=derogation.pk,
                approve=ok,
                reason=reason,
                actor=request.user,
            ),
            ("Dérogation accordée.", "Dérogation refusée."),
        )
        if done:
            return done
    history = derogations_of(campaign=campaign, association=derogation.association).filter(
        group_id=derogation.group_id
    )
    context = {"campaign": campaign, "derogation": derogation, "form": form, "history": history}
    return render(request, "backoffice/attendees/derogation.html", context)


@operator_required
def attendees_letter(request, campaign_slug, letter_id: int):
    campaign = request.campaign
    letter = _of_campaign(CommitmentLetter, campaign, letter_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _decide(
            request,
            campaign,
            form,
            lambda ok, reason: letter_decide(
                campaign=campaign,
                letter_id=letter.pk,
                approve=ok,
                reason=reason,
                actor=request.user,
            ),
            ("Courrier d'engagement moral validé.", "Courrier d'engagement moral refusé."),
        )
        if done:
            return done
    return render(
        request,
        "backoffice/attendees/letter.html",
        {"campaign": campaign, "letter": letter, "form": form},
    )


@operator_required
def attendees_letter_file(request, campaign_slug, letter_id: int):
    campaign = request.campaign
    letter = _of_campaign(CommitmentLetter, campaign, letter_id)
    try:
        content = letter_content(letter)
    except (FileNotFoundError, OSError):
        raise Http404("fichier effacé") from None
    return private_file_response(
        content, content_type=letter.content_type, filename=letter_download_name(letter)
    )


@operator_required
def attendees_name_change(request, campaign_slug, name_change_id: int):
    campaign = request.campaign
    change = _of_campaign(NameChange, campaign, name_change_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _decide(
            request,
            campaign,
            form,
            lambda ok, reason: name_change_decide(
                campaign=campaign,
                name_change_id=change.pk,
                approve=ok,
                reason=reason,
                actor=request.user,
            ),
            (
                "Réattribution approuvée et appliquée : elle figure dans le prochain export pour la billetterie.",
                "Réattribution refusée.",
            ),
        )
        if done:
            return done
    return render(
        request,
        "backoffice/attendees/name_change.html",
        {"campaign": campaign, "change": change, "form": form},
    )


@operator_required
def attendees_changes_export(request, campaign_slug):
    """The approved changes not yet exported, as XLSX; downloading marks them exported."""
    campaign = request.campaign
    if request.method != "POST":
        context = {"campaign": campaign, "changes": list(changes_to_export(campaign=campaign))}
        return render(request, "backoffice/attendees/changes_export.html", context)
    content, count = changes_workbook_export(campaign=campaign, actor=request.user)
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="reattributions-{campaign.slug}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response

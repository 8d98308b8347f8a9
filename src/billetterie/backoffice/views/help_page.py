"""Back-office pages « Aide et contact »: the operator's contact shown on every portal page, and the
questions and answers of the portal's help page — add, edit, reorder, delete. Both belong to the
operator and hold for all its campaigns; the campaign of the address only files the changes in
its journal."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from billetterie.backoffice.forms.help_page import HelpEntryForm, HelpMoveForm, OperatorContactForm
from billetterie.backoffice.permissions import operator_required
from billetterie.backoffice.views._common import preview_then_confirm
from billetterie.campaigns.help import (
    answer_paragraphs,
    help_entries_of,
    help_entry_create,
    help_entry_delete,
    help_entry_move,
    help_entry_of,
    help_entry_update,
    operator_contact_preview,
    operator_contact_update,
)
from billetterie.core.web import form_service_call


def _to_help(campaign):
    return redirect("backoffice:help", campaign_slug=campaign.slug)


@operator_required
def help_entries(request, campaign_slug):
    campaign = request.campaign
    entries = [
        {"entry": entry, "paragraphs": answer_paragraphs(entry.answer)}
        for entry in help_entries_of(operator=campaign.operator)
    ]
    context = {"campaign": campaign, "operator": campaign.operator, "entries": entries}
    return render(request, "backoffice/help.html", context)


@operator_required
def help_entry_new(request, campaign_slug):
    return _entry_page(request, None)


@operator_required
def help_entry_edit(request, campaign_slug, entry_id: int):
    return _entry_page(
        request, help_entry_of(operator=request.campaign.operator, entry_id=entry_id)
    )


def _entry_page(request, entry):
    """Add a question (at the end) when `entry` is None, else rewrite that one."""
    campaign = request.campaign
    form = HelpEntryForm(
        request.POST if request.method == "POST" else None,
        initial={"question": entry.question, "answer": entry.answer} if entry else None,
    )
    where = {"operator": campaign.operator, "actor": request.user, "campaign": campaign}
    if form_service_call(
        request,
        form,
        lambda: (
            help_entry_update(entry_id=entry.pk, **where, **form.cleaned_data)
            if entry
            else help_entry_create(**where, **form.cleaned_data)
        ),
    ):
        messages.success(
            request, "Question enregistrée." if entry else "Question ajoutée à la fin de l'aide."
        )
        return _to_help(campaign)
    context = {"campaign": campaign, "form": form, "entry": entry}
    return render(request, "backoffice/help_entry.html", context)


@operator_required
def help_entry_delete_view(request, campaign_slug, entry_id: int):
    campaign = request.campaign
    entry = help_entry_of(operator=campaign.operator, entry_id=entry_id)
    if request.method == "POST":
        help_entry_delete(
            operator=campaign.operator, entry_id=entry.pk, actor=request.user, campaign=campaign
        )
        messages.success(request, f"Question « {entry.question} » retirée de l'aide.")
        return _to_help(campaign)
    context = {
        "campaign": campaign,
        "entry": entry,
        "paragraphs": answer_paragraphs(entry.answer),
    }
    return render(request, "backoffice/help_entry_delete.html", context)


@operator_required
@require_POST
def help_entry_move_view(request, campaign_slug, entry_id: int):
    campaign = request.campaign
    entry = help_entry_of(operator=campaign.operator, entry_id=entry_id)
    form = HelpMoveForm(request.POST)
    if form.is_valid():
        help_entry_move(
            operator=campaign.operator,
            entry_id=entry.pk,
            up=form.up(),
            actor=request.user,
            campaign=campaign,
        )
    return redirect(f"{_to_help(campaign).url}#question-{entry.pk}")


@operator_required
def operator_contact(request, campaign_slug):
    campaign = request.campaign
    operator = campaign.operator
    form = OperatorContactForm(
        request.POST if request.method == "POST" else None,
        initial=OperatorContactForm.initial_from(operator),
    )
    outcome = preview_then_confirm(
        request,
        form,
        preview=lambda: operator_contact_preview(operator=operator, **form.cleaned_data),
        confirm=lambda: operator_contact_update(
            operator=operator, actor=request.user, campaign=campaign, **form.cleaned_data
        ),
    )
    if outcome.confirmed:
        messages.success(request, "Contact enregistré : il s'affiche sur chaque page du portail.")
        return _to_help(campaign)
    if outcome.unchanged:
        messages.info(request, "Le contact n'a pas changé : rien n'a été enregistré.")
    context = {"campaign": campaign, "operator": operator, "form": form, "preview": outcome}
    return render(request, "backoffice/operator_contact.html", context)

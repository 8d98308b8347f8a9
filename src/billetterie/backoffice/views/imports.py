"""Back-office pages to upload the import files of a campaign.

A file that would replace what is recorded (the download links) is not applied at once: the page
lists the replacements, keeps the file for an hour (`core.pending_uploads`) and applies it only
when the operator confirms that same list."""

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.imports import ImportConfirmForm, ImportForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.pending_uploads import pending_upload_keep, pending_upload_take
from billetterie.imports.contracts import CONTRACTS
from billetterie.imports.services import CONFIRMABLE, IMPORTERS


def _contract(kind: str):
    contract = CONTRACTS.get(kind)
    if contract is None:
        raise Http404
    return contract


@operator_required
def import_index(request, campaign_slug: str):
    campaign = request.campaign
    return render(
        request,
        "backoffice/imports/index.html",
        {"campaign": campaign, "contracts": CONTRACTS.values()},
    )


def _owner(request, kind: str) -> str:
    return f"opérateur, compte {request.user.pk}, campagne {request.campaign.pk}, import {kind}"


@operator_required
def import_upload(request, campaign_slug: str, kind: str):
    campaign = request.campaign
    contract = _contract(kind)
    result, token, stale = None, "", False
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    confirm = ImportConfirmForm(
        request.POST if kind in CONFIRMABLE and "token" in request.POST else None
    )
    if confirm.is_bound:
        if not confirm.is_valid():
            return redirect("backoffice:import_upload", campaign_slug=campaign.slug, kind=kind)
        kept = pending_upload_take(token=confirm.cleaned_data["token"], owner=_owner(request, kind))
        if kept is None:
            messages.error(
                request,
                "Ce fichier n'est plus en attente (plus d'une heure s'est écoulée, ou il a déjà été "
                "importé) : choisissez-le de nouveau.",
            )
            return redirect("backoffice:import_upload", campaign_slug=campaign.slug, kind=kind)
        name, content = kept
        upload = SimpleUploadedFile(name, content)
        result = IMPORTERS[kind](
            campaign=campaign, file=upload, actor=request.user, confirm=confirm.cleaned_data["seen"]
        )
        # Still to confirm: the recorded links changed since the list was read; show the new one.
        stale = result.needs_confirmation
        form = ImportForm()
    elif form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        result = IMPORTERS[kind](
            campaign=campaign,
            file=upload,
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
    if result is not None and result.ok and result.needs_confirmation and kind in CONFIRMABLE:
        upload.seek(0)
        token = pending_upload_keep(
            content=upload.read(), name=result.file_name, owner=_owner(request, kind)
        )
    elif result is not None and result.ok and not result.dry_run:
        messages.success(request, result.summary())
        return redirect("backoffice:import_upload", campaign_slug=campaign.slug, kind=kind)
    context = {
        "campaign": campaign,
        "contract": contract,
        "form": form,
        "result": result,
        "stale": stale,
        "confirm": (
            ImportConfirmForm(initial={"token": token, "seen": result.confirmation_token})
            if token
            else None
        ),
    }
    return render(request, "backoffice/imports/upload.html", context)


@operator_required
def import_template(request, campaign_slug: str, kind: str):
    """An empty file to fill in: the header row and one example row (Excel-friendly CSV)."""
    contract = _contract(kind)
    response = HttpResponse(contract.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="modele-{contract.kind}.csv"'
    return response

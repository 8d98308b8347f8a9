"""Portal pages for the attendees spreadsheet: download it pre-filled, import it back."""

from functools import partial

from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import redirect, render

from billetterie.core.pending_uploads import pending_upload_keep, pending_upload_take
from billetterie.core.web import XLSX, private_file_response
from billetterie.imports.attendees import attendees_import, import_summary
from billetterie.imports.attendees_sheet import ATTENDEES, attendees_workbook
from billetterie.portal.forms.spreadsheet import ImportConfirmForm, ImportForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_export(request, campaign_slug):
    campaign = request.campaign
    content = attendees_workbook(campaign=campaign, association=request.association)
    return private_file_response(
        content, content_type=XLSX, filename=f"beneficiaires-{campaign.slug}.xlsx"
    )


def _owner(request) -> str:
    return f"association {request.association.pk}, compte {request.user.pk}"


@attendees_referent_required
def attendees_import_view(request, campaign_slug):
    campaign = request.campaign
    form = ImportForm(request.POST or None, request.FILES or None)
    confirm = ImportConfirmForm(request.POST if "token" in request.POST else None)
    result, token = None, ""
    run = partial(
        attendees_import, campaign=campaign, association=request.association, actor=request.user
    )
    if confirm.is_valid():
        kept = pending_upload_take(token=confirm.cleaned_data["token"], owner=_owner(request))
        if kept is None:
            messages.error(
                request,
                "Ce fichier n'est plus en attente (plus d'une heure s'est écoulée, ou il a déjà été "
                "importé) : envoyez-le de nouveau.",
            )
            return redirect("portal:attendees_import", campaign_slug=campaign.slug)
        name, content = kept
        result = run(file=SimpleUploadedFile(name, content), confirmed=True)
        form = ImportForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = run(file=upload, dry_run=form.cleaned_data["dry_run"])
        if result.needs_confirmation:
            upload.seek(0)
            token = pending_upload_keep(
                content=upload.read(), name=upload.name, owner=_owner(request)
            )
    if result is not None and result.ok and not result.dry_run and not result.needs_confirmation:
        messages.success(request, import_summary(result))
        return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {
        "campaign": campaign,
        "form": form,
        "result": result,
        "summary": import_summary(result) if result else "",
        "contract": ATTENDEES,
        "confirm": ImportConfirmForm(initial={"token": token}) if token else None,
    }
    return render(request, "portal/attendees/import.html", context)

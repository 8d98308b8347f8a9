"""Back-office pages of the delivery of tickets: the nominative export for the ticket office."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.delivery import NominativeExportForm
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import form_service_call, private_file_response
from billetterie.delivery.exports import (
    changes_preview,
    nominative_export_create,
    nominative_export_file,
)
from billetterie.delivery.models import ExportScope
from billetterie.delivery.selectors import export_of_campaign, exports_of_campaign


@operator_required
def nominative_exports(request, campaign_slug):
    """The past exports (download again) and the two buttons, with what each would export."""
    campaign = request.campaign
    preview = changes_preview(campaign=campaign)
    form = NominativeExportForm(request.POST or None)
    done = {}

    def create():
        done["export"] = nominative_export_create(
            campaign=campaign,
            scope=form.cleaned_data["scope"],
            file_format=form.cleaned_data["file_format"],
            actor=request.user,
            seen_last=form.cleaned_data["seen_last"],
        )

    if request.method == "POST" and form_service_call(request, form, create):
        export = done["export"]
        messages.success(
            request,
            f"Export n° {export.number} enregistré ({export.rows} ligne"
            f"{'s' if export.rows > 1 else ''}) : téléchargez-le dans la liste ci-dessous.",
        )
        return redirect("backoffice:nominative_exports", campaign_slug=campaign.slug)
    if request.method == "POST":
        preview = changes_preview(campaign=campaign)  # another export may have been made since
    context = {
        "campaign": campaign,
        "form": form,
        "preview": preview,
        "exports": list(exports_of_campaign(campaign=campaign)),
        "full": ExportScope.FULL,
        "changes": ExportScope.CHANGES,
    }
    return render(request, "backoffice/delivery/nominative_exports.html", context)


@operator_required
def nominative_export_download(request, campaign_slug, number: int):
    campaign = request.campaign
    export = export_of_campaign(campaign=campaign, number=number)
    file = nominative_export_file(campaign=campaign, export=export, actor=request.user)
    return private_file_response(file.content, content_type=file.content_type, filename=file.name)

"""Portal pages for the attendees spreadsheet: download it pre-filled, import it back."""

from django.contrib import messages
from django.shortcuts import redirect, render

from billetterie.core.web import XLSX, private_file_response
from billetterie.imports.attendees import attendees_import, import_summary
from billetterie.imports.attendees_sheet import ATTENDEES, attendees_workbook
from billetterie.portal.forms.spreadsheet import ImportForm
from billetterie.portal.permissions import attendees_referent_required


@attendees_referent_required
def attendees_export(request, campaign_slug):
    campaign = request.campaign
    content = attendees_workbook(campaign=campaign, association=request.association)
    return private_file_response(
        content, content_type=XLSX, filename=f"beneficiaires-{campaign.slug}.xlsx"
    )


@attendees_referent_required
def attendees_import_view(request, campaign_slug):
    campaign = request.campaign
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = attendees_import(
            campaign=campaign,
            association=request.association,
            file=form.cleaned_data["file"],
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            messages.success(request, import_summary(result))
            return redirect("portal:attendees_campaign", campaign_slug=campaign.slug)
    context = {
        "campaign": campaign,
        "form": form,
        "result": result,
        "summary": import_summary(result) if result else "",
        "contract": ATTENDEES,
    }
    return render(request, "portal/attendees/import.html", context)

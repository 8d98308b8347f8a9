"""Back-office pages to upload the four import files of a campaign."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from billetterie.backoffice.forms.imports import ImportForm
from billetterie.backoffice.permissions import operator_required
from billetterie.imports.contracts import CONTRACTS
from billetterie.imports.services import IMPORTERS


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


@operator_required
def import_upload(request, campaign_slug: str, kind: str):
    campaign = request.campaign
    contract = _contract(kind)
    result = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if form.is_bound and form.is_valid():
        result = IMPORTERS[kind](
            campaign=campaign,
            file=form.cleaned_data["file"],
            actor=request.user,
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and not result.dry_run:
            messages.success(request, result.summary())
            return redirect("backoffice:import_upload", campaign_slug=campaign.slug, kind=kind)
    return render(
        request,
        "backoffice/imports/upload.html",
        {"campaign": campaign, "contract": contract, "form": form, "result": result},
    )


@operator_required
def import_template(request, campaign_slug: str, kind: str):
    """An empty file to fill in: the header row and one example row (Excel-friendly CSV)."""
    contract = _contract(kind)
    response = HttpResponse(contract.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="modele-{contract.kind}.csv"'
    return response

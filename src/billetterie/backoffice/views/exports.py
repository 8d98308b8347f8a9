"""The « Exports » page of the back office: every list of the campaign, in Excel or CSV, built in
the background; the person's exports with their progress and their file."""

from urllib.parse import urlencode

from django.shortcuts import redirect, render

from billetterie.backoffice.forms.exports import ExportForm, query_filters
from billetterie.backoffice.permissions import operator_required
from billetterie.core.web import form_post_with_messages, private_file_response
from billetterie.reporting.exports import (
    LIST_KINDS,
    ExportScopeError,
    export_count,
    filters_words,
    kinds_for,
)
from billetterie.reporting.jobs import export_job_file, export_job_request
from billetterie.reporting.selectors import export_job_of, export_jobs_running, export_jobs_shown


@operator_required
def exports(request, campaign_slug):
    campaign = request.campaign
    form = ExportForm(request.POST or None)
    if request.method == "POST":
        form_post_with_messages(
            request,
            form,
            lambda: export_job_request(
                campaign=campaign,
                kind=form.cleaned_data["kind"],
                file_format=form.cleaned_data["file_format"],
                actor=request.user,
                filters=form.chosen_filters(),
            ),
            success=lambda job: (
                f"Export n° {job.pk} demandé : il apparaît ci-dessous et se télécharge dès "
                "qu'il est prêt."
            ),
            invalid="Choisissez une liste et un format parmi ceux de la page.",
        )
        return redirect("backoffice:exports", campaign_slug=campaign.slug)
    jobs = export_jobs_shown(campaign=campaign, user=request.user)
    kinds = [(kind, export_count(kind.code, campaign)) for kind in kinds_for()]
    context = {
        "campaign": campaign,
        "chosen": _chosen(request, campaign),
        "kinds": kinds,
        "jobs": jobs,
        "refresh": export_jobs_running(jobs),
    }
    return render(request, "backoffice/exports.html", context)


def _chosen(request, campaign) -> dict | None:
    """The list chosen by the address (from a dashboard figure): ?kind=holders&games=OG&…, with
    its filters in words and its count; a list or filter that does not exist says so."""
    kind = request.GET.get("kind")
    if not kind:
        return None
    filters = query_filters(request.GET)
    try:
        rows = export_count(kind, campaign, filters=filters)
        words = filters_words(kind, filters)
    except ExportScopeError as exc:
        return {"error": str(exc)}
    return {
        "kind": LIST_KINDS[kind],
        "filters": urlencode(filters),
        "words": words,
        "rows": rows,
    }


@operator_required
def export_download(request, campaign_slug, job_id: int):
    job = export_job_of(campaign=request.campaign, user=request.user, job_id=job_id)
    file = export_job_file(job=job, actor=request.user)
    return private_file_response(file.content, content_type=file.content_type, filename=file.name)

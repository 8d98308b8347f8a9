"""The portal's « Exports » pages: the association's own rows of each list it may export
(candidatures, propositions, bénéficiaires, courriers, dérogations, réattributions, présence),
built in the background; the referent's exports with their progress and their file."""

from django.shortcuts import redirect, render

from billetterie.campaigns.selectors import campaigns_of_association
from billetterie.core.web import form_post_with_messages, private_file_response
from billetterie.portal.forms.exports import ExportForm
from billetterie.portal.permissions import referent_required
from billetterie.reporting.exports import export_count, kinds_for
from billetterie.reporting.jobs import export_job_file, export_job_request
from billetterie.reporting.selectors import export_job_of, export_jobs_running, export_jobs_shown


@referent_required
def exports_index(request):
    """The campaigns whose lists the association can export (straight to the only one)."""
    campaigns = list(campaigns_of_association(association=request.association))
    if len(campaigns) == 1:
        return redirect("portal:exports", campaign_slug=campaigns[0].slug)
    return render(request, "portal/exports_index.html", {"campaigns": campaigns})


@referent_required
def exports(request, campaign_slug):
    campaign, association = request.campaign, request.association
    form = ExportForm(request.POST or None, association=association)
    if request.method == "POST":
        form_post_with_messages(
            request,
            form,
            lambda: export_job_request(
                campaign=campaign,
                kind=form.cleaned_data["kind"],
                file_format=form.cleaned_data["file_format"],
                actor=request.user,
                association=association,
            ),
            success=lambda job: (
                f"Export n° {job.pk} demandé : il apparaît ci-dessous et se télécharge dès "
                "qu'il est prêt."
            ),
            invalid="Choisissez une liste et un format parmi ceux de la page.",
        )
        return redirect("portal:exports", campaign_slug=campaign.slug)
    jobs = export_jobs_shown(campaign=campaign, user=request.user, association=association)
    kinds = [
        (kind, export_count(kind.code, campaign, association))
        for kind in kinds_for(association=association)
    ]
    context = {
        "campaign": campaign,
        "association": association,
        "kinds": kinds,
        "jobs": jobs,
        "refresh": export_jobs_running(jobs),
    }
    return render(request, "portal/exports.html", context)


@referent_required
def export_download(request, campaign_slug, job_id: int):
    job = export_job_of(
        campaign=request.campaign,
        user=request.user,
        job_id=job_id,
        association=request.association,
    )
    file = export_job_file(job=job, actor=request.user)
    return private_file_response(file.content, content_type=file.content_type, filename=file.name)

"""Reading export jobs: a person sees only the jobs they asked, in the scope they asked them (the
operator's team: the whole campaign; a referent: their association's rows)."""

import contextlib

from billetterie.reporting.exports import LIST_KINDS, ExportScopeError, filters_words
from billetterie.reporting.models import ExportJob, ExportStatus


def export_jobs_of(*, campaign, user, association=None):
    """The person's jobs for this campaign and scope, most recent first."""
    return ExportJob.objects.filter(
        campaign=campaign, requested_by=user, association=association
    ).order_by("-requested_at", "-pk")


def export_job_of(*, campaign, user, job_id: int, association=None) -> ExportJob:
    """One of the person's jobs; anyone else's (another association's) is ExportJob.DoesNotExist."""
    return export_jobs_of(campaign=campaign, user=user, association=association).get(pk=job_id)


def export_jobs_running(jobs) -> bool:
    return any(job.status in (ExportStatus.QUEUED, ExportStatus.RUNNING) for job in jobs)


def export_jobs_shown(*, campaign, user, association=None, limit: int = 30) -> list[ExportJob]:
    """The person's latest jobs, each with `kind_label` (the list's French name, and its filters
    in words)."""
    jobs = list(export_jobs_of(campaign=campaign, user=user, association=association)[:limit])
    for job in jobs:
        kind = LIST_KINDS.get(job.kind)
        job.kind_label = kind.label if kind else job.kind
        if kind and job.filters:
            with contextlib.suppress(ExportScopeError):
                job.kind_label += " (" + " ; ".join(filters_words(job.kind, job.filters)) + ")"
    return jobs

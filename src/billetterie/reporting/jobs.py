"""Exports as background jobs: every export is an `ExportJob`, built by the task worker.

One path for every size: the page asks (`export_job_request`, audited), the job is queued after
commit and the worker writes the file row by row (`export_job_run`), updating `rows_done` so the
page can say « 3 200 lignes sur 12 000 ». A small list is ready in a second. The file is private:
only the person who asked downloads it (`export_job_file`, audited), and it is deleted 7 days
later by the periodic work, or with the campaign's personal data (`reporting/purge.py`).
The audit log says who exported which list, in which scope and how many rows — never the content.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.reporting.exports import (
    ExportScopeError,
    export_count,
    filters_words,
    list_kind,
)
from billetterie.reporting.models import ExportJob, ExportStatus
from billetterie.reporting.tasks import export_job_execute

FORMATS = {
    "xlsx": ("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("CSV (.csv)", "text/csv; charset=utf-8"),
}


def export_job_request(
    *, campaign, kind: str, file_format: str, actor: Actor, association=None, filters=None
) -> ExportJob:
    """Ask for one export of `kind` (the whole campaign, or `association`'s rows only), with its
    `filters` (the file holds exactly the rows they select); the worker starts it after commit."""
    filters = {str(k): str(v) for k, v in (filters or {}).items()}
    try:
        spec = list_kind(kind, association=association)
        export_count(kind, campaign, association, filters)  # an unknown filter stops here
    except ExportScopeError as exc:
        raise ValidationError(str(exc), code="kind") from None
    if file_format not in FORMATS:
        raise ValidationError("Choisissez le format du fichier : Excel (.xlsx) ou CSV.")
    with use_case():
        job = ExportJob.objects.create(
            campaign=campaign,
            association=association,
            kind=kind,
            filters=filters,
            file_format=file_format,
            requested_by=actor_user(actor),
            requested_at=clock.now(),
        )
        audit_log(
            action="reporting.export_requested",
            actor=actor,
            subject=job,
            details={
                "kind": spec.label,
                "format": FORMATS[file_format][0],
                "association": association.name if association else "toutes",
                **({"filters": filters_words(kind, filters)} if filters else {}),
            },
        )
        job_id = job.pk
        transaction.on_commit(lambda: export_job_execute.enqueue(job_id))
    return job


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    name: str


def export_filename(job: ExportJob) -> str:
    spec = list_kind(job.kind)
    stamp = timezone.localtime(job.requested_at).strftime("%Y-%m-%d")
    return f"{slugify(spec.label)}-{job.campaign.slug}-{stamp}-{job.pk}.{job.file_format}"


def export_job_file(*, job: ExportJob, actor: Actor) -> ExportFile:
    """The finished file, to download (audited). Not ready, or deleted: ExportJob.DoesNotExist."""
    if job.status != ExportStatus.DONE or not job.file:
        raise ExportJob.DoesNotExist("pas de fichier")
    try:
        with job.file.open("rb") as stream:
            content = stream.read()
    except (ValueError, OSError):
        raise ExportJob.DoesNotExist("fichier effacé") from None
    with use_case():
        audit_log(
            action="reporting.export_downloaded",
            actor=actor,
            subject=job,
            details={
                "kind": list_kind(job.kind).label,
                "format": FORMATS[job.file_format][0],
                "rows": job.rows_done,
            },
        )
    return ExportFile(content, FORMATS[job.file_format][1], export_filename(job))

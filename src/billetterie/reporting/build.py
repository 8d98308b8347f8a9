"""The worker's part of an export: write the file of one queued job, row by row, with progress."""

import logging
import tempfile

from django.core.files import File

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.exports import csv_stream, xlsx_stream
from billetterie.core.usecase import use_case
from billetterie.reporting.exports import (
    CHUNK,
    export_count,
    export_rows,
    filters_words,
    list_kind,
)
from billetterie.reporting.models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

FAILED = (
    "L'export n'a pas pu être fait. Demandez-le de nouveau ; si l'échec se répète, "
    "prévenez l'équipe de la plateforme."
)


def _progressing(rows, job_id: int):
    for done, row in enumerate(rows, start=1):
        yield row
        if done % CHUNK == 0:
            ExportJob.objects.filter(pk=job_id).update(rows_done=done)


def _filters_detail(job) -> dict:
    return {"filters": filters_words(job.kind, job.filters)} if job.filters else {}


def export_job_run(*, job_id: int) -> None:
    """In the worker: write the file of one queued job. Safe to repeat (a job already taken is left
    alone); a failure marks the job failed with a French message (details only in the log)."""
    with use_case():
        job = ExportJob.objects.select_for_update(of=("self",)).filter(pk=job_id).first()
        if job is None or job.status != ExportStatus.QUEUED:
            return
        spec = list_kind(job.kind, association=job.association)
        job.rows_total = export_count(job.kind, job.campaign, job.association, job.filters)
        job.status = ExportStatus.RUNNING
        job.save(update_fields=["status", "rows_total"])
    try:
        with tempfile.TemporaryFile() as stream:
            rows = _progressing(
                export_rows(job.kind, job.campaign, job.association, job.filters), job.pk
            )
            if job.file_format == "xlsx":
                count = xlsx_stream(stream, title=spec.label, headers=spec.headers, rows=rows)
            else:
                count = csv_stream(stream, headers=spec.headers, rows=rows)
            stream.seek(0)
            with use_case():
                job.file.save(f"export.{job.file_format}", File(stream), save=False)
                job.status = ExportStatus.DONE
                job.rows_done = job.rows_total = count
                job.finished_at = clock.now()
                job.save()
                audit_log(
                    action="reporting.export_built",
                    actor=job.requested_by or "travailleur de tâches",
                    subject=job,
                    details={"kind": spec.label, "rows": count, **_filters_detail(job)},
                )
    except Exception as exc:
        logger.error("export job %s failed: %s", job_id, type(exc).__name__)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED, error=FAILED, finished_at=clock.now()
        )

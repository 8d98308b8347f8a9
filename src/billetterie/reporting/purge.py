"""Export files do not stay: 7 days after it was asked, a job and its file are deleted by the
periodic work; past the campaign's retention date, every export of the campaign goes with its
personal data (an export may carry names and birth dates)."""

import datetime as dt
from collections import defaultdict

from django.core.files.storage import default_storage
from django.db import transaction

from billetterie.core.audit import audit_log
from billetterie.core.files import storage_folder_delete
from billetterie.core.periodic import Done
from billetterie.core.usecase import skip_busy, use_case
from billetterie.reporting.models import ExportJob

KEEP_FOR = dt.timedelta(days=7)


def _files_delete(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _delete(jobs) -> int:
    """Inside the caller's transaction: the rows now, their files after commit."""
    jobs = list(jobs)
    names = [job.file.name for job in jobs if job.file]
    ExportJob.objects.filter(pk__in=[job.pk for job in jobs]).delete()
    transaction.on_commit(lambda: _files_delete(names))
    return len(jobs)


def _expire(*, now) -> int:
    with use_case():
        jobs = list(
            ExportJob.objects.select_for_update(of=("self",)).filter(
                requested_at__lt=now - KEEP_FOR
            )
        )
        by_campaign = defaultdict(list)
        for job in jobs:
            by_campaign[job.campaign_id].append(job)
        for campaign_id, old in sorted(by_campaign.items()):
            audit_log(
                action="reporting.exports_expired",
                actor="travaux périodiques",
                campaign_id=campaign_id,
                details={"count": len(old)},
            )
        return _delete(jobs)


def exports_periodic(*, now) -> list[Done]:
    deleted = skip_busy(_expire, now=now) or 0
    return [Done("exports_deleted", "Exports effacés (7 jours passés)", deleted)]


def exports_personal_data_held(*, campaign) -> bool:
    return ExportJob.objects.filter(campaign=campaign).exists()


def exports_personal_data_purge(*, campaign, now) -> dict[str, int]:
    """Inside the caller's transaction; the files are deleted after commit."""
    count = _delete(ExportJob.objects.filter(campaign=campaign))
    folder = f"private/reporting/{campaign.pk}"  # the whole folder: orphans too
    transaction.on_commit(lambda: storage_folder_delete(folder, default_storage))
    return {"exports": count}

"""The contest's shredder: past a campaign's retention date, the audio entries (children's voices)
and the kit's files are deleted, the jury's comments (free text that may name a child) blanked; the
rows stay (label, duration, scores) without their file."""

import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction

from billetterie.contest.models import Entry, KitFile, Review


def contest_personal_data_held(*, campaign) -> bool:
    return (
        Entry.objects.filter(campaign=campaign).exclude(file="").exists()
        or KitFile.objects.filter(campaign=campaign).exists()
        or Review.objects.filter(entry__campaign=campaign).exclude(comment="").exists()
    )


def contest_personal_data_purge(*, campaign, now) -> dict[str, int]:
    """Inside the caller's transaction; the files are deleted after commit."""
    entries = Entry.objects.filter(campaign=campaign).exclude(file="")
    kit = KitFile.objects.filter(campaign=campaign)
    paths = [e.file.name for e in entries] + [k.file.name for k in kit.exclude(file="")]
    erased = entries.update(file="", file_deleted_at=now)
    kit_files, _ = kit.delete()
    comments = (
        Review.objects.filter(entry__campaign=campaign).exclude(comment="").update(comment="")
    )
    campaign_id = campaign.pk
    transaction.on_commit(lambda: _files_delete(campaign_id=campaign_id, paths=paths))
    return {"contest_entries": erased, "contest_kit_files": kit_files, "contest_comments": comments}


def _files_delete(*, campaign_id: int, paths: list[str]) -> None:
    """After commit: each file, then the campaign's whole contest folder (orphans too)."""
    root = Path(settings.MEDIA_ROOT)
    for name in paths:
        (root / name).unlink(missing_ok=True)
    folder = root / "private" / "contest" / str(campaign_id)
    if folder.is_dir():
        shutil.rmtree(folder, ignore_errors=True)

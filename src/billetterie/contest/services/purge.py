"""The contest's shredder: past a campaign's retention date, the audio entries (children's voices)
and the kit's files are deleted, the jury's comments and the president's reasons for a move (free
text that may name a child) blanked or masked; the rows stay (label, duration, scores) without
their file."""

from django.db import transaction

from billetterie.contest.models import Deliberation, Entry, KitFile, Review
from billetterie.core.audit import MASK
from billetterie.core.files import storage_folder_delete


def contest_personal_data_held(*, campaign) -> bool:
    return (
        Entry.objects.filter(campaign=campaign).exclude(file="").exists()
        or KitFile.objects.filter(campaign=campaign).exists()
        or Review.objects.filter(entry__campaign=campaign).exclude(comment="").exists()
        or _reasons_held(campaign)
    )


def _typed(value) -> bool:
    return value not in (None, "", MASK)


def _reasons_held(campaign) -> bool:
    deliberation = Deliberation.objects.filter(campaign=campaign).first()
    return deliberation is not None and (
        any(_typed(m.get("reason")) for m in deliberation.moves)
        or any(_typed(r.get("moved")) for r in deliberation.ranking)
    )


def _reasons_mask(campaign) -> int:
    """The president's reasons, in the moves and in the stored ranking: masked (a move stays a
    move). The number of reasons masked."""
    deliberation = (
        Deliberation.objects.select_for_update(of=("self",)).filter(campaign=campaign).first()
    )
    if deliberation is None:
        return 0
    masked = 0
    for key, items in (("reason", deliberation.moves), ("moved", deliberation.ranking)):
        for item in items:
            if _typed(item.get(key)):
                item[key] = MASK
                masked += 1
    if masked:
        deliberation.save(update_fields=["moves", "ranking"])
    return masked


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
    reasons = _reasons_mask(campaign)
    campaign_id = campaign.pk
    transaction.on_commit(lambda: _files_delete(campaign_id=campaign_id, paths=paths))
    return {
        "contest_entries": erased,
        "contest_kit_files": kit_files,
        "contest_comments": comments,
        "contest_move_reasons": reasons,
    }


def _files_delete(*, campaign_id: int, paths: list[str]) -> None:
    """After commit: each file, then the campaign's whole contest folder (orphans too)."""
    storage = Entry._meta.get_field("file").storage
    for name in paths:
        storage.delete(name)
    storage_folder_delete(f"private/contest/{campaign_id}", storage)

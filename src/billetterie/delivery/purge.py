"""The delivery's shredder: past a campaign's retention date, the nominative exports lose their
files and their snapshots (names, birth dates, phones), and the download links their address (a key to
a nominative ticket) and the reason typed when one was withdrawn (free text that may name someone);
their number, date, author and counts stay."""

from django.db import transaction
from django.db.models import Q

from billetterie.core.files import storage_folder_delete
from billetterie.delivery.models import NominativeExport, TicketLink


def _held(campaign):
    return NominativeExport.objects.filter(campaign=campaign).filter(~Q(file="") | ~Q(snapshot={}))


def _links_held(campaign):
    return TicketLink.objects.filter(campaign=campaign).filter(~Q(url="") | ~Q(withdrawn_reason=""))


def delivery_personal_data_held(*, campaign) -> bool:
    return _held(campaign).exists() or _links_held(campaign).exists()


def delivery_personal_data_purge(*, campaign, now) -> dict[str, int]:
    """Inside the caller's transaction; the files are deleted after commit."""
    exports = _held(campaign)
    paths = [e.file.name for e in exports.exclude(file="") if e.file]
    count = exports.update(file="", snapshot={}, purged_at=now)
    links = _links_held(campaign).update(url="", withdrawn_reason="")
    campaign_id = campaign.pk
    transaction.on_commit(lambda: _files_delete(campaign_id=campaign_id, paths=paths))
    return {"nominative_exports": count, "download_links": links}


def _files_delete(*, campaign_id: int, paths: list[str]) -> None:
    """After commit: the exports' files, and the campaign's whole exports folder (orphans too)."""
    storage = NominativeExport._meta.get_field("file").storage
    for name in paths:
        storage.delete(name)
    storage_folder_delete(f"private/exports/{campaign_id}", storage)

"""The nominative list for the ticket office: numbered exports, complete or "changes since the
last export", kept to be downloaded again.

Each export stores the whole list it saw (`snapshot`: {ticket id: row values}), whatever its
content. The next "changes" export compares the list of today with the snapshot of the last export
(complete or changes): a ticket newly named is an addition, a row that differs is a change (a name
change approved, a person corrected, a new group leader…), a ticket no longer named — pack given
back, withdrawn, holder removed — is a removal. Applied in order to the first complete export, the
changes exports give the complete list of today (`changes_apply`; a property test checks it).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from billetterie.campaigns.models import Campaign
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.exports import csv_bytes, workbook_bytes
from billetterie.core.usecase import Actor, actor_user, use_case
from billetterie.delivery.models import ExportFormat, ExportScope, NominativeExport
from billetterie.delivery.selectors import (
    COLUMNS,
    FIELDS,
    NominativeRow,
    last_export,
    nominative_rows,
)

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
CHANGE_LABELS = {ADDED: "Ajout", CHANGED: "Changement", REMOVED: "Retrait"}
HOLDER_FIELDS = ("last_name", "first_name", "birth_date", "role")
DATE_FIELDS = ("session_date", "birth_date")
CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
}
STALE = (
    "Un autre export a été fait entre-temps (export n° {number}) : rien n'a été exporté. "
    "Relisez la page, qui montre maintenant les changements depuis cet export."
)


@dataclass(frozen=True)
class RowChange:
    kind: str  # ADDED, CHANGED or REMOVED
    row: NominativeRow  # the row of today; for a removal, the row last exported
    old: NominativeRow | None = None  # for a change, the row last exported

    @property
    def holder_changed(self) -> bool:
        return self.old is not None and any(
            self.old.get(f) != self.row.get(f) for f in HOLDER_FIELDS
        )

    @property
    def changed_headers(self) -> list[str]:
        if self.old is None:
            return []
        return [
            header
            for (field, header, _), before, after in zip(
                COLUMNS, self.old.values, self.row.values, strict=True
            )
            if before != after
        ]


# --- pure functions: snapshots and changes ------------------------------------------------------


def snapshot_of(rows: list[NominativeRow]) -> dict[str, list[str]]:
    return {str(r.ticket_id): list(r.values) for r in rows}


def rows_of_snapshot(snapshot: dict) -> list[NominativeRow]:
    rows = [
        NominativeRow(int(ticket_id), tuple(values))
        for ticket_id, values in (snapshot or {}).items()
        if len(values) == len(FIELDS)
    ]
    return sorted(rows, key=lambda r: r.sort_key)


def changes_between(before: dict, rows: list[NominativeRow]) -> list[RowChange]:
    """What differs between a snapshot and the rows of today, in the list's order (removals
    placed where the ticket was)."""
    old = {r.ticket_id: r for r in rows_of_snapshot(before)}
    found = []
    for row in rows:
        previous = old.pop(row.ticket_id, None)
        if previous is None:
            found.append(RowChange(ADDED, row))
        elif previous.values != row.values:
            found.append(RowChange(CHANGED, row, previous))
    found.extend(RowChange(REMOVED, row) for row in old.values())
    return sorted(found, key=lambda c: c.row.sort_key)


def changes_apply(rows: list[NominativeRow], changes: list[RowChange]) -> list[NominativeRow]:
    """What the ticket office holds after applying a changes export to its list."""
    current = {r.ticket_id: r for r in rows}
    for change in changes:
        if change.kind == REMOVED:
            current.pop(change.row.ticket_id, None)
        else:
            current[change.row.ticket_id] = change.row
    return sorted(current.values(), key=lambda r: r.sort_key)


def counts_of(changes: list[RowChange]) -> dict[str, int]:
    counts = {ADDED: 0, CHANGED: 0, REMOVED: 0}
    for change in changes:
        counts[change.kind] += 1
    return counts


# --- files ----------------------------------------------------------------------------------------


def _cells(row: NominativeRow) -> list:
    """Dates as dates (JJ/MM/AAAA in the sheet), the ticket number as a number, the rest as text."""
    cells = []
    for field, value in zip(FIELDS, row.values, strict=True):
        if field in DATE_FIELDS and value:
            cells.append(dt.date.fromisoformat(value))
        elif field == "ticket" and value.isdigit():
            cells.append(int(value))
        else:
            cells.append(value)
    return cells


def _table(scope: str, rows: list[NominativeRow], changes: list[RowChange]):
    headers = [header for _, header, _ in COLUMNS]
    widths = [width for _, _, width in COLUMNS]
    if scope == ExportScope.FULL:
        return headers, [_cells(r) for r in rows], widths
    table = [
        [
            CHANGE_LABELS[c.kind],
            *_cells(c.row),
            c.old.holder_name if c.holder_changed else "",
            ", ".join(c.changed_headers),
        ]
        for c in changes
    ]
    return (
        ["Changement", *headers, "Ancien titulaire", "Colonnes modifiées"],
        table,
        [12, *widths, 24, 30],
    )


def _file_content(*, campaign, export, previous, rows, changes) -> bytes:
    headers, table, widths = _table(export.scope, rows, changes)
    if export.file_format == ExportFormat.CSV:
        return csv_bytes(headers=headers, rows=table)
    made = timezone.localtime(export.created_at)
    what = (
        "liste complète"
        if export.scope == ExportScope.FULL
        else (
            f"changements depuis l'export n° {previous.number}"
            if previous
            else "changements (premier export : tout est un ajout)"
        )
    )
    intro = [
        f"{campaign.name} — export n° {export.number} pour la billetterie : {what}, "
        f"fait le {made:%d/%m/%Y à %H:%M}"
    ]
    return workbook_bytes(
        title=f"Export {export.number}",
        intro=intro,
        headers=headers,
        rows=table,
        widths=widths,
        exact_text=True,
    )


def export_filename(export: NominativeExport, campaign_slug: str) -> str:
    what = "liste-complete" if export.scope == ExportScope.FULL else "changements"
    return f"billetterie-{campaign_slug}-export-{export.number:03d}-{what}.{export.file_format}"


# --- use cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangesPreview:
    """What a "changes" export would hold now (read only, for the page before the click)."""

    last_number: int | None
    counts: dict
    rows: int  # tickets named today

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def changes_preview(*, campaign) -> ChangesPreview:
    previous = last_export(campaign=campaign)
    rows = nominative_rows(campaign=campaign)
    changes = changes_between(previous.snapshot if previous else {}, rows)
    return ChangesPreview(previous.number if previous else None, counts_of(changes), len(rows))


def nominative_export_create(
    *, campaign, scope: str, file_format: str, actor: Actor, seen_last: int | None | str = "any"
) -> NominativeExport:
    """Number, build, store and audit one export. `seen_last` is the number of the last export the
    person saw (None: none): if another export was made since, nothing is exported (a double click
    or a colleague would otherwise make an empty or shifted "changes" export)."""
    if scope not in ExportScope.values:
        raise ValidationError("Choisissez la liste complète ou les changements.")
    if file_format not in ExportFormat.values:
        raise ValidationError("Choisissez le format du fichier : Excel (.xlsx) ou CSV.")
    with use_case():
        # The campaign row is the lock of its exports: numbers and snapshots follow each other.
        locked = Campaign.objects.select_for_update(of=("self",)).get(pk=campaign.pk)
        previous = last_export(campaign=locked)
        previous_number = previous.number if previous else None
        if seen_last != "any" and seen_last != previous_number:
            raise ValidationError(STALE.format(number=previous_number), code="stale")
        rows = nominative_rows(campaign=locked)
        changes = changes_between(previous.snapshot if previous else {}, rows)
        export = NominativeExport(
            campaign=locked,
            number=(previous_number or 0) + 1,
            scope=scope,
            file_format=file_format,
            rows=len(rows) if scope == ExportScope.FULL else len(changes),
            counts=counts_of(changes),
            snapshot=snapshot_of(rows),
            created_by=actor_user(actor),
            created_at=clock.now(),
        )
        content = _file_content(
            campaign=locked, export=export, previous=previous, rows=rows, changes=changes
        )
        # As for the letters: the file is written before the row; a rolled-back row leaves an
        # orphan file that the campaign's purge removes with its folder.
        export.file.save(f"export.{file_format}", ContentFile(content), save=False)
        export.save()
        audit_log(
            action="delivery.nominative_exported",
            actor=actor,
            subject=export,
            campaign_id=locked.pk,
            details={
                "number": export.number,
                "content": export.get_scope_display(),
                "since": previous_number,
                "format": export.get_file_format_display(),
                "rows": export.rows,
                "added": export.counts[ADDED],
                "changed": export.counts[CHANGED],
                "removed": export.counts[REMOVED],
            },
        )
    return export


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    name: str


def nominative_export_file(*, campaign, export: NominativeExport, actor: Actor) -> ExportFile:
    """The stored file, to download again (audited: it carries personal data). A file erased by
    the purge is gone: NominativeExport.DoesNotExist."""
    try:
        with export.file.open("rb") as stream:
            content = stream.read()
    except (ValueError, OSError):  # no file any more, or not on disk
        raise NominativeExport.DoesNotExist("fichier effacé") from None
    with use_case():
        audit_log(
            action="delivery.nominative_export_downloaded",
            actor=actor,
            subject=export,
            campaign_id=campaign.pk,
            details={"number": export.number},
        )
    return ExportFile(
        content, CONTENT_TYPES[export.file_format], export_filename(export, campaign.slug)
    )

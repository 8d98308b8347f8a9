"""Importing the download links the ticket office returns, per pack or per ticket (all or nothing).

A link equal to the active one changes nothing (« inchangé »); a different one replaces it only once
the operator has seen the list of replacements and confirmed that same list (`confirm`, the
result's `confirmation_token`): otherwise the result lists them (`pending_changes`) and nothing is
written.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from billetterie.core import clock
from billetterie.delivery.links import MAX_URL, held_packs, links_put, url_clean
from billetterie.delivery.models import LinkStatus, TicketLink
from billetterie.imports import cells
from billetterie.imports.contracts import LINKS
from billetterie.imports.pipeline import importer
from billetterie.imports.results import ImportResult, RowErrors
from billetterie.inventory.models import Pack, PackStatus, Ticket

WHOLE_PACK = "tout le lot"


@dataclass
class LinkRecord:
    line: int
    pack: Pack
    number: int | None  # None: the whole pack
    url: str


def _row(row, errors: RowErrors) -> tuple[str, int | None, str, bool]:
    """The cells of one row checked alone (no query): (reference, number or None, url, all read).
    A cell that could not be read is empty; the others are still checked against the database."""
    values, ok = row.values, True
    reference = ""
    try:
        reference = cells.text(values.get("pack"), max_length=40)
    except cells.CellError as error:
        errors.add(row.line, "pack", str(error))
        ok = False
    else:
        if not reference:
            errors.add(row.line, "pack", "valeur obligatoire")
            ok = False
    number = None
    if not cells.is_blank(values.get("ticket")):
        try:
            number = cells.integer(values.get("ticket"), minimum=1)
        except cells.CellError as error:
            errors.add(row.line, "ticket", str(error))
            ok = False
    url = ""
    if cells.is_blank(values.get("url")):
        # A row of the pre-filled list the ticket office left empty: set aside, not an error.
        return reference, number, "", ok
    try:
        url = url_clean(cells.text(values.get("url"), max_length=MAX_URL))
    except cells.CellError as error:
        errors.add(row.line, "url", str(error))
        ok = False
    except ValidationError as error:
        message = " ".join(error.messages).rstrip(".")
        errors.add(row.line, "url", message[:1].lower() + message[1:])
        ok = False
    return reference, number, url, ok


def _validate(*, table, errors: RowErrors, campaign) -> list[LinkRecord]:
    parsed = [(row, *_row(row, errors)) for row in table.rows]
    references = {reference for _row_, reference, *_rest in parsed if reference}
    # Locked in a fixed order, as offers and the packs import lock them: a pack cannot be given
    # back while its links are written.
    packs = {
        pack.reference: pack
        for pack in Pack.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, reference__in=references)
        .order_by("pk")
    }
    held = set(
        held_packs(campaign=campaign)
        .filter(pk__in=[p.pk for p in packs.values()])
        .values_list("pk", flat=True)
    )
    records: list[LinkRecord] = []
    first: dict[tuple[str, int | None], tuple[int, str]] = {}
    for row, reference, number, url, ok in parsed:
        if not reference:
            continue
        pack = packs.get(reference)
        if pack is None:
            errors.add(row.line, "pack", f"le lot « {reference} » n'existe pas dans cette campagne")
            continue
        if pack.pk not in held:
            status = PackStatus(pack.status).label.lower()
            errors.add(
                row.line,
                "pack",
                f"le lot « {reference} » n'est pas accepté par une association (il est {status}) : "
                "seul un lot accepté reçoit un lien",
            )
            continue
        if number is not None and number > pack.size:
            errors.add(
                row.line,
                "ticket",
                f"le lot « {reference} » a {pack.size} billet{'s' if pack.size > 1 else ''} : "
                f"le billet {number} n'existe pas",
            )
            continue
        if not ok:
            continue
        if not url:
            records.append(LinkRecord(row.line, pack, number, url))  # counted, then set aside
            continue
        seen = first.setdefault((reference, number), (row.line, url))
        if seen[0] != row.line:
            if seen[1] != url:
                place = WHOLE_PACK if number is None else f"le billet {number}"
                errors.add(
                    row.line,
                    "url",
                    f"un autre lien est donné pour {place} du lot « {reference} » à la ligne "
                    f"{seen[0]} : gardez une seule ligne",
                )
            continue  # the same link twice: counted once
        records.append(LinkRecord(row.line, pack, number, url))
    return records


def _tickets(records: list[LinkRecord]) -> dict[tuple[int, int], Ticket]:
    return {
        (t.pack_id, t.number): t
        for t in Ticket.objects.filter(
            pack_id__in={r.pack.pk for r in records if r.number is not None}
        )
    }


def _replacements(records: list[LinkRecord]) -> list[dict]:
    """The active links the file would replace, in file order: what the operator must see."""
    active = {
        (link.pack_id, link.ticket.number if link.ticket_id else None): link
        for link in TicketLink.objects.filter(
            pack_id__in={r.pack.pk for r in records}, status=LinkStatus.ACTIVE
        ).select_related("ticket")
    }
    changes = []
    for r in records:
        link = active.get((r.pack.pk, r.number))
        if link is not None and link.url != r.url:
            changes.append(
                {
                    "pack": r.pack.reference,
                    "ticket": WHOLE_PACK if r.number is None else r.number,
                    "before": link.url,
                    "after": r.url,
                }
            )
    return changes


def links_import(
    *, campaign, file, actor=None, dry_run: bool = False, confirm: str = ""
) -> ImportResult:
    """Import the ticket office's links file of a campaign (XLSX or CSV, all or nothing).

    `confirm` is the `confirmation_token` of the replacements the person saw: the file replaces
    active links only when the replacements it would make now are exactly those; otherwise the
    result lists them (`pending_changes`) and nothing is kept."""

    def write(*, records, result, campaign):
        blank = sum(1 for r in records if not r.url)
        if blank:
            result.add("rows_without_link", blank)
        records = [r for r in records if r.url]
        replacements = _replacements(records)
        if replacements:
            result.pending_changes = replacements
            if confirm == result.confirmation_token:
                result.pending_changes = []
        # Written even when a confirmation is still due: the counts are then those the file would
        # give, and the pipeline undoes everything (as for a dry run).
        tickets = _tickets(records)
        entries = [
            (r.pack, None if r.number is None else tickets[(r.pack.pk, r.number)], r.url)
            for r in records
        ]
        counts = links_put(campaign=campaign, entries=entries, actor=actor, now=clock.now())
        result.created += counts["created"]
        result.updated += counts["replaced"]
        result.unchanged += counts["unchanged"]

    run = importer(
        contract=LINKS,
        validate=_validate,
        write=write,
        doc="",
    )
    return run(campaign=campaign, file=file, actor=actor, dry_run=dry_run)

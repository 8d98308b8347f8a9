"""Importing the packs received from the ticket office, with their numbered tickets."""

import itertools
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max, Q

from billetterie.catalogue.models import Session
from billetterie.core.text import fold
from billetterie.imports import cells
from billetterie.imports.catalogue_rows import (
    Places,
    SessionSpec,
    games_index,
    place_key,
    session_spec_parse,
    sessions_existing,
)
from billetterie.imports.contracts import PACKS
from billetterie.imports.pipeline import duplicates_flag, fields_clean, importer
from billetterie.imports.reader import Table
from billetterie.imports.results import ImportResult, RowErrors
from billetterie.inventory.models import Pack, PackStatus, Ticket

MAX_PACK_SIZE = 500
BATCH = 1000
TICKET_BATCH = 5000


@dataclass
class PackRecord:
    line: int
    reference: str
    size: int
    is_prestige: bool
    spec: SessionSpec


def _parse(row, errors: RowErrors, games) -> tuple[SessionSpec | None, PackRecord | None]:
    spec = session_spec_parse(row, errors, games)
    parsed, failed = {}, spec is None
    fields = {
        "reference": (True, lambda v: cells.text(v, max_length=40)),
        "size": (True, lambda v: cells.integer(v, minimum=1, maximum=MAX_PACK_SIZE)),
        "is_prestige": (False, cells.boolean),
    }
    if not errors.parse(row.line, row.values, fields, parsed):
        failed = True
    if failed:
        return spec, None
    return (
        spec,
        PackRecord(
            line=row.line,
            reference=parsed["reference"],
            size=parsed["size"],
            is_prestige=parsed.get("is_prestige", False),
            spec=spec,
        ),
    )


def _differences(spec: SessionSpec, other: SessionSpec) -> list[tuple[str, str]]:
    """Columns on which two rows describe the same session differently."""
    pairs = [
        ("sport", fold(spec.sport) != fold(other.sport), other.sport),
        ("date", spec.date != other.date, f"{other.date:%d/%m/%Y}"),
        (
            "time",
            spec.start_time != other.start_time,
            f"{other.start_time:%H:%M}" if other.start_time else "sans heure",
        ),
        ("venue", place_key(spec.venue) != place_key(other.venue), other.venue),
    ]
    return [(key, shown) for key, differs, shown in pairs if differs]


def _check_existing_session(spec: SessionSpec, session: Session, errors: RowErrors) -> None:
    """A packs file may create a session, never silently change one already in the catalogue."""
    conflicts = [
        ("sport", fold(spec.sport) != fold(session.sport), session.sport),
        ("date", spec.date != session.date, f"{session.date:%d/%m/%Y}"),
        (
            "time",
            bool(spec.start_time and session.start_time and spec.start_time != session.start_time),
            f"{session.start_time:%H:%M}" if session.start_time else "",
        ),
        ("venue", place_key(spec.venue) != place_key(session.venue.name), session.venue.name),
    ]
    for key, differs, shown in conflicts:
        if differs:
            errors.add(
                spec.line,
                key,
                f"l'épreuve « {session.code} » existe déjà avec « {shown} » : corrigez la ligne "
                "ou mettez d'abord à jour le fichier des épreuves",
            )


def _validate(*, table: Table, errors: RowErrors, campaign) -> dict:
    games = games_index()
    places = Places()
    parsed = [_parse(row, errors, games) for row in table.rows]
    specs = [spec for spec, _record in parsed if spec is not None]
    records = [record for _spec, record in parsed if record is not None]
    duplicates_flag(
        rows=table.rows,
        errors=errors,
        column="reference",
        key=lambda row: cells.text(row.values.get("reference")) or None,
        describe=lambda value: f"le lot « {value} »",
    )
    first_session: dict[tuple[str, str], SessionSpec] = {}
    for spec in specs:
        places.check(spec, errors)
        first = first_session.setdefault((spec.games.code, spec.code), spec)
        for key, shown in _differences(spec, first):
            errors.add(
                spec.line,
                key,
                f"l'épreuve « {first.code} » est décrite avec « {shown} » à la ligne {first.line}",
            )
    existing_sessions = sessions_existing(specs)
    for spec in first_session.values():
        session = existing_sessions.get((spec.games.pk, spec.code))
        if session is not None:
            _check_existing_session(spec, session, errors)
    # Locked in a fixed order so that two imports, or an import and an offer, do not cross.
    packs = {
        pack.reference: pack
        for pack in Pack.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, reference__in={r.reference for r in records})
        .select_related("session")
        .order_by("pk")
    }
    for record in records:
        pack = packs.get(record.reference)
        if pack is None or pack.status == PackStatus.AVAILABLE:
            continue
        session = existing_sessions.get((record.spec.games.pk, record.spec.code))
        status = PackStatus(pack.status).label.lower()
        if pack.size != record.size:
            errors.add(
                record.line,
                "size",
                f"le lot « {pack.reference} » est {status} : son nombre de billets ({pack.size}) ne peut plus changer",
            )
        if session is None or session.pk != pack.session_id:
            errors.add(
                record.line,
                "code",
                f"le lot « {pack.reference} » est {status} : son épreuve ne peut plus changer",
            )
    return {"records": records, "places": places, "sessions": existing_sessions, "packs": packs}


def _sessions_create(records: dict, result: ImportResult) -> None:
    """The sessions the file names that the catalogue lacks, created in bulk (their new venues and
    host cities one by one, once each)."""
    sessions: dict = records["sessions"]
    new: dict[tuple[int, str], Session] = {}
    for record in records["records"]:
        spec = record.spec
        key = (spec.games.pk, spec.code)
        if key in sessions or key in new:
            continue
        session = Session(
            games=spec.games,
            code=spec.code,
            sport=spec.sport,
            date=spec.date,
            start_time=spec.start_time,
            venue=records["places"].venue_for(spec, result),
        )
        fields_clean(session, relations=("games", "venue"))
        new[key] = session
    Session.objects.bulk_create(new.values(), batch_size=BATCH)
    sessions.update(new)
    if new:
        result.add("sessions_created", len(new))


def _tickets_align(packs: list[Pack], result: ImportResult) -> None:
    """Tickets numbered 1 to each pack's size, no more, no less (one query when all is in order)."""
    shapes = {
        row["pack_id"]: (row["count"], row["highest"])
        for row in Ticket.objects.filter(pack__in=packs)
        .values("pack_id")
        .annotate(count=Count("id"), highest=Max("number"))
    }
    misaligned = [p for p in packs if shapes.get(p.pk, (0, 0)) != (p.size, p.size)]
    if not misaligned:
        return
    numbers: dict[int, set[int]] = defaultdict(set)
    for pack_id, number in Ticket.objects.filter(pack__in=misaligned).values_list(
        "pack_id", "number"
    ):
        numbers[pack_id].add(number)
    missing = [
        Ticket(pack=pack, number=n)
        for pack in misaligned
        for n in range(1, pack.size + 1)
        if n not in numbers[pack.pk]
    ]
    Ticket.objects.bulk_create(missing, batch_size=TICKET_BATCH)
    if missing:
        result.add("tickets_created", len(missing))
    shrunk = [p for p in misaligned if any(n > p.size for n in numbers[p.pk])]
    extra = sum(1 for p in shrunk for n in numbers[p.pk] if n > p.size)
    for start in range(0, len(shrunk), BATCH):
        beyond = Q()
        for pack in shrunk[start : start + BATCH]:
            beyond |= Q(pack_id=pack.pk, number__gt=pack.size)
        Ticket.objects.filter(beyond).delete()
    if extra:
        result.add("tickets_deleted", extra)


def _tickets_create(packs: list[Pack], result: ImportResult) -> None:
    """Tickets 1 to size of each new pack, inserted in batches (never all held in memory)."""
    tickets = (Ticket(pack=pack, number=n) for pack in packs for n in range(1, pack.size + 1))
    created = 0
    while batch := list(itertools.islice(tickets, TICKET_BATCH)):
        Ticket.objects.bulk_create(batch)
        created += len(batch)
    if created:
        result.add("tickets_created", created)


def _write(*, records: dict, result: ImportResult, campaign) -> None:
    _sessions_create(records, result)
    sessions: dict = records["sessions"]
    packs: dict[str, Pack] = records["packs"]
    new_packs: list[Pack] = []
    changed_packs: list[Pack] = []
    changed_fields: set[str] = set()
    for record in records["records"]:
        session = sessions[(record.spec.games.pk, record.spec.code)]
        pack = packs.get(record.reference)
        if pack is None:
            pack = Pack(
                campaign=campaign,
                reference=record.reference,
                session=session,
                size=record.size,
                is_prestige=record.is_prestige,
            )
            fields_clean(pack, relations=("campaign", "session"))
            new_packs.append(pack)
            result.created += 1
            continue
        wanted = {"session_id": session.pk, "size": record.size, "is_prestige": record.is_prestige}
        changed = [name for name, value in wanted.items() if getattr(pack, name) != value]
        if changed:
            for name in changed:
                setattr(pack, name, wanted[name])
            fields_clean(pack, relations=("campaign", "session"))
            changed_packs.append(pack)
            changed_fields.update(name.removesuffix("_id") for name in changed)
            result.updated += 1
        else:
            result.unchanged += 1
    if changed_packs:
        Pack.objects.bulk_update(changed_packs, sorted(changed_fields), batch_size=BATCH)
    _tickets_align(list(packs.values()), result)
    Pack.objects.bulk_create(new_packs, batch_size=BATCH)
    _tickets_create(new_packs, result)


packs_import = importer(
    contract=PACKS,
    validate=_validate,
    write=_write,
    doc="Create or update the campaign's packs and their tickets; new sessions and places are created.",
)

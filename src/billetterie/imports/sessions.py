"""Importing the catalogue of sessions (épreuves), with their venues and host cities."""

from dataclasses import dataclass

from billetterie.catalogue.models import Session
from billetterie.imports.catalogue_rows import (
    Places,
    SessionSpec,
    games_index,
    games_parse,
    phase_parse,
    session_code,
    session_spec_parse,
    sessions_existing,
)
from billetterie.imports.contracts import SESSIONS
from billetterie.imports.pipeline import duplicates_flag, fields_clean, importer
from billetterie.imports.reader import Table
from billetterie.imports.results import ImportResult, RowErrors


@dataclass
class SessionRecord:
    spec: SessionSpec
    phase: str


def _validate(*, table: Table, errors: RowErrors, campaign) -> dict:
    games = games_index()
    places = Places()
    records: list[SessionRecord] = []
    for row in table.rows:
        spec = session_spec_parse(row, errors, games)
        if spec is None:
            continue
        places.check(spec, errors)
        records.append(SessionRecord(spec=spec, phase=phase_parse(row.values.get("phase"))))
    duplicates_flag(
        rows=table.rows,
        errors=errors,
        column="code",
        key=lambda row: (
            games_parse(row.values.get("games"), games).short_name,
            session_code(row.values.get("code")),
        ),
        describe=lambda value: f"l'épreuve « {value[1]} » ({value[0]})",
    )
    return {
        "records": records,
        "places": places,
        "existing": sessions_existing([r.spec for r in records]),
    }


def _write(*, records: dict, result: ImportResult, campaign) -> None:
    """New and changed sessions in a few bulk queries (new places are created one by one, once)."""
    places: Places = records["places"]
    existing: dict = records["existing"]
    new: list[Session] = []
    changed_sessions: list[Session] = []
    changed_fields: set[str] = set()
    for record in records["records"]:
        spec = record.spec
        venue = places.venue_for(spec, result)
        wanted = {
            "sport": spec.sport,
            "date": spec.date,
            "start_time": spec.start_time,
            "venue": venue,
            "phase": record.phase,
        }
        session = existing.get((spec.games.pk, spec.code))
        if session is None:
            session = Session(games=spec.games, code=spec.code, **wanted)
            fields_clean(session, relations=("games", "venue"))
            new.append(session)
            result.created += 1
            continue
        changed = [name for name, value in wanted.items() if getattr(session, name) != value]
        if changed:
            for name in changed:
                setattr(session, name, wanted[name])
            fields_clean(session, relations=("games", "venue"))
            changed_sessions.append(session)
            changed_fields.update(changed)
            result.updated += 1
        else:
            result.unchanged += 1
    Session.objects.bulk_create(new, batch_size=500)
    if changed_sessions:
        Session.objects.bulk_update(changed_sessions, sorted(changed_fields), batch_size=500)


sessions_import = importer(
    contract=SESSIONS,
    validate=_validate,
    write=_write,
    doc="Create or update sessions (keyed by Games and code); new venues and host cities are created.",
)

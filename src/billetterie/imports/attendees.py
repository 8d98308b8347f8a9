"""Reading the attendees table back: every bad row listed, then all rows written or none."""

from dataclasses import dataclass

from billetterie.attendees.models import Group, GroupPack, Holder, PersonKind
from billetterie.attendees.names import mobile_normalise, name_key
from billetterie.attendees.selectors.association import accepted_packs, own_group_id
from billetterie.attendees.selectors.deadlines import edit_states
from billetterie.attendees.services.groups import pack_release
from billetterie.attendees.services.people import name_errors, person_upsert
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.exports import unneutralise
from billetterie.core.text import fold
from billetterie.imports import cells
from billetterie.imports.attendees_sheet import (
    ATTENDEES,
    ROLE_LEADER,
    ROLE_SUPERVISOR,
    ROLE_YOUTH,
    version_read,
)
from billetterie.imports.limits import thousands
from billetterie.imports.pipeline import importer
from billetterie.imports.results import ImportResult
from billetterie.inventory.models import Ticket

ROLE_WORDS = {
    "jeune": ROLE_YOUTH,
    "jeunes": ROLE_YOUTH,
    "enfant": ROLE_YOUTH,
    "encadrant": ROLE_SUPERVISOR,
    "encadrante": ROLE_SUPERVISOR,
    "accompagnateur": ROLE_SUPERVISOR,
    "accompagnatrice": ROLE_SUPERVISOR,
    "responsable": ROLE_LEADER,
    "responsable de groupe": ROLE_LEADER,
}


@dataclass
class Record:
    line: int
    pack: object
    number: int
    role: str = ""
    fields: dict | None = None  # None: the ticket is left without a holder


def _text(row, key: str, max_length: int = 100) -> str:
    return unneutralise(cells.text(row.values.get(key), max_length=max_length))


def _row_record(row, *, packs, states, today, errors) -> Record | None:
    """One row checked cell by cell, without a query; every problem is added to `errors`."""
    v = row.values
    try:
        ref = _text(row, "pack", 40)
    except cells.CellError as error:
        errors.add(row.line, "pack", str(error))
        return None
    pack = packs.get(ref)
    if not ref:
        errors.add(row.line, "pack", "référence du lot manquante")
    elif pack is None:
        errors.add(
            row.line, "pack", f"le lot « {ref} » n'est pas un lot accepté par votre association"
        )
    elif not states[pack.session.games_id].editable:
        errors.add(row.line, "pack", states[pack.session.games_id].reason)
    number = None
    try:
        number = cells.integer(v.get("ticket"), minimum=1, maximum=pack.size if pack else None)
    except cells.CellError as error:
        errors.add(row.line, "ticket", str(error))
    try:
        last, first = _text(row, "last_name"), _text(row, "first_name")
    except cells.CellError as error:
        errors.add(row.line, "last_name", str(error))
        return None
    role_raw = cells.text(v.get("role"))
    if not last and not first and not role_raw:
        return Record(row.line, pack, number) if pack and number else None
    role = ROLE_WORDS.get(fold(role_raw))
    if role is None:
        errors.add(row.line, "role", f"« {role_raw} » : écrivez jeune, encadrant ou responsable")
    if not last:
        errors.add(row.line, "last_name", "nom manquant")
    if not first:
        errors.add(row.line, "first_name", "prénom manquant")
    if last and first:
        for key, message in name_errors(last_name=last, first_name=first).items():
            errors.add(row.line, key, message)
    birth = None
    if role == ROLE_YOUTH:
        try:
            if cells.is_blank(v.get("birth_date")):
                raise cells.CellError("obligatoire pour un jeune")
            birth = cells.date(v.get("birth_date"))
            if birth > today:
                raise cells.CellError("date de naissance dans le futur")
        except cells.CellError as error:
            errors.add(row.line, "birth_date", str(error))
    phone = ""
    raw_phone = cells.text(v.get("phone"))
    if raw_phone:
        phone = mobile_normalise(raw_phone)
        if not phone:
            errors.add(row.line, "phone", f"« {raw_phone} » n'est pas un numéro de portable valide")
    elif role == ROLE_LEADER:
        errors.add(row.line, "phone", "obligatoire pour le responsable de groupe")
    email = ""
    if not cells.is_blank(v.get("email")):
        try:
            email = cells.email(v.get("email"))
        except cells.CellError as error:
            errors.add(row.line, "email", str(error))
    if pack is None or number is None or role is None or not last or not first:
        return None
    kind = PersonKind.YOUTH if role == ROLE_YOUTH else PersonKind.SUPERVISOR
    fields = {
        "kind": kind,
        "last_name": last,
        "first_name": first,
        "birth_date": birth,
        "mobile_phone": phone,
        "email": email,
    }
    return Record(row.line, pack, number, role, fields)


def _person_key(fields: dict) -> tuple:
    key = name_key(last_name=fields["last_name"], first_name=fields["first_name"])
    return (fields["kind"], key, fields["birth_date"])


def _cross_checks(records: list[Record], *, campaign, association, errors) -> None:
    """Between rows: one row per ticket, one ticket per session per person, one leader per group."""
    seen_ticket: dict = {}
    seen_session: dict = {}
    leaders: dict = {}
    file_packs = {r.pack.pk for r in records}
    outside = {}
    for h in (
        Holder.objects.filter(campaign=campaign, association=association)
        .exclude(ticket__pack_id__in=file_packs)
        .select_related("person", "ticket__pack")
    ):
        person = h.person
        key = (person.kind, person.name_key, person.birth_date if person.is_youth else None)
        outside[(key, h.session_id)] = h.ticket.pack.reference
    for r in records:
        ticket = (r.pack.pk, r.number)
        if ticket in seen_ticket:
            errors.add(r.line, "ticket", f"ce billet figure déjà à la ligne {seen_ticket[ticket]}")
            continue
        seen_ticket[ticket] = r.line
        if r.fields is None:
            continue
        person = _person_key(r.fields)
        session = r.pack.session_id
        if (person, session) in seen_session:
            errors.add(
                r.line,
                "last_name",
                f"cette personne a déjà un billet pour la même épreuve (ligne "
                f"{seen_session[(person, session)]}) : un seul billet par épreuve",
            )
        seen_session.setdefault((person, session), r.line)
        if (person, session) in outside:
            errors.add(
                r.line,
                "last_name",
                f"cette personne a déjà un billet pour la même épreuve (lot {outside[(person, session)]})",
            )
        if r.role == ROLE_LEADER:
            group = _group_key(r.pack)
            if group in leaders:
                errors.add(
                    r.line, "role", f"le groupe a déjà un responsable (ligne {leaders[group]})"
                )
            leaders.setdefault(group, r.line)


def _group_key(pack):
    """The association's own group of the pack, else a group to create for this pack alone."""
    group_id = own_group_id(pack, pack.offered_to)
    return ("group", group_id) if group_id else ("pack", pack.pk)


def attendees_import(
    *, campaign, association, file, actor, dry_run: bool = False, confirmed: bool = False
) -> ImportResult:
    """Import the attendees table of one association (XLSX or CSV, all or nothing).

    A table that would release or replace names already given is not applied unless `confirmed`:
    the result then lists those changes (`pending_changes`), marking the names given on the pages
    after the table was downloaded (its version stamp), and nothing is written.
    """
    downloaded: dict = {}

    def validate(*, table, errors, campaign):
        downloaded["at"] = version_read(table.preamble)
        packs = {p.reference: p for p in accepted_packs(campaign=campaign, association=association)}
        for p in packs.values():
            p.offered_to = association.pk  # read by _group_key
        states = edit_states(
            campaign=campaign,
            association=association,
            games_ids={p.session.games_id for p in packs.values()},
        )
        today = clock.today()  # read once: the platform clock may be stored in the database
        records = [
            r
            for row in table.rows
            if (r := _row_record(row, packs=packs, states=states, today=today, errors=errors))
        ]
        _cross_checks(records, campaign=campaign, association=association, errors=errors)
        return records

    def write(*, records, result, campaign):
        if not confirmed:
            result.pending_changes = _names_taken_away(records, downloaded_at=downloaded.get("at"))
            if result.pending_changes:
                return
        _write(
            records=records, result=result, campaign=campaign, association=association, actor=actor
        )

    # The association is known only per call: the importer is built for it.
    run = importer(contract=ATTENDEES, validate=validate, write=write, doc="")
    return run(campaign=campaign, file=file, actor=actor, dry_run=dry_run)


def _names_taken_away(records, *, downloaded_at) -> list[dict]:
    """The named tickets the file would leave blank or give to someone else, in file order."""
    tickets = {
        (t.pack_id, t.number): t.pk
        for t in Ticket.objects.filter(pack_id__in={r.pack.pk for r in records})
    }
    holders = {
        h.ticket_id: h
        for h in Holder.objects.filter(
            ticket_id__in=[tickets[(r.pack.pk, r.number)] for r in records]
        ).select_related("person")
    }
    changes = []
    for r in records:
        holder = holders.get(tickets[(r.pack.pk, r.number)])
        if holder is None:
            continue
        person = holder.person
        if (
            r.fields is not None
            and name_key(last_name=r.fields["last_name"], first_name=r.fields["first_name"])
            == person.name_key
            and r.fields["birth_date"] == person.birth_date
        ):
            continue
        changes.append(
            {
                "pack": r.pack.reference,
                "ticket": r.number,
                "kind": "released" if r.fields is None else "replaced",
                "before": f"{person.last_name} {person.first_name}",
                "after": ""
                if r.fields is None
                else f"{r.fields['last_name']} {r.fields['first_name']}",
                "since_download": bool(downloaded_at and holder.named_at > downloaded_at),
            }
        )
    return changes


def _write(*, records, result, campaign, association, actor) -> None:
    now = clock.now()
    groups: dict = {}
    # A pack left blank in the file and not yet in a group stays loose: no empty group for it.
    named = {_group_key(r.pack) for r in records if r.fields is not None}
    for r in records:
        key = _group_key(r.pack)
        if key not in groups and (key[0] == "group" or key in named):
            if key[0] == "group":
                groups[key] = Group.objects.select_for_update(of=("self",)).get(pk=key[1])
            else:
                pack_release(pack_id=r.pack.pk, actor=actor, keep_association_id=association.pk)
                group = Group.objects.create(
                    campaign=campaign,
                    association=association,
                    session=r.pack.session,
                    name=f"Groupe {r.pack.reference}",
                    created_at=now,
                )
                GroupPack.objects.create(group=group, pack=r.pack)
                groups[key] = group
                result.add("groups_created")
    tickets = {
        (t.pack_id, t.number): t
        for t in Ticket.objects.filter(pack_id__in={r.pack.pk for r in records})
    }
    listed = [tickets[(r.pack.pk, r.number)].pk for r in records]
    before = dict(Holder.objects.filter(ticket_id__in=listed).values_list("ticket_id", "person_id"))
    Holder.objects.filter(ticket_id__in=listed).delete()
    holders = []
    for r in records:
        ticket = tickets[(r.pack.pk, r.number)]
        if r.fields is None:
            continue
        outcome = person_upsert(
            campaign=campaign, association=association, fields=r.fields, actor=actor
        )
        if outcome.created:
            result.add("people_created")
        group = groups[_group_key(r.pack)]
        holders.append(
            Holder(
                campaign=campaign,
                association=association,
                group=group,
                ticket=ticket,
                person=outcome.person,
                session_id=r.pack.session_id,
                named_at=now,
            )
        )
        previous = before.get(ticket.pk)
        if previous is None:
            result.created += 1
        elif previous == outcome.person.pk:
            result.unchanged += 1
        else:
            result.updated += 1
        if r.role == ROLE_LEADER and group.leader_id != outcome.person.pk:
            group.leader = outcome.person
            group.save(update_fields=["leader"])
    Holder.objects.bulk_create(holders)
    released = sum(
        1 for r in records if r.fields is None and tickets[(r.pack.pk, r.number)].pk in before
    )
    result.add("released", released)
    audit_log(
        action="attendees.imported",
        actor=actor,
        subject=campaign,
        campaign_id=campaign.pk,
        association_id=association.pk,
        details={"dry_run": result.dry_run, **result.counts()},
    )


def import_summary(result: ImportResult) -> str:
    """One French sentence for the page and the command."""
    if not result.ok:
        n = result.error_count
        shown = thousands(n)
        return f"Fichier refusé ({shown} erreur{'s' if n > 1 else ''}) : rien n'a été enregistré."
    if result.needs_confirmation:
        kinds = [c["kind"] for c in result.pending_changes]
        released, replaced = kinds.count("released"), kinds.count("replaced")
        parts = []
        if released:
            parts.append(
                f"effacerait {released} nom{'s' if released > 1 else ''} déjà donné{'s' if released > 1 else ''}"
            )
        if replaced:
            parts.append(
                f"en remplacerait {replaced}"
                if released
                else f"remplacerait {replaced} nom{'s' if replaced > 1 else ''} déjà donné{'s' if replaced > 1 else ''}"
            )
        since = sum(1 for c in result.pending_changes if c["since_download"])
        later = (
            f" Dont {since} donné{'s' if since > 1 else ''} sur les pages après le "
            "téléchargement de ce tableau : il est sans doute ancien."
            if since
            else ""
        )
        return (
            f"Ce tableau {' et '.join(parts)} : rien n'a été enregistré.{later} Vérifiez la "
            "liste des changements, puis confirmez-les ou téléchargez le tableau à jour."
        )
    r = result.related
    text = (
        f"{result.rows_read} ligne{'s' if result.rows_read > 1 else ''} lue"
        f"{'s' if result.rows_read > 1 else ''} ; billets nommés : {result.created}, "
        f"changés : {result.updated}, inchangés : {result.unchanged}, libérés : "
        f"{r.get('released', 0)} ; personnes ajoutées : {r.get('people_created', 0)} ; "
        f"groupes créés : {r.get('groups_created', 0)}."
    )
    if result.dry_run:
        return f"Vérification sans enregistrement ({result.file_name}) : {text} Rien n'a été enregistré."
    return f"Tableau importé ({result.file_name}) : {text}"

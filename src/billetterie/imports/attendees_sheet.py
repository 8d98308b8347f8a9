"""The attendees spreadsheet round trip: a pre-filled XLSX out, the same table back in (all or nothing)."""

import datetime as dt
import re

from billetterie.attendees.models import Holder, PersonKind
from billetterie.attendees.selectors.association import accepted_packs
from billetterie.core import clock
from billetterie.core.exports import workbook_bytes
from billetterie.imports.contracts import Column, Contract

ROLE_YOUTH, ROLE_SUPERVISOR, ROLE_LEADER = "jeune", "encadrant", "responsable"

ATTENDEES = Contract(
    kind="attendees",
    title="Bénéficiaires",
    summary=(
        "Une ligne par billet de vos lots acceptés. Pour chaque billet : le rôle (jeune, encadrant "
        "ou responsable de groupe), le nom et le prénom ; la date de naissance pour un jeune ; "
        "un téléphone portable pour le responsable. Une ligne sans nom libère le billet."
    ),
    columns=(
        Column("pack", "Lot", "Référence du lot (ne pas modifier).", "JO-0042"),
        Column("ticket", "Billet", "Numéro du billet dans le lot (ne pas modifier).", "3"),
        Column("role", "Rôle", "jeune, encadrant ou responsable (de groupe).", "jeune"),
        Column("last_name", "Nom", "Nom de famille.", "Martin"),
        Column("first_name", "Prénom", "Prénom.", "Léa"),
        Column(
            "birth_date",
            "Date de naissance",
            "Obligatoire pour un jeune : JJ/MM/AAAA.",
            "14/02/2010",
        ),
        Column("phone", "Téléphone portable", "Obligatoire pour le responsable.", "06 12 34 56 78"),
        Column("email", "E-mail", "Facultatif.", "encadrant@exemple.org"),
    ),
)
INFO_HEADERS = ["Épreuve", "Date de l'épreuve", "Site", "Ville hôte"]


def role_of(holder: Holder | None) -> str:
    if holder is None:
        return ""
    if holder.group.leader_id == holder.person_id:
        return ROLE_LEADER
    return ROLE_YOUTH if holder.person.kind == PersonKind.YOUTH else ROLE_SUPERVISOR


VERSION_PREFIX = "Version du tableau"
VERSION = re.compile(VERSION_PREFIX + r" : (\d{8}T\d{6}Z)")


def version_line(moment: dt.datetime) -> str:
    """The stamp the downloaded table carries: when it was made (UTC), so that an upload can tell
    which names were given on the pages since."""
    stamp = moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return f"{VERSION_PREFIX} : {stamp} (ne modifiez pas cette ligne)"


def version_read(preamble: list[str]) -> dt.datetime | None:
    """The moment stamped in a downloaded table's first lines, or None (a table made by hand)."""
    for line in preamble:
        found = VERSION.search(line)
        if found:
            return dt.datetime.strptime(found.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    return None


def attendees_workbook(*, campaign, association) -> bytes:
    """Every ticket of the association's accepted packs, with its holder when named."""
    packs = list(accepted_packs(campaign=campaign, association=association))
    holders = {
        (h.ticket.pack_id, h.ticket.number): h
        for h in Holder.objects.filter(
            campaign=campaign, association=association, ticket__pack__in=packs
        ).select_related("person", "ticket", "group")
    }
    rows = []
    for pack in packs:
        session = pack.session
        for number in range(1, pack.size + 1):
            h = holders.get((pack.pk, number))
            person = h.person if h else None
            rows.append(
                [
                    pack.reference,
                    number,
                    role_of(h),
                    person.last_name if person else "",
                    person.first_name if person else "",
                    person.birth_date if person else None,
                    person.mobile_phone if person else "",
                    person.email if person else "",
                    f"{session.event_name} ({session.code})",
                    session.date,
                    session.venue.name,
                    session.venue.host_city.name,
                ]
            )
    headers = [c.header for c in ATTENDEES.columns] + INFO_HEADERS
    return workbook_bytes(
        title="Bénéficiaires",
        intro=[
            f"{association.name} — {campaign.name}",
            version_line(clock.now()),
            "Rôle : jeune, encadrant ou responsable (un responsable de groupe par lot, avec un "
            "téléphone portable). Ne modifiez pas les colonnes Lot et Billet.",
        ],
        headers=headers,
        rows=rows,
        widths=[12, 8, 14, 22, 18, 16, 18, 28, 30, 14, 28, 18],
    )

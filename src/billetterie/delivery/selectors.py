"""Reads of the delivery of tickets: the nominative rows of a campaign, its past exports."""

from dataclasses import dataclass

from django.db.models import F

from billetterie.attendees.models import Holder, PersonKind
from billetterie.attendees.names import mobile_normalise
from billetterie.delivery.models import NominativeExport
from billetterie.inventory.models import PackStatus

# The ticket office's columns, in order: (field, French header, width in the XLSX).
COLUMNS = (
    ("session_code", "Code de l'épreuve", 14),
    ("session_date", "Date", 11),
    ("session_time", "Heure", 7),
    ("venue", "Site", 28),
    ("pack", "Lot", 12),
    ("ticket", "Billet", 7),
    ("seat_category", "Catégorie de place", 12),
    ("last_name", "Nom", 20),
    ("first_name", "Prénom", 18),
    ("birth_date", "Date de naissance", 12),
    ("role", "Rôle", 10),
    ("association", "Association", 28),
    ("group", "Groupe", 20),
    ("leader", "Responsable du groupe", 24),
    ("leader_mobile", "Portable du responsable", 16),
)
FIELDS = tuple(name for name, _, _ in COLUMNS)
ROLE_LABELS = dict(PersonKind.choices)


@dataclass(frozen=True)
class NominativeRow:
    """One named ticket as the ticket office reads it. Every value is text (dates in ISO form,
    "" when unknown) so that a row is stored as is in an export's snapshot and compared."""

    ticket_id: int
    values: tuple[str, ...]

    def get(self, field: str) -> str:
        return self.values[FIELDS.index(field)]

    @property
    def holder_name(self) -> str:
        return f"{self.get('last_name')} {self.get('first_name')}".strip()

    @property
    def sort_key(self):
        return (
            self.get("session_date"),
            self.get("session_time"),
            self.get("session_code"),
            self.get("pack"),
            int(self.get("ticket") or 0),
            self.ticket_id,
        )


def _leader_mobile(raw: str) -> str:
    """As the platform writes mobiles (06 12 34 56 78: a spreadsheet keeps it as text and its
    leading zero); a number it cannot read is kept as entered."""
    return mobile_normalise(raw) or raw


def nominative_rows(*, campaign) -> list[NominativeRow]:
    """Every named ticket of the campaign's accepted packs, by session, pack, ticket: one query."""
    holders = (
        Holder.objects.filter(
            campaign=campaign,
            ticket__pack__status=PackStatus.ACCEPTED,
            ticket__pack__group_link__group=F("group"),
        )
        .select_related("ticket__pack__session__venue", "person", "group__leader", "association")
        .order_by()
    )
    rows = []
    for h in holders:
        pack = h.ticket.pack
        session = pack.session
        person = h.person
        leader = h.group.leader
        values = {
            "session_code": session.code,
            "session_date": session.date.isoformat(),
            "session_time": session.start_time.strftime("%H:%M") if session.start_time else "",
            "venue": session.venue.name if session.venue_id else "",
            "pack": pack.reference,
            "ticket": str(h.ticket.number),
            "seat_category": "",  # the packs do not carry it yet
            "last_name": person.last_name,
            "first_name": person.first_name,
            "birth_date": person.birth_date.isoformat() if person.birth_date else "",
            "role": ROLE_LABELS.get(person.kind, person.kind),
            "association": h.association.name,
            "group": h.group.name,
            "leader": f"{leader.last_name} {leader.first_name}" if leader else "",
            "leader_mobile": _leader_mobile(leader.mobile_phone) if leader else "",
        }
        rows.append(NominativeRow(h.ticket_id, tuple(values[f] for f in FIELDS)))
    rows.sort(key=lambda r: r.sort_key)
    return rows


def exports_of_campaign(*, campaign):
    """The campaign's exports, newest first, with who made them."""
    return NominativeExport.objects.filter(campaign=campaign).select_related("created_by")


def export_of_campaign(*, campaign, number: int) -> NominativeExport:
    """One export of the campaign (NominativeExport.DoesNotExist otherwise: 404)."""
    return NominativeExport.objects.get(campaign=campaign, number=number)


def last_export(*, campaign) -> NominativeExport | None:
    return NominativeExport.objects.filter(campaign=campaign).order_by("-number").first()

"""The export of approved name changes for the ticket office: each change is exported once."""

from billetterie.attendees.models import DecisionStatus, NameChange
from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.exports import workbook_bytes
from billetterie.core.usecase import use_case

HEADERS = [
    "Lot",
    "Billet",
    "Épreuve",
    "Date de l'épreuve",
    "Association",
    "Ancien nom",
    "Ancien prénom",
    "Nouveau nom",
    "Nouveau prénom",
    "Nouvelle date de naissance",
    "Nouveau téléphone portable",
    "Approuvée le",
]


def changes_workbook_export(*, campaign, actor) -> tuple[bytes, int]:
    """Build the XLSX of approved, not yet exported changes and mark them exported, atomically."""
    with use_case():
        changes = list(
            NameChange.objects.select_for_update(of=("self",))
            .filter(campaign=campaign, status=DecisionStatus.GRANTED, exported_at=None)
            .select_related("association", "ticket__pack__session", "old_person", "new_person")
            .order_by("decided_at", "pk")
        )
        rows = []
        for c in changes:
            session = c.ticket.pack.session
            rows.append(
                [
                    c.ticket.pack.reference,
                    c.ticket.number,
                    f"{session.sport} ({session.code})",
                    session.date,
                    c.association.name,
                    c.old_person.last_name,
                    c.old_person.first_name,
                    c.new_person.last_name,
                    c.new_person.first_name,
                    c.new_person.birth_date,
                    c.new_person.mobile_phone,
                    c.decided_at.date() if c.decided_at else None,
                ]
            )
        content = workbook_bytes(
            title="Réattributions",
            intro=[f"{campaign.name} — réattributions nominatives à transmettre à la billetterie"],
            headers=HEADERS,
            rows=rows,
            widths=[12, 8, 30, 14, 30, 20, 18, 20, 18, 16, 18, 14],
        )
        ids = [c.pk for c in changes]
        NameChange.objects.filter(pk__in=ids).update(exported_at=clock.now())
        audit_log(
            action="attendees.name_changes_exported",
            actor=actor,
            subject=campaign,
            campaign_id=campaign.pk,
            details={"count": len(ids), "name_changes": ids},
        )
    return content, len(ids)

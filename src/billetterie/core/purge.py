"""The journal's shredder: entries are never edited, except to redact free text typed by a person.

The reasons people give (a give-back, an extension, a correction, a move) may name a child; past
the campaign's retention date they are masked. Codes, counts and dates stay.
"""

from billetterie.core.audit import MASK
from billetterie.core.models import AuditEntry


def _typed(campaign):
    return (
        AuditEntry.objects.filter(campaign_id=campaign.pk, details__has_key="reason")
        .exclude(details__reason=MASK)
        .exclude(details__reason="")
    )


def audit_personal_data_held(*, campaign) -> bool:
    return _typed(campaign).exists()


def audit_personal_data_purge(*, campaign, now) -> dict[str, int]:
    entries = list(_typed(campaign).only("details"))
    for entry in entries:
        entry.details = {**entry.details, "reason": MASK}
        entry.save(update_fields=["details"])
    return {"journal_texts": len(entries)}

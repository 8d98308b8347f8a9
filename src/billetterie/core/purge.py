"""The journal's shredder: entries are never edited, except to redact free text typed by a person.

The reasons people give (a give-back, an extension, a correction, a move) may name a child; past
the campaign's retention date they are masked. Codes, counts and dates stay.
"""

from django.db.models import Q

from billetterie.core.audit import MASK
from billetterie.core.models import AuditEntry

FREE_TEXT_KEYS = ("reason", "previous_reason")


def _typed(campaign):
    entries = AuditEntry.objects.filter(campaign_id=campaign.pk)
    typed = Q()
    for key in FREE_TEXT_KEYS:
        typed |= Q(**{"details__has_key": key}) & ~Q(**{f"details__{key}__in": [MASK, ""]})
    return entries.filter(typed)


def audit_personal_data_held(*, campaign) -> bool:
    return _typed(campaign).exists()


def audit_personal_data_purge(*, campaign, now) -> dict[str, int]:
    entries = list(_typed(campaign).only("details"))
    for entry in entries:
        entry.details = {
            k: (MASK if k in FREE_TEXT_KEYS and v not in (None, "") else v)
            for k, v in entry.details.items()
        }
        entry.save(update_fields=["details"])
    return {"journal_texts": len(entries)}

"""Reminders sent once: which associations may still receive a reminder written under a key.

A reminder (the nominative deadline in 7 days, the call closing in 2 days…) is due to many
associations at once, and the periodic work runs every minute: it asks here, in two queries, which
associations have an active referent and were not already told under this key, instead of
rendering a message for each association only to find it written already.
"""

from billetterie.accounts.models import Role, User
from billetterie.outbox.models import Message


def associations_to_remind(*, kind: str, key: str, association_ids) -> list[int]:
    """Of these associations, those with an active referent and no message of this kind written
    under `key` (the reminder's key, followed by ":<association id>" for each association)."""
    wanted = set(association_ids)
    if not wanted:
        return []
    told = set(
        Message.objects.filter(
            kind=kind, association_id__in=wanted, idempotency_key__startswith=f"{key}:"
        ).values_list("association_id", flat=True)
    )
    reachable = set(
        User.objects.filter(
            association_id__in=wanted - told, role=Role.REFERENT, is_active=True
        ).values_list("association_id", flat=True)
    )
    return sorted(reachable)

"""An association's referents as recipients: every message about an association goes to them.

`referents_tell` queues a decision's message to each active referent (inside the decision's
transaction, like `message_queue`). A reminder (the nominative deadline in 7 days, the call closing
in 2 days…) is due to many associations at once and the periodic work runs every minute:
`associations_to_remind` says, in two queries, which associations have an active referent and were
not already told under the reminder's key, instead of rendering a message for each association
only to find it written already.
"""

from billetterie.accounts.models import Role, User
from billetterie.core.phones import mobile_parse, phone_e164
from billetterie.outbox.models import Message
from billetterie.outbox.services import message_queue, referent_addresses


def referents_tell(
    *, code: str, association_id: int, values: dict, key: str, campaign, about=None
) -> list[Message]:
    """One message of this kind to each active referent of the association."""
    return message_queue(
        code=code,
        recipients=referent_addresses(association_id=association_id),
        values=values,
        key=key,
        campaign=campaign,
        association_id=association_id,
        about=about,
    )


def referents_counted(*, association_ids) -> dict[int, int]:
    """Association id → how many active referents receive its messages (0 for none), one query."""
    wanted = set(association_ids)
    counts = dict.fromkeys(wanted, 0)
    for association_id in User.objects.filter(
        association_id__in=wanted, role=Role.REFERENT, is_active=True
    ).values_list("association_id", flat=True):
        counts[association_id] += 1
    return counts


def referent_mobiles(*, association_id: int) -> list[str]:
    """The mobile numbers (E.164) of the association's active referents who gave one."""
    phones = User.objects.filter(
        association_id=association_id, role=Role.REFERENT, is_active=True
    ).values_list("phone", flat=True)
    return sorted({phone_e164(n) for n in map(mobile_parse, phones) if n is not None})


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

"""The offers' share of the periodic work: expire due offers first, then send due reminders."""

from billetterie.core.periodic import Done
from billetterie.offers.services import offers_expire_due, offers_send_reminders


def offers_periodic(*, now) -> list[Done]:
    """Expire first, so a pack whose deadline has just passed gets no reminder."""
    expired = offers_expire_due(now=now)
    reminders = offers_send_reminders(now=now)
    return [
        Done("expired", "Propositions expirées", expired),
        Done("reminders", "Relances envoyées", reminders),
    ]

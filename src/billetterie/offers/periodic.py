"""The platform's periodic work: expire due offers, then send due reminders (safe to repeat)."""

from dataclasses import dataclass

from billetterie.core import clock
from billetterie.offers.services import offers_expire_due, offers_send_reminders


@dataclass(frozen=True)
class PeriodicReport:
    expired: int
    reminders: int


def periodic_run() -> PeriodicReport:
    """Expire first, so a pack whose deadline has just passed gets no reminder."""
    now = clock.now()
    return PeriodicReport(
        expired=offers_expire_due(now=now), reminders=offers_send_reminders(now=now)
    )

"""The platform's periodic work: expire due offers, send due reminders, purge expired personal data."""

from dataclasses import dataclass

from billetterie.core import clock
from billetterie.offers.services import offers_expire_due, offers_send_reminders


@dataclass(frozen=True)
class PeriodicReport:
    expired: int
    reminders: int
    purged_campaigns: int = 0


def periodic_run() -> PeriodicReport:
    """Expire first, so a pack whose deadline has just passed gets no reminder."""
    from billetterie.attendees.purge import campaign_purge, campaigns_with_personal_data_due

    now = clock.now()
    expired, reminders = offers_expire_due(now=now), offers_send_reminders(now=now)
    due = campaigns_with_personal_data_due(today=clock.today())
    for campaign in due:
        campaign_purge(campaign=campaign, actor="travaux périodiques")
    return PeriodicReport(expired=expired, reminders=reminders, purged_campaigns=len(due))

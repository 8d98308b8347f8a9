"""Reminders to report the attendance: the periodic work tells each association's referents, the
day after its groups' session and 7 days after, which of those groups still wait for their
attendance — each reminder once per association, session day and step; none once reported.

A run missed on the day after still reminds on the days that follow (until the 7-day step takes
over); after two weeks nothing more is sent automatically.
"""

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from billetterie.attendees.models import Group
from billetterie.attendees.services.notifications import attendees_link
from billetterie.core.audit import audit_log
from billetterie.core.changes import day, plural
from billetterie.core.periodic import Done
from billetterie.core.usecase import skip_busy, use_case
from billetterie.delivery.messages import ATTENDANCE_REMINDER
from billetterie.outbox.referents import associations_to_remind, referents_tell

STEPS = (1, 7)  # days after the session
LAST_DAY = 13  # the 7-day reminder is caught up until then


def step_due(days_after: int) -> int | None:
    """The reminder due `days_after` days after the session: 1 from the day after to the 6th day,
    7 from the 7th to the 13th; None before and after."""
    if not 1 <= days_after <= LAST_DAY:
        return None
    return max(n for n in STEPS if n <= days_after)


def _since_words(days_after: int) -> str:
    return "hier" if days_after == 1 else f"il y a {days_after} jours"


def _group_line(group) -> str:
    session = group.session
    tickets = sum(link.pack.size for link in group.pack_links.all())
    return (
        f"- {group.name} : {session.code} ({session.event_name}), {session.venue.name}, "
        f"{plural(tickets, 'billet')}"
    )


def _remind(*, campaign, association_id, association_name, groups, session_day, days_after, key):
    with use_case():
        queued = referents_tell(
            code=ATTENDANCE_REMINDER,
            association_id=association_id,
            values={
                "association": association_name,
                "date": day(session_day),
                "delai": _since_words(days_after),
                "groupes": "\n".join(_group_line(g) for g in groups),
                "lien": attendees_link(campaign, "portal:attendance"),
            },
            key=f"{key}:{association_id}",
            campaign=campaign,
        )
        if queued:
            audit_log(
                action="delivery.attendance_reminder_sent",
                actor=None,
                campaign_id=campaign.pk,
                association_id=association_id,
                details={"groups": len(groups), "days_after": days_after},
            )
    return bool(queued)


def attendance_reminders_send(*, now: dt.datetime) -> int:
    """Queue the due reminders; the number of associations reminded."""
    today = timezone.localdate(now)
    groups = (
        Group.objects.filter(
            session__date__gte=today - dt.timedelta(days=LAST_DAY),
            session__date__lte=today - dt.timedelta(days=1),
            attendance__isnull=True,
        )
        .select_related("campaign", "association", "session__venue")
        .prefetch_related("pack_links__pack")
        .order_by("campaign_id", "session__date", "association_id", "name", "pk")
    )
    # (campaign, session day) → association → its groups not reported
    waiting: dict[tuple, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    campaigns = {}
    for group in groups:
        campaigns[group.campaign_id] = group.campaign
        waiting[(group.campaign_id, group.session.date)][group.association_id].append(group)
    reminded = 0
    for (campaign_id, session_day), by_association in waiting.items():
        days_after = (today - session_day).days
        step = step_due(days_after)
        if step is None:
            continue
        campaign = campaigns[campaign_id]
        key = f"{ATTENDANCE_REMINDER}:{campaign_id}:{session_day:%Y%m%d}:{step}"
        for association_id in associations_to_remind(
            kind=ATTENDANCE_REMINDER, key=key, association_ids=by_association
        ):
            found = by_association[association_id]
            reminded += skip_busy(
                _remind,
                campaign=campaign,
                association_id=association_id,
                association_name=found[0].association.name,
                groups=found,
                session_day=session_day,
                days_after=days_after,
                key=key,
            )
    return reminded


def delivery_attendance_periodic(*, now) -> list[Done]:
    return [
        Done(
            "attendance_reminders",
            "Rappels de déclarer la présence envoyés",
            attendance_reminders_send(now=now),
        )
    ]

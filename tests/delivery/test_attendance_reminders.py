"""Reminders to report the attendance: with the clock moved day by day around the session, a
referent who never reports gets the reminder the day after and 7 days after, each once; one who
reports in between gets nothing more; a missed run is caught up the next day."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.core.periodic import periodic_run
from billetterie.delivery.attendance import attendance_file
from billetterie.delivery.attendance_reminders import step_due
from billetterie.delivery.messages import ATTENDANCE_REMINDER
from tests.delivery.attendance_world import named_group
from tests.messages import queued

pytestmark = pytest.mark.django_db

SESSION = dt.date(2024, 7, 30)


def _days_around_session(fn, *, first=-2, last=16, skip=()):
    """Run the periodic work each morning (twice: it runs every minute) from `first` to `last`
    days after the session; `fn(days_after)` runs first each day; days in `skip` have no run."""
    for days_after in range(first, last + 1):
        when = SESSION + dt.timedelta(days=days_after)
        with clock.frozen_at(f"{when.isoformat()}T07:00"):
            fn(days_after)
            if days_after not in skip:
                periodic_run()
                periodic_run()


def _sent():
    return sorted(
        (m.recipient, (m.created_at.date() - SESSION).days) for m in queued(ATTENDANCE_REMINDER)
    )


def test_each_reminder_once_and_none_once_reported(
    campaign, association, referent_user, other_association, other_referent_user
):
    mine = named_group(campaign, association, referent_user, youth=3, supervisors=1)
    named_group(campaign, other_association, other_referent_user, youth=2, supervisors=1)
    named_group(campaign, other_association, other_referent_user, youth=1, supervisors=1)

    def step(days_after):
        if days_after == 3:
            attendance_file(
                campaign=campaign,
                association=association,
                group_id=mine.pk,
                youth_present=3,
                supervisors_present=1,
                comment="",
                actor=referent_user,
            )

    _days_around_session(step)
    assert _sent() == [
        ("referent@example.org", 1),
        ("voisin@example.org", 1),
        ("voisin@example.org", 7),
    ]
    last = queued(ATTENDANCE_REMINDER)[-1]
    assert last.subject == "Billetterie populaire : qui est venu à l'épreuve du 30 juillet 2024 ?"
    assert "(il y a 7 jours)" in last.body_text
    # The other association's two groups, in one message, without any person's name.
    assert last.body_text.count("- Groupe ") == 2 and "Jeune" not in last.body_text
    link = settings.SITE_URL + reverse("portal:attendance", kwargs={"campaign_slug": campaign.slug})
    assert link in last.body_text and last.association_id == other_association.pk
    entries = AuditEntry.objects.filter(action="delivery.attendance_reminder_sent")
    assert sorted(e.details["days_after"] for e in entries) == [1, 1, 7]


def test_a_missed_run_is_caught_up_the_next_day(campaign, association, referent_user):
    named_group(campaign, association, referent_user)
    _days_around_session(lambda d: None, skip={1, 7, 8})
    assert _sent() == [("referent@example.org", 2), ("referent@example.org", 9)]


def test_the_steps():
    assert [step_due(d) for d in range(-1, 16)] == ([None, None] + [1] * 6 + [7] * 7 + [None, None])

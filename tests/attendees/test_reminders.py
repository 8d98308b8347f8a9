"""Automatic reminders of the nominative deadline: with the clock moved day by day to the deadline,
each association still missing something gets each reminder once (14, 7 and 2 days before), and
one that names and sends every ticket in between gets none after."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from billetterie.attendees.services.letters import letter_upload
from billetterie.attendees.services.reminders import missing_lines
from billetterie.campaigns.models import CampaignGames
from billetterie.core import clock
from billetterie.core.models import AuditEntry
from billetterie.core.periodic import periodic_run
from tests.attendees.permission_rows import png_bytes
from tests.messages import queued

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2024, 4, 26)  # the Olympic Games' nominative deadline
KIND = "attendees.deadline_reminder"


def _deadline(campaign, day, games="OG"):
    CampaignGames.objects.filter(campaign=campaign, games__code=games).update(
        nominative_deadline=day
    )


def _days_from_deadline(fn, *, first: int, last: int = -2):
    """Run the periodic work each morning (twice: it runs every minute) from `first` days before
    the deadline to `-last` days after it; `fn(days_left)` runs first each day."""
    for days_left in range(first, last - 1, -1):
        day = DEADLINE - dt.timedelta(days=days_left)
        with clock.frozen_at(f"{day.isoformat()}T07:00"):
            fn(days_left)
            periodic_run()
            periodic_run()


def _sent(kind=KIND):
    """(recipient, days before the deadline) of each reminder written."""
    return sorted((m.recipient, (DEADLINE - m.created_at.date()).days) for m in queued(kind))


def test_each_reminder_once_and_none_after_everything_is_named(
    campaign,
    association,
    referent_user,
    other_association,
    other_referent_user,
    accept,
    people,
    name_group,
    send_names,
    make_referent,
):
    _deadline(campaign, DEADLINE)
    make_referent(other_association, "seconde@example.org")
    accept(other_association, size=4, reference="JO-LENT")  # never names anyone
    pack = accept(association, size=8, reference="JO-VITE")  # names everyone 10 days before

    def step(days_left):
        if days_left == 10:
            persons = people(6, 2)
            name_group(pack, persons, leader=persons[6])
            send_names()
            letter_upload(
                campaign=campaign,
                association=association,
                content=png_bytes(),
                actor=referent_user,
            )

    _days_from_deadline(step, first=20)
    assert _sent() == [
        ("referent@example.org", 14),
        ("seconde@example.org", 2),
        ("seconde@example.org", 7),
        ("seconde@example.org", 14),
        ("voisin@example.org", 2),
        ("voisin@example.org", 7),
        ("voisin@example.org", 14),
    ]
    first = next(m for m in queued(KIND) if m.recipient == "referent@example.org")
    assert first.subject == (
        "Billetterie populaire : attributions nominatives des JO — échéance le 26 avril 2024 "
        "(dans 14 jours)"
    )
    assert "- 8 billets à nommer sur 8" in first.body_text
    assert "- l'envoi des attributions nominatives" in first.body_text
    assert "- le courrier d'engagement moral, signé par la direction, à déposer" in first.body_text
    link = settings.SITE_URL + reverse(
        "portal:attendees_campaign", kwargs={"campaign_slug": campaign.slug}
    )
    assert link in first.body_text and first.association_id == association.pk
    last = [m for m in queued(KIND) if m.recipient == "voisin@example.org"][-1]
    assert "(dans 2 jours)" in last.subject and "- 4 billets à nommer sur 4" in last.body_text
    entries = AuditEntry.objects.filter(action="attendees.deadline_reminder_sent")
    assert sorted(e.details["days_before"] for e in entries) == [2, 7, 14, 14]


def test_the_campaign_sets_the_days_and_a_missed_day_is_caught_up(
    campaign, association, referent_user, accept
):
    _deadline(campaign, DEADLINE)
    campaign.nominative_reminder_days = [10, 3]
    campaign.save(update_fields=["nominative_reminder_days"])
    accept(association, size=2)
    skipped = {10, 9}  # the periodic work did not run these two days
    for days_left in range(12, -1, -1):
        day = DEADLINE - dt.timedelta(days=days_left)
        if days_left not in skipped:
            with clock.frozen_at(f"{day.isoformat()}T07:00"):
                periodic_run()
    assert _sent() == [("referent@example.org", 3), ("referent@example.org", 8)]
    assert "(dans 8 jours)" in queued(KIND)[0].subject


def test_no_reminder_without_days_or_referents(campaign, association, accept, referent_user):
    _deadline(campaign, DEADLINE)
    campaign.nominative_reminder_days = []
    campaign.save(update_fields=["nominative_reminder_days"])
    accept(association, size=2)
    _days_from_deadline(lambda days_left: None, first=15, last=0)
    assert queued(KIND) == []
    campaign.nominative_reminder_days = [14, 7, 2]
    campaign.save(update_fields=["nominative_reminder_days"])
    referent_user.is_active = False
    referent_user.save(update_fields=["is_active"])
    _days_from_deadline(lambda days_left: None, first=15, last=0)
    assert queued(KIND) == []


def test_what_is_missing_is_counted():
    from billetterie.attendees.selectors.completion import CompletionRow

    def row(named, submitted):
        return CompletionRow(1, "A", 1, "JO", 8, named, DEADLINE, submitted, not submitted)

    assert missing_lines(row(8, True), "") == []
    assert missing_lines(row(8, False), "") == [
        "- l'envoi des attributions nominatives, une fois chaque billet nommé"
    ]
    assert missing_lines(row(8, True), "refused") == [
        "- un nouveau courrier d'engagement moral à déposer (le dernier a été refusé)"
    ]
    assert missing_lines(row(5, False), None)[0] == "- 3 billets à nommer sur 8"

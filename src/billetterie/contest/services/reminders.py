"""Automatic reminders of the contest, queued by the periodic work, each once:

- before the participation deadline (7 and 2 days before, and on a missed run the days after, as
  `campaigns.rules.reminder_due` says), to the operator's member associations that have not
  confirmed their participation;
- before the submission window closes (3 and 1 days before), to the participating associations
  that have not deposited their audio."""

import datetime as dt

from django.utils import timezone

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.rules import days_left_words, reminder_due
from billetterie.contest.models import Entry, Participation
from billetterie.contest.services.participation import contest_link
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.periodic import Done
from billetterie.core.usecase import skip_busy, use_case
from billetterie.members.models import Association
from billetterie.outbox.referents import associations_to_remind, referents_tell

PARTICIPATION_REMINDER = "contest.participation_reminder"
ENTRY_REMINDER = "contest.entry_reminder"
PARTICIPATION_DAYS = [7, 2]
ENTRY_DAYS = [3, 1]
LONGEST = 7


def _remind(*, campaign, code, association_id, name, values, key, days_before) -> bool:
    with use_case():
        queued = referents_tell(
            code=code,
            association_id=association_id,
            values={"association": name, "lien": contest_link(campaign), **values},
            key=f"{key}:{association_id}",
            campaign=campaign,
        )
        if queued:
            audit_log(
                action="contest.reminder_sent",
                actor=None,
                campaign_id=campaign.pk,
                association_id=association_id,
                details={"kind": code, "days_before": days_before},
            )
    return bool(queued)


def _due(deadline_field: str, today: dt.date, longest: int):
    return Campaign.objects.filter(
        **{
            f"{deadline_field}__gte": today,
            f"{deadline_field}__lte": today + dt.timedelta(days=longest),
        }
    ).select_related("operator")


def participation_reminders_send(*, now: dt.datetime) -> int:
    today = timezone.localdate(now)
    reminded = 0
    for campaign in _due("contest_confirmation_deadline", today, LONGEST):
        deadline = campaign.contest_confirmation_deadline
        days_left = (deadline - today).days
        days = reminder_due(days=PARTICIPATION_DAYS, days_left=days_left)
        if days is None:
            continue
        key = f"{PARTICIPATION_REMINDER}:{campaign.pk}:{deadline:%Y%m%d}:{days}"
        taking_part = Participation.objects.filter(
            campaign=campaign, withdrawn_at__isnull=True
        ).values_list("association_id", flat=True)
        names = dict(
            Association.objects.filter(operator=campaign.operator, is_member=True)
            .exclude(pk__in=taking_part)
            .values_list("pk", "name")
        )
        for association_id in associations_to_remind(
            kind=PARTICIPATION_REMINDER, key=key, association_ids=names
        ):
            reminded += skip_busy(
                _remind,
                campaign=campaign,
                code=PARTICIPATION_REMINDER,
                association_id=association_id,
                name=names[association_id],
                values={"echeance": day(deadline), "delai": days_left_words(days_left)},
                key=key,
                days_before=days_left,
            )
    return reminded


def entry_reminders_send(*, now: dt.datetime) -> int:
    today = timezone.localdate(now)
    reminded = 0
    for campaign in _due("contest_closes_on", today, LONGEST):
        closes = campaign.contest_closes_on
        if campaign.contest_opens_on and today < campaign.contest_opens_on:
            continue
        days_left = (closes - today).days
        days = reminder_due(days=ENTRY_DAYS, days_left=days_left)
        if days is None:
            continue
        key = f"{ENTRY_REMINDER}:{campaign.pk}:{closes:%Y%m%d}:{days}"
        with_entry = Entry.objects.filter(campaign=campaign).exclude(file="")
        names = dict(
            Participation.objects.filter(campaign=campaign, withdrawn_at__isnull=True)
            .exclude(pk__in=with_entry.values("participation_id"))
            .values_list("association_id", "association__name")
        )
        for association_id in associations_to_remind(
            kind=ENTRY_REMINDER, key=key, association_ids=names
        ):
            reminded += skip_busy(
                _remind,
                campaign=campaign,
                code=ENTRY_REMINDER,
                association_id=association_id,
                name=names[association_id],
                values={"cloture": day(closes), "delai": days_left_words(days_left)},
                key=key,
                days_before=days_left,
            )
    return reminded


def contest_periodic(*, now) -> list[Done]:
    return [
        Done(
            "contest_participation_reminders",
            "Rappels de participation au jeu-concours envoyés",
            participation_reminders_send(now=now),
        ),
        Done(
            "contest_entry_reminders",
            "Rappels de dépôt des enregistrements du jeu-concours envoyés",
            entry_reminders_send(now=now),
        ),
    ]

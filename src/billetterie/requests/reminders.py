"""The reminder before the call for applications closes: 7 and 2 days before its last day, to the
operator's member associations that have not applied yet — each once, by the periodic work."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from billetterie.campaigns.models import Campaign
from billetterie.campaigns.rules import days_left_words, reminder_due
from billetterie.core.audit import audit_log
from billetterie.core.changes import day
from billetterie.core.periodic import Done
from billetterie.core.usecase import skip_busy, use_case
from billetterie.members.models import Association
from billetterie.outbox.referents import associations_to_remind, referents_tell
from billetterie.outbox.services import site_link
from billetterie.requests.models import Application

CALL_REMINDER = "application.call_reminder"
CALL_REMINDER_DAYS = (7, 2)


def _call_remind(*, campaign, association, days_left: int, key: str) -> bool:
    with use_case():
        if Application.objects.filter(campaign=campaign, association=association).exists():
            return False  # it applied since the list was read
        queued = referents_tell(
            code=CALL_REMINDER,
            association_id=association.pk,
            values={
                "association": association.name,
                "cloture": day(campaign.call_closes_on),
                "delai": days_left_words(days_left),
                "lien": site_link(reverse("portal:applications")),
            },
            key=f"{key}:{association.pk}",
            campaign=campaign,
        )
        if queued:
            audit_log(
                action="application.call_reminder_sent",
                actor=None,
                subject=association,
                campaign_id=campaign.pk,
                association_id=association.pk,
                details={"days_before": days_left},
            )
    return bool(queued)


def call_reminders_send(*, now: dt.datetime) -> int:
    """Queue the due reminders of every open call; the number of associations reminded."""
    today = timezone.localdate(now)
    campaigns = Campaign.objects.filter(
        call_opens_on__lte=today,
        call_closes_on__gte=today,
        call_closes_on__lte=today + dt.timedelta(days=max(CALL_REMINDER_DAYS)),
    ).order_by("pk")
    reminded = 0
    for campaign in campaigns:
        days_left = (campaign.call_closes_on - today).days
        days = reminder_due(days=CALL_REMINDER_DAYS, days_left=days_left)
        if days is None:
            continue
        key = f"{CALL_REMINDER}:{campaign.pk}:{campaign.call_closes_on:%Y%m%d}:{days}"
        silent = Association.objects.filter(
            operator_id=campaign.operator_id, is_member=True
        ).exclude(pk__in=Application.objects.filter(campaign=campaign).values("association_id"))
        to_remind = associations_to_remind(
            kind=CALL_REMINDER, key=key, association_ids=silent.values_list("pk", flat=True)
        )
        for association in Association.objects.filter(pk__in=to_remind).order_by("pk"):
            reminded += skip_busy(
                _call_remind,
                campaign=campaign,
                association=association,
                days_left=days_left,
                key=key,
            )
    return reminded


def applications_periodic(*, now) -> list[Done]:
    return [
        Done(
            "call_reminders",
            "Rappels de clôture de l'appel à candidatures envoyés",
            call_reminders_send(now=now),
        )
    ]

"""The end of a campaign's personal data: a retention date for every campaign, then the purge.

Every campaign has a retention date (by default, `RETENTION_AFTER_END_DAYS` after the last day of
its Games). Past that date, the purge asks every app, through the `personal_data_purge` hook, to
blank or delete what it holds for the campaign — each app knows its own personal fields (its
"shredder"), including the apps added later. The periodic work purges every campaign past its date
that still holds personal data; `billetterie purge_personal_data` does the same on demand.
"""

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from billetterie.campaigns.models import Campaign
from billetterie.catalogue.models import Session
from billetterie.core import clock, hooks
from billetterie.core.audit import audit_log
from billetterie.core.periodic import Done
from billetterie.core.usecase import Actor, use_case

# When the Games' dates are not known yet, the campaign is taken to end a year after its creation.
UNKNOWN_END_AFTER = dt.timedelta(days=365)


def retention_default(*, games_ids, today: dt.date) -> dt.date:
    """The default retention date: a fixed delay after the last session of these Games."""
    last = Session.objects.filter(games_id__in=list(games_ids)).aggregate(last=Max("date"))["last"]
    end = last or today + UNKNOWN_END_AFTER
    return end + dt.timedelta(days=settings.RETENTION_AFTER_END_DAYS)


def campaigns_past_retention(*, today: dt.date) -> list[Campaign]:
    return list(Campaign.objects.filter(retention_until__lt=today).order_by("pk"))


def holds_personal_data(*, campaign) -> bool:
    return any(hooks.personal_data_held.fire(campaign=campaign))


def campaign_purge(*, campaign, actor: Actor = "commande purge_personal_data") -> dict[str, int]:
    """Every app purges what it holds for the campaign, in one transaction; safe to repeat."""
    with use_case():
        counts: Counter = Counter()
        for part in hooks.personal_data_purge.fire(campaign=campaign, now=clock.now()):
            counts.update(part)
        counts = dict(sorted(counts.items()))
        audit_log(
            action="campaign.personal_data_purged",
            actor=actor,
            subject=campaign,
            campaign_id=campaign.pk,
            details=counts,
        )
    return counts


def personal_data_purge(*, today: dt.date | None = None) -> dict[int, dict[str, int]]:
    """Every campaign past its retention date, one transaction each."""
    today = today or clock.today()
    return {c.pk: campaign_purge(campaign=c) for c in campaigns_past_retention(today=today)}


def retention_periodic(*, now) -> list[Done]:
    """The periodic share: purge the campaigns past their date that still hold personal data."""
    due = [
        c
        for c in campaigns_past_retention(today=timezone.localdate(now))
        if holds_personal_data(campaign=c)
    ]
    for campaign in due:
        campaign_purge(campaign=campaign, actor="travaux périodiques")
    return [
        Done(
            "purged_campaigns", "Campagnes dont les données personnelles ont été effacées", len(due)
        )
    ]

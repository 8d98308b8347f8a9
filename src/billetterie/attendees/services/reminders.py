"""The reminder e-mail to an association late with its named holders (sent after commit)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from billetterie.attendees.selectors.completion import completion_rows
from billetterie.campaigns.models import Campaign
from billetterie.core.audit import audit_log
from billetterie.core.usecase import use_case
from billetterie.members.models import Association
from billetterie.offers.notifications import referent_emails

logger = logging.getLogger(__name__)


def reminder_request(*, campaign, association_id: int, actor) -> None:
    """Audit the reminder and send it once the transaction commits (ids only in the closure)."""
    with use_case():
        association = Association.objects.get(pk=association_id, operator=campaign.operator)
        audit_log(
            action="attendees.reminder_sent",
            actor=actor,
            subject=association,
            campaign_id=campaign.pk,
            association_id=association.pk,
            details={"association": association.pk},
        )
        campaign_id = campaign.pk
        transaction.on_commit(
            lambda: reminder_send(campaign_id=campaign_id, association_id=association_id)
        )


def reminder_send(*, campaign_id: int, association_id: int) -> int:
    campaign = Campaign.objects.get(pk=campaign_id)
    association = Association.objects.get(pk=association_id)
    rows = [
        r
        for r in completion_rows(campaign=campaign, association_ids=[association_id])
        if not r.done
    ]
    recipients = referent_emails(association_id=association_id)
    if not rows or not recipients:
        logger.info("attendees reminder for association %s: nothing to send", association_id)
        return 0
    context = {
        "campaign": campaign,
        "association": association,
        "rows": rows,
        "link": settings.SITE_URL
        + reverse("portal:attendees_campaign", kwargs={"campaign_slug": campaign.slug}),
    }
    with translation.override("fr"):
        text = render_to_string("attendees/email/reminder.txt", context)
        html = render_to_string("attendees/email/reminder.html", context)
    message = EmailMultiAlternatives(
        subject="Billetterie populaire : rappel — nommez les bénéficiaires de vos billets",
        body=text,
        to=recipients,
    )
    message.attach_alternative(html, "text/html")
    return message.send()

"""Delivering messages: claimed once, sent, retried with backoff, never lost.

A message is claimed by a compare-and-set (queued → sending): two workers never send it twice. A
failure puts it back in the queue with a growing delay (1, 2, 4 … minutes, at most 6 hours); after
`MAX_ATTEMPTS` it is failed, and the operator may resend it. The periodic work (every minute)
sends what is due — messages whose worker was down, retries — and takes back messages stuck in
"sending" for more than ten minutes (a worker that died mid-send). Scheduling uses real time,
whatever the platform clock says.
"""

import datetime as dt
import logging
from email.utils import make_msgid

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.utils import timezone

from billetterie.core.logging import redact
from billetterie.core.periodic import Done
from billetterie.outbox.models import Channel, Message, Status
from billetterie.outbox.sms import sms_backend, sms_number

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
STUCK_AFTER = dt.timedelta(minutes=10)
BATCH = 500


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), dt.timedelta(hours=6))


def _claim(message_id: int, now) -> bool:
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    )
    return bool(
        Message.objects.filter(due, pk=message_id).update(status=Status.SENDING, claimed_at=now)
    )


def _send(message: Message) -> str:
    """Hand the message to its backend; the provider's identifier, or raise."""
    if message.channel == Channel.SMS:
        number = sms_number(message.recipient)
        if number is None:
            raise ValueError("numéro de téléphone invalide")
        return sms_backend().send(to=number, text=message.body_text, reference=str(message.pk))
    message_id = make_msgid(idstring=f"billetterie-{message.pk}")
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.recipient],
        headers={"Message-ID": message_id, "X-Billetterie-Message": str(message.pk)},
        connection=get_connection(),
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    email.send()
    return message_id


def message_deliver(*, message_id: int) -> Message:
    """Send one message if it is due and nobody else is sending it; safe to call again."""
    now = timezone.now()
    if not _claim(message_id, now):
        return Message.objects.get(pk=message_id)
    message = Message.objects.get(pk=message_id)
    attempts = message.attempts + 1
    try:
        provider_id = _send(message)
    except Exception as error:  # noqa: BLE001 - any failure of the backend is retried
        final = attempts >= MAX_ATTEMPTS
        # The error names the failure, never the message: no address or body reaches the logs.
        reason = redact(f"{type(error).__name__}: {error}")[:500]
        logger.warning(
            "message %s: attempt %s failed (%s)", message.pk, attempts, type(error).__name__
        )
        Message.objects.filter(pk=message.pk).update(
            status=Status.FAILED if final else Status.QUEUED,
            attempts=attempts,
            last_error=reason,
            next_attempt_at=None if final else now + backoff(attempts),
            status_changed_at=now,
        )
    else:
        Message.objects.filter(pk=message.pk).update(
            status=Status.SENT,
            attempts=attempts,
            sent_at=now,
            provider_id=(provider_id or "")[:200],
            last_error="",
            next_attempt_at=None,
            status_changed_at=now,
        )
    message.refresh_from_db()
    return message


def messages_due(now=None) -> list[int]:
    now = now or timezone.now()
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    )
    return list(
        Message.objects.filter(due)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:BATCH]
    )


def outbox_periodic(*, now) -> list[Done]:
    """The periodic share: send every due message (the worker was down, a retry is due)."""
    sent = 0
    for message_id in messages_due():
        sent += message_deliver(message_id=message_id).status == Status.SENT
    return [Done("messages_sent", "Messages envoyés (reprises et retards)", sent)]


def message_status_report(*, provider_id: str, status: str) -> bool:
    """A provider's delivery receipt or bounce: the message's final state. False if unknown."""
    mapping = {"delivered": Status.DELIVERED, "bounced": Status.BOUNCED, "failed": Status.BOUNCED}
    if status not in mapping or not provider_id:
        return False
    return bool(
        Message.objects.filter(
            provider_id=provider_id, status__in=[Status.SENT, Status.DELIVERED]
        ).update(status=mapping[status], status_changed_at=timezone.now())
    )

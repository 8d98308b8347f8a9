"""Delivering messages: claimed once, sent, retried with backoff, never lost.

A message is claimed by a compare-and-set (queued → sending): two workers never send it twice. A
temporary failure (the server is down, too many requests) puts it back in the queue with a growing
delay (1, 2, 4 … minutes, at most 6 hours); after `MAX_ATTEMPTS` it is failed. A permanent
failure (the recipient's server refuses the address, an invalid phone number, the SMS provider
refuses the message) fails it at once: trying again would fail again. The operator may resend a
failed message. The periodic work (every minute) sends what is due — messages whose worker was
down, retries — and takes back messages stuck in "sending" for more than ten minutes (a worker
that died mid-send). Scheduling uses real time, whatever the platform clock says.

The send never runs inside the caller's transaction: the claim is a durable transaction of its
own (called inside another one, it raises), the send happens outside any transaction, and its
outcome is written with its `MessageEvent` in a second one. A provider's receipt
(`message_status_report`) writes its event the same way.
"""

import datetime as dt
import logging
import smtplib
from email.utils import make_msgid

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from billetterie.core.logging import redact
from billetterie.core.periodic import Done
from billetterie.outbox.models import Channel, Message, MessageEvent, Status
from billetterie.outbox.sms import sms_backend, sms_number

logger = logging.getLogger(__name__)

# 16 attempts: the delays 1, 2, 4 … 256 minutes, then every 6 hours — about two days in all, so
# that a mail server or SMS provider down for a weekend day loses nothing.
MAX_ATTEMPTS = 16
STUCK_AFTER = dt.timedelta(minutes=10)
BATCH = 500


class PermanentFailure(Exception):
    """This message can never be sent as it is (an invalid phone number): failed at once.

    Its text is a fixed French phrase, without personal data: it is shown on the message's page."""


def failure_is_permanent(error: Exception) -> bool:
    """Whether trying again is useless: the refusal is about this message, not the moment."""
    if isinstance(error, PermanentFailure) or getattr(error, "permanent", False) is True:
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        # Every recipient refused; a 4xx code (mailbox busy, greylisting) is worth a retry.
        codes = [answer[0] for answer in error.recipients.values() if answer]
        return not codes or any(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500  # the server refused this message's content for good
    return False


def error_name(error: Exception) -> str:
    """The failure in a few words without personal data: its type and, if any, its codes."""
    if isinstance(error, PermanentFailure):
        return str(error)
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({str(a[0]) for a in error.recipients.values() if a})
        return f"{name} {', '.join(codes)}".strip()
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{name} {error.smtp_code}"
    if name == "SmsError" and str(error).startswith("HTTP "):
        return f"{name} {str(error)[:20]}"
    return name


def _delay_words(delay: dt.timedelta) -> str:
    minutes = int(delay / dt.timedelta(minutes=1))
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h" + (f" {minutes % 60:02d}" if minutes % 60 else "")


def event_write(message_id: int, *, status: str, detail: str, at=None) -> MessageEvent:
    """One step of a message's history (inside the transaction that changes its state)."""
    return MessageEvent.objects.create(
        message_id=message_id, at=at or timezone.now(), status=status, detail=detail[:200]
    )


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(minutes=2 ** max(0, attempts - 1)), dt.timedelta(hours=6))


def _claim(message_id: int, now) -> bool:
    due = Q(status=Status.QUEUED, next_attempt_at__lte=now) | Q(
        status=Status.SENDING, claimed_at__lt=now - STUCK_AFTER
    )
    # Durable: called inside another transaction (the caller's), it raises before any send.
    with transaction.atomic(durable=True):
        return bool(
            Message.objects.filter(due, pk=message_id).update(status=Status.SENDING, claimed_at=now)
        )


def _send(message: Message) -> str:
    """Hand the message to its backend; the provider's identifier, or raise."""
    if message.channel == Channel.SMS:
        number = sms_number(message.recipient)
        if number is None:
            raise PermanentFailure("numéro de téléphone invalide")
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
    # A provider's API backend (django-anymail) knows the message by its own identifier.
    provider_id = getattr(getattr(email, "anymail_status", None), "message_id", None)
    return provider_id if isinstance(provider_id, str) and provider_id else message_id


def message_deliver(*, message_id: int) -> Message:
    """Send one message if it is due and nobody else is sending it; safe to call again.

    Never inside the caller's transaction (see the module's docstring)."""
    now = timezone.now()
    if not _claim(message_id, now):
        return Message.objects.get(pk=message_id)
    message = Message.objects.get(pk=message_id)
    attempts = message.attempts + 1
    try:
        provider_id = _send(message)
    except Exception as error:  # noqa: BLE001 - any failure of the backend is recorded
        _failure_record(message, error, attempts=attempts, now=now)
    else:
        with transaction.atomic(durable=True):
            Message.objects.filter(pk=message.pk).update(
                status=Status.SENT,
                attempts=attempts,
                sent_at=now,
                provider_id=(provider_id or "")[:200],
                last_error="",
                next_attempt_at=None,
                status_changed_at=now,
            )
            where = "au prestataire SMS" if message.channel == Channel.SMS else "au serveur d'envoi"
            event_write(
                message.pk,
                status=Status.SENT,
                detail=f"Tentative {attempts} : remis {where}",
                at=now,
            )
    message.refresh_from_db()
    return message


def _failure_record(message: Message, error: Exception, *, attempts: int, now) -> None:
    permanent = failure_is_permanent(error)
    final = permanent or attempts >= MAX_ATTEMPTS
    name = error_name(error)
    # The error names the failure, never the message: no address or body reaches the logs.
    reason = redact(f"{type(error).__name__}: {error}")[:500]
    logger.warning(
        "message %s: attempt %s failed (%s, %s)",
        message.pk,
        attempts,
        name,
        "permanent" if permanent else "temporary",
    )
    if permanent:
        detail = f"Tentative {attempts} : refus définitif ({name}), pas de nouvel essai"
    elif final:
        detail = f"Tentative {attempts} : échec ({name}), abandon après {attempts} tentatives"
    else:
        delay = backoff(attempts)
        detail = (
            f"Tentative {attempts} : échec temporaire ({name}), "
            f"nouvel essai dans {_delay_words(delay)}"
        )
    status = Status.FAILED if final else Status.QUEUED
    with transaction.atomic(durable=True):
        Message.objects.filter(pk=message.pk).update(
            status=status,
            attempts=attempts,
            last_error=reason,
            next_attempt_at=None if final else now + backoff(attempts),
            status_changed_at=now,
        )
        event_write(message.pk, status=status, detail=detail, at=now)


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


# What providers report, in their words → (the message's new state or None, the event's detail).
RECEIPTS = {
    "delivered": (Status.DELIVERED, "Accusé du prestataire : message remis au destinataire"),
    "bounced": (Status.BOUNCED, "Accusé du prestataire : message rejeté par le destinataire"),
    "failed": (Status.BOUNCED, "Accusé du prestataire : message non remis"),
    "undelivered": (Status.BOUNCED, "Accusé du prestataire : message non remis"),
    "rejected": (Status.BOUNCED, "Accusé du prestataire : message refusé"),
    "expired": (Status.BOUNCED, "Accusé du prestataire : message expiré sans être remis"),
    "complained": (None, "Le destinataire a signalé ce message comme indésirable"),
}
# A receipt changes the state only from these: a late "delivered" never hides a bounce.
RECEIPT_FROM = {
    Status.DELIVERED: (Status.SENT,),
    Status.BOUNCED: (Status.SENT, Status.DELIVERED),
}


def provider_ids(provider_id: str) -> list[str]:
    """The forms one identifier may take: e-mail Message-IDs travel with or without <…>."""
    bare = provider_id.strip().strip("<>").strip()
    return [bare, f"<{bare}>"] if bare else []


def message_status_report(*, provider_id: str, status: str, channel: str | None = None) -> bool:
    """A provider's delivery receipt, bounce or complaint about the message it knows by
    `provider_id`: its state changes (from `RECEIPT_FROM`) and its history gets the event.

    False when nothing is known of it (unknown status or identifier): the caller answers the same
    whatever the outcome, so that nobody learns which identifiers exist."""
    receipt = RECEIPTS.get(str(status).lower())
    ids = provider_ids(str(provider_id or "")[:200])
    if receipt is None or not ids:
        return False
    new_status, detail = receipt
    now = timezone.now()
    with transaction.atomic(durable=True):
        found = Message.objects.select_for_update(of=("self",)).filter(provider_id__in=ids)
        if channel:
            found = found.filter(channel=channel)
        message = found.order_by("pk").first()
        if message is None:
            return False
        if new_status is not None and message.status in RECEIPT_FROM[new_status]:
            Message.objects.filter(pk=message.pk).update(status=new_status, status_changed_at=now)
            message.status = new_status
        event_write(message.pk, status=message.status, detail=detail, at=now)
    return True

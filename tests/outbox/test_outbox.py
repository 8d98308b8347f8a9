"""The outbox: written with the decision, delivered once after commit, retried with backoff."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from billetterie.outbox.delivery import MAX_ATTEMPTS, message_deliver, outbox_periodic
from billetterie.outbox.models import Message, Status
from billetterie.outbox.services import message_queue

pytestmark = pytest.mark.django_db

VALUES = {"role": "référent", "validite": "14", "email": "a@example.org", "lien": "https://x/y"}


def _queue(campaign, key="essai:1", recipients=("a@example.org",)):
    with transaction.atomic():
        return message_queue(
            code="account.invitation",
            recipients=list(recipients),
            values=VALUES,
            key=key,
            campaign=campaign,
        )


class Failing:
    """An e-mail backend whose server is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("serveur injoignable")


def test_a_message_is_rendered_queued_and_sent_once(campaign, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [message] = _queue(campaign)
        again = _queue(campaign)  # the same decision replayed
    assert again == []
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1
    [sent] = mail.outbox
    assert sent.subject == f"{campaign.operator.name} vous invite sur la Billetterie populaire"
    assert "https://x/y" in sent.body and campaign.name in sent.body
    assert '<a href="https://x/y">' in sent.alternatives[0][0]
    assert message_deliver(message_id=message.pk).status == Status.SENT  # never twice
    assert len(mail.outbox) == 1


def test_a_failure_is_retried_with_backoff_then_failed(campaign, settings):
    settings.EMAIL_BACKEND = f"{__name__}.Failing"
    [message] = _queue(campaign)
    delays = []
    for _ in range(MAX_ATTEMPTS):
        Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
        message = message_deliver(message_id=message.pk)
        if message.next_attempt_at:
            delays.append(
                round((message.next_attempt_at - timezone.now()) / dt.timedelta(minutes=1))
            )
    assert delays == [1, 2, 4, 8, 16, 32, 64, 128, 256] + [360] * 6
    assert sum(delays) / 60 > 44  # about two days before it is given up
    assert message.status == Status.FAILED and message.attempts == MAX_ATTEMPTS
    assert "ConnectionRefusedError" in message.last_error and "@" not in message.last_error


def test_the_periodic_work_sends_what_the_worker_missed(campaign):
    _queue(campaign, key="a"), _queue(campaign, key="b")  # no worker ran: still queued
    assert Message.objects.filter(status=Status.QUEUED).count() == 2
    [done] = outbox_periodic(now=timezone.now())
    assert done.count == 2 and len(mail.outbox) == 2
    assert outbox_periodic(now=timezone.now())[0].count == 0

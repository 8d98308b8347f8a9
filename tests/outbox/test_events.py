"""A message's history (MessageEvent), permanent failures failed at once, providers' receipts,
and resending (one, or every failed message of a campaign)."""

import io
import smtplib
import urllib.error

import pytest
from django.core import mail
from django.db import transaction

from billetterie.core.models import AuditEntry
from billetterie.outbox.delivery import message_deliver, message_status_report
from billetterie.outbox.models import Message, MessageEvent, Status
from billetterie.outbox.services import message_resend, messages_resend_failed
from tests.outbox.outbox_factories import make_message

pytestmark = pytest.mark.django_db


class Refusing:
    """An e-mail backend whose server refuses the recipient with this code."""

    code = 550

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (self.code, b"5.1.1 no such user")})


class Greylisting(Refusing):
    code = 450


class Down(Refusing):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connexion perdue")


def _events(message):
    return list(MessageEvent.objects.filter(message=message).values_list("status", "detail"))


def test_a_sent_message_has_its_attempt_in_its_history(campaign):
    message = message_deliver(message_id=make_message(campaign).pk)
    assert message.status == Status.SENT
    [(status, detail)] = _events(message)
    assert status == Status.SENT and detail == "Tentative 1 : remis au serveur d'envoi"


def test_a_temporary_failure_is_retried_and_its_event_says_when(campaign, settings):
    settings.EMAIL_BACKEND = f"{__name__}.Down"
    message = message_deliver(message_id=make_message(campaign).pk)
    assert message.status == Status.QUEUED and message.next_attempt_at is not None
    [(status, detail)] = _events(message)
    assert status == Status.QUEUED
    assert detail == (
        "Tentative 1 : échec temporaire (SMTPServerDisconnected), nouvel essai dans 1 min"
    )


def test_a_refused_recipient_fails_at_once_without_retry(campaign, settings):
    settings.EMAIL_BACKEND = f"{__name__}.Refusing"
    message = message_deliver(message_id=make_message(campaign).pk)
    assert message.status == Status.FAILED and message.attempts == 1
    assert message.next_attempt_at is None
    [(status, detail)] = _events(message)
    assert status == Status.FAILED
    assert detail == (
        "Tentative 1 : refus définitif (SMTPRecipientsRefused 550), pas de nouvel essai"
    )
    # No address in the history nor in the error shown to the operator.
    assert "@" not in detail and "@" not in message.last_error


def test_a_recipient_refused_for_now_4xx_is_retried(campaign, settings):
    settings.EMAIL_BACKEND = f"{__name__}.Greylisting"
    message = message_deliver(message_id=make_message(campaign).pk)
    assert message.status == Status.QUEUED and message.next_attempt_at is not None


def test_an_invalid_phone_number_fails_at_once(campaign):
    message = make_message(campaign, channel="sms", kind="offers.last_day_sms", recipient="12")
    message = message_deliver(message_id=message.pk)
    assert message.status == Status.FAILED and message.attempts == 1
    assert _events(message) == [
        (
            Status.FAILED,
            "Tentative 1 : refus définitif (numéro de téléphone invalide), pas de nouvel essai",
        )
    ]


def _provider_answers(monkeypatch, code):
    def urlopen(request, timeout):
        raise urllib.error.HTTPError(request.full_url, code, "refus", {}, io.BytesIO(b""))

    monkeypatch.setattr("urllib.request.urlopen", urlopen)


@pytest.mark.parametrize(
    ("code", "status"),
    [(400, Status.FAILED), (422, Status.FAILED), (429, Status.QUEUED), (503, Status.QUEUED)],
)
def test_the_sms_provider_refusal_4xx_is_permanent_but_429(
    campaign, settings, monkeypatch, code, status
):
    settings.SMS_BACKEND = "billetterie.outbox.sms.HttpSmsBackend"
    settings.SMS_HTTP_URL = "https://sms.example.org/envoi"
    _provider_answers(monkeypatch, code)
    message = make_message(
        campaign, channel="sms", kind="offers.last_day_sms", recipient="06 11 22 33 44"
    )
    message = message_deliver(message_id=message.pk)
    assert message.status == status
    assert f"HTTP {code}" in _events(message)[0][1]


def test_the_send_never_runs_inside_the_callers_transaction(campaign):
    message = make_message(campaign)
    with pytest.raises(RuntimeError), transaction.atomic():
        message_deliver(message_id=message.pk)
    assert mail.outbox == []
    assert Message.objects.get(pk=message.pk).status == Status.QUEUED


def test_receipts_change_the_state_and_write_the_history(campaign):
    sms = make_message(campaign, channel="sms", status=Status.SENT, provider_id="prov-1")
    email = make_message(campaign, status=Status.SENT, provider_id="<abc@billetterie>")
    assert message_status_report(provider_id="prov-1", status="delivered")
    assert message_status_report(provider_id="abc@billetterie", status="bounced")  # no <>
    sms.refresh_from_db(), email.refresh_from_db()
    assert sms.status == Status.DELIVERED and email.status == Status.BOUNCED
    assert _events(sms) == [
        (Status.DELIVERED, "Accusé du prestataire : message remis au destinataire")
    ]
    # A late "delivered" never hides the bounce; a complaint is noted without changing the state.
    assert message_status_report(provider_id="<abc@billetterie>", status="delivered")
    assert message_status_report(provider_id="<abc@billetterie>", status="complained")
    email.refresh_from_db()
    assert email.status == Status.BOUNCED
    assert [s for s, _ in _events(email)] == [Status.BOUNCED] * 3
    assert "indésirable" in _events(email)[-1][1]


def test_a_receipt_for_nothing_known_changes_nothing(campaign):
    make_message(campaign, status=Status.SENT, provider_id="prov-2", channel="sms")
    assert not message_status_report(provider_id="inconnu", status="delivered")
    assert not message_status_report(provider_id="prov-2", status="peut-être")
    assert not message_status_report(provider_id="prov-2", status="delivered", channel="email")
    assert not message_status_report(provider_id="", status="delivered")
    assert MessageEvent.objects.count() == 0


def test_resending_a_failed_message_writes_its_event_and_journal(
    campaign, operator_user, django_capture_on_commit_callbacks
):
    message = make_message(campaign, status=Status.FAILED, attempts=8, last_error="x")
    with django_capture_on_commit_callbacks(execute=True):
        message_resend(message_id=message.pk, campaign=campaign, actor=operator_user)
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1
    assert [s for s, _ in _events(message)] == [Status.QUEUED, Status.SENT]
    assert AuditEntry.objects.filter(action="outbox.resent", subject_id=str(message.pk)).exists()


def test_resending_all_failed_messages_takes_the_failed_of_this_campaign_only(
    campaign, operator_user, django_capture_on_commit_callbacks
):
    failed = [make_message(campaign, status=Status.FAILED, attempts=8) for _ in range(3)]
    bounced = make_message(campaign, status=Status.BOUNCED, attempts=1)
    sent = make_message(campaign, status=Status.SENT, attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert messages_resend_failed(campaign=campaign, actor=operator_user) == 3
    assert len(mail.outbox) == 3
    assert set(
        Message.objects.filter(pk__in=[m.pk for m in failed]).values_list("status", flat=True)
    ) == {Status.SENT}
    assert Message.objects.get(pk=bounced.pk).status == Status.BOUNCED
    assert Message.objects.get(pk=sent.pk).status == Status.SENT
    entry = AuditEntry.objects.get(action="outbox.resent_failed")
    assert entry.details == {"count": 3} and entry.campaign_id == campaign.pk
    assert messages_resend_failed(campaign=campaign, actor=operator_user) == 0

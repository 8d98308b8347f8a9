"""Delivery against real servers on this machine: an SMTP server (aiosmtpd) that refuses for a
while then accepts, one that is down then comes up, and an SMS provider's HTTP API that fails once.

Each server runs in a thread on a free port and is shut down by its fixture. The first attempt is
the task run after commit (the immediate task backend of the tests); the retries are the periodic
work's, once the message's next attempt is due.
"""

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from django.db import transaction
from django.utils import timezone

from billetterie.outbox.delivery import outbox_periodic
from billetterie.outbox.models import Channel, Message, Status
from billetterie.outbox.services import message_queue

pytestmark = pytest.mark.django_db

RECIPIENT = "ines.martin@example.org"
VALUES = {"role": "référent", "validite": "14", "email": RECIPIENT, "lien": "https://x/y"}


def _free_port() -> int:
    """A port nothing listens on: connecting to it is refused until a server takes it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Greylisting:
    """An aiosmtpd handler: transaction n is refused (451) at the stage `refusals[n - 1]` ("RCPT"
    or "DATA"), then every transaction is accepted. It records what it saw and accepted."""

    def __init__(self, refusals=()):
        self.refusals = list(refusals)
        self.transactions = 0
        self.received: list[tuple[list[str], email.message.EmailMessage]] = []

    def _refuses(self, stage: str) -> bool:
        n = self.transactions
        return n <= len(self.refusals) and self.refusals[n - 1] == stage

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.transactions += 1
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._refuses("RCPT"):
            # As a greylisting server says it: the reply names the recipient.
            return f"451 4.7.1 <{address}>: Recipient address rejected: Greylisted, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self._refuses("DATA"):
            return f"451 4.3.0 <{envelope.rcpt_tos[0]}>: Temporary local problem, try later"
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append((list(envelope.rcpt_tos), parsed))
        return "250 2.0.0 Ok: queued"


class _Controller(Controller):
    """aiosmtpd's threaded controller, listening on the port the system gave (port 0)."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpServer:
    def __init__(self, handler: Greylisting, settings):
        self.handler, self.settings, self.controller = handler, settings, None
        self.port = _free_port()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", self.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 10

    def start(self):
        self.controller = _Controller(
            self.handler, hostname="127.0.0.1", port=self.port, server_hostname="smtp.test"
        )
        self.controller.start()
        assert self.controller.port == self.port

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server(settings):
    """make(refusals=(), up=True): a real SMTP server on a free port, Django's SMTP backend
    pointed at it; `up=False` leaves the port closed until `server.start()`."""
    servers = []

    def make(refusals=(), up=True):
        server = SmtpServer(Greylisting(refusals), settings)
        servers.append(server)
        if up:
            server.start()
        return server

    yield make
    for server in servers:
        server.stop()


def _queue(
    campaign, django_capture_on_commit_callbacks, *, code="account.invitation", to=None, values=None
):
    """The decision's transaction queues the message; the task run after commit tries it once."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        [message] = message_queue(
            code=code,
            recipients=[to or RECIPIENT],
            values=values or VALUES,
            key="essai:1",
            campaign=campaign,
        )
    message.refresh_from_db()
    return message


def _retry(message) -> Message:
    """The periodic work once the retry is due (it does nothing before: the backoff holds)."""
    assert outbox_periodic(now=timezone.now())[0].count == 0
    message.refresh_from_db()
    assert message.status == Status.QUEUED and message.next_attempt_at > timezone.now()
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    outbox_periodic(now=timezone.now())
    message.refresh_from_db()
    return message


def test_an_smtp_server_that_refuses_twice_then_accepts_sees_three_attempts_and_one_delivery(
    campaign, smtp_server, django_capture_on_commit_callbacks
):
    server = smtp_server(refusals=["RCPT", "DATA"])
    message = _queue(campaign, django_capture_on_commit_callbacks)
    errors = [message.last_error]
    assert (message.status, message.attempts, server.handler.transactions) == (Status.QUEUED, 1, 1)
    assert message.last_error.startswith("SMTPRecipientsRefused: ") and "451" in message.last_error

    message = _retry(message)
    errors.append(message.last_error)
    assert (message.status, message.attempts, server.handler.transactions) == (Status.QUEUED, 2, 2)
    assert message.last_error.startswith("SMTPDataError: (451, ")
    assert server.handler.received == []

    message = _retry(message)
    assert (message.status, message.attempts, server.handler.transactions) == (Status.SENT, 3, 3)
    assert message.last_error == "" and message.sent_at is not None
    [(envelope_to, received)] = server.handler.received
    assert envelope_to == [RECIPIENT] and received["To"] == RECIPIENT
    # A long header is folded after its name ("Subject: \n =?utf-8?…", "Message-ID: \n <…>"),
    # and Python's parser keeps that folding space in the value.
    assert received["Subject"].strip() == (
        f"{campaign.operator.name} vous invite sur la Billetterie populaire"
    )
    assert received["X-Billetterie-Message"] == str(message.pk)
    assert received["Message-ID"].strip() == message.provider_id
    assert "https://x/y" in received.get_body(("plain",)).get_content()
    # The server's replies named the recipient; the stored errors never do.
    for error in errors:
        assert RECIPIENT not in error and "martin@" not in error and "<e-mail>" in error
    # Nothing more, however often the periodic work runs.
    assert outbox_periodic(now=timezone.now())[0].count == 0
    assert server.handler.transactions == 3 and len(server.handler.received) == 1


def test_an_smtp_server_that_is_down_then_comes_up_gets_the_message_once(
    campaign, smtp_server, django_capture_on_commit_callbacks
):
    server = smtp_server(up=False)
    message = _queue(campaign, django_capture_on_commit_callbacks)
    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert message.last_error.startswith("ConnectionRefusedError: ")
    message = _retry(message)
    assert (message.status, message.attempts) == (Status.QUEUED, 2)
    assert message.last_error.startswith("ConnectionRefusedError: ")

    server.start()
    message = _retry(message)
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 3, "")
    [(envelope_to, received)] = server.handler.received
    assert envelope_to == [RECIPIENT] and received["X-Billetterie-Message"] == str(message.pk)
    assert outbox_periodic(now=timezone.now())[0].count == 0
    assert server.handler.transactions == 1


class FakeSmsProvider:
    """An SMS provider's JSON API on a free port: answers 500 to the first `failures` requests,
    then accepts each SMS with an id of its own. It records every request it got."""

    def __init__(self, failures: int):
        self.failures = failures
        self.requests: list[dict] = []
        self.accepted: list[dict] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                provider.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                if len(provider.requests) <= provider.failures:
                    answer, status = {"error": "internal"}, 500
                else:
                    provider.accepted.append(json.loads(body))
                    answer, status = {"id": f"sms-{len(provider.accepted)}"}, 200
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def sms_provider(settings):
    provider = FakeSmsProvider(failures=1)
    settings.SMS_BACKEND = "billetterie.outbox.sms.HttpSmsBackend"
    settings.SMS_HTTP_URL = provider.url
    settings.SMS_HTTP_TOKEN = "jeton-secret-42"
    settings.SMS_SENDER = "Billetterie"
    yield provider
    provider.stop()


def test_an_sms_goes_to_the_providers_api_and_a_500_is_retried(
    campaign, sms_provider, django_capture_on_commit_callbacks
):
    message = _queue(
        campaign,
        django_capture_on_commit_callbacks,
        code="offers.last_day_sms",
        to="06 11 22 33 44",
        values={"en_attente": "1 lot attend", "heure": "10:00", "lien": "https://x/offres"},
    )
    assert message.channel == Channel.SMS and message.subject == ""
    assert (message.status, message.attempts) == (Status.QUEUED, 1)
    assert message.last_error == "SmsError: HTTP 500"
    assert len(sms_provider.requests) == 1 and sms_provider.accepted == []

    message = _retry(message)
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 2, "")
    assert message.provider_id == "sms-1"
    [first, second] = sms_provider.requests
    assert first["body"] == second["body"]  # the same SMS, tried again
    [sms] = sms_provider.accepted
    assert sms == {
        "to": "+33611223344",
        "text": message.body_text,
        "sender": "Billetterie",
        "reference": str(message.pk),
    }
    assert sms["text"] == (
        "Billetterie populaire, dernier jour : 1 lot attend votre réponse avant 10:00. "
        "Répondre : https://x/offres\n"
    )
    headers = second["headers"]
    assert second["path"] == "/v1/sms"
    assert headers["Authorization"] == "Bearer jeton-secret-42"
    assert headers["Content-Type"] == "application/json"
    assert outbox_periodic(now=timezone.now())[0].count == 0
    assert len(sms_provider.requests) == 2 and len(sms_provider.accepted) == 1

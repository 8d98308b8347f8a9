"""The task worker is down while decisions are taken, then restarts: every message goes out once.

With the real database task backend (django_tasks_db) and its real worker (`db_worker --batch`,
run here in the test's process and thread), committed decisions leave their messages queued and
their tasks waiting; the worker and the periodic work then send each message exactly once, and
running them again sends nothing. A worker forced to stop in the middle of a send leaves its message
"sending": the periodic work takes it back once the claim is old, and it goes out once.
"""

import datetime as dt
import os
import signal
from collections import Counter
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from billetterie.attendees.services.letters import letter_decide, letter_upload
from billetterie.offers.services import offer_extend, offers_create
from billetterie.outbox.delivery import STUCK_AFTER, outbox_periodic
from billetterie.outbox.models import Message, Status
from billetterie.outbox.tasks import message_deliver_task
from tests import factories
from tests.attendees.permission_rows import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

SIGNALS = [s for s in ("SIGINT", "SIGTERM", "SIGQUIT") if hasattr(signal, s)]


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    """The production task backend: an enqueued task is a row, run only by a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextmanager
def _signals_kept():
    """The worker installs its own signal handlers (and may reset them to the defaults)."""
    saved = {name: signal.getsignal(getattr(signal, name)) for name in SIGNALS}
    try:
        yield
    finally:
        for name, handler in saved.items():
            signal.signal(getattr(signal, name), handler)


def worker_run() -> None:
    """The real worker, as deployed but in batch mode: run every waiting task, then stop."""
    with _signals_kept():
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
        )


def tasks(status=None) -> int:
    rows = DBTaskResult.objects.all()
    return (rows.filter(status=status) if status else rows).count()


@pytest.fixture
def second_referent(association, make_referent):
    return make_referent(association, "seconde@example.org")


def _decisions(campaign, association, other_association, operator_user, referent_user, voisin):
    """Decisions telling referents, each in its own committed transaction: packs offered to two
    associations, a deadline extended, a letter refused and another validated."""
    offers = offers_create(
        campaign=campaign,
        pairs=[
            (factories.pack(campaign=campaign, size=4).pk, association.pk),
            (factories.pack(campaign=campaign, size=6).pk, other_association.pk),
        ],
        actor=operator_user,
    )
    offer = next(o for o in offers if o.association_id == association.pk)
    offer_extend(
        offer_id=offer.pk,
        campaign=campaign,
        new_deadline=offer.expires_at + dt.timedelta(days=3),
        actor=operator_user,
        reason="retard postal",
    )
    refused = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    letter_decide(
        campaign=campaign,
        letter_id=refused.pk,
        approve=False,
        reason="La signature manque.",
        actor=operator_user,
    )
    validated = letter_upload(
        campaign=campaign, association=other_association, content=png_bytes(), actor=voisin
    )
    letter_decide(
        campaign=campaign, letter_id=validated.pk, approve=True, reason="", actor=operator_user
    )


def test_decisions_taken_while_the_worker_is_down_go_out_once_when_it_restarts(
    campaign,
    association,
    other_association,
    operator_user,
    referent_user,
    second_referent,
    other_referent_user,
):
    _decisions(
        campaign, association, other_association, operator_user, referent_user, other_referent_user
    )
    messages = list(Message.objects.order_by("pk"))
    assert Counter(m.kind for m in messages) == {
        "offers.made": 3,  # two referents of the first association, one of the other
        "offers.extended": 2,
        "attendees.letter_refused": 2,
        "attendees.letter_validated": 1,
    }
    # No worker: the messages wait in the outbox, their tasks in the task table.
    assert {(m.status, m.attempts) for m in messages} == {(Status.QUEUED, 0)}
    assert tasks(TaskResultStatus.READY) == len(messages) == 8
    assert mail.outbox == []
    # A task enqueued twice for the same message (a replayed commit hook) changes nothing.
    for message in messages[:3]:
        message_deliver_task.enqueue(message.pk)

    worker_run()

    assert tasks(TaskResultStatus.SUCCESSFUL) == tasks() == 11
    assert outbox_periodic(now=timezone.now())[0].count == 0  # nothing was left for it
    sent = list(Message.objects.order_by("pk"))
    assert {(m.status, m.attempts) for m in sent} == {(Status.SENT, 1)}
    assert len(mail.outbox) == len(messages)
    headers = Counter(e.extra_headers["X-Billetterie-Message"] for e in mail.outbox)
    assert headers == Counter(str(m.pk) for m in messages)  # each message once
    assert sorted((e.to[0], e.subject) for e in mail.outbox) == sorted(
        (m.recipient, m.subject) for m in messages
    )
    assert len({m.idempotency_key for m in sent}) == len(sent)
    # The worker and the periodic work again: nothing more goes out.
    worker_run()
    assert outbox_periodic(now=timezone.now())[0].count == 0
    assert len(mail.outbox) == len(messages)


class KilledMidSend(LocmemBackend):
    """The worker is stopped hard while handing the first message to the mail server: the
    operator's two stop signals (SIGTERM: finish the task; again: exit now), as the worker's own
    signal handlers receive them. Later sends go through."""

    kills = 0

    def send_messages(self, messages):
        if KilledMidSend.kills:
            KilledMidSend.kills -= 1
            handler = signal.getsignal(signal.SIGTERM)
            if type(getattr(handler, "__self__", None)).__name__ != "Worker":
                raise RuntimeError("the worker's signal handlers are not installed")
            os.kill(os.getpid(), signal.SIGTERM)  # the worker will stop after this task
            os.kill(os.getpid(), signal.SIGTERM)  # now: SystemExit in the middle of the send
            raise AssertionError("the worker was not stopped")
        return super().send_messages(messages)


def test_a_message_whose_worker_died_mid_send_is_taken_back_once(
    campaign, association, operator_user, referent_user, second_referent, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.KilledMidSend"
    KilledMidSend.kills = 1
    letter = letter_upload(
        campaign=campaign, association=association, content=png_bytes(), actor=referent_user
    )
    letter_decide(
        campaign=campaign,
        letter_id=letter.pk,
        approve=False,
        reason="Illisible.",
        actor=operator_user,
    )
    first, second = Message.objects.order_by("pk")

    worker_run()  # stopped in the middle of the first message's send

    assert KilledMidSend.kills == 0 and mail.outbox == []
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, first.attempts, first.sent_at) == (Status.SENDING, 0, None)
    assert second.status == Status.QUEUED
    assert tasks(TaskResultStatus.FAILED) == 1 and tasks(TaskResultStatus.READY) == 1

    worker_run()  # restarted: the other message's task runs
    second.refresh_from_db()
    assert (second.status, len(mail.outbox)) == (Status.SENT, 1)
    # A recent claim may be a live worker's: the periodic work leaves it alone…
    assert outbox_periodic(now=timezone.now())[0].count == 0
    first.refresh_from_db()
    assert first.status == Status.SENDING and len(mail.outbox) == 1
    # … until it is older than STUCK_AFTER: then it is taken back and sent, once.
    Message.objects.filter(pk=first.pk).update(
        claimed_at=timezone.now() - STUCK_AFTER - dt.timedelta(seconds=1)
    )
    worker_run()  # the dead task is not run again by the worker
    assert len(mail.outbox) == 1
    assert outbox_periodic(now=timezone.now())[0].count == 1
    first.refresh_from_db()
    assert (first.status, first.attempts) == (Status.SENT, 1)
    assert sorted(e.extra_headers["X-Billetterie-Message"] for e in mail.outbox) == sorted(
        [str(first.pk), str(second.pk)]
    )
    assert sorted(e.to[0] for e in mail.outbox) == ["referent@example.org", "seconde@example.org"]
    assert outbox_periodic(now=timezone.now())[0].count == 0
    worker_run()
    assert len(mail.outbox) == 2

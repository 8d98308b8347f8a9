"""Real threads on PostgreSQL: both sides accepting a proposal at the same instant confirm it
exactly once, with exactly one message to each side."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from billetterie.core.models import AuditEntry
from billetterie.lodging.models import PlacementStatus
from billetterie.lodging.selectors.portal import GUEST, HOST
from billetterie.lodging.services.agreement import placement_answer
from billetterie.outbox.models import Message
from tests.lodging import portal_world as w

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
ROUNDS = 10


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("tests de concurrence : PostgreSQL requis (DATABASE_URL=postgresql://…)")


def _race(jobs):
    """Run each job in its own thread, all released together; return (results, unexpected)."""
    barrier = threading.Barrier(len(jobs))
    results, unexpected = [None] * len(jobs), []

    def run(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except ValidationError as exc:
            results[i] = exc
        except Exception as exc:  # anything else would reach the user as an error page
            unexpected.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread is stuck (deadlock?)"
    return results, unexpected


def test_both_sides_accepting_at_once_confirm_exactly_once(
    campaign, guest, guest_user, host, host_user, paris_pack
):
    offer = w.host_offer(campaign, host, beds=200)
    for round_ in range(ROUNDS):
        night = w.D(2024, 7, 25) + w.dt.timedelta(days=round_ % 9)
        placement = w.published(w.need(campaign, guest, first=night, last=night), offer)
        answers = [
            lambda p=placement: placement_answer(
                placement_id=p.pk, association=guest, side=GUEST, accept=True, actor=guest_user
            ),
            lambda p=placement: placement_answer(
                placement_id=p.pk, association=host, side=HOST, accept=True, actor=host_user
            ),
        ] * 2  # each side answers twice (a double click): the replay changes nothing
        results, unexpected = _race(answers)
        assert unexpected == []
        placement.refresh_from_db()
        assert placement.status == PlacementStatus.CONFIRMED
        assert sum(r.changed for r in results) == 2
        about = {"about_id": str(placement.pk)}
        assert (
            Message.objects.filter(kind="lodging.placement_confirmed_guest", **about).count() == 1
        )
        assert Message.objects.filter(kind="lodging.placement_confirmed_host", **about).count() == 1
        assert (
            AuditEntry.objects.filter(
                action="lodging.placement_confirmed", subject_id=str(placement.pk)
            ).count()
            == 1
        )
        placement.status = PlacementStatus.CANCELLED  # frees the need for the next round
        placement.save(update_fields=["status"])

"""Real threads on PostgreSQL: two operators saving a campaign's first lodging settings at the
same instant both succeed (no error page), and the campaign has one settings row."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from billetterie.lodging.models import LodgingSettings
from billetterie.lodging.services.settings import settings_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("tests de concurrence : PostgreSQL requis (DATABASE_URL=postgresql://…)")


def _race(jobs):
    barrier = threading.Barrier(len(jobs))
    results, unexpected = [None] * len(jobs), []

    def run(i, job):
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except ValidationError as exc:
            results[i] = exc
        except Exception as exc:  # anything else would reach the operator as an error page
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


def test_two_first_saves_at_once(campaign, operator_user):
    for round_ in range(5):
        LodgingSettings.objects.filter(campaign=campaign).delete()
        jobs = [
            lambda minutes=minutes: settings_update(
                campaign=campaign,
                threshold_minutes=minutes,
                needs_deadline=None,
                offers_deadline=None,
                actor=operator_user,
            )
            for minutes in (120 + round_, 180 + round_)
        ]
        results, unexpected = _race(jobs)
        assert unexpected == []
        assert LodgingSettings.objects.filter(campaign=campaign).count() == 1
        assert LodgingSettings.objects.get(campaign=campaign).threshold_minutes in (
            120 + round_,
            180 + round_,
        )

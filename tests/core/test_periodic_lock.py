"""One periodic run at a time across machines: a run that finds another holding PostgreSQL's
advisory lock does nothing and says so (cron fires on every machine, or a run outlasts its minute)."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from billetterie.core import hooks
from billetterie.core.periodic import ADVISORY_LOCK_KEY, BUSY, periodic_run

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _other_machine():
    """A connection of its own to the same database, as another machine's cron would open."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return psycopg.connect(**params, autocommit=True)


def test_a_run_that_finds_the_lock_taken_does_nothing(capsys):
    calls = []
    receiver = hooks.periodic.connect(lambda **kw: calls.append(kw) or [])
    try:
        with _other_machine() as other:
            assert other.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY]).fetchone()[
                0
            ]
            done = periodic_run()
            assert [d.key for d in done] == [BUSY] and calls == []
            call_command("run_periodic")
            assert "déjà en cours ailleurs" in capsys.readouterr().out
            assert calls == []
            other.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
        done = periodic_run()
        assert BUSY not in [d.key for d in done] and len(calls) == 1
        # The lock is let go at the end of a run: another machine takes it at once.
        with _other_machine() as other:
            assert other.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY]).fetchone()[
                0
            ]
    finally:
        hooks.periodic.receivers.remove(receiver)

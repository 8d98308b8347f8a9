"""The platform's periodic work: every app's due work, run by one command that is safe to repeat.

`billetterie run_periodic` (cron, every minute) and the `periodic_run_task` task fire the
`periodic` hook: each app that has due work (expire offers, send reminders, purge personal data…)
connects a receiver in its `ready()`. Receivers run in the order of the layers — offers expire
before reminders are chosen — each in its own transactions, and report what they did.

One run at a time, whatever the number of machines: on PostgreSQL, a run first takes a
session-level advisory lock; a run that finds it taken (cron fired on two machines, or a run still
going a minute later) does nothing and says so. SQLite serves one machine only.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from billetterie.core import clock, hooks

# pg_try_advisory_lock's key for the periodic work ("billetterie periodic", any fixed number).
ADVISORY_LOCK_KEY = 0x62696C6C_70657231
BUSY = "periodic_busy"


@dataclass(frozen=True)
class Done:
    """One line of the report: a key for programs, a French label for people, a count."""

    key: str
    label: str
    count: int


@contextlib.contextmanager
def one_run_at_a_time() -> Iterator[bool]:
    """True when this run may go on (it holds the lock until the end), False when another holds it."""
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])


def periodic_run(*, now: dt.datetime | None = None) -> list[Done]:
    now = now or clock.now()
    with one_run_at_a_time() as mine:
        if not mine:
            return [Done(BUSY, "Travaux périodiques déjà en cours ailleurs : rien fait", 1)]
        return [done for lines in hooks.periodic.fire(now=now) for done in lines]

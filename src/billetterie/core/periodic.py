"""The platform's periodic work: every app's due work, run by one command that is safe to repeat.

`billetterie run_periodic` (cron, every minute) and the `periodic_run_task` task fire the
`periodic` hook: each app that has due work (expire offers, send reminders, purge personal data…)
connects a receiver in its `ready()`. Receivers run in the order of the layers — offers expire
before reminders are chosen — each in its own transactions, and report what they did.
"""

import datetime as dt
from dataclasses import dataclass

from billetterie.core import clock, hooks


@dataclass(frozen=True)
class Done:
    """One line of the report: a key for programs, a French label for people, a count."""

    key: str
    label: str
    count: int


def periodic_run(*, now: dt.datetime | None = None) -> list[Done]:
    now = now or clock.now()
    return [done for lines in hooks.periodic.fire(now=now) for done in lines]

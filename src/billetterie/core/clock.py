"""The platform clock: real time, or a fixed instant for the demo and the tests.

Every piece of code that asks "what day is it?" calls `now()` or `today()` here, never
`timezone.now()` directly, so the whole platform can stand at any day of a campaign.
"""

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

from billetterie.core.models import ClockSetting

_override: dt.datetime | None = None
# Within a request the stored setting is read once (ClockReadingMiddleware): a page asks the time
# several times, and each reading was a query.
_reading: ContextVar[dict | None] = ContextVar("clock_reading", default=None)


def parse_instant(value: str) -> dt.datetime:
    """Parse `YYYY-MM-DD` (noon, Paris time) or an ISO datetime into an aware datetime."""
    value = value.strip()
    if len(value) == 10:
        day = dt.date.fromisoformat(value)
        moment = dt.datetime.combine(day, dt.time(12, 0))
    else:
        moment = dt.datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _stored_instant() -> dt.datetime | None:
    reading = _reading.get()
    if reading is not None and "stored" in reading:
        return reading["stored"]
    row = ClockSetting.objects.filter(pk=1).values_list("frozen_at", flat=True).first()
    if reading is not None:
        reading["stored"] = row
    return row


@contextmanager
def one_reading():
    """Read the stored setting at most once in this block (a request); `forget_reading` after a
    change made inside it."""
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def forget_reading() -> None:
    reading = _reading.get()
    if reading is not None:
        reading.clear()


def now() -> dt.datetime:
    if _override is not None:
        return _override
    if settings.BILLETTERIE_CLOCK:
        return parse_instant(settings.BILLETTERIE_CLOCK)
    stored = _stored_instant()
    if stored is not None:
        return stored
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


def is_frozen() -> bool:
    return (
        _override is not None or bool(settings.BILLETTERIE_CLOCK) or _stored_instant() is not None
    )


@contextmanager
def frozen_at(moment: dt.datetime | str):
    """Run a block as if it were `moment` (tests)."""
    global _override
    previous = _override
    _override = parse_instant(moment) if isinstance(moment, str) else moment
    try:
        yield _override
    finally:
        _override = previous

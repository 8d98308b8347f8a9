"""Writes owned by the core: the platform clock."""

import datetime as dt

from billetterie.core import clock
from billetterie.core.audit import audit_log
from billetterie.core.models import ClockSetting
from billetterie.core.usecase import Actor, use_case


def clock_set(*, frozen_at: dt.datetime | None, actor: Actor = None) -> None:
    """Stand the platform at `frozen_at` (None: back to real time)."""
    with use_case():
        clock_write(frozen_at=frozen_at, actor=actor)


def clock_write(*, frozen_at: dt.datetime | None, actor: Actor = None) -> None:
    """The same, inside the caller's transaction (the demo loader sets the clock with its data)."""
    ClockSetting.objects.update_or_create(pk=1, defaults={"frozen_at": frozen_at})
    clock.forget_reading()
    audit_log(
        action="clock.set",
        actor=actor,
        details={"frozen_at": frozen_at.isoformat() if frozen_at else None},
    )

"""Writes owned by the core: the platform clock."""

import datetime as dt

from django.db import transaction

from billetterie.core.audit import audit_log
from billetterie.core.models import ClockSetting


def clock_set(*, frozen_at: dt.datetime | None, actor=None) -> None:
    """Stand the platform at `frozen_at` (None: back to real time)."""
    with transaction.atomic():
        ClockSetting.objects.update_or_create(pk=1, defaults={"frozen_at": frozen_at})
        audit_log(
            action="clock.set",
            actor=actor,
            details={"frozen_at": frozen_at.isoformat() if frozen_at else None},
        )

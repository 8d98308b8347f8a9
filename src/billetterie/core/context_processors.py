"""Template context shared by every page: the platform clock when it is frozen."""

from billetterie.core import clock


def platform(request):
    return {"platform_frozen_clock": clock.now() if clock.is_frozen() else None}

"""What the run tests share: two applications and four packs, and a run computed at once."""

import pytest

from billetterie.offers.waves import wave_run_start
from tests import factories as f


@pytest.fixture
def scene(campaign, association, other_association):
    f.application(
        campaign=campaign, association=association, youth=9, supervisors=3, cities=("Paris",)
    )
    f.application(
        campaign=campaign,
        association=other_association,
        youth=6,
        supervisors=2,
        cities=("Lille", "Paris"),
    )
    packs = [
        f.pack(campaign=campaign, size=s, city=c)
        for s, c in [(8, "Paris"), (4, "Paris"), (8, "Lille"), (6, "Marseille")]
    ]
    return {"campaign": campaign, "packs": packs, "a": association, "b": other_association}


def run_computed(campaign, user, django_capture_on_commit_callbacks):
    """The campaign's next run, computed in the background as the worker would, then read again."""
    with django_capture_on_commit_callbacks(execute=True):
        run = wave_run_start(campaign=campaign, actor=user, time_limit=10)
    run.refresh_from_db()
    return run

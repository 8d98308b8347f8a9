import pytest

from billetterie.core import clock
from tests.jury.world import AFTER, contest_world


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Entries are written under a temporary MEDIA_ROOT, never the real data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(campaign):
    return contest_world(campaign, entries=5, members=3)


@pytest.fixture
def after_window():
    with clock.frozen_at(AFTER):
        yield

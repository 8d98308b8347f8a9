"""Allocation engine tests: pure Python, no database; shared helpers made importable."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def _test_settings():
    """The engine needs no Django settings: override the project-wide autouse fixture."""
    return None

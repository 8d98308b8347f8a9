"""The limits of each kind of import file, and how the settings change them."""

from billetterie.imports.attendees_sheet import ATTENDEES
from billetterie.imports.contracts import CONTRACTS, ORGANISATIONS, PACKS
from billetterie.imports.limits import limits_for, megabytes, thousands


def test_default_limits():
    assert {kind: limits_for(c).rows for kind, c in CONTRACTS.items()} == {
        "organisations": 5_000,
        "sessions": 5_000,
        "packs": 30_000,
        "applications": 5_000,
        "links": 50_000,
    }
    assert limits_for(ATTENDEES).rows == 5_000
    limits = limits_for(PACKS)
    assert limits.columns == len(PACKS.columns) + 20 == 30
    assert limits.line_chars == 100_000
    assert limits.unzipped_bytes == 64 * 1024 * 1024


def test_settings_change_the_limits(settings):
    settings.IMPORT_MAX_ROWS = {"packs": 40_000}
    settings.IMPORT_MAX_COLUMNS = 12
    settings.IMPORT_MAX_LINE_CHARS = 2_000
    settings.IMPORT_MAX_UNZIPPED_BYTES = 1024
    assert limits_for(PACKS).rows == 40_000
    assert limits_for(ORGANISATIONS).rows == 5_000  # a kind not named keeps its own
    assert limits_for(PACKS).columns == 12
    assert (limits_for(PACKS).line_chars, limits_for(PACKS).unzipped_bytes) == (2_000, 1024)
    settings.IMPORT_MAX_ROWS = 100  # one number: every kind
    assert limits_for(PACKS).rows == limits_for(ORGANISATIONS).rows == 100


def test_numbers_are_written_the_french_way():
    assert thousands(399_799) == "399\u202f799" and thousands(12) == "12"
    assert megabytes(64 * 1024 * 1024) == "64 Mo"

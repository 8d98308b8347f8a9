"""French counts in sentences and long lists cut short (billetterie.core.plural)."""

import pytest

from billetterie.core.changes import plural as plural_of_the_previews
from billetterie.core.plural import agreed, plural, shortened


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 billet"), (1, "1 billet"), (2, "2 billets"), (-3, "-3 billets")]
)
def test_plural_follows_french(count, expected):
    assert plural(count, "billet") == expected


def test_irregular_plural_and_the_word_alone():
    assert plural(3, "journal", "journaux") == "3 journaux"
    assert agreed(1, "reste", "restent") == "reste"
    assert agreed(5, "reste", "restent") == "restent"


def test_the_previews_still_find_plural_where_they_did():
    assert plural_of_the_previews is plural


def test_a_short_list_is_given_whole():
    assert shortened(["A", "B", "C"], limit=3) == "A, B, C"
    assert shortened([], limit=3) == ""


def test_a_long_list_names_the_first_items_then_counts_the_rest():
    references = [f"JO-{n:04d}" for n in range(1, 633)]
    text = shortened(references, limit=10)
    assert text.startswith("JO-0001, JO-0002,") and "JO-0010 et 622 autres" in text
    assert "JO-0011" not in text
    assert shortened(["A", "B", "C"], limit=2) == "A, B et 1 autre"

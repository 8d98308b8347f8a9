"""`pluralize` follows French: 0 and 1 take the singular, 2 and more the plural."""

import pytest
from django.template import engines


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 lot"), (1, "1 lot"), (2, "2 lots"), (12, "12 lots"), ("3", "3 lots")],
)
def test_counts_read_as_french(count, expected):
    template = engines["django"].from_string("{{ n }} lot{{ n|pluralize }}")
    assert template.render({"n": count}) == expected


def test_lists_and_irregular_plurals():
    template = engines["django"].from_string(
        "{{ items|length }} journa{{ items|pluralize:'l,ux' }}"
    )
    assert template.render({"items": []}) == "0 journal"
    assert template.render({"items": [1, 2]}) == "2 journaux"

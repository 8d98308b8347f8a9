"""Reading impossible dates as referents write them, and closing gaps between ranked choices."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from billetterie.requests.form_fields import parse_date_list, ranked_city_ids


def test_both_formats_and_any_separator_are_read():
    text = "01/08/2024\n2024-07-27, 3/8/2024 ; 01/08/2024"
    assert parse_date_list(text) == [dt.date(2024, 7, 27), dt.date(2024, 8, 1), dt.date(2024, 8, 3)]
    assert parse_date_list("") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("02/08/2024, le 3 août", "« le » n'est pas une date"),
        ("31/02/2024", "« 31/02/2024 » n'existe pas dans le calendrier."),
        ("2024/08/01", "« 2024/08/01 » n'est pas une date"),
    ],
)
def test_a_bad_date_is_named_in_the_error(text, message):
    with pytest.raises(ValidationError) as exc:
        parse_date_list(text)
    assert message in exc.value.messages[0]


def test_blank_ranks_are_closed_up():
    assert ranked_city_ids({"city_1": 4, "city_2": None, "city_3": 7}) == [4, 7]


def test_submitting_twice_keeps_one_application(submit):
    from billetterie.core.clock import frozen_at
    from billetterie.requests.models import Application

    with frozen_at("2023-09-15"):
        first = submit()
        second = submit()
    assert first.created and not second.created and not second.changed
    assert Application.objects.count() == 1

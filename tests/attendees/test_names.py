"""Folded names for duplicates, and French mobile numbers, mainland and overseas."""

import pytest

from billetterie.attendees.names import is_mobile, mobile_normalise, name_key


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("06 12 34 56 78", "06 12 34 56 78"),
        ("07.56.12.34.56", "07 56 12 34 56"),
        ("612345678", "06 12 34 56 78"),  # the zero a spreadsheet dropped
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
        ("0033612345678", "06 12 34 56 78"),
        ("0690 12 34 56", "06 90 12 34 56"),  # Guadeloupe
        ("0691 30 12 34", "06 91 30 12 34"),
        ("0696 20 12 34", "06 96 20 12 34"),  # Martinique
        ("0697 12 34 56", "06 97 12 34 56"),
        ("0694 20 12 34", "06 94 20 12 34"),  # Guyane
        ("0692 12 34 56", "06 92 12 34 56"),  # La Réunion
        ("0693 12 34 56", "06 93 12 34 56"),
        ("0639 69 12 34", "06 39 69 12 34"),  # Mayotte
        ("+590 690 12 34 56", "06 90 12 34 56"),
        ("+596 696 20 12 34", "06 96 20 12 34"),
        ("+594 694 20 12 34", "06 94 20 12 34"),
        ("+262 692 12 34 56", "06 92 12 34 56"),
        ("+262 639 69 12 34", "06 39 69 12 34"),
    ],
)
def test_mobiles_are_recognised(raw, expected):
    assert mobile_normalise(raw) == expected and is_mobile(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "01 42 34 56 78",
        "0590 12 34 56",
        "0596 12 34 56",
        "0262 12 34 56",
        "06 12",
        "+44 7911 123456",
        "abc",
        "",
    ],
)
def test_landlines_foreign_and_garbage_are_not_mobiles(raw):
    assert not is_mobile(raw) and mobile_normalise(raw) == ""


def test_name_key_ignores_case_accents_hyphens_and_spaces():
    a = name_key(last_name="Lefèvre-Dupont", first_name="Éloïse  Marie")
    b = name_key(last_name="  LEFEVRE dupont", first_name="eloise-marie")
    assert a == b == "lefevre dupont|eloise marie"
    assert name_key(last_name="Cœur", first_name="Zoé") == "coeur|zoe"

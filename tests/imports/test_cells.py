"""Cell parsing and the repairs of what spreadsheets do to French data."""

import datetime as dt

import pytest

from billetterie.catalogue.models import Phase
from billetterie.imports import cells
from billetterie.imports.catalogue_rows import phase_parse, place_key


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("02/08/2024", dt.date(2024, 8, 2)),
        ("2/8/2024", dt.date(2024, 8, 2)),
        ("02.08.2024", dt.date(2024, 8, 2)),
        ("2024-08-02", dt.date(2024, 8, 2)),
        ("2024-08-02 00:00:00", dt.date(2024, 8, 2)),
        (dt.datetime(2024, 8, 2, 0, 0), dt.date(2024, 8, 2)),
        (dt.date(2024, 8, 2), dt.date(2024, 8, 2)),
        (45506, dt.date(2024, 8, 2)),
        (45506.0, dt.date(2024, 8, 2)),
        ("45506", dt.date(2024, 8, 2)),
    ],
)
def test_dates_in_every_spreadsheet_shape(raw, expected):
    assert cells.date(raw) == expected


@pytest.mark.parametrize("raw", ["31/02/2024", "hier", "2024/13/01", "12", 3.5])
def test_bad_dates_are_refused_in_french(raw):
    with pytest.raises(cells.CellError, match="date"):
        cells.date(raw)


def test_a_list_of_dates_is_sorted_without_repeats():
    assert cells.dates("28/07/2024 ; 27/07/2024, 28/07/2024") == [
        dt.date(2024, 7, 27),
        dt.date(2024, 7, 28),
    ]
    assert cells.dates(dt.datetime(2024, 7, 27)) == [dt.date(2024, 7, 27)]
    assert cells.dates(None) == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10:30", dt.time(10, 30)),
        ("10h30", dt.time(10, 30)),
        ("9h", dt.time(9, 0)),
        ("10:30:00", dt.time(10, 30)),
        (dt.time(19, 0), dt.time(19, 0)),
        (0.4375, dt.time(10, 30)),
        (None, None),
    ],
)
def test_times(raw, expected):
    assert cells.time(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (1000, "01000"),
        ("1000", "01000"),
        (1000.0, "01000"),
        ("75011", "75011"),
        ("75 011", "75011"),
        (97400, "97400"),
    ],
)
def test_postal_code_gets_back_its_leading_zero(raw, expected):
    assert cells.postal_code(raw) == expected


@pytest.mark.parametrize("raw", ["123", "750110", "ABCDE"])
def test_bad_postal_codes(raw):
    with pytest.raises(cells.CellError, match="code postal"):
        cells.postal_code(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (611223344, "06 11 22 33 44"),
        ("611223344", "06 11 22 33 44"),
        ("06.11.22.33.44", "06 11 22 33 44"),
        ("+33 6 11 22 33 44", "06 11 22 33 44"),
        ("0033611223344", "06 11 22 33 44"),
        ("0142345678", "01 42 34 56 78"),
        ("0690 12 34 56", "06 90 12 34 56"),  # Guadeloupe
        (690123456, "06 90 12 34 56"),
        ("0694 20 12 34", "06 94 20 12 34"),  # Guyane
        ("0696 12 34 56", "06 96 12 34 56"),  # Martinique
        ("0692 12 34 56", "06 92 12 34 56"),  # La Réunion
        ("0693 12 34 56", "06 93 12 34 56"),  # La Réunion
        ("0639 69 12 34", "06 39 69 12 34"),  # Mayotte
        ("+262 692 12 34 56", "06 92 12 34 56"),
        ("+44 20 7946 0958", "+44 20 7946 0958"),
    ],
)
def test_phone_numbers_mainland_and_overseas(raw, expected):
    assert cells.phone(raw) == expected


@pytest.mark.parametrize("raw", ["12", "0000000000", "téléphone", "+33 1"])
def test_bad_phone_numbers(raw):
    with pytest.raises(cells.CellError, match="téléphone"):
        cells.phone(raw)


@pytest.mark.parametrize("raw", ["oui", "OUI", "o", "x", "X", "vrai", "1", 1, True, " Oui "])
def test_yes(raw):
    assert cells.boolean(raw) is True


@pytest.mark.parametrize("raw", ["non", "N", "faux", "0", 0, False])
def test_no(raw):
    assert cells.boolean(raw) is False


def test_neither_yes_nor_no():
    with pytest.raises(cells.CellError, match="oui ou non"):
        cells.boolean("peut-être")


@pytest.mark.parametrize(
    ("raw", "expected"), [("12", 12), ("12,0", 12), (12.0, 12), ("1 200", 1200), (7, 7)]
)
def test_integers(raw, expected):
    assert cells.integer(raw) == expected


@pytest.mark.parametrize("raw", ["12,5", "douze", "-3", True])
def test_bad_integers(raw):
    with pytest.raises(cells.CellError):
        cells.integer(raw)


def test_text_is_kept_as_typed_including_formulas():
    assert cells.text('=HYPERLINK("x","y")') == '=HYPERLINK("x","y")'
    assert cells.text("  Sauvegarde   de l'Ain ") == "Sauvegarde de l'Ain"
    assert cells.text(42.0) == "42"
    with pytest.raises(cells.CellError, match="trop long"):
        cells.text("x" * 41, max_length=40)


@pytest.mark.parametrize(
    ("label", "phase"),
    [
        ("Finale", Phase.FINAL),
        ("Final", Phase.FINAL),
        ("Gold medal", Phase.FINAL),
        ("Demi-finale", Phase.SEMI_FINAL),
        ("Semifinal", Phase.SEMI_FINAL),
        ("1/2 finale", Phase.SEMI_FINAL),
        ("Quart de finale", Phase.QUARTER_FINAL),
        ("Quarterfinal", Phase.QUARTER_FINAL),
        ("Tour préliminaire", Phase.PRELIMINARY),
        ("Preliminary round", Phase.PRELIMINARY),
        ("Group/pool stage", Phase.PRELIMINARY),
        ("Huitièmes de finale", Phase.PRELIMINARY),
        ("Semifinal; Final", Phase.FINAL),
        ("Competition", Phase.OTHER),
        ("", Phase.OTHER),
        (None, Phase.OTHER),
    ],
)
def test_phase_labels_in_french_and_english(label, phase):
    assert phase_parse(label) == phase


def test_place_names_match_whatever_case_accents_and_hyphens():
    assert place_key("saint denis") == place_key("Saint-Denis") == place_key("ST DENIS")
    assert place_key("Saint-Étienne") == place_key("saint etienne")
    assert place_key("Saint-Denis") != place_key("Saint-Étienne")

"""French event names from the official session codes, phase and description."""

import pytest

from billetterie.catalogue.naming import category_words, event_name, phase_words, sport_name
from tests import factories as f


@pytest.mark.parametrize(
    ("code", "sport", "expected"),
    [
        ("RU701", "Rugby Sevens", "Rugby à 7"),  # an official code: the discipline decides
        ("FBL12", "Football", "Football"),
        ("ATH05", "Athletics", "Athlétisme"),
        ("S0001", "Athlétisme", "Athlétisme"),  # not an official code: the sport as given
        ("PARA-ATH-0830-1", "Para Athlétisme", "Para Athlétisme"),
        ("ZZZ01", "Curling", "Curling"),  # unknown discipline
    ],
)
def test_the_sport_comes_from_the_official_code(code, sport, expected):
    assert sport_name(code=code, sport=sport) == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Men's Preliminary Phase", "hommes"),
        ("Women's Group C", "femmes"),
        ("Women's Pool Round | Men's Pool Round", "hommes et femmes"),
        ("Men's or Women's Preliminary Match", "hommes ou femmes"),
        ("Mixed Relay", "mixte"),
        (
            "Women -48 kg Elimination Round of 64 | Men -60 kg Elimination Round of 64",
            "hommes et femmes",
        ),
        ("B-Girls Quarterfinal | B-Girls Semi-final", "femmes"),
        ("Preliminary Phase", ""),
        ("", ""),
    ],
)
def test_the_category_reads_in_french(description, expected):
    assert category_words(description) == expected


def test_the_phase_reads_in_french_refined_by_the_description():
    assert phase_words(phase="preliminary", description="Men's Preliminary Phase") == (
        "tour préliminaire"
    )
    assert phase_words(phase="preliminary", description="Women's Group A") == "phase de groupes"
    assert phase_words(phase="preliminary", description="Men's Canoe Heats 1st Run") == "séries"
    assert phase_words(phase="final", description="Women's Bronze Medal Match") == (
        "match pour la médaille de bronze"
    )
    assert phase_words(phase="final", description="Men's Gold Medal Match") == "finale"
    assert phase_words(phase="semi_final", description="") == "demi-finale"
    assert phase_words(phase="other", description="Team Free Routine") == ""


def test_the_event_name_has_no_english_left():
    name = event_name(
        code="RU701",
        sport="Rugby Sevens",
        phase="preliminary",
        description="Men's Preliminary Phase",
    )
    assert name == "Rugby à 7, hommes — tour préliminaire"
    assert "Men" not in name and "Preliminary" not in name
    # Nothing to add: the sport alone.
    assert event_name(code="S0001", sport="Athlétisme", phase="other") == "Athlétisme"


def test_a_session_names_its_event(campaign):
    session = f.session(sport="Rugby Sevens")
    session.code, session.phase, session.description = "RU705", "final", "Women's Gold Medal Match"
    assert session.event_name == "Rugby à 7, femmes — finale"

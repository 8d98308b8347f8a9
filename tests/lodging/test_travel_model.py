"""The travel-time model (pure): known places, and invariants over the whole mainland."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from billetterie.lodging.travel import (
    PARIS,
    TEAHUPOO,
    UNKNOWN,
    Destination,
    distance_km,
    estimate,
    format_minutes,
    stations,
)

MARSEILLE = Destination("Marseille", 43.2965, 5.3698, "13")


def test_format_minutes():
    assert format_minutes(150) == "2 h 30"
    assert format_minutes(45) == "45 min"
    assert format_minutes(120) == "2 h"
    assert format_minutes(665) == "11 h 05"
    assert format_minutes(None) == "inconnu"


def test_marseille_by_train_about_three_and_a_half_hours():
    e = estimate(lat=43.2965, lon=5.3698, departement="13")
    assert e.mode == "rail"
    assert 3 * 60 <= e.minutes <= 3 * 60 + 45
    assert "gare de Marseille Saint-Charles" in e.explanation
    assert "train jusqu'à Paris (3 h 01)" in e.explanation
    assert "30 min de correspondance" in e.explanation


def test_lille_by_train_under_two_hours():
    e = estimate(lat=50.6292, lon=3.0573, departement="59")
    assert e.mode == "rail" and 60 <= e.minutes <= 120


def test_a_lozere_village_is_far():
    # Le Pont-de-Montvert, Lozère: far from any big station.
    e = estimate(lat=44.365, lon=3.745, departement="48")
    assert e.minutes > 150
    assert e.explanation.startswith("Route jusqu'à la gare de")


def test_creteil_by_road_under_an_hour():
    e = estimate(lat=48.7904, lon=2.4556, departement="94")
    assert e.mode == "road" and e.minutes < 60
    assert e.explanation.startswith("Route directe")


def test_pointe_a_pitre_by_air_about_eleven_hours():
    e = estimate(lat=16.2412, lon=-61.5331, departement="971")
    assert e.mode == "air"
    assert e.minutes == 8 * 60 + 30 + 150
    assert "plus 2 h 30" in e.explanation


def test_ajaccio_by_air_with_a_corsican_postal_code_departement():
    for departement in ("2A", "2a", "20"):
        e = estimate(lat=41.9192, lon=8.7386, departement=departement)
        assert e.mode == "air" and "Ajaccio" in e.explanation
        assert e.minutes == 95 + 150


def test_without_coordinates_the_departement_prefecture():
    by_dep = estimate(lat=None, lon=None, departement="13")
    assert by_dep == estimate(lat=43.2965, lon=5.3698, departement="13")
    assert estimate(lat=None, lon=None, departement="974").mode == "air"


def test_unknown_place():
    for dep in ("", None, "XX"):
        e = estimate(lat=None, lon=None, departement=dep)
        assert e.minutes is None and e.mode is None and e.explanation == UNKNOWN


def test_to_a_host_city_other_than_paris():
    from_lille = estimate(lat=50.6292, lon=3.0573, departement="59", to=MARSEILLE)
    assert from_lille.mode == "rail" and "en passant par Paris" in from_lille.explanation
    # Lille → Paris (62) + 45 + Paris → Marseille (181) + access, transfer and egress
    assert 62 + 45 + 181 + 30 <= from_lille.minutes <= 62 + 45 + 181 + 30 + 10
    from_lyon = estimate(lat=45.764, lon=4.8357, departement="69", to=MARSEILLE)
    assert "train direct" in from_lyon.explanation
    assert from_lyon.minutes < from_lille.minutes
    # Marseille itself: a few minutes by road
    assert estimate(lat=43.2965, lon=5.3698, departement="13", to=MARSEILLE).minutes < 10


def test_overseas_to_a_mainland_city_flies_to_paris_then_takes_the_train():
    e = estimate(lat=16.2412, lon=-61.5331, departement="971", to=MARSEILLE)
    assert e.mode == "air"
    assert e.minutes > 660 + 181
    assert "puis train de Paris jusqu'à la gare de Marseille Saint-Charles" in e.explanation


def test_teahupoo_by_air_from_anywhere_but_tahiti():
    rennes = estimate(lat=48.1173, lon=-1.6778, departement="35", to=TEAHUPOO)
    assert rennes.mode == "air" and rennes.minutes > 22 * 60
    assert "Tahiti" in rennes.explanation
    papeete = estimate(lat=-17.5516, lon=-149.5585, departement="987", to=TEAHUPOO)
    assert papeete.mode == "road" and papeete.minutes < 120
    reunion = estimate(lat=-20.88, lon=55.45, departement="974", to=TEAHUPOO)
    assert reunion.minutes > 11 * 60 + 22 * 60


def test_the_table_says_where_its_figures_come_from():
    rows = stations()
    assert sum(1 for s in rows if s.kind == "rail") >= 45
    assert all(s.source for s in rows)
    assert all("2024" in s.source for s in rows if s.name != "Paris")
    for dep in ("971", "972", "973", "974", "975", "976", "2A", "2B"):
        assert any(dep in s.departements for s in rows if s.kind == "air"), dep


MAINLAND = st.tuples(
    st.floats(min_value=42.4, max_value=51.0), st.floats(min_value=-4.7, max_value=8.1)
)
DEPS = st.sampled_from(["", "01", "13", "29", "33", "48", "59", "67", "75", "93", "974", "2A"])


@settings(max_examples=200, deadline=None)
@given(place=MAINLAND, departement=DEPS)
def test_always_positive_and_finite(place, departement):
    lat, lon = place
    for to in (PARIS, MARSEILLE, TEAHUPOO):
        e = estimate(lat=lat, lon=lon, departement=departement, to=to)
        assert e.minutes is not None and e.minutes >= 1 and math.isfinite(e.minutes)
        assert e.mode in ("rail", "road", "air") and e.explanation


@settings(max_examples=100, deadline=None)
@given(place=MAINLAND)
def test_never_slower_than_the_road_on_the_mainland(place):
    lat, lon = place
    e = estimate(lat=lat, lon=lon, departement="")
    road = round(distance_km(lat, lon, PARIS.latitude, PARIS.longitude) * 1.3 / 80 * 60)
    assert e.minutes <= max(1, road)


@settings(max_examples=100, deadline=None)
@given(
    lat=st.floats(min_value=48.70, max_value=49.00), lon=st.floats(min_value=2.15, max_value=2.55)
)
def test_paris_and_its_close_suburbs_under_an_hour(lat, lon):
    assert estimate(lat=lat, lon=lon, departement="75").minutes < 60


@pytest.mark.parametrize(
    "near,far",
    [
        ((48.85, 2.35, "75"), (45.764, 4.8357, "69")),  # Paris < Lyon
        ((49.26, 4.03, "51"), (43.6047, 1.4442, "31")),  # Reims < Toulouse
        ((50.63, 3.06, "59"), (43.7102, 7.262, "06")),  # Lille < Nice
    ],
)
def test_roughly_monotone_with_distance(near, far):
    a = estimate(lat=near[0], lon=near[1], departement=near[2])
    b = estimate(lat=far[0], lon=far[1], departement=far[2])
    assert a.minutes < b.minutes

"""French départements from postal codes; coordinates are the département's."""

import pytest

from billetterie.members import geography


def test_every_departement_is_shipped():
    codes = set(geography.departements())
    mainland = {f"{n:02d}" for n in range(1, 96) if n != 20} | {"2A", "2B"}
    overseas = {"971", "972", "973", "974", "976"}
    assert mainland | overseas <= codes
    assert len(mainland | overseas) == 101


@pytest.mark.parametrize(
    ("postal_code", "code"),
    [
        ("01000", "01"),
        ("75011", "75"),
        ("93200", "93"),
        ("95000", "95"),
        ("20000", "2A"),
        ("20190", "2A"),
        ("20200", "2B"),
        ("20620", "2B"),
        ("97100", "971"),
        ("97200", "972"),
        ("97300", "973"),
        ("97400", "974"),
        ("97600", "976"),
        ("97133", "977"),
        ("98800", "988"),
    ],
)
def test_departement_from_postal_code(postal_code, code):
    assert geography.departement_from_postal_code(postal_code) == code
    assert geography.département_from_postal_code(postal_code) == code


@pytest.mark.parametrize("postal_code", ["99999", "00100", "20700", "98000", "1000", "", "ABCDE"])
def test_unknown_postal_codes(postal_code):
    assert geography.departement_from_postal_code(postal_code) is None


def test_saint_denis_de_la_reunion_is_not_saint_denis_93():
    reunion = geography.coordinates_from_postal_code("97400")
    seine_saint_denis = geography.coordinates_from_postal_code("93200")
    assert reunion[0] < 0 < seine_saint_denis[0]
    assert geography.departement_get("974").name == "La Réunion"


def test_paris_2024_host_cities_are_placed():
    assert geography.host_city_place("nanterre").departement == "92"
    assert geography.host_city_place("Saint Etienne").departement == "42"
    assert geography.host_city_place("Teahupo'o (Tahiti)").departement == "987"
    assert geography.host_city_place("Trifouilly-les-Oies") is None

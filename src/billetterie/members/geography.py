"""French départements: which one a postal code belongs to, and where it lies on the map.

Geography always comes from the postal code, never from the town's name: "Saint-Denis" is a host
city in Seine-Saint-Denis (93) and the prefecture of La Réunion (974), and only the postal code
tells them apart.

An association's coordinates are an approximation: those of its département's prefecture, from
`data/departements.csv` (rounded to four decimals). They are good enough to tell near from far
(mainland, Corsica, overseas), which is all the allocation needs; they are not a street address.
"""

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).with_name("data") / "departements.csv"
HOST_CITIES_FILE = Path(__file__).with_name("data") / "host_cities.csv"

# Collectivities whose postal codes start with 971 although they left Guadeloupe in 2007.
_OVERSEAS_POSTAL_EXCEPTIONS = {"97133": "977", "97150": "978"}


@dataclass(frozen=True)
class Departement:
    code: str
    name: str
    region: str
    prefecture: str
    latitude: float
    longitude: float

    @property
    def coordinates(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    @property
    def is_overseas(self) -> bool:
        return len(self.code) == 3


@functools.cache
def departements() -> dict[str, Departement]:
    """Every known département and overseas collectivity, by code."""
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Departement(
                code=row["code"],
                name=row["name"],
                region=row["region"],
                prefecture=row["prefecture"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
            )
            for row in csv.DictReader(handle)
        }


def departement_get(code: str) -> Departement | None:
    return departements().get((code or "").strip().upper())


def departement_from_postal_code(postal_code: str) -> str | None:
    """The département code of a five-digit postal code, or None when no département has it."""
    code = (postal_code or "").strip()
    if not re.fullmatch(r"[0-9]{5}", code):
        return None
    if code in _OVERSEAS_POSTAL_EXCEPTIONS:
        result = _OVERSEAS_POSTAL_EXCEPTIONS[code]
    elif code.startswith("20"):
        number = int(code)
        if 20000 <= number <= 20190:
            result = "2A"
        elif 20200 <= number <= 20620:
            result = "2B"
        else:
            return None
    elif code.startswith(("97", "98")):
        result = code[:3]
    else:
        result = code[:2]
    return result if result in departements() else None


# The accented spelling, kept as an alias for readers who search for it.
département_from_postal_code = departement_from_postal_code


def coordinates_from_postal_code(postal_code: str) -> tuple[float, float] | None:
    """Approximate coordinates: those of the postal code's département prefecture."""
    departement = departement_get(departement_from_postal_code(postal_code) or "")
    return departement.coordinates if departement else None


@dataclass(frozen=True)
class HostCityPlace:
    name: str
    departement: str
    latitude: float
    longitude: float


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


@functools.cache
def _host_city_places() -> dict[str, HostCityPlace]:
    with HOST_CITIES_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            _name_key(row["name"]): HostCityPlace(
                name=row["name"],
                departement=row["departement"],
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
            )
            for row in csv.DictReader(handle)
        }


def host_city_place(name: str) -> HostCityPlace | None:
    """Where a Paris 2024 host city lies (city centre), for host cities created by an import.

    Host cities are a closed list of Olympic and Paralympic places, so their name is enough here;
    an association, on the other hand, is always placed by its postal code.
    """
    return _host_city_places().get(_name_key(name))

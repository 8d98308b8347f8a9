"""Travel time of an association to Paris, or to a host city: an estimate from where it lies.

Pure module (no Django): the model is documented in docs/lodging.md, section « Temps de trajet ».
In short:

- mainland France: the faster of
  - rail: road to a station (great-circle distance × 1.3 at 60 km/h), the scheduled time of the
    fastest train to Paris (`data/stations.csv`, 2024 timetables, rounded), 30 min of transfer;
    to another city, station to station either through Paris (A → Paris + 45 min of connection +
    Paris → B) or straight (distance × 1.2 at 140 km/h + 15 min), then road from B's station;
  - road: great-circle distance × 1.3 at 80 km/h;
- overseas (971–978, 986–988) and Corsica (2A, 2B, postal codes 20…): by air, the flight to Paris
  plus 2 h 30 (reaching the airport, check-in), then from Paris as from the mainland;
- Teahupo'o (Tahiti): by air from anywhere but Polynesia itself (through Paris).

Figures are rounded minutes. An association without coordinates is placed at its département's
prefecture (`data/departements.csv`); with neither, the estimate is unknown (minutes None).
"""

import csv
import functools
import math
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).with_name("data")

ROAD_DETOUR = 1.3  # road distance ≈ great-circle distance × 1.3
ACCESS_KMH = 60  # road to a station (towns, small roads)
ROAD_KMH = 80  # a whole trip by road (motorways and the rest, with stops)
TRANSFER_MINUTES = 30  # from the car to the train (parking, waiting, walking)
PARIS_CONNECTION_MINUTES = 45  # changing trains (and stations) in Paris
DIRECT_RAIL_DETOUR = 1.2
DIRECT_RAIL_KMH = 140
DIRECT_RAIL_EXTRA_MINUTES = 15
AIRPORT_MINUTES = 150  # reaching the airport, check-in, boarding, leaving the arrival airport
STATIONS_TRIED = 3  # the nearest stations of the departure place that are tried

OVERSEAS = frozenset({"971", "972", "973", "974", "975", "976", "977", "978", "986", "987", "988"})
CORSICA = frozenset({"2A", "2B", "20"})
IDF = frozenset({"75", "77", "78", "91", "92", "93", "94", "95"})
UNKNOWN = "Lieu inconnu : indiquez le temps à la main"

RAIL, ROAD, AIR = "rail", "road", "air"
MODES = {RAIL: "train", ROAD: "route", AIR: "avion"}


@dataclass(frozen=True)
class Destination:
    name: str
    latitude: float
    longitude: float
    departement: str = ""


PARIS = Destination("Paris", 48.8566, 2.3522, "75")
TEAHUPOO = Destination("Teahupo'o", -17.8470, -149.2670, "987")


@dataclass(frozen=True)
class Estimate:
    minutes: int | None
    mode: str | None  # "rail", "road", "air"; None when the place is unknown
    explanation: str

    @property
    def mode_label(self) -> str:
        return MODES.get(self.mode or "", "")

    @property
    def duration(self) -> str:
        return format_minutes(self.minutes)


@dataclass(frozen=True)
class Station:
    kind: str  # "rail" or "air"
    name: str
    departements: tuple[str, ...]
    latitude: float
    longitude: float
    minutes_to_paris: int
    source: str

    @property
    def is_paris(self) -> bool:
        return self.kind == RAIL and self.minutes_to_paris == 0


def format_minutes(minutes: int | None) -> str:
    """« 45 min », « 2 h », « 2 h 30 », « 11 h 05 »; « inconnu » for None."""
    if minutes is None:
        return "inconnu"
    minutes = int(round(minutes))
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if rest == 0 else f"{hours} h {rest:02d}"


@functools.cache
def stations() -> tuple[Station, ...]:
    with (DATA / "stations.csv").open(encoding="utf-8", newline="") as handle:
        return tuple(
            Station(
                kind=row["kind"],
                name=row["name"],
                departements=tuple(row["departements"].split()),
                latitude=float(row["lat"]),
                longitude=float(row["lon"]),
                minutes_to_paris=int(row["minutes_to_paris"]),
                source=row["source"],
            )
            for row in csv.DictReader(handle)
        )


@functools.cache
def _rail() -> tuple[Station, ...]:
    return tuple(s for s in stations() if s.kind == RAIL)


@functools.cache
def _airports() -> tuple[Station, ...]:
    return tuple(s for s in stations() if s.kind == AIR)


@functools.cache
def departement_centres() -> dict[str, tuple[float, float]]:
    """Each département's reference point (its prefecture), by code."""
    with (DATA / "departements.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(handle)
        }


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _road_minutes(km: float, kmh: float) -> int:
    return round(km * ROAD_DETOUR / kmh * 60)


def _normal_departement(code: str | None) -> str:
    return (code or "").strip().upper()


def _region(lat: float, lon: float, departement: str) -> str:
    """ "mainland", "corsica" or "overseas": from the département, else from the coordinates."""
    if departement in CORSICA:
        return "corsica"
    if departement in OVERSEAS or departement.startswith(("97", "98")):
        return "overseas"
    if departement in departement_centres():
        return "mainland"
    if 41.3 <= lat <= 43.1 and 8.5 <= lon <= 9.6:
        return "corsica"
    if 42.3 <= lat <= 51.2 and -5.3 <= lon <= 8.3:
        return "mainland"
    return "overseas"


def _place(lat, lon, departement: str) -> tuple[float, float] | None:
    try:
        if lat is not None and lon is not None:
            lat, lon = float(lat), float(lon)
            if (
                math.isfinite(lat)
                and math.isfinite(lon)
                and -90 <= lat <= 90
                and -180 <= lon <= 180
            ):
                return lat, lon
    except (TypeError, ValueError):
        pass
    if departement == "20":
        return 42.15, 9.10  # the middle of Corsica
    return departement_centres().get(departement)


def _nearest(items, lat: float, lon: float, count: int = 1) -> list:
    """The `count` items nearest to the place, ranked on a flat-map approximation (fast, and
    right for ranking places that are not antipodal)."""
    scale = math.cos(math.radians(lat))

    def flat(s) -> float:
        dlon = abs(s.longitude - lon)
        dlon = min(dlon, 360 - dlon) * scale
        return (s.latitude - lat) ** 2 + dlon**2

    return sorted(items, key=flat)[:count]


def _airport(lat: float, lon: float, departement: str) -> Station:
    own = [a for a in _airports() if departement in a.departements]
    return _nearest(own or _airports(), lat, lon)[0]


# --- Trips -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Trip:
    minutes: int
    mode: str
    parts: tuple[str, ...]

    def then(self, other: "_Trip") -> "_Trip":
        mode = AIR if AIR in (self.mode, other.mode) else other.mode
        first = "puis " + other.parts[0][0].lower() + other.parts[0][1:]
        return _Trip(self.minutes + other.minutes, mode, self.parts + (first,) + other.parts[1:])


def _station_words(station: Station) -> str:
    return "une gare parisienne" if station.is_paris else f"la gare de {station.name}"


def _road_trip(km: float) -> _Trip:
    road = _road_minutes(km, ROAD_KMH)
    if road < 5:
        return _Trip(road, ROAD, ("Sur place ou presque (moins de 5 min de route)",))
    words = f"Route directe (environ {round(km * ROAD_DETOUR)} km, {format_minutes(road)})"
    return _Trip(road, ROAD, (words,))


@functools.cache
def _rail_between(a: Station, b: Station) -> tuple[int, str]:
    """Minutes from station a to station b, and the words for it."""
    if a.is_paris:
        return b.minutes_to_paris, (
            f"train de Paris jusqu'à la gare de {b.name} ({format_minutes(b.minutes_to_paris)})"
        )
    if b.is_paris:
        return a.minutes_to_paris, f"train jusqu'à Paris ({format_minutes(a.minutes_to_paris)})"
    via = a.minutes_to_paris + PARIS_CONNECTION_MINUTES + b.minutes_to_paris
    km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
    direct = round(km * DIRECT_RAIL_DETOUR / DIRECT_RAIL_KMH * 60) + DIRECT_RAIL_EXTRA_MINUTES
    if direct < via:
        return direct, (
            f"train direct jusqu'à la gare de {b.name} (estimé d'après la distance : "
            f"{format_minutes(direct)})"
        )
    return via, (
        f"train jusqu'à la gare de {b.name} en passant par Paris ({format_minutes(via)}, dont "
        f"{PARIS_CONNECTION_MINUTES} min de changement à Paris)"
    )


@functools.lru_cache(maxsize=256)
def _arrival_stations(dest: Destination) -> tuple[Station, ...]:
    if dest.departement in IDF or dest == PARIS:
        return tuple(s for s in _rail() if s.is_paris)
    return tuple(_nearest(_rail(), dest.latitude, dest.longitude, 2))


def _mainland_trip(lat: float, lon: float, dest: Destination) -> _Trip:
    """The faster of rail and road between two mainland points."""
    km = distance_km(lat, lon, dest.latitude, dest.longitude)
    best = _road_trip(km)
    for a in _nearest(_rail(), lat, lon, STATIONS_TRIED):
        access = _road_minutes(distance_km(lat, lon, a.latitude, a.longitude), ACCESS_KMH)
        for b in _arrival_stations(dest):
            if a == b:
                continue
            rail, words = _rail_between(a, b)
            egress_km = distance_km(b.latitude, b.longitude, dest.latitude, dest.longitude)
            egress = _road_minutes(egress_km, ACCESS_KMH)
            total = access + rail + TRANSFER_MINUTES + egress
            if total < best.minutes:
                parts = [words, f"{TRANSFER_MINUTES} min de correspondance"]
                if access or not a.is_paris:
                    parts.insert(0, f"Route jusqu'à {_station_words(a)} ({format_minutes(access)})")
                if egress:
                    parts.append(f"route jusqu'à {dest.name} ({format_minutes(egress)})")
                best = _Trip(total, RAIL, tuple(parts))
    return best


def _flight_to_paris(airport: Station) -> _Trip:
    minutes = airport.minutes_to_paris + AIRPORT_MINUTES
    return _Trip(
        minutes,
        AIR,
        (
            f"Avion de l'aéroport {airport.name} à Paris ({format_minutes(airport.minutes_to_paris)}), "
            f"plus {format_minutes(AIRPORT_MINUTES)} pour se rendre à l'aéroport et embarquer",
        ),
    )


def _flight_from_paris(airport: Station) -> _Trip:
    minutes = airport.minutes_to_paris + AIRPORT_MINUTES
    return _Trip(
        minutes,
        AIR,
        (
            f"avion de Paris à l'aéroport {airport.name} ({format_minutes(airport.minutes_to_paris)}), "
            f"plus {format_minutes(AIRPORT_MINUTES)} pour l'aéroport et l'embarquement",
        ),
    )


def _to_paris(lat: float, lon: float, departement: str, region: str) -> _Trip:
    if region == "mainland":
        return _mainland_trip(lat, lon, PARIS)
    return _flight_to_paris(_airport(lat, lon, departement))


def _trip(lat: float, lon: float, departement: str, dest: Destination) -> _Trip:
    region = _region(lat, lon, departement)
    dest_region = _region(dest.latitude, dest.longitude, dest.departement)
    if dest_region == "mainland":
        if region == "mainland":
            return _mainland_trip(lat, lon, dest)
        paris = _to_paris(lat, lon, departement, region)
        if dest == PARIS:
            return paris
        return paris.then(_mainland_trip(PARIS.latitude, PARIS.longitude, dest))
    # A destination by air (Teahupo'o, Tahiti; or Corsica): by road from its own island.
    dest_airport = _airport(dest.latitude, dest.longitude, dest.departement)
    if region != "mainland" and _airport(lat, lon, departement) == dest_airport:
        return _road_trip(distance_km(lat, lon, dest.latitude, dest.longitude))
    return _to_paris(lat, lon, departement, region).then(_flight_from_paris(dest_airport))


@functools.lru_cache(maxsize=50_000)
def _estimate(lat, lon, departement: str, to: Destination) -> Estimate:
    place = _place(lat, lon, departement)
    if place is None:
        return Estimate(None, None, UNKNOWN)
    trip = _trip(place[0], place[1], departement, to)
    text = ", ".join(trip.parts)
    return Estimate(max(1, trip.minutes), trip.mode, text[0].upper() + text[1:])


def estimate(*, lat, lon, departement: str | None, to: Destination = PARIS) -> Estimate:
    """The travel time from a place (coordinates, else the département's prefecture) to `to`."""
    return _estimate(lat, lon, _normal_departement(departement), to)

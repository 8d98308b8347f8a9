"""The matching's vocabulary: groups (needs), hosts (offers), distances and compatibility.

Pure module: standard library only (no Django), so that the matching runs from the command line,
in a worker or in a test alike."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

FORMAT = "billetterie-lodging-instance/1"
RESULT_FORMAT = "billetterie-lodging-result/1"

#: Distance counted for a host without coordinates (the rule prefers any located host within it).
FAR_KM = 100.0
EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    s = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(s)))


def night_range(first: str, last: str) -> tuple[str, ...]:
    """Every night from `first` to `last` included, as ISO dates."""
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return tuple((start + dt.timedelta(days=k)).isoformat() for k in range((end - start).days + 1))


def fr_date(iso: str) -> str:
    """2024-07-26 -> 26/07/2024."""
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    youth: int
    supervisors: int
    nights: tuple[str, ...]
    age_min: int
    age_max: int
    girls: int | None
    boys: int | None
    wheelchair_users: int
    center: tuple[float, float] | None
    owner: str | None = None

    @property
    def persons(self) -> int:
        return self.youth + self.supervisors

    @property
    def person_nights(self) -> int:
        return self.persons * len(self.nights)

    @property
    def split_known(self) -> bool:
        return self.youth == 0 or (self.girls is not None and self.boys is not None)

    @property
    def mixed(self) -> bool:
        """Girls and boys together, or a split nobody told us (then it may be mixed)."""
        if self.youth == 0:
            return False
        return not self.split_known or (self.girls > 0 and self.boys > 0)


@dataclass(frozen=True, slots=True)
class Host:
    id: str
    coords: tuple[float, float] | None
    beds: dict[str, int]
    age_min: int
    age_max: int
    mixed_groups: bool
    single_sex_rooms: bool
    wheelchair_accessible: bool
    owner: str | None = None


def group_from(data: dict) -> Group:
    venues = [(float(v[0]), float(v[1])) for v in data.get("venues") or []]
    center = None
    if venues:
        center = (
            sum(v[0] for v in venues) / len(venues),
            sum(v[1] for v in venues) / len(venues),
        )
    return Group(
        id=data["id"],
        youth=data["youth"],
        supervisors=data["supervisors"],
        nights=night_range(data["first_night"], data["last_night"]),
        age_min=data["age_min"],
        age_max=data["age_max"],
        girls=data.get("girls"),
        boys=data.get("boys"),
        wheelchair_users=data.get("wheelchair_users", 0),
        center=center,
        owner=data.get("owner"),
    )


def host_from(data: dict) -> Host:
    lat, lon = data.get("lat"), data.get("lon")
    return Host(
        id=data["id"],
        coords=None if lat is None or lon is None else (float(lat), float(lon)),
        beds=dict(data.get("beds") or {}),
        age_min=data["age_min"],
        age_max=data["age_max"],
        mixed_groups=bool(data["mixed_groups"]),
        single_sex_rooms=bool(data["single_sex_rooms"]),
        wheelchair_accessible=bool(data["wheelchair_accessible"]),
        owner=data.get("owner"),
    )


def distance_km(group: Group, host: Host) -> float | None:
    """Host to the mean of the group's venues; None when either side has no place."""
    if group.center is None or host.coords is None:
        return None
    return haversine_km(host.coords, group.center)


def cost_km(group: Group, host: Host) -> float:
    """The distance the rule minimises: FAR_KM for a host without coordinates, 0 for a group
    without venues (every host is then as good), rounded to 0.1 km so that ties are exact."""
    if group.center is None:
        return 0.0
    if host.coords is None:
        return FAR_KM
    return round(haversine_km(host.coords, group.center), 1)


def reason(group: Group, host: Host) -> str | None:
    """None when the host can take the group (free beds included), else a French reason."""
    if group.owner is not None and group.owner == host.owner:
        return "même association"
    if host.age_min > group.age_min or host.age_max < group.age_max:
        return "âge"
    if group.mixed and not host.mixed_groups:
        return "groupe mixte"
    if host.single_sex_rooms and not group.split_known:
        return "répartition filles/garçons non indiquée"
    if group.wheelchair_users > 0 and not host.wheelchair_accessible:
        return "accessibilité fauteuil"
    persons = group.persons
    for night in group.nights:
        if host.beds.get(night, 0) < persons:
            return f"lits insuffisants le {fr_date(night)}"
    return None


def fits(group: Group, host: Host) -> bool:
    """Same rule as `reason`, without building the message (the hot path of the matching)."""
    if group.owner is not None and group.owner == host.owner:
        return False
    if host.age_min > group.age_min or host.age_max < group.age_max:
        return False
    if group.mixed and not host.mixed_groups:
        return False
    if host.single_sex_rooms and not group.split_known:
        return False
    if group.wheelchair_users > 0 and not host.wheelchair_accessible:
        return False
    persons, beds = group.persons, host.beds
    return all(beds.get(night, 0) >= persons for night in group.nights)

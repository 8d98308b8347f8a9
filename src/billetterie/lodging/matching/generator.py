"""Seeded instance generator: Paris 2024 dates, groups of 4 to 40 persons, hosts in Île-de-France.

Self-contained: a handful of venue and town coordinates are written here (no data file)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .model import FORMAT

#: Olympic nights (24/07 to 11/08/2024) and Paralympic nights (27/08 to 08/09/2024).
OLYMPIC = (dt.date(2024, 7, 24), dt.date(2024, 8, 11))
PARALYMPIC = (dt.date(2024, 8, 27), dt.date(2024, 9, 8))

#: A few Paris 2024 venues: (name, latitude, longitude, also Paralympic).
VENUES = (
    ("Stade de France", 48.9245, 2.3602, True),
    ("Centre aquatique olympique", 48.9240, 2.3558, False),
    ("Paris La Défense Arena", 48.8957, 2.2296, True),
    ("Bercy Arena", 48.8386, 2.3785, False),
    ("Stade Roland-Garros", 48.8470, 2.2490, True),
    ("Parc des Princes", 48.8414, 2.2530, False),
    ("Arena Champ-de-Mars", 48.8539, 2.2986, True),
    ("Grand Palais", 48.8661, 2.3125, True),
    ("Arena Paris Sud", 48.8322, 2.2880, True),
    ("Arena Porte de la Chapelle", 48.8998, 2.3601, True),
    ("Château de Versailles", 48.8049, 2.1204, True),
    ("Stade nautique de Vaires-sur-Marne", 48.8640, 2.6390, True),
    ("Site d'escalade du Bourget", 48.9286, 2.4253, False),
    ("Stade Yves-du-Manoir", 48.9275, 2.2487, False),
    ("Invalides", 48.8566, 2.3125, True),
    ("Vélodrome national de Saint-Quentin-en-Yvelines", 48.7872, 2.0346, True),
)

#: Towns of Île-de-France around which hosts are drawn.
TOWNS = (
    (48.8566, 2.3522),  # Paris
    (48.9362, 2.3574),  # Saint-Denis
    (48.8638, 2.4485),  # Montreuil
    (48.8924, 2.2071),  # Nanterre
    (48.8049, 2.1204),  # Versailles
    (48.7904, 2.4556),  # Créteil
    (48.6243, 2.4410),  # Évry-Courcouronnes
    (49.0364, 2.0761),  # Cergy
    (48.9601, 2.8788),  # Meaux
    (48.5421, 2.6554),  # Melun
    (48.9472, 2.2467),  # Argenteuil
    (48.8397, 2.2399),  # Boulogne-Billancourt
    (48.7875, 2.3928),  # Vitry-sur-Seine
    (48.7309, 2.2713),  # Massy
    (48.9908, 1.7172),  # Mantes-la-Jolie
    (48.4047, 2.7016),  # Fontainebleau
    (48.6436, 1.8298),  # Rambouillet
    (48.8811, 2.5908),  # Chelles
    (48.9973, 2.3800),  # Sarcelles
)

DEFAULT_SHAPE: dict[str, Any] = {
    "paralympic_share": 0.25,  # groups (and hosts) for the Paralympic Games
    "split_known_share": 0.7,  # groups that gave their girls/boys split
    "single_sex_share": 0.2,  # of those, groups of girls only or boys only
    "wheelchair_share": 0.1,  # groups with wheelchair users
    "no_venue_share": 0.05,  # groups whose sessions have no known site
    "host_no_coords_share": 0.05,  # hosts without coordinates
    "closed_night_share": 0.1,  # nights closed inside a host's window
    "host_nights": (4, 16),  # length of a host's window
    "beds": (10, 80),
    "persons": (4, 40),
    "stay": (1, 4),
}


def _window(rng: random.Random, games: tuple[dt.date, dt.date], length: int) -> list[dt.date]:
    span = (games[1] - games[0]).days + 1
    length = min(length, span)
    # Busier in the middle of the Games: a triangular draw of the first night.
    offset = int(rng.triangular(0, span - length, (span - length) / 2) + 0.5)
    first = games[0] + dt.timedelta(days=offset)
    return [first + dt.timedelta(days=k) for k in range(length)]


def generate(*, groups: int, hosts: int, seed: int, **shape: Any) -> dict[str, Any]:
    """A realistic instance (same arguments, same instance)."""
    unknown = sorted(set(shape) - set(DEFAULT_SHAPE))
    if unknown:
        raise ValueError(f"paramètre de forme inconnu : {', '.join(unknown)}")
    if groups < 0 or hosts < 0:
        raise ValueError("les nombres de groupes et de lieux doivent être positifs")
    s = {**DEFAULT_SHAPE, **shape}
    rng = random.Random(f"lodging-{seed}-{groups}-{hosts}")
    out_groups = []
    for k in range(groups):
        para = rng.random() < s["paralympic_share"]
        games = PARALYMPIC if para else OLYMPIC
        nights = _window(rng, games, rng.randint(*s["stay"]))
        persons = rng.randint(*s["persons"])
        supervisors = max(1, min(persons - 1, round(persons * rng.uniform(0.12, 0.3))))
        youth = persons - supervisors
        age_min = rng.randint(6, 16)
        age_max = min(25, age_min + rng.choice((0, 1, 2, 2, 3, 4)))
        girls = boys = None
        if rng.random() < s["split_known_share"]:
            if rng.random() < s["single_sex_share"]:
                girls = youth if rng.random() < 0.5 else 0
            else:
                girls = rng.randint(0, youth)
            boys = youth - girls
        wheel = 0
        if rng.random() < (s["wheelchair_share"] * (2 if para else 1)):
            wheel = min(persons, rng.randint(1, 3))
        venues = []
        if rng.random() >= s["no_venue_share"]:
            pool = [v for v in VENUES if v[3]] if para else list(VENUES)
            venues = [[v[1], v[2]] for v in rng.sample(pool, rng.randint(1, 3))]
        out_groups.append(
            {
                "id": f"G{k + 1:04d}",
                "youth": youth,
                "supervisors": supervisors,
                "first_night": nights[0].isoformat(),
                "last_night": nights[-1].isoformat(),
                "age_min": age_min,
                "age_max": age_max,
                "girls": girls,
                "boys": boys,
                "wheelchair_users": wheel,
                "venues": venues,
            }
        )
    out_hosts = []
    for k in range(hosts):
        lat = lon = None
        if rng.random() >= s["host_no_coords_share"]:
            town = rng.choice(TOWNS)
            lat = round(town[0] + rng.uniform(-0.04, 0.04), 5)
            lon = round(town[1] + rng.uniform(-0.06, 0.06), 5)
        lo, hi = s["beds"]
        capacity = int(rng.triangular(lo, hi + 1, lo + (hi - lo) // 6))  # mostly small places
        beds: dict[str, int] = {}
        periods = [OLYMPIC, PARALYMPIC]
        if rng.random() < 0.6:  # most hosts offer one of the two Games
            periods = [PARALYMPIC if rng.random() < s["paralympic_share"] else OLYMPIC]
        for games in periods:
            for night in _window(rng, games, rng.randint(*s["host_nights"])):
                draw = rng.random()
                if draw < s["closed_night_share"]:
                    continue  # closed that night
                beds[night.isoformat()] = (
                    capacity if draw > 0.25 else max(1, capacity - rng.randint(1, capacity // 2))
                )
        age_min = rng.choice((3, 6, 6, 6, 8, 10))
        out_hosts.append(
            {
                "id": f"H{k + 1:03d}",
                "lat": lat,
                "lon": lon,
                "beds": dict(sorted(beds.items())),
                "age_min": age_min,
                "age_max": rng.choice((17, 18, 18, 21, 25, 25)),
                "mixed_groups": rng.random() < 0.85,
                "single_sex_rooms": rng.random() < 0.25,
                "wheelchair_accessible": rng.random() < 0.35,
            }
        )
    return {"format": FORMAT, "groups": out_groups, "hosts": out_hosts}

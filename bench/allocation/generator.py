"""Seeded generator of realistic allocation instances (Paris 2024 host cities, French départements).

Facts shipped beside this module: `host_days.csv` (per Games, host city and day: coordinates and the
number of sessions) and `departements.csv` (approximate prefecture coordinates and populations,
mainland and overseas). `host_days.csv` is derived from the project's own copy of the Paris 2024
schedule and venue list, `src/billetterie/demo/data/sessions.csv` and `venues.csv`, whose sources
are in `src/billetterie/demo/data/SOURCES.md`: Olympic rows count that schedule's sessions; the
Paralympic rows follow the Paralympic venues' dates and are illustrative, as in the demo.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARIS_AREA = {
    "Paris",
    "Saint-Denis",
    "Nanterre",
    "Colombes",
    "Versailles",
    "Vaires-sur-Marne",
    "Villepinte",
    "Le Bourget",
    "Saint-Quentin-en-Yvelines",
    "Élancourt",
    "Clichy-sous-Bois",
    "La Courneuve",
}
#: (size, probability): ticket-office packs, mean about 8.6 tickets.
PACK_SIZES = (
    (2, 0.10),
    (4, 0.20),
    (6, 0.15),
    (8, 0.20),
    (10, 0.14),
    (12, 0.09),
    (16, 0.06),
    (20, 0.04),
    (30, 0.02),
)
#: Host cities where the operator received few tickets for the local demand.
SCARCE = {"Marseille": 0.25, "Nice": 0.3, "Lyon": 0.35, "Lille": 0.5, "Teahupo'o (Tahiti)": 0.3}


@dataclass(frozen=True)
class Size:
    """One benchmark size."""

    name: str
    organisations: int
    packs: int
    demand_ratio: float  # tickets requested / tickets offered
    large_packs: float  # weight factor of packs of 10 tickets or more (sets the mean pack size)


SIZES = {
    "cnape": Size("cnape", 70, 850, 1.25, 0.75),
    "regional": Size("regional", 500, 6000, 1.3, 1.0),
    "national": Size("national", 3000, 21000, 1.3, 1.35),
}


def _read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _cities(rng: random.Random, dep: dict, hosts: dict[str, tuple[float, float]]) -> dict:
    """Host cities an association in this département can reach, with its weights."""
    lat, lon = float(dep["lat"]), float(dep["lon"])
    dist = {c: _km(lat, lon, *xy) for c, xy in hosts.items()}
    chosen: dict[str, float] = {}
    for city, km in sorted(dist.items(), key=lambda t: t[1]):
        if city not in PARIS_AREA and km < 200 and len(chosen) < 2:
            chosen[city] = 1.0 if km < 80 else 0.8
    in_idf = dep["code"] in {"75", "77", "78", "91", "92", "93", "94", "95"}
    paris_weight = 1.0 if in_idf else max(0.3, round(1.0 - dist["Paris"] / 1500, 1))
    if rng.random() < 0.92 or not chosen:
        chosen["Paris"] = paris_weight
        others = sorted(PARIS_AREA - {"Paris"})
        for city in rng.sample(others, rng.randint(0, 3 if in_idf else 1)):
            chosen[city] = paris_weight if in_idf else round(paris_weight * 0.9, 1)
    return dict(sorted(chosen.items()))


def generate(size: str | Size, seed: int = 0) -> dict:
    """An instance dictionary in the `billetterie.allocation/1` format."""
    spec = SIZES[size] if isinstance(size, str) else size
    rng = random.Random(f"{spec.name}:{seed}")
    days = _read("host_days.csv")
    deps = _read("departements.csv")
    hosts = {d["city"]: (float(d["lat"]), float(d["lon"])) for d in days}
    # Packs: spread over (games, city, day) by number of sessions, fewer where supply is scarce.
    slots = [
        (
            d["games"],
            d["city"],
            d["date"],
            d["first_session"],
            int(d["sessions"]) * SCARCE.get(d["city"], 1.0) * (0.6 if d["games"] == "PG" else 1),
        )
        for d in days
    ]
    sizes, probs = zip(*PACK_SIZES, strict=True)
    probs = [q * (spec.large_packs if s >= 10 else 1.0) for s, q in zip(sizes, probs, strict=True)]
    chosen_slots = rng.choices(slots, weights=[s[4] for s in slots], k=spec.packs)
    packs = []
    for n, (games, city, date, session, _) in enumerate(chosen_slots, start=1):
        packs.append(
            {
                "id": f"P{n:05d}",
                "games": games,
                "session": session,
                "city": city,
                "date": date,
                "size": rng.choices(sizes, weights=probs)[0],
            }
        )
    offered = sum(p["size"] for p in packs)
    # Requests: heavy-tailed (Pareto), scaled so that demand exceeds supply.
    raw = [min(rng.paretovariate(1.3), 60.0) for _ in range(spec.organisations)]
    scale = spec.demand_ratio * offered / sum(raw)
    dates = {g: sorted({d["date"] for d in days if d["games"] == g}) for g in ("OG", "PG")}
    orgs = []
    for n in range(1, spec.organisations + 1):
        dep = rng.choices(deps, weights=[float(d["population_k"]) for d in deps])[0]
        total = max(4, round(raw[n - 1] * scale))
        share_pg = rng.choice((0.0, 0.0, 0.15, 0.25, 0.5, 1.0))
        pg = round(total * share_pg)
        requested = {"OG": total - pg, "PG": pg}
        unavailable = []
        if rng.random() < 0.3:
            pool = dates["OG"] + dates["PG"]
            unavailable = sorted(rng.sample(pool, rng.randint(1, 5)))
        orgs.append(
            {
                "id": f"A{n:04d}",
                "name": f"Association {n:04d} ({dep['name']})",
                "departement": dep["code"],
                "tier": 1 if rng.random() < 0.85 else 2,
                "requested": requested,
                "cities": _cities(rng, dep, hosts),
                "unavailable_dates": unavailable,
            }
        )
    return {
        "format": "billetterie.allocation/1",
        "name": f"Banc d'essai {spec.name} (graine {seed})",
        "rules": {"size_weight_exponent": 0.5, "over_request_tolerance": 0},
        "organisations": orgs,
        "packs": packs,
    }

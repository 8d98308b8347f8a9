"""Seeded generator of realistic allocation instances (Paris 2024 host cities, French départements).

Facts shipped beside this module: `host_days.csv` (per Games, host city and day: coordinates and the
number of sessions) and `departements.csv` (approximate prefecture coordinates and populations,
mainland and overseas). `host_days.csv` is derived from the project's own copy of the Paris 2024
schedule and venue list, `src/billetterie/demo/data/sessions.csv` and `venues.csv`, whose sources
are in `src/billetterie/demo/data/SOURCES.md`: Olympic rows count that schedule's sessions; the
Paralympic rows follow the Paralympic venues' dates and are illustrative, as in the demo.

An instance has a size (associations and packs, `SIZES`) and a shape (`Shape`: overseas share,
host-city mix, pack sizes, request skew, tension, unavailable dates, waiting list). `generate(size,
seed)` keeps the historical default shape; `generate_shaped(size, seed)` uses `shape_for(size,
seed)`, drawn from seeded ranges so that each seed is a different kind of campaign (seed 0 is the
default shape, so that `generate_shaped(size, 0) == generate(size, 0)`).
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


OVERSEAS = {"971", "972", "973", "974", "976", "987"}
ILE_DE_FRANCE = {"75", "77", "78", "91", "92", "93", "94", "95"}


@dataclass(frozen=True)
class Size:
    """One benchmark size: how many associations and packs, and its default shape."""

    name: str
    organisations: int
    packs: int
    demand_ratio: float  # tickets requested / tickets offered
    large_packs: float  # weight factor of packs of 10 tickets or more (sets the mean pack size)


SIZES = {
    "cnape": Size("cnape", 70, 850, 1.25, 0.75),
    "regional": Size("regional", 500, 6000, 1.3, 1.0),
    "national": Size("national", 3000, 21000, 1.3, 1.35),
    "xl": Size("xl", 10000, 75000, 1.3, 1.1),
}


@dataclass(frozen=True)
class Shape:
    """What makes one campaign unlike another of the same size.

    `None` for `overseas_share` and `paris_supply` keeps the facts' own proportions (associations
    by population, about 3.7 % overseas; packs by sessions, about 90 % in the Paris area).
    """

    overseas_share: float | None = None  # share of associations from overseas départements
    paris_supply: float | None = None  # share of the packs' draw weight in the Paris area
    regional_radius_km: float = 200.0  # host cities (outside Paris) wanted within this distance
    paris_appetite: float = 0.92  # chance that an association with a regional city also wants Paris
    large_packs: float = 1.0  # weight factor of packs of 10 tickets or more
    pareto: float = 1.3  # Pareto exponent of the requests (lower: a heavier tail of big requests)
    demand_ratio: float = 1.3  # tickets requested / tickets offered
    unavailable_share: float = 0.3  # share of associations with unavailable dates
    unavailable_max: int = 5  # such an association has 1 to this many unavailable dates
    waiting_share: float = 0.15  # share of associations on the waiting list (tier 2)

    def short(self) -> str:
        """A compact French summary for benchmark tables (≈: the facts' own proportion)."""
        outre = "≈ 4" if self.overseas_share is None else f"{100 * self.overseas_share:.0f}"
        paris = "≈ 90" if self.paris_supply is None else f"{100 * self.paris_supply:.0f}"
        return (
            f"outre-mer {outre} % · lots IdF {paris} % · rayon {self.regional_radius_km:.0f} km · "
            f"Paris {100 * self.paris_appetite:.0f} % · gros lots ×{self.large_packs:.2f} · "
            f"Pareto {self.pareto:.2f} · tension {self.demand_ratio:.2f} · "
            f"dates {100 * self.unavailable_share:.0f} % (1 à {self.unavailable_max}) · "
            f"attente {100 * self.waiting_share:.0f} %"
        )


def default_shape(size: str | Size) -> Shape:
    """The historical shape of a size (the one `generate` uses)."""
    spec = SIZES[size] if isinstance(size, str) else size
    return Shape(large_packs=spec.large_packs, demand_ratio=spec.demand_ratio)


def shape_for(size: str | Size, seed: int) -> Shape:
    """The shape of benchmark instance `seed`: seed 0 is the default, others drawn from ranges."""
    spec = SIZES[size] if isinstance(size, str) else size
    if seed == 0:
        return default_shape(spec)
    rng = random.Random(f"shape:{spec.name}:{seed}")
    return Shape(
        overseas_share=round(rng.uniform(0.0, 0.2), 3),
        paris_supply=round(rng.uniform(0.6, 0.95), 3),
        regional_radius_km=round(rng.uniform(120, 400)),
        paris_appetite=round(rng.uniform(0.6, 1.0), 3),
        large_packs=round(math.exp(rng.uniform(math.log(0.3), math.log(3.0))), 3),
        pareto=round(rng.uniform(1.1, 2.5), 3),
        demand_ratio=round(rng.uniform(1.1, 1.8), 3),
        unavailable_share=round(rng.uniform(0.0, 0.6), 3),
        unavailable_max=rng.randint(1, 12),
        waiting_share=round(rng.uniform(0.0, 0.4), 3),
    )


def _read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _cities(
    rng: random.Random, dep: dict, hosts: dict[str, tuple[float, float]], shape: Shape
) -> dict:
    """Host cities an association in this département can reach, with its weights."""
    lat, lon = float(dep["lat"]), float(dep["lon"])
    dist = {c: _km(lat, lon, *xy) for c, xy in hosts.items()}
    chosen: dict[str, float] = {}
    for city, km in sorted(dist.items(), key=lambda t: t[1]):
        if city not in PARIS_AREA and km < shape.regional_radius_km and len(chosen) < 2:
            chosen[city] = 1.0 if km < 80 else 0.8
    in_idf = dep["code"] in ILE_DE_FRANCE
    # Overseas: Paris is 7,000 km or more away, so its weight is the floor, 0.3.
    paris_weight = 1.0 if in_idf else max(0.3, round(1.0 - dist["Paris"] / 1500, 1))
    appetite = max(shape.paris_appetite, 0.92) if in_idf else shape.paris_appetite
    if rng.random() < appetite or not chosen:
        chosen["Paris"] = paris_weight
        others = sorted(PARIS_AREA - {"Paris"})
        for city in rng.sample(others, rng.randint(0, 3 if in_idf else 1)):
            chosen[city] = paris_weight if in_idf else round(paris_weight * 0.9, 1)
    return dict(sorted(chosen.items()))


def _slot_weights(slots: list[tuple], share: float | None) -> list[float]:
    """Draw weights of the (games, city, day) slots, the Paris area rescaled to `share`."""
    weights = [s[4] for s in slots]
    if share is None:
        return weights
    paris = sum(w for s, w in zip(slots, weights, strict=True) if s[1] in PARIS_AREA)
    other = sum(weights) - paris
    factor = share / (1 - share) * other / paris
    return [w * factor if s[1] in PARIS_AREA else w for s, w in zip(slots, weights, strict=True)]


def _departement_weights(deps: list[dict], share: float | None) -> list[float]:
    """Draw weights of the départements (population), the overseas ones rescaled to `share`."""
    weights = [float(d["population_k"]) for d in deps]
    if share is None:
        return weights
    overseas = sum(w for d, w in zip(deps, weights, strict=True) if d["code"] in OVERSEAS)
    mainland = sum(weights) - overseas
    factor = share / (1 - share) * mainland / overseas
    return [w * factor if d["code"] in OVERSEAS else w for d, w in zip(deps, weights, strict=True)]


def generate(size: str | Size, seed: int = 0, shape: Shape | None = None) -> dict:
    """An instance dictionary in the `billetterie.allocation/1` format (default shape if none)."""
    spec = SIZES[size] if isinstance(size, str) else size
    shape = shape or default_shape(spec)
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
    probs = [q * (shape.large_packs if s >= 10 else 1.0) for s, q in zip(sizes, probs, strict=True)]
    chosen_slots = rng.choices(
        slots, weights=_slot_weights(slots, shape.paris_supply), k=spec.packs
    )
    pack_digits = max(5, len(str(spec.packs)))
    packs = []
    for n, (games, city, date, session, _) in enumerate(chosen_slots, start=1):
        packs.append(
            {
                "id": f"P{n:0{pack_digits}d}",
                "games": games,
                "session": session,
                "city": city,
                "date": date,
                "size": rng.choices(sizes, weights=probs)[0],
            }
        )
    offered = sum(p["size"] for p in packs)
    # Requests: heavy-tailed (Pareto), scaled so that demand exceeds supply.
    raw = [min(rng.paretovariate(shape.pareto), 60.0) for _ in range(spec.organisations)]
    scale = shape.demand_ratio * offered / sum(raw)
    dates = {g: sorted({d["date"] for d in days if d["games"] == g}) for g in ("OG", "PG")}
    dep_weights = _departement_weights(deps, shape.overseas_share)
    org_digits = max(4, len(str(spec.organisations)))
    orgs = []
    for n in range(1, spec.organisations + 1):
        dep = rng.choices(deps, weights=dep_weights)[0]
        total = max(4, round(raw[n - 1] * scale))
        share_pg = rng.choice((0.0, 0.0, 0.15, 0.25, 0.5, 1.0))
        pg = round(total * share_pg)
        requested = {"OG": total - pg, "PG": pg}
        unavailable = []
        if rng.random() < shape.unavailable_share:
            pool = dates["OG"] + dates["PG"]
            unavailable = sorted(rng.sample(pool, rng.randint(1, shape.unavailable_max)))
        orgs.append(
            {
                "id": f"A{n:0{org_digits}d}",
                "name": f"Association {n:04d} ({dep['name']})",
                "departement": dep["code"],
                "tier": 1 if rng.random() < 1 - shape.waiting_share else 2,
                "requested": requested,
                "cities": _cities(rng, dep, hosts, shape),
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


def generate_shaped(size: str | Size, seed: int) -> dict:
    """Benchmark instance `seed` of a size, with its own shape (`shape_for`)."""
    return generate(size, seed, shape_for(size, seed))


def statistics(data: dict) -> dict:
    """What an instance turned out to be: counts and the realised shape."""
    orgs, packs = data["organisations"], data["packs"]
    n_orgs, n_packs = len(orgs), len(packs)
    offered = sum(p["size"] for p in packs)
    slots: dict[tuple[str, str, str], int] = {}
    classes: dict[tuple[str, str, str], set[int]] = {}
    for p in packs:
        key = (p["games"], p["city"], p["date"])
        slots[key] = slots.get(key, 0) + 1
        classes.setdefault(key, set()).add(p["size"])
    pairs = class_pairs = 0
    for o in orgs:
        off = set(o["unavailable_dates"])
        for (games, city, date), count in slots.items():
            if city in o["cities"] and o["requested"].get(games, 0) > 0 and date not in off:
                pairs += count
                class_pairs += len(classes[(games, city, date)])
    return {
        "organisations": n_orgs,
        "packs": n_packs,
        "tickets_offered": offered,
        "tickets_requested": sum(sum(o["requested"].values()) for o in orgs),
        "mean_pack_size": round(offered / n_packs, 3) if n_packs else 0.0,
        "paris_area_pack_share": round(
            sum(1 for p in packs if p["city"] in PARIS_AREA) / n_packs if n_packs else 0.0, 4
        ),
        "overseas_share": round(
            sum(1 for o in orgs if o["departement"] in OVERSEAS) / n_orgs if n_orgs else 0.0, 4
        ),
        "waiting_share": round(
            sum(1 for o in orgs if o.get("tier", 1) == 2) / n_orgs if n_orgs else 0.0, 4
        ),
        "unavailable_share": round(
            sum(1 for o in orgs if o["unavailable_dates"]) / n_orgs if n_orgs else 0.0, 4
        ),
        "eligible_pairs": pairs,  # (association, pack) pairs it may receive
        "eligible_class_pairs": class_pairs,  # (association, interchangeable class) pairs
    }

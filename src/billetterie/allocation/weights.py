"""City weights: how much a pack in a host city is worth to an association, in (0, 1].

The weight combines the rank the association gave the city and the distance from the association
to it (the allocation then prefers nearby, preferred cities, as the operator's criteria ask):

    weight = max(0.10, rank_factor × distance_factor), rounded to 3 decimals
    rank_factor     = 1 − 0.15 × (rank − 1), at least 0.40       (1st choice 1.00, 2nd 0.85, 3rd 0.70…)
    distance_factor = 1 within 150 km, then 1 − (d − 150) / 1500, at least 0.50

A city the association did not list gets no weight: it can never receive a pack there.
"""

import math

EARTH_RADIUS_KM = 6371.0
NEAR_KM = 150.0


def distance_km(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    if a is None or b is None or None in a or None in b:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def rank_factor(rank: int) -> float:
    return max(0.40, 1.0 - 0.15 * (rank - 1))


def distance_factor(km: float | None) -> float:
    if km is None or km <= NEAR_KM:
        return 1.0
    return max(0.50, 1.0 - (km - NEAR_KM) / 1500.0)


def city_weight(*, rank: int, km: float | None) -> float:
    return round(max(0.10, rank_factor(rank) * distance_factor(km)), 3)

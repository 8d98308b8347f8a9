"""Shared helpers of the allocation tests: tiny random instances and an independent checker."""

from __future__ import annotations

import itertools
import math

from hypothesis import strategies as st

CITIES = ("Paris", "Lille", "Nice")
DATES = ("2024-07-27", "2024-07-28", "2024-08-30")
GAMES = ("OG", "PG")

GOOD = {
    "format": "billetterie.allocation/1",
    "name": "essai",
    "rules": {"size_weight_exponent": 0.5, "over_request_tolerance": 0},
    "organisations": [
        {
            "id": "A1",
            "name": "Une",
            "tier": 1,
            "requested": {"OG": 10},
            "cities": {"Paris": 1.0},
            "unavailable_dates": ["2024-07-28"],
        },
    ],
    "packs": [
        {
            "id": "P1",
            "games": "OG",
            "session": "S1",
            "city": "Paris",
            "date": "2024-07-27",
            "size": 4,
        },
    ],
}


@st.composite
def tiny_instances(draw, max_orgs: int = 4, max_packs: int = 8, tiers: bool = False) -> dict:
    """Random instances small enough for exhaustive enumeration."""
    orgs = []
    for n in range(draw(st.integers(1, max_orgs))):
        games = draw(st.lists(st.sampled_from(GAMES), min_size=1, max_size=2, unique=True))
        cities = draw(st.lists(st.sampled_from(CITIES), min_size=1, max_size=3, unique=True))
        orgs.append(
            {
                "id": f"A{n:02d}",
                "name": f"Association {n}",
                "tier": draw(st.integers(1, 2)) if tiers else 1,
                "requested": {g: draw(st.integers(0, 14)) for g in games},
                "cities": {c: draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])) for c in cities},
                "unavailable_dates": draw(
                    st.lists(st.sampled_from(DATES), max_size=1, unique=True)
                ),
            }
        )
    packs = []
    for n in range(draw(st.integers(0, max_packs))):
        packs.append(
            {
                "id": f"P{n:02d}",
                "games": draw(st.sampled_from(GAMES)),
                "session": "S",
                "city": draw(st.sampled_from(CITIES)),
                "date": draw(st.sampled_from(DATES)),
                "size": draw(st.integers(1, 6)),
            }
        )
    return {
        "format": "billetterie.allocation/1",
        "name": "petite instance",
        "rules": {
            "size_weight_exponent": draw(st.sampled_from([0, 0.5, 1])),
            "over_request_tolerance": draw(st.sampled_from([0, 0, 2])),
        },
        "organisations": orgs,
        "packs": packs,
    }


def eligible(data: dict, org: dict, pack: dict) -> bool:
    """Hard constraint 2, written independently of the engine."""
    return (
        org["requested"].get(pack["games"], 0) > 0
        and org["cities"].get(pack["city"], 0) > 0
        and pack["date"] not in org.get("unavailable_dates", [])
    )


def check_hard_constraints(data: dict, result: dict) -> None:
    """The three hard constraints of docs/allocation.md, checked on the result file itself."""
    tol = data.get("rules", {}).get("over_request_tolerance", 0)
    packs = {p["id"]: p for p in data["packs"]}
    orgs = {o["id"]: o for o in data["organisations"]}
    seen = set()
    tickets: dict[tuple[str, str], int] = {}
    for a in result["assignments"]:
        assert a["pack"] not in seen, "a pack goes to at most one association"
        seen.add(a["pack"])
        pack, org = packs[a["pack"]], orgs[a["organisation"]]
        assert eligible(data, org, pack)
        key = (org["id"], pack["games"])
        tickets[key] = tickets.get(key, 0) + pack["size"]
    for (org_id, games), count in tickets.items():
        assert count <= orgs[org_id]["requested"][games] + tol
    for entry in result["organisations"]:
        for games, count in entry["allocated"].items():
            assert count == tickets.get((entry["id"], games), 0)


def utility(data: dict, owner: dict[str, str]) -> dict[str, float]:
    packs = {p["id"]: p for p in data["packs"]}
    orgs = {o["id"]: o for o in data["organisations"]}
    u = dict.fromkeys(orgs, 0.0)
    for pack_id, org_id in owner.items():
        p = packs[pack_id]
        u[org_id] += p["size"] * orgs[org_id]["cities"][p["city"]]
    return u


def exhaustive_best(data: dict) -> tuple[int, float]:
    """Best (served, sum of w ln u) of a single-tier instance by enumerating every allocation."""
    alpha = data["rules"]["size_weight_exponent"]
    tol = data["rules"]["over_request_tolerance"]
    orgs = data["organisations"]
    weight = {o["id"]: float(sum(o["requested"].values())) ** alpha if alpha else 1.0 for o in orgs}
    options = []
    for p in data["packs"]:
        takers = [
            o["id"]
            for o in orgs
            if eligible(data, o, p) and p["size"] <= o["requested"][p["games"]] + tol
        ]
        options.append([None, *takers])
    best = (0, 0.0)
    by_id = {o["id"]: o for o in orgs}
    for choice in itertools.product(*options):
        tickets: dict[tuple[str, str], int] = {}
        ok = True
        for p, owner in zip(data["packs"], choice, strict=True):
            if owner is None:
                continue
            key = (owner, p["games"])
            tickets[key] = tickets.get(key, 0) + p["size"]
            if tickets[key] > by_id[owner]["requested"][p["games"]] + tol:
                ok = False
                break
        if not ok:
            continue
        owners = {p["id"]: o for p, o in zip(data["packs"], choice, strict=True) if o}
        u = utility(data, owners)
        served = sum(1 for x in u.values() if x > 0)
        nash = sum(weight[i] * math.log(x) for i, x in u.items() if x > 0)
        if (served, nash) > best:
            best = (served, nash)
    return best


@st.composite
def contested_instances(draw, max_orgs: int = 6, max_packs: int = 8, max_tier: int = 3) -> dict:
    """Several tiers wanting the same scarce packs, with exchanges that cost nothing likely.

    Often an earlier-tier association values a "hot" and a "spare" city alike while the waiting
    list wants only the hot one; otherwise cities, weights, sizes and dates are random.
    """
    hot, spare = draw(st.permutations(CITIES))[:2]
    orgs = []
    for n in range(draw(st.integers(2, max_orgs))):
        tier = draw(st.integers(1, max_tier))
        planted = draw(st.sampled_from([True, True, False]))
        if planted:
            cities = {hot: 1.0, spare: 1.0} if tier == 1 else {hot: 1.0}
        else:
            chosen = draw(st.lists(st.sampled_from(CITIES), min_size=1, max_size=2, unique=True))
            cities = {c: draw(st.sampled_from([0.5, 1.0])) for c in chosen}
        orgs.append(
            {
                "id": f"A{n:02d}",
                "name": f"Association {n}",
                "tier": tier,
                "requested": {"OG": draw(st.sampled_from([2, 4, 4, 8]))},
                "cities": cities,
                "unavailable_dates": []
                if planted
                else draw(st.lists(st.sampled_from(DATES[:2]), max_size=1)),
            }
        )
    packs = [
        {
            "id": f"P{n:02d}",
            "games": "OG",
            "city": draw(st.sampled_from([hot, spare, *CITIES])),
            "date": draw(st.sampled_from(DATES[:2])),
            "size": draw(st.sampled_from([4, 4, 2])),
        }
        for n in range(draw(st.integers(2, max_packs)))
    ]
    return {
        "format": "billetterie.allocation/1",
        "name": "lots disputés",
        "rules": {
            "size_weight_exponent": draw(st.sampled_from([0, 0.5, 1])),
            "over_request_tolerance": draw(st.sampled_from([0, 0, 2])),
        },
        "organisations": orgs,
        "packs": packs,
    }

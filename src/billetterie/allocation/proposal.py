"""Scores a proposal (engine result plus the operator's moves) with the engine's own metrics."""

from collections import defaultdict

from billetterie.allocation.engine import validate_instance
from billetterie.allocation.engine.metrics import compute_metrics


class MoveRefused(ValueError):
    """A hand move that would break one of the rule's hard constraints (message in French)."""


def proposal_scores(*, instance: dict, pairs: list[tuple[str, str]]) -> dict:
    """`pairs` are (pack id, organisation id) in the instance's identifiers.

    Returns {"metrics": …, "organisations": {org_id: {"allocated": {games: n}, "satisfaction": x}}}.
    """
    inst = validate_instance(instance)
    packs = {p.id: p for p in inst.packs}
    allocated: dict[str, int] = defaultdict(int)
    utility: dict[str, float] = defaultdict(float)
    per_games: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    orgs = {o.id: o for o in inst.organisations}
    for pack_id, org_id in pairs:
        pack, org = packs[pack_id], orgs[org_id]
        allocated[org_id] += pack.size
        utility[org_id] += pack.size * org.cities.get(pack.city, 0.0)
        per_games[org_id][pack.games] += pack.size
    metrics = compute_metrics(inst, {o: allocated[o] for o in orgs}, {o: utility[o] for o in orgs})
    return {
        "metrics": metrics,
        "organisations": {
            o.id: {
                "allocated": {g: per_games[o.id].get(g, 0) for g in o.requested},
                "satisfaction": round(allocated[o.id] / o.total_requested, 4)
                if o.total_requested
                else 1.0,
            }
            for o in inst.organisations
        },
    }


def move_check(*, instance: dict, pairs: list[tuple[str, str]], pack_id: str, org_id: str) -> None:
    """Refuse a move that the rule's hard constraints forbid (games, city, date, request cap)."""
    inst = validate_instance(instance)
    pack = next((p for p in inst.packs if p.id == pack_id), None)
    org = next((o for o in inst.organisations if o.id == org_id), None)
    if pack is None or org is None:
        raise MoveRefused("Ce lot ou cette association ne fait pas partie de ce calcul.")
    if org.requested.get(pack.games, 0) <= 0:
        raise MoveRefused(f"{org.name} n'a pas demandé de billets pour ces Jeux.")
    if org.cities.get(pack.city, 0.0) <= 0:
        raise MoveRefused(f"{org.name} n'a pas demandé la ville hôte {pack.city}.")
    if pack.date in org.unavailable_dates:
        raise MoveRefused(f"{org.name} a indiqué que le {pack.date} lui est impossible.")
    sizes = {p.id: p for p in inst.packs}
    held = sum(
        sizes[p].size
        for p, o in pairs
        if o == org_id and p != pack_id and sizes[p].games == pack.games
    )
    cap = org.requested[pack.games] + inst.tolerance
    if held + pack.size > cap:
        raise MoveRefused(
            f"{org.name} recevrait {held + pack.size} billets pour ces Jeux, au-delà de sa demande restante ({cap})."
        )

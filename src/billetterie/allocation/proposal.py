"""Scores a proposal (engine result plus the operator's moves) with the engine's own metrics, and
says which hand moves the rule allows."""

from collections import defaultdict

from billetterie.allocation.engine import validate_instance
from billetterie.allocation.engine.explain import day
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


def _held(inst, pairs: list[tuple[str, str]], pack) -> dict[str, int]:
    """Tickets of the pack's Games each organisation holds in `pairs`, this pack left out."""
    sizes = {p.id: p for p in inst.packs}
    held: dict[str, int] = defaultdict(int)
    for p, o in pairs:
        if p != pack.id and sizes[p].games == pack.games:
            held[o] += sizes[p].size
    return held


def _refusal(inst, pack, org, held: int) -> str | None:
    """Why the rule's hard constraints forbid `pack` to `org` (which already holds `held` tickets
    of these Games), as the end of a French sentence whose subject is the association; None when
    the move is allowed. The one statement of the rule for a hand move (`move_check`,
    `move_targets`)."""
    if org.requested.get(pack.games, 0) <= 0:
        return "n'a pas demandé de billets pour ces Jeux"
    if org.cities.get(pack.city, 0.0) <= 0:
        return f"n'a pas demandé la ville hôte {pack.city}"
    if pack.date in org.unavailable_dates:
        return f"a indiqué que le {day(pack.date)} lui est impossible"
    cap = org.requested[pack.games] + inst.tolerance
    if held + pack.size > cap:
        return (
            f"recevrait {held + pack.size} billets pour ces Jeux, au-delà de sa demande "
            f"restante ({cap})"
        )
    return None


def move_check(*, instance: dict, pairs: list[tuple[str, str]], pack_id: str, org_id: str) -> None:
    """Refuse a move that the rule's hard constraints forbid (games, city, date, request cap)."""
    inst = validate_instance(instance)
    pack = next((p for p in inst.packs if p.id == pack_id), None)
    org = next((o for o in inst.organisations if o.id == org_id), None)
    if pack is None or org is None:
        raise MoveRefused("Ce lot ou cette association ne fait pas partie de ce calcul.")
    refusal = _refusal(inst, pack, org, _held(inst, pairs, pack).get(org_id, 0))
    if refusal:
        raise MoveRefused(f"{org.name} {refusal}.")


def move_targets(*, instance: dict, pairs: list[tuple[str, str]], pack_id: str) -> list[dict]:
    """Every organisation of the instance facing one pack: the tickets of the pack's Games it
    already holds in `pairs` (this pack left out), what it still requests for them, and why the
    rule refuses it the pack (None when `move_check` would let it through)."""
    inst = validate_instance(instance)
    pack = next((p for p in inst.packs if p.id == pack_id), None)
    if pack is None:
        raise MoveRefused("Ce lot ne fait pas partie de ce calcul.")
    held = _held(inst, pairs, pack)
    return [
        {
            "org_id": org.id,
            "games": pack.games,
            "held": held.get(org.id, 0),
            "requested": org.requested.get(pack.games, 0),
            "refusal": _refusal(inst, pack, org, held.get(org.id, 0)),
        }
        for org in inst.organisations
    ]

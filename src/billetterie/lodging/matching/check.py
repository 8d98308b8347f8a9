"""Independent check of a result against its instance: every violation, in French."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .model import fr_date, group_from, host_from, reason
from .validation import InstanceError, validate


def check(instance: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """[] when the result respects the instance, else one French line per violation."""
    try:
        validate(instance)
    except InstanceError as exc:
        return [f"instance refusée : {exc}"]
    if not isinstance(result, dict) or not isinstance(result.get("placements"), list):
        return ["le résultat doit contenir une liste « placements »"]
    groups = {g["id"]: group_from(g) for g in instance["groups"]}
    hosts = {h["id"]: host_from(h) for h in instance["hosts"]}
    problems: list[str] = []
    placed: dict[str, str] = {}
    used: dict[tuple[str, str], int] = defaultdict(int)
    for k, p in enumerate(result["placements"]):
        if not isinstance(p, dict):
            problems.append(f"placement n° {k + 1} : doit être un objet")
            continue
        gid, hid = p.get("group"), p.get("host")
        if gid not in groups:
            problems.append(f"placement n° {k + 1} : groupe inconnu « {gid} »")
            continue
        if hid not in hosts:
            problems.append(f"placement n° {k + 1} : lieu inconnu « {hid} »")
            continue
        if gid in placed:
            problems.append(
                f"groupe « {gid} » placé deux fois (« {placed[gid]} » et « {hid} ») : "
                "un groupe reste au même endroit tout son séjour"
            )
            continue
        placed[gid] = hid
        g, h = groups[gid], hosts[hid]
        why = reason(g, h)
        if why is not None and not why.startswith("lits insuffisants"):
            problems.append(f"groupe « {gid} » incompatible avec le lieu « {hid} » : {why}")
        for n in g.nights:
            used[hid, n] += g.persons
    for (hid, n), persons in sorted(used.items()):
        beds = hosts[hid].beds.get(n, 0)
        if persons > beds:
            problems.append(
                f"lieu « {hid} », nuit du {fr_date(n)} : {persons} personnes pour {beds} lits"
            )
    value = sum(groups[gid].person_nights for gid in placed)
    if "person_nights" in result and result["person_nights"] != value:
        problems.append(
            f"« person_nights » vaut {result['person_nights']} mais les placements en font {value}"
        )
    if "groups_placed" in result and result["groups_placed"] != len(placed):
        problems.append(
            f"« groups_placed » vaut {result['groups_placed']} mais {len(placed)} groupes sont placés"
        )
    bound = result.get("upper_bound")
    if isinstance(bound, int) and bound < value:
        problems.append(f"« upper_bound » ({bound}) est sous les nuitées placées ({value})")
    for u in result.get("unplaced", []) or []:
        gid = u.get("group") if isinstance(u, dict) else None
        if gid in placed:
            problems.append(f"groupe « {gid} » à la fois placé et non placé")
        elif gid not in groups:
            problems.append(f"groupe non placé inconnu « {gid} »")
    return problems

"""Why the packs a run leaves unassigned stay in the pool, in words an operator can act on.

A wave over a waiting list that the run serves in full leaves many packs over: that is not the
same news as packs nobody can take (city, date or size), nor as packs the computation did not
place although someone could have used them. The preview names each case apart.
"""

from collections import defaultdict

from billetterie.core.plural import agreed, plural, shortened

GAMES_LABELS = {"OG": "JO", "PG": "JP"}
# Most telling first: the order the run page lists them in.
REASONS = ("no_demand", "served", "no_fit", "left")
SHOWN_REFERENCES = 20


def unassigned_reasons(*, instance: dict, pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Pack id (the instance's) → why it is not in `pairs` (the run's proposal), one of REASONS.

    - "no_demand": no association of the run asks for tickets of the pack's Games at all;
    - "served": some asked, and the proposal gives each one all it still needed for these Games;
    - "no_fit": some still need tickets for these Games, but none can take this pack (city not
      chosen, date impossible, or more tickets than it still needs, tolerance included);
    - "left": an association could have taken it; the computation did not give it to one.
    """
    tolerance = int(instance.get("rules", {}).get("over_request_tolerance", 0))
    packs = {p["id"]: p for p in instance["packs"]}
    held: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pack_id, org_id in pairs:
        pack = packs.get(pack_id)
        if pack is not None:
            held[org_id][pack["games"]] += pack["size"]
    assigned = {pack_id for pack_id, _ in pairs}
    # Read once, not once per pack (a national run leaves thousands of packs over 3,000
    # associations): who asks for each Games, who still needs some, and, per Games and city, the
    # room each one still needing it has left (tolerance included), largest first.
    askers: dict[str, int] = defaultdict(int)
    needing: dict[str, int] = defaultdict(int)
    rooms: dict[tuple[str, str], list[tuple[int, frozenset]]] = defaultdict(list)
    for org in instance["organisations"]:
        unavailable = frozenset(org.get("unavailable_dates", ()))
        for games, requested in org["requested"].items():
            if requested <= 0:
                continue
            askers[games] += 1
            have = held[org["id"]][games]
            if have >= requested:
                continue
            needing[games] += 1
            room = requested + tolerance - have
            for city, weight in org["cities"].items():
                if weight > 0:
                    rooms[(games, city)].append((room, unavailable))
    for candidates in rooms.values():
        candidates.sort(key=lambda c: -c[0])
    reasons = {}
    for pack in instance["packs"]:
        if pack["id"] in assigned:
            continue
        games = pack["games"]
        if not askers[games]:
            reasons[pack["id"]] = "no_demand"
        elif not needing[games]:
            reasons[pack["id"]] = "served"
        elif _someone_fits(rooms.get((games, pack["city"]), ()), pack):
            reasons[pack["id"]] = "left"
        else:
            reasons[pack["id"]] = "no_fit"
    return reasons


def _someone_fits(candidates, pack) -> bool:
    """Has one of `candidates` (room, unavailable dates; largest room first) room for the pack on
    its date?"""
    for room, unavailable in candidates:
        if room < pack["size"]:
            return False
        if pack["date"] not in unavailable:
            return True
    return False


def _sentence(reason: str, games: str, count: int) -> str:
    label = GAMES_LABELS.get(games, games)
    packs = plural(count, f"lot {label}", f"lots {label}")
    stays = agreed(count, "reste", "restent")
    if reason == "no_demand":
        return (
            f"{packs} {stays} dans le vivier : aucune association de ce calcul ne demande encore "
            f"de billets {label} (leurs demandes sont déjà servies, ou il n'y en a pas)"
        )
    if reason == "served":
        return (
            f"{packs} {stays} dans le vivier : ce calcul donne déjà à chaque association tout ce "
            f"qu'elle demandait encore en billets {label} ; il y a plus de lots que de demandes"
        )
    if reason == "no_fit":
        return (
            f"{packs} {stays} dans le vivier : aucune des associations qui attendent encore des "
            f"billets {label} ne peut {'le' if count == 1 else 'les'} recevoir (ville qu'elle "
            "n'a pas choisie, date impossible pour elle, ou plus de billets qu'il ne lui en manque)"
        )
    if count == 1:
        return (
            f"{packs} aurait pu aller à une association qui attend encore des billets {label}, "
            "mais le calcul ne l'a pas attribué : vous pouvez le déplacer à la main"
        )
    return (
        f"{packs} auraient pu aller à des associations qui attendent encore des billets {label}, "
        "mais le calcul ne les a pas attribués : vous pouvez les déplacer à la main"
    )


def unassigned_groups(*, instance: dict, pairs: list[tuple[str, str]]) -> list[dict]:
    """The unassigned packs by reason and Games: a sentence, the count and the references."""
    reasons = unassigned_reasons(instance=instance, pairs=pairs)
    by_group: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pack in sorted(instance["packs"], key=lambda p: p.get("reference", p["id"])):
        if pack["id"] in reasons:
            by_group[(reasons[pack["id"]], pack["games"])].append(pack.get("reference", pack["id"]))
    groups = []
    for (reason, games), references in sorted(
        by_group.items(), key=lambda kv: (REASONS.index(kv[0][0]), kv[0][1])
    ):
        groups.append(
            {
                "reason": reason,
                "games": GAMES_LABELS.get(games, games),
                "count": len(references),
                "sentence": _sentence(reason, games, len(references)),
                "references": shortened(references, limit=SHOWN_REFERENCES),
            }
        )
    return groups

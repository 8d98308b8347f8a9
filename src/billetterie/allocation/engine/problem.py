"""One tier's allocation problem over pack classes: eligible pairs, scoring and feasibility."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

from .model import Instance, Organisation, can_receive


@dataclass
class TierProblem:
    """Eligible (association, class) pairs of one tier against the supply it can still use."""

    inst: Instance
    tier: int
    orgs: list[Organisation]
    weights: list[float]
    supply: list[int]  # remaining packs per class (indexed like inst.classes)
    pair_org: list[int] = field(default_factory=list)
    pair_class: list[int] = field(default_factory=list)
    pair_util: list[float] = field(default_factory=list)  # size x city weight
    pair_size: list[int] = field(default_factory=list)
    pair_games: list[str] = field(default_factory=list)
    pair_ub: list[int] = field(default_factory=list)
    by_org: list[list[int]] = field(default_factory=list)
    by_class: dict[int, list[int]] = field(default_factory=dict)
    caps: list[dict[str, int]] = field(default_factory=list)

    @property
    def n_pairs(self) -> int:
        return len(self.pair_org)

    def servable(self) -> list[int]:
        return [i for i, pairs in enumerate(self.by_org) if pairs]

    def utilities(self, counts: list[int]) -> list[float]:
        u = [0.0] * len(self.orgs)
        for p, x in enumerate(counts):
            if x:
                u[self.pair_org[p]] += x * self.pair_util[p]
        return u

    def score(self, counts: list[int]) -> tuple[int, float]:
        """(associations served, sum of w ln u over the served), with the exact logarithm."""
        served, nash = 0, 0.0
        for w, u in zip(self.weights, self.utilities(counts), strict=True):
            if u > 0:
                served += 1
                nash += w * math.log(u)
        return served, nash

    def check(self, counts: list[int]) -> None:
        """Assert the hard constraints; used by the solver on every solution it returns."""
        used = [0] * len(self.supply)
        tickets: dict[tuple[int, str], int] = {}
        for p, x in enumerate(counts):
            if x < 0 or x > self.pair_ub[p]:
                raise AssertionError(f"pair {p}: count {x} out of bounds")
            used[self.pair_class[p]] += x
            key = (self.pair_org[p], self.pair_games[p])
            tickets[key] = tickets.get(key, 0) + x * self.pair_size[p]
        for k, n in enumerate(used):
            if n > self.supply[k]:
                raise AssertionError(f"class {k}: {n} packs used, {self.supply[k]} left")
        for (i, g), t in tickets.items():
            if t > self.caps[i][g]:
                raise AssertionError(f"organisation {i}, games {g}: {t} tickets over cap")


def build_tier_problem(inst: Instance, tier: int, supply: list[int]) -> TierProblem:
    """Enumerate the pairs an association of the tier may receive, in canonical order."""
    orgs = [o for o in inst.organisations if o.tier == tier]
    prob = TierProblem(inst, tier, orgs, [inst.weight(o) for o in orgs], list(supply))
    by_games_city: dict[tuple[str, str], list[int]] = {}
    for k, pc in enumerate(inst.classes):
        by_games_city.setdefault((pc.games, pc.city), []).append(k)
    for i, org in enumerate(orgs):
        caps = {g: r + inst.tolerance for g, r in org.requested.items()}
        candidates = []  # (class, games, size, utility)
        for games in org.requested:
            for city in org.cities:
                for k in by_games_city.get((games, city), ()):
                    pc = inst.classes[k]
                    if supply[k] > 0 and can_receive(inst, org, pc):
                        candidates.append((k, games, pc.size, pc.size * org.cities[city]))
        _tighten_caps(caps, supply, candidates)
        prob.caps.append(caps)
        pairs: list[int] = []
        for k, games, size, util in candidates:
            ub = min(supply[k], caps[games] // size)
            if ub <= 0:
                continue
            p = len(prob.pair_org)
            prob.pair_org.append(i)
            prob.pair_class.append(k)
            prob.pair_util.append(util)
            prob.pair_size.append(size)
            prob.pair_games.append(games)
            prob.pair_ub.append(ub)
            prob.by_class.setdefault(k, []).append(p)
            pairs.append(p)
        prob.by_org.append(pairs)
    return prob


def _tighten_caps(caps: dict[str, int], supply: list[int], candidates: list) -> None:
    """Lower each cap to the largest ticket count reachable with whole packs.

    Integer allocations are unchanged; the LP relaxation can no longer fill a request with a
    fraction of a pack when no combination of packs fills it (a tighter bound).
    """
    for g, cap in caps.items():
        sizes: dict[int, int] = {}
        for k, games, size, _ in candidates:
            if games == g:
                sizes[size] = sizes.get(size, 0) + supply[k]
        mask = (1 << (cap + 1)) - 1
        reach = 1
        for s, count in sorted(sizes.items()):
            count = min(count, cap // s)
            chunk = 1
            while count > 0:  # binary splitting of the multiplicity
                take = min(chunk, count)
                reach |= (reach << (s * take)) & mask
                count -= take
                chunk *= 2
            if reach >> cap & 1:
                break
        caps[g] = reach.bit_length() - 1


def max_matching(prob: TierProblem, priority: list[float] | None = None) -> list[int]:
    """One pack per association for as many associations as possible (b-matching on classes).

    Returns, per association, the matched pair or -1. `priority` (per pair, higher first) steers
    which class each association is matched to; augmenting paths then make the count maximum.
    """
    n = len(prob.orgs)
    left = list(prob.supply)
    match = [-1] * n
    holders: dict[int, list[int]] = {}
    prio = priority or prob.pair_util

    def ordered(i: int) -> list[int]:
        return sorted(prob.by_org[i], key=lambda p: (-prio[p], p))

    orders = [ordered(i) for i in range(n)]
    for i in range(n):
        for p in orders[i]:
            k = prob.pair_class[p]
            if left[k] > 0:
                left[k] -= 1
                match[i] = p
                holders.setdefault(k, []).append(i)
                break
    for i in range(n):
        if match[i] >= 0 or not orders[i]:
            continue
        _augment(prob, i, orders, left, match, holders)
    return match


def _augment(prob, start, orders, left, match, holders) -> bool:
    """Breadth-first augmenting path from an unmatched association."""
    parent: dict[int, tuple[int, int]] = {}  # class -> (org that reaches it, pair)
    seen_orgs = {start}
    queue = deque([start])
    while queue:
        i = queue.popleft()
        for p in orders[i]:
            k = prob.pair_class[p]
            if k in parent:
                continue
            parent[k] = (i, p)
            if left[k] > 0:
                # Walk back: each association on the path moves to the class it reached.
                left[k] -= 1
                while True:
                    org, pair = parent[k]
                    old = match[org]
                    match[org] = pair
                    holders.setdefault(k, []).append(org)
                    if old < 0:
                        return True
                    k = prob.pair_class[old]
                    holders[k].remove(org)
            for j in holders.get(k, ()):
                if j not in seen_orgs:
                    seen_orgs.add(j)
                    queue.append(j)
    return False

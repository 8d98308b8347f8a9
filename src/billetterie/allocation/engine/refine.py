"""Refinement after a later tier: exchanges that cost the earlier tiers nothing.

Tiers are solved in order, each on the packs the earlier ones left. After tier t (any tier but
the first) is solved, an association of tier t left with nothing may still be served by a chain
of exchanges: an association h of tier <= t gives up one pack of class k and takes instead a pack
of class k' it values at least as much (size x city weight), k' being free or freed the same way
further down the chain. Nobody on the chain loses value, so the earlier tiers keep their served
count and their weighted Nash welfare can only rise; tier t serves one more association per
chain. The packs still free then go to the served associations of tier t, by largest gain in
w ln u (`repair.fill`).

Only `nash` and `proportional` are refined. Everything is in a fixed order (associations by
identifier, classes by index), with no clock, so the result stays reproducible. The search is a
heuristic bounded by the numbers of classes and associations: one-for-one exchanges only, each
class explored once per search, and classes a failed search explored are skipped until the next
chain is applied (docs/allocation.md, « La règle »).

The objective entries of the tiers that changed get their final served count and welfare, and a
`refinement` field. The gap is recomputed against the tier's own bound only when that bound still
holds (same associations served, no class used beyond what the tier's own solve had: always true
for the first tier); otherwise bound, gap and status describe the tier's own solve.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import deque
from typing import Any

from .model import Instance, can_receive
from .nash import NUMERICAL_GAP, TierOutcome, certified_gap
from .problem import build_tier_problem
from .repair import AllocState, fill

#: One exchange: (association index, class given up, class taken).
Step = tuple[int, int, int]


class Refiner:
    """Follows the tier-by-tier solve and refines each tier after the first.

    `counts` (association id -> class index -> packs) and `supply` (free packs per class) are the
    solve's own structures, updated in place.
    """

    def __init__(self, inst: Instance, counts: dict[str, dict[int, int]], supply: list[int]):
        self.inst = inst
        self.counts = counts
        self.supply = supply
        self.orgs = inst.organisations
        self.seen: dict[int, list[int]] = {}  # tier -> free packs per class its solve saw
        self.outcomes: dict[int, TierOutcome] = {}
        self.received: dict[int, int] = {}  # tier -> packs its associations received here
        self.added: dict[int, int] = {}  # tier -> associations served by the refinement
        self._options: dict[int, tuple[list[float], list[int]]] = {}
        self._better: dict[tuple[int, int], list[int]] = {}
        self._first: int | None = None

    # -- bookkeeping ---------------------------------------------------------------------------

    def value(self, i: int, k: int) -> float:
        pc = self.inst.classes[k]
        return pc.size * self.orgs[i].cities[pc.city]

    def options(self, i: int) -> tuple[list[float], list[int]]:
        """Classes association i can receive, by decreasing value then index (negated values)."""
        if i not in self._options:
            org = self.orgs[i]
            ranked = sorted(
                (-self.value(i, k), k)
                for k, pc in enumerate(self.inst.classes)
                if can_receive(self.inst, org, pc)
            )
            self._options[i] = ([v for v, _ in ranked], [k for _, k in ranked])
        return self._options[i]

    def better(self, i: int, k: int) -> list[int]:
        """Classes other than k that i can receive and values at least as much, by index."""
        key = (i, k)
        if key not in self._better:
            neg, classes = self.options(i)
            n = bisect_right(neg, -self.value(i, k))
            self._better[key] = sorted(c for c in classes[:n] if c != k)
        return self._better[key]

    def after_tier(self, tier: int, out: TierOutcome, seen: list[int]) -> None:
        """Record what the tier's solve saw and found; refine it unless it is the first tier."""
        self.seen[tier] = list(seen)
        self.outcomes[tier] = out
        if self._first is None:
            self._first = tier
            return
        _Pass(self, tier).run()

    # -- final figures -------------------------------------------------------------------------

    def finish(self, entries: list[dict[str, Any]]) -> None:
        """Rewrite the objective entries of the tiers the refinements changed."""
        for entry in entries:
            tier = entry["tier"]
            if not self.received.get(tier):
                continue
            out = self.outcomes[tier]
            served, nash, weight_sum = self._score(tier)
            added = self.added.get(tier, 0)
            entry["served"] = served
            entry["nash"] = round(nash, 6)
            if not added and self._within_own_solve(tier):
                # The same associations served, on packs the tier's own solve had: its bound
                # still holds and the gap can only shrink. Otherwise bound and gap stay those of
                # the tier's own solve (its value before the refinement, `nash_before`).
                gap = certified_gap(out.bound, nash, weight_sum)
                entry["gap"] = round(gap, 6)
                if gap <= NUMERICAL_GAP:
                    entry["status"] = "optimal"
            entry["refinement"] = {
                "served_before": out.served,
                "nash_before": round(out.nash, 6),
                "served_added": added,
                "packs_moved": self.received[tier],
            }

    def _within_own_solve(self, tier: int) -> bool:
        """Does the tier hold, per class, no more packs than its own solve could use?"""
        used = [0] * len(self.inst.classes)
        for org in self.orgs:
            if org.tier == tier:
                for k, n in self.counts.get(org.id, {}).items():
                    used[k] += n
        return all(n <= m for n, m in zip(used, self.seen[tier], strict=True))

    def _score(self, tier: int) -> tuple[int, float, float]:
        classes = self.inst.classes
        served, nash, weight_sum = 0, 0.0, 0.0
        for org in self.orgs:
            if org.tier != tier:
                continue
            mine = self.counts.get(org.id, {})
            u = sum(
                n * classes[k].size * org.cities[classes[k].city] for k, n in sorted(mine.items())
            )
            if u > 0:
                w = self.inst.weight(org)
                served += 1
                nash += w * math.log(u)
                weight_sum += w
        return served, nash, weight_sum


class _Pass:
    """The refinement of one tier t: chains for its empty associations, then the free packs."""

    def __init__(self, ref: Refiner, tier: int) -> None:
        self.ref = ref
        self.tier = tier
        inst = ref.inst
        self.classes = inst.classes
        self.size = [pc.size for pc in inst.classes]
        self.games = [pc.games for pc in inst.classes]
        self.members = [i for i, o in enumerate(ref.orgs) if o.tier <= tier]
        self.room: dict[int, dict[str, int]] = {}
        self.holders: dict[int, list[int]] = {}
        for i in self.members:
            org = ref.orgs[i]
            room = {g: r + inst.tolerance for g, r in org.requested.items()}
            for k, n in sorted(ref.counts.get(org.id, {}).items()):
                room[self.classes[k].games] -= n * self.classes[k].size
                self.holders.setdefault(k, []).append(i)
            self.room[i] = room

    def run(self) -> None:
        ref, tier = self.ref, self.tier
        if not any(self.ref.supply):
            return
        waiting = [i for i in self.members if ref.orgs[i].tier == tier and ref.options(i)[1]]
        served = 0
        failed: dict[int, int] = {}  # association -> chains applied when its search last failed
        # Classes a failed search explored without reaching a free pack: until the next chain
        # changes the holdings, later searches skip them (the same search, done once).
        self.dead: set[int] = set()
        while True:  # a chain can open the way for an association tried before it
            before = served
            for j in waiting:
                if ref.counts.get(ref.orgs[j].id) or failed.get(j) == served:
                    continue
                found = self._chain(j)
                if found is None:
                    failed[j] = served
                    continue
                self.dead.clear()
                start, steps = found
                for h, give, take in steps:
                    self._move(h, give, -1)
                    self._move(h, take, +1)
                self._move(j, start, +1)
                ref.supply[steps[-1][2] if steps else start] -= 1
                served += 1
            if served == before:
                break
        if served:
            ref.added[tier] = ref.added.get(tier, 0) + served
            self._fill()

    # -- exchange chains -----------------------------------------------------------------------

    def _swaps(self, h: int, k: int, seen: dict) -> list[int]:
        """Classes not yet seen that h may take instead of one pack of k.

        Eligible for h, at least the value of k for h, and within h's caps once k is given up.
        """
        size, games = self.size, self.games
        room = self.room[h]
        given_size, given_games = size[k], games[k]
        out = []
        dead = self.dead
        for k2 in self.ref.better(h, k):
            if k2 in seen or k2 in dead:
                continue
            g = games[k2]
            free = room[g] + given_size if g == given_games else room[g]
            if size[k2] > free:
                continue
            out.append(k2)
        return out

    def _chain(self, j: int) -> tuple[int, list[Step]] | None:
        """Breadth-first search for the class j takes and the exchanges that free one of it.

        Classes are searched once each, in index order, holders in identifier order; a holder
        appears at most once on a chain. Steps run from j's side to the free pack: the first
        holder gives up the class j takes.
        """
        supply = self.ref.supply
        starts = sorted(self.ref.options(j)[1])
        for k in starts:
            if supply[k] > 0:
                return k, []
        starts = [k for k in starts if k not in self.dead]
        parent: dict[int, tuple[int, int] | None] = dict.fromkeys(starts)
        queue = deque(starts)
        while queue:
            k = queue.popleft()
            on_path = set()
            walk = parent[k]
            while walk is not None:
                on_path.add(walk[0])
                walk = parent[walk[1]]
            for h in self.holders.get(k, ()):
                if h == j or h in on_path:
                    continue
                for k2 in self._swaps(h, k, parent):
                    if supply[k2] > 0:
                        return self._unwind(parent, [(h, k, k2)])
                    parent[k2] = (h, k)
                    queue.append(k2)
        self.dead.update(parent)
        return None

    @staticmethod
    def _unwind(parent, steps: list[Step]) -> tuple[int, list[Step]]:
        k = steps[0][1]
        while (link := parent[k]) is not None:
            h, before = link
            steps.append((h, before, k))
            k = before
        steps.reverse()
        return k, steps

    def _move(self, i: int, k: int, delta: int) -> None:
        ref = self.ref
        org = ref.orgs[i]
        pc = self.classes[k]
        mine = ref.counts.setdefault(org.id, {})
        n = mine.get(k, 0) + delta
        holders = self.holders.setdefault(k, [])
        if n:
            mine[k] = n
            if i not in holders:
                holders.append(i)
                holders.sort()
        else:
            del mine[k]
            holders.remove(i)
            if not mine:
                del ref.counts[org.id]
        self.room[i][pc.games] -= delta * pc.size
        if delta > 0:
            ref.received[org.tier] = ref.received.get(org.tier, 0) + delta

    # -- free packs ----------------------------------------------------------------------------

    def _fill(self) -> None:
        """Hand out the packs still free to the served associations of the tier (repair.fill)."""
        ref = self.ref
        supply = list(ref.supply)
        tier_orgs = [o for o in ref.orgs if o.tier == self.tier]
        for org in tier_orgs:
            for k, n in ref.counts.get(org.id, {}).items():
                supply[k] += n
        prob = build_tier_problem(ref.inst, self.tier, supply)
        pair_of = {(prob.pair_org[p], prob.pair_class[p]): p for p in range(prob.n_pairs)}
        start = [0] * prob.n_pairs
        for i, org in enumerate(prob.orgs):
            for k, n in ref.counts.get(org.id, {}).items():
                start[pair_of[(i, k)]] += n
        state = AllocState(prob, start)
        fill(state)
        index = {o.id: i for i, o in enumerate(ref.orgs)}
        for p, n in enumerate(state.counts):
            extra = n - start[p]
            if extra:
                k = prob.pair_class[p]
                self._move(index[prob.orgs[prob.pair_org[p]].id], k, extra)
                ref.supply[k] -= extra

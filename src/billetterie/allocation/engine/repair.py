"""Integer allocations from an LP point: rounding, repair, greedy filling and local search."""

from __future__ import annotations

import heapq
import math
import time

from .problem import TierProblem, max_matching

EPS = 1e-9


class AllocState:
    """Counts per pair with the running totals needed to test moves in constant time."""

    def __init__(self, prob: TierProblem, counts: list[int] | None = None) -> None:
        self.prob = prob
        self.counts = [0] * prob.n_pairs
        self.left = list(prob.supply)
        self.room = [dict(c) for c in prob.caps]
        self.u = [0.0] * len(prob.orgs)
        self.npacks = [0] * len(prob.orgs)
        for p, x in enumerate(counts or []):
            for _ in range(x):
                self.add(p)

    def can_add(self, p: int) -> bool:
        prob = self.prob
        return (
            self.counts[p] < prob.pair_ub[p]
            and self.left[prob.pair_class[p]] > 0
            and self.room[prob.pair_org[p]][prob.pair_games[p]] >= prob.pair_size[p]
        )

    def can_add_ignoring_supply(self, p: int) -> bool:
        prob = self.prob
        return (
            self.counts[p] < prob.pair_ub[p]
            and self.room[prob.pair_org[p]][prob.pair_games[p]] >= prob.pair_size[p]
        )

    def add(self, p: int) -> None:
        prob = self.prob
        i = prob.pair_org[p]
        self.counts[p] += 1
        self.left[prob.pair_class[p]] -= 1
        self.room[i][prob.pair_games[p]] -= prob.pair_size[p]
        self.u[i] += prob.pair_util[p]
        self.npacks[i] += 1

    def remove(self, p: int) -> None:
        prob = self.prob
        i = prob.pair_org[p]
        self.counts[p] -= 1
        self.left[prob.pair_class[p]] += 1
        self.room[i][prob.pair_games[p]] += prob.pair_size[p]
        self.u[i] -= prob.pair_util[p]
        self.npacks[i] -= 1
        if self.npacks[i] == 0:
            self.u[i] = 0.0

    def gain_add(self, p: int) -> float:
        i = self.prob.pair_org[p]
        return self.prob.weights[i] * math.log1p(self.prob.pair_util[p] / self.u[i])

    def loss_remove(self, p: int) -> float:
        i = self.prob.pair_org[p]
        u = self.u[i]
        return self.prob.weights[i] * -math.log1p(-self.prob.pair_util[p] / u)


def from_lp(prob: TierProblem, x: list[float]) -> AllocState:
    """Match every association that can be served, then take the integer part of the LP point."""
    match = max_matching(prob, priority=x)
    state = AllocState(prob)
    for p in match:
        if p >= 0:
            state.add(p)
    for p in sorted(range(prob.n_pairs), key=lambda p: (-x[p], p)):
        want = math.floor(x[p] + 1e-6) - state.counts[p]
        while want > 0 and state.can_add(p):
            state.add(p)
            want -= 1
    # Round up the fractional parts the LP wanted most, where supply and request allow.
    fractional = [p for p in range(prob.n_pairs) if x[p] - math.floor(x[p] + 1e-6) > 1e-6]
    for p in sorted(fractional, key=lambda p: (-(x[p] - math.floor(x[p])), p)):
        if state.counts[p] < math.ceil(x[p]) and state.can_add(p):
            state.add(p)
    return state


def fill(state: AllocState) -> None:
    """Hand out remaining packs one by one to the largest gain in weighted log-utility."""
    prob = state.prob
    orders = [sorted(ps, key=lambda p: (-prob.pair_util[p], p)) for ps in prob.by_org]
    pointer = [0] * len(orders)

    def best(i: int) -> int:
        ps = orders[i]
        while pointer[i] < len(ps) and not state.can_add(ps[pointer[i]]):
            pointer[i] += 1
        return ps[pointer[i]] if pointer[i] < len(ps) else -1

    heap = []
    for i in range(len(orders)):
        if state.npacks[i] > 0:
            p = best(i)
            if p >= 0:
                heap.append((-state.gain_add(p), i))
    heapq.heapify(heap)
    while heap:
        neg_gain, i = heapq.heappop(heap)
        p = best(i)
        if p < 0:
            continue
        gain = state.gain_add(p)
        if gain < -neg_gain - 1e-12:
            heapq.heappush(heap, (-gain, i))
            continue
        state.add(p)
        p = best(i)
        if p >= 0:
            heapq.heappush(heap, (-state.gain_add(p), i))


def _transfer(state: AllocState, pairs: list[int]) -> bool:
    """Move one pack of this class from the association that loses least to the one gaining most."""
    best_in, p_in = EPS, -1
    for p in pairs:
        if state.u[state.prob.pair_org[p]] > 0 and state.can_add_ignoring_supply(p):
            g = state.gain_add(p)
            if g > best_in:
                best_in, p_in = g, p
    if p_in < 0:
        return False
    best_out, p_out = best_in - EPS, -1
    receiver = state.prob.pair_org[p_in]
    for p in pairs:
        if state.counts[p] and state.npacks[state.prob.pair_org[p]] > 1:
            if state.prob.pair_org[p] == receiver:
                continue
            loss = state.loss_remove(p)
            if loss < best_out:
                best_out, p_out = loss, p
    if p_out < 0:
        return False
    state.remove(p_out)
    state.add(p_in)
    return True


def _upgrade(state: AllocState, pairs: list[int]) -> bool:
    """Swap one held pack of an association for a free pack of this class that it values more."""
    prob = state.prob
    for p in pairs:
        i = prob.pair_org[p]
        if state.npacks[i] == 0 or state.counts[p] >= prob.pair_ub[p]:
            continue
        best, q_best = EPS, -1
        for q in prob.by_org[i]:
            if not state.counts[q] or prob.pair_util[q] >= prob.pair_util[p]:
                continue
            room = state.room[i][prob.pair_games[p]]
            if prob.pair_games[q] == prob.pair_games[p]:
                room += prob.pair_size[q]
            if room < prob.pair_size[p]:
                continue
            u = state.u[i]
            gain = prob.weights[i] * math.log((u - prob.pair_util[q] + prob.pair_util[p]) / u)
            if gain > best:
                best, q_best = gain, q
        if q_best >= 0:
            state.remove(q_best)
            state.add(p)
            return True
    return False


def improve(state: AllocState, *, deadline: float, max_passes: int = 30) -> bool:
    """Local search: transfers between associations and upgrades with free packs, then refill.

    Returns False if it stopped on the clock.
    """
    prob = state.prob
    classes = sorted(prob.by_class)
    for _ in range(max_passes):
        moved = False
        for k in classes:
            pairs = prob.by_class[k]
            steps = 0
            while steps < 50 and (
                _upgrade(state, pairs) if state.left[k] > 0 else _transfer(state, pairs)
            ):
                moved = True
                steps += 1
            if time.monotonic() > deadline:
                return False
        fill(state)
        if not moved:
            return True
    return True

"""Comparison methods, never the default: greedy by lowest satisfaction, and a seeded lottery."""

from __future__ import annotations

import heapq
import random

from .problem import TierProblem
from .repair import AllocState


def _best_fitting(state: AllocState, i: int) -> int:
    """The pack that leaves the smallest remainder of the request, then the preferred city."""
    prob = state.prob
    best, key_best = -1, None
    for p in prob.by_org[i]:
        if not state.can_add(p):
            continue
        remainder = state.room[i][prob.pair_games[p]] - prob.pair_size[p]
        key = (remainder, -prob.pair_util[p], p)
        if key_best is None or key < key_best:
            best, key_best = p, key
    return best


def greedy_tier(prob: TierProblem) -> list[int]:
    """Repeatedly give the least satisfied association the best-fitting pack it can take."""
    state = AllocState(prob)
    received = [0] * len(prob.orgs)
    heap = [
        (0.0, o.id, i) for i, o in enumerate(prob.orgs) if prob.by_org[i] and o.total_requested > 0
    ]
    heapq.heapify(heap)
    while heap:
        _, org_id, i = heapq.heappop(heap)
        p = _best_fitting(state, i)
        if p < 0:
            continue
        state.add(p)
        received[i] += prob.pair_size[p]
        satisfaction = received[i] / prob.orgs[i].total_requested
        heapq.heappush(heap, (satisfaction, org_id, i))
    return state.counts


def lottery_tier(prob: TierProblem, rng: random.Random) -> list[int]:
    """Associations in a seeded random order; each takes every best-fitting pack it can."""
    state = AllocState(prob)
    order = list(range(len(prob.orgs)))
    rng.shuffle(order)
    for i in order:
        while (p := _best_fitting(state, i)) >= 0:
            state.add(p)
    return state.counts

"""Large-neighbourhood search: re-solve small groups of associations exactly with HiGHS."""

from __future__ import annotations

import math
import time

import highspy

from .highs_model import TierModel, geometric_points
from .problem import TierProblem
from .repair import AllocState


def _sub_problem(prob: TierProblem, state: AllocState, members: list[int]):
    """The members' problem when everybody else keeps what they hold."""
    supply = list(state.left)
    for i in members:
        for p in prob.by_org[i]:
            supply[prob.pair_class[p]] += state.counts[p]
    sub = TierProblem(
        prob.inst,
        prob.tier,
        [prob.orgs[i] for i in members],
        [prob.weights[i] for i in members],
        supply,
    )
    origin: list[int] = []
    for j, i in enumerate(members):
        sub.caps.append(dict(prob.caps[i]))
        pairs = []
        for p in prob.by_org[i]:
            k = prob.pair_class[p]
            ub = min(prob.pair_ub[p], supply[k])
            if ub <= 0:
                continue
            q = len(origin)
            origin.append(p)
            sub.pair_org.append(j)
            sub.pair_class.append(k)
            sub.pair_util.append(prob.pair_util[p])
            sub.pair_size.append(prob.pair_size[p])
            sub.pair_games.append(prob.pair_games[p])
            sub.pair_ub.append(ub)
            sub.by_class.setdefault(k, []).append(q)
            pairs.append(q)
        sub.by_org.append(pairs)
    return sub, origin


def _resolve(prob, state, members, seed, deadline, node_limit) -> bool:
    """Re-solve one neighbourhood; apply the result if its exact score is better."""
    sub, origin = _sub_problem(prob, state, members)
    current = [state.counts[p] for p in origin]
    model = TierModel(sub, len(members), True, True, seed, max(deadline - time.monotonic(), 0.01))
    model.add_pairs(range(sub.n_pairs))
    cuts = []
    for j, i in enumerate(members):
        u = state.u[i]
        lo, hi = model.umin[j], model.umax[j]
        pts = set(geometric_points(lo, hi, 1.2))
        pts |= set(geometric_points(max(lo, u / 1.3), min(hi, u * 1.3), 1.01))
        pts.add(u)
        cuts.extend((j, t) for t in sorted(pts))
    model.add_tangents(cuts)
    model.h.setOptionValue("mip_max_nodes", node_limit)
    model.h.setOptionValue("mip_rel_gap", 1e-4)
    warm = highspy.HighsSolution()
    warm.col_value = model.full_solution(current).tolist()
    model.h.setSolution(warm)
    _, values = model.run()
    if model.h.getInfo().primal_solution_status != 2:
        return False
    new = [int(round(v)) for v in model.pair_values(values)]
    before = sum(prob.weights[i] * math.log(state.u[i]) for i in members)
    u_new = sub.utilities(new)
    if min(u_new) <= 0:
        return False
    after = sum(w * math.log(u) for w, u in zip(sub.weights, u_new, strict=True))
    if after <= before + 1e-9:
        return False
    for q, p in enumerate(origin):
        while state.counts[p] > new[q]:
            state.remove(p)
    for q, p in enumerate(origin):
        while state.counts[p] < new[q]:
            state.add(p)
    return True


def _groups(prob: TierProblem, state: AllocState, served: list[int], loss: dict, size: int):
    """Neighbourhoods: each losing association with its main rivals, then each host city's crowd."""
    served_set = set(served)
    for i in sorted(served, key=lambda i: (-loss[i], i)):
        if loss[i] <= 1e-9:
            break
        rivals: dict[int, int] = {}
        for p in prob.by_org[i]:
            for q in prob.by_class.get(prob.pair_class[p], ()):
                j = prob.pair_org[q]
                if j != i and j in served_set and state.counts[q]:
                    rivals[j] = rivals.get(j, 0) + state.counts[q]
        ranked = sorted(rivals, key=lambda j: (-loss[j], -rivals[j], j))
        yield sorted([i, *ranked[: size - 1]])
    cities: dict[tuple[str, str], set[int]] = {}
    for p, n in enumerate(state.counts):
        if n:
            pc = prob.inst.classes[prob.pair_class[p]]
            cities.setdefault((pc.games, pc.city), set()).add(prob.pair_org[p])
    for _, members in sorted(cities.items()):
        ranked = sorted(members, key=lambda j: (-loss[j], j))
        for start in range(0, len(ranked), size):
            group = ranked[start : start + size]
            if len(group) > 1:
                yield sorted(group)


def neighbourhood_search(
    prob: TierProblem,
    state: AllocState,
    lp_u: list[float],
    *,
    seed: int,
    deadline: float,
    size: int = 6,
    rounds: int = 6,
    node_limit: int = 20,
    max_groups: int = 1500,
) -> bool:
    """Improve a full allocation (every served association stays served) group by group.

    Returns False if it stopped on the clock (the result may then depend on the machine).
    """
    served = [i for i in range(len(prob.orgs)) if state.u[i] > 0]
    if len(served) < 2:
        return True
    budget = max_groups
    for _ in range(rounds):
        loss = {
            i: prob.weights[i] * (math.log(max(lp_u[i], state.u[i])) - math.log(state.u[i]))
            for i in served
        }
        improved = False
        seen: set[tuple[int, ...]] = set()
        for members in _groups(prob, state, served, loss, size):
            key = tuple(members)
            if key in seen:
                continue
            seen.add(key)
            if time.monotonic() > deadline:
                return False
            budget -= 1
            if budget < 0:
                return True
            if _resolve(prob, state, members, seed, deadline, node_limit):
                improved = True
        if not improved:
            break
    return True

"""The matching: maximise person-nights, then minimise distance, with HiGHS (highspy).

Stage 1 maximises the person-nights placed; stage 2 minimises the total distance with the
person-nights held at stage 1's value (a lexicographic rule in two solves, not one weighted
objective). Both stages start from a known solution (greedy, then stage 1), so the answer is never
worse than the greedy baseline."""

from __future__ import annotations

import math
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import highspy

from .greedy import Compat, compatible_hosts, greedy, relaxation_bound, unplaced_reason
from .lns import improve
from .model import RESULT_FORMAT, Group, Host, cost_km, distance_km
from .validation import parse

METHODS = ("milp", "greedy")
DEFAULT_TIME_LIMIT = 10.0
#: Share of the remaining time given to stage 1 (person-nights); stage 2 gets the rest.
STAGE1_SHARE = 0.7
#: Beyond this many kept pairs, the whole model is too slow to improve the greedy start within
#: seconds (its root cuts alone take longer): a local search by small exact MILPs takes over.
FULL_MODEL_MAX_PAIRS = 8000
INF = highspy.kHighsInf

_banner_silenced = False


def _new_highs(time_limit: float) -> highspy.Highs:
    """A silent, single-threaded, seeded HiGHS (its banner goes to /dev/null)."""
    global _banner_silenced
    if not _banner_silenced:
        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            h = highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_silenced = True
    else:
        h = highspy.Highs()
    for name, value in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", 0),
        # HiGHS 1.16, given a starting solution, may return that start instead of the optimum it
        # reports when presolve solves the model; without presolve it returns the right point.
        ("presolve", "off"),
        ("time_limit", max(float(time_limit), 0.05)),
    ):
        h.setOptionValue(name, value)
    return h


class _Model:
    """One binary column per kept (group, host) pair; a row per group with several candidates and a
    row per (host, night) whose candidates could exceed its beds."""

    def __init__(self, groups: list[Group], hosts: list[Host], kept: list[list[int]]) -> None:
        self.cols: list[tuple[int, int]] = [(i, j) for i, row in enumerate(kept) for j in row]
        demand: dict[tuple[int, str], int] = defaultdict(int)
        for i, j in self.cols:
            for n in groups[i].nights:
                demand[j, n] += groups[i].persons
        group_row: dict[int, int] = {}
        lower: list[float] = []
        upper: list[float] = []
        for i, row in enumerate(kept):
            if len(row) > 1:
                group_row[i] = len(upper)
                lower.append(-INF)
                upper.append(1.0)
        cap_row: dict[tuple[int, str], int] = {}
        for (j, n), persons in sorted(demand.items()):
            beds = hosts[j].beds.get(n, 0)
            if persons > beds:
                cap_row[j, n] = len(upper)
                lower.append(-INF)
                upper.append(float(beds))
        starts, index, value = [0], [], []
        for i, j in self.cols:
            g = groups[i]
            if i in group_row:
                index.append(group_row[i])
                value.append(1.0)
            for n in g.nights:
                r = cap_row.get((j, n))
                if r is not None:
                    index.append(r)
                    value.append(float(g.persons))
            starts.append(len(index))
        self.n_rows = len(upper)
        self.pn = [float(groups[i].person_nights) for i, _ in self.cols]
        self.km = [cost_km(groups[i], hosts[j]) for i, j in self.cols]
        lp = highspy.HighsLp()
        ncol = len(self.cols)
        lp.num_col_, lp.num_row_ = ncol, self.n_rows
        lp.col_cost_ = self.pn
        lp.col_lower_ = [0.0] * ncol
        lp.col_upper_ = [1.0] * ncol
        lp.row_lower_, lp.row_upper_ = lower, upper
        matrix = lp.a_matrix_
        matrix.format_ = highspy.MatrixFormat.kColwise
        matrix.num_col_, matrix.num_row_ = ncol, self.n_rows
        matrix.start_, matrix.index_, matrix.value_ = starts, index, value
        lp.a_matrix_ = matrix
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger] * ncol
        self.lp = lp
        self.col_of = {pair: c for c, pair in enumerate(self.cols)}

    def values(self, chosen: list[int | None]) -> list[float]:
        x = [0.0] * len(self.cols)
        for i, j in enumerate(chosen):
            if j is not None:
                x[self.col_of[i, j]] = 1.0
        return x

    def chosen(self, x: list[float], n_groups: int) -> list[int | None]:
        out: list[int | None] = [None] * n_groups
        for c, v in enumerate(x):
            if v > 0.5:
                i, j = self.cols[c]
                out[i] = j
        return out


def _feasible(groups: list[Group], hosts: list[Host], chosen: list[int | None]) -> bool:
    used: dict[tuple[int, str], int] = defaultdict(int)
    for i, j in enumerate(chosen):
        if j is None:
            continue
        for n in groups[i].nights:
            used[j, n] += groups[i].persons
    return all(persons <= hosts[j].beds.get(n, 0) for (j, n), persons in used.items())


def _value(groups: list[Group], chosen: list[int | None]) -> int:
    return sum(groups[i].person_nights for i, j in enumerate(chosen) if j is not None)


def _distance(groups: list[Group], hosts: list[Host], chosen: list[int | None]) -> float:
    return sum(cost_km(groups[i], hosts[j]) for i, j in enumerate(chosen) if j is not None)


def _run(h: highspy.Highs, start: list[float], time_limit: float) -> tuple[str, list[float] | None]:
    h.setOptionValue("time_limit", max(time_limit, 0.05))
    warm = highspy.HighsSolution()
    warm.col_value = start
    h.setSolution(warm)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    if h.getInfo().primal_solution_status != 2:
        return status, None
    return status, list(h.getSolution().col_value)


def solve(
    instance: dict[str, Any],
    *,
    method: str = "milp",
    time_limit: float = DEFAULT_TIME_LIMIT,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Match the groups with the hosts; see docs/lodging-matching.md for the rule and the result."""
    started = time.monotonic()
    deadline = started + float(time_limit)
    say = progress or (lambda _line: None)
    if method not in METHODS:
        raise ValueError(f"méthode inconnue « {method} » (au choix : {', '.join(METHODS)})")
    groups, hosts = parse(instance)
    say(f"Préparation : {len(groups)} groupes, {len(hosts)} lieux d'accueil.")
    compat = compatible_hosts(groups, hosts)
    pairs = sum(len(row) for row in compat)
    say(f"{pairs} couples groupe–lieu compatibles.")
    bound = relaxation_bound(groups, hosts, compat)
    base = greedy(groups, hosts, compat)
    base_value = _value(groups, base)
    say(f"Solution gloutonne : {base_value} nuitées.")
    chosen, status, extra = base, "greedy", {"complete_model": None, "candidate_pairs": 0}
    if method == "milp" and pairs:
        chosen, status, bound, extra = _milp(groups, hosts, compat, base, bound, deadline, say)
    say("Terminé.")
    return _result(groups, hosts, compat, chosen, method, status, bound, base_value, started, extra)


def _milp(
    groups: list[Group],
    hosts: list[Host],
    compat: Compat,
    base: list[int | None],
    bound: int,
    deadline: float,
    say: Callable[[str], None],
) -> tuple[list[int | None], str, int, dict]:
    if sum(len(row) for row in compat) > FULL_MODEL_MAX_PAIRS:
        say("Grande instance : recherche locale par petits modèles exacts autour de chaque lieu.")
        best, converged = improve(groups, hosts, compat, base, deadline, _new_highs, say)
        extra = {"complete_model": False, "candidate_pairs": sum(len(row) for row in compat)}
        return best, "local" if converged else "time_limit", bound, extra
    kept, complete = [[j for _, j in row] for row in compat], True
    model = _Model(groups, hosts, kept)
    extra = {"complete_model": complete, "candidate_pairs": len(model.cols)}
    say(f"Modèle : {len(model.cols)} couples, {model.n_rows} contraintes.")
    h = _new_highs(1.0)
    h.passModel(model.lp)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 0.999)  # person-nights are whole numbers
    budget = max(deadline - time.monotonic(), 0.05)
    say(f"Étape 1 : le plus de nuitées possible (au plus {budget * STAGE1_SHARE:.0f} s).")
    status1, x1 = _run(h, model.values(base), budget * STAGE1_SHARE)
    best, best_value = base, _value(groups, base)
    stage1_ok = False
    if x1 is not None:
        candidate = model.chosen(x1, len(groups))
        if _feasible(groups, hosts, candidate) and _value(groups, candidate) >= best_value:
            best, best_value, stage1_ok = candidate, _value(groups, candidate), True
    dual = h.getInfo().mip_dual_bound
    if complete and status1 not in ("Infeasible", "Unbounded") and math.isfinite(dual):
        bound = min(bound, math.floor(dual + 1e-6))
    bound = max(bound, best_value)
    say(f"Étape 1 : {best_value} nuitées (borne {bound}).")
    if not stage1_ok:
        return best, "greedy", bound, extra
    # Stage 2: the same person-nights at least, the shortest total distance.
    ncol = len(model.cols)
    h.addRow(float(best_value), INF, ncol, list(range(ncol)), model.pn)
    h.changeObjectiveSense(highspy.ObjSense.kMinimize)
    h.changeColsCost(ncol, list(range(ncol)), model.km)
    h.setOptionValue("mip_abs_gap", 1e-6)
    h.setOptionValue("mip_rel_gap", 1e-6)
    say("Étape 2 : les lieux les plus proches, à nuitées égales.")
    status2, x2 = _run(h, model.values(best), deadline - time.monotonic())
    if x2 is not None:
        candidate = model.chosen(x2, len(groups))
        if (
            _feasible(groups, hosts, candidate)
            and _value(groups, candidate) >= best_value
            and _distance(groups, hosts, candidate) <= _distance(groups, hosts, best) + 1e-9
        ):
            best = candidate
    say(f"Étape 2 : {_distance(groups, hosts, best):.1f} km au total.")
    finished = status1 == "Optimal" and status2 == "Optimal"
    return best, "optimal" if finished else "time_limit", bound, extra


def _result(
    groups: list[Group],
    hosts: list[Host],
    compat: Compat,
    chosen: list[int | None],
    method: str,
    status: str,
    bound: int,
    greedy_value: int,
    started: float,
    extra: dict,
) -> dict[str, Any]:
    placements, unplaced = [], []
    total_km = 0.0
    for i, g in enumerate(groups):
        j = chosen[i]
        if j is None:
            unplaced.append({"group": g.id, "reason": unplaced_reason(g, hosts, len(compat[i]))})
            continue
        km = distance_km(g, hosts[j])
        total_km += cost_km(g, hosts[j])
        placements.append(
            {
                "group": g.id,
                "host": hosts[j].id,
                "distance_km": None if km is None else round(km, 1),
                "persons": g.persons,
                "nights": len(g.nights),
                "person_nights": g.person_nights,
            }
        )
    value = _value(groups, chosen)
    bound = max(bound, value)
    return {
        "format": RESULT_FORMAT,
        "method": method,
        "status": status,
        "placements": placements,
        "person_nights": value,
        "person_nights_requested": sum(g.person_nights for g in groups),
        "groups": len(groups),
        "groups_placed": len(placements),
        "upper_bound": bound,
        "gap": round((bound - value) / bound, 6) if bound else 0.0,
        "greedy_person_nights": greedy_value,
        "distance_km_total": round(total_km, 1),
        "seconds": round(time.monotonic() - started, 3),
        "unplaced": unplaced,
        **extra,
    }

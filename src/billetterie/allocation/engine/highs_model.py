"""The HiGHS model of one tier: x per pair, u and z per association, tangent cuts of ln."""

from __future__ import annotations

import math
import os
import sys

import highspy
import numpy as np

from .problem import TierProblem

_banner_silenced = False


def new_highs(*, seed: int, time_limit: float) -> highspy.Highs:
    """A silent, single-threaded, seeded HiGHS instance (the banner goes to /dev/null)."""
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
        ("random_seed", int(seed) % 2147483647),
        ("time_limit", max(float(time_limit), 0.01)),
    ):
        h.setOptionValue(name, value)
    return h


def geometric_points(lo: float, hi: float, ratio: float) -> list[float]:
    """Breakpoints lo, lo*ratio, … up to hi (included)."""
    pts, t = [], lo
    while t < hi:
        pts.append(t)
        t *= ratio
    pts.append(hi)
    return pts


class TierModel:
    """Column layout: x pairs, then u, z and y per association of the tier."""

    def __init__(self, prob: TierProblem, served_target: int, fixed: bool, integer: bool,
                 seed: int, time_limit: float) -> None:
        self.prob = prob
        self.fixed = fixed
        n, P = len(prob.orgs), prob.n_pairs
        self.n, self.P = n, P
        self.u0, self.z0, self.y0 = P, P + n, P + 2 * n
        self.umin = [0.0] * n
        self.umax = [0.0] * n
        for i, pairs in enumerate(prob.by_org):
            if pairs:
                self.umin[i] = min(prob.pair_util[p] for p in pairs)
                by_games: dict[str, float] = {}
                for p in pairs:
                    g = prob.pair_games[p]
                    dens = prob.pair_util[p] / prob.pair_size[p]
                    by_games[g] = max(by_games.get(g, 0.0), dens)
                cap_bound = sum(d * prob.caps[i][g] for g, d in by_games.items())
                ub_bound = sum(prob.pair_util[p] * prob.pair_ub[p] for p in pairs)
                self.umax[i] = max(min(cap_bound, ub_bound), self.umin[i])
        self.h = new_highs(seed=seed, time_limit=time_limit)
        self._build(served_target, integer)

    def _build(self, served_target: int, integer: bool) -> None:
        prob, n, P = self.prob, self.n, self.P
        inf = highspy.kHighsInf
        ncol = P + 3 * n
        cost = np.zeros(ncol)
        lower = np.zeros(ncol)
        upper = np.zeros(ncol)
        upper[:P] = prob.pair_ub
        for i in range(n):
            active = bool(prob.by_org[i])
            w = prob.weights[i]
            cost[self.z0 + i] = w
            upper[self.u0 + i] = self.umax[i] if active else 0.0
            lo_z = min(0.0, math.log(self.umin[i])) if active else 0.0
            hi_z = max(0.0, math.log(self.umax[i])) if active else 0.0
            lower[self.z0 + i], upper[self.z0 + i] = lo_z, hi_z
            if self.fixed:
                lower[self.y0 + i] = upper[self.y0 + i] = 1.0 if active else 0.0
                if active:
                    lower[self.u0 + i] = self.umin[i]
            else:
                upper[self.y0 + i] = 1.0 if active else 0.0
        rows: list[tuple[float, float, list[int], list[float]]] = []
        for k, pairs in sorted(prob.by_class.items()):
            if sum(prob.pair_ub[p] for p in pairs) > prob.supply[k]:
                rows.append((-inf, float(prob.supply[k]), pairs, [1.0] * len(pairs)))
        for i, pairs in enumerate(prob.by_org):
            per_games: dict[str, list[int]] = {}
            for p in pairs:
                per_games.setdefault(prob.pair_games[p], []).append(p)
            for g, ps in sorted(per_games.items()):
                if sum(prob.pair_size[p] * prob.pair_ub[p] for p in ps) > prob.caps[i][g]:
                    rows.append((-inf, float(prob.caps[i][g]), ps,
                                 [float(prob.pair_size[p]) for p in ps]))
            rows.append((0.0, 0.0, [*pairs, self.u0 + i],
                         [-prob.pair_util[p] for p in pairs] + [1.0]))
            if pairs:
                rows.append((0.0, inf, [*pairs, self.y0 + i], [1.0] * len(pairs) + [-1.0]))
                if not self.fixed:
                    rows.append((0.0, inf, [self.u0 + i, self.y0 + i], [1.0, -self.umin[i]]))
                    rows.append((-inf, 0.0, [self.z0 + i, self.y0 + i],
                                 [1.0, -max(0.0, math.log(self.umax[i]))]))
                    rows.append((0.0, inf, [self.z0 + i, self.y0 + i],
                                 [1.0, -min(0.0, math.log(self.umin[i]))]))
        if not self.fixed:
            ys = [self.y0 + i for i in range(n) if prob.by_org[i]]
            rows.append((float(served_target), inf, ys, [1.0] * len(ys)))
        lp = highspy.HighsLp()
        lp.num_col_ = ncol
        lp.num_row_ = len(rows)
        lp.col_cost_ = cost
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = np.array([r[0] for r in rows], dtype=float)
        lp.row_upper_ = np.array([r[1] for r in rows], dtype=float)
        starts, index, value = [0], [], []
        for r in rows:
            index.extend(r[2])
            value.extend(r[3])
            starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = ncol
        lp.a_matrix_.num_row_ = len(rows)
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=float)
        lp.sense_ = highspy.ObjSense.kMaximize
        if integer:
            kinds = [highspy.HighsVarType.kInteger] * P + [highspy.HighsVarType.kContinuous] * (2 * n)
            y_kind = highspy.HighsVarType.kContinuous if self.fixed else highspy.HighsVarType.kInteger
            lp.integrality_ = kinds + [y_kind] * n
        self.h.passModel(lp)

    def add_tangents(self, cuts: list[tuple[int, float]]) -> None:
        """z_i <= ln t + (u_i - t)/t, relaxed by (1 - y_i) when service is not fixed."""
        if not cuts:
            return
        inf = highspy.kHighsInf
        lo, up, starts, index, value = [], [], [], [], []
        for i, t in cuts:
            big = 0.0 if self.fixed else max(0.0, 1.0 - math.log(t))
            starts.append(len(index))
            index.extend([self.z0 + i, self.u0 + i, self.y0 + i])
            value.extend([1.0, -1.0 / t, big])
            lo.append(-inf)
            up.append(math.log(t) - 1.0 + big)
        self.h.addRows(len(cuts), np.array(lo), np.array(up), len(index),
                       np.array(starts, dtype=np.int32), np.array(index, dtype=np.int32),
                       np.array(value))

    def run(self) -> tuple[str, np.ndarray]:
        self.h.run()
        status = self.h.modelStatusToString(self.h.getModelStatus())
        sol = np.array(self.h.getSolution().col_value)
        return status, sol

    def full_solution(self, counts: list[int]) -> np.ndarray:
        """Column values of an integer allocation, for a warm start."""
        prob = self.prob
        col = np.zeros(self.P + 3 * self.n)
        col[: self.P] = counts
        u = prob.utilities(counts)
        for i in range(self.n):
            col[self.u0 + i] = u[i]
            col[self.z0 + i] = math.log(u[i]) if u[i] > 0 else 0.0
            col[self.y0 + i] = 1.0 if u[i] > 0 else 0.0
        return col

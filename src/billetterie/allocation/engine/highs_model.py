"""The HiGHS model of one tier: u, z, y per association, x per (association, class) pair."""

from __future__ import annotations

import math
import os
import sys

import highspy
import numpy as np

from .problem import TierProblem

_banner_silenced = False
INF = highspy.kHighsInf


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
    """Columns u, z, y per association first, then one x column per pair added to the model.

    Every pair's rows exist from the start, so pairs can be added later (column generation).
    """

    def __init__(
        self,
        prob: TierProblem,
        served_target: int,
        fixed: bool,
        integer: bool,
        seed: int,
        time_limit: float,
    ) -> None:
        self.prob = prob
        self.fixed = fixed
        self.integer = integer
        n = len(prob.orgs)
        self.n, self.P = n, prob.n_pairs
        self.u0, self.z0, self.y0 = 0, n, 2 * n
        self.col_of_pair = np.full(self.P, -1, dtype=np.int64)
        self.num_col = 3 * n
        self._bounds()
        self.h = new_highs(seed=seed, time_limit=time_limit)
        self._build(served_target)

    def _bounds(self) -> None:
        prob, n = self.prob, self.n
        self.umin, self.umax = [0.0] * n, [0.0] * n
        for i, pairs in enumerate(prob.by_org):
            if not pairs:
                continue
            self.umin[i] = min(prob.pair_util[p] for p in pairs)
            dens: dict[str, float] = {}
            for p in pairs:
                g = prob.pair_games[p]
                dens[g] = max(dens.get(g, 0.0), prob.pair_util[p] / prob.pair_size[p])
            by_caps = sum(d * prob.caps[i][g] for g, d in dens.items())
            by_packs = sum(prob.pair_util[p] * prob.pair_ub[p] for p in pairs)
            self.umax[i] = max(min(by_caps, by_packs), self.umin[i])

    def _build(self, served_target: int) -> None:
        prob, n, P = self.prob, self.n, self.P
        cost, lower, upper = np.zeros(3 * n), np.zeros(3 * n), np.zeros(3 * n)
        rows: list[tuple[float, float, list[int], list[float]]] = []
        self.row_supply = np.full(P, -1, dtype=np.int64)
        self.row_cap = np.full(P, -1, dtype=np.int64)
        self.row_udef = np.full(P, -1, dtype=np.int64)
        self.row_serve = np.full(P, -1, dtype=np.int64)
        for k, pairs in sorted(prob.by_class.items()):
            if sum(prob.pair_ub[p] for p in pairs) > prob.supply[k]:
                self.row_supply[pairs] = len(rows)
                rows.append((-INF, float(prob.supply[k]), [], []))
        for i, pairs in enumerate(prob.by_org):
            active = bool(pairs)
            cost[self.z0 + i] = prob.weights[i]
            upper[self.u0 + i] = self.umax[i]
            lo_z = min(0.0, math.log(self.umin[i])) if active else 0.0
            hi_z = max(0.0, math.log(self.umax[i])) if active else 0.0
            lower[self.z0 + i], upper[self.z0 + i] = lo_z, hi_z
            if self.fixed:
                lower[self.y0 + i] = upper[self.y0 + i] = 1.0 if active else 0.0
                lower[self.u0 + i] = self.umin[i]
            else:
                upper[self.y0 + i] = 1.0 if active else 0.0
            if not active:
                continue
            per_games: dict[str, list[int]] = {}
            for p in pairs:
                per_games.setdefault(prob.pair_games[p], []).append(p)
            for g, ps in sorted(per_games.items()):
                if sum(prob.pair_size[p] * prob.pair_ub[p] for p in ps) > prob.caps[i][g]:
                    self.row_cap[ps] = len(rows)
                    rows.append((-INF, float(prob.caps[i][g]), [], []))
            self.row_udef[pairs] = len(rows)
            rows.append((0.0, 0.0, [self.u0 + i], [1.0]))
            self.row_serve[pairs] = len(rows)
            rows.append((0.0, INF, [self.y0 + i], [-1.0]))
            if not self.fixed:
                rows.append((0.0, INF, [self.u0 + i, self.y0 + i], [1.0, -self.umin[i]]))
                # u_i <= umax_i y_i: an association not counted as served holds nothing (true of
                # every allocation; with the perspective tangents, the LP can no longer give a
                # fractionally served association a large value).
                rows.append((-INF, 0.0, [self.u0 + i, self.y0 + i], [1.0, -self.umax[i]]))
                rows.append((-INF, 0.0, [self.z0 + i, self.y0 + i], [1.0, -hi_z]))
                rows.append((0.0, INF, [self.z0 + i, self.y0 + i], [1.0, -lo_z]))
        if not self.fixed:
            ys = [self.y0 + i for i in range(n) if prob.by_org[i]]
            rows.append((float(served_target), INF, ys, [1.0] * len(ys)))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = 3 * n, len(rows)
        lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, lower, upper
        lp.row_lower_ = np.array([r[0] for r in rows], dtype=float)
        lp.row_upper_ = np.array([r[1] for r in rows], dtype=float)
        starts, index, value = [0], [], []
        for r in rows:
            index.extend(r[2])
            value.extend(r[3])
            starts.append(len(index))
        m = lp.a_matrix_
        m.format_ = highspy.MatrixFormat.kRowwise
        m.num_col_, m.num_row_ = 3 * n, len(rows)
        m.start_ = np.array(starts, dtype=np.int32)
        m.index_ = np.array(index, dtype=np.int32)
        m.value_ = np.array(value, dtype=float)
        lp.sense_ = highspy.ObjSense.kMaximize
        if self.integer and not self.fixed:
            lp.integrality_ = [highspy.HighsVarType.kContinuous] * (2 * n) + [
                highspy.HighsVarType.kInteger
            ] * n
        self.h.passModel(lp)
        self.util = np.array(prob.pair_util, dtype=float)
        self.size = np.array(prob.pair_size, dtype=float)

    def add_pairs(self, pairs) -> None:
        """Add x columns for these pairs (ignoring those already present)."""
        prob = self.prob
        pairs = [int(p) for p in pairs if self.col_of_pair[p] < 0]
        if not pairs:
            return
        starts, index, value = [], [], []
        for p in pairs:
            starts.append(len(index))
            for row, coef in (
                (self.row_supply[p], 1.0),
                (self.row_cap[p], float(prob.pair_size[p])),
                (self.row_udef[p], -prob.pair_util[p]),
                (self.row_serve[p], 1.0),
            ):
                if row >= 0:
                    index.append(int(row))
                    value.append(coef)
        count = len(pairs)
        self.h.addCols(
            count,
            np.zeros(count),
            np.zeros(count),
            np.array([float(prob.pair_ub[p]) for p in pairs]),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(value),
        )
        cols = np.arange(self.num_col, self.num_col + count)
        self.col_of_pair[pairs] = cols
        self.num_col += count
        if self.integer:
            self.h.changeColsIntegrality(
                count, cols.astype(np.int32), np.array([1] * count, dtype=np.uint8)
            )

    def add_tangents(self, cuts: list[tuple[int, float]]) -> None:
        """z_i <= ln t + (u_i - t)/t; when service is not fixed, its perspective
        z_i <= (ln t - 1) y_i + u_i / t.

        The perspective is the tightest linear form valid both when i is served (y_i = 1: the
        tangent) and when it is not (y_i = 0, z_i = 0, u_i >= 0); with a fractional y_i it bounds z_i
        far better than a big-M relaxation when ln t > 1, which tightens the bound of tiers where
        not everybody can be served (a waiting list larger than what is left).
        """
        if not cuts:
            return
        lo, up, starts, index, value = [], [], [], [], []
        for i, t in cuts:
            starts.append(len(index))
            index.extend([self.z0 + i, self.u0 + i, self.y0 + i])
            lo.append(-INF)
            if self.fixed:
                value.extend([1.0, -1.0 / t, 0.0])
                up.append(math.log(t) - 1.0)
            else:
                value.extend([1.0, -1.0 / t, 1.0 - math.log(t)])
                up.append(0.0)
        self.h.addRows(
            len(cuts),
            np.array(lo),
            np.array(up),
            len(index),
            np.array(starts, dtype=np.int32),
            np.array(index, dtype=np.int32),
            np.array(value),
        )

    def run(self) -> tuple[str, np.ndarray]:
        self.h.run()
        status = self.h.modelStatusToString(self.h.getModelStatus())
        return status, np.array(self.h.getSolution().col_value)

    def pair_values(self, sol: np.ndarray) -> np.ndarray:
        x = np.zeros(self.P)
        present = self.col_of_pair >= 0
        x[present] = sol[self.col_of_pair[present]]
        return x

    def reduced_costs(self) -> np.ndarray:
        """Reduced cost of every pair, in the model or not (positive = improving)."""
        dual = np.append(np.array(self.h.getSolution().row_dual), 0.0)  # index -1 -> 0
        return -(
            dual[self.row_supply]
            + dual[self.row_cap] * self.size
            - dual[self.row_udef] * self.util
            + dual[self.row_serve]
        )

    def full_solution(self, counts: list[int]) -> np.ndarray:
        """Column values of an integer allocation, for a warm start."""
        col = np.zeros(self.num_col)
        u = self.prob.utilities(counts)
        for i in range(self.n):
            col[self.u0 + i] = u[i]
            col[self.z0 + i] = math.log(u[i]) if u[i] > 0 else 0.0
            col[self.y0 + i] = 1.0 if u[i] > 0 else 0.0
        for p, x in enumerate(counts):
            if x:
                col[self.col_of_pair[p]] = x
        return col

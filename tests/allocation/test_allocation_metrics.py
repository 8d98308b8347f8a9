"""Metrics are computed the same way for every method."""

from billetterie.allocation.engine.metrics import gini, percentile


def test_gini_bounds():
    assert gini([0.5, 0.5, 0.5]) == 0
    assert gini([]) == 0
    assert abs(gini([0, 0, 0, 1]) - 0.75) < 1e-12


def test_percentile_nearest_rank():
    values = [0.1 * k for k in range(1, 11)]
    assert percentile(values, 0.1) == values[0]
    assert percentile(values, 1.0) == values[-1]
    assert percentile([], 0.1) == 0.0

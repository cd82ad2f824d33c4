"""The constant each loss fits (losses.best_constant), against hand-derived values and
the definition: nothing nearby has a smaller summed loss."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import losses

ARTICLES = [0.9, 1.1, 0.95, 1.05, 1.0, 1000.0]  # five good values and one outlier


def test_the_articles_example_by_hand():
    assert losses.best_constant(ARTICLES, "mse") == pytest.approx(1005 / 6, rel=1e-15)
    # the two middle values are 1.0 and 1.05: every c between them has the least L1 cost
    assert losses.best_constant(ARTICLES, "mae") == pytest.approx(1.025, rel=1e-15)
    # δ = 1: the five near values pull with c − v_i (they sum to 5), the outlier with −1:
    # 5 (c − 1) − 1 = 0
    assert losses.best_constant(ARTICLES, "huber", delta=1.0) == pytest.approx(1.2, rel=1e-15)
    # δ = 0.05: 0.9 and 0.95 pull with +δ, 1.1 and 1000 with −δ, 1.0 and 1.05 with c − v:
    # (c − 1) + (c − 1.05) = 0
    assert losses.best_constant(ARTICLES, "huber", delta=0.05) == pytest.approx(1.025, rel=1e-15)


def test_huber_fits_the_mean_when_every_value_is_within_delta_of_it():
    assert losses.best_constant(ARTICLES, "huber", delta=2000.0) == pytest.approx(1005 / 6, rel=1e-15)


def test_an_odd_count_fits_the_middle_value_under_l1():
    assert losses.best_constant([3.0, -7.0, 1.0], "mae") == 1.0


def test_huge_values_do_not_overflow():
    assert losses.best_constant([1e308, 1e308], "mse") == 1e308
    assert losses.best_constant([1e308, 1.7e308], "mae") == pytest.approx(1.35e308)
    assert losses.best_constant([-1e308, 1e308], "mae") == 0.0


@pytest.mark.parametrize(
    ("values", "loss", "kwargs", "message"),
    [
        ([], "mse", {}, "at least one value"),
        ([1.0, np.nan], "mae", {}, "nan"),
        ([1.0, np.inf], "huber", {}, "inf"),
        ([1.0], "hinge", {}, "hinge"),
        ([1.0], "huber", {"delta": -1.0}, "delta"),
    ],
)
def test_bad_input_is_named(values, loss, kwargs, message):
    with pytest.raises(ValueError, match=message):
        losses.best_constant(values, loss, **kwargs)


def _summed(loss, values, c, delta):
    params = {"delta": delta} if loss == "huber" else {}
    return float(losses.LOSSES[loss].fn(np.asarray(values), c, reduction="sum", **params))


@settings(max_examples=200, deadline=None)
@given(
    values=st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=12),
    loss=st.sampled_from(losses.BEST_CONSTANT_LOSSES),
    delta=st.floats(0.01, 100.0),
)
def test_no_nearby_constant_costs_less(values, loss, delta):
    c = losses.best_constant(values, loss, delta=delta)
    best = _summed(loss, values, c, delta)
    spread = max(values) - min(values) + 1.0
    for step in (1e-6, 1e-3, 1e-1, 1.0):
        for other in (c - step * spread, c + step * spread):
            assert best <= _summed(loss, values, other, delta) * (1 + 1e-12) + 1e-12

"""Regression losses: hand-derived values, the seeds' examples, and the edges."""

import math

import numpy as np
import pytest

import losses


def test_l1_and_l2_on_the_articles_outlier_example():
    # Targets 1, predictions near 1 and one prediction of 1000 (the seeds' example):
    # residuals 0.1, -0.1, 0, 999.
    y = [1.0, 1.0, 1.0, 1.0]
    p = [1.1, 0.9, 1.0, 1000.0]
    r = np.array(p) - np.array(y)  # the float64 residuals the losses see
    assert losses.mae(y, p) == pytest.approx((abs(r[0]) + abs(r[1]) + 999) / 4, rel=1e-15)
    assert losses.mse(y, p) == pytest.approx((r[0] ** 2 + r[1] ** 2 + 999**2) / 4, rel=1e-15)
    # the outlier's share of the cost: almost all of L2's, less of L1's
    l2 = losses.mse(y, p, reduction="none")
    l1 = losses.mae(y, p, reduction="none")
    assert l2[3] / l2.sum() > 0.99999
    assert l1[3] / l1.sum() < 0.9999


def test_huber_piecewise_by_hand():
    # |r| <= delta: r^2 / 2; beyond: delta (|r| - delta / 2)
    assert losses.huber(0.0, [0.5, -3.0, 2.0], delta=1.0, reduction="none").tolist() == [0.125, 2.5, 1.5]
    assert losses.huber(0.0, [3.0], delta=2.0, reduction="none").tolist() == [4.0]
    assert losses.huber_derivative(0.0, [0.5, -3.0, 2.0], delta=1.0).tolist() == [0.5, -1.0, 1.0]


def test_pytorch_smooth_l1_is_huber_over_beta():
    # smooth_l1(r, beta) = 0.5 r^2 / beta for |r| < beta, else |r| - beta / 2 (PyTorch docs)
    beta = 2.0
    for r in (0.5, 1.0, 3.0, -7.0):
        smooth = 0.5 * r * r / beta if abs(r) < beta else abs(r) - beta / 2
        assert losses.huber(0.0, r, delta=beta) / beta == pytest.approx(smooth, rel=1e-15)


def test_pseudo_huber_by_hand():
    # delta^2 (sqrt(1 + (r/delta)^2) - 1): r = 3, delta = 4 -> 16 (5/4 - 1) = 4
    assert losses.pseudo_huber(0.0, 3.0, delta=4.0) == 4.0
    # r = 4, delta = 3 -> 9 (5/3 - 1) = 6
    assert losses.pseudo_huber(0.0, 4.0, delta=3.0) == pytest.approx(6.0, rel=1e-15)
    # tiny residual: the naive formula cancels to 0, the exact value is r^2 / 2
    assert losses.pseudo_huber(0.0, 1e-10) == pytest.approx(0.5e-20, rel=1e-15)
    # slope r / sqrt(1 + (r/delta)^2): 3 / (5/4) = 2.4
    assert losses.pseudo_huber_derivative(0.0, 3.0, delta=4.0) == pytest.approx(2.4, rel=1e-15)


def test_log_cosh_does_not_overflow():
    # log cosh r = |r| - ln 2 + log1p(e^{-2|r|}); cosh itself overflows past 710
    assert losses.log_cosh(0.0, 1000.0) == pytest.approx(1000.0 - math.log(2), rel=1e-16)
    assert losses.log_cosh(0.0, -1e300) == pytest.approx(1e300, rel=1e-16)
    assert losses.log_cosh(0.0, 1e-10) == pytest.approx(0.5e-20, rel=1e-15)
    assert losses.log_cosh_derivative(0.0, [-1e300, 0.0, 1e300]).tolist() == [-1.0, 0.0, 1.0]


def test_msle_by_hand():
    # log1p(e - 1) = 1, so msle(0, e - 1) = 1
    assert losses.msle(0.0, math.e - 1) == pytest.approx(1.0, rel=1e-15)
    # 2 (log1p(y_pred) - log1p(y_true)) / (1 + y_pred) = 2 / e at y_pred = e - 1
    assert losses.msle_derivative(0.0, math.e - 1) == pytest.approx(2 / math.e, rel=1e-15)


def test_rmse_by_hand():
    assert losses.rmse([0.0, 0.0], [3.0, 4.0]) == pytest.approx(math.sqrt(12.5), rel=1e-16)
    assert losses.rmse([0.0, 0.0], [3e300, 4e300]) == pytest.approx(math.sqrt(12.5) * 1e300, rel=1e-15)
    assert losses.rmse([0.0], [0.0]) == 0.0
    # d rmse / dy_pred_i = r_i / (n rmse)
    assert losses.rmse_derivative([0.0, 0.0], [3.0, 4.0]) == pytest.approx(
        [3 / (2 * math.sqrt(12.5)), 4 / (2 * math.sqrt(12.5))]
    )


def test_mean_of_huge_losses_stays_finite():
    # both per-example losses are finite; their sum overflows, their mean does not
    assert losses.mse([0.0, 0.0], [1e154, 1e154]) == pytest.approx(1e308, rel=1e-15)


def test_mse_is_r_squared_without_the_half():
    # Optax l2_loss is r^2 / 2; ours follows PyTorch and Keras
    assert losses.mse(1.0, 4.0) == 9.0
    assert losses.mse_derivative(1.0, 4.0) == 6.0


def test_nan_propagates():
    out = losses.mse([0.0, np.nan], [1.0, 1.0], reduction="none")
    assert out[0] == 1.0
    assert np.isnan(out[1])
    assert np.isnan(losses.mae([np.nan], [1.0]))


def test_rmse_of_subnormal_and_overflowing_residuals():
    # one residual: rmse = |r|, its derivative sign(r), whatever the magnitude of r
    assert losses.rmse([0.0], [1e-310]) == 1e-310
    assert losses.rmse([0.0], [5e-324]) == 5e-324
    np.testing.assert_array_equal(losses.rmse_derivative([0.0], [1e-310]), [1.0])
    np.testing.assert_array_equal(losses.rmse_derivative([-1e308], [1e308]), [1.0])
    # r = (3e-310, 4e-310): rmse = sqrt(25e-620 / 2), derivative r / (2 rmse) = (0.3, 0.4) * sqrt 2
    np.testing.assert_allclose(
        losses.rmse_derivative([0.0, 0.0], [3e-310, 4e-310]), np.array([0.3, 0.4]) * np.sqrt(2), rtol=1e-15
    )

"""The line each loss fits (losses.fit_line), against independent references: NumPy's
least squares for L2, the best line through two of the points for L1 (an L1 line fit
has an optimum through two points), and the optimality conditions of a smooth loss
(its summed derivative is 0 along both parameters) for the others."""

import itertools

import numpy as np
import pytest

import losses
from losses.fitting import LINE_FIT_LOSSES, fit_line

RNG = np.random.default_rng(7)
X = np.linspace(0.0, 10.0, 15)
Y = 0.8 * X + 2.0 + RNG.normal(0.0, 0.5, X.size)
Y_OUT = Y.copy()
Y_OUT[[2, 9]] += [40.0, 60.0]  # two points far above the line

SMOOTH = [
    ("huber", {"delta": 1.0}, losses.huber_derivative),
    ("pseudo_huber", {"delta": 0.5}, losses.pseudo_huber_derivative),
    ("log_cosh", {}, losses.log_cosh_derivative),
    ("barron", {"alpha": 0.0, "scale": 1.0}, losses.barron_derivative),
    ("barron", {"alpha": 1.5, "scale": 2.0}, losses.barron_derivative),
]


def test_l2_is_least_squares():
    fit = fit_line(X, Y_OUT, "mse")
    slope, intercept = np.polyfit(X, Y_OUT, 1)
    assert fit.slope == pytest.approx(slope, rel=1e-12)
    assert fit.intercept == pytest.approx(intercept, rel=1e-12)
    assert fit.iterations == 0
    assert fit.path.shape == (1, 2)


def test_l1_finds_the_best_line_through_two_points():
    fit = fit_line(X, Y_OUT, "mae")
    cost = lambda a, b: np.abs(a * X + b - Y_OUT).sum()
    best = min(
        cost(a, Y_OUT[i] - a * X[i])
        for i, j in itertools.combinations(range(X.size), 2)
        for a in [(Y_OUT[j] - Y_OUT[i]) / (X[j] - X[i])]
    )
    assert fit.converged
    assert cost(fit.slope, fit.intercept) == pytest.approx(best, rel=1e-7)


@pytest.mark.parametrize(("loss", "params", "derivative"), SMOOTH)
def test_a_smooth_loss_stops_where_its_gradient_is_zero(loss, params, derivative):
    fit = fit_line(X, Y_OUT, loss, **params)
    psi = derivative(0.0, fit.slope * X + fit.intercept - Y_OUT, **params)
    assert fit.converged
    # d/d(intercept) = sum psi(r_i), d/d(slope) = sum psi(r_i) x_i; psi is at most ~1
    assert abs(psi.sum()) < 1e-8
    assert abs((psi * X).sum()) < 1e-7


@pytest.mark.parametrize(("loss", "params"), [("huber", {"delta": 1.0}), ("barron", {"alpha": 0.0})])
def test_a_robust_loss_keeps_to_the_line_and_l2_does_not(loss, params):
    l2 = fit_line(X, Y_OUT, "mse")
    robust = fit_line(X, Y_OUT, loss, **params)
    clean = fit_line(X, Y, "mse")
    assert abs(robust.intercept - clean.intercept) < 1.0
    assert abs(l2.intercept - clean.intercept) > 4.0  # 100 over 15 points lifts it ~6.7


@pytest.mark.parametrize("loss", LINE_FIT_LOSSES)
def test_without_outliers_every_loss_fits_near_the_true_line(loss):
    fit = fit_line(X, Y, loss)
    assert fit.slope == pytest.approx(0.8, abs=0.15)
    assert fit.intercept == pytest.approx(2.0, abs=0.8)


def test_the_weights_are_psi_over_r():
    fit = fit_line(X, Y_OUT, "huber", delta=1.0)
    r = fit.slope * X + fit.intercept - Y_OUT
    # by hand: 1 within δ, δ / |r| beyond
    np.testing.assert_allclose(fit.weights, np.where(np.abs(r) <= 1.0, 1.0, 1.0 / np.abs(r)), rtol=1e-14)
    assert fit.weights[9] < 0.02  # the point 60 above weighs ~1/60


def test_a_batch_fits_each_data_set_as_alone():
    ys = np.stack([Y, Y_OUT, Y_OUT + 5.0])
    batch = fit_line(X, ys, "huber", delta=0.7)
    for i, y in enumerate(ys):
        alone = fit_line(X, y, "huber", delta=0.7)
        assert batch.slope[i] == pytest.approx(alone.slope, rel=1e-12)
        assert batch.intercept[i] == pytest.approx(alone.intercept, rel=1e-12)
        assert batch.iterations[i] == alone.iterations
    # a converged fit keeps its line in the path while the others go on
    first = batch.path[0]
    assert (first[batch.iterations[0] :] == first[-1]).all()


def test_the_path_starts_at_least_squares_and_ends_at_the_fit():
    fit = fit_line(X, Y_OUT, "log_cosh")
    np.testing.assert_allclose(fit.path[0], np.polyfit(X, Y_OUT, 1), rtol=1e-12)
    assert tuple(fit.path[-1]) == (fit.slope, fit.intercept)
    assert 1 <= fit.iterations == len(fit.path) - 1


@pytest.mark.parametrize(
    ("x", "y", "loss", "kwargs", "message"),
    [
        ([1.0], [2.0], "mse", {}, "at least two points"),
        ([1.0, 1.0], [2.0, 3.0], "mse", {}, "two distinct x"),
        ([0.0, np.nan], [1.0, 2.0], "huber", {}, "finite"),
        ([0.0, 1.0], [1.0, np.inf], "huber", {}, "inf in y"),
        ([0.0, 1.0], [1.0, 2.0], "hinge", {}, "loss='hinge'"),
        ([0.0, 1.0], [1.0, 2.0], "huber", {"alpha": 1.0}, "alpha"),
        ([0.0, 1.0], [1.0, 2.0], "huber", {"delta": -1.0}, "delta=-1.0"),
        ([0.0, 1.0, 2.0], [1.0, 2.0], "mse", {}, "broadcast"),
    ],
)
def test_bad_input_is_named(x, y, loss, kwargs, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        fit_line(x, y, loss, **kwargs)

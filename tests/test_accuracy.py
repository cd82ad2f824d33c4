"""Every loss and derivative against mpmath on inputs spanning the float64 range.

The bar (design doc, "Exactness"): losses within 4 ulp, derivatives within 8 ulp of the
exact result for the given float64 inputs. ``benchmarks/accuracy.py`` prints the table.
"""

import numpy as np
import pytest

import losses
from extreme_inputs import CASES, REFERENCES, distribution, hard_labels, per_example_loss, signed
from references import (
    derivative,
    exact,
    ref_log_softmax_i,
    ref_rmse,
    ref_sigmoid,
    ref_softmax_i,
    ulp_error,
)

N_CASES = 80
LOSS_ULP = 4
DERIVATIVE_ULP = 8


def _cases(name):
    return list(CASES[name](np.random.default_rng(sum(map(ord, name))), N_CASES))


def test_every_loss_has_accuracy_cases():
    """A loss without extreme cases and a reference would go untested: every registry
    entry, and every public function that has a derivative beside it, has both."""
    public = {name for name in losses.__all__ if f"{name}_derivative" in losses.__all__}
    assert public <= set(losses.LOSSES)
    assert set(CASES) == set(REFERENCES) == set(losses.LOSSES)


@pytest.mark.parametrize("name", list(CASES))
def test_loss_within_4_ulp_of_mpmath(name):
    spec = losses.LOSSES[name]
    worst = max(
        (
            (
                ulp_error(
                    per_example_loss(spec, y, pred, params), exact(REFERENCES[name], y, pred, **params)
                ),
                (y, pred, params),
            )
            for y, pred, params in _cases(name)
        ),
        key=lambda row: row[0],
    )
    assert worst[0] <= LOSS_ULP, f"{name}: {worst[0]:.2f} ulp at {worst[1]}"


@pytest.mark.parametrize("name", list(CASES))
def test_derivative_within_8_ulp_of_mpmath(name):
    spec = losses.LOSSES[name]
    worst = (0.0, None)
    for y, pred, params in _cases(name):
        if not hard_labels(name, y):
            continue
        grads = np.atleast_1d(spec.derivative(y, pred, **params))
        for i, g in enumerate(grads):
            index = i if isinstance(pred, list) else None
            err = ulp_error(g, derivative(REFERENCES[name], y, pred, index=index, **params))
            if err > worst[0]:
                worst = (err, (y, pred, params, i))
    assert worst[0] <= DERIVATIVE_ULP, f"{name}': {worst[0]:.2f} ulp at {worst[1]}"


@pytest.mark.parametrize("name", ["sigmoid_cross_entropy", "softmax_cross_entropy"])
def test_soft_label_derivative_within_rounding_of_the_probability(name):
    spec = losses.LOSSES[name]
    for y, pred, params in _cases(name):
        grads = np.atleast_1d(spec.derivative(y, pred, **params))
        probs = losses.softmax(pred) if isinstance(pred, list) else [losses.sigmoid(pred)]
        for i, g in enumerate(grads):
            index = i if isinstance(pred, list) else None
            ref = derivative(REFERENCES[name], y, pred, index=index, **params)
            # |error| within 4 ulp of the larger of the two terms p_i sum(y) and y_i
            scale = max(abs(float(probs[i]) * float(np.sum(y))), abs(float(np.ravel(y)[i])))
            assert abs(float(g) - float(ref)) <= 4 * np.spacing(scale) + 8 * np.spacing(abs(float(ref)))


def test_rmse_within_4_ulp_of_mpmath():
    rng = np.random.default_rng(7)
    for i in range(40):
        n = int(rng.integers(1, 6))
        scale = (1e-300, 1e-150, 1.0, 1e150, 1e300)[i % 5]
        y = list(rng.uniform(-1, 1, n) * scale)
        p = list(rng.uniform(-1, 1, n) * scale)
        assert ulp_error(losses.rmse(y, p), exact(ref_rmse, y, p)) <= LOSS_ULP, (y, p)


def test_rmse_finite_where_squares_overflow():
    # r = 1.5e308 - (-1.5e308) overflows, but sqrt(mean([3e308**2, 0, 0, 0])) = 1.5e308.
    y, p = [-1.5e308, 0, 0, 0], [1.5e308, 0, 0, 0]
    assert ulp_error(losses.rmse(y, p), exact(ref_rmse, y, p)) <= LOSS_ULP


def test_sigmoid_within_4_ulp_of_mpmath():
    rng = np.random.default_rng(3)
    for _ in range(200):
        x = signed(rng, -300, 3)
        assert ulp_error(losses.sigmoid(x), exact(ref_sigmoid, x)) <= LOSS_ULP, x


@pytest.mark.parametrize("temperature", [1.0, 0.1, 0.37, 3.0, 1e-5, 1e5])
def test_softmax_within_4_ulp_of_mpmath(temperature):
    rng = np.random.default_rng(int(temperature * 1000))
    for i in range(30):
        c = int(rng.integers(2, 6))
        x = list(rng.uniform(-1, 1, c) * (1.0, 30.0, 700.0, 1e6, 1e300)[i % 5])
        out = losses.softmax(x, temperature=temperature)
        for k in range(c):
            assert ulp_error(out[k], exact(ref_softmax_i(k, temperature), x)) <= LOSS_ULP, (x, k)


def test_log_softmax_within_4_ulp_of_mpmath():
    rng = np.random.default_rng(11)
    for i in range(60):
        c = int(rng.integers(2, 6))
        x = list(rng.uniform(-1, 1, c) * (1.0, 30.0, 700.0, 1e6, 1e300)[i % 5])
        out = losses.log_softmax(x)
        for k in range(c):
            assert ulp_error(out[k], exact(ref_log_softmax_i(k), x)) <= LOSS_ULP, (x, k)


def test_log_sum_exp_of_30_and_0_keeps_every_digit():
    # The design doc's example: log(e^30 + 1) = 30 + log1p(e^-30); naive sums lose 11 digits.
    x = [30.0, 0.0]
    assert ulp_error(losses.log_softmax(x)[0], exact(ref_log_softmax_i(0), x)) <= 1
    assert (
        ulp_error(
            losses.softmax_cross_entropy([1.0, 0.0], x),
            exact(REFERENCES["softmax_cross_entropy"], [1.0, 0.0], x),
        )
        <= 1
    )


def test_kl_of_nearly_equal_distributions_keeps_its_digits():
    rng = np.random.default_rng(5)
    for _ in range(30):
        p = distribution(rng, 4, extreme=False)
        q = list(np.array(p) * (1 + rng.uniform(-1e-9, 1e-9, 4)))
        assert ulp_error(losses.kl_divergence(p, q), exact(REFERENCES["kl_divergence"], p, q)) <= LOSS_ULP

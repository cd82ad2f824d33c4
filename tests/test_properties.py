"""Properties over the whole registry (scikit-learn's test_common style): one test per
property, parametrized by entry, so a loss added to the registry is tested at once."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import losses
from losses import LOSSES

REDUCIBLE = [name for name, spec in LOSSES.items() if spec.reductions]
finite = st.floats(-1e6, 1e6, allow_nan=False)


def inputs(name, rng, n=6, classes=4):
    """A batch of valid (y_true, prediction) for the loss ``name``."""
    family = LOSSES[name].family
    if family == "regression":
        low = -0.99 if name == "msle" else -100.0
        return rng.uniform(low, 100, n), rng.uniform(low, 100, n)
    if name in ("binary_cross_entropy", "binary_focal_cross_entropy"):
        return rng.integers(0, 2, n).astype(float), rng.uniform(0, 1, n)
    if family == "binary":
        return rng.integers(0, 2, n).astype(float), rng.normal(0, 3, n)
    labels = rng.integers(0, classes, n)
    probs = rng.dirichlet(np.ones(classes), n)
    if name == "sparse_categorical_cross_entropy":
        return labels, probs
    if name == "softmax_cross_entropy":
        return np.eye(classes)[labels], rng.normal(0, 3, (n, classes))
    if name == "kl_divergence":
        return rng.dirichlet(np.ones(classes), n), probs
    return np.eye(classes)[labels], probs


@pytest.mark.parametrize("name", list(LOSSES))
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_non_negative(name, seed):
    y, pred = inputs(name, np.random.default_rng(seed))
    spec = LOSSES[name]
    values = spec.fn(y, pred) if not spec.reductions else spec.fn(y, pred, reduction="none")
    # KL of float64 distributions whose sums differ by rounding may dip a few ulp below 0
    assert np.all(np.asarray(values) >= -1e-15)


PERFECT = {
    # y_true, the prediction at the loss's minimum
    "mae": ([1.5, -2.0], [1.5, -2.0]),
    "mse": ([1.5, -2.0], [1.5, -2.0]),
    "huber": ([1.5, -2.0], [1.5, -2.0]),
    "pseudo_huber": ([1.5, -2.0], [1.5, -2.0]),
    "log_cosh": ([1.5, -2.0], [1.5, -2.0]),
    "rmse": ([1.5, -2.0], [1.5, -2.0]),
    "msle": ([1.5, -0.5], [1.5, -0.5]),
    "barron": ([1.5, -2.0], [1.5, -2.0]),
    "binary_cross_entropy": ([0.0, 1.0], [0.0, 1.0]),
    "sigmoid_cross_entropy": ([0.0, 1.0], [-np.inf, np.inf]),
    "binary_focal_cross_entropy": ([0.0, 1.0], [0.0, 1.0]),
    "sigmoid_focal_cross_entropy": ([0.0, 1.0], [-np.inf, np.inf]),
    "hinge": ([-1.0, 1.0], [-1.0, 3.0]),
    "squared_hinge": ([-1.0, 1.0], [-1.0, 3.0]),
    "categorical_cross_entropy": ([[0.0, 1.0]], [[0.0, 1.0]]),
    "sparse_categorical_cross_entropy": ([1], [[0.0, 1.0]]),
    "softmax_cross_entropy": ([[0.0, 1.0]], [[-np.inf, 0.0]]),
    "kl_divergence": ([[0.25, 0.75]], [[0.25, 0.75]]),
}


def test_every_loss_has_a_perfect_prediction_case():
    assert set(PERFECT) == set(LOSSES)


@pytest.mark.parametrize("name", list(LOSSES))
def test_zero_at_a_perfect_prediction(name):
    y, pred = PERFECT[name]
    spec = LOSSES[name]
    assert spec.fn(y, pred) == 0.0
    if spec.family == "regression":  # smooth minimum (or the subgradient 0 of |r|)
        assert np.all(spec.derivative(y, pred) == 0.0)


@pytest.mark.parametrize("name", REDUCIBLE)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 9))
@settings(max_examples=20, deadline=None)
def test_reductions_agree(name, seed, n):
    y, pred = inputs(name, np.random.default_rng(seed), n=n)
    fn = LOSSES[name].fn
    per_example = fn(y, pred, reduction="none")
    assert per_example.shape == (n,)
    total = fn(y, pred, reduction="sum")
    assert total == pytest.approx(np.sum(per_example), rel=1e-14, abs=1e-300)
    assert fn(y, pred, reduction="mean") == pytest.approx(total / n, rel=1e-14, abs=1e-300)
    assert fn(y, pred) == fn(y, pred, reduction="mean")


@pytest.mark.parametrize("name", list(LOSSES))
def test_derivative_has_the_prediction_shape(name):
    y, pred = inputs(name, np.random.default_rng(1))
    spec = LOSSES[name]
    grad = spec.derivative(y, pred, **spec.defaults())
    assert grad.shape == np.shape(pred)
    assert grad.dtype == np.float64


@pytest.mark.parametrize("name", list(LOSSES))
def test_results_are_float64(name):
    y, pred = inputs(name, np.random.default_rng(2))
    spec = LOSSES[name]
    assert np.asarray(spec.fn(y, pred)).dtype == np.float64


@pytest.mark.parametrize("name", ["huber", "pseudo_huber"])
@given(delta=st.floats(1e-3, 1e3), scale=st.floats(1e-9, 1e-6))
@settings(max_examples=30, deadline=None)
def test_robust_losses_are_quadratic_for_small_residuals(name, delta, scale):
    r = delta * scale  # |r| << delta
    assert LOSSES[name].fn(0.0, r, delta=delta) == pytest.approx(0.5 * r * r, rel=1e-11)


@pytest.mark.parametrize("name", ["huber", "pseudo_huber"])
@given(delta=st.floats(1e-3, 1e3), scale=st.floats(1e7, 1e9))
@settings(max_examples=30, deadline=None)
def test_robust_losses_are_lines_of_slope_delta_for_large_residuals(name, delta, scale):
    r = delta * scale  # |r| >> delta
    fn = LOSSES[name].fn
    # Huber: delta |r| - delta^2 / 2 exactly; Pseudo-Huber: delta |r| - delta^2 + O(delta^3 / r)
    offset = 0.5 if name == "huber" else 1.0
    assert fn(0.0, r, delta=delta) == pytest.approx(delta * r - offset * delta**2, rel=1e-12)
    assert LOSSES[name].derivative(0.0, r, delta=delta) == pytest.approx(delta, rel=1e-12)


@given(
    logits=arrays(np.float64, (3, 4), elements=st.integers(-(2**20), 2**20).map(lambda k: k / 1024)),
    label=st.integers(0, 3),
)
@settings(max_examples=50, deadline=None)
def test_softmax_losses_unchanged_when_every_logit_shifts_by_1e6(logits, label):
    # dyadic logits: x + 1e6 is exact, so the loss must be bit-for-bit the same
    y = np.eye(4)[[label] * 3]
    shifted = logits + 1e6
    assert (
        losses.softmax_cross_entropy(y, shifted, reduction="none").tolist()
        == losses.softmax_cross_entropy(y, logits, reduction="none").tolist()
    )
    assert losses.log_softmax(shifted).tolist() == losses.log_softmax(logits).tolist()
    assert losses.softmax(shifted).tolist() == losses.softmax(logits).tolist()


@given(seed=st.integers(0, 2**32 - 1), classes=st.integers(2, 7))
@settings(max_examples=40, deadline=None)
def test_sparse_and_categorical_cross_entropy_agree(seed, classes):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, classes, 5)
    probs = rng.dirichlet(np.ones(classes), 5)
    one_hot = np.eye(classes)[labels]
    sparse = losses.sparse_categorical_cross_entropy(labels, probs, reduction="none")
    assert sparse.tolist() == losses.categorical_cross_entropy(one_hot, probs, reduction="none").tolist()
    assert losses.sparse_categorical_cross_entropy_derivative(labels, probs).tolist() == (
        losses.categorical_cross_entropy_derivative(one_hot, probs).tolist()
    )


@given(logits=arrays(np.float64, (2, 5), elements=finite), temperature=st.floats(0.05, 20))
@settings(max_examples=40, deadline=None)
def test_softmax_is_a_distribution(logits, temperature):
    p = losses.softmax(logits, temperature=temperature)
    assert np.all((p >= 0) & (p <= 1))
    assert np.sum(p, axis=-1) == pytest.approx([1.0, 1.0], rel=1e-14)


@given(x=finite)
def test_softmax_cross_entropy_of_two_classes_is_the_logistic_loss(x):
    # softmax([x, 0]) picks class 0 with probability sigmoid(x)
    assert losses.softmax_cross_entropy([1.0, 0.0], [x, 0.0]) == pytest.approx(
        losses.sigmoid_cross_entropy(1.0, x), rel=1e-14, abs=1e-300
    )


@pytest.mark.parametrize("name", [n for n, s in LOSSES.items() if s.family == "regression" and n != "rmse"])
@given(seed=st.integers(0, 2**32 - 1))
@settings(max_examples=20, deadline=None)
def test_regression_derivative_matches_a_difference_quotient(name, seed):
    # a float64 cross-check of the closed forms (the mpmath tests measure the ulp)
    rng = np.random.default_rng(seed)
    y, pred = inputs(name, rng, n=4)
    spec = LOSSES[name]
    h = 1e-6 * np.maximum(1.0, np.abs(pred))
    up = spec.fn(y, pred + h, reduction="none")
    down = spec.fn(y, pred - h, reduction="none")
    assert spec.derivative(y, pred) == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-6)

"""Label smoothing (Keras' meaning: y (1 - eps) + eps / C, C the classes of the last
axis) on categorical and softmax cross-entropy: eps = 0 changes no bit; hand-derived
values; exact against mpmath; the checks."""

import math

import numpy as np
import pytest

import losses
from extreme_inputs import distribution
from references import (
    derivative,
    exact,
    ref_smoothed_categorical_cross_entropy,
    ref_smoothed_softmax_cross_entropy,
    ulp_error,
)

LN2 = math.log(2.0)
FUNCTIONS = (
    losses.categorical_cross_entropy,
    losses.categorical_cross_entropy_derivative,
    losses.softmax_cross_entropy,
    losses.softmax_cross_entropy_derivative,
)


def _batch(rng, logits):
    classes = 5
    y = np.concatenate([np.eye(classes)[rng.integers(0, classes, 40)], rng.dirichlet(np.ones(classes), 40)])
    if logits:
        x = rng.normal(0, 30, (80, classes)) * 10.0 ** rng.integers(0, 300, (80, 1))
        x[0, 0], x[1, 2], x[2, 3] = np.inf, -np.inf, np.nan
        return y, x
    p = rng.dirichlet(np.ones(classes) * 0.3, 80)
    p[0, 0], p[1] = 0.0, [0.0, 1.0, 0.0, 0.0, 0.0]
    return y, p


@pytest.mark.parametrize("zero", [0, 0.0, np.float64(0.0), -0.0])
def test_no_smoothing_changes_no_bit(zero):
    rng = np.random.default_rng(0)
    for fn in FUNCTIONS:
        y, pred = _batch(rng, logits="softmax" in fn.__name__)
        if "derivative" in fn.__name__:
            assert fn(y, pred, label_smoothing=zero).tobytes() == fn(y, pred).tobytes()
            continue
        for reduction in ("none", "sum", "mean"):
            with np.errstate(invalid="ignore"):
                assert (
                    np.asarray(fn(y, pred, label_smoothing=zero, reduction=reduction)).tobytes()
                    == np.asarray(fn(y, pred, reduction=reduction)).tobytes()
                )


# --- by hand --------------------------------------------------------------------------
def test_smoothed_labels_are_keras_ones():
    # with p = 1 the derivative -y'/p is -y' itself: Keras' example, [0, 1, 0] smoothed by
    # 0.1 over 3 classes is [0.1/3, 0.9 + 0.1/3, 0.1/3]
    smoothed = -losses.categorical_cross_entropy_derivative(
        [0.0, 1.0, 0.0], [1.0, 1.0, 1.0], label_smoothing=0.1
    )
    assert smoothed == pytest.approx([0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3], rel=1e-16)


def test_categorical_by_hand():
    y, p = [1.0, 0.0, 0.0, 0.0], [0.5, 0.25, 0.125, 0.125]
    # eps = 0.2 over 4 classes: y' = [0.85, 0.05, 0.05, 0.05];
    # -sum y' log p = (0.85 * 1 + 0.05 * 2 + 0.05 * 3 + 0.05 * 3) log 2 = 1.25 log 2
    assert losses.categorical_cross_entropy(y, p, label_smoothing=0.2) == pytest.approx(1.25 * LN2, rel=2e-16)
    assert losses.categorical_cross_entropy_derivative(y, p, label_smoothing=0.2) == pytest.approx(
        [-1.7, -0.2, -0.4, -0.4], rel=2e-16
    )
    # eps = 1: the uniform labels, -mean log p = (1 + 2 + 3 + 3) / 4 log 2
    assert losses.categorical_cross_entropy(y, p, label_smoothing=1.0) == pytest.approx(2.25 * LN2, rel=2e-16)
    # a class given probability 0 now costs inf: every smoothed label is > 0
    assert losses.categorical_cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert losses.categorical_cross_entropy([1.0, 0.0], [1.0, 0.0], label_smoothing=0.1) == math.inf


def test_softmax_by_hand():
    y = [[1.0, 0.0, 0.0, 0.0]]
    # equal logits: log_softmax = -log 4, and the smoothed labels still sum to 1
    assert losses.softmax_cross_entropy(y, [[3.0] * 4], label_smoothing=0.2) == pytest.approx(
        2 * LN2, rel=2e-16
    )
    # softmax(x) sum(y') - y' = 1/4 - [0.85, 0.05, 0.05, 0.05]
    np.testing.assert_allclose(
        losses.softmax_cross_entropy_derivative(y, [[3.0] * 4], label_smoothing=0.2),
        [[-0.6, 0.2, 0.2, 0.2]],
        rtol=1e-15,
    )
    # two classes, logits [log 3, 0]: softmax = [3/4, 1/4]; eps = 0.5 gives y' = [0.75, 0.25]
    x = [[math.log(3.0), 0.0]]
    expected = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert losses.softmax_cross_entropy([[1.0, 0.0]], x, label_smoothing=0.5) == pytest.approx(
        expected, rel=1e-15
    )
    # y' is the softmax itself: the minimum
    np.testing.assert_allclose(
        losses.softmax_cross_entropy_derivative([[1.0, 0.0]], x, label_smoothing=0.5),
        [[0.0, 0.0]],
        atol=1e-16,
    )


def test_classes_are_the_last_axis_after_broadcasting():
    # y of shape (3,) against probabilities (2, 3): C = 3 for both rows
    p = np.array([[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]])
    by_rows = losses.categorical_cross_entropy([0.0, 0.0, 1.0], p, label_smoothing=0.3, reduction="none")
    y = np.array([0.1, 0.1, 0.8])  # [0, 0, 1] (1 - 0.3) + 0.3 / 3
    np.testing.assert_allclose(by_rows, -(np.log(p) @ y), rtol=1e-15)


# --- against mpmath -------------------------------------------------------------------
EPSILONS = (1e-300, 1e-10, 0.05, 0.1, 0.3, 0.5, 0.9, 1.0)


@pytest.mark.parametrize("eps", EPSILONS)
def test_within_4_ulp_of_mpmath(eps):
    rng = np.random.default_rng(int(eps * 1000) + 1)
    for i in range(8):
        c = int(rng.integers(2, 6))
        y = list(np.eye(c)[rng.integers(c)]) if i % 2 else distribution(rng, c, extreme=False)
        p = distribution(rng, c)  # entries down to 1e-300
        x = list(rng.uniform(-1, 1, c) * (1.0, 30.0, 1e6, 1e300)[i % 4])
        got = losses.categorical_cross_entropy(y, p, label_smoothing=eps)
        assert ulp_error(got, exact(ref_smoothed_categorical_cross_entropy, y, p, label_smoothing=eps)) <= 4
        got = losses.softmax_cross_entropy(y, x, label_smoothing=eps)
        assert ulp_error(got, exact(ref_smoothed_softmax_cross_entropy, y, x, label_smoothing=eps)) <= 4
        slope = losses.categorical_cross_entropy_derivative(y, p, label_smoothing=eps)
        for k in range(c):
            ref = derivative(ref_smoothed_categorical_cross_entropy, y, p, index=k, label_smoothing=eps)
            assert ulp_error(slope[k], ref) <= 8, (y, p, k)
        if i % 4 > 1:
            continue  # the derivative's reference for logits of 1e6 and 1e300 is slow
        # smoothed labels are soft: softmax(x)_k sum(y') - y'_k is a difference of two rounded
        # numbers, exact to the rounding of the larger (as for any soft label)
        slope = losses.softmax_cross_entropy_derivative(y, x, label_smoothing=eps)
        probs = losses.softmax(x)
        smoothed = np.array(y) * (1 - eps) + eps / c
        for k in range(c):
            ref = derivative(ref_smoothed_softmax_cross_entropy, y, x, index=k, label_smoothing=eps)
            scale = max(abs(probs[k] * smoothed.sum()), smoothed[k])
            assert abs(slope[k] - float(ref)) <= 4 * np.spacing(scale) + 8 * np.spacing(abs(float(ref))), (
                y,
                x,
                k,
            )


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("eps", "shown"),
    [(-0.1, "-0.1"), (1.5, "1.5"), (math.nan, "nan"), ("a", "'a'"), (True, "True"), ([0.1], "[0.1]")],
)
def test_bad_label_smoothing_is_named(eps, shown):
    for fn in FUNCTIONS:
        with pytest.raises(ValueError, match="`label_smoothing`") as info:
            fn([[1.0, 0.0]], [[0.5, 0.5]], label_smoothing=eps)
        assert "[0, 1]" in str(info.value)
        assert f"label_smoothing={shown}" in str(info.value)

"""Focal loss (Lin et al. 2017) on probabilities and on logits: bit for bit the
cross-entropy at gamma = 0; exact against mpmath for p from subnormal to 1 - 2**-53 and
logits up to +-1e308; hand-derived values, the certainty edges and the checks."""

import itertools
import math

import numpy as np
import pytest

import losses
from extreme_inputs import FOCAL_GAMMAS
from references import (
    derivative,
    exact,
    ref_binary_focal_cross_entropy,
    ref_sigmoid_focal_cross_entropy,
    ulp_error,
)

LOSS_ULP = 4
DERIVATIVE_ULP = 8  # the registry-wide bar; measured under 4

PROBS = (
    5e-324, 1e-310, 2.0**-1022, 1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99,
    1 - 1e-5, 1 - 1e-10, 1 - 2.0**-52, 1 - 2.0**-53,
)  # fmt: skip
LOGITS = (
    *(
        s * v
        for v in (
            1e308,
            1e300,
            1e100,
            745.5,
            700.0,
            100.0,
            37.0,
            20.0,
            5.0,
            1.0,
            0.1,
            1e-5,
            1e-20,
            1e-300,
            5e-324,
        )
        for s in (1.0, -1.0)
    ),
    0.0,
)

CASES = {
    # name: (loss, derivative, reference, predictions)
    "binary": (
        losses.binary_focal_cross_entropy,
        losses.binary_focal_cross_entropy_derivative,
        ref_binary_focal_cross_entropy,
        PROBS,
    ),
    "sigmoid": (
        losses.sigmoid_focal_cross_entropy,
        losses.sigmoid_focal_cross_entropy_derivative,
        ref_sigmoid_focal_cross_entropy,
        LOGITS,
    ),
}


# --- gamma = 0 is the cross-entropy, to the bit ---------------------------------------
def _extreme_batch(rng, logits):
    y = np.concatenate([[0.0, 1.0, 0.0, 1.0, 0.3, 0.7], rng.uniform(0, 1, 50), rng.integers(0, 2, 50)])
    if logits:
        x = np.concatenate([[np.inf, -np.inf, -np.inf, np.inf, 1e308, -1e308], rng.normal(0, 30, 100)])
    else:
        x = np.concatenate([[0.0, 1.0, 1.0, 0.0, 5e-324, 1 - 2.0**-53], rng.uniform(0, 1, 100)])
    return y, x


@pytest.mark.parametrize("gamma", [0, 0.0, np.float64(0.0), -0.0])
def test_gamma_0_is_cross_entropy_bit_for_bit(gamma):
    rng = np.random.default_rng(0)
    pairs = [
        (losses.binary_focal_cross_entropy, losses.binary_cross_entropy, False),
        (losses.sigmoid_focal_cross_entropy, losses.sigmoid_cross_entropy, True),
        (losses.binary_focal_cross_entropy_derivative, losses.binary_cross_entropy_derivative, False),
        (losses.sigmoid_focal_cross_entropy_derivative, losses.sigmoid_cross_entropy_derivative, True),
    ]
    for focal, plain, logits in pairs:
        y, x = _extreme_batch(rng, logits)
        if "derivative" in focal.__name__:
            assert focal(y, x, gamma=gamma).tobytes() == plain(y, x).tobytes()
            continue
        for reduction in ("none", "sum", "mean"):
            assert (
                np.asarray(focal(y, x, gamma=gamma, reduction=reduction)).tobytes()
                == np.asarray(plain(y, x, reduction=reduction)).tobytes()
            )


# --- exact against mpmath -------------------------------------------------------------
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("gamma", FOCAL_GAMMAS)
def test_hard_labels_within_4_ulp_of_mpmath(name, gamma):
    fn, slope_fn, ref, predictions = CASES[name]
    for y, pred in itertools.product((0.0, 1.0), predictions):
        got = fn(y, pred, gamma=gamma, reduction="none")
        assert ulp_error(got, exact(ref, y, pred, gamma=gamma)) <= LOSS_ULP, (y, pred, float(got))
        slope = slope_fn(y, pred, gamma=gamma)
        ref_slope = derivative(ref, y, pred, gamma=gamma)
        assert ulp_error(slope, ref_slope) <= DERIVATIVE_ULP, (y, pred, float(slope), float(ref_slope))


@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("gamma", [0.5, 2.0, 10.0])
def test_soft_labels_within_4_ulp_of_mpmath(name, gamma):
    # the loss is a sum of two terms >= 0: exact for any label. Its derivative is the
    # difference of two, -y A + (1 - y) B, which cancels near the optimum: there it is
    # exact to within the rounding of the larger term (as sigmoid(x) - y)
    fn, slope_fn, ref, predictions = CASES[name]
    for y, pred in itertools.product((1e-300, 0.1, 0.5, 0.97), predictions[::2]):
        got = fn(y, pred, gamma=gamma, reduction="none")
        assert ulp_error(got, exact(ref, y, pred, gamma=gamma)) <= LOSS_ULP, (y, pred, float(got))
        pull = y * derivative(ref, 1.0, pred, gamma=gamma)  # -y A, from the loss of label 1
        push = (1 - y) * derivative(ref, 0.0, pred, gamma=gamma)
        slope = slope_fn(y, pred, gamma=gamma)
        if ulp_error(slope, pull + push) <= DERIVATIVE_ULP:  # also: both beyond float64
            continue
        error = abs(float(slope) - float(pull + push))
        larger = max(abs(float(pull)), abs(float(push)))
        assert error <= 4 * np.spacing(larger) + DERIVATIVE_ULP * np.spacing(abs(float(pull + push))), (
            y,
            pred,
        )


# --- by hand --------------------------------------------------------------------------
LN2 = math.log(2.0)


def test_binary_focal_by_hand():
    fl, d = losses.binary_focal_cross_entropy, losses.binary_focal_cross_entropy_derivative
    # y = 1, p = 1/2, gamma = 2: (1/2)**2 log 2; d/dp = -(1/4)(2 log 2 / (1/2) + 2)
    assert fl(1.0, 0.5, gamma=2.0) == pytest.approx(0.25 * LN2, rel=2e-16)
    assert d(1.0, 0.5, gamma=2.0) == pytest.approx(-(LN2 + 0.5), rel=2e-16)
    # y = 0, p = 1/2, gamma = 1: (1/2) log 2; d/dp = (1/2)(log 2 / (1/2) + 2)
    assert fl(0.0, 0.5, gamma=1.0) == pytest.approx(0.5 * LN2, rel=2e-16)
    assert d(0.0, 0.5, gamma=1.0) == pytest.approx(LN2 + 1.0, rel=2e-16)
    # y = 1, p = 3/4, gamma = 2: (1/16) log(4/3); d/dp = -(1/16)(2 log(4/3) / (1/4) + 4/3)
    assert fl(1.0, 0.75, gamma=2.0) == pytest.approx(math.log(4 / 3) / 16, rel=2e-16)
    assert d(1.0, 0.75, gamma=2.0) == pytest.approx(-(math.log(4 / 3) / 2 + 1 / 12), rel=2e-16)
    # soft label y = 1/4 at p = 1/2, gamma = 2: (1/4)(1/4) log 2 + (3/4)(1/4) log 2
    assert fl(0.25, 0.5, gamma=2.0) == pytest.approx(0.25 * LN2, rel=2e-16)


def test_sigmoid_focal_by_hand():
    fl, d = losses.sigmoid_focal_cross_entropy, losses.sigmoid_focal_cross_entropy_derivative
    # x = 0 is p = 1/2: the values above, and d/dx = d/dp p (1 - p)
    assert fl(1.0, 0.0, gamma=2.0) == pytest.approx(0.25 * LN2, rel=2e-16)
    assert d(1.0, 0.0, gamma=2.0) == pytest.approx(-(LN2 + 0.5) / 4, rel=2e-16)
    assert d(0.0, 0.0, gamma=1.0) == pytest.approx((LN2 + 1.0) / 4, rel=2e-16)
    # a confident mistake costs the logit itself: sigmoid(1e308)**g softplus(1e308) = 1e308
    assert fl(1.0, -1e308, gamma=2.0) == 1e308
    assert fl(0.0, 1e308, gamma=0.5) == 1e308
    assert d(1.0, -1e308, gamma=2.0) == -1.0
    assert d(0.0, 1e308, gamma=2.0) == 1.0
    # and a confident success nothing: exp(-(g + 1) 1e308) underflows
    assert fl(1.0, 1e308, gamma=2.0) == 0.0
    assert fl(0.0, -1e308, gamma=2.0) == 0.0
    # x = -40, y = 1, gamma = 2: sigmoid(40)**2 softplus(40) = 40 + log1p(e**-40) - 2 log1p(e**-40) 40 ...
    x = 40.0
    e = math.exp(-x)
    expected = (1 + e) ** -2 * (x + math.log1p(e))
    assert fl(1.0, -x, gamma=2.0) == pytest.approx(expected, rel=2e-16)


def test_focal_is_below_cross_entropy_and_falls_with_gamma():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 200).astype(float)
    p = rng.uniform(0, 1, 200)
    previous = losses.binary_cross_entropy(y, p, reduction="none")
    for gamma in (0.5, 1.0, 2.0, 5.0):
        now = losses.binary_focal_cross_entropy(y, p, gamma=gamma, reduction="none")
        assert np.all(now <= previous)
        previous = now


def test_sigmoid_focal_is_the_focal_loss_of_the_sigmoid():
    # at logits whose sigmoid is exact (x = 0, p = 1/2) and elsewhere to rounding
    rng = np.random.default_rng(2)
    x = rng.normal(0, 4, 100)
    y = rng.uniform(0, 1, 100)
    p = losses.sigmoid(x)
    for gamma in (0.5, 2.0):
        np.testing.assert_allclose(
            losses.sigmoid_focal_cross_entropy(y, x, gamma=gamma, reduction="none"),
            losses.binary_focal_cross_entropy(y, p, gamma=gamma, reduction="none"),
            rtol=1e-12,
        )
        np.testing.assert_allclose(
            losses.sigmoid_focal_cross_entropy_derivative(y, x, gamma=gamma),
            losses.binary_focal_cross_entropy_derivative(y, p, gamma=gamma) * p * (1 - p),
            rtol=1e-9,
            atol=1e-15,
        )


# --- edges ----------------------------------------------------------------------------
@pytest.mark.parametrize("gamma", [0.5, 2.0])
def test_certainty(gamma):
    y = [1.0, 0.0, 1.0, 0.0]
    out = losses.binary_focal_cross_entropy(y, [1.0, 0.0, 0.0, 1.0], gamma=gamma, reduction="none")
    assert out.tolist() == [0.0, 0.0, math.inf, math.inf]
    slope = losses.binary_focal_cross_entropy_derivative(y, [1.0, 0.0, 0.0, 1.0], gamma=gamma)
    assert slope.tolist() == [0.0, 0.0, -math.inf, math.inf]  # flat where certain and right
    logits = [math.inf, -math.inf, -math.inf, math.inf]
    out = losses.sigmoid_focal_cross_entropy(y, logits, gamma=gamma, reduction="none")
    assert out.tolist() == [0.0, 0.0, math.inf, math.inf]
    assert losses.sigmoid_focal_cross_entropy_derivative(y, logits, gamma=gamma).tolist() == [
        0.0,
        0.0,
        -1.0,
        1.0,
    ]


def test_nan_propagates():
    assert np.isnan(losses.binary_focal_cross_entropy([1.0], [math.nan]))
    assert np.isnan(losses.sigmoid_focal_cross_entropy([1.0], [math.nan]))
    assert np.isnan(losses.sigmoid_focal_cross_entropy_derivative([0.0], [math.nan])).all()


def test_blocks_and_reductions():
    rng = np.random.default_rng(3)
    y = rng.uniform(0, 1, 40_000)
    x = rng.normal(0, 10, 40_000)
    per = losses.sigmoid_focal_cross_entropy(y, x, reduction="none")
    assert losses.sigmoid_focal_cross_entropy(y, x, reduction="sum") == pytest.approx(np.sum(per), rel=1e-12)
    assert losses.sigmoid_focal_cross_entropy(y, x) == pytest.approx(np.mean(per), rel=1e-12)
    assert np.array_equal(per[:7], losses.sigmoid_focal_cross_entropy(y[:7], x[:7], reduction="none"))
    assert losses.binary_focal_cross_entropy_derivative(y.reshape(200, 200), 0.5).shape == (200, 200)


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("gamma", "shown"),
    [
        (-1.0, "-1.0"),
        (math.nan, "nan"),
        (math.inf, "inf"),
        ("two", "'two'"),
        (True, "True"),
        ([1.0], "[1.0]"),
    ],
)
def test_bad_gamma_is_named(gamma, shown):
    for fn in (
        losses.binary_focal_cross_entropy,
        losses.binary_focal_cross_entropy_derivative,
        losses.sigmoid_focal_cross_entropy,
        losses.sigmoid_focal_cross_entropy_derivative,
    ):
        with pytest.raises(ValueError, match="`gamma`") as info:
            fn([1.0], [0.5], gamma=gamma)
        assert ">= 0" in str(info.value)
        assert f"gamma={shown}" in str(info.value)


def test_bad_labels_probabilities_and_reduction():
    with pytest.raises(ValueError, match=r"`p`.*\[0, 1\]"):
        losses.binary_focal_cross_entropy([1.0], [1.5])
    with pytest.raises(ValueError, match=r"`y_true`.*\[0, 1\]"):
        losses.sigmoid_focal_cross_entropy([2.0], [0.5])
    with pytest.raises(ValueError, match="reduction"):
        losses.sigmoid_focal_cross_entropy([1.0], [0.5], reduction="batchmean")

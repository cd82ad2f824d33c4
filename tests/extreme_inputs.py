"""Inputs that span the float64 range, per loss, and the reference for each.

``CASES[name](rng, n)`` yields ``(y_true, prediction, params)`` for one example each:
residuals from 1e-300 to 1e300, probabilities within 1e-300 of 0 and 1, logits of
+-1e300, deltas from 1e-300 to 1e300, and nearly equal distributions; Barron's alpha
over [-inf, inf] (within 1e-12 of 0 and 2 too), its scale from 1e-300 to 1e300; focal
gammas from 0.25 to 50. Shared by the accuracy tests and ``benchmarks/accuracy.py``.
"""

import math

import numpy as np

from references import (
    ref_barron,
    ref_binary_cross_entropy,
    ref_binary_focal_cross_entropy,
    ref_categorical_cross_entropy,
    ref_hinge,
    ref_huber,
    ref_kl_divergence,
    ref_log_cosh,
    ref_mae,
    ref_mse,
    ref_msle,
    ref_pseudo_huber,
    ref_rmse,
    ref_sigmoid_cross_entropy,
    ref_sigmoid_focal_cross_entropy,
    ref_softmax_cross_entropy,
    ref_sparse_categorical_cross_entropy,
    ref_squared_hinge,
)


def magnitude(rng, low=-300, high=300):
    """|x| log-uniform in [10**low, 10**high]."""
    return float(10.0 ** rng.uniform(low, high))


def signed(rng, low=-300, high=300):
    return magnitude(rng, low, high) * rng.choice((-1.0, 1.0))


def _residual_pair(rng, kind):
    if kind == 0:  # target 0: the residual is the prediction
        return 0.0, signed(rng)
    if kind == 1:  # two unrelated values: the subtraction rounds
        return signed(rng), signed(rng)
    if kind == 2:  # a moderate residual on a moderate target
        return signed(rng, -3, 3), signed(rng, -3, 3)
    # nearly equal values: a residual many orders below both
    y = signed(rng, -10, 10)
    return y, y * (1 + signed(rng, -15, -1))


def _residual_pairs(rng, n):
    for i in range(n):
        yield _residual_pair(rng, i % 4)


def _regression(rng, n):
    for y, p in _residual_pairs(rng, n):
        yield y, p, {}


def _with_delta(rng, n):
    for i, (y, p) in enumerate(_residual_pairs(rng, n)):
        r = abs(p - y) or 1.0
        # delta log-uniform over the range, or within a few decades of the residual
        delta = magnitude(rng) if i % 2 else min(r * 10.0 ** rng.uniform(-4, 4), 1e300)
        yield y, p, {"delta": delta}


# alphas: the named limits and special cases, within 1e-12 of 0 and of 2 (where the
# textbook form cancels), moderate ones, and past 2**40 (a series in u = x / b there)
BARRON_ALPHAS = (
    -math.inf, -1e300, -1e10, -50.0, -3.0, -2.0, -1.0, -0.5, -1e-12, -1e-13, -1e-300, -5e-324, 0.0,
    5e-324, 1e-300, 1e-13, 3e-13, 1e-12, 0.3, 1.0, 1.5, 2.0 - 2.0**-50, 2.0 - 1e-12, 2.0 - 1e-13,
    2.0 - 2.0**-52, 2.0, 2.0 + 2.0**-51, 2.0 + 1e-13, 2.0 + 1e-12, 2.0 + 2.0**-48, 2.5, 3.0, 4.0,
    10.0, 100.0, 1e6, 2.0**41, 1e20, 1e300, math.inf,
)  # fmt: skip


def barron_log10_size(r, scale, alpha):
    """A float estimate of log10 of Barron's loss (for keeping derivative cases finite:
    a central difference of two infinite losses is no reference)."""
    log_x = 2 * (math.log(abs(r)) - math.log(scale)) if r else -math.inf
    if alpha <= 0:
        return 0.0  # below 1 + 2 / |alpha|, or log(x / 2 + 1) at 0
    if alpha == math.inf:
        return math.exp(log_x) / 2 / math.log(10) if log_x < 10 else math.inf
    if alpha == 2:
        return log_x / math.log(10)
    b = abs(alpha - 2)
    log_u = log_x - math.log(b)
    log1p_u = math.log1p(math.exp(log_u)) if log_u < 700 else log_u
    exponent = alpha / 2 * log1p_u  # the loss is (b / alpha) expm1(exponent)
    if exponent < 1:  # about (b / 2) log1p(u)
        return (math.log(b / 2) + math.log(log1p_u)) / math.log(10) if log1p_u > 0 else -math.inf
    return (math.log(b) - math.log(alpha) + exponent) / math.log(10)


def _barron(rng, n):
    for i in range(n):
        alpha = BARRON_ALPHAS[i % len(BARRON_ALPHAS)]
        for _ in range(100):
            y, p = _residual_pair(rng, int(rng.integers(4)))
            r = p - y
            kind = rng.integers(3)
            if kind == 0:  # anywhere: |r| / c from 1e-600 to 1e600
                scale = magnitude(rng)
            elif kind == 1:  # near the residual: the bend of the loss
                scale = min(abs(r) * 10.0 ** rng.uniform(-2, 2), 1e300) or 1.0
            else:
                scale = 1.0
            if math.isfinite(r) and barron_log10_size(r, scale, alpha) < 300:
                break
        yield y, p, {"alpha": alpha, "scale": scale}


def _msle(rng, n):
    def above_minus_one():
        kind = rng.integers(3)
        if kind == 0:
            return -1.0 + magnitude(rng, -15, 0)  # just above -1
        if kind == 1:
            return magnitude(rng)
        return signed(rng, -300, -0.5)

    for i in range(n):
        y = above_minus_one()
        p = y * (1 + signed(rng, -15, -2)) if i % 3 == 0 else above_minus_one()
        if p <= -1:
            p = y
        yield y, p, {}


def probability(rng):
    kind = rng.integers(4)
    if kind == 0:
        return magnitude(rng, -300, -1)  # next to 0
    if kind == 1:
        return 1.0 - magnitude(rng, -16, -1)  # next to 1 (as close as float64 goes)
    if kind == 2:
        return float(rng.uniform(0, 1))
    return float(2.0 ** -rng.integers(1, 1074))


def _binary_probabilities(rng, n):
    for i in range(n):
        y = (0.0, 1.0, float(rng.uniform(0, 1)))[i % 3]
        yield y, probability(rng), {}


def _binary_logits(rng, n):
    for i in range(n):
        y = (0.0, 1.0, float(rng.uniform(0, 1)))[i % 3]
        yield y, signed(rng, -300, 300) if i % 2 else signed(rng, -3, 3), {}


FOCAL_GAMMAS = (0.25, 0.5, 1.0, 2.0, 3.7, 5.0, 10.0, 50.0)


def _focal_probabilities(rng, n):
    """Hard labels anywhere; soft labels y with p far on one side of its optimum (p < y/100
    or 1 - p < (1 - y)/100): near the optimum the derivative is the difference of two
    rounded terms, tested apart in test_focal.py."""
    for i in range(n):
        gamma = FOCAL_GAMMAS[i % len(FOCAL_GAMMAS)]
        if i % 3 < 2:
            yield float(i % 3), probability(rng), {"gamma": gamma}
            continue
        y = float(rng.uniform(0.01, 0.99))
        if rng.integers(2):
            p = y * 10.0 ** rng.uniform(-300, -2)
        else:
            p = min(1.0 - (1.0 - y) * 10.0 ** rng.uniform(-16, -2), 1.0 - 2.0**-53)
        yield y, p, {"gamma": gamma}


def _focal_logits(rng, n):
    """As _focal_probabilities: soft labels with the logit 5 or more beyond logit(y)."""
    for i in range(n):
        gamma = FOCAL_GAMMAS[i % len(FOCAL_GAMMAS)]
        x = signed(rng, -300, 300) if rng.integers(2) else signed(rng, -3, 3)
        if i % 3 < 2:
            yield float(i % 3), x, {"gamma": gamma}
            continue
        y = float(rng.uniform(0.01, 0.99))
        optimum = math.log(y / (1 - y))
        x = optimum + math.copysign(5.0 + abs(x), x)
        yield y, x, {"gamma": gamma}


def _hinge(rng, n):
    for i in range(n):
        t = (-1.0, 1.0)[i % 2]
        s = signed(rng) if i % 4 < 2 else t * (1.0 + signed(rng, -15, 0))  # extremes, near the kink
        if t * s == 1.0:
            s = float(np.nextafter(s, np.inf))  # the kink itself has no derivative to compare
        yield t, s, {}


def distribution(rng, classes, extreme=True):
    """A probability vector: random, with some entries tiny (down to 1e-300)."""
    w = rng.uniform(0, 1, classes)
    if extreme:
        w = w * 10.0 ** rng.uniform(-300, 0, classes) ** rng.integers(0, 2)
    return list(w / w.sum())


def _one_hot_or_soft(rng, classes, i):
    if i % 2:
        return list(np.eye(classes)[rng.integers(classes)])
    return distribution(rng, classes, extreme=False)


def _categorical(rng, n):
    for i in range(n):
        c = int(rng.integers(2, 6))
        yield _one_hot_or_soft(rng, c, i), distribution(rng, c), {}


def _sparse_categorical(rng, n):
    for _ in range(n):
        c = int(rng.integers(2, 6))
        yield int(rng.integers(c)), distribution(rng, c), {}


def _rmse(rng, n):
    """A few examples at a time (rmse is one cost over them): residuals from subnormal
    (1e-310) to differences of +-1e308 that overflow."""
    for i in range(n):
        count = int(rng.integers(1, 6))
        scale = (1e-310, 1e-300, 1e-150, 1.0, 1e150, 1e300, 1e308)[i % 7]
        yield list(rng.uniform(-1, 1, count) * scale), list(rng.uniform(-1, 1, count) * scale), {}


def _softmax_logits(rng, n):
    for i in range(n):
        c = int(rng.integers(2, 6))
        scale = (1.0, 30.0, 1e6, 1e300)[i % 4]
        logits = list(rng.uniform(-1, 1, c) * scale)
        yield _one_hot_or_soft(rng, c, i), logits, {}


def _kl(rng, n):
    for i in range(n):
        c = int(rng.integers(2, 6))
        p = distribution(rng, c, extreme=i % 2 == 0)
        if i % 3 == 0:  # nearly equal distributions: the sum's terms cancel
            q = list(
                np.minimum(np.array(p) * (1 + rng.uniform(-1, 1, c) * 10.0 ** rng.uniform(-12, -2)), 1.0)
            )
        else:
            q = distribution(rng, c, extreme=i % 2 == 1)
        yield p, q, {}


CASES = {
    "mae": _regression,
    "mse": _regression,
    "huber": _with_delta,
    "pseudo_huber": _with_delta,
    "log_cosh": _regression,
    "rmse": _rmse,
    "msle": _msle,
    "barron": _barron,
    "binary_cross_entropy": _binary_probabilities,
    "sigmoid_cross_entropy": _binary_logits,
    "binary_focal_cross_entropy": _focal_probabilities,
    "sigmoid_focal_cross_entropy": _focal_logits,
    "hinge": _hinge,
    "squared_hinge": _hinge,
    "categorical_cross_entropy": _categorical,
    "sparse_categorical_cross_entropy": _sparse_categorical,
    "softmax_cross_entropy": _softmax_logits,
    "kl_divergence": _kl,
}

REFERENCES = {
    "mae": ref_mae,
    "mse": ref_mse,
    "huber": ref_huber,
    "pseudo_huber": ref_pseudo_huber,
    "log_cosh": ref_log_cosh,
    "rmse": ref_rmse,
    "msle": ref_msle,
    "barron": ref_barron,
    "binary_cross_entropy": ref_binary_cross_entropy,
    "sigmoid_cross_entropy": ref_sigmoid_cross_entropy,
    "binary_focal_cross_entropy": ref_binary_focal_cross_entropy,
    "sigmoid_focal_cross_entropy": ref_sigmoid_focal_cross_entropy,
    "hinge": ref_hinge,
    "squared_hinge": ref_squared_hinge,
    "categorical_cross_entropy": ref_categorical_cross_entropy,
    "sparse_categorical_cross_entropy": ref_sparse_categorical_cross_entropy,
    "softmax_cross_entropy": ref_softmax_cross_entropy,
    "kl_divergence": ref_kl_divergence,
}


def per_example_loss(spec, y, pred, params):
    """The loss of one example as the registry entry ``spec`` computes it."""
    if not spec.reductions:  # rmse: one cost over the examples
        return spec.fn(y, pred, **params)
    return spec.fn(y, pred, reduction="none", **params)


def hard_labels(name, y):
    """Soft labels make sigmoid(x) - y and softmax(x) - y a difference of two rounded
    numbers, exact only to within the rounding of the probability (tested on its own)."""
    if name in ("sigmoid_cross_entropy", "softmax_cross_entropy"):
        return np.isin(np.asarray(y), (0.0, 1.0)).all()
    return True

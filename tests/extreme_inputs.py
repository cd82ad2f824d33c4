"""Inputs that span the float64 range, per loss, and the reference for each.

``CASES[name](rng, n)`` yields ``(y_true, prediction, params)`` for one example each:
residuals from 1e-300 to 1e300, probabilities within 1e-300 of 0 and 1, logits of
+-1e300, deltas from 1e-300 to 1e300, and nearly equal distributions. Shared by the
accuracy tests and ``benchmarks/accuracy.py``.
"""

import numpy as np

from references import (
    ref_binary_cross_entropy,
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
    ref_softmax_cross_entropy,
    ref_sparse_categorical_cross_entropy,
    ref_squared_hinge,
)


def magnitude(rng, low=-300, high=300):
    """|x| log-uniform in [10**low, 10**high]."""
    return float(10.0 ** rng.uniform(low, high))


def signed(rng, low=-300, high=300):
    return magnitude(rng, low, high) * rng.choice((-1.0, 1.0))


def _residual_pairs(rng, n):
    for i in range(n):
        kind = i % 4
        if kind == 0:  # target 0: the residual is the prediction
            yield 0.0, signed(rng)
        elif kind == 1:  # two unrelated values: the subtraction rounds
            yield signed(rng), signed(rng)
        elif kind == 2:  # a moderate residual on a moderate target
            yield signed(rng, -3, 3), signed(rng, -3, 3)
        else:  # nearly equal values: a residual many orders below both
            y = signed(rng, -10, 10)
            yield y, y * (1 + signed(rng, -15, -1))


def _regression(rng, n):
    for y, p in _residual_pairs(rng, n):
        yield y, p, {}


def _with_delta(rng, n):
    for i, (y, p) in enumerate(_residual_pairs(rng, n)):
        r = abs(p - y) or 1.0
        # delta log-uniform over the range, or within a few decades of the residual
        delta = magnitude(rng) if i % 2 else min(r * 10.0 ** rng.uniform(-4, 4), 1e300)
        yield y, p, {"delta": delta}


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
    "binary_cross_entropy": _binary_probabilities,
    "sigmoid_cross_entropy": _binary_logits,
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
    "binary_cross_entropy": ref_binary_cross_entropy,
    "sigmoid_cross_entropy": ref_sigmoid_cross_entropy,
    "hinge": ref_hinge,
    "squared_hinge": ref_squared_hinge,
    "categorical_cross_entropy": ref_categorical_cross_entropy,
    "sparse_categorical_cross_entropy": ref_sparse_categorical_cross_entropy,
    "softmax_cross_entropy": ref_softmax_cross_entropy,
    "kl_divergence": ref_kl_divergence,
}

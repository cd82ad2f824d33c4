"""Binary classification losses, each beside its derivative."""

import numpy as np

from ._blocks import blockwise, reduce_blockwise
from ._checks import (
    as_float,
    broadcast,
    check_reduction,
    check_unit_interval,
    largest,
    smallest,
    targets_and_logits,
)
from .activations import softplus


# --- binary cross-entropy on probabilities --------------------------------------------
def _targets_and_probs(y_true, p):
    y, p = broadcast(y_true=as_float("y_true", y_true), p=as_float("p", p))
    check_unit_interval("y_true", y)
    check_unit_interval("p", p)
    return y, p


def _weighted(y, a, b):
    """y a + (1 - y) b, where a zero weight drops its term even where the term is inf."""
    return np.where(y == 0, 0.0, y * a) + np.where(y == 1, 0.0, (1.0 - y) * b)


def _bce_terms(y, p):
    # log(1 - p) as log1p(-p), accurate over all of [0, 1]: no branch on p < 1/2.
    # Both terms are >= 0: their sum never cancels.
    terms = -y * np.log(p) - (1.0 - y) * np.log1p(-p)
    edge = (p == 0) | (p == 1)  # only there can a log be -inf: 0 log 0 = 0 by _weighted
    if edge.any():
        terms[edge] = _weighted(y[edge], -np.log(p[edge]), -np.log1p(-p[edge]))
    return terms


def binary_cross_entropy(y_true, p, *, reduction="mean"):
    """-[y log p + (1 - y) log(1 - p)], with 0 log 0 = 0 and no clipping.

    PyTorch clamps each log at -100 (loss <= 100) and Keras clips p to [1e-7, 1 - 1e-7]
    (loss <= 16.12); here the loss is exact, and inf where the true loss is.
    """
    check_reduction(reduction)
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        return reduce_blockwise(_bce_terms, reduction, y, p)


def _bce_slope(y, p):
    d = (p - y) / (p * (1.0 - p))
    edge = (p == 0) | (p == 1)
    if edge.any():
        # At p = 0 or 1 only the term with a nonzero weight is left.
        y, p = y[edge], p[edge]
        at0 = np.where(y == 0, 1.0, -np.inf)
        at1 = np.where(y == 1, -1.0, np.inf)
        d[edge] = np.where(p == 0, at0, at1)
    return d


def binary_cross_entropy_derivative(y_true, p):
    """-y / p + (1 - y) / (1 - p) = (p - y) / (p (1 - p)), +-inf at a wrong certainty."""
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return blockwise(_bce_slope, y, p)


# --- binary cross-entropy on logits ---------------------------------------------------
def _sigmoid_ce_terms(y, x):
    # One log1p(exp(-|x|)) for both softplus(-x) = it - min(x, 0) and softplus(x) = it +
    # max(x, 0), the same values as softplus computes; every term is >= 0.
    shared = np.log1p(np.exp(-np.abs(x)))
    terms = y * (shared - np.minimum(x, 0.0)) + (1.0 - y) * (shared + np.maximum(x, 0.0))
    infinite = np.isinf(x)  # only there can a softplus be inf (and a zero weight meet it)
    if infinite.any():
        y, x = y[infinite], x[infinite]
        terms[infinite] = _weighted(y, softplus(-x), softplus(x))
    return terms


def sigmoid_cross_entropy(y_true, logits, *, reduction="mean"):
    """Binary cross-entropy of p = sigmoid(logits), from the logits.

    -log sigmoid(x) = softplus(-x) and -log(1 - sigmoid(x)) = softplus(x): both stay
    finite and exact where forming p first would round it to 0 or 1.
    """
    check_reduction(reduction)
    y, x = targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        return reduce_blockwise(_sigmoid_ce_terms, reduction, y, x)


def _sigmoid_ce_slope(y, x):
    e = np.exp(-np.abs(x))
    # sigmoid(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) below, sigmoid(-x) the other
    # way round: as e <= 1, max(e, sign(x)) and max(e, -sign(x)) are the numerators, and
    # one division serves both terms (for a label 0 or 1 only one is left, as before).
    sign = np.sign(x)
    return ((1.0 - y) * np.maximum(e, sign) - y * np.maximum(e, -sign)) / (1.0 + e)


def sigmoid_cross_entropy_derivative(y_true, logits):
    """sigmoid(x) - y, as (1 - y) sigmoid(x) - y sigmoid(-x): exact for hard labels,
    where sigmoid(x) - 1 would cancel to 0 for x > 37."""
    y, x = targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore", under="ignore"):
        return blockwise(_sigmoid_ce_slope, y, x)


# --- hinge ----------------------------------------------------------------------------
def _signed_labels(y_true, score):
    t, s = broadcast(y_true=as_float("y_true", y_true), score=as_float("score", score))
    # NaN-ignoring reductions instead of masks: are all labels in {0, 1} (where
    # t (1 - t) = 0), or else all of size 1?
    with np.errstate(invalid="ignore", over="ignore"):
        if smallest(t) >= 0 and largest(t) <= 1 and largest(t * (1.0 - t)) <= 0:
            return 2.0 * t - 1.0, s  # all 0/1: Keras' convention, 0 means -1
        size = np.abs(t)
    if not (smallest(size) >= 1 and largest(size) <= 1):
        labels = t[~np.isnan(t)]
        bad = labels[~np.isin(labels, (-1.0, 1.0))].flat[0]
        raise ValueError(
            "Expected hinge labels y_true in {-1, +1} (or all in {0, 1}). "
            f"Received: y_true containing {bad.item()!r}"
        )
    return t, s


def _gap(t, s):
    """max(0, 1 - t s): t s is exact for t = +-1, so the gap rounds once."""
    return np.maximum(0.0, 1.0 - t * s)


def _hinge_gap(y_true, score):
    """The gap and t."""
    t, s = _signed_labels(y_true, score)
    with np.errstate(over="ignore", invalid="ignore"):
        return blockwise(_gap, t, s), t


def hinge(y_true, score, *, reduction="mean"):
    """max(0, 1 - t s) for labels t = +-1 (or 0/1, meaning -1/+1)."""
    check_reduction(reduction)
    t, s = _signed_labels(y_true, score)
    with np.errstate(over="ignore", invalid="ignore"):
        return reduce_blockwise(_gap, reduction, t, s)


def hinge_derivative(y_true, score):
    """-t where the margin t s < 1, else 0 (the subgradient 0 at the kink)."""
    gap, t = _hinge_gap(y_true, score)
    # the gap is >= 0 or NaN: 0 - t sign(gap) is -t, +0 at the kink, NaN with the gap
    return blockwise(lambda gap, t: 0.0 - t * np.sign(gap), gap, t)


def squared_hinge(y_true, score, *, reduction="mean"):
    """max(0, 1 - t s)**2."""
    check_reduction(reduction)
    t, s = _signed_labels(y_true, score)
    with np.errstate(over="ignore", invalid="ignore"):
        return reduce_blockwise(lambda t, s: np.square(_gap(t, s)), reduction, t, s)


def squared_hinge_derivative(y_true, score):
    """-2 t max(0, 1 - t s)."""
    gap, t = _hinge_gap(y_true, score)
    with np.errstate(over="ignore"):
        return blockwise(lambda gap, t: -2.0 * t * gap, gap, t)

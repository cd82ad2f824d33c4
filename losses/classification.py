"""Binary classification losses, each beside its derivative."""

import numpy as np

from ._checks import as_float, broadcast, check_reduction, check_unit_interval, reduce
from .activations import sigmoid, softplus


# --- binary cross-entropy on probabilities --------------------------------------------
def _targets_and_probs(y_true, p):
    y, p = broadcast(y_true=as_float("y_true", y_true), p=as_float("p", p))
    check_unit_interval("y_true", y)
    check_unit_interval("p", p)
    return y, p


def _log1m(p):
    """log(1 - p) for p in [0, 1]: 1 - p is exact for p >= 1/2 (Sterbenz), log1p below."""
    return np.where(p < 0.5, np.log1p(-p), np.log(1.0 - p))


def binary_cross_entropy(y_true, p, *, reduction="mean"):
    """-[y log p + (1 - y) log(1 - p)], with 0 log 0 = 0 and no clipping.

    PyTorch clamps each log at -100 (loss <= 100) and Keras clips p to [1e-7, 1 - 1e-7]
    (loss <= 16.12); here the loss is exact, and inf where the true loss is.
    """
    check_reduction(reduction)
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Both terms are >= 0: their sum never cancels. A zero weight drops its term even
        # where the log is -inf (0 log 0 = 0).
        pos = np.where(y == 0, 0.0, -y * np.log(p))
        neg = np.where(y == 1, 0.0, -(1.0 - y) * _log1m(p))
    return reduce(pos + neg, reduction)


def binary_cross_entropy_derivative(y_true, p):
    """-y / p + (1 - y) / (1 - p) = (p - y) / (p (1 - p)), +-inf at a wrong certainty."""
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d = (p - y) / (p * (1.0 - p))
        # At p = 0 or 1 only the term with a nonzero weight is left.
        at0 = np.where(y == 0, 1.0, -np.inf)
        at1 = np.where(y == 1, -1.0, np.inf)
    return np.where(p == 0, at0, np.where(p == 1, at1, d))


# --- binary cross-entropy on logits ---------------------------------------------------
def _targets_and_logits(y_true, logits):
    y, x = broadcast(y_true=as_float("y_true", y_true), logits=as_float("logits", logits))
    check_unit_interval("y_true", y)
    return y, x


def sigmoid_cross_entropy(y_true, logits, *, reduction="mean"):
    """Binary cross-entropy of p = sigmoid(logits), from the logits.

    -log sigmoid(x) = softplus(-x) and -log(1 - sigmoid(x)) = softplus(x): both stay
    finite and exact where forming p first would round it to 0 or 1.
    """
    check_reduction(reduction)
    y, x = _targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore", over="ignore"):
        pos = np.where(y == 0, 0.0, y * softplus(-x))
        neg = np.where(y == 1, 0.0, (1.0 - y) * softplus(x))
    return reduce(pos + neg, reduction)


def sigmoid_cross_entropy_derivative(y_true, logits):
    """sigmoid(x) - y, as (1 - y) sigmoid(x) - y sigmoid(-x): exact for hard labels,
    where sigmoid(x) - 1 would cancel to 0 for x > 37."""
    y, x = _targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore"):
        pos = np.where(y == 0, 0.0, y * sigmoid(-x))
        neg = np.where(y == 1, 0.0, (1.0 - y) * sigmoid(x))
    return neg - pos


# --- hinge ----------------------------------------------------------------------------
def _signed_labels(y_true, score):
    t, s = broadcast(y_true=as_float("y_true", y_true), score=as_float("score", score))
    labels = t[~np.isnan(t)]
    if np.isin(labels, (0.0, 1.0)).all():
        t = 2.0 * t - 1.0  # all 0/1: Keras' convention, 0 means -1
    elif not np.isin(labels, (-1.0, 1.0)).all():
        bad = labels[~np.isin(labels, (-1.0, 1.0))].flat[0]
        raise ValueError(
            "Expected hinge labels y_true in {-1, +1} (or all in {0, 1}). "
            f"Received: y_true containing {bad.item()!r}"
        )
    return t, s


def _hinge_gap(y_true, score):
    """max(0, 1 - t s) and t: t s is exact for t = +-1, so the gap rounds once."""
    t, s = _signed_labels(y_true, score)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.maximum(0.0, 1.0 - t * s), t


def hinge(y_true, score, *, reduction="mean"):
    """max(0, 1 - t s) for labels t = +-1 (or 0/1, meaning -1/+1)."""
    check_reduction(reduction)
    gap, _ = _hinge_gap(y_true, score)
    return reduce(gap, reduction)


def hinge_derivative(y_true, score):
    """-t where the margin t s < 1, else 0 (the subgradient 0 at the kink)."""
    gap, t = _hinge_gap(y_true, score)
    return np.where(gap > 0, -t, np.where(np.isnan(gap), np.nan, 0.0))


def squared_hinge(y_true, score, *, reduction="mean"):
    """max(0, 1 - t s)**2."""
    check_reduction(reduction)
    gap, _ = _hinge_gap(y_true, score)
    with np.errstate(over="ignore"):
        return reduce(np.square(gap), reduction)


def squared_hinge_derivative(y_true, score):
    """-2 t max(0, 1 - t s)."""
    gap, t = _hinge_gap(y_true, score)
    with np.errstate(over="ignore"):
        return -2.0 * t * gap

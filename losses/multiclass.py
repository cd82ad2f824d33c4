"""Multiclass losses (class axis last: one loss per example), each beside its derivative."""

import numpy as np

from ._checks import as_float, broadcast, check_reduction, check_unit_interval, reduce
from ._fp import exp_dd, log_ratio, two_prod, two_sum
from .activations import _shifted


def _per_example(values, reduction):
    """Sum over the class axis (one loss per example), then reduce over examples."""
    check_reduction(reduction)
    return reduce(np.sum(values, axis=-1), reduction)


def _distributions(name_true, y_true, name_pred, y_pred):
    y, p = broadcast(**{name_true: as_float(name_true, y_true), name_pred: as_float(name_pred, y_pred)})
    if y.ndim == 0:
        raise ValueError(
            f"Expected `{name_true}` and `{name_pred}` with a class axis (last). Received: scalars"
        )
    check_unit_interval(name_true, y)
    check_unit_interval(name_pred, p)
    return y, p


# --- categorical cross-entropy --------------------------------------------------------
def categorical_cross_entropy(y_true, probs, *, reduction="mean"):
    """-sum_i y_i log p_i over the class axis; y one-hot or a distribution; 0 log 0 = 0."""
    check_reduction(reduction)
    y, p = _distributions("y_true", y_true, "probs", probs)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y == 0, 0.0, -y * np.log(p))  # every term >= 0
    return _per_example(terms, reduction)


def categorical_cross_entropy_derivative(y_true, probs):
    """-y_i / p_i (0 where y_i = 0)."""
    y, p = _distributions("y_true", y_true, "probs", probs)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(y == 0, 0.0, -y / p)


# --- sparse categorical cross-entropy -------------------------------------------------
def _labels_and_probs(labels, probs):
    p = as_float("probs", probs)
    if p.ndim == 0:
        raise ValueError("Expected `probs` with a class axis (last). Received: a scalar")
    check_unit_interval("probs", p)
    n_classes = p.shape[-1]
    raw = np.asarray(labels)
    if raw.dtype.kind not in "iub":
        values = as_float("labels", raw)
        whole = np.isfinite(values) & (values == np.round(values))
        if not whole.all():
            raise ValueError(
                f"Expected integer class labels in [0, {n_classes}). "
                f"Received: labels containing {values[~whole].flat[0].item()!r}"
            )
    raw = raw.astype(np.int64)
    outside = (raw < 0) | (raw >= n_classes)
    if outside.any():
        raise ValueError(
            f"Expected integer class labels in [0, {n_classes}). "
            f"Received: labels containing {raw[outside].flat[0].item()!r}"
        )
    try:
        shape = np.broadcast_shapes(raw.shape, p.shape[:-1])
    except ValueError:
        raise ValueError(
            "Expected labels whose shape broadcasts with probs.shape[:-1]. "
            f"Received: labels.shape={raw.shape}, probs.shape={p.shape}"
        ) from None
    raw = np.broadcast_to(raw, shape)
    p = np.broadcast_to(p, (*shape, n_classes))
    return raw, p


def sparse_categorical_cross_entropy(labels, probs, *, reduction="mean"):
    """-log p[label]: categorical cross-entropy with the one-hot labels given as integers."""
    check_reduction(reduction)
    labels, p = _labels_and_probs(labels, probs)
    with np.errstate(divide="ignore"):
        picked = np.take_along_axis(p, labels[..., None], axis=-1)[..., 0]
        return reduce(-np.log(picked), reduction)


def sparse_categorical_cross_entropy_derivative(labels, probs):
    """-1 / p[label] at the label, 0 elsewhere (same shape as probs)."""
    labels, p = _labels_and_probs(labels, probs)
    hot = np.arange(p.shape[-1]) == labels[..., None]
    with np.errstate(divide="ignore", over="ignore"):
        return np.where(hot, -1.0 / p, 0.0)


# --- softmax cross-entropy ------------------------------------------------------------
def _targets_and_logits(y_true, logits):
    y, x = broadcast(y_true=as_float("y_true", y_true), logits=as_float("logits", logits))
    if y.ndim == 0:
        raise ValueError("Expected `y_true` and `logits` with a class axis (last). Received: scalars")
    check_unit_interval("y_true", y)
    return y, x


def _softmax_parts(x):
    """(x - max) as double-double, the argmax mask, exp of the shift (1 at the max) and
    S, the sum of the exponentials at the other positions."""
    hi, lo, is_max = _shifted(x, -1)
    with np.errstate(under="ignore", invalid="ignore"):
        e = np.where(is_max, 1.0, exp_dd(hi, lo))
        s = np.sum(np.where(is_max, 0.0, e), axis=-1, keepdims=True)
    return hi, lo, is_max, e, s


def softmax_cross_entropy(y_true, logits, *, reduction="mean"):
    """-sum_i y_i log_softmax(logits)_i, with every term >= 0 (see ``log_softmax``)."""
    check_reduction(reduction)
    y, x = _targets_and_logits(y_true, logits)
    hi, lo, _, _, s = _softmax_parts(x)
    with np.errstate(invalid="ignore", over="ignore"):
        nll = (np.log1p(s) - hi) - lo  # = -log_softmax, >= 0
        terms = np.where(y == 0, 0.0, y * nll)
    return _per_example(terms, reduction)


def softmax_cross_entropy_derivative(y_true, logits):
    """softmax(x) sum(y) - y; at the argmax written as sum_{j != k} y_j - sum(y) S / (1 + S),
    which keeps p_k - 1 = -S / (1 + S) exact where p_k rounds to 1."""
    y, x = _targets_and_logits(y_true, logits)
    _, _, is_max, e, s = _softmax_parts(x)
    total = np.sum(y, axis=-1, keepdims=True)
    others = np.sum(np.where(is_max, 0.0, y), axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", under="ignore"):
        at_max = others - total * (s / (1.0 + s))
        elsewhere = (e / (1.0 + s)) * total - y
    return np.where(is_max, at_max, elsewhere)


# --- Kullback-Leibler divergence ------------------------------------------------------
_C_TERMS = 1.0 / (2.0 * np.arange(56)[::-1] + 3.0)  # sum_k w**k / (2k + 3), Horner order


def _kl_term(p, q):
    """p log(p/q) - p + q >= 0, to a few ulp, for p, q in (0, 1].

    With s = (p - q) / (p + q), log(p/q) = 2 atanh(s) and the term is (p + q) B(s),
    B(s) = (1 + s) atanh(s) - s = s**2 + (1 + s) s**3 C(s**2), C(w) = sum_k w**k / (2k + 3):
    a series of positive terms for |s| < 0.7. Beyond, p / q > 5.7 or < 0.18, and the
    direct forms p (log(p/q) - 1) + q and p log(p/q) + (q - p) cancel by less than 2x.
    """
    diff, diff_lo = two_sum(p, -q)
    total, total_lo = two_sum(p, q)
    s = diff / total
    # one Newton step on the double-doubles (diff + diff_lo) / (total + total_lo)
    prod, prod_lo = two_prod(s, total)
    s = s + (((diff - prod) - prod_lo) + diff_lo - s * total_lo) / total
    w = s * s
    c = np.zeros_like(s)
    for coefficient in _C_TERMS:
        c = c * w + coefficient
    series = total * (w + (1.0 + s) * (s * w) * c)
    lr = log_ratio(p, q)
    direct = np.where(s > 0, p * (lr - 1.0) + q, p * lr + (q - p))
    return np.where(np.abs(s) < 0.7, series, direct), diff, diff_lo


def kl_divergence(p_true, q_pred, *, reduction="mean"):
    """KL(P || Q) = sum_i p_i log(p_i / q_i); 0 log(0 / q) = 0; inf where p > 0 = q.

    Each term is rewritten as the non-negative p log(p/q) - p + q (see ``_kl_term``) and
    the exact sum of (p_i - q_i) added back at the end. So a divergence between nearly
    equal distributions, whose terms p log(p/q) cancel, keeps all its digits.
    """
    check_reduction(reduction)
    p, q = _distributions("p_true", p_true, "q_pred", q_pred)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        inner, diff, diff_lo = _kl_term(p, q)
        terms = np.where(p == 0, q, np.where(q == 0, np.inf, inner))
    # sum_i (p_i - q_i), accumulated exactly as a double-double along the class axis
    acc_hi = np.zeros(diff.shape[:-1])
    acc_lo = np.zeros(diff.shape[:-1])
    for i in range(diff.shape[-1]):
        acc_hi, err = two_sum(acc_hi, diff[..., i])
        acc_lo = acc_lo + err + diff_lo[..., i]
    with np.errstate(invalid="ignore"):
        per_example = np.sum(terms, axis=-1) + (acc_hi + acc_lo)
    return reduce(per_example, reduction)


def kl_divergence_derivative(p_true, q_pred):
    """d KL / d q_i = -p_i / q_i (0 where p_i = 0)."""
    p, q = _distributions("p_true", p_true, "q_pred", q_pred)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where(p == 0, 0.0, -p / q)

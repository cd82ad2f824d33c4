"""Multiclass losses (class axis last: one loss per example), each beside its derivative."""

from typing import NamedTuple

import numpy as np

from ._blocks import FEW_CLASSES, blockwise, by_example
from ._checks import (
    as_float,
    broadcast,
    check_number,
    check_reduction,
    check_unit_interval,
    reduce,
    smallest,
    targets_and_logits,
)
from ._fp import exp_dd, log_ratio, two_diff_finite, two_sum_finite
from .activations import _shifted


# Functions of examples given class axis first (see ``by_example``) ------------------
def _class_sum(a):
    """Sum over the class axis (first). For few classes a loop over them."""
    if not 0 < a.shape[0] <= FEW_CLASSES:
        return np.sum(a, axis=0)
    total = a[0]
    for row in a[1:]:
        total = total + row
    return total


def _class_max(x):
    """Max over the class axis (first), for at least one class."""
    if x.shape[0] > FEW_CLASSES:
        return np.max(x, axis=0)
    top = x[0]
    for row in x[1:]:
        top = np.maximum(top, row)
    return top


def _distributions(name_true, y_true, name_pred, y_pred):
    y, p = broadcast(**{name_true: as_float(name_true, y_true), name_pred: as_float(name_pred, y_pred)})
    if y.ndim == 0:
        raise ValueError(
            f"Expected `{name_true}` and `{name_pred}` with a class axis (last). Received: scalars"
        )
    check_unit_interval(name_true, y)
    check_unit_interval(name_pred, p)
    return y, p


def check_label_smoothing(label_smoothing):
    """Keras' ``label_smoothing``: a number in [0, 1]."""
    return check_number("label_smoothing", label_smoothing, "a number in [0, 1]", lambda x: 0.0 <= x <= 1.0)


def _smoothed(y, label_smoothing):
    """Keras' label smoothing: y (1 - eps) + eps / C, C the classes (last axis). With
    eps = 0 the labels themselves (the same array): results stay the same to the bit."""
    if label_smoothing == 0 or y.shape[-1] == 0:
        return y
    return y * (1.0 - label_smoothing) + label_smoothing / y.shape[-1]


# --- categorical cross-entropy --------------------------------------------------------
def _zero_weight_is_zero(y, values):
    """values, 0 where y = 0 and the value is NaN (0 log 0, 0 / 0, a NaN probability)."""
    bad = np.isnan(values)
    if bad.any():
        values[bad] = np.where(y[bad] == 0, 0.0, values[bad])
    return values


def _cce(y, p):
    return _class_sum(_zero_weight_is_zero(y, -y * np.log(p)))  # every term >= 0


def categorical_cross_entropy(y_true, probs, *, label_smoothing=0.0, reduction="mean"):
    """-sum_i y_i log p_i over the class axis; y one-hot or a distribution; 0 log 0 = 0.

    ``label_smoothing`` eps in [0, 1] replaces y by y (1 - eps) + eps / C, as Keras does.
    """
    check_reduction(reduction)
    label_smoothing = check_label_smoothing(label_smoothing)
    y, p = _distributions("y_true", y_true, "probs", probs)
    y = _smoothed(y, label_smoothing)
    with np.errstate(divide="ignore", invalid="ignore"):
        return reduce(by_example(_cce, y, p), reduction)


def categorical_cross_entropy_derivative(y_true, probs, *, label_smoothing=0.0):
    """-y_i / p_i (0 where y_i = 0), y smoothed as in ``categorical_cross_entropy``."""
    label_smoothing = check_label_smoothing(label_smoothing)
    y, p = _distributions("y_true", y_true, "probs", probs)
    y = _smoothed(y, label_smoothing)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # 0 - y / p is -y / p, and +0 (not -0) where y = 0
        return blockwise(lambda y, p: _zero_weight_is_zero(y, 0.0 - y / p), y, p)


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
    at_label = labels[..., None]
    slope = np.zeros(p.shape)
    with np.errstate(divide="ignore", over="ignore"):
        # only the probability at the label is read: no mask over every class
        np.put_along_axis(slope, at_label, -1.0 / np.take_along_axis(p, at_label, axis=-1), axis=-1)
    return slope


# --- softmax cross-entropy ------------------------------------------------------------
class SoftmaxParts(NamedTuple):
    """What softmax cross-entropy and its derivative share, class axis first."""

    hi: np.ndarray  # x - max as a double-double: hi + lo
    lo: np.ndarray
    at_max: np.ndarray  # the argmax as a 0/1 float mask
    e: np.ndarray  # exp(x - max), 1 at the maximum
    s: np.ndarray  # the sum of e at the other positions
    finite: bool  # every logit finite and no tie for the maximum


def _softmax_parts(x):
    """The ``SoftmaxParts`` of logits x, class axis first.

    Finite logits without a tie for the maximum take a short path: x - max never
    overflows, so no fix-up of the low part, and the maximum is where x - max is 0.
    """
    if x.size:
        top = _class_max(x)
        finite = bool(np.isfinite(np.max(top) - np.min(x)))  # also: no x - max overflows
        if finite:
            hi, lo = two_diff_finite(x, top)
            is_max = hi == 0  # x - max is 0 exactly where x is the maximum
            if np.count_nonzero(is_max) == top.size:  # one per example: no tie to break
                e = exp_dd(hi, lo)  # 1 at the maximum
                return SoftmaxParts(hi, lo, *_without_max(is_max, e), True)
    # Any logit infinite or NaN, or a tie (the first maximum counts, as argmax).
    hi, lo, is_max = (np.moveaxis(a, -1, 0) for a in _shifted(np.moveaxis(x, 0, -1), -1))
    return SoftmaxParts(hi, lo, *_without_max(is_max, np.where(is_max, 1.0, exp_dd(hi, lo))), False)


def _without_max(is_max, e):
    """The argmax as a 0/1 float mask, e, and the sum of e but at the argmax.

    e is exactly 1 at the maximum, so e - mask drops it without np.where, whose branch
    per element mispredicts a quarter of the time with four classes.
    """
    mask = is_max.astype(np.float64)
    return mask, e, _class_sum(e - mask)


def _softmax_ce(y, x):
    parts = _softmax_parts(x)
    terms = y * ((np.log1p(parts.s) - parts.hi) - parts.lo)  # y (-log_softmax), >= 0
    if not parts.finite:
        terms = np.where(y == 0, 0.0, terms)  # a zero weight drops an infinite term
    return _class_sum(terms)


def softmax_cross_entropy(y_true, logits, *, label_smoothing=0.0, reduction="mean"):
    """-sum_i y_i log_softmax(logits)_i, with every term >= 0 (see ``log_softmax``).

    ``label_smoothing`` eps in [0, 1] replaces y by y (1 - eps) + eps / C, as Keras does.
    """
    check_reduction(reduction)
    label_smoothing = check_label_smoothing(label_smoothing)
    y, x = targets_and_logits(y_true, logits, class_axis=True)
    y = _smoothed(y, label_smoothing)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        return reduce(by_example(_softmax_ce, y, x), reduction)


def _softmax_ce_slope(y, x):
    parts = _softmax_parts(x)
    at_top, e, s = parts.at_max, parts.e, parts.s
    elsewhere_mask = 1.0 - at_top
    total = _class_sum(y)
    others = _class_sum(y * elsewhere_mask)
    at_max = others - total * (s / (1.0 + s))
    elsewhere = (e / (1.0 + s)) * total - y
    # np.where(at_top, at_max, elsewhere) without a branch: one weight is 1 and the other
    # 0, and both values are finite (or NaN together, whenever the row has a NaN)
    return elsewhere * elsewhere_mask + at_max * at_top


def softmax_cross_entropy_derivative(y_true, logits, *, label_smoothing=0.0):
    """softmax(x) sum(y) - y; at the argmax written as sum_{j != k} y_j - sum(y) S / (1 + S),
    which keeps p_k - 1 = -S / (1 + S) exact where p_k rounds to 1. y smoothed as in
    ``softmax_cross_entropy``."""
    label_smoothing = check_label_smoothing(label_smoothing)
    y, x = targets_and_logits(y_true, logits, class_axis=True)
    y = _smoothed(y, label_smoothing)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        return by_example(_softmax_ce_slope, y, x)


# --- Kullback-Leibler divergence ------------------------------------------------------
# C(w) = sum_k w**k / (2k + 3) = integral_0^1 t**2 / (1 - w t**2) dt, for w = s**2 in
# [0, 0.49], as 1/3 + w (c0 + sum_j a_j / (b_j - w)): six poles b_j > 1 and residues
# a_j > 0, so every term is positive and nothing cancels. The AAA rational approximation
# (7 support points on 400 Chebyshev points of [0, 0.49], mpmath at 60 digits) of
# (C(w) - 1/3) / w, as partial fractions: within 1.2e-17 of C, where the Taylor series
# needs 56 terms; float64 evaluation stays within 1.5 ulp of C.
_C_POLES = (
    5.908448825030512,
    2.6765374165402114,
    1.7066058278469964,
    1.2981363289959769,
    1.1044858511051667,
    1.0183539404053639,
)
_C_RESIDUES = (
    0.03821855820729186,
    0.0658372891191649,
    0.07775879232738829,
    0.07113184199058037,
    0.050721273326690845,
    0.022902619079697976,
)
_C_CONSTANT = 0.00016202101632912085


def _kl_series(w):
    """C(w) for w in [0, 0.49] (see above)."""
    total = _C_CONSTANT
    for pole, residue in zip(_C_POLES, _C_RESIDUES, strict=True):
        total = total + residue / (pole - w)
    return 1.0 / 3.0 + w * total


def _kl_direct(p, q):
    """p log(p/q) - p + q for |s| >= 0.7, where its two forms cancel by less than 2x (see
    ``_kl_term``); q where p = 0 and inf where p > 0 = q."""
    lr = np.log(p / q)  # accurate where p / q is a normal number, |log(p/q)| < 708
    odd = ~(np.abs(lr) < 708.0)  # over- or underflow, a zero, or NaN
    any_odd = odd.any()
    if any_odd:
        lr[odd] = log_ratio(p[odd], q[odd])  # exact there
    # p (log(p/q) - 1) + q for p > q, p log(p/q) + (q - p) below: up = 1 or 0 picks one
    up = (p > q).astype(np.float64)
    direct = p * (lr - up) + (q - (1.0 - up) * p)
    if any_odd:  # 0 log(0 / q) = 0 leaves q; p log(p / 0) = inf
        p, q = p[odd], q[odd]
        direct[odd] = np.where(p == 0, q, np.where(q == 0, np.inf, direct[odd]))
    return direct


def _kl_term(p, q):
    """p log(p/q) - p + q >= 0, to a few ulp, for p, q in [0, 1] (q where p = 0, inf where
    p > 0 = q), and p - q as a double-double.

    With s = (p - q) / (p + q), log(p/q) = 2 atanh(s) and the term is (p + q) B(s),
    B(s) = (1 + s) atanh(s) - s = s**2 (1 + (1 + s) s C(s**2)), C(w) = sum_k w**k / (2k + 3):
    for |s| < 0.7 the term is (p - q)**2 / (p + q) (1 + X), X = (1 + s) s C(s**2) in
    [-0.1, 0.6]. Beyond, p / q > 5.7 or < 0.18, and the direct forms p (log(p/q) - 1) + q
    and p log(p/q) + (q - p) cancel by less than 2x.
    """
    diff, diff_lo = two_diff_finite(p, q)  # p and q in [0, 1]: nothing overflows
    s = diff / (p + q)
    # (p - q)**2 / (p + q) = s (p - q), with the low part of p - q to first order: s diff +
    # 2 s diff_lo (and no (p - q)**2 to underflow). The roundings of s and p + q reach X,
    # the smaller part, as they are.
    lead = s * diff + 2.0 * (s * diff_lo)
    w = s * s
    terms = lead + lead * ((s + w) * _kl_series(w))  # X = (1 + s) s C = (s + s**2) C
    # the direct forms (and the zeros and NaN), on those elements only
    far = np.flatnonzero(~(w < 0.49))  # flat indices in C order, whatever the layout
    terms = np.ascontiguousarray(terms)  # so that its flat view is written, not a copy
    terms.reshape(-1)[far] = _kl_direct(np.reshape(p, -1)[far], np.reshape(q, -1)[far])
    return terms, diff, diff_lo


def _kl(p, q):
    if len(p) == 0:  # no class: nothing to sum
        return np.zeros(p.shape[1:])
    terms, diff, diff_lo = _kl_term(p, q)
    # sum_i (p_i - q_i), accumulated exactly as a double-double along the class axis
    acc_hi, acc_lo = diff[0], diff_lo[0]
    for d, d_lo in zip(diff[1:], diff_lo[1:], strict=True):
        acc_hi, err = two_sum_finite(acc_hi, d)  # sums of at most 1 in size: no overflow
        acc_lo = acc_lo + err + d_lo
    return _class_sum(terms) + (acc_hi + acc_lo)


def kl_divergence(p_true, q_pred, *, reduction="mean"):
    """KL(P || Q) = sum_i p_i log(p_i / q_i); 0 log(0 / q) = 0; inf where p > 0 = q.

    Each term is rewritten as the non-negative p log(p/q) - p + q (see ``_kl_term``) and
    the exact sum of (p_i - q_i) added back at the end. So a divergence between nearly
    equal distributions, whose terms p log(p/q) cancel, keeps all its digits.
    """
    check_reduction(reduction)
    p, q = _distributions("p_true", p_true, "q_pred", q_pred)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        return reduce(by_example(_kl, p, q), reduction)


def kl_divergence_derivative(p_true, q_pred):
    """d KL / d q_i = -p_i / q_i (0 where p_i = 0)."""
    p, q = _distributions("p_true", p_true, "q_pred", q_pred)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        slope = np.divide(p, q)
    np.negative(slope, out=slope)
    if smallest(p) == 0:  # p >= 0: a zero is the smallest value
        slope[p == 0] = 0.0
    return slope

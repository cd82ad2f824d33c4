"""Binary classification losses, each beside its derivative: cross-entropy (on
probabilities and on logits), its focal version, and the hinges."""

import numpy as np

from ._blocks import blockwise, reduce_blockwise
from ._checks import (
    as_float,
    broadcast,
    check_number,
    check_reduction,
    check_unit_interval,
    largest,
    smallest,
    targets_and_logits,
)
from ._fp import exp_dd, two_diff_finite, two_prod, two_sum_finite
from .activations import softplus
from .robust import exp_neg_dd


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


# --- focal loss -----------------------------------------------------------------------
def check_gamma(gamma):
    """The focusing parameter: a finite number >= 0."""
    return check_number("gamma", gamma, "a finite number >= 0", lambda x: np.isfinite(x) and x >= 0)


def _power(w_hi, w_lo, gamma):
    """(w_hi + w_lo)**gamma for a double-double w >= 0: pow of the high part (under 1 ulp)
    times (1 + w_lo / w_hi)**gamma, so the rounding of w is not raised to the power."""
    base = np.power(w_hi, gamma)
    ratio = np.where(w_hi > 0, w_lo / w_hi, 0.0)
    return base + base * np.expm1(gamma * np.log1p(ratio))


def _complement(p):
    """1 - p as a double-double (exact: the low part is the rounding error)."""
    return two_diff_finite(1.0, p)


def _focal_terms(y, p, gamma):
    # y (1 - p)**gamma (-log p) + (1 - y) p**gamma (-log1p(-p)): two terms >= 0
    w_hi, w_lo = _complement(p)
    pull = _power(w_hi, w_lo, gamma) * -np.log(p)
    push = np.power(p, gamma) * -np.log1p(-p)
    terms = y * pull + (1.0 - y) * push
    edge = (p == 0) | (p == 1)  # only there is a term inf (0 log 0 = 0 by _weighted)
    if edge.any():
        terms[edge] = _weighted(y[edge], pull[edge], push[edge])
    return terms


def binary_focal_cross_entropy(y_true, p, *, gamma=2.0, reduction="mean"):
    """Focal loss (Lin et al. 2017) on probabilities:
    -[y (1 - p)**gamma log p + (1 - y) p**gamma log(1 - p)].

    gamma >= 0 down-weights the well-classified examples; gamma = 0 is
    ``binary_cross_entropy``, to the bit. Soft labels y in [0, 1] as there.
    """
    check_reduction(reduction)
    gamma = check_gamma(gamma)
    if gamma == 0:
        return binary_cross_entropy(y_true, p, reduction=reduction)
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        return reduce_blockwise(lambda y, p: _focal_terms(y, p, gamma), reduction, y, p)


def _focal_slope(y, p, gamma):
    # d/dp = -y (1-p)**g [g (-log p) / (1-p) + 1/p] + (1-y) p**g [g (-log1p(-p)) / p + 1/(1-p)]:
    # each bracket a sum of terms >= 0. -log p / (1 - p) and -log1p(-p) / p tend to 1
    # where their denominators vanish.
    w_hi, w_lo = _complement(p)
    inv_w = np.where(w_hi == 0, np.inf, (1.0 / w_hi) * (1.0 - w_lo / w_hi))
    pull_ratio = np.where(w_hi == 0, 1.0, -np.log(p) * inv_w)
    push_ratio = np.where(p == 0, 1.0, -np.log1p(-p) / p)
    # the weight y goes in before 1 / p, which overflows for a subnormal p where y / p need not
    pull = -_power(w_hi, w_lo, gamma) * ((gamma * pull_ratio) * y + y / p)
    push = np.power(p, gamma) * (gamma * push_ratio + inv_w) * (1.0 - y)
    return np.where(y == 0, 0.0, pull) + np.where(y == 1, 0.0, push)


def binary_focal_cross_entropy_derivative(y_true, p, *, gamma=2.0):
    """d/dp of the focal loss: -y (1-p)**(g-1) [g (-log p) + (1-p)/p] +
    (1-y) p**(g-1) [g (-log(1-p)) + p/(1-p)]; +-inf at a wrong certainty."""
    gamma = check_gamma(gamma)
    if gamma == 0:
        return binary_cross_entropy_derivative(y_true, p)
    y, p = _targets_and_probs(y_true, p)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore", under="ignore"):
        return blockwise(lambda y, p: _focal_slope(y, p, gamma), y, p)


def _sigmoid_focal_parts(x, gamma):
    """For a = |x|, e = exp(-a): l = softplus(-a) = log1p(e), big = softplus(a) = a + l,
    s_near = sigmoid(a) = 1 / (1 + e) and s_far = sigmoid(-a) = e / (1 + e), and their
    powers near = s_near**gamma = (1 + e)**-gamma and far = s_far**gamma =
    exp(-gamma a) near, with gamma a carried exactly (it may be hundreds)."""
    a = np.abs(x)
    e, e_lo = exp_neg_dd(a)  # exact: gamma would raise the rounding of exp to its power
    one_e_hi, one_e_lo = two_sum_finite(1.0, e)
    one_e_lo = one_e_lo + e_lo
    l = np.log1p(e) + e_lo / one_e_hi
    big = a + l
    near = _power(one_e_hi, one_e_lo, -gamma)
    # gamma a as hi + lo, from the mantissas (exact whatever the exponents)
    gm, ge = np.frexp(gamma)
    am, ae = np.frexp(a)
    g_hi, g_lo = two_prod(gm, am)
    scale = ge + ae
    far = near * exp_dd(-np.ldexp(g_hi, scale), -np.ldexp(g_lo, scale))
    inv = (1.0 / one_e_hi) * (1.0 - one_e_lo / one_e_hi)
    s_near = inv
    s_far = (e + e_lo) * inv
    s_far_big = np.where(e == 0, 0.0, s_far * big)  # a e**-a -> 0
    return l, big, near, far, s_near, s_far, s_far_big


def _sigmoid_focal_terms(y, x, gamma):
    # y sigmoid(-x)**g softplus(-x) + (1 - y) sigmoid(x)**g softplus(x), on the side of x:
    # for x >= 0 the y term is far * l and the other near * big; for x < 0 the reverse.
    l, big, near, far, *_ = _sigmoid_focal_parts(x, gamma)
    small_term, big_term = far * l, near * big
    positive = x >= 0
    pull = np.where(positive, small_term, big_term)
    push = np.where(positive, big_term, small_term)
    terms = y * pull + (1.0 - y) * push
    infinite = np.isinf(x)  # only there is a term inf
    if infinite.any():
        terms[infinite] = _weighted(y[infinite], pull[infinite], push[infinite])
    return terms


def sigmoid_focal_cross_entropy(y_true, logits, *, gamma=2.0, reduction="mean"):
    """Focal loss of p = sigmoid(logits), from the logits:
    y sigmoid(-x)**gamma softplus(-x) + (1 - y) sigmoid(x)**gamma softplus(x).

    Neither p nor 1 - p is formed where it would round to 0 or 1; gamma = 0 is
    ``sigmoid_cross_entropy``, to the bit.
    """
    check_reduction(reduction)
    gamma = check_gamma(gamma)
    if gamma == 0:
        return sigmoid_cross_entropy(y_true, logits, reduction=reduction)
    y, x = targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        return reduce_blockwise(lambda y, x: _sigmoid_focal_terms(y, x, gamma), reduction, y, x)


def _sigmoid_focal_slope(y, x, gamma):
    # -y s(-x)**g [g s(x) softplus(-x) + s(-x)] + (1 - y) s(x)**g [g s(-x) softplus(x) + s(x)]:
    # brackets of terms >= 0; "far" is the one with s(-|x|), "near" the one with s(|x|).
    l, _, near, far, s_near, s_far, s_far_big = _sigmoid_focal_parts(x, gamma)
    far_slope = far * (gamma * (s_near * l) + s_far)
    near_slope = near * (gamma * s_far_big + s_near)
    positive = x >= 0
    pull = -np.where(positive, far_slope, near_slope)
    push = np.where(positive, near_slope, far_slope)
    return y * pull + (1.0 - y) * push


def sigmoid_focal_cross_entropy_derivative(y_true, logits, *, gamma=2.0):
    """d/dx of the focal loss of sigmoid(x); sigmoid(x) - y at gamma = 0."""
    gamma = check_gamma(gamma)
    if gamma == 0:
        return sigmoid_cross_entropy_derivative(y_true, logits)
    y, x = targets_and_logits(y_true, logits)
    with np.errstate(invalid="ignore", over="ignore", under="ignore"):
        return blockwise(lambda y, x: _sigmoid_focal_slope(y, x, gamma), y, x)


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

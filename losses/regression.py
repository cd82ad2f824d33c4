"""Regression losses of the residual r = y_pred - y_true, each beside its derivative.

Every function returns the exact result for its float64 inputs to within a few ulp,
over the whole float64 range (see the design doc, "Exactness").
"""

import numpy as np

from ._checks import as_float, broadcast, check_above, check_positive_finite, check_reduction, reduce
from ._fp import LN2_HI, LN2_LO, log_ratio


def _residual(y_true, y_pred):
    y_true, y_pred = broadcast(y_true=as_float("y_true", y_true), y_pred=as_float("y_pred", y_pred))
    with np.errstate(over="ignore", invalid="ignore"):
        return y_pred - y_true


def _loss(per_element, y_true, y_pred, reduction, **params):
    check_reduction(reduction)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        values = per_element(_residual(y_true, y_pred), **params)
    return reduce(values, reduction)


def _derivative(per_element, y_true, y_pred, **params):
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        return per_element(_residual(y_true, y_pred), **params)


# --- L1 -------------------------------------------------------------------------------
def mae(y_true, y_pred, *, reduction="mean"):
    """Mean absolute error (L1): |r|."""
    return _loss(np.abs, y_true, y_pred, reduction)


def mae_derivative(y_true, y_pred):
    """d|r|/dy_pred = sign(r), 0 at r = 0."""
    return _derivative(np.sign, y_true, y_pred)


# --- L2 -------------------------------------------------------------------------------
def mse(y_true, y_pred, *, reduction="mean"):
    """Mean squared error (L2): r**2, without the 1/2 (as PyTorch and Keras)."""
    return _loss(np.square, y_true, y_pred, reduction)


def mse_derivative(y_true, y_pred):
    """d(r**2)/dy_pred = 2 r."""
    return _derivative(lambda r: 2.0 * r, y_true, y_pred)


# --- RMSE -----------------------------------------------------------------------------
def _residual_and_scale(y_true, y_pred):
    """The residuals, recomputed halved where the difference of two finite inputs
    overflows, and the power of two that the halved ones must be multiplied by."""
    y_true, y_pred = broadcast(y_true=as_float("y_true", y_true), y_pred=as_float("y_pred", y_pred))
    with np.errstate(over="ignore", invalid="ignore"):
        r = y_pred - y_true
    if (np.isinf(r) & np.isfinite(y_true) & np.isfinite(y_pred)).any():
        return 0.5 * y_pred - 0.5 * y_true, 2.0
    return r, 1.0


def rmse(y_true, y_pred):
    """Root mean squared error sqrt(mean r**2), always a scalar cost.

    Squares are taken of r / 2**e, where 2**e is the largest |r| rounded to a power of
    two: exact scaling, so nothing over- or underflows that the result does not.
    """
    r, outer = _residual_and_scale(y_true, y_pred)
    if r.size == 0:
        raise ValueError(
            "Expected at least one example to take the mean over. "
            f"Received: an empty input of shape {r.shape}"
        )
    biggest = np.max(np.abs(r))
    if not np.isfinite(biggest) or biggest == 0:
        return np.float64(biggest * outer)
    scale = np.ldexp(1.0, -np.frexp(biggest)[1])
    with np.errstate(under="ignore"):
        return np.float64(np.sqrt(np.mean(np.square(r * scale))) / scale * outer)


def rmse_derivative(y_true, y_pred):
    """d rmse / dy_pred_i = r_i / (n * rmse); 0 where every residual is 0."""
    r = _residual(y_true, y_pred)
    cost = rmse(y_true, y_pred)
    if cost == 0:
        return np.zeros_like(r)
    with np.errstate(over="ignore", under="ignore"):
        return r / cost / r.size


# --- MSLE -----------------------------------------------------------------------------
def _log1p_difference(y_true, y_pred):
    """log1p(y_pred) - log1p(y_true) without cancellation.

    Near equal arguments: log1p((a - b) / (1 + b)), whose argument has no cancellation.
    Otherwise log((1 + a) / (1 + b)) through log_ratio, where |result| >= log 2 makes
    the rounding of 1 + a and 1 + b harmless.
    """
    y_true, y_pred = broadcast(y_true=as_float("y_true", y_true), y_pred=as_float("y_pred", y_pred))
    check_above("y_true", y_true, -1)
    check_above("y_pred", y_pred, -1)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        a1, b1 = 1.0 + y_pred, 1.0 + y_true
        near = (a1 <= 2 * b1) & (b1 <= 2 * a1)
        close = np.log1p((y_pred - y_true) / b1)
        far = log_ratio(a1, b1)
        return np.where(near, close, far), a1


def msle(y_true, y_pred, *, reduction="mean"):
    """Mean squared logarithmic error: (log1p(y_pred) - log1p(y_true))**2, inputs > -1."""
    check_reduction(reduction)
    d, _ = _log1p_difference(y_true, y_pred)
    with np.errstate(under="ignore"):
        return reduce(np.square(d), reduction)


def msle_derivative(y_true, y_pred):
    """2 (log1p(y_pred) - log1p(y_true)) / (1 + y_pred)."""
    d, a1 = _log1p_difference(y_true, y_pred)
    with np.errstate(under="ignore", over="ignore"):
        return 2.0 * (d / a1)


# --- Huber ----------------------------------------------------------------------------
def _huber(r, delta):
    a = np.abs(r)
    # (0.5 r) r, not 0.5 (r r): r r overflows for |r| > 1.3e154 where half of it does not.
    return np.where(a <= delta, (0.5 * r) * r, delta * (a - 0.5 * delta))


def huber(y_true, y_pred, *, delta=1.0, reduction="mean"):
    """Huber loss: r**2 / 2 for |r| <= delta, else delta (|r| - delta / 2).

    Equals PyTorch's ``huber_loss``; PyTorch's ``smooth_l1_loss(beta)`` is this / beta.
    """
    delta = check_positive_finite("delta", delta)
    return _loss(_huber, y_true, y_pred, reduction, delta=delta)


def huber_derivative(y_true, y_pred, *, delta=1.0):
    """r clipped to [-delta, delta]."""
    delta = check_positive_finite("delta", delta)
    return _derivative(lambda r: np.clip(r, -delta, delta), y_true, y_pred)


# --- Pseudo-Huber ---------------------------------------------------------------------
def _pseudo_huber(r, delta):
    a = np.abs(r)
    small = a <= delta
    z = a / delta
    # |z| <= 1: delta**2 (sqrt(1 + z**2) - 1) = r**2 / (sqrt(1 + z**2) + 1), no cancellation.
    inner = a * (a / (np.sqrt(1.0 + z * z) + 1.0))
    # |z| > 1: with u = delta / |r| the same is |r| delta / (hypot(1, u) + u), which
    # neither overflows (z**2 would) nor loses delta against an infinite z.
    u = delta / a
    outer = (a / (np.hypot(1.0, u) + u)) * delta
    return np.where(small, inner, outer)


def _pseudo_huber_slope(r, delta):
    a = np.abs(r)
    # r / sqrt(1 + (r/delta)**2), rewritten for |r| > delta as sign(r) delta / hypot(1, delta/r).
    return np.where(
        a <= delta, r / np.sqrt(1.0 + np.square(a / delta)), np.sign(r) * delta / np.hypot(1.0, delta / a)
    )


def pseudo_huber(y_true, y_pred, *, delta=1.0, reduction="mean"):
    """Pseudo-Huber loss: delta**2 (sqrt(1 + (r / delta)**2) - 1).

    With delta = c it equals c**2 rho(r, alpha=1, c) of Barron's general robust loss.
    """
    delta = check_positive_finite("delta", delta)
    return _loss(_pseudo_huber, y_true, y_pred, reduction, delta=delta)


def pseudo_huber_derivative(y_true, y_pred, *, delta=1.0):
    """r / sqrt(1 + (r / delta)**2)."""
    delta = check_positive_finite("delta", delta)
    return _derivative(_pseudo_huber_slope, y_true, y_pred, delta=delta)


# --- log-cosh -------------------------------------------------------------------------
def _log_cosh(r):
    a = np.abs(r)
    # |r| < 1: cosh r - 1 = expm1(|r|)**2 / (2 (1 + expm1(|r|))), then log1p: no cancellation
    # for small r, where log(cosh r) ~ r**2 / 2.
    em = np.expm1(np.minimum(a, 1.0))
    near = np.log1p(em * em / (2.0 * (1.0 + em)))
    # |r| >= 1: log cosh r = |r| - ln 2 + log1p(exp(-2|r|)), which never overflows (cosh does at 710).
    far = ((a - LN2_HI) - LN2_LO) + np.log1p(np.exp(-2.0 * a))
    return np.where(a < 1.0, near, far)


def log_cosh(y_true, y_pred, *, reduction="mean"):
    """log(cosh r)."""
    return _loss(_log_cosh, y_true, y_pred, reduction)


def log_cosh_derivative(y_true, y_pred):
    """tanh r."""
    return _derivative(np.tanh, y_true, y_pred)

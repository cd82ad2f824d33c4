"""Regression losses of the residual r = y_pred - y_true, each beside its derivative.

Every function returns the exact result for its float64 inputs to within a few ulp,
over the whole float64 range (see the design doc, "Exactness").
"""

import numpy as np

from ._blocks import blockwise, reduce_blockwise, shaped
from ._checks import as_float, broadcast, check_above, check_positive_finite, check_reduction, reduce
from ._fp import LN2_HI, LN2_LO, log_ratio


def _inputs(y_true, y_pred):
    return broadcast(y_true=as_float("y_true", y_true), y_pred=as_float("y_pred", y_pred))


def _residual(y_true, y_pred):
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(over="ignore", invalid="ignore"):
        return y_pred - y_true


def _loss(per_element, y_true, y_pred, reduction, **params):
    """reduction of per_element(y_pred - y_true), the residual formed block by block."""
    check_reduction(reduction)
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        return reduce_blockwise(lambda t, p: per_element(p - t, **params), reduction, y_true, y_pred)


def _derivative(per_element, y_true, y_pred, **params):
    """per_element(y_pred - y_true), the residual formed block by block."""
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        return blockwise(lambda t, p: per_element(p - t, **params), y_true, y_pred)


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


def _scaled_root_mean_square(r):
    """(r / 2**e, sqrt(mean((r / 2**e)**2)), e), where 2**e is the largest |r| rounded up
    to a power of two (e = 0 where that is 0, inf or NaN, which carry through): an exact
    scaling (by ldexp, so that a subnormal r, whose 2**-e overflows, scales too) after
    which nothing over- or underflows."""
    biggest = np.max(np.abs(r))
    e = int(np.frexp(biggest)[1]) if np.isfinite(biggest) and biggest else 0
    scaled = np.ldexp(r, -e)
    with np.errstate(under="ignore"):
        return scaled, np.sqrt(np.mean(np.square(scaled))), e


def _nonempty(r):
    if r.size == 0:
        raise ValueError(
            "Expected at least one example to take the mean over. "
            f"Received: an empty input of shape {r.shape}"
        )


def rmse(y_true, y_pred):
    """Root mean squared error sqrt(mean r**2), always a scalar cost; nothing over- or
    underflows that the result does not (see _scaled_root_mean_square)."""
    r, outer = _residual_and_scale(y_true, y_pred)
    _nonempty(r)
    _, cost, e = _scaled_root_mean_square(r)
    with np.errstate(over="ignore", under="ignore"):
        return np.float64(np.ldexp(cost, e) * outer)


def rmse_derivative(y_true, y_pred):
    """d rmse / dy_pred_i = r_i / (n * rmse); 0 where every residual is 0. Taken on the
    scaled residuals (halved first where r overflows): the ratio never over- or underflows
    where the result does not."""
    r, _ = _residual_and_scale(y_true, y_pred)
    _nonempty(r)
    scaled, cost, _ = _scaled_root_mean_square(r)  # the ratio is the same at any scale
    if cost == 0:
        return np.zeros_like(r)
    with np.errstate(under="ignore", invalid="ignore"):
        return scaled / cost / r.size


# --- MSLE -----------------------------------------------------------------------------
def _log1p_difference(y_true, y_pred):
    """d = log1p(y_pred) - log1p(y_true) without cancellation, for inputs > -1; returns d
    and y_pred, both flattened, and the shape of the result.

    Near equal arguments: log1p((a - b) / (1 + b)), whose argument has no cancellation.
    Otherwise log((1 + a) / (1 + b)) through log_ratio, where |result| >= log 2 makes
    the rounding of 1 + a and 1 + b harmless.
    """
    y_true, y_pred = _inputs(y_true, y_pred)
    check_above("y_true", y_true, -1)
    check_above("y_pred", y_pred, -1)
    t, p = np.ravel(y_true), np.ravel(y_pred)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
        d = blockwise(lambda t, p: np.log1p((p - t) / (1.0 + t)), t, p)
        # log_ratio is costly and needed only where 1 + a and 1 + b differ by more than 2x,
        # that is where the first form is outside [-log 2, log 2] (or NaN): a few elements.
        far = np.flatnonzero(~((d <= LN2_HI) & (d >= -LN2_HI)))
        d[far] = log_ratio(1.0 + p[far], 1.0 + t[far])
    return d, p, y_true.shape


def msle(y_true, y_pred, *, reduction="mean"):
    """Mean squared logarithmic error: (log1p(y_pred) - log1p(y_true))**2, inputs > -1."""
    check_reduction(reduction)
    d, _, shape = _log1p_difference(y_true, y_pred)
    with np.errstate(under="ignore"):
        return reduce(shaped(np.square(d, out=d), shape), reduction)


def msle_derivative(y_true, y_pred):
    """2 (log1p(y_pred) - log1p(y_true)) / (1 + y_pred)."""
    d, p, shape = _log1p_difference(y_true, y_pred)
    with np.errstate(under="ignore", over="ignore"):
        return shaped(blockwise(lambda d, p: 2.0 * (d / (1.0 + p)), d, p), shape)


# --- Huber ----------------------------------------------------------------------------
def _huber(r, delta):
    a = np.abs(r)
    # With m = min(|r|, delta) both pieces are m (|r| - m / 2), so no branch: inside it is
    # |r| (|r| / 2) (the halving is exact, and it does not overflow for |r| > 1.3e154 as
    # r r would), outside delta (|r| - delta / 2).
    m = np.minimum(a, delta)
    return m * (a - 0.5 * m)


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
def _pseudo_huber_parts(a, delta):
    """min(u, 1), v and sqrt(1 + v**2), for z = |r| / delta, u = delta / |r| and
    v = min(z, u): v is z up to delta and u beyond, so v**2 <= 1 neither overflows (z**2
    would) nor needs hypot."""
    u = delta / a
    v = np.minimum(a / delta, u)
    return np.minimum(u, 1.0), v, np.sqrt(1.0 + v * v)


def _pseudo_huber(r, delta):
    a = np.abs(r)
    low, v, root = _pseudo_huber_parts(a, delta)
    # delta**2 (sqrt(1 + z**2) - 1) is (|r| / (sqrt(1 + z**2) + 1)) |r| up to delta and
    # (|r| / (sqrt(1 + u**2) + u)) delta beyond: no cancellation, and delta is not lost
    # against an infinite z. min(u, 1) (low) and min(|r|, delta) pick the piece.
    # root + low is summed as (1 + low) + (the rounding error of 1 + low + root - 1), with
    # root - 1 = v**2 / (root + 1): one rounding, where root + low would add a second.
    one_low = 1.0 + low
    denominator = one_low + (((1.0 - one_low) + low) + v * v / (root + 1.0))
    return (a / denominator) * np.minimum(a, delta)


def _pseudo_huber_slope(r, delta):
    # r / sqrt(1 + z**2), which beyond delta is sign(r) delta / sqrt(1 + u**2).
    a = np.abs(r)
    _, _, root = _pseudo_huber_parts(a, delta)
    return np.copysign(np.minimum(a, delta) / root, r)


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

"""Activations that turn scores into probabilities: sigmoid, softmax, log_softmax."""

import numpy as np

from ._checks import as_float, check_positive_finite
from ._fp import exp_dd, two_prod, two_sum


def sigmoid(x):
    """1 / (1 + exp(-x)), evaluated so that exp never overflows."""
    x = as_float("x", x)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(-np.abs(x))  # in (0, 1]
        return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_sigmoid(x):
    """log sigmoid(x) = -softplus(-x)."""
    return -softplus(-as_float("x", x))


def softplus(x):
    """log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)); both terms >= 0, no overflow."""
    x = as_float("x", x)
    with np.errstate(over="ignore", under="ignore"):
        return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _shifted(x, axis):
    """x - max(x) along ``axis`` as an exact double-double (hi, lo), the position of the
    maximum, and S = sum of exp(x_j - max) over the other positions.

    Summing the non-maximal terms apart from the 1 of the maximum keeps log1p(S) exact:
    log(1 + S) computed as one sum loses the digits of S (11 of them for [30, 0]).
    """
    x = np.moveaxis(as_float("x", x), axis, -1)
    if x.shape[-1] == 0:
        raise ValueError(f"Expected at least one class along axis {axis}. Received: x.shape={x.shape}")
    k = np.argmax(x, axis=-1)[..., None]
    m = np.take_along_axis(x, k, axis=-1)
    is_max = np.arange(x.shape[-1]) == k
    with np.errstate(invalid="ignore", over="ignore"):
        hi, lo = two_sum(x, -m)
    hi = np.where(is_max, 0.0, hi)
    lo = np.where(is_max, 0.0, lo)
    return hi, lo, is_max


def _moved_back(values, axis, ndim):
    return np.moveaxis(values, -1, axis) if ndim else values


def log_softmax(x, axis=-1):
    """log softmax(x) = (x_i - max) - log1p(S): two terms of one sign, no cancellation."""
    ndim = np.ndim(x)
    hi, lo, is_max = _shifted(x, axis)
    with np.errstate(under="ignore", invalid="ignore"):
        s = np.sum(np.where(is_max, 0.0, exp_dd(hi, lo)), axis=-1, keepdims=True)
        out = (hi - np.log1p(s)) + lo
    return _moved_back(out, axis, ndim)


def softmax(x, axis=-1, temperature=1.0):
    """exp(x_i / T) / sum_j exp(x_j / T), exact for any logits and temperature.

    (x_i - max) / T is carried as a double-double, so neither the shift nor the division
    by T rounds away digits that exp would magnify.
    """
    temperature = check_positive_finite("temperature", temperature)
    ndim = np.ndim(x)
    hi, lo, is_max = _shifted(x, axis)
    with np.errstate(under="ignore", invalid="ignore", over="ignore", divide="ignore"):
        if temperature != 1.0:
            q = hi / temperature
            # Below -800 exp is 0 whatever the low part; clipping keeps two_prod in range.
            q = np.maximum(q, -800.0)
            p, p_err = two_prod(q, np.float64(temperature))
            lo = ((hi - p) - p_err + lo) / temperature
            hi = q
            lo = np.where(np.isfinite(lo), lo, 0.0)
        e = np.where(is_max, 1.0, exp_dd(hi, lo))
        out = e / (1.0 + np.sum(np.where(is_max, 0.0, e), axis=-1, keepdims=True))
    return _moved_back(out, axis, ndim)

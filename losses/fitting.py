"""What a loss fits: the one constant c that minimises the summed loss over values v_i,
sum_i loss(v_i, c) (an M-estimate of location). L2 fits the mean, L1 the median and
Huber something in between: each value pulls on c with the loss's derivative, and
Huber caps a far value's pull at delta.
"""

import numpy as np

from ._checks import as_float, check_positive_finite

BEST_CONSTANT_LOSSES = ("mse", "mae", "huber")


def best_constant(values, loss="mse", *, delta=1.0):
    """The c minimising sum_i loss(values_i, c) for ``loss`` in ``BEST_CONSTANT_LOSSES``:
    the mean (mse), the median (mae: the middle of the two middle values when their
    count is even, where every c between them fits as well) or Huber's location (huber,
    with ``delta``), exactly up to the rounding of a sum."""
    v = as_float("values", values).ravel()
    if v.size == 0:
        raise ValueError("Expected at least one value. Received: values of size 0")
    if not np.all(np.isfinite(v)):
        bad = v[~np.isfinite(v)][0]
        raise ValueError(f"Expected finite values. Received: a value of {bad!r} in values")
    if loss == "mse":
        # scaled by a power of two first: the sum of values near 1e308 would overflow
        exponent = np.frexp(np.max(np.abs(v)))[1]
        return float(np.ldexp(np.mean(np.ldexp(v, -exponent)), exponent))
    if loss == "mae":
        ordered = np.sort(v)
        low, high = ordered[(v.size - 1) // 2], ordered[v.size // 2]
        return float(low / 2 + high / 2 if max(abs(low), abs(high)) > 1.0 else (low + high) / 2)
    if loss == "huber":
        return _huber_location(v, check_positive_finite("delta", delta))
    raise ValueError(f"Expected loss to be one of {BEST_CONSTANT_LOSSES}. Received: loss={loss!r}")


def _huber_location(v, delta):
    """The zero of g(c) = sum_i clip(c - v_i, -delta, delta), Huber's summed derivative:
    continuous, nondecreasing and linear between its corners v_i -+ delta, so the zero is
    found exactly on the segment where g changes sign."""
    corners = np.unique(np.concatenate([v - delta, v + delta]))
    g = np.clip(corners[:, None] - v[None, :], -delta, delta).sum(axis=1)
    first = np.searchsorted(g, 0.0, side="left")  # the first corner where g >= 0
    if g[first] == 0.0:  # g is 0 from this corner to the last such: every c there fits
        last = np.searchsorted(g, 0.0, side="right") - 1
        return float(corners[first] / 2 + corners[last] / 2)
    # on the segment before it, the values within delta of c pull with c - v_i, the
    # others with -+delta: sum_inside (c - v_i) + delta (n_below - n_above) = 0
    middle = corners[first - 1] / 2 + corners[first] / 2
    inside = np.abs(middle - v) < delta
    if not inside.any():  # g flat on the segment, 0 but for rounding: every c there fits
        return float(middle)
    below = np.count_nonzero(v <= middle - delta)
    above = np.count_nonzero(v >= middle + delta)
    return float((np.sum(v[inside]) - delta * (below - above)) / np.count_nonzero(inside))

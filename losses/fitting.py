"""What a loss fits.

``best_constant``: the one constant c that minimises the summed loss over values v_i,
sum_i loss(v_i, c) (an M-estimate of location). L2 fits the mean, L1 the median and
Huber something in between: each value pulls on c with the loss's derivative, and
Huber caps a far value's pull at delta.

``fit_line``: the line a x + b that minimises sum_i loss(a x_i + b - y_i), by least
squares for L2 and by iteratively reweighted least squares (IRLS) for the others: each
point weighs psi(r_i) / r_i, the loss's derivative over the residual, and the weighted
least-squares line is solved again until it stands still.
"""

from dataclasses import dataclass

import numpy as np

from . import regression, robust
from ._checks import as_float, broadcast, check_positive_finite

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


# --- a line fitted under a loss ---------------------------------------------------------
# loss -> (its derivative psi(r) as a function of the residual and the loss's parameters,
# the names of those parameters)
_PSI = {
    "mse": (lambda r: regression.mse_derivative(0.0, r), ()),
    "mae": (lambda r: regression.mae_derivative(0.0, r), ()),
    "huber": (lambda r, delta: regression.huber_derivative(0.0, r, delta=delta), ("delta",)),
    "pseudo_huber": (lambda r, delta: regression.pseudo_huber_derivative(0.0, r, delta=delta), ("delta",)),
    "log_cosh": (lambda r: regression.log_cosh_derivative(0.0, r), ()),
    "barron": (
        lambda r, alpha, scale: robust.barron_derivative(0.0, r, alpha=alpha, scale=scale),
        ("alpha", "scale"),
    ),
}
LINE_FIT_LOSSES = tuple(_PSI)


@dataclass(frozen=True)
class LineFit:
    """Lines fitted to a batch of data sets (shape ``batch``: the data's leading axes)."""

    slope: np.ndarray  # (*batch)
    intercept: np.ndarray  # (*batch)
    weights: np.ndarray  # (*batch, n): each point's IRLS weight psi(r) / r at the fit
    path: np.ndarray  # (*batch, k + 1, 2): (slope, intercept) at the start and after each iteration
    iterations: np.ndarray  # (*batch): the iterations until the line stood still (0 for L2)
    converged: np.ndarray  # (*batch): False where it still moved after ``max_iterations``


def fit_line(x, y, loss="mse", *, max_iterations=100, tolerance=1e-10, **params):
    """The line slope * x + intercept minimising the summed ``loss`` of its residuals
    r_i = slope * x_i + intercept - y_i, for ``loss`` in ``LINE_FIT_LOSSES`` with its
    parameters (``delta``; ``alpha`` and ``scale`` for barron).

    L2 is solved in closed form. The others by IRLS from the L2 line: each point weighs
    w_i = psi(r_i) / r_i (its limit at r = 0; for L1 1 / max(|r|, a floor), as L1 has
    none), the weighted least-squares line is solved, and so on until neither slope nor
    intercept moves by more than ``tolerance`` of the data's scale. For a convex loss
    that is the minimum; for a redescending one (barron with alpha < 1) it is the minimum
    nearest the L2 line, which far points of high leverage can make a poor one.

    ``x`` and ``y`` broadcast together; the last axis holds the points (at least two
    distinct x), the others fit separate data sets at once."""
    if loss not in _PSI:
        raise ValueError(f"Expected loss to be one of {LINE_FIT_LOSSES}. Received: loss={loss!r}")
    psi, names = _PSI[loss]
    unknown = set(params) - set(names)
    if unknown:
        raise ValueError(
            f"Expected the parameters of {loss}: {names or 'none'}. Received: {', '.join(sorted(unknown))}"
        )
    x, y = broadcast(x=as_float("x", x), y=as_float("y", y))
    if x.ndim == 0 or x.shape[-1] < 2:
        raise ValueError(f"Expected at least two points (the last axis). Received: x.shape={x.shape}")
    for name, values in (("x", x), ("y", y)):
        if not np.all(np.isfinite(values)):
            bad = values[~np.isfinite(values)][0]
            raise ValueError(f"Expected finite values. Received: {float(bad)!r} in {name}")
    if np.any(np.ptp(x, axis=-1) == 0):
        raise ValueError("Expected at least two distinct x in each data set. Received: every x equal")
    weight = _weight_of(loss, psi, {name: params.get(name, _DEFAULTS[name]) for name in names}, y)
    line = _weighted_line(x, y, np.ones_like(x))
    path = [line]
    batch = x.shape[:-1]
    iterations = np.zeros(batch, dtype=int)
    converged = np.ones(batch, dtype=bool)
    if loss != "mse":
        # "stood still": a move below tolerance of the data's size, at any x of the data
        size = tolerance * (1.0 + np.max(np.abs(y), axis=-1))
        reach = 1.0 + np.max(np.abs(x), axis=-1)
        converged = np.zeros(batch, dtype=bool)
        for k in range(1, max_iterations + 1):
            r = line[0][..., None] * x + line[1][..., None] - y
            new = _weighted_line(x, y, weight(r))
            moved = np.abs(new[0] - line[0]) * reach + np.abs(new[1] - line[1])
            line = tuple(np.where(converged, old, n) for old, n in zip(line, new, strict=True))
            path.append(line)
            now = ~converged & (moved <= size)
            iterations[now] = k
            converged |= now
            if converged.all():
                break
        iterations[~converged] = max_iterations
    slope, intercept = line
    r = slope[..., None] * x + intercept[..., None] - y
    return LineFit(
        slope=slope,
        intercept=intercept,
        weights=weight(r),
        path=np.stack([np.stack(p, axis=-1) for p in path], axis=-2),
        iterations=iterations,
        converged=converged,
    )


_DEFAULTS = {"delta": 1.0, "alpha": 1.0, "scale": 1.0}


def _weight_of(loss, psi, params, y):
    """w(r) = psi(r) / r, and psi's slope at 0 where r is too small to divide by."""
    if loss == "mae":
        # |r| has no slope at 0: a floor far below the data's scale keeps w finite
        floor = 1e-9 * (1.0 + np.max(np.abs(y), axis=-1, keepdims=True))
        return lambda r: 1.0 / np.maximum(np.abs(r), floor)
    tiny = 1e-150  # psi(r) / r is its slope at 0 for every |r| below this, to the last bit
    at_zero = float(psi(tiny, **params)) / tiny
    return lambda r: np.where(np.abs(r) < tiny, at_zero, psi(r, **params) / np.where(r == 0, 1.0, r))


def _weighted_line(x, y, w):
    """(slope, intercept) of the weighted least-squares line through the points, about
    the weighted mean of x (no cancellation of large sums)."""
    total = np.sum(w, axis=-1, keepdims=True)
    x_mean = np.sum(w * x, axis=-1, keepdims=True) / total
    y_mean = np.sum(w * y, axis=-1, keepdims=True) / total
    dx = x - x_mean
    spread = np.sum(w * dx * dx, axis=-1)
    slope = np.sum(w * dx * (y - y_mean), axis=-1) / np.where(spread == 0, 1.0, spread)
    return slope, y_mean[..., 0] - slope * x_mean[..., 0]


# --- gradient descent on one constant ------------------------------------------------------
DESCENT_LOSSES = ("mse", "mae", "huber", "pseudo_huber", "log_cosh")
DIVERGED = 1e12  # |c| beyond this (or not finite): the descent has run away and stops


@dataclass(frozen=True)
class Descent:
    """Gradient descent on the constant c fitted to values (``descend``), for a batch of
    starts and rates (shape ``batch``; () for one run)."""

    path: np.ndarray  # (k + 1, *batch): c_0 = start, c_1, ...; NaN once a run has run away
    cost: np.ndarray  # (k + 1, *batch): the mean loss at each c_k
    gradient: np.ndarray  # (k + 1, *batch): its derivative at each c_k
    diverged: np.ndarray  # (*batch): the run stopped early, |c| past DIVERGED


def descend(values, loss="mse", *, start=0.0, learning_rate=0.1, steps=50, **params):
    """Gradient descent on J(c) = mean_i loss(values_i, c), the constant prediction c:
    c_{k+1} = c_k - learning_rate * J'(c_k), from ``start``, ``steps`` times (``loss`` in
    ``DESCENT_LOSSES``, with its parameters, e.g. ``delta``). J' is the mean of the
    loss's derivative, so L2's step grows with the distance to the values (2 (c - mean))
    while L1's is the same size everywhere (the balance of values above and below).

    ``start`` and ``learning_rate`` may be arrays (broadcast together): one run each, all
    at once. A run whose |c| passes DIVERGED stops there (NaN after); the steps end early
    when every run has."""
    if loss not in DESCENT_LOSSES:
        raise ValueError(f"Expected loss to be one of {DESCENT_LOSSES}. Received: loss={loss!r}")
    v = as_float("values", values).ravel()
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError(f"Expected finite values, at least one. Received: values={v.tolist()[:6]}")
    start, rate = broadcast(
        start=as_float("start", start), learning_rate=as_float("learning_rate", learning_rate)
    )
    for name, x, expected, holds in (
        ("start", start, "finite numbers", np.isfinite(start)),
        ("learning_rate", rate, "positive finite numbers", np.isfinite(rate) & (rate > 0)),
    ):
        if not holds.all():
            raise ValueError(f"Expected `{name}` to be {expected}. Received: {name}={x[~holds].flat[0]!r}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 0 <= steps <= 100_000:
        raise ValueError(f"Expected steps to be an integer in [0, 100000]. Received: steps={steps!r}")
    fn, derivative = _LOSS_AND_DERIVATIVE[loss]
    axis = (slice(None),) + (None,) * start.ndim  # the values along a new first axis
    slope = lambda c: np.mean(derivative(v[axis], c[None], **params), axis=0)
    c = start.astype(float)
    path, gradients = [c], [slope(c)]
    running = np.ones(start.shape, dtype=bool)
    for _ in range(steps):
        new = c - rate * gradients[-1]
        running = running & (np.abs(new) <= DIVERGED)  # NaN is not <=: it stops too
        c = np.where(running, new, np.nan)
        path.append(c)
        gradients.append(slope(c))
        if not running.any():
            break
    path = np.stack(path)
    cost = np.mean(
        fn(v[(slice(None),) + (None,) * path.ndim], path[None], reduction="none", **params), axis=0
    )
    return Descent(path=path, cost=cost, gradient=np.stack(gradients), diverged=~running)


_LOSS_AND_DERIVATIVE = {
    "mse": (regression.mse, regression.mse_derivative),
    "mae": (regression.mae, regression.mae_derivative),
    "huber": (regression.huber, regression.huber_derivative),
    "pseudo_huber": (regression.pseudo_huber, regression.pseudo_huber_derivative),
    "log_cosh": (regression.log_cosh, regression.log_cosh_derivative),
}

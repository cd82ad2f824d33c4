"""Input checks and reductions shared by every loss.

Each check raises ``ValueError`` naming the argument, the offending value and what was
expected, in the style of Keras: "Expected ... Received: name=value".
"""

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def _show(value):
    """A short repr of an offending value (arrays are never printed whole)."""
    text = repr(value.item() if isinstance(value, np.generic) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float(name, value):
    """``value`` as a float64 array; a clear error for anything non-numeric."""
    arr = np.asarray(value)
    if arr.dtype == object or arr.dtype.kind in "USVMmc":
        raise TypeError(
            f"Expected `{name}` to be real numbers (array-like of int, float or bool). "
            f"Received: {name}={_show(value)} of dtype {arr.dtype}"
        )
    return arr.astype(np.float64, copy=False)


def broadcast(**arrays):
    """Broadcast named arrays together, or say which shapes clash."""
    try:
        return np.broadcast_arrays(*arrays.values())
    except ValueError:
        shapes = ", ".join(f"{k}.shape={np.shape(v)}" for k, v in arrays.items())
        raise ValueError(f"Expected arguments whose shapes broadcast together. Received: {shapes}") from None


def smallest(arr):
    """The smallest value, NaN ignored (+inf if there is none)."""
    return np.fmin.reduce(arr, axis=None, initial=np.inf)


def largest(arr):
    """The largest value, NaN ignored (-inf if there is none)."""
    return np.fmax.reduce(arr, axis=None, initial=-np.inf)


def check_unit_interval(name, arr):
    """Values in [0, 1]; NaN passes (it propagates, as in every array library)."""
    # two reductions without temporaries first; the mask only to report the bad value
    if not (smallest(arr) < 0 or largest(arr) > 1):
        return
    bad = (arr < 0) | (arr > 1)
    if bad.any():
        raise ValueError(
            f"Expected `{name}` to hold probabilities in [0, 1]. "
            f"Received: {name} containing {_show(arr[bad].flat[0])}"
        )


def check_above(name, arr, bound):
    if not smallest(arr) <= bound:
        return
    bad = arr <= bound
    if bad.any():
        raise ValueError(
            f"Expected every value of `{name}` to be > {bound}. "
            f"Received: {name} containing {_show(arr[bad].flat[0])}"
        )


def check_number(name, value, expected, holds):
    """``value`` as a float if it is one real number (not a bool) for which ``holds`` is
    true; otherwise a ValueError naming it and what was ``expected``."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = None
    if number is None or np.ndim(value) != 0 or isinstance(value, (bool, np.bool_)) or not holds(number):
        raise ValueError(f"Expected `{name}` to be {expected}. Received: {name}={_show(value)}")
    return number


def check_positive_finite(name, value):
    """A hyperparameter such as delta or temperature: a positive finite number."""
    return check_number(name, value, "a positive finite number", lambda x: np.isfinite(x) and x > 0)


def check_reduction(reduction):
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(
            f"Expected `reduction` to be one of {REDUCTIONS}. Received: reduction={_show(reduction)}"
        )


def reduce(values, reduction):
    """Apply ``reduction`` to per-example losses.

    The sum is rescaled when it overflows although every term is finite, so a mean of
    huge losses stays finite when the true mean is.
    """
    if reduction == "none":
        return values
    if reduction == "mean" and values.size == 0:
        raise ValueError(
            "Expected at least one example to take the mean over. "
            f"Received: an empty input of shape {values.shape}"
        )
    count = values.size if reduction == "mean" else 1
    with np.errstate(over="ignore"):
        total = np.sum(values) / count
    if np.isinf(total) and np.isfinite(values).all():
        scale = 2.0**-64  # exact power of two: scaling adds no rounding
        with np.errstate(over="ignore"):
            total = np.sum(values * scale) / count / scale
    return np.float64(total)


def targets_and_logits(y_true, logits, *, class_axis=False):
    """Labels in [0, 1] (soft labels allowed) and float logits, broadcast together; with
    ``class_axis`` both must have one (the last)."""
    y, x = broadcast(y_true=as_float("y_true", y_true), logits=as_float("logits", logits))
    if class_axis and y.ndim == 0:
        raise ValueError("Expected `y_true` and `logits` with a class axis (last). Received: scalars")
    check_unit_interval("y_true", y)
    return y, x

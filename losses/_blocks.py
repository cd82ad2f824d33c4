"""Evaluate a formula block by block, so that its temporaries stay in the CPU cache.

A formula of twenty NumPy operations on a million float64 values streams twenty
intermediate arrays of 8 MB through main memory; on blocks of ``BLOCK`` elements the
intermediates stay in the cache and the same formula runs several times faster. The
values are the same: every element goes through exactly the same operations.
"""

import math

import numpy as np

from ._checks import reduce

BLOCK = 1 << 14  # elements: a few dozen temporaries of 128 kB fit in a 2 MB L2 cache
# blocks of examples are twice as large: their per-example steps (sums and maxima over the
# classes) each handle a 1/classes share of the elements, at the same cost per call
EXAMPLE_BLOCK = 1 << 15
FEW_CLASSES = 8  # up to this many, sums over classes loop over them (sequential, 7 roundings at most)


def _by_blocks(fn, arrays, step):
    """fn on consecutive slices of ``step`` along the first axis, gathered in one array."""
    length = arrays[0].shape[0]
    if length <= step:
        return np.asarray(fn(*arrays), dtype=np.float64)
    out = None
    for start in range(0, length, step):
        part = slice(start, start + step)
        values = fn(*(a[part] for a in arrays))
        if out is None:
            out = np.empty((length, *np.shape(values)[1:]))
        out[part] = values
    return out


def shaped(values, shape):
    """values reshaped to ``shape``; a NumPy scalar for shape ()."""
    values = values.reshape(shape)
    return values[()] if values.ndim == 0 else values


def blockwise(fn, *arrays):
    """``fn(*arrays)`` for an elementwise ``fn`` of arrays of one shape, computed on 1-D
    blocks (``fn`` always receives 1-D arrays)."""
    flat = [np.ravel(a) for a in arrays]  # views of contiguous arrays, copies of broadcast ones
    return shaped(_by_blocks(fn, flat, BLOCK), arrays[0].shape)


def reduce_blockwise(fn, reduction, *arrays):
    """``reduce(blockwise(fn, *arrays), reduction)``; for "mean" and "sum" from the sums
    of the blocks, so the values are never stored (but where the sum is not finite:
    ``reduce`` then tells an overflow from an infinite value)."""
    size = arrays[0].size
    if reduction == "none" or size <= BLOCK:
        return reduce(blockwise(fn, *arrays), reduction)
    flat = [np.ravel(a) for a in arrays]
    parts = [np.sum(fn(*(a[start : start + BLOCK] for a in flat))) for start in range(0, size, BLOCK)]
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.sum(parts)
    if not np.isfinite(total):
        return reduce(blockwise(fn, *arrays), reduction)
    return np.float64(total / size if reduction == "mean" else total)


def by_example(fn, *arrays):
    """``fn(*arrays)`` for a ``fn`` of examples (the class axis last), computed on blocks of
    examples that ``fn`` receives class axis first: shape (classes, examples).

    With few classes each class's values are then contiguous, so that a value per example
    broadcasts along them at full speed (along a short last axis NumPy would loop in steps
    of a few elements). ``fn`` returns one value per example or one per element.
    """
    shape = arrays[0].shape
    classes = shape[-1]
    few = classes <= FEW_CLASSES
    if arrays[0].size <= EXAMPLE_BLOCK or classes == 0:  # one block, of the arrays as given
        first = (np.moveaxis(a, -1, 0) for a in arrays)
        values = fn(*(np.ascontiguousarray(a) if few else a for a in first))
        return np.moveaxis(values, 0, -1) if np.ndim(values) == len(shape) else values
    rows = [np.reshape(a, (math.prod(shape[:-1]), classes)) for a in arrays]
    step = EXAMPLE_BLOCK // classes if few else max(EXAMPLE_BLOCK // classes, 1024)
    out = None
    for start in range(0, rows[0].shape[0], step):
        part = slice(start, start + step)
        # many classes: the transposed view is already contiguous along the class axis
        values = fn(*(np.ascontiguousarray(a[part].T) if few else a[part].T for a in rows))
        if out is None:
            per_element = np.ndim(values) == 2
            out = np.empty((rows[0].shape[0], classes) if per_element else rows[0].shape[0])
        out[part] = values.T
    return shaped(out, shape if per_element else shape[:-1])

"""Evaluate a formula block by block, so that its temporaries stay in the CPU cache.

A formula of twenty NumPy operations on a million float64 values streams twenty
intermediate arrays of 8 MB through main memory; on blocks of ``BLOCK`` elements the
intermediates stay in the cache and the same formula runs several times faster. The
values are the same: every element goes through exactly the same operations.
"""

import math

import numpy as np

BLOCK = 1 << 14  # elements: a few dozen temporaries of 128 kB fit in a 2 MB L2 cache


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


def rowwise(fn, *arrays):
    """``fn(*arrays)`` for a ``fn`` of rows (the last axis) of arrays of one shape, computed
    on blocks of rows (``fn`` always receives 2-D arrays). ``fn`` returns one value per
    row or one per element."""
    shape = arrays[0].shape
    width = shape[-1]
    rows = [np.reshape(a, (math.prod(shape[:-1]), width)) for a in arrays]
    out = _by_blocks(fn, rows, max(1, BLOCK // max(width, 1)))
    return shaped(out, shape[:-1] if out.ndim == 1 else shape)

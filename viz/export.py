"""A chart's curve data as CSV: one row per drawn point, long format."""

import csv
import io

import numpy as np


def figure_csv(fig):
    """Every trace's numeric points as CSV rows: trace, x, y (and the gradient a loss
    trace carries for its hover). Values are written with repr: the exact float64."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["trace", "x", "y", "gradient"])
    for trace in fig.data:
        x, y = getattr(trace, "x", None), getattr(trace, "y", None)
        if x is None or y is None:
            continue
        gradient = getattr(trace, "customdata", None)
        gradient = [None] * len(y) if gradient is None else np.asarray(gradient).ravel()
        for xi, yi, gi in zip(x, y, gradient, strict=True):
            writer.writerow([trace.name, _cell(xi), _cell(yi), _cell(gi)])
    return out.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(float(value))

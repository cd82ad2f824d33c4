"""A chart's curve data as CSV: one row per drawn point, long format."""

import csv
import io

import numpy as np


def figure_csv(fig):
    """Every trace's points the chart shows as CSV rows: trace, x, y (and the gradient a
    loss trace carries for its hover). Values are written with repr: the exact float64."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["trace", "x", "y", "gradient"])
    for trace in fig.data:
        x, y = getattr(trace, "x", None), getattr(trace, "y", None)
        if x is None or y is None:
            continue
        gradient = getattr(trace, "customdata", None)
        gradient = [None] * len(y) if gradient is None else np.asarray(gradient).ravel()
        shown = _shown_categories(fig, trace, len(x))
        for i, (xi, yi, gi) in enumerate(zip(x, y, gradient, strict=True)):
            if i in shown:
                writer.writerow([trace.name, _cell(xi), _cell(yi), _cell(gi)])
    return out.getvalue()


def _shown_categories(fig, trace, count):
    """The indices of a trace's points within its x-axis's range where that axis is of
    categories (the multiclass charts hold every class and show the first few); all
    of them on any other axis."""
    axis = fig.layout["xaxis" + (trace.xaxis or "x")[1:]]
    if axis.range is None or not len(trace.x) or not isinstance(trace.x[0], str):
        return range(count)
    low, high = axis.range
    return range(max(0, int(np.ceil(low))), min(count, int(np.floor(high)) + 1))


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return repr(float(value))

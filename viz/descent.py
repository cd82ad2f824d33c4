"""Gradient descent on one constant: the value c predicted for six examples, five near 1
and one outlier, found by c ← c − η J′(c) under a chosen loss (``losses.descend``).

Left: the cost J(c) (the mean loss) over c, the six values along the bottom, and the
descent's steps on the curve up to the chosen step. Right: the cost after each step
(log scale), the whole run faint and the steps so far bold. L2's step is η times
2 (c − mean): huge far from the values and pulled towards the outlier; L1's is η times
the balance of values above and below, the same size everywhere, so it overshoots the
median and zig-zags unless η is small.
"""

import functools

import numpy as np
from plotly.subplots import make_subplots

import losses
from losses import LOSSES
from losses.fitting import BEST_CONSTANT_LOSSES, descend

from .live import LAYOUT, BatchCache, LiveChart
from .outlier import NEAR_PREDICTIONS
from .presentation import LOSS_COLOURS, OKABE_ITO
from .theme import TEMPLATE

MAX_STEPS = 60
CURVE_POINTS = 401
MARGIN = 1.5  # the cost curve spans the values and the start, this much beyond
DESCENT_LOSSES = ("mse", "mae", "huber", "pseudo_huber", "log_cosh")  # δ = 1 where it has one
CURVE, VALUES, PATH, NOW, RUN, SO_FAR = range(6)  # trace indices


def descent_values(outlier):
    """The six values: the articles' five near 1, and the outlier."""
    return np.array([*NEAR_PREDICTIONS, outlier])


# (loss, outlier, start, rate) -> (path, cost, gradient, diverged) of the whole run
# (MAX_STEPS steps): one per view, shared by every step's frame
_RUNS = BatchCache(most=20_000)


def _run_key(params):
    return (params["loss"], float(params["outlier"]), float(params["start"]), float(params["rate"]))


def prepare_descents(param_sets):
    """Run the descents of these views (a slider's frames) at once."""
    _RUNS.solved(map(_run_key, param_sets), _solve_descents)


def _solve_descents(keys):
    """The runs of ``keys``: one batch of starts and rates per loss and outlier."""
    groups = {}
    for key in keys:
        groups.setdefault(key[:2], []).append(key)
    runs = {}
    for (loss, outlier), group in groups.items():
        starts, rates = (np.array([key[i] for key in group]) for i in (2, 3))
        run = descend(descent_values(outlier), loss, start=starts, learning_rate=rates, steps=MAX_STEPS)
        for i, key in enumerate(group):
            taken = np.count_nonzero(np.isfinite(run.path[:, i]))  # a run that ran away: to its last c
            runs[key] = (
                run.path[:taken, i],
                run.cost[:taken, i],
                run.gradient[:taken, i],
                bool(run.diverged[i]),
            )
    return runs


def _descent(loss, outlier, start, rate):
    key = _run_key({"loss": loss, "outlier": outlier, "start": start, "rate": rate})
    return _RUNS.solved([key], _solve_descents)[key]


def cost_range(outlier, start):
    values = [*NEAR_PREDICTIONS, outlier, start]
    return min(values) - MARGIN, max(values) + MARGIN


@functools.lru_cache(maxsize=256)
def _cost_curve(loss, outlier, start):
    low, high = cost_range(outlier, start)
    c = np.linspace(low, high, CURVE_POINTS)
    cost = LOSSES[loss].fn(descent_values(outlier)[:, None], c[None, :], reduction="none").mean(axis=0)
    c.flags.writeable = cost.flags.writeable = False
    return c, cost


def _descent_skeleton(*, loss, **_):
    colour = LOSS_COLOURS[loss]
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.58, 0.42],
        horizontal_spacing=0.1,
        subplot_titles=("the cost J(c) and the steps on it", "the cost after each step"),
    )
    fig.add_scatter(
        mode="lines",
        name=f"J(c), mean {LOSSES[loss].title}",
        line={"color": colour, "width": 3},
        hovertemplate="c = %{x:.4g}: J = %{y:.6g}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="markers",
        name="the six values",
        marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": "#5c5b59"}},
        hovertemplate="value %{x:.4g}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines+markers",
        name="steps so far",
        line={"color": OKABE_ITO["black"], "width": 1.5},
        marker={"color": OKABE_ITO["black"], "size": 7},
        hovertemplate="c = %{x:.6g}: J = %{y:.6g}<extra>a step</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="markers",
        name="now",
        marker={"color": OKABE_ITO["orange"], "size": 16, "line": {"width": 2, "color": OKABE_ITO["black"]}},
        hovertemplate="c = %{x:.6g}: J = %{y:.6g}<extra>now</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines",
        name="the whole run",
        line={"color": colour, "width": 1.5, "dash": "dot"},
        opacity=0.6,
        hovertemplate="step %{x}: J = %{y:.6g}<extra>whole run</extra>",
        row=1,
        col=2,
    )
    fig.add_scatter(
        mode="lines+markers",
        name="cost so far",
        line={"color": colour, "width": 3},
        marker={"size": 6},
        hovertemplate="step %{x}: J = %{y:.6g}<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="the constant predicted, c", row=1, col=1)
    fig.update_yaxes(title_text="J(c)", row=1, col=1)
    fig.update_xaxes(title_text="step k", range=[-1, MAX_STEPS + 1], row=1, col=2)
    fig.update_yaxes(title_text="J(c_k) (log)", type="log", row=1, col=2)
    fig.update_layout(
        template=TEMPLATE,
        height=520,
        uirevision="descent",
        title="Gradient descent on one constant",
        legend={"orientation": "h", "y": -0.18, "yanchor": "top", "x": 0},
        margin={"b": 130},
    )
    return fig


def _descent_data(*, loss, outlier, start, rate, step):
    path, run_cost, gradient, diverged = _descent(loss, outlier, start, rate)
    shown = min(step, len(path) - 1)  # a run that ran away has fewer steps
    c, cost = _cost_curve(loss, outlier, start)
    low, high = cost_range(outlier, start)
    now = path[shown]
    notes = [f"step {shown}: c = {now:.6g}, J = {run_cost[shown]:.6g}, J′ = {gradient[shown]:.4g}"]
    if loss in BEST_CONSTANT_LOSSES:
        notes.append(f"the minimum: c* = {losses.best_constant(descent_values(outlier), loss):.6g}")
    if diverged and step >= len(path) - 1:
        notes.append(f"diverged: |c| passed 1e12 after {len(path) - 1} steps")
    elif not low <= now <= high:
        notes.append("c is off the chart")
    steps = np.arange(len(path), dtype=float)
    return {
        (LAYOUT, "title.subtitle.text"): "   ·   ".join(notes),
        (LAYOUT, "xaxis.range"): [low, high],
        (CURVE, "x"): c,
        (CURVE, "y"): cost,
        (VALUES, "x"): descent_values(outlier),
        (VALUES, "y"): np.zeros(len(NEAR_PREDICTIONS) + 1),
        (PATH, "x"): path[: shown + 1],
        (PATH, "y"): run_cost[: shown + 1],
        (NOW, "x"): path[shown : shown + 1],
        (NOW, "y"): run_cost[shown : shown + 1],
        (RUN, "x"): steps,
        (RUN, "y"): run_cost,
        (SO_FAR, "x"): steps[: shown + 1],
        (SO_FAR, "y"): run_cost[: shown + 1],
    }


DESCENT = LiveChart(
    name="descent", skeleton=_descent_skeleton, data_at=_descent_data, prepare=prepare_descents
)


def descent_figure(loss="mse", *, outlier=10.0, start=-4.0, rate=0.1, step=10):
    """Gradient descent on the constant predicted for the six values."""
    return DESCENT.figure(loss=loss, outlier=outlier, start=start, rate=rate, step=step)

"""The articles' outlier example: six values, five close to 1 and one far away.

Left: the outlier's share of the summed loss when 1 is predicted for all six, against
where the outlier is (log scale: L2's share reaches 100 % at once, L1's slowly). Right:
the one value each loss fits to all six (``losses.best_constant``): L2 the mean, dragged
by the outlier; L1 the median, unmoved; Huber in between, near the median.
"""

import functools

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import losses
from losses import LOSSES

from .live import LAYOUT, LiveChart
from .presentation import LOSS_COLOURS, LOSS_DASHES
from .theme import TEMPLATE

TARGET = 1.0
NEAR_PREDICTIONS = (0.9, 1.1, 0.95, 1.05, 1.0)  # the well-predicted examples
SHARED = ("mae", "mse", "huber")  # the losses compared: a per-example value and a best constant
OUTLIER_RANGE = (1.0, 1000.0)  # the outlier's slider, and the share panel's log x-axis
SHARE_CURVE_POINTS = 241  # log-spaced over OUTLIER_RANGE: smooth at 1200 px
FITTED_NAMES = {"mse": "mean", "mae": "median", "huber": "Huber"}
FITTED_AXIS_RANGE = (np.log10(0.5), np.log10(2000.0))  # every value and fit, on a log axis
OUTLIER_HEIGHT = 420
SHARE_MARKERS, SIX_VALUES, FITTED = len(SHARED), len(SHARED) + 1, len(SHARED) + 2  # trace indices


def outlier_data(outlier):
    """(targets, predictions) of the example: targets 1, the outlier's prediction last."""
    y_pred = np.array([*NEAR_PREDICTIONS, outlier])
    return np.full_like(y_pred, TARGET), y_pred


def _params(name, delta):
    return {p.name: delta for p in LOSSES[name].params}  # δ for every loss that takes one


def _title(name, delta):
    spec = LOSSES[name]
    return spec.title + "".join(f" ({p.label} = {delta:g})" for p in spec.params)


@functools.lru_cache(maxsize=64)
def _near_losses(name, delta):
    """The five near predictions' losses under ``name`` (read-only)."""
    spec = LOSSES[name]
    near = spec.fn(TARGET, np.array(NEAR_PREDICTIONS), reduction="none", **_params(name, delta))
    near.flags.writeable = False
    return near


def outlier_shares(name, outliers, *, delta=1.0):
    """The outlier's share of the summed loss ``name`` for each outlier prediction in
    ``outliers`` (the five near predictions as they are)."""
    own = LOSSES[name].fn(TARGET, np.asarray(outliers, dtype=float), reduction="none", **_params(name, delta))
    total = own + np.sum(_near_losses(name, delta))
    return np.divide(own, total, out=np.zeros_like(own), where=total > 0)


@functools.lru_cache(maxsize=64)
def _share_curve(name, delta):
    """(outlier predictions, the outlier's share) over OUTLIER_RANGE (read-only arrays)."""
    x = np.geomspace(*OUTLIER_RANGE, SHARE_CURVE_POINTS)
    y = outlier_shares(name, x, delta=delta)
    x.flags.writeable = y.flags.writeable = False
    return x, y


def outlier_rows(outlier=1000.0, *, delta=1.0):
    """One row per compared loss: the outlier's own loss, the cost (mean loss) with and
    without it, its share of the summed loss, and the value the loss fits to all six."""
    _, predictions = outlier_data(outlier)
    rows = []
    for name in SHARED:
        near = _near_losses(name, delta)
        own = float(LOSSES[name].fn(TARGET, outlier, reduction="none", **_params(name, delta)))
        total = own + float(np.sum(near))
        rows.append(
            {
                "loss": _title(name, delta),
                "outlier's loss": own,
                "cost": total / predictions.size,
                "cost without the outlier": float(np.mean(near)),
                "outlier's share": own / total if total else 0.0,
                "fitted value": losses.best_constant(predictions, name, delta=delta),
            }
        )
    return rows


def _outlier_skeleton(**_):
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.12,
        subplot_titles=("the outlier's share of the summed loss", "the one value each loss fits to all six"),
    )
    for name in SHARED:
        fig.add_trace(
            go.Scatter(
                mode="lines",
                line={"color": LOSS_COLOURS[name], "dash": LOSS_DASHES[name], "width": 3},
                legendgroup=name,
                hovertemplate="outlier at %{x:.4g}: %{y:.4%} of the cost<extra>%{fullData.name}</extra>",
            ),
            row=1,
            col=1,
        )
    fig.add_trace(
        go.Scatter(
            mode="markers",
            name="the outlier's share now",
            marker={
                "size": 13,
                "color": [LOSS_COLOURS[name] for name in SHARED],
                "line": {"width": 2, "color": "white"},
            },
            cliponaxis=False,  # at the axis's end (the slider's maximum) the markers show whole
            showlegend=False,
            hovertemplate="%{hovertext}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            mode="markers",
            name="the six values",
            marker={"size": 9, "color": "rgba(90, 90, 90, 0.55)"},
            showlegend=False,
            hovertemplate="a value: %{x:.6g}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_trace(
        go.Scatter(
            mode="markers+text",
            name="the value each loss fits",
            marker={"size": 16, "symbol": "diamond", "color": [LOSS_COLOURS[name] for name in SHARED]},
            textposition="top center",
            cliponaxis=False,
            showlegend=False,
            hovertemplate="%{y} fits %{x:.6g}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.update_xaxes(
        type="log", range=list(np.log10(OUTLIER_RANGE)), title_text="the outlier's prediction", row=1, col=1
    )
    fig.update_yaxes(range=[0, 1.05], tickformat=".0%", title_text="share", row=1, col=1)
    fig.update_xaxes(type="log", range=list(FITTED_AXIS_RANGE), title_text="value", row=1, col=2)
    fig.update_yaxes(
        type="category",
        title_text="loss",
        categoryorder="array",
        categoryarray=[LOSSES[name].title for name in SHARED][::-1],  # top to bottom as in the legend
        range=[-0.5, len(SHARED) - 0.4],  # room above the top row for its label
        row=1,
        col=2,
    )
    fig.update_layout(
        template=TEMPLATE,
        height=OUTLIER_HEIGHT,
        uirevision="outlier",
        # in the share panel's lower right, which the curves (all near 100 % there) leave empty
        legend={
            "orientation": "v",
            "x": 0.43,
            "y": 0.04,
            "xanchor": "right",
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        margin={"t": 90},
    )
    return fig


def _numbers(row):
    """A loss's numbers of the example, as the share marker's hover shows them."""
    share, own, without = row["outlier's share"], row["outlier's loss"], row["cost without the outlier"]
    return (
        f"{row['loss']}<br>the outlier's share {100 * share:.4f} %<br>its loss {own:.6g}"
        f"<br>cost (mean) {row['cost']:.6g}, without it {without:.6g}"
    )


def _outlier_data(*, outlier=1000.0, delta=1.0):
    rows = outlier_rows(outlier, delta=delta)
    short = [LOSSES[name].title for name in SHARED]  # the fitted panel's rows
    data = {}
    for k, (name, row) in enumerate(zip(SHARED, rows, strict=True)):
        data[(k, "x")], data[(k, "y")] = _share_curve(name, delta)
        share = row["outlier's share"]
        data[(k, "name")] = f"{row['loss']}: {100 * share:.2f} %"
    _, values = outlier_data(outlier)
    fitted = np.array([row["fitted value"] for row in rows])
    data.update(
        {
            (SHARE_MARKERS, "x"): np.full(len(SHARED), float(outlier)),
            (SHARE_MARKERS, "y"): np.array([row["outlier's share"] for row in rows]),
            (SHARE_MARKERS, "hovertext"): [_numbers(row) for row in rows],
            (SIX_VALUES, "x"): np.tile(values, len(SHARED)),
            (SIX_VALUES, "y"): [title for title in short for _ in values],
            (FITTED, "x"): fitted,
            (FITTED, "y"): short,
            (FITTED, "text"): [
                f"{FITTED_NAMES[name]} {c:.4g}" for name, c in zip(SHARED, fitted, strict=True)
            ],
            (LAYOUT, "title.text"): f"Five predictions near 1 and one of {outlier:g}",
        }
    )
    return data


OUTLIER = LiveChart(name="outlier", skeleton=_outlier_skeleton, data_at=_outlier_data)


def outlier_figure(outlier=1000.0, *, delta=1.0):
    """The outlier's share of the cost (L1, L2, Huber), and the value each fits to all six."""
    return OUTLIER.figure(outlier=outlier, delta=delta)

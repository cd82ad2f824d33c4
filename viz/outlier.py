"""The articles' outlier example: targets 1, predictions near 1 and one far away.
How much of each cost does the one outlier take?"""

import numpy as np
import plotly.graph_objects as go

import losses
from losses import LOSSES

from .live import LAYOUT, LiveChart
from .presentation import LOSS_COLOURS
from .theme import TEMPLATE

TARGET = 1.0
NEAR_PREDICTIONS = (0.9, 1.1, 0.95, 1.05, 1.0)  # the well-predicted examples
SHARED = ("mae", "mse", "huber")  # losses with a per-example value and a share of the cost


def outlier_data(outlier):
    y_pred = np.array([*NEAR_PREDICTIONS, outlier])
    return np.full_like(y_pred, TARGET), y_pred


def _params(name, delta):
    return {p.name: delta for p in LOSSES[name].params}  # δ for every loss that takes one


def _title(name, delta):
    spec = LOSSES[name]
    return spec.title + "".join(f" ({p.label} = {delta:g})" for p in spec.params)


def outlier_rows(outlier=1000.0, *, delta=1.0):
    """One row per loss: the outlier's own loss, the cost with and without it, and the
    outlier's share of the summed loss (RMSE and MSLE costs beside them)."""
    y, p = outlier_data(outlier)
    rows = []
    for name in (*SHARED, "msle"):
        spec = LOSSES[name]
        params = _params(name, delta)
        per_example = spec.fn(y, p, reduction="none", **params)
        total = np.sum(per_example)
        rows.append(
            {
                "loss": _title(name, delta),
                "outlier's loss": float(per_example[-1]),
                "cost": float(np.mean(per_example)),
                "cost without the outlier": float(spec.fn(y[:-1], p[:-1], **params)),
                "outlier's share": float(per_example[-1] / total) if total else 0.0,
            }
        )
    rows.append(
        {
            "loss": LOSSES["rmse"].title,
            "outlier's loss": None,
            "cost": float(losses.rmse(y, p)),
            "cost without the outlier": float(losses.rmse(y[:-1], p[:-1])),
            "outlier's share": None,
        }
    )
    return rows


def _outlier_skeleton(**_):
    fig = _empty_bar_figure()
    fig.update_layout(
        template=TEMPLATE,
        height=300,
        xaxis={"title": {"text": "outlier's share of the summed loss (%)"}, "range": [0, 105]},
        yaxis={"title": {"text": "loss"}, "autorange": "reversed"},
        uirevision="outlier",
        margin={"l": 150},
    )
    return fig


def _empty_bar_figure():
    return go.Figure(
        go.Bar(
            orientation="h",
            marker_color=[LOSS_COLOURS[name] for name in SHARED],
            name="outlier's share",
            textposition="auto",
            hovertemplate="%{y}: the outlier takes %{x:.4f} % of the cost<extra></extra>",
        )
    )


def _outlier_data(*, outlier=1000.0, delta=1.0):
    rows = outlier_rows(outlier, delta=delta)[: len(SHARED)]
    shares = np.array([100 * row["outlier's share"] for row in rows])
    return {
        (0, "x"): shares,
        (0, "y"): [row["loss"] for row in rows],
        (0, "text"): [f"{s:.2f} %" for s in shares],
        (LAYOUT, "title.text"): f"Share of the cost taken by one prediction of {outlier:g}",
    }


OUTLIER = LiveChart(name="outlier", skeleton=_outlier_skeleton, data_at=_outlier_data)


def outlier_figure(outlier=1000.0, *, delta=1.0):
    """Bars: the outlier's share of the cost under L1, L2 and Huber."""
    return OUTLIER.figure(outlier=outlier, delta=delta)

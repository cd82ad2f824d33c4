"""The articles' outlier example: targets 1, predictions near 1 and one far away.
How much of each cost does the one outlier take?"""

import numpy as np
import plotly.graph_objects as go

import losses
from losses import LOSSES

from .theme import TEMPLATE

TARGET = 1.0
NEAR_PREDICTIONS = (0.9, 1.1, 0.95, 1.05, 1.0)  # the well-predicted examples
SHARED = ("mae", "mse", "huber")  # losses with a per-example value and a share of the cost


def outlier_data(outlier):
    y_pred = np.array([*NEAR_PREDICTIONS, outlier])
    return np.full_like(y_pred, TARGET), y_pred


def outlier_rows(outlier=1000.0, *, delta=1.0):
    """One row per loss: the outlier's own loss, the cost with and without it, and the
    outlier's share of the summed loss (RMSE and MSLE costs beside them)."""
    y, p = outlier_data(outlier)
    rows = []
    for name in (*SHARED, "msle"):
        spec = LOSSES[name]
        params = {"delta": delta} if name == "huber" else {}
        per_example = spec.fn(y, p, reduction="none", **params)
        without = float(spec.fn(y[:-1], p[:-1], **params))
        rows.append(
            {
                "loss": spec.title + (f" (δ = {delta:g})" if params else ""),
                "outlier's loss": float(per_example[-1]),
                "cost": float(np.mean(per_example)),
                "cost without the outlier": without,
                "outlier's share": float(per_example[-1] / np.sum(per_example))
                if np.sum(per_example)
                else 0.0,
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


def outlier_figure(outlier=1000.0, *, delta=1.0):
    """Bars: the outlier's share of the cost under L1, L2 and Huber."""
    rows = outlier_rows(outlier, delta=delta)[: len(SHARED)]
    colours = [LOSSES[name].colour for name in SHARED]
    shares = [100 * row["outlier's share"] for row in rows]
    fig = go.Figure(
        go.Bar(
            x=shares,
            y=[row["loss"] for row in rows],
            orientation="h",
            marker_color=colours,
            name="outlier's share",
            text=[f"{s:.2f} %" for s in shares],
            textposition="auto",
            hovertemplate="%{y}: the outlier takes %{x:.4f} % of the cost<extra></extra>",
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        height=300,
        title=f"Share of the cost taken by one prediction of {outlier:g}",
        xaxis={"title": {"text": "outlier's share of the summed loss (%)"}, "range": [0, 105]},
        yaxis={"title": {"text": "loss"}, "autorange": "reversed"},
        uirevision="outlier",
        margin={"l": 150},
    )
    return fig

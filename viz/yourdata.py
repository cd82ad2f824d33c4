"""A user's own data scored: which examples the cost is made of, under each loss.

Left: the share of the summed loss carried by the worst k examples (worst first, per
loss): under L2 a few gross errors carry most of it, under L1 or Huber far less. Right:
each example's loss against its residual (regression) or the probability it gave its
true class (classification)."""

import numpy as np
from plotly.subplots import make_subplots

from losses import LOSSES

from .live import LAYOUT, LiveChart
from .presentation import LOSS_COLOURS, LOSS_DASHES
from .theme import TEMPLATE

X_TITLES = {
    "regression": "residual ŷ − y",
    "binary_probability": "predicted probability of the true label",
    "binary_logit": "predicted probability of the true label, σ(±score)",
    "multiclass": "predicted probability of the true class",
}


def _data_skeleton(*, kind, names, **_):
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=("share of the summed loss in the worst k examples", "each example's loss"),
    )
    for name in names:
        fig.add_scatter(
            mode="lines",
            name=LOSSES[name].title,
            legendgroup=name,
            line={"color": LOSS_COLOURS[name], "dash": LOSS_DASHES.get(name, "solid"), "width": 3},
            hovertemplate="worst %{x}: %{y:.1%} of the cost<extra>%{fullData.name}</extra>",
            row=1,
            col=1,
        )
    for name in names:
        fig.add_scatter(
            mode="markers",
            name=LOSSES[name].title,
            legendgroup=name,
            showlegend=False,
            marker={"color": LOSS_COLOURS[name], "size": 6, "opacity": 0.75},
            hovertemplate="row %{customdata}: loss %{y:.6g}<extra>%{fullData.name}</extra>",
            row=1,
            col=2,
        )
    fig.update_xaxes(title_text="k, the worst examples (log scale)", type="log", row=1, col=1)
    fig.update_yaxes(title_text="share of the cost", range=[0, 1.02], tickformat=".0%", row=1, col=1)
    fig.update_xaxes(title_text=X_TITLES[kind], row=1, col=2)
    fig.update_yaxes(title_text="loss", row=1, col=2)
    fig.update_layout(
        template=TEMPLATE,
        height=520,
        uirevision="yourdata",
        title="What the cost is made of",
        legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0},
        margin={"t": 140, "b": 130},
    )
    return fig


def _data_data(*, kind, names, x, per_example):
    """``x``: each example's residual or probability of its true label; ``per_example``:
    one tuple of losses per name (hashable: the chart's cache keys on them)."""
    x = np.asarray(x, dtype=float)
    count = x.size
    rows = np.arange(2, count + 2)  # the file's row numbers (the header is row 1)
    data = {}
    worst_share = []  # "L2 (MSE) 99%", one per loss
    for k, (name, values) in enumerate(zip(names, per_example, strict=True)):
        values = np.asarray(values, dtype=float)
        ordered = np.sort(values)[::-1]
        total = ordered.sum()
        share = np.cumsum(ordered) / total if total > 0 else np.zeros(count)
        data[k, "x"] = np.arange(1, count + 1, dtype=float)
        data[k, "y"] = share
        data[len(names) + k, "x"] = x
        data[len(names) + k, "y"] = values
        data[len(names) + k, "customdata"] = rows
        worst_share.append(f"{LOSSES[name].title} {share[max(0, int(np.ceil(0.05 * count)) - 1)]:.0%}")
    lines = [", ".join(worst_share[i : i + 3]) for i in range(0, len(worst_share), 3)]  # a phone's width
    data[LAYOUT, "title.subtitle.text"] = "<br>".join([f"{count} examples; the worst 5 % carry", *lines])
    return data


YOUR_DATA = LiveChart(name="yourdata", skeleton=_data_skeleton, data_at=_data_data)


SPREAD_BINS = 40  # log-spaced bins over the positive losses


def loss_bins(per_example):
    """The bin edges of the spread chart: SPREAD_BINS log-spaced bins from the smallest
    positive per-example loss of any of the losses to the largest (a single value gets a
    bin around it; no positive loss at all, one bin 1e-300 … 1)."""
    values = np.concatenate([np.asarray(v, dtype=float) for v in per_example])
    positive = values[values > 0]
    if positive.size == 0:
        return np.array([1e-300, 1.0])
    low, high = positive.min(), positive.max()
    if low == high:
        low, high = low / 2, high * 2
    edges = np.geomspace(low, high, SPREAD_BINS + 1)
    edges[0], edges[-1] = low, high  # exactly: the extremes fall inside
    return edges


def _spread_skeleton(*, names, **_):
    fig = make_subplots(rows=1, cols=1)
    for name in names:
        fig.add_scatter(
            mode="lines",
            name=LOSSES[name].title,
            line={
                "color": LOSS_COLOURS[name],
                "dash": LOSS_DASHES.get(name, "solid"),
                "width": 3,
                "shape": "hv",
            },
            hovertemplate="from %{x:.3g}: %{y} examples<extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(title_text="an example's loss (log scale)", type="log")
    fig.update_yaxes(title_text="examples", rangemode="tozero")
    fig.update_layout(
        template=TEMPLATE,
        height=420,
        uirevision="yourdata-spread",
        title="How the examples' losses are spread",
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0},
        margin={"t": 110, "b": 120},
    )
    return fig


def _spread_data(*, names, per_example, **_):
    """Per loss, how many examples' losses fall in each of the bins of ``loss_bins`` (a
    step line over the bin edges); examples with a loss of exactly 0 are counted in the
    subtitle, as a log axis has no 0."""
    edges = loss_bins(per_example)
    data, zeros = {}, []
    for k, (name, values) in enumerate(zip(names, per_example, strict=True)):
        values = np.asarray(values, dtype=float)
        counts = np.histogram(values[values > 0], bins=edges)[0].astype(float)
        data[k, "x"] = edges
        data[k, "y"] = np.append(counts, counts[-1])  # the last step drawn to the last edge
        if np.any(values == 0):
            zeros.append(f"{LOSSES[name].title} {np.count_nonzero(values == 0)}")
    data[LAYOUT, "title.subtitle.text"] = f"{SPREAD_BINS} bins of equal ratio" + (
        "; a loss of exactly 0 (not on a log axis): " + ", ".join(zeros) if zeros else ""
    )
    return data


YOUR_DATA_SPREAD = LiveChart(name="yourdata_spread", skeleton=_spread_skeleton, data_at=_spread_data)

"""Every chart of every page at its default settings, plus a few teaching presets:
what ``scripts/gallery.py`` exports as PNG, SVG and standalone HTML.

An entry with a continuous parameter also knows how to draw itself at other values of
it; ``interactive_html`` turns those figures into one figure with Plotly's own slider,
so the exported HTML moves the parameter without Python behind it."""

import json
from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from .descent import descent_figure
from .figures import (
    REGRESSION_CURVES,
    bce_figure,
    delta_family_figure,
    kl_figure,
    margin_figure,
    regression_figure,
    sigmoid_demo_figure,
    softmax_demo_figure,
)
from .fitting import fitting_figure
from .naive import naive_figure
from .outlier import outlier_figure
from .robust import barron_figure

DELTAS = (0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0)
TEMPERATURES = (0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0)
PROBABILITIES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)
SOFTMAX_SCORES = (2.0, 1.0, 0.1)
SLIDER_ROOM = 110  # pixels added below the plot for the slider


@dataclass(frozen=True)
class Slider:
    """A continuous parameter: its label, the values the HTML slider offers, the value
    the entry is drawn at, and the figure at any value."""

    label: str
    values: tuple[float, ...]
    start: float
    figure_at: Callable[[float], go.Figure]

    def steps(self):
        return tuple(sorted({*self.values, self.start}))


@dataclass(frozen=True)
class GalleryEntry:
    name: str  # file stem: <name>.png, .svg, .html
    title: str  # a line for a listing; the figure carries its own title
    build: Callable[[], go.Figure]
    slider: Slider | None = None


def _regression(shown, *, delta=1.0, r_max=1.0):
    return lambda value=delta: regression_figure(shown, huber_delta=value, pseudo_delta=value, r_max=r_max)


def _regression_entry(name, title, shown, *, delta=1.0, r_max=1.0):
    at = _regression(shown, delta=delta, r_max=r_max)
    has_delta = any(curve in shown for curve in ("huber", "pseudo_huber"))
    slider = Slider("δ (Huber and Pseudo-Huber) = ", DELTAS, delta, at) if has_delta else None
    return GalleryEntry(name, title, at, slider)


def _softmax_entry(name, title, temperature):
    def at(value):
        return softmax_demo_figure(list(SOFTMAX_SCORES), temperature=value)

    return GalleryEntry(
        name, title, lambda: at(temperature), Slider("temperature T = ", TEMPERATURES, temperature, at)
    )


def _bce_entry(name, title, p_mark, start):
    """``p_mark`` None draws no marked point; the HTML slider then starts at ``start``."""
    return GalleryEntry(
        name,
        title,
        lambda: bce_figure(p_mark),
        Slider("marked probability p = ", PROBABILITIES, start, bce_figure),
    )


GALLERY = (
    # the pages' charts at their defaults
    _regression_entry("regression", "Regression: MAE and MSE (the articles' default)", ("mae", "mse")),
    _regression_entry(
        "regression-all", "Regression: all five losses, residual ±3", REGRESSION_CURVES, r_max=3.0
    ),
    GalleryEntry(
        "outlier", "One outlier's share of the cost, and what each loss fits", lambda: outlier_figure(1000.0)
    ),
    GalleryEntry(
        "pseudo-huber-deltas",
        "Pseudo-Huber for δ = 0.5, 1, 2, 5",
        lambda: delta_family_figure("pseudo_huber"),
    ),
    GalleryEntry("huber-deltas", "Huber for δ = 0.5, 1, 2, 5", lambda: delta_family_figure("huber")),
    GalleryEntry(
        "barron-cauchy", "Barron's loss at α = 0 (Cauchy) with its special cases", lambda: barron_figure(0.0)
    ),
    GalleryEntry(
        "robust-fit",
        "The line each loss fits through 20 points, one of them 1000 above the line",
        lambda: fitting_figure(1, 1000.0),
    ),
    GalleryEntry(
        "descent-l2-overshoot",
        "Gradient descent under L2 at η = 0.9: every step overshoots the minimum",
        lambda: descent_figure("mse", rate=0.9, step=30),
    ),
    GalleryEntry(
        "descent-l1-zigzag",
        "Gradient descent under L1 at η = 0.5: constant steps zig-zag around the median",
        lambda: descent_figure("mae", rate=0.5, step=60),
    ),
    GalleryEntry("naive-log-cosh", "log(cosh r) as written against ours", lambda: naive_figure("log_cosh")),
    _bce_entry("bce", "Binary cross-entropy", None, 0.5),
    GalleryEntry("margin", "Margin losses", margin_figure),
    GalleryEntry("sigmoid", "Sigmoid: score to probability to loss", lambda: sigmoid_demo_figure(1.0)),
    _softmax_entry("softmax", "Softmax at temperature 1", 1.0),
    GalleryEntry(
        "kl",
        "KL divergence in both directions",
        lambda: kl_figure([0.1, 0.4, 0.3, 0.2], [0.3, 0.3, 0.2, 0.2]),
    ),
    # teaching presets
    _regression_entry(
        "huber-vs-l2-outlier",
        "Huber and Pseudo-Huber (δ = 0.5) against L2 out to residual ±5",
        ("mse", "huber", "pseudo_huber"),
        delta=0.5,
        r_max=5.0,
    ),
    _softmax_entry("softmax-cold", "Softmax at temperature 0.3: nearly argmax", 0.3),
    _softmax_entry("softmax-hot", "Softmax at temperature 3: nearly uniform", 3.0),
    _bce_entry("bce-confident-mistake", "Binary cross-entropy of a confident mistake (p = 0.02)", 0.02, 0.02),
)

BY_NAME = {entry.name: entry for entry in GALLERY}


def _key(obj):
    return json.dumps(obj.to_plotly_json(), cls=PlotlyJSONEncoder, sort_keys=True)


def interactive_html(entry):
    """The figure for the standalone HTML: the entry's own figure, or, for an entry with a
    continuous parameter, one figure holding its traces at every slider value, with a
    ``layout.sliders`` whose steps show one value's traces at a time. A trace that does
    not change with the parameter is kept once; one that does is kept once per value."""
    if entry.slider is None:
        return entry.build()
    slider = entry.slider
    values = slider.steps()
    figures = [slider.figure_at(v) for v in values]
    start = values.index(slider.start)
    base = figures[start]
    n_traces = {len(f.data) for f in figures}
    if len(n_traces) != 1:
        raise ValueError(f"{entry.name}: the figures at different values have different traces")

    fig = go.Figure(layout=base.layout)
    owner = []  # for each trace of fig: the value index it belongs to, None for all
    for i in range(len(base.data)):
        if len({_key(f.data[i]) for f in figures}) == 1:
            fig.add_trace(base.data[i])
            owner.append(None)
        else:
            for k, f in enumerate(figures):
                trace = f.data[i]
                trace.visible = k == start
                fig.add_trace(trace)
                owner.append(k)

    # layout text that names the value (a subplot title such as "softmax(s / 0.3)")
    changed = [
        j
        for j, a in enumerate(base.layout.annotations)
        if len({f.layout.annotations[j].text for f in figures}) > 1
    ]
    steps = []
    for k, (value, f) in enumerate(zip(values, figures, strict=True)):
        visible = [o is None or o == k for o in owner]
        relayout = {f"annotations[{j}].text": f.layout.annotations[j].text for j in changed}
        steps.append({"label": f"{value:g}", "method": "update", "args": [{"visible": visible}, relayout]})

    height = base.layout.height or 450
    fig.update_layout(
        height=height + SLIDER_ROOM,
        margin={"b": (base.layout.margin.b or 60) + SLIDER_ROOM},
        sliders=[
            {
                "active": start,
                "steps": steps,
                "currentvalue": {"prefix": slider.label},
                "x": 0,
                "len": 1,
                "y": 0,
                "yanchor": "top",
                "pad": {"t": 70},
            }
        ],
    )
    return fig

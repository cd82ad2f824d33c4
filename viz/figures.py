"""The charts of every page. Each takes plain parameters and returns a Figure whose
data is exactly what ``losses`` computes for them."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import losses
from losses import LOSSES, OKABE_ITO, X_AXES
from losses.registry import DELTA

from .theme import TEMPLATE

SAMPLES = 801  # points per curve: smooth at a laptop's or a projector's width
LOSS_AXIS = "loss"
GRADIENT_AXIS = "derivative"
ONE_OVER_E = float(np.exp(-1.0))


def grid(low, high, kinks=(), n=SAMPLES):
    """n evenly spaced points plus the kinks inside the range, so a corner such as
    Huber's at |r| = delta or the hinge's at 1 is drawn sharp, not cut."""
    points = np.linspace(low, high, n)
    inside = [k for k in kinks if low < k < high]
    return np.unique(np.concatenate([points, inside])) if inside else points


def _label(spec, params):
    values = ", ".join(f"{p.label} = {params[p.name]:g}" for p in spec.params)
    return f"{spec.title} ({values})" if values else spec.title


def _hover(x_name):
    return f"{x_name} = %{{x:.4g}}<br>loss = %{{y:.6g}}<br>gradient = %{{customdata:.6g}}<extra>%{{fullData.name}}</extra>"


def _loss_and_gradient_figure(height=620):
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.62, 0.38])
    fig.update_layout(template=TEMPLATE, hovermode="x unified", height=height)
    fig.update_yaxes(title_text=LOSS_AXIS, row=1, col=1)
    fig.update_yaxes(title_text=GRADIENT_AXIS, row=2, col=1)
    # the derivative panel shares the x-axis: one crosshair and one hover for both
    fig.update_xaxes(showspikes=True, spikemode="across", spikesnap="cursor")
    return fig


def _add_curve(fig, x, loss, gradient, *, name, colour, group, x_name, dash=None):
    line = {"color": colour, "width": 3}
    if dash:
        line["dash"] = dash
    fig.add_scatter(
        x=x,
        y=loss,
        customdata=gradient,
        name=name,
        legendgroup=group,
        line=line,
        hovertemplate=_hover(x_name),
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=x,
        y=gradient,
        name=name,
        legendgroup=group,
        showlegend=False,
        line={**line, "width": 2},
        hovertemplate=f"{x_name} = %{{x:.4g}}<br>gradient = %{{y:.6g}}<extra>%{{fullData.name}}</extra>",
        row=2,
        col=1,
    )


# --- regression -----------------------------------------------------------------------
REGRESSION_CURVES = ("mae", "mse", "huber", "pseudo_huber", "log_cosh")


def delta_steps(param=DELTA):
    """Every δ the app's sliders offer (the steps of the registry's δ)."""
    count = round((param.max - param.min) / param.step)
    return [round(param.min + k * param.step, 10) for k in range(count + 1)]


def residual_grid(r_max=1.0, delta=None):
    """The residuals every regression curve is drawn at: evenly spaced, plus Huber's kinks
    at ±δ for every δ on the sliders (and ``delta``), so each corner is drawn sharp and a
    curve for another δ can be swapped in without changing x."""
    deltas = np.array(delta_steps() + ([] if delta is None else [delta]))
    return grid(-r_max, r_max, kinks=np.concatenate([-deltas, deltas]))


def regression_curve(name, *, r_max=1.0, delta=None):
    """One regression loss against the residual: x, loss, gradient and its legend name."""
    spec = LOSSES[name]
    params = {"delta": delta} if spec.params else {}
    r = residual_grid(r_max, delta)
    return {
        "x": r,
        "loss": spec.fn(0.0, r, reduction="none", **params),
        "gradient": spec.derivative(0.0, r, **params),
        "name": _label(spec, params),
    }


def regression_figure(shown=("mae", "mse"), *, huber_delta=1.0, pseudo_delta=1.0, r_max=1.0):
    """Loss and derivative against the residual (target 0, so the residual is the
    prediction) for the losses in ``shown``; the deltas appear in the legend. The loss of
    ``shown[k]`` is trace 2k, its derivative trace 2k + 1."""
    deltas = {"huber": huber_delta, "pseudo_huber": pseudo_delta}
    fig = _loss_and_gradient_figure()
    for name in shown:
        curve = regression_curve(name, r_max=r_max, delta=deltas.get(name))
        _add_curve(
            fig,
            curve["x"],
            curve["loss"],
            curve["gradient"],
            name=curve["name"],
            colour=LOSSES[name].colour,
            group=name,
            x_name="r",
        )
    fig.update_xaxes(title_text=X_AXES["residual"] + "  (target y = 0)", row=2, col=1)
    fig.update_layout(title="Regression losses against the residual", uirevision="regression")
    return fig


def regression_variants(shown, *, r_max=1.0):
    """What the chart draws at once while a δ slider moves, before Python has rerun: for
    each loss of ``shown`` that has a δ, a curve {"name": the loss, "traces": its loss and
    derivative traces (as in regression_figure), "names": its legend name for each δ},
    and for every δ on the sliders its loss and gradient on the figure's grid
    (``arrays[curve, delta, 0 or 1]``), exactly as regression_figure draws them. Nothing
    here depends on the current δ."""
    deltas = delta_steps()
    moving = [name for name in shown if name in ("huber", "pseudo_huber")]
    r = residual_grid(r_max)
    arrays = np.empty((len(moving), len(deltas), 2, r.size))
    curves = []
    for c, name in enumerate(moving):
        spec = LOSSES[name]
        for d, delta in enumerate(deltas):
            arrays[c, d, 0] = spec.fn(0.0, r, reduction="none", delta=delta)
            arrays[c, d, 1] = spec.derivative(0.0, r, delta=delta)
        k = shown.index(name)
        curves.append(
            {
                "name": name,
                "traces": [2 * k, 2 * k + 1],
                "names": [_label(spec, {"delta": delta}) for delta in deltas],
            }
        )
    return {"values": deltas, "curves": curves, "arrays": arrays}


# --- binary classification ------------------------------------------------------------
def bce_figure(p_mark=None):
    """Binary cross-entropy against the predicted probability p for y = 1 and y = 0,
    with the point p = 1/e where the loss of the true class crosses 1."""
    p = grid(0.0, 1.0, kinks=(ONE_OVER_E,))[1:-1]  # the ends are infinite: left off the chart
    fig = _loss_and_gradient_figure()
    spec = LOSSES["binary_cross_entropy"]
    for y, colour, dash in ((1.0, OKABE_ITO["blue"], None), (0.0, OKABE_ITO["vermillion"], "dash")):
        _add_curve(
            fig,
            p,
            spec.fn(y, p, reduction="none"),
            spec.derivative(y, p),
            name=f"{spec.title}, y = {y:g}",
            colour=colour,
            group=f"y{y:g}",
            x_name="p",
            dash=dash,
        )
    fig.add_hline(y=1.0, line={"color": "#888", "dash": "dot", "width": 1}, row=1, col=1)
    fig.add_scatter(
        x=[ONE_OVER_E],
        y=[float(spec.fn(1.0, ONE_OVER_E))],
        mode="markers+text",
        marker={"size": 11, "color": OKABE_ITO["black"]},
        text=["p = 1/e ≈ 0.368: loss = 1"],
        textposition="top right",
        name="loss crosses 1",
        hoverinfo="skip",
        showlegend=False,
        row=1,
        col=1,
    )
    if p_mark is not None:
        for y, colour in ((1.0, OKABE_ITO["blue"]), (0.0, OKABE_ITO["vermillion"])):
            fig.add_scatter(
                x=[p_mark],
                y=[float(spec.fn(y, p_mark))],
                mode="markers",
                marker={"size": 13, "color": colour, "line": {"color": "white", "width": 2}},
                name=f"p = {p_mark:g}, y = {y:g}",
                showlegend=False,
                hoverinfo="skip",
                row=1,
                col=1,
            )
    fig.update_yaxes(range=[0, 6], row=1, col=1)
    fig.update_yaxes(range=[-10, 10], row=2, col=1)  # the derivative is ±inf at the ends: clipped
    fig.update_xaxes(range=[0, 1], title_text="predicted probability p = P(y = 1)", row=2, col=1)
    fig.update_layout(title="Binary cross-entropy against the predicted probability", uirevision="bce")
    return fig


MARGIN_CURVES = ("hinge", "squared_hinge", "sigmoid_cross_entropy")


def margin_figure(shown=MARGIN_CURVES, *, m_max=3.0, zero_one=True):
    """Margin losses against m = t·s (label t = +1, so the margin is the score), with the
    0-1 loss for reference."""
    m = grid(-m_max, m_max, kinks=(0.0, 1.0))
    fig = _loss_and_gradient_figure()
    for name in shown:
        spec = LOSSES[name]
        title = "logistic loss" if name == "sigmoid_cross_entropy" else spec.title
        _add_curve(
            fig,
            m,
            spec.fn(1.0, m, reduction="none"),
            spec.derivative(1.0, m),
            name=title,
            colour=spec.colour,
            group=name,
            x_name="m",
        )
    if zero_one:
        step = np.where(m < 0, 1.0, 0.0)
        _add_curve(
            fig,
            m,
            step,
            np.zeros_like(m),
            name="0-1 loss",
            colour=OKABE_ITO["black"],
            group="zero_one",
            x_name="m",
            dash="dot",
        )
    fig.update_yaxes(
        range=[0, (1 + m_max) ** 2 if "squared_hinge" in shown else 1 + m_max + 0.5], row=1, col=1
    )
    fig.update_xaxes(title_text=X_AXES["margin"] + "  (label t = +1)", row=2, col=1)
    fig.update_layout(title="Margin losses against the margin", uirevision="margin")
    return fig


def sigmoid_demo_figure(score):
    """A score moves a point along the sigmoid; beside it the cross-entropy that the
    probability it becomes costs for each label."""
    s = grid(-8.0, 8.0)
    p = float(losses.sigmoid(score))
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.1,
        subplot_titles=("sigmoid squashes the score", "cross-entropy of that probability"),
    )
    fig.add_scatter(
        x=s,
        y=losses.sigmoid(s),
        name="σ(s)",
        line={"color": OKABE_ITO["bluish green"], "width": 3},
        hovertemplate="s = %{x:.3g}<br>σ(s) = %{y:.6g}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=[score],
        y=[p],
        mode="markers+text",
        text=[f"p = {p:.4f}"],
        textposition="middle right",
        marker={"size": 14, "color": OKABE_ITO["black"]},
        name=f"s = {score:g}",
        hovertemplate="s = %{x:.4g}<br>p = %{y:.6g}<extra></extra>",
        row=1,
        col=1,
    )
    costs = [float(losses.sigmoid_cross_entropy(y, score)) for y in (1.0, 0.0)]
    fig.add_bar(
        x=["y = 1", "y = 0"],
        y=costs,
        marker_color=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]],
        text=[f"{c:.4g}" for c in costs],
        textposition="outside",
        name="cross-entropy",
        hovertemplate="%{x}: loss = %{y:.6g}<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="score (logit) s", row=1, col=1)
    fig.update_yaxes(title_text="probability p = σ(s)", range=[-0.02, 1.02], row=1, col=1)
    fig.update_xaxes(title_text="true label", row=1, col=2)
    fig.update_yaxes(title_text=LOSS_AXIS, range=[0, max(9.0, max(costs) * 1.15)], row=1, col=2)
    fig.update_layout(
        template=TEMPLATE,
        height=430,
        showlegend=False,
        uirevision="sigmoid",
        title="From score to probability to loss",
    )
    return fig


# --- multiclass -----------------------------------------------------------------------
def softmax_demo_figure(scores, *, temperature=1.0, true_class=0):
    """Scores → probabilities (softmax at a temperature) → cross-entropy gradient p − y
    with respect to each score."""
    scores = np.asarray(scores, dtype=float)
    classes = [f"class {i}" for i in range(scores.size)]
    probs = losses.softmax(scores, temperature=temperature)
    y = np.eye(scores.size)[true_class]
    # d/ds of CE(y, softmax(s / T)) = (p - y) / T
    gradient = losses.softmax_cross_entropy_derivative(y, scores / temperature) / temperature
    highlight = [OKABE_ITO["bluish green"] if i == true_class else "#9aa5b1" for i in range(scores.size)]
    fig = make_subplots(
        rows=1,
        cols=3,
        horizontal_spacing=0.08,
        subplot_titles=("scores s", f"probabilities softmax(s / {temperature:g})", "gradient ∂loss/∂s"),
    )
    for col, values, fmt in ((1, scores, ".3g"), (2, probs, ".4f"), (3, gradient, ".4f")):
        fig.add_bar(
            x=classes,
            y=values,
            marker_color=highlight,
            text=[format(v, fmt) for v in values],
            textposition="outside",
            name=("scores", "probabilities", "gradient")[col - 1],
            hovertemplate="%{x}: %{y:.6g}<extra></extra>",
            row=1,
            col=col,
        )
    fig.update_yaxes(title_text="score", row=1, col=1)
    fig.update_yaxes(title_text="probability", range=[0, 1.12], row=1, col=2)
    fig.update_yaxes(title_text=GRADIENT_AXIS, row=1, col=3)
    for col in (1, 2, 3):
        fig.update_xaxes(title_text="class (true class in green)", row=1, col=col)
    fig.update_layout(
        template=TEMPLATE,
        height=460,
        showlegend=False,
        uirevision="softmax",
        title="Softmax squashes scores into probabilities",
    )
    return fig


def kl_figure(p, q):
    """P and Q side by side, and the per-class terms of KL(P‖Q) and KL(Q‖P)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    classes = [f"class {i}" for i in range(p.size)]
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=("the two distributions", "per-class terms of the divergence"),
    )
    colours = {"P": OKABE_ITO["blue"], "Q": OKABE_ITO["orange"]}
    for name, values in (("P", p), ("Q", q)):
        fig.add_bar(
            x=classes,
            y=values,
            name=name,
            marker_color=colours[name],
            legendgroup=name,
            hovertemplate=f"%{{x}}: {name} = %{{y:.4f}}<extra></extra>",
            row=1,
            col=1,
        )
    for label, a, b, colour in (
        ("p·log(p/q)  [KL(P‖Q)]", p, q, OKABE_ITO["reddish purple"]),
        ("q·log(q/p)  [KL(Q‖P)]", q, p, OKABE_ITO["sky blue"]),
    ):
        # one class at a time: KL of the one-element "distributions" [a_i], [b_i] is a_i log(a_i / b_i)
        terms = losses.kl_divergence(a[:, None], b[:, None], reduction="none")
        shown = np.where(np.isfinite(terms), terms, np.nan)  # infinite terms are marked, not drawn
        fig.add_bar(
            x=classes,
            y=shown,
            name=label,
            marker_color=colour,
            text=["∞" if np.isinf(t) else f"{t:.3f}" for t in terms],
            textposition="outside",
            hovertemplate="%{x}: %{y:.6g}<extra></extra>",
            row=1,
            col=2,
        )
    fig.update_yaxes(title_text="probability", rangemode="tozero", row=1, col=1)
    fig.update_yaxes(title_text="term (nats)", row=1, col=2)
    for col in (1, 2):
        fig.update_xaxes(title_text="class", row=1, col=col)
    fig.update_layout(
        template=TEMPLATE,
        height=440,
        barmode="group",
        uirevision="kl",
        title="KL divergence is not symmetric",
    )
    return fig


def thumbnail(fig, height=170):
    """A small static copy of a figure for the home page's map."""
    small = go.Figure(fig)
    small.update_layout(
        height=height, showlegend=False, title=None, margin={"l": 10, "r": 10, "t": 10, "b": 10}
    )
    small.update_xaxes(title_text=None, showticklabels=False)
    small.update_yaxes(title_text=None, showticklabels=False)
    small.layout.annotations = ()
    small.update_traces(text=None)  # bar labels and markers' captions are unreadable that small
    return small

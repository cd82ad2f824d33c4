"""The charts of every page, each a ``LiveChart`` (see ``viz.live``): a skeleton that
styles the traces, and ``data_at`` that computes, with ``losses``, what they draw.
The ``*_figure`` functions are those charts at given parameters."""

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

import losses
from losses import LOSSES

from .conventions import LIBRARY_DASH, overlay_title
from .conventions import overlays as library_overlays
from .live import LAYOUT, LiveChart
from .presentation import LOSS_COLOURS, LOSS_DASHES, OKABE_ITO, PARAM_RANGES, X_AXIS_TITLES
from .theme import TEMPLATE, fixed_margins

SAMPLES = 801  # points per curve: smooth at a laptop's or a projector's width
RESIDUAL_HALF_POINTS = 150  # about this many residual samples each side of 0 (at most, or one per δ step)
OUTER_SPACING = 0.2  # residual step beyond the δ range: no curve bends visibly there
CHART_HEIGHT = 620  # a loss and its derivative, one above the other
SCORE_RANGE = 8.0  # the sigmoid demo's score axis, and its slider, span ±8
LOSS_AXIS = "loss"
GRADIENT_AXIS = "derivative"
ONE_OVER_E = float(np.exp(-1.0))


def grid(low, high, kinks=(), n=SAMPLES):
    """n evenly spaced points plus the kinks inside the range, so a corner such as
    Huber's at |r| = delta or the hinge's at 1 is drawn sharp, not cut."""
    points = np.linspace(low, high, n)
    inside = [k for k in kinks if low < k < high]
    return np.unique(np.concatenate([points, inside])) if inside else points


def residual_grid(r_max=1.0, kinks=()):
    """The residuals every regression curve is drawn at, symmetric about 0. Within the δ
    slider's range: evenly spaced with a point on every step of the δ slider (each exactly
    the slider's value), so Huber's corner at ±δ is sharp for every δ and a curve for
    another δ never changes x. Beyond it, where every curve is a line or a parabola seen
    at that scale, a point every ``OUTER_SPACING``. Plus ``kinks``."""
    step, delta_max = PARAM_RANGES["delta"]["step"], PARAM_RANGES["delta"]["max"]
    inner_steps = max(1, round(min(r_max, delta_max) / step))
    per_step = max(1, RESIDUAL_HALF_POINTS // inner_steps)
    inner = np.arange(inner_steps * per_step + 1) * (step / per_step)
    inner[::per_step] = np.round(np.arange(inner_steps + 1) * step, 10)  # the slider's very values
    beyond = max(0, int(np.ceil((r_max - delta_max) / OUTER_SPACING)))
    outer = np.linspace(delta_max, r_max, 1 + beyond)[1:]
    half = np.concatenate([inner, outer])
    r = np.concatenate([-half[:0:-1], half])
    extra = [sign * k for k in kinks for sign in (-1, 1) if 0 < k < r_max]
    return np.unique(np.concatenate([r, extra])) if extra else r


def loss_params(name, values):
    """The parameters of loss ``name`` from chart parameters named ``<loss>_<param>``
    (``huber_delta``); a missing one at its default."""
    return {p.name: values.get(f"{name}_{p.name}", p.default) for p in LOSSES[name].params}


def legend_name(spec, params):
    values = ", ".join(f"{p.label} = {params[p.name]:g}" for p in spec.params)
    return f"{spec.title} ({values})" if values else spec.title


def _hover(x_name):
    return f"{x_name} = %{{x:.4g}}<br>loss = %{{y:.6g}}<br>gradient = %{{customdata:.6g}}<extra>%{{fullData.name}}</extra>"


def _loss_and_gradient_figure(height=CHART_HEIGHT):
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.06, row_heights=[0.62, 0.38])
    fig.update_layout(template=TEMPLATE, hovermode="x unified", height=height)
    fig.update_yaxes(title_text=LOSS_AXIS, row=1, col=1)
    fig.update_yaxes(title_text=GRADIENT_AXIS, row=2, col=1)
    # the derivative panel shares the x-axis: one crosshair and one hover for both
    fig.update_xaxes(showspikes=True, spikemode="across", spikesnap="cursor")
    return fig


def _add_curve(fig, *, colour, group, x_name, dash=None):
    """A loss (trace 2k, the gradient in its customdata for the hover) and its derivative
    (trace 2k + 1), styled; their data comes from ``_curve_data``."""
    line = {"color": colour, "width": 3}
    if dash:
        line["dash"] = dash
    fig.add_scatter(legendgroup=group, line=line, hovertemplate=_hover(x_name), row=1, col=1)
    fig.add_scatter(
        legendgroup=group,
        showlegend=False,
        line={**line, "width": 2},
        hovertemplate=f"{x_name} = %{{x:.4g}}<br>gradient = %{{y:.6g}}<extra>%{{fullData.name}}</extra>",
        row=2,
        col=1,
    )


def _curve_data(trace, x, loss, gradient, name):
    """The data of the curve added by ``_add_curve`` as trace ``trace`` (and ``trace + 1``)."""
    return {
        (trace, "x"): x,
        (trace, "y"): loss,
        (trace, "customdata"): gradient,
        (trace, "name"): name,
        (trace + 1, "x"): x,
        (trace + 1, "y"): gradient,
        (trace + 1, "name"): name,
    }


# --- regression -----------------------------------------------------------------------
REGRESSION_CURVES = ("mae", "mse", "huber", "pseudo_huber", "log_cosh")


def _regression_skeleton(*, shown, convention="textbook", **_):
    fig = _loss_and_gradient_figure()
    for name in shown:
        _add_curve(fig, colour=LOSS_COLOURS[name], group=name, x_name="r", dash=LOSS_DASHES[name])
    # a library's own curve over ours where it differs (the loss panel): after every curve
    for name in shown:
        for _ in library_overlays(name, convention):
            fig.add_scatter(
                legendgroup=name,
                line={"color": LOSS_COLOURS[name], "width": 2, "dash": LIBRARY_DASH},
                opacity=0.9,
                hovertemplate="r = %{x:.4g}<br>loss = %{y:.6g}<extra>%{fullData.name}</extra>",
                row=1,
                col=1,
            )
    fig.update_xaxes(title_text=X_AXIS_TITLES["residual"] + "  (target y = 0)", row=2, col=1)
    fig.update_layout(title="Regression losses against the residual", uirevision="regression")
    return fig


def _regression_data(*, shown, convention="textbook", r_max=1.0, **param_values):
    """Loss and derivative against the residual (target 0, so the residual is the
    prediction) for each loss of ``shown``; a loss's parameters as ``<loss>_<param>``.
    With a library's ``convention``, that library's loss too where it differs from ours."""
    params = {name: loss_params(name, param_values) for name in shown}
    kinks = [v for name in shown for v in params[name].values()]  # Huber's corners
    r = residual_grid(r_max, kinks)
    data = {}
    for k, name in enumerate(shown):
        spec = LOSSES[name]
        loss = spec.fn(0.0, r, reduction="none", **params[name])
        gradient = spec.derivative(0.0, r, **params[name])
        data.update(_curve_data(2 * k, r, loss, gradient, legend_name(spec, params[name])))
    trace = 2 * len(shown)
    for name in shown:
        for library_loss in library_overlays(name, convention):
            data[trace, "x"] = r
            data[trace, "y"] = library_loss.values(0.0, r, **params[name])
            data[trace, "name"] = overlay_title(library_loss, params[name])
            trace += 1
    return data


REGRESSION = LiveChart(name="regression", skeleton=_regression_skeleton, data_at=_regression_data)


def regression_figure(
    shown=("mae", "mse"), *, huber_delta=1.0, pseudo_delta=1.0, r_max=1.0, convention="textbook"
):
    """The regression chart; the deltas appear in the legend. The loss of ``shown[k]``
    is trace 2k, its derivative trace 2k + 1; then ``convention``'s library curves."""
    return REGRESSION.figure(
        shown=tuple(shown),
        r_max=r_max,
        huber_delta=huber_delta,
        pseudo_huber_delta=pseudo_delta,
        convention=convention,
    )


# --- one loss, several δ ---------------------------------------------------------------
DELTA_FAMILY = (0.5, 1.0, 2.0, 5.0)  # the δ the "compare δ" chart draws (the articles' figure)
DELTA_FAMILY_LOSSES = ("pseudo_huber", "huber")
DELTA_FAMILY_RANGE = 6.0  # residuals ±6: past the largest δ, where every curve is linear
FAMILY_STYLES = (  # a colour and a dash per member of a family of curves (δ, γ), smallest first
    (OKABE_ITO["blue"], "solid"),
    (OKABE_ITO["bluish green"], "dash"),
    (OKABE_ITO["vermillion"], "dot"),
    (OKABE_ITO["reddish purple"], "dashdot"),
)


def _delta_family_skeleton(**_):
    fig = _loss_and_gradient_figure()
    for k, (colour, dash) in enumerate(FAMILY_STYLES):
        _add_curve(fig, colour=colour, group=f"delta_{k}", x_name="r", dash=dash)
    fig.update_xaxes(title_text=X_AXIS_TITLES["residual"] + "  (target y = 0)", row=2, col=1)
    fig.update_layout(uirevision="delta_family")
    return fig


def _delta_family_data(*, loss="pseudo_huber"):
    """``loss`` (Huber or Pseudo-Huber) and its derivative for each δ of DELTA_FAMILY."""
    spec = LOSSES[loss]
    r = residual_grid(DELTA_FAMILY_RANGE, DELTA_FAMILY)
    data = {(LAYOUT, "title.text"): f"{spec.title} for several δ: like ½r² near 0, like δ·|r| far out"}
    for k, delta in enumerate(DELTA_FAMILY):
        loss_values = spec.fn(0.0, r, reduction="none", delta=delta)
        gradient = spec.derivative(0.0, r, delta=delta)
        data.update(_curve_data(2 * k, r, loss_values, gradient, f"δ = {delta:g}"))
    return data


DELTA_FAMILY_CHART = LiveChart(
    name="delta_family", skeleton=_delta_family_skeleton, data_at=_delta_family_data
)


def delta_family_figure(loss="pseudo_huber"):
    """Huber or Pseudo-Huber for each δ of DELTA_FAMILY, with their derivatives."""
    return DELTA_FAMILY_CHART.figure(loss=loss)


# --- binary classification ------------------------------------------------------------
BCE_LABELS = ((1.0, OKABE_ITO["blue"], None), (0.0, OKABE_ITO["vermillion"], "dash"))
BCE_TERMS = {1.0: "−log p", 0.0: "−log(1 − p)"}  # the loss of each label


def _bce_skeleton(*, marked=False, **_):
    fig = _loss_and_gradient_figure()
    for y, colour, dash in BCE_LABELS:
        _add_curve(fig, colour=colour, group=f"y{y:g}", x_name="p", dash=dash)
    fig.add_hline(y=1.0, line={"color": "#888", "dash": "dot", "width": 1}, row=1, col=1)
    fig.add_scatter(
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
    if marked:  # each label's loss at p: a point, and its value written beside it
        for _, colour, _ in BCE_LABELS:
            fig.add_scatter(
                mode="markers",
                marker={"size": 13, "color": colour, "line": {"color": "white", "width": 2}},
                showlegend=False,
                hoverinfo="skip",
                row=1,
                col=1,
            )
            fig.add_annotation(
                showarrow=False,
                font={"color": colour, "size": 15},
                bgcolor="rgba(255, 255, 255, 0.85)",
                row=1,
                col=1,
            )
    fig.update_yaxes(range=[0, 6], row=1, col=1)
    fig.update_yaxes(range=[-10, 10], row=2, col=1)  # the derivative is ±inf at the ends: clipped
    fig.update_xaxes(range=[0, 1], title_text="predicted probability p = P(y = 1)", row=2, col=1)
    fig.update_layout(
        title={
            "text": "Binary cross-entropy against the predicted probability",
            "subtitle": {"text": "labels y ∈ {0, 1}; p is the predicted probability of y = 1"},
        },
        uirevision="bce",
    )
    return fig


def _bce_data(*, marked=False, p=0.5):
    probabilities = grid(0.0, 1.0, kinks=(ONE_OVER_E,))[1:-1]  # the ends are infinite: left off
    spec = LOSSES["binary_cross_entropy"]
    data = {}
    for k, (y, _, _) in enumerate(BCE_LABELS):
        loss = spec.fn(y, probabilities, reduction="none")
        slope = spec.derivative(y, probabilities)
        data.update(_curve_data(2 * k, probabilities, loss, slope, f"{spec.title}, y = {y:g}"))
    data[4, "x"] = np.array([ONE_OVER_E])
    data[4, "y"] = spec.fn(1.0, np.array([ONE_OVER_E]), reduction="none")
    if marked:
        at_p = {y: spec.fn(y, np.array([p]), reduction="none") for y, _, _ in BCE_LABELS}
        for k, (y, _, _) in enumerate(BCE_LABELS):
            data[5 + k, "x"] = np.array([p])
            data[5 + k, "y"] = at_p[y]
            data[5 + k, "name"] = f"p = {p:g}, y = {y:g}"
            # the value beside its point, away from the nearer side; the higher one (y = 1
            # on a tie, as at p = 0.5) above its point, the other below: never on each other
            higher = at_p[y][0] > at_p[1.0 - y][0] or (at_p[y][0] == at_p[1.0 - y][0] and y == 1.0)
            note = f"annotations[{k}]"
            data[LAYOUT, f"{note}.text"] = f"y = {y:g}: {BCE_TERMS[y]} = {at_p[y][0]:.4f}"
            data[LAYOUT, f"{note}.x"] = p
            data[LAYOUT, f"{note}.y"] = float(at_p[y][0])
            data[LAYOUT, f"{note}.xanchor"] = "left" if p < 0.5 else "right"
            data[LAYOUT, f"{note}.xshift"] = 12 if p < 0.5 else -12
            data[LAYOUT, f"{note}.yshift"] = 16 if higher else -16
    return data


BCE = LiveChart(name="bce", skeleton=_bce_skeleton, data_at=_bce_data)


def bce_figure(p_mark=None):
    """Binary cross-entropy against the predicted probability p for y = 1 and y = 0,
    with the point p = 1/e where the loss of the true class crosses 1 (and ``p_mark``)."""
    return BCE.figure(marked=p_mark is not None, p=0.5 if p_mark is None else p_mark)


# --- focal loss ---------------------------------------------------------------------------
FOCAL_REFERENCE_GAMMAS = (0.0, 1.0, 5.0)  # drawn beside the chosen γ: 0 is the cross-entropy
FOCAL_SAMPLES = 401  # four curves on a tab of the binary page: its first load stays < 1 MB


def _focal_skeleton(**_):
    fig = _loss_and_gradient_figure()
    for k, _gamma in enumerate(FOCAL_REFERENCE_GAMMAS):
        colour, dash = FAMILY_STYLES[k]
        _add_curve(fig, colour=colour, group=f"gamma_{k}", x_name="p", dash=dash)
    _add_curve(fig, colour=LOSS_COLOURS["binary_focal_cross_entropy"], group="chosen", x_name="p")
    fig.update_yaxes(range=[0, 5], row=1, col=1)
    fig.update_yaxes(range=[-10, 1], row=2, col=1)  # −∞ at p = 0: clipped
    fig.update_xaxes(
        range=[0, 1], title_text="predicted probability p of the true class (y = 1)", row=2, col=1
    )
    fig.update_layout(
        title={
            "text": "Focal loss: the well-classified examples count less",
            "subtitle": {"text": "label y = 1; γ = 0 is the cross-entropy −log p"},
        },
        uirevision="focal",
    )
    return fig


def _focal_data(*, gamma=2.0):
    """The focal loss of the true class (y = 1) and its derivative against p, for each
    reference γ and the chosen one."""
    p = grid(0.0, 1.0, n=FOCAL_SAMPLES)[1:-1]  # p = 0: infinite; p = 1: 0 for every γ
    spec = LOSSES["binary_focal_cross_entropy"]
    data = {}
    for k, g in enumerate((*FOCAL_REFERENCE_GAMMAS, gamma)):
        name = (
            f"γ = {g:g}"
            + (" (cross-entropy)" if g == 0 else "")
            + (": chosen" if k == len(FOCAL_REFERENCE_GAMMAS) else "")
        )
        loss = spec.fn(1.0, p, reduction="none", gamma=g)
        slope = spec.derivative(1.0, p, gamma=g)
        data.update(_curve_data(2 * k, p, loss, slope, name))
    return data


FOCAL = LiveChart(name="focal", skeleton=_focal_skeleton, data_at=_focal_data)


def focal_figure(gamma=2.0):
    """Focal loss against p for γ = 0, 1, 5 and the chosen γ, with derivatives."""
    return FOCAL.figure(gamma=gamma)


MARGIN_CURVES = ("hinge", "squared_hinge", "sigmoid_cross_entropy")
MARGIN_TITLES = {"sigmoid_cross_entropy": "logistic loss"}  # as the margin chart names it
MARGIN_SAMPLES = 601  # the corners are samples of their own; fewer points keep its frames < 1 MB


def _margin_skeleton(*, shown=MARGIN_CURVES, zero_one=True, **_):
    fig = _loss_and_gradient_figure()
    for name in shown:
        _add_curve(fig, colour=LOSS_COLOURS[name], group=name, x_name="m", dash=LOSS_DASHES[name])
    if zero_one:
        _add_curve(fig, colour=OKABE_ITO["black"], group="zero_one", x_name="m", dash="dot")
    fig.update_xaxes(title_text=X_AXIS_TITLES["margin"] + "  (label t = +1)", row=2, col=1)
    fig.update_layout(
        title={
            "text": "Margin losses against the margin",
            "subtitle": {
                "text": "labels t = ±1 (t = 2y − 1 for y ∈ {0, 1}); drawn for t = +1, so the margin t·s is the score"
            },
        },
        uirevision="margin",
    )
    return fig


def _margin_data(*, shown=MARGIN_CURVES, m_max=3.0, zero_one=True):
    m = grid(-m_max, m_max, kinks=(0.0, 1.0), n=MARGIN_SAMPLES)
    data = {}
    for k, name in enumerate(shown):
        spec = LOSSES[name]
        loss = spec.fn(1.0, m, reduction="none")
        data.update(_curve_data(2 * k, m, loss, spec.derivative(1.0, m), MARGIN_TITLES.get(name, spec.title)))
    if zero_one:
        data.update(_curve_data(2 * len(shown), m, np.where(m < 0, 1.0, 0.0), np.zeros_like(m), "0-1 loss"))
    # the hinge's corner and the 0-1 step stay readable: the squared hinge leaves the top
    data[LAYOUT, "yaxis.range"] = [0, 1 + m_max + 0.5]
    return data


MARGIN = LiveChart(name="margin", skeleton=_margin_skeleton, data_at=_margin_data)


def margin_figure(shown=MARGIN_CURVES, *, m_max=3.0, zero_one=True):
    """Margin losses against m = t·s (label t = +1, so the margin is the score), with the
    0-1 loss for reference."""
    return MARGIN.figure(shown=tuple(shown), m_max=m_max, zero_one=zero_one)


def _sigmoid_skeleton(**_):
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.62, 0.38],
        horizontal_spacing=0.1,
        subplot_titles=("sigmoid squashes the score", "cross-entropy of σ(s)"),
    )
    fig.add_scatter(
        name="σ(s)",
        line={"color": OKABE_ITO["bluish green"], "width": 3},
        hovertemplate="s = %{x:.3g}<br>σ(s) = %{y:.6g}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="markers+text",
        textposition="middle right",
        marker={"size": 14, "color": OKABE_ITO["black"]},
        hovertemplate="s = %{x:.4g}<br>p = %{y:.6g}<extra></extra>",
        row=1,
        col=1,
    )
    fig.add_bar(
        x=["y = 1", "y = 0"],
        marker_color=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]],
        textposition="outside",
        name="cross-entropy",
        hovertemplate="%{x}: loss = %{y:.6g}<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="score (logit) s", row=1, col=1)
    fig.update_yaxes(title_text="probability p = σ(s)", range=[-0.02, 1.02], row=1, col=1)
    fig.update_xaxes(title_text="true label", row=1, col=2)
    fig.update_yaxes(title_text=LOSS_AXIS, row=1, col=2)
    fig.update_layout(
        template=TEMPLATE,
        height=430,
        showlegend=False,
        uirevision="sigmoid",
        title={"text": "From score to probability to loss", "subtitle": {"text": "labels y ∈ {0, 1}"}},
    )
    return fig


def _sigmoid_data(*, score):
    s = grid(-SCORE_RANGE, SCORE_RANGE)
    p = float(losses.sigmoid(score))
    costs = losses.sigmoid_cross_entropy(np.array([1.0, 0.0]), score, reduction="none")
    return {
        (0, "x"): s,
        (0, "y"): losses.sigmoid(s),
        (1, "x"): np.array([score], dtype=float),
        (1, "y"): np.array([p]),
        (1, "text"): [f"p = {p:.4f}"],
        (1, "name"): f"s = {score:g}",
        (2, "y"): costs,
        (2, "text"): [f"{c:.4g}" for c in costs],
        (LAYOUT, "yaxis2.range"): [0, max(9.0, float(costs.max()) * 1.15)],
    }


SIGMOID = LiveChart(name="sigmoid", skeleton=_sigmoid_skeleton, data_at=_sigmoid_data)


def sigmoid_demo_figure(score):
    """A score moves a point along the sigmoid; beside it the cross-entropy that the
    probability it becomes costs for each label."""
    return SIGMOID.figure(score=score)


# --- multiclass -----------------------------------------------------------------------
def _classes(count):
    return [f"class {i}" for i in range(count)]


MAX_CLASSES = 6  # the multiclass pages offer 2 to 6 classes


def _scores(params):
    """The class scores of softmax chart parameters ``score_0``, ``score_1``, ... (one per class)."""
    return np.array([params[f"score_{i}"] for i in range(params["classes"])], dtype=float)


def _softmax_skeleton(**_):
    fig = make_subplots(
        rows=1,
        cols=3,
        horizontal_spacing=0.08,
        subplot_titles=("scores s", "probabilities", "gradient ∂loss/∂s"),
    )
    for col, name in enumerate(("scores", "probabilities", "gradient"), start=1):
        fig.add_bar(
            textposition="outside",
            name=name,
            hovertemplate="%{x}: %{y:.6g}<extra></extra>",
            row=1,
            col=col,
        )
    # the smoothed label over the probabilities: the p that cross-entropy drives them to
    fig.add_scatter(
        mode="markers",
        marker={"symbol": "line-ew", "size": 34, "line": {"width": 3, "color": OKABE_ITO["black"]}},
        name="target",
        hovertemplate="%{x}: target %{y:.4g} (the optimum p)<extra></extra>",
        row=1,
        col=2,
    )
    fig.update_yaxes(title_text="score", row=1, col=1)
    fig.update_yaxes(title_text="probability", range=[0, 1.12], row=1, col=2)
    fig.update_yaxes(title_text=GRADIENT_AXIS, row=1, col=3)
    fig.update_xaxes(title_text="class (true class in green)", row=1, col=2)  # one title for the three
    fig.update_layout(
        template=TEMPLATE,
        height=460,
        showlegend=False,
        uirevision="softmax",
        uniformtext={"mode": "show", "minsize": 11},  # every bar label at one size
        title="Softmax squashes scores into probabilities",
    )
    return fixed_margins(fig)  # the number of classes moves the x ranges


def true_class_of(true_class, classes):
    """The true class drawn: a class beyond the number of classes (they were fewer a
    moment ago) falls back to class 0, as the page's true-class select does."""
    return true_class if 0 <= true_class < classes else 0


def _padded(values, fill):
    """``values`` followed by ``fill`` up to MAX_CLASSES: every class has its bar, the classes
    the chart does not show are empty and outside the x range."""
    return [*values, *[fill] * (MAX_CLASSES - len(values))]


def _class_axes(classes, axes):
    """The x ranges that show the first ``classes`` of the MAX_CLASSES categories: moving
    the number of classes moves a range, and Plotly need not lay out new categories."""
    return {(LAYOUT, f"{axis}.range"): [-0.5, classes - 0.5] for axis in axes}


def _softmax_data(*, classes, temperature=1.0, true_class=0, label_smoothing=0.0, **scores):
    """Scores → probabilities (softmax at a temperature) → cross-entropy gradient p − y
    with respect to each score, y the label smoothed by ε (Keras's y(1 − ε) + ε/C, drawn
    over the probabilities: the optimum p); the cross-entropy three ways in the subtitle.
    The number of classes moves the bars too (a chart slider): the x range shows that many
    of the MAX_CLASSES bars, the others are empty (NaN)."""
    scores = _scores({"classes": classes, **scores})
    true_class = true_class_of(true_class, classes)
    eps = label_smoothing
    probs = losses.softmax(scores, temperature=temperature)
    y = np.eye(classes)[true_class]
    # d/ds of CE(y_ε, softmax(s / T)) = (p - y_ε) / T
    gradient = (
        losses.softmax_cross_entropy_derivative(y, scores / temperature, label_smoothing=eps) / temperature
    )
    highlight = [OKABE_ITO["bluish green"] if i == true_class else "#9aa5b1" for i in range(classes)]
    smoothed = f" (ε = {eps:g})" if eps else ""
    categorical = losses.categorical_cross_entropy(y, probs, label_smoothing=eps)
    from_scores = losses.softmax_cross_entropy(y, scores / temperature, label_smoothing=eps)
    sparse = losses.sparse_categorical_cross_entropy(true_class, probs)
    costs = (
        f"categorical CE{smoothed} {categorical:.6f}",
        f"softmax CE from the scores{smoothed} {from_scores:.6f}",
        f"sparse CE{' (hard label)' if eps else ''} {sparse:.6f}",
    )
    data = {
        (LAYOUT, "annotations[1].text"): f"probabilities softmax(s / {temperature:g})",
        (LAYOUT, "title.subtitle.text"): "   ·   ".join(costs),
        **_class_axes(classes, ("xaxis", "xaxis2", "xaxis3")),
    }
    for trace, (values, fmt) in enumerate(((scores, ".3g"), (probs, ".4f"), (gradient, ".4f"))):
        data[trace, "x"] = _classes(MAX_CLASSES)
        data[trace, "y"] = np.array(_padded(values, np.nan))
        data[trace, "text"] = _padded([format(v, fmt) for v in values], "")
        data[trace, "marker.color"] = _padded(highlight, "#9aa5b1")
    data[3, "x"] = _classes(MAX_CLASSES)
    data[3, "y"] = np.array(_padded(y * (1.0 - eps) + eps / classes, np.nan))
    return data


SOFTMAX = LiveChart(name="softmax", skeleton=_softmax_skeleton, data_at=_softmax_data)


def softmax_params(scores, *, temperature=1.0, true_class=0):
    """The softmax chart's parameters for these scores."""
    return {
        "classes": len(scores),
        "temperature": temperature,
        "true_class": true_class,
        **{f"score_{i}": float(v) for i, v in enumerate(scores)},
    }


def softmax_demo_figure(scores, *, temperature=1.0, true_class=0):
    """Scores → probabilities (softmax at a temperature) → cross-entropy gradient p − y
    with respect to each score."""
    return SOFTMAX.figure(**softmax_params(scores, temperature=temperature, true_class=true_class))


KL_TERMS = (
    ("p·log(p/q)  [KL(P‖Q)]", OKABE_ITO["reddish purple"]),
    ("q·log(q/p)  [KL(Q‖P)]", OKABE_ITO["sky blue"]),
)


def _kl_skeleton(**_):
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.1,
        subplot_titles=("the two distributions", "per-class terms of the divergence"),
    )
    for name, colour in (("P", OKABE_ITO["blue"]), ("Q", OKABE_ITO["orange"])):
        fig.add_bar(
            name=name,
            marker_color=colour,
            legendgroup=name,
            hovertemplate=f"%{{x}}: {name} = %{{y:.4f}}<extra></extra>",
            row=1,
            col=1,
        )
    for label, colour in KL_TERMS:
        fig.add_bar(
            name=label,
            marker_color=colour,
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
        height=480,
        barmode="group",
        uirevision="kl",
        uniformtext={"mode": "show", "minsize": 11},  # every bar label at one size
        title="KL divergence is not symmetric",
        # the legend in a row of its own above the subplot titles, not over them
        legend={"y": 1.14},
        # r: on a phone six classes' tick labels turn aslant, the last one past the edge
        margin={"t": 160, "r": 50},
    )
    return fixed_margins(fig)  # the number of classes moves the x ranges


def kl_distribution(weights):
    """Weights normalised into a distribution, and whether they were all 0 (then the
    uniform distribution stands in)."""
    weights = np.asarray(weights, dtype=float)
    total = weights.sum()
    if total == 0:
        return np.full(weights.size, 1.0 / weights.size), True
    return weights / total, False


def _term_text(term):
    """A per-class term as its bar's label: short where it is exact (0, ∞), so the labels
    of a class's two bars never run together."""
    return "∞" if np.isinf(term) else "0" if term == 0 else f"{term:.3f}"


def _kl_divergence_text(name, value):
    return f"{name} = " + ("∞" if np.isinf(value) else f"{value:.6f} nats")


def _kl_data(*, classes, **weights):
    """P and Q from their weights ``p_0``, ..., ``q_0``, ... (normalised), the per-class terms
    of KL(P‖Q) and KL(Q‖P), and both divergences in the subtitle."""
    (p, p_empty), (q, q_empty) = (
        kl_distribution([weights[f"{name}_{i}"] for i in range(classes)]) for name in ("p", "q")
    )
    data = {(trace, "x"): _classes(MAX_CLASSES) for trace in range(2 + len(KL_TERMS))}
    data |= _class_axes(classes, ("xaxis", "xaxis2"))  # as on the softmax chart
    data.update({(0, "y"): np.array(_padded(p, np.nan)), (1, "y"): np.array(_padded(q, np.nan))})
    for trace, (a, b) in enumerate(((p, q), (q, p)), start=2):
        # one class at a time: KL of the one-element "distributions" [a_i], [b_i] is a_i log(a_i / b_i)
        terms = losses.kl_divergence(a[:, None], b[:, None], reduction="none")
        # infinite terms are marked, not drawn
        data[trace, "y"] = np.array(_padded(np.where(np.isfinite(terms), terms, np.nan), np.nan))
        data[trace, "text"] = _padded([_term_text(t) for t in terms], "")
    forward, backward = losses.kl_divergence(p, q), losses.kl_divergence(q, p)
    notes = [_kl_divergence_text("KL(P‖Q)", forward), _kl_divergence_text("KL(Q‖P)", backward)]
    if np.isinf(forward) or np.isinf(backward):
        notes.append("∞ where the first has mass and the second none")
    notes += [
        f"every weight of {n} is 0: uniform instead" for n, empty in (("P", p_empty), ("Q", q_empty)) if empty
    ]
    data[LAYOUT, "title.subtitle.text"] = "   ·   ".join(notes)
    return data


KL = LiveChart(name="kl", skeleton=_kl_skeleton, data_at=_kl_data)


def kl_params(p, q):
    """The KL chart's parameters for these weights (or distributions)."""
    return {
        "classes": len(p),
        **{f"p_{i}": float(v) for i, v in enumerate(p)},
        **{f"q_{i}": float(v) for i, v in enumerate(q)},
    }


def kl_figure(p, q):
    """P and Q side by side, and the per-class terms of KL(P‖Q) and KL(Q‖P)."""
    return KL.figure(**kl_params(p, q))


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

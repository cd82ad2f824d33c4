"""Barron's general robust loss as one family: the loss ρ, its derivative ψ and the IRLS
weight ψ(r)/r against the residual, for a shape α and a scale c, beside its named special
cases at the same c (L2, Charbonnier = pseudo-Huber, Cauchy, Geman–McClure, Welsch)."""

import numpy as np
from plotly.subplots import make_subplots

import losses

from .live import LAYOUT, LiveChart
from .presentation import LOSS_COLOURS, OKABE_ITO, X_AXIS_TITLES
from .theme import TEMPLATE

BARRON_RANGE = 6.0  # residuals ±6
BARRON_POINTS = 241  # r = 0 among them
# (name, α): the special cases drawn for reference, most to least robust last
SPECIAL_CASES = (
    ("L2", 2.0),
    ("Charbonnier (pseudo-Huber)", 1.0),
    ("Cauchy", 0.0),
    ("Geman–McClure", -2.0),
    ("Welsch", -np.inf),
)
SPECIAL_STYLES = (  # told apart by dash as well as colour; the chosen α is thick and orange
    (OKABE_ITO["vermillion"], "dash"),
    (OKABE_ITO["reddish purple"], "dashdot"),
    (OKABE_ITO["sky blue"], "dot"),
    (OKABE_ITO["bluish green"], "longdash"),
    (OKABE_ITO["blue"], "longdashdot"),
)
PANELS = ("loss ρ(r)", "derivative ψ(r) = ρ′(r)", "weight ψ(r)/r, times c²")
PSI_RANGE = 2.5  # the derivative panel spans ±2.5 / c: ψ scales as 1/c


def special_case_name(name, alpha):
    return f"{name} (α = {'−∞' if np.isinf(alpha) else f'{alpha:g}'})"


def _barron_skeleton(**_):
    fig = make_subplots(rows=1, cols=3, horizontal_spacing=0.07, subplot_titles=PANELS)
    styles = [*SPECIAL_STYLES, (LOSS_COLOURS["barron"], "solid")]
    for k, (colour, dash) in enumerate(styles):
        chosen = k == len(SPECIAL_STYLES)
        for col in (1, 2, 3):
            fig.add_scatter(
                mode="lines",
                line={"color": colour, "dash": dash, "width": 5 if chosen else 2},
                opacity=1.0 if chosen else 0.75,
                legendgroup=f"case_{k}",
                showlegend=col == 1,
                hovertemplate="r = %{x:.4g}: %{y:.6g}<extra>%{fullData.name}</extra>",
                row=1,
                col=col,
            )
    fig.update_yaxes(range=[0, 4], row=1, col=1)
    fig.update_yaxes(range=[0, 1.05], row=1, col=3)
    fig.update_xaxes(title_text=X_AXIS_TITLES["residual"], row=1, col=2)  # one title for the three
    fig.update_yaxes(title_text="ρ", row=1, col=1)
    fig.update_yaxes(title_text="ψ", row=1, col=2)
    fig.update_yaxes(title_text="c² ψ(r)/r", row=1, col=3)
    fig.update_layout(
        template=TEMPLATE,
        height=560,
        uirevision="barron",
        # the legend (six cases) below the panels, clear of their titles
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0},
        margin={"b": 150},
    )
    return fig


def _barron_data(*, alpha=1.0, scale=1.0):
    """ρ, ψ and c²·ψ/r at every residual for the chosen α and for each special case."""
    r = np.linspace(-BARRON_RANGE, BARRON_RANGE, BARRON_POINTS)
    cases = [(special_case_name(name, a), a) for name, a in SPECIAL_CASES]
    cases.append((f"chosen: α = {alpha:g}, c = {scale:g}", alpha))
    data = {
        (LAYOUT, "title.text"): f"Barron's general robust loss, α = {alpha:g}, c = {scale:g}",
        (LAYOUT, "yaxis2.range"): [-PSI_RANGE / scale, PSI_RANGE / scale],
    }
    for k, (name, a) in enumerate(cases):
        curves = (
            losses.barron(0.0, r, alpha=a, scale=scale, reduction="none"),
            losses.barron_derivative(0.0, r, alpha=a, scale=scale),
            losses.barron_weight(0.0, r, alpha=a, scale=scale) * scale**2,
        )
        for col, values in enumerate(curves):
            data[(3 * k + col, "x")] = r
            data[(3 * k + col, "y")] = values
            data[(3 * k + col, "name")] = name
    return data


BARRON = LiveChart(name="barron", skeleton=_barron_skeleton, data_at=_barron_data)


def barron_figure(alpha=1.0, scale=1.0):
    """ρ, ψ and the weight of Barron's loss at α and c, with its special cases."""
    return BARRON.figure(alpha=alpha, scale=scale)

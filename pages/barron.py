"""Barron's general robust loss: one shape parameter α spans L2, pseudo-Huber, Cauchy,
Geman–McClure and Welsch; the scale c sets where it turns robust."""

import numpy as np
import streamlit as st

import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.robust import SPECIAL_CASES
from viz.snippets import SNIPPET_RESIDUALS, barron_snippets

ui.header(
    "Barron's robust loss",
    "One loss with a shape parameter α (Barron, CVPR 2019): α = 2 is L2, α = 1 Charbonnier "
    "(pseudo-Huber), α = 0 Cauchy, α = −2 Geman–McClure and α → −∞ Welsch. The lower α, the "
    "less a far residual costs and pulls: its derivative ψ falls back towards 0 (it is "
    "*redescending*), and its weight ψ(r)/r — what iteratively reweighted least squares gives "
    "each point — vanishes. The scale c sets where that begins.",
)

ALPHA, SCALE = LOSSES["barron"].params
# α = 0.5 at first: between Charbonnier and Cauchy, so every named case shows beside it
ALPHA_SLIDER = SliderSpec.for_param(ALPHA, name="barron_alpha", label="shape α", default=0.5)
SCALE_SLIDER = SliderSpec.for_param(SCALE, name="barron_scale", label="scale c")
# the named cases with a finite α, each a button; "Charbonnier (pseudo-Huber)" is named
# short on it (the legend says the rest)
PRESETS = [
    (f"{name.split(' (')[0]} (α = {alpha:g})", {ALPHA_SLIDER.name: alpha}, None)
    for name, alpha in SPECIAL_CASES
    if np.isfinite(alpha)
]
ui.presets("**Set α to a named case** (Welsch, α → −∞, is drawn beside them)", PRESETS)

values = ui.chart_slider_values("barron_chart", [ALPHA_SLIDER, SCALE_SLIDER])
alpha, scale = values[ALPHA_SLIDER.name], values[SCALE_SLIDER.name]
ui.chart(
    viz.BARRON,
    {"alpha": alpha, "scale": scale},
    key="barron_chart",
    filename=f"barron_alpha-{alpha:g}_scale-{scale:g}",
    sliders=[
        ui.ChartSlider(ALPHA_SLIDER, alpha, moves=("alpha",)),
        ui.ChartSlider(SCALE_SLIDER, scale, moves=("scale",)),
    ],
)
ui.formula(LOSSES["barron"], {"alpha": alpha, "scale": scale})
st.caption(
    "At α = 0 and α = 2 the formula is 0/0; the loss takes its limit there, and `losses.barron` "
    "stays exact next to them (within a few ulp for α within 1e-12 of 0 or 2)."
)
if ui.toggle("The same in code: our package", key="barron_code", hide_label="The same in code"):
    st.caption(
        "PyTorch, Keras and Optax have no general robust loss; Barron's own implementation is a "
        "package of its own (robust_loss_pytorch). Ours at the residuals "
        f"{list(SNIPPET_RESIDUALS)} with this view's α and c:"
    )
    ui.snippets(barron_snippets(alpha, scale), f"Barron's loss at α = {alpha:g}, c = {scale:g}")

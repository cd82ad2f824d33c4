"""Robust fitting: the line each loss fits through data with outliers, by IRLS."""

import streamlit as st

import ui
from viz import SliderSpec
from viz.fitting import FITS, FITTING, MAX_OUTLIERS, X_FAR, data_set
from viz.snippets import fit_snippets

ui.header(
    "Robust fitting",
    "A loss decides what a model learns. Twenty points scattered about a line, some of them "
    "moved far above it: each loss fits its own line. L2 follows every point in proportion to "
    "how far it is, so one far point drags the line; L1, Huber, Pseudo-Huber and log-cosh cap "
    "how hard a point can pull; Cauchy's pull falls back towards 0 as a point goes further "
    "away. Move the outliers along x too (*leverage*): far out, a point pulls on the slope with "
    "a long lever, and L1 and Huber give way too while Cauchy holds, until the far points are "
    "a line of their own that every loss follows.",
)

OUTLIERS = SliderSpec(name="fit_outliers", label="outliers", min=0, max=MAX_OUTLIERS, step=1, default=2)
DISTANCE = SliderSpec(
    name="fit_distance", label="how far above the line", min=0.0, max=1000.0, step=5.0, default=30.0
)
LEVERAGE = SliderSpec(
    name="fit_leverage",
    label=f"leverage (0: among the points, 1: at x = {X_FAR:g})",
    min=0.0,
    max=1.0,
    step=0.05,
    default=0.0,
)
DELTA = SliderSpec(
    name="fit_delta",
    label="δ of Huber and Pseudo-Huber, c of Cauchy",
    min=0.1,
    max=5.0,
    step=0.1,
    default=1.0,
)
SLIDERS = [OUTLIERS, DISTANCE, LEVERAGE, DELTA]
# (label, what it sets, what it shows): the articles' example first
PRESETS = (
    (
        "One point 1000 off",
        {"fit_outliers": 1, "fit_distance": 1000, "fit_leverage": 0},
        (
            "The articles' example: one prediction of 1000 among good ones. L2's line tilts "
            "towards it; every other loss barely moves."
        ),
    ),
    ("Clean data", {"fit_outliers": 0}, "No outlier: every loss fits nearly the same line."),
    (
        "Bad leverage",
        {"fit_outliers": 3, "fit_distance": 20, "fit_leverage": 0.5},
        "Three points halfway to x = 30 and 20 above the line: L1 and Huber give way too; Cauchy holds.",
    ),
    (
        "Good leverage",
        {"fit_outliers": 3, "fit_distance": 0, "fit_leverage": 1},
        "Three points far along x but on the true line: they pin the slope for every loss.",
    ),
)


ui.presets("**Start from**", PRESETS)

values = ui.chart_slider_values("fit_chart", SLIDERS)
params = {
    "outliers": values[OUTLIERS.name],
    "distance": values[DISTANCE.name],
    "leverage": values[LEVERAGE.name],
    "delta": values[DELTA.name],
}
ui.chart(
    FITTING,
    params,
    key="fit_chart",
    filename="robust_fit_{outliers}-outliers_distance-{distance:g}_leverage-{leverage:g}_delta-{delta:g}".format(
        **params
    ),
    sliders=[
        ui.ChartSlider(OUTLIERS, params["outliers"], moves=("outliers",)),
        ui.ChartSlider(DISTANCE, params["distance"], moves=("distance",)),
        ui.ChartSlider(LEVERAGE, params["leverage"], moves=("leverage",)),
        ui.ChartSlider(DELTA, params["delta"], moves=("delta",)),
    ],
    slider_columns=2,
)

st.subheader("How the robust lines are found: iteratively reweighted least squares")
st.markdown(
    "Each loss's line minimises $\\sum_i \\rho(r_i)$, $r_i = a x_i + b - y_i$. Where the sum "
    "is least its gradient is 0: $\\sum_i \\psi(r_i) = 0$ and $\\sum_i \\psi(r_i)\\, x_i = 0$, "
    "with $\\psi = \\rho'$ each point's pull. Writing $\\psi(r_i) = w_i\\, r_i$ makes these the "
    "equations of a weighted least-squares line with weights $w_i = \\psi(r_i) / r_i$. IRLS "
    "starts from the L2 line (every $w_i$ equal), computes the weights at its residuals, "
    "solves the weighted line, and repeats until the line stands still (the bottom-right "
    "panel: the slope after each step)."
)
st.caption(
    "L2 needs no steps: it is solved at once. L1's weight 1/|r| has no limit at r = 0, so a "
    "floor far below the data's scale stands in. Cauchy is not convex: IRLS stops at the "
    "minimum nearest the L2 line, which enough far outliers can make a poor one. The pull "
    "panel is logarithmic: a point with no pull at all is not drawn."
)
if ui.toggle("The same in code: our package", key="fit_code", hide_label="The same in code"):
    x, y, _ = data_set(params["outliers"], params["distance"], params["leverage"])
    st.caption(
        "This view's twenty points, and each loss's line through them by `losses.fit_line` (L2, "
        "L1, Huber, Pseudo-Huber, log-cosh, Cauchy: each prints its slope, then its intercept). "
        "PyTorch, Keras and Optax have no IRLS: with them a line is fitted by gradient descent "
        "(see *Gradient descent*), to the same line once it has converged for a convex loss."
    )
    ui.snippets(fit_snippets(x, y, FITS, params["delta"]), "The lines of every loss")

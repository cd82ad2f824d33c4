"""Regression losses against the residual, their derivatives, and the outlier example."""

import streamlit as st

import ui
import viz
from losses import LOSSES
from losses.registry import DELTA


@st.cache_data(max_entries=32, show_spinner=False)
def delta_variants(shown, r_max):
    """The curves for every δ (viz.regression_variants): they depend only on the losses
    shown and the range, so a rerun for a new δ reuses them."""
    return viz.regression_variants(list(shown), r_max=r_max)


ui.header(
    "Regression losses",
    "A regression loss scores one prediction ŷ against its target y through the residual "
    "r = ŷ − y. L2 squares it, so big misses dominate; L1 grows only linearly; Huber, "
    "Pseudo-Huber and log-cosh are quadratic near 0 and linear far out — δ sets where. "
    "The lower panel is the derivative: what gradient descent actually feels.",
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    shown = ui.loss_toggles(viz.figures.REGRESSION_CURVES, prefix="reg", on=("mae", "mse"))
    linked = ui.toggle("Same δ for both", value=True, key="reg_link_deltas")
    r_max = ui.slider("Residual range ±", 0.5, 10.0, 1.0, 0.5, key="reg_r_max")

# The δ sliders (the registry's δ) belong to the chart: a step redraws the curves at once
# from the curves for every δ (chart_component).
HUBER_DELTA = ui.Slider("reg_huber_delta", "Huber δ", DELTA.min, DELTA.max, DELTA.step, DELTA.default)
PSEUDO_DELTA = ui.Slider(
    "reg_pseudo_delta", "Pseudo-Huber δ", DELTA.min, DELTA.max, DELTA.step, DELTA.default, disabled=linked
)
deltas = ui.chart_values("reg_chart", [HUBER_DELTA, PSEUDO_DELTA])
huber_delta = deltas["reg_huber_delta"]
pseudo_delta = huber_delta if linked else deltas["reg_pseudo_delta"]

with plot:
    if not shown:
        st.info("Switch on at least one loss to draw its curve.")
    fig = viz.regression_figure(shown, huber_delta=huber_delta, pseudo_delta=pseudo_delta, r_max=r_max)
    ui.chart(
        fig,
        key="reg_chart",
        filename=f"regression_huber-delta-{huber_delta:g}_range-{r_max:g}",
        sliders=[HUBER_DELTA, PSEUDO_DELTA],
        values={"reg_huber_delta": huber_delta, "reg_pseudo_delta": pseudo_delta},
        variants=delta_variants(tuple(shown), r_max),
        moves={
            "reg_huber_delta": ("huber", "pseudo_huber") if linked else ("huber",),
            "reg_pseudo_delta": () if linked else ("pseudo_huber",),
        },
    )
    with st.expander("Formulas", expanded=True):
        for name in shown:
            ui.formula(
                LOSSES[name],
                {"delta": {"huber": huber_delta, "pseudo_huber": pseudo_delta}[name]}
                if LOSSES[name].params
                else None,
            )

st.subheader("One outlier among good predictions")
st.markdown(
    "The articles' example: every target is 1, five predictions are close to 1 and one is far "
    "away. Under L2 the single outlier takes almost the whole cost; L1 and Huber give it a "
    "share that grows far more slowly as it moves away. Huber uses the δ above."
)
left, right = st.columns([2, 3], gap="large")
with left:
    outlier = ui.slider("The outlier's prediction", 1.0, 1000.0, 1000.0, 1.0, key="reg_outlier")
    rows = viz.outlier_rows(outlier, delta=huber_delta)
    st.dataframe(
        rows,
        hide_index=True,
        width="stretch",
        column_config={"outlier's share": st.column_config.NumberColumn(format="percent")},
    )
with right:
    ui.chart(
        viz.outlier_figure(outlier, delta=huber_delta),
        key="reg_outlier_chart",
        filename=f"outlier-share_outlier-{outlier:g}_delta-{huber_delta:g}",
    )

with st.expander("Conventions beside PyTorch, Keras and Optax"):
    st.markdown(
        "- Our L2 (`mse`) is r², as in PyTorch and Keras; Optax's `l2_loss` is ½r².\n"
        "- PyTorch's `smooth_l1_loss(beta)` equals `huber(delta=beta) / beta`; its `huber_loss` equals ours.\n"
        "- Pseudo-Huber with δ = c equals c²·ρ(x, α=1, c) of Barron's general robust loss.\n"
        "- Every value here is exact to a few units in the last place, even where the naive "
        "formula cancels (Pseudo-Huber for tiny r) or overflows (log cosh beyond 710)."
    )

ui.end_page()

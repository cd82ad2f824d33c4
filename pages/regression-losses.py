"""Regression losses against the residual, their derivatives, and the outlier example."""

import streamlit as st

import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.conventions import LIBRARY_OF_TITLE, LIBRARY_TITLES, convention_lines
from viz.figures import DELTA_FAMILY_LOSSES, REGRESSION_CURVES, loss_params
from viz.snippets import SNIPPET_RESIDUALS, regression_snippets

ui.header(
    "Regression losses",
    "A regression loss scores one prediction ŷ against its target y through the residual "
    "r = ŷ − y. L2 squares it, so big misses dominate; L1 grows only linearly; Huber, "
    "Pseudo-Huber and log-cosh are quadratic near 0 and linear far out — δ sets where. "
    "The lower panel is the derivative: what gradient descent actually feels.",
)

R_MAX = SliderSpec(name="reg_r_max", label="Residual range ±", min=0.5, max=10.0, step=0.5, default=1.0)
OUTLIER = SliderSpec(
    name="reg_outlier", label="The outlier's prediction", min=1.0, max=1000.0, step=1.0, default=1000.0
)
# The losses that take δ (from the registry), each with its chart-drawn δ slider, shown
# while its loss is drawn.
WITH_DELTA = [name for name in REGRESSION_CURVES if LOSSES[name].params]
DELTA_SLIDERS = {
    "huber": SliderSpec.for_param(LOSSES["huber"].params[0], name="reg_huber_delta", label="Huber δ"),
    "pseudo_huber": SliderSpec.for_param(
        LOSSES["pseudo_huber"].params[0], name="reg_pseudo_delta", label="Pseudo-Huber δ"
    ),
}

controls, plot = st.columns([1, 3], gap="large")
with controls:
    shown = ui.loss_toggles(REGRESSION_CURVES, prefix="reg", on=("mae", "mse"))
    library = LIBRARY_OF_TITLE[
        ui.selectbox(
            "Library convention",
            list(LIBRARY_OF_TITLE),
            key="reg_convention",
            help="Draw over ours (long dash-dot) the curve a library computes where it differs.",
        )
    ]
drawn = [name for name in WITH_DELTA if name in shown]
with plot:  # right above the δ sliders it links
    linked = ui.toggle(
        "Same δ for both",
        value=True,
        key="reg_link_deltas",
        disabled=len(drawn) < 2,  # it links the δ of two drawn curves
        help="One δ for Huber and Pseudo-Huber, set by the first δ slider.",
    )

# The residual range and the δ sliders are drawn by the chart: every value at once.
values = ui.chart_slider_values("reg_chart", [R_MAX, *DELTA_SLIDERS.values()])
r_max = values[R_MAX.name]
# "Same δ for both": the first drawn δ slider sets every δ (the others follow it,
# disabled), and the link holds that δ for each, so a loss switched on later starts there.
lead = (drawn or WITH_DELTA)[0]
if linked:
    deltas = dict.fromkeys(WITH_DELTA, values[DELTA_SLIDERS[lead].name])
    for name, spec in DELTA_SLIDERS.items():
        ui.put_in_link(spec, deltas[name])
else:
    deltas = {name: values[spec.name] for name, spec in DELTA_SLIDERS.items()}


def delta_moves(name):
    """The chart parameters the δ slider of ``name`` sets: its own δ, or while linked,
    for the leading slider every δ (the others are disabled)."""
    if not linked:
        return (f"{name}_delta",)
    return tuple(f"{n}_delta" for n in WITH_DELTA) if name == lead else ()


params = {
    "shown": tuple(shown),
    "convention": library,
    "r_max": r_max,
    **{f"{name}_delta": deltas[name] for name in WITH_DELTA},
}

with plot:
    if not shown:
        st.info("Switch on at least one loss to draw its curve.")
    ui.chart(
        viz.REGRESSION,
        params,
        key="reg_chart",
        filename=f"regression_huber-delta-{deltas['huber']:g}_range-{r_max:g}",
        sliders=[
            ui.ChartSlider(R_MAX, r_max, moves=("r_max",)),
            *(ui.ChartSlider(DELTA_SLIDERS[name], deltas[name], moves=delta_moves(name)) for name in drawn),
        ],
    )
    if library != "textbook" and shown:
        st.markdown(
            f"**The same losses in {LIBRARY_TITLES[library]}** (drawn long dash-dot over ours where it differs)"
        )
        st.markdown(convention_lines(shown, library))
    if ui.toggle(
        "The same in code: our package, PyTorch, Keras and Optax",
        key="reg_code",
        hide_label="The same in code",
    ):
        st.caption(
            f"Each program computes the loss at the residuals {list(SNIPPET_RESIDUALS)} with this "
            "view's δ; the tests run them and check they print these numbers."
        )
        for name in shown:
            ui.snippets(regression_snippets(name, loss_params(name, params)), LOSSES[name].title)
    with st.expander("Formulas", expanded=True):
        for name in shown:
            ui.formula(LOSSES[name], loss_params(name, params))

st.subheader("One loss, several δ")
st.markdown(
    "The articles' Pseudo-Huber figure: the same loss for δ = 0.5, 1, 2 and 5. A small δ "
    "turns linear early (robust, L1-like); a large δ stays quadratic longer (L2-like). The "
    "derivative shows why: it never exceeds δ."
)
FAMILY_LOSSES = {LOSSES[name].title: name for name in DELTA_FAMILY_LOSSES}
family = FAMILY_LOSSES[ui.selectbox("Loss", list(FAMILY_LOSSES), key="reg_family")]
ui.chart(
    viz.DELTA_FAMILY_CHART, {"loss": family}, key="reg_family_chart", filename=f"{family}_several-deltas"
)

st.subheader("One outlier among good predictions")
st.markdown(
    "The articles' example: every target is 1, five predictions are close to 1 and one is far "
    "away. **Left**, the outlier's share of the summed loss as it moves away (log scale): under "
    "L2 it takes almost all of the cost as soon as it is 2 away; under L1 its share grows far "
    "more slowly. Huber counts the five small misses as L2 does, so its share rises like L2's. "
    "**Right**, what that does to a fit: read the six numbers as values and let each loss pick "
    "the one value that costs least. L2 picks the mean, which the outlier drags away; L1 the "
    "median, which it cannot move; Huber (with the δ above) caps the outlier's pull at δ and "
    "lands next to the median. Hover a point for its loss and the cost with and without it."
)
outlier = ui.chart_slider_values("reg_outlier_chart", [OUTLIER])[OUTLIER.name]
ui.chart(
    viz.OUTLIER,
    {"outlier": outlier, "delta": deltas["huber"]},
    key="reg_outlier_chart",
    filename=f"outlier-share_outlier-{outlier:g}_delta-{deltas['huber']:g}",
    sliders=[ui.ChartSlider(OUTLIER, outlier, moves=("outlier",))],
)

with st.expander("Conventions beside PyTorch, Keras and Optax"):
    st.markdown(
        "- Our L2 (`mse`) is r², as in PyTorch and Keras; Optax's `l2_loss` is ½r².\n"
        "- PyTorch's `smooth_l1_loss(beta)` equals `huber(delta=beta) / beta`; its `huber_loss` equals ours.\n"
        "- Pseudo-Huber with δ = c equals c²·ρ(x, α=1, c) of Barron's general robust loss.\n"
        "- Every value here is exact to a few units in the last place, even where the naive "
        "formula cancels (Pseudo-Huber for tiny r) or overflows (log cosh beyond 710)."
    )

"""Gradient descent: one constant fitted to six values, step by step, under a chosen loss."""

import streamlit as st

import ui
from losses import LOSSES
from viz import SliderSpec
from viz.descent import DESCENT, DESCENT_LOSSES, MAX_STEPS, descent_values
from viz.snippets import descent_snippets

ui.header(
    "Gradient descent",
    "Training a model is walking downhill on its cost. Here the model is one number c, the "
    "prediction for six examples (five near 1 and one outlier), and each step moves it by "
    "c ← c − η·J′(c), η the learning rate. Under L2 the slope J′ grows with the distance to "
    "the data, so far away the steps are huge, and an η that is too large overshoots and "
    "runs away; the outlier pulls the minimum itself towards it. Under L1 every step has the "
    "same size: the descent never settles on the median but zig-zags around it unless η is "
    "small. Step through with the step slider.",
)

# the select's options (and so the link's gd_loss) are the losses' titles, as on the
# regression page's reg_family
LOSS_OF_TITLE = {
    LOSSES[name].title + (" (δ = 1)" if LOSSES[name].params else ""): name for name in DESCENT_LOSSES
}
TITLE = {name: title for title, name in LOSS_OF_TITLE.items()}
loss = LOSS_OF_TITLE[ui.selectbox("Loss", list(LOSS_OF_TITLE), key="gd_loss")]

RATE = SliderSpec(name="gd_rate", label="learning rate η", min=0.01, max=1.5, step=0.01, default=0.1)
START = SliderSpec(name="gd_start", label="start c₀", min=-10.0, max=10.0, step=0.5, default=-4.0)
OUTLIER = SliderSpec(
    name="gd_outlier", label="the outlier's value", min=1.0, max=20.0, step=0.5, default=10.0
)
STEP = SliderSpec(name="gd_step", label="step k", min=0, max=MAX_STEPS, step=1, default=10)
SLIDERS = [STEP, RATE, START, OUTLIER]
PRESETS = (
    ("L2, η = 0.1: steady", {"gd_loss": TITLE["mse"], "gd_rate": 0.1, "gd_step": 30}, None),
    ("L2, η = 0.9: overshoots", {"gd_loss": TITLE["mse"], "gd_rate": 0.9, "gd_step": 30}, None),
    ("L2, η = 1.05: runs away", {"gd_loss": TITLE["mse"], "gd_rate": 1.05, "gd_step": 60}, None),
    ("L1, η = 0.5: zig-zags", {"gd_loss": TITLE["mae"], "gd_rate": 0.5, "gd_step": 60}, None),
)


ui.presets("**Start from**", PRESETS)

values = ui.chart_slider_values("gd_chart", SLIDERS)
params = {
    "loss": loss,
    "outlier": values[OUTLIER.name],
    "start": values[START.name],
    "rate": values[RATE.name],
    "step": values[STEP.name],
}
ui.chart(
    DESCENT,
    params,
    key="gd_chart",
    filename="descent_{loss}_rate-{rate:g}_start-{start:g}_outlier-{outlier:g}".format(**params),
    sliders=[
        ui.ChartSlider(STEP, params["step"], moves=("step",)),
        ui.ChartSlider(RATE, params["rate"], moves=("rate",)),
        ui.ChartSlider(START, params["start"], moves=("start",)),
        ui.ChartSlider(OUTLIER, params["outlier"], moves=("outlier",)),
    ],
    slider_columns=2,
)
st.latex(r"c_{k+1} = c_k - \eta\, J'(c_k), \qquad J(c) = \frac{1}{6}\sum_{i=1}^{6} \ell(v_i, c)")
st.caption(
    "J′ is the mean of the loss's derivative: 2(c − v) summed for L2 (no ½, as PyTorch and "
    "Keras), sign(c − v) for L1, clipped to ±δ for Huber. For L2 the descent converges for "
    "η < 1 here (J″ = 2) and zig-zags for η > ½; for L1 the step stays η·(balance of the "
    "values above and below)/6, whatever the distance. A run that passes |c| = 10¹² is "
    "stopped and called diverged."
)
if ui.toggle(
    "The same in code: our package, PyTorch and Optax", key="gd_code", hide_label="The same in code"
):
    loss_params = {p.name: 1.0 for p in LOSSES[loss].params}  # δ = 1, as drawn
    programs = descent_snippets(
        descent_values(params["outlier"]),
        loss,
        start=params["start"],
        rate=params["rate"],
        steps=int(params["step"]),
        **loss_params,
    )
    if programs is None:
        st.caption(
            "This run has run away by step k: there is no c to print (the libraries would go on to ±inf)."
        )
    else:
        st.caption(
            "Each program takes k steps of plain gradient descent (SGD on all six values: the whole "
            "batch) and prints c_k and the cost J(c_k). Keras 3 leaves the training loop to its "
            "backend: its PyTorch or JAX program is the one here."
        )
        ui.snippets(programs, f"{TITLE[loss]}: c after {int(params['step'])} steps at η = {params['rate']:g}")

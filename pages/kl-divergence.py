"""KL divergence between two editable distributions, both ways round."""

import streamlit as st

import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.figures import MAX_CLASSES, kl_distribution
from viz.snippets import kl_snippets

ui.header(
    "KL divergence",
    "The Kullback–Leibler divergence KL(P‖Q) = Σ p log(p/q) measures the extra cost, in nats, "
    "of coding samples of P with a code built for Q. It is 0 only when P = Q, and it is not "
    "symmetric: KL(P‖Q) punishes Q for missing where P has mass, KL(Q‖P) the other way round.",
)

DEFAULT_WEIGHTS = {"p": (1.0, 4.0, 3.0, 2.0, 1.0, 1.0), "q": (3.0, 3.0, 2.0, 2.0, 1.0, 1.0)}
CLASSES = SliderSpec(name="kl_classes", label="Number of classes", min=2, max=MAX_CLASSES, step=1, default=4)
# Per class, P's and Q's weight (normalised into the distributions): drawn by the chart,
# so a move redraws the bars and both divergences written above them at once.
WEIGHTS = {
    f"{name}_{i}": SliderSpec(
        name=f"kl_{name}_{i}",
        label=f"{name.upper()}: weight of class {i}",
        min=0.0,
        max=10.0,
        step=0.5,
        default=DEFAULT_WEIGHTS[name][i],
    )
    for i in range(MAX_CLASSES)
    for name in ("p", "q")
}

# The number of classes and every weight are drawn by the chart (a class's weights shown
# while the class is): a move redraws the bars and both divergences written above them.
values = ui.chart_slider_values(
    "kl_chart", [CLASSES, *WEIGHTS.values()]
)  # a hidden class's weights stay in the link
classes = values[CLASSES.name]
params = {"classes": classes} | {param: values[spec.name] for param, spec in WEIGHTS.items()}
st.caption(
    "The weights of P and Q are normalised into distributions. "
    "A distribution whose weights are all 0 is no distribution: the uniform one stands in."
)
ui.chart(
    viz.KL,
    params,
    key="kl_chart",
    filename="kl-divergence",
    slider_columns=4,  # P's and Q's weights of a class side by side, two classes a row
    sliders=[
        ui.ChartSlider(CLASSES, classes, moves=("classes",), wide=True),
        *(
            ui.ChartSlider(
                WEIGHTS[f"{name}_{i}"],
                params[f"{name}_{i}"],
                moves=(f"{name}_{i}",),
                shown_while=(CLASSES.name, i + 1),
            )
            for i in range(MAX_CLASSES)
            for name in ("p", "q")
        ),
    ],
)
if ui.toggle(
    "The same in code: our package, PyTorch, Keras and Optax", key="kl_code", hide_label="The same in code"
):
    (p, _), (q, _) = (kl_distribution([params[f"{name}_{i}"] for i in range(classes)]) for name in ("p", "q"))
    ui.snippets(kl_snippets(p, q), "KL(P‖Q) of this view's distributions")
ui.formula(LOSSES["kl_divergence"])
st.caption(
    "PyTorch's `kl_div(input, target)` takes log q first and p second, and wants "
    '`reduction="batchmean"` for this per-example mean.'
)

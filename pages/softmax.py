"""Multiclass: softmax turns scores into probabilities; cross-entropy and its gradient."""

import streamlit as st

import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.figures import MAX_CLASSES
from viz.snippets import softmax_snippets

ui.header(
    "Multiclass: softmax and cross-entropy",
    "With C classes the network outputs C scores. Softmax exponentiates and normalises them "
    "into probabilities — a temperature T below 1 sharpens them, above 1 flattens them. "
    "Cross-entropy is −log of the probability of the true class, and its gradient with respect "
    "to each score is simply p − y: push the true class up, every other class down.",
)

DEFAULT_SCORES = (2.0, 1.0, 0.1, -1.0, 0.5, -0.5)
CLASSES = SliderSpec(name="mc_classes", label="Number of classes", min=2, max=MAX_CLASSES, step=1, default=3)
SCORES = [
    SliderSpec(
        name=f"mc_score_{i}",
        label=f"Score of class {i}",
        min=-5.0,
        max=5.0,
        step=0.1,
        default=DEFAULT_SCORES[i],
    )
    for i in range(MAX_CLASSES)
]
SMOOTHING = SliderSpec(
    name="mc_smoothing", label="Label smoothing ε", min=0.0, max=0.5, step=0.05, default=0.0
)
TEMPERATURE = SliderSpec(
    name="mc_temperature", label="Temperature T", min=0.1, max=5.0, step=0.1, default=1.0
)

# Everything but the true class is drawn by the chart: the number of classes, each
# class's score (shown while its class is), the temperature and the label smoothing. A
# move redraws the bars and the three cross-entropies written above them at once. (A
# hidden class's score stays in the link.)
values = ui.chart_slider_values("mc_chart", [CLASSES, *SCORES, TEMPERATURE, SMOOTHING])
classes = values[CLASSES.name]
controls, plot = st.columns([1, 3], gap="large")
with controls:
    names = [f"class {i}" for i in range(classes)]
    true_class = names.index(ui.selectbox("True class", names, key="mc_true_class"))

params = {
    "classes": classes,
    "true_class": true_class,
    "temperature": values[TEMPERATURE.name],
    "label_smoothing": values[SMOOTHING.name],
} | {f"score_{i}": values[spec.name] for i, spec in enumerate(SCORES)}
with plot:
    ui.chart(
        viz.SOFTMAX,
        params,
        key="mc_chart",
        filename=f"softmax_T-{params['temperature']:g}_true-{true_class}",
        sliders=[
            # the classes' own sliders last: those of the classes not drawn keep their
            # places at the end, where their coming and going moves nothing
            ui.ChartSlider(CLASSES, classes, moves=("classes",), wide=True),
            ui.ChartSlider(TEMPERATURE, params["temperature"], moves=("temperature",)),
            ui.ChartSlider(SMOOTHING, params["label_smoothing"], moves=("label_smoothing",)),
            *(
                ui.ChartSlider(
                    spec, params[f"score_{i}"], moves=(f"score_{i}",), shown_while=(CLASSES.name, i + 1)
                )
                for i, spec in enumerate(SCORES)
            ),
        ],
    )
    st.caption(
        "Categorical cross-entropy takes a one-hot label, sparse cross-entropy the class index: "
        "the same number. Computing it from the scores (softmax cross-entropy) avoids forming "
        "probabilities that round to 0. Label smoothing ε (Keras's `label_smoothing`) trains "
        "towards y(1 − ε) + ε/C instead of the one-hot label — the black marks over the "
        "probabilities, 1 − ε + ε/C for the true class: the loss is least there, not at p = 1, "
        "so the model is kept from growing ever more confident. Sparse cross-entropy has no "
        "smoothing in Keras; it keeps the hard label."
    )
    if ui.toggle(
        "The same in code: our package, PyTorch, Keras and Optax",
        key="mc_code",
        hide_label="The same in code",
    ):
        scores = [params[f"score_{i}"] for i in range(classes)]
        ui.snippets(
            softmax_snippets(
                scores,
                temperature=params["temperature"],
                true_class=true_class,
                label_smoothing=params["label_smoothing"],
            ),
            "Softmax cross-entropy from the scores, at this view's temperature, true class and ε",
        )
    for name in ("categorical_cross_entropy", "sparse_categorical_cross_entropy", "softmax_cross_entropy"):
        ui.formula(LOSSES[name])
    st.markdown(
        "**What the gradient panel draws**: the derivative with respect to the scores s, at temperature T"
    )
    st.latex(
        r"\frac{\partial}{\partial s_i}\,\mathrm{CE}\left(y,\ \operatorname{softmax}(s/T)\right)"
        r" = \frac{1}{T}\left(\operatorname{softmax}(s/T)_i - y_i\right)"
    )

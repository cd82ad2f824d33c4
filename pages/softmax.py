"""Multiclass: softmax turns scores into probabilities; cross-entropy and its gradient."""

import numpy as np
import streamlit as st

import losses
import ui
import viz
from losses import LOSSES
from viz import SliderSpec

ui.header(
    "Multiclass: softmax and cross-entropy",
    "With C classes the network outputs C scores. Softmax exponentiates and normalises them "
    "into probabilities — a temperature T below 1 sharpens them, above 1 flattens them. "
    "Cross-entropy is −log of the probability of the true class, and its gradient with respect "
    "to each score is simply p − y: push the true class up, every other class down.",
)

MAX_CLASSES = 6
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
TEMPERATURE = SliderSpec(
    name="mc_temperature", label="Temperature T", min=0.1, max=5.0, step=0.1, default=1.0
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    classes = ui.slider(CLASSES)
    scores = np.array([ui.slider(spec) for spec in SCORES[:classes]])
    temperature = ui.slider(TEMPERATURE)
    names = [f"class {i}" for i in range(classes)]
    true_class = names.index(ui.selectbox("True class", names, key="mc_true_class"))

probs = losses.softmax(scores, temperature=temperature)
one_hot = np.eye(classes)[true_class]
with plot:
    ui.chart(
        viz.SOFTMAX,
        {"scores": tuple(scores), "temperature": temperature, "true_class": true_class},
        key="mc_chart",
        filename=f"softmax_T-{temperature:g}_true-{true_class}",
    )
    a, b, c = st.columns(3)
    a.metric("categorical CE  −Σ y log p", f"{losses.categorical_cross_entropy(one_hot, probs):.6f}")
    b.metric("sparse CE  −log p[label]", f"{losses.sparse_categorical_cross_entropy(true_class, probs):.6f}")
    c.metric(
        "softmax CE from the scores", f"{losses.softmax_cross_entropy(one_hot, scores / temperature):.6f}"
    )
    st.caption(
        "Categorical cross-entropy takes a one-hot label, sparse cross-entropy the class index: "
        "the same number. Computing it from the scores (softmax cross-entropy) avoids forming "
        "probabilities that round to 0."
    )
    for name in ("categorical_cross_entropy", "sparse_categorical_cross_entropy", "softmax_cross_entropy"):
        ui.formula(LOSSES[name])

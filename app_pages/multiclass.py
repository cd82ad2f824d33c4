"""Multiclass: softmax turns scores into probabilities; cross-entropy and its gradient."""

import numpy as np
import streamlit as st

import losses
import ui
import viz
from losses import LOSSES

ui.header(
    "Multiclass: softmax and cross-entropy",
    "With C classes the network outputs C scores. Softmax exponentiates and normalises them "
    "into probabilities — a temperature T below 1 sharpens them, above 1 flattens them. "
    "Cross-entropy is −log of the probability of the true class, and its gradient with respect "
    "to each score is simply p − y: push the true class up, every other class down.",
)

MAX_CLASSES = 6
DEFAULT_SCORES = (2.0, 1.0, 0.1, -1.0, 0.5, -0.5)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    classes = ui.slider("Number of classes", 2, MAX_CLASSES, 3, key="mc_classes")
    scores = np.array(
        [
            ui.slider(f"Score of class {i}", -5.0, 5.0, DEFAULT_SCORES[i], 0.1, key=f"mc_score_{i}")
            for i in range(classes)
        ]
    )
    temperature = ui.slider("Temperature T", 0.1, 5.0, 1.0, 0.1, key="mc_temperature")
    names = [f"class {i}" for i in range(classes)]
    true_class = names.index(ui.selectbox("True class", names, key="mc_true_class"))

probs = losses.softmax(scores, temperature=temperature)
one_hot = np.eye(classes)[true_class]
with plot:
    ui.chart(
        viz.softmax_demo_figure(scores, temperature=temperature, true_class=true_class),
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

ui.end_page()

"""KL divergence between two editable distributions, both ways round."""

import numpy as np
import streamlit as st

import losses
import ui
import viz
from viz import SliderSpec

ui.header(
    "KL divergence",
    "The Kullback–Leibler divergence KL(P‖Q) = Σ p log(p/q) measures the extra cost, in nats, "
    "of coding samples of P with a code built for Q. It is 0 only when P = Q, and it is not "
    "symmetric: KL(P‖Q) punishes Q for missing where P has mass, KL(Q‖P) the other way round.",
)

MAX_CLASSES = 6
DEFAULT_P = (1.0, 4.0, 3.0, 2.0, 1.0, 1.0)
DEFAULT_Q = (3.0, 3.0, 2.0, 2.0, 1.0, 1.0)


CLASSES = SliderSpec(name="kl_classes", label="Number of classes", min=2, max=MAX_CLASSES, step=1, default=4)


def weight_sliders(name, defaults):
    return [
        SliderSpec(
            name=f"kl_{name.lower()}_{i}",
            label=f"{name}: weight of class {i}",
            min=0.0,
            max=10.0,
            step=0.5,
            default=defaults[i],
        )
        for i in range(MAX_CLASSES)
    ]


WEIGHTS = {"P": weight_sliders("P", DEFAULT_P), "Q": weight_sliders("Q", DEFAULT_Q)}


def weights(name, classes):
    return np.array([ui.slider(spec) for spec in WEIGHTS[name][:classes]])


def normalised(name, w, classes):
    if w.sum() == 0:
        st.warning(f"Every weight of {name} is 0, which is no distribution: using the uniform one instead.")
        return np.full(classes, 1.0 / classes)
    return w / w.sum()


controls, plot = st.columns([1, 3], gap="large")
with controls:
    classes = ui.slider(CLASSES)
    p_col, q_col = st.columns(2)
    with p_col:
        st.markdown("**P** (weights)")
        p = normalised("P", weights("P", classes), classes)
    with q_col:
        st.markdown("**Q** (weights)")
        q = normalised("Q", weights("Q", classes), classes)

with plot:
    forward, backward = losses.kl_divergence(p, q), losses.kl_divergence(q, p)
    a, b = st.columns(2)
    a.metric("KL(P‖Q)", "∞" if np.isinf(forward) else f"{forward:.6f} nats")
    b.metric("KL(Q‖P)", "∞" if np.isinf(backward) else f"{backward:.6f} nats")
    if np.isinf(forward) or np.isinf(backward):
        st.info("A divergence is infinite where the first distribution has mass and the second has none.")
    ui.chart(viz.KL, {"p": tuple(p), "q": tuple(q)}, key="kl_chart", filename="kl-divergence")
    ui.formula(losses.LOSSES["kl_divergence"])
    st.caption(
        "PyTorch's `kl_div(input, target)` takes log q first and p second, and wants "
        '`reduction="batchmean"` for this per-example mean.'
    )

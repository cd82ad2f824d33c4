"""Binary classification: cross-entropy against the probability, margin losses, and the
sigmoid turning a score into a probability."""

import streamlit as st

import losses
import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.figures import MARGIN_CURVES, MARGIN_TITLES, SCORE_RANGE

P = SliderSpec(
    name="bin_p", label="Predicted probability p = P(y = 1)", min=0.01, max=0.99, step=0.01, default=0.5
)
M_MAX = SliderSpec(name="bin_m_max", label="Margin range ±", min=1.5, max=10.0, step=0.5, default=3.0)
SCORE = SliderSpec(
    name="bin_score", label="Score (logit) s", min=-SCORE_RANGE, max=SCORE_RANGE, step=0.1, default=1.0
)

ui.header(
    "Binary classification",
    "A binary classifier outputs a score s; the sigmoid squashes it into a probability "
    "p = σ(s) that the label is 1. Cross-entropy charges −log of the probability given to the "
    "true label: nothing for certainty in the right answer, without bound for certainty in the "
    "wrong one. Margin losses such as the hinge look at t·s instead (label t = ±1).",
)

bce_tab, margin_tab, sigmoid_tab = st.tabs(
    ["Cross-entropy vs probability", "Margin losses", "Sigmoid squashing"]
)

with bce_tab:
    controls, plot = st.columns([1, 3], gap="large")
    with controls:
        p = ui.slider(P)
        st.metric("loss if y = 1:  −log p", f"{losses.binary_cross_entropy(1.0, p):.4f}")
        st.metric("loss if y = 0:  −log(1 − p)", f"{losses.binary_cross_entropy(0.0, p):.4f}")
        st.caption("The loss of the true class passes 1 where its probability falls below 1/e ≈ 0.368.")
    with plot:
        ui.chart(viz.BCE, {"p_mark": p}, key="bin_bce_chart", filename=f"binary-cross-entropy_p-{p:g}")
        ui.formula(LOSSES["binary_cross_entropy"])

with margin_tab:
    controls, plot = st.columns([1, 3], gap="large")
    with controls:
        shown = ui.loss_toggles(MARGIN_CURVES, prefix="bin", on=MARGIN_CURVES, titles=MARGIN_TITLES)
        zero_one = ui.toggle("0-1 loss (reference)", value=True, key="bin_show_zero_one")
        m_max = ui.slider(M_MAX)
    with plot:
        ui.chart(
            viz.MARGIN,
            {"shown": tuple(shown), "m_max": m_max, "zero_one": zero_one},
            key="bin_margin_chart",
            filename=f"margin-losses_range-{m_max:g}",
        )
        for name in shown:
            ui.formula(LOSSES[name])

with sigmoid_tab:
    controls, plot = st.columns([1, 3], gap="large")
    with controls:
        score = ui.slider(SCORE)
        st.metric("p = σ(s)", f"{losses.sigmoid(score):.6f}")
        st.caption(
            "The loss is computed from the score itself, so it stays exact even where σ(s) rounds to 0 or 1."
        )
    with plot:
        ui.chart(viz.SIGMOID, {"score": score}, key="bin_sigmoid_chart", filename=f"sigmoid_score-{score:g}")

with st.expander("Conventions beside PyTorch and Keras"):
    st.markdown(
        "- PyTorch's `binary_cross_entropy` clamps each log at −100, so its loss stops at 100; "
        "Keras clips p to [1e-7, 1 − 1e-7], so its loss stops at 16.12. Ours is exact, and ∞ "
        "where the true loss is.\n"
        "- Hinge labels are ±1; labels that are all 0 or 1 mean −1 and +1, as in Keras.\n"
        "- Pair a sigmoid output with binary cross-entropy (or the hinge on the raw score)."
    )

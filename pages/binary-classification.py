"""Binary classification: cross-entropy against the probability, margin losses, and the
sigmoid turning a score into a probability."""

import streamlit as st

import ui
import viz
from losses import LOSSES
from viz import SliderSpec
from viz.conventions import BCE_LIBRARIES, LIBRARY_OF_TITLE, LIBRARY_TITLES, convention_lines
from viz.figures import MARGIN_CURVES, MARGIN_TITLES, SCORE_RANGE
from viz.snippets import (
    SNIPPET_PROBABILITIES,
    SNIPPET_SCORES,
    binary_snippets,
    focal_snippets,
    margin_snippets,
)

P = SliderSpec(
    name="bin_p", label="Predicted probability p = P(y = 1)", min=0.01, max=0.99, step=0.01, default=0.5
)
GAMMA = SliderSpec.for_param(
    LOSSES["binary_focal_cross_entropy"].params[0], name="bin_gamma", label="focal γ"
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

bce_tab, margin_tab, sigmoid_tab, focal_tab = ui.tabs(
    {
        "ce": "Cross-entropy vs probability",
        "margin": "Margin losses",
        "sigmoid": "Sigmoid squashing",
        "focal": "Focal loss",
    },
    key="bin_tab",
)

# Every slider here is drawn by its chart: a move redraws the chart, and the numbers
# written in it, at once.
with bce_tab:
    p = ui.chart_slider_values("bin_bce_chart", [P])[P.name]
    ui.chart(
        viz.BCE,
        {"marked": True, "p": p},
        key="bin_bce_chart",
        filename=f"binary-cross-entropy_p-{p:g}",
        sliders=[ui.ChartSlider(P, p, moves=("p",))],
    )
    st.caption(
        "The marked points are the loss of each label at p. The loss of the true class passes 1 "
        "where its probability falls below 1/e ≈ 0.368."
    )
    ui.formula(LOSSES["binary_cross_entropy"])
    if ui.toggle(
        "The same in code: our package, PyTorch and Keras", key="bin_code", hide_label="The same in code"
    ):
        ui.snippets(binary_snippets(p), f"Binary cross-entropy of labels 1 and 0 at p = {p:g}")
    library = LIBRARY_OF_TITLE[
        ui.selectbox(
            "Library convention",
            [LIBRARY_TITLES[name] for name in ("textbook", *BCE_LIBRARIES)],
            key="bin_convention",
            help="How PyTorch or Keras computes this loss where it differs from ours.",
        )
    ]
    if library != "textbook":
        st.markdown(convention_lines(["binary_cross_entropy"], library))
        st.caption(
            "Where the two differ is far below the chart above: p under 1e-7 for Keras, under "
            "e⁻¹⁰⁰ ≈ 3.7e-44 for PyTorch. On a log scale of p:"
        )
        ui.chart(
            viz.NEAR_ZERO_BCE,
            {"library": library},
            key="bin_convention_chart",
            filename=f"bce-near-0_{library}",
        )

with margin_tab:
    controls, plot = st.columns([1, 3], gap="large")
    with controls:
        shown = ui.loss_toggles(MARGIN_CURVES, prefix="bin", on=MARGIN_CURVES, titles=MARGIN_TITLES)
        zero_one = ui.toggle("0-1 loss (reference)", value=True, key="bin_show_zero_one")
    with plot:
        m_max = ui.chart_slider_values("bin_margin_chart", [M_MAX])[M_MAX.name]
        ui.chart(
            viz.MARGIN,
            {"shown": tuple(shown), "m_max": m_max, "zero_one": zero_one},
            key="bin_margin_chart",
            filename=f"margin-losses_range-{m_max:g}",
            sliders=[ui.ChartSlider(M_MAX, m_max, moves=("m_max",))],
        )
        for name in shown:
            if name == "sigmoid_cross_entropy":  # in the margin's terms, as this chart draws it
                st.markdown(f"**{MARGIN_TITLES[name]}**")
                st.latex(
                    r"L = \log\left(1+e^{-t\,s}\right) \qquad \frac{\partial L}{\partial s} = -t\,\sigma(-t\,s)"
                )
            else:
                ui.formula(LOSSES[name])
        if zero_one:
            st.markdown("**0-1 loss**")
            st.latex(r"L = [\,t\,s < 0\,] \qquad \frac{\partial L}{\partial s} = 0 \ \ (t\,s \neq 0)")
        st.caption(
            "Labels here are t = ±1 (t = 2y − 1 for a label y ∈ {0, 1}). [ · ] is the Iverson "
            "bracket: 1 where the condition inside holds, 0 elsewhere."
        )
        if shown and ui.toggle(
            "The same in code: our package, PyTorch, Keras and Optax",
            key="bin_margin_code",
            hide_label="The same in code (margin losses)",
        ):
            st.caption(
                f"Each program computes the loss of examples labelled 1 (t = +1) at the scores "
                f"{list(SNIPPET_SCORES)}, so at those margins t·s. PyTorch has no hinge of its own "
                "(its hinge_embedding_loss and soft_margin_loss are other losses)."
            )
            for name in shown:
                ui.snippets(margin_snippets(name), MARGIN_TITLES.get(name, LOSSES[name].title))

with sigmoid_tab:
    score = ui.chart_slider_values("bin_sigmoid_chart", [SCORE])[SCORE.name]
    ui.chart(
        viz.SIGMOID,
        {"score": score},
        key="bin_sigmoid_chart",
        filename=f"sigmoid_score-{score:g}",
        sliders=[ui.ChartSlider(SCORE, score, moves=("score",))],
    )
    st.caption(
        "The loss is computed from the score itself, so it stays exact even where σ(s) rounds to 0 or 1."
    )

with focal_tab:
    gamma = ui.chart_slider_values("bin_focal_chart", [GAMMA])[GAMMA.name]
    ui.chart(
        viz.FOCAL,
        {"gamma": gamma},
        key="bin_focal_chart",
        filename=f"focal-loss_gamma-{gamma:g}",
        sliders=[ui.ChartSlider(GAMMA, gamma, moves=("gamma",))],
    )
    st.caption(
        "Focal loss (Lin et al., 2017) multiplies the cross-entropy by (1 − p)^γ: an example the "
        "model already gets right (p near 1) adds almost nothing, so training attends to the hard "
        "ones. γ = 0 is the cross-entropy itself."
    )
    ui.formula(LOSSES["binary_focal_cross_entropy"], {"gamma": gamma})
    if ui.toggle(
        "The same in code: our package and Keras",
        key="bin_focal_code",
        hide_label="The same in code (focal loss)",
    ):
        st.caption(
            "PyTorch itself has no focal loss (torchvision's `sigmoid_focal_loss` takes scores), "
            "and Optax's `sigmoid_focal_loss` takes scores too: the page's *sigmoid focal* loss."
        )
        ui.snippets(
            focal_snippets(gamma),
            f"Focal loss at γ = {gamma:g} of examples labelled 1 at p = {list(SNIPPET_PROBABILITIES)}",
        )

with st.expander("Conventions beside PyTorch and Keras"):
    st.markdown(
        "- PyTorch's `binary_cross_entropy` clamps each log at −100, so its loss stops at 100; "
        "Keras clips p to [1e-7, 1 − 1e-7], so its loss stops at 16.12. Ours is exact, and ∞ "
        "where the true loss is.\n"
        "- Hinge labels are ±1; labels that are all 0 or 1 mean −1 and +1, as in Keras.\n"
        "- Pair a sigmoid output with binary cross-entropy (or the hinge on the raw score)."
    )

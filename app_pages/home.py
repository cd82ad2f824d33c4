"""Home: what a loss is, a map of the pages, and which loss to use."""

import streamlit as st

import ui
import viz
from viz.theme import export_config

ui.header(
    "Loss Lab",
    "A **loss function** scores one prediction against its target: a number that is small "
    "when the prediction is good. Training a network means nudging its weights down the "
    "gradient of the **cost** — the mean of the loss over the training data. The loss is per "
    "example, the cost is per dataset. Which loss you pick decides what the network learns: "
    "how much an outlier matters, how hard a confident mistake is punished. Drag the sliders "
    "on each page and watch the loss and its gradient change.",
)

MAP = [
    (
        "app_pages/regression.py",
        "Regression losses",
        "L1, L2, Huber, Pseudo-Huber and log-cosh against the residual, with the outlier example.",
        viz.regression_figure(("mae", "mse", "huber")),
    ),
    (
        "app_pages/binary.py",
        "Binary classification",
        "Cross-entropy against the probability, hinge against the margin, and the sigmoid squashing a score.",
        viz.bce_figure(),
    ),
    (
        "app_pages/multiclass.py",
        "Multiclass: softmax",
        "Scores → probabilities → cross-entropy and its gradient.",
        viz.softmax_demo_figure([2.0, 1.0, 0.1]),
    ),
    (
        "app_pages/kl_divergence.py",
        "KL divergence",
        "Two distributions, and why KL(P‖Q) ≠ KL(Q‖P).",
        viz.kl_figure([0.1, 0.4, 0.3, 0.2], [0.3, 0.3, 0.2, 0.2]),
    ),
]

for column, (page, title, blurb, fig) in zip(st.columns(len(MAP)), MAP, strict=True):
    with column, st.container(border=True):
        st.page_link(page, label=title)
        st.caption(blurb)
        st.plotly_chart(
            viz.thumbnail(fig),
            key=f"home_thumb_{title}",
            theme=None,
            config={**export_config(title), "staticPlot": True},
        )

st.subheader("Which loss should I use?")
st.markdown(
    "The output activation and the loss are chosen together:\n\n"
    "| problem | output activation | loss | page |\n"
    "|---|---|---|---|\n"
    "| regression | linear | MSE (L2); MAE (L1) or Huber when outliers should not dominate | [Regression losses](regression-losses) |\n"
    "| binary classification | sigmoid | binary cross-entropy (or hinge on the raw score) | [Binary classification](binary-classification) |\n"
    "| multiclass, one label per example | softmax | categorical cross-entropy (one-hot labels) or sparse categorical cross-entropy (integer labels) | [Multiclass: softmax](softmax) |\n"
    "| matching a whole distribution | softmax | KL divergence | [KL divergence](kl-divergence) |\n"
)

ui.end_page()

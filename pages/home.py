"""Home: what a loss is, a map of the pages, and which loss to use."""

from pathlib import Path

import streamlit as st

import ui
import viz

ui.header(
    "Loss Lab",
    "A **loss function** scores one prediction against its target: a number that is small "
    "when the prediction is good. Training a network means nudging its weights down the "
    "gradient of the **cost** — the mean of the loss over the training data. The loss is per "
    "example, the cost is per dataset. Which loss you pick decides what the network learns: "
    "how much an outlier matters, how hard a confident mistake is punished. Drag the sliders "
    "on each page and watch the loss and its gradient change.",
)

MAP = [page for page in ui.PAGES if page.preview is not None]
HOME_CSS = (Path(__file__).resolve().parents[1] / "ui" / "home.css").read_text(encoding="utf-8")

st.markdown(f"<style>{HOME_CSS}</style>", unsafe_allow_html=True)
with st.container(key="home_map"):
    columns = st.columns(len(MAP))
for column, page in zip(columns, MAP, strict=True):
    with column, st.container(border=True, key=f"home_card_{page.url_path.replace('-', '_')}"):
        st.page_link(page.file, label=page.title)
        st.caption(page.blurb)
        st.plotly_chart(
            viz.thumbnail(page.preview()),
            key=f"home_thumb_{page.url_path}",
            theme=None,
            config={**viz.export_config(page.title), "staticPlot": True},
        )

PAGE = {page.url_path: page for page in ui.PAGES}
# (problem, output activation, loss, the page that shows it)
WHICH_LOSS = [
    (
        "regression",
        "linear",
        "MSE (L2); MAE (L1) or Huber when outliers should not dominate",
        PAGE["regression-losses"],
    ),
    (
        "binary classification",
        "sigmoid",
        "binary cross-entropy (or hinge on the raw score)",
        PAGE["binary-classification"],
    ),
    (
        "multiclass, one label per example",
        "softmax",
        "categorical cross-entropy (one-hot labels) or sparse categorical cross-entropy (integer labels)",
        PAGE["softmax"],
    ),
    ("matching a whole distribution", "softmax", "KL divergence", PAGE["kl-divergence"]),
]

st.subheader("Which loss should I use?")
st.markdown(
    "The output activation and the loss are chosen together (each problem links to its page):\n\n"
    "| problem | output activation | loss |\n"
    "|---|---|---|\n"
    + "".join(
        f"| [{problem}]({page.url_path}) | {activation} | {loss} |\n"
        for problem, activation, loss, page in WHICH_LOSS
    )
)

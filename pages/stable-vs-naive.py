"""Stable vs naive: a loss's textbook formula against this package's as the input grows."""

import streamlit as st

import ui
from losses.naive import NAIVE_CASES
from viz.naive import NAIVE_CHART

ui.header(
    "Stable vs naive",
    "A loss written straight from its formula works for ordinary inputs and fails at the "
    "edges: exp overflows to inf (then inf/inf is nan), 1 + a tiny number rounds to 1, and "
    "subtracting two nearly equal numbers leaves nothing but rounding. Pick a formula: the "
    "top panel draws ours and the naive one as the input grows, the bottom how many digits the "
    "naive one still gets right (16 is all of float64); a cross marks where it gives inf or nan.",
)

CASE_OF_TITLE = {case.label: case.name for case in NAIVE_CASES}
case = CASE_OF_TITLE[ui.selectbox("Formula", list(CASE_OF_TITLE), key="naive_case")]
ui.chart(NAIVE_CHART, {"case": case}, key="naive_chart", filename=f"stable-vs-naive_{case}")
st.markdown(
    "How this package avoids it: log σ(x) is −softplus(−x), softplus computed as "
    "max(x, 0) + log1p(exp(−|x|)); log-cosh is |r| − log 2 + log1p(exp(−2|r|)) beyond |r| = 1 "
    "and log1p of expm1(|r|)²/(2(1 + expm1(|r|))) within; softmax subtracts the largest score "
    "first; log(1 − p) is `log1p(−p)`; Pseudo-Huber is |r|·min(|r|, δ) over a denominator "
    "summed without cancelling, with no square that can overflow. Every one is checked "
    "against mpmath to a few units in the last place over the whole float64 range "
    "(`tests/test_accuracy.py`)."
)

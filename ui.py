"""What every page repeats: the header, a chart with its export settings, formulas.
Pages stay a description of the UI; the maths is in ``losses``, the figures in ``viz``."""

import streamlit as st

from viz import export_config


def header(title, intro):
    st.title(title)
    st.markdown(intro)


def chart(fig, key, filename=None):
    """A Plotly chart in our own template (theme=None: Streamlit's theme would replace
    it) whose image download is named after the figure."""
    st.plotly_chart(fig, key=key, theme=None, width="stretch", config=export_config(filename or key))


def formula(spec, params=None):
    """The loss and its derivative in LaTeX, with the current parameter values put in."""
    loss, slope = spec.formula, spec.derivative_formula
    for name, value in (params or {}).items():
        symbol = {"delta": r"\delta"}.get(name, name)
        loss = loss.replace(symbol, f"{value:g}")
        slope = slope.replace(symbol, f"{value:g}")
    wrt = {"y_pred": r"\hat y", "p": "p", "logits": "s", "score": "s", "probs": "p_i", "q_pred": "q_i"}
    st.markdown(f"**{spec.title}**")
    st.latex(rf"L = {loss} \qquad \frac{{\partial L}}{{\partial {wrt[spec.prediction_arg]}}} = {slope}")

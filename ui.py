"""What every page repeats: the header, a chart with its export settings, formulas.
Pages stay a description of the UI; the maths is in ``losses``, the figures in ``viz``."""

import os

import streamlit as st

from chart_component import Slider, live_chart  # noqa: F401  (Slider: for the pages)
from viz import export_config

# Plain st.plotly_chart instead of the in-place chart: the latency benchmark's baseline.
PLAIN_CHARTS = os.environ.get("LOSSLAB_PLAIN_CHARTS") == "1"


def header(title, intro):
    st.title(title)
    st.markdown(intro)


def chart(fig, key, filename=None, *, sliders=(), values=None, variants=None):
    """A Plotly chart in our own template, updated in place on every rerun, whose image
    download is named after the figure; ``sliders`` are drawn with it and move it at
    once (see chart_component)."""
    config = export_config(filename or key)
    if PLAIN_CHARTS:  # theme=None: Streamlit's theme would replace our template
        for slider in sliders:  # the baseline: the same controls as Streamlit sliders
            st.slider(
                slider.label,
                slider.min,
                slider.max,
                step=slider.step,
                disabled=slider.disabled,
                key=f"{key}_{slider.name}",
            )
        st.plotly_chart(fig, key=key, theme=None, width="stretch", config=config)
    else:
        live_chart(
            fig,
            key=key,
            config={**config, "responsive": True},
            name=filename or key,
            sliders=sliders,
            values=values,
            variants=variants,
        )


def chart_values(key, sliders):
    """The values of a chart's own sliders: what the user set (or the defaults)."""
    if PLAIN_CHARTS:
        return {s.name: s.clip(st.session_state.get(f"{key}_{s.name}")) for s in sliders}
    state = st.session_state.get(key) or {}
    return {s.name: s.clip(state.get(s.name) if hasattr(state, "get") else None) for s in sliders}


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

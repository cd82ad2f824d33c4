"""What every page repeats: the header, controls bound to the URL, a chart, formulas.
Pages stay a description of the UI; the maths is in ``losses``, the figures in ``viz``,
the browser side in ``livechart``, page and URL state in ``ui.state``."""

from pathlib import Path

import streamlit as st

import livechart
from livechart import ChartSlider

from . import state
from .charts import chart
from .controls import (
    chart_slider_values,
    loss_toggles,
    presets,
    put_in_link,
    selectbox,
    slider,
    tabs,
    toggle,
    toggle_check,
)
from .pages import PAGES
from .state import PRESENT

APP_CSS = (Path(__file__).parent / "app.css").read_text(encoding="utf-8")

__all__ = [
    "PAGES",
    "ChartSlider",
    "chart",
    "chart_slider_values",
    "formula",
    "header",
    "loss_toggles",
    "presenting",
    "presets",
    "put_in_link",
    "selectbox",
    "sidebar",
    "slider",
    "snippets",
    "tabs",
    "toggle",
]


def sidebar():
    """What every page shares, made by app.py before the page runs (so presentation
    mode, bound to the URL, survives a change of page): presentation mode and the link."""
    with st.sidebar:
        st.toggle(
            "Presentation mode",
            False,
            key=PRESENT,
            bind="query-params",
            help="Big type and thick lines for a projector; "
            "the explanations fold away. Part of the link, so a prepared link opens in it.",
        )
        state.current().register(PRESENT, toggle_check(PRESENT), hideable=False)
        livechart.copy_link()
        livechart.page_helpers()


def presenting():
    return state.current().presenting


def header(title, intro):
    """Start a page: its title and intro (folded away in presentation mode, where the
    page's type grows and the chosen controls hide)."""
    state.ensure_navigation()
    st.html(f"<style>{APP_CSS}</style>")  # style only: Streamlit gives it no room on the page
    st.title(title)
    if presenting():
        # constants, and keys checked against CONTROL_KEY: nothing else from the URL
        st.markdown(
            f"<style>{state.PRESENTATION_CSS}</style>" + _hiding_css(state.current().hidden_controls()),
            unsafe_allow_html=True,
        )
        with st.expander("What this page shows"):
            st.markdown(intro)
    else:
        st.markdown(intro)


def _hiding_css(keys):
    """A style element that hides controls; a hidden control keeps working, with its value and
    its place in the link. Only controls: a link naming a chart hides nothing."""
    if not keys:
        return ""
    widgets = ", ".join(f'[data-testid="{kind}"]' for kind in ("stSlider", "stCheckbox", "stSelectbox"))
    rules = ", ".join(f".st-key-{key}:has({widgets}), .losslab-slider[data-name='{key}']" for key in keys)
    return f"<style>{rules} {{ display: none !important; }}</style>"


# The symbol of each prediction argument, as the derivative's denominator shows it.
PREDICTION_SYMBOLS = {
    "y_pred": r"\hat y",
    "p": "p",
    "logits": "s",
    "score": "s",
    "probs": "p_i",
    "q_pred": "q_i",
}


def formula(spec, values=None):
    """The loss and its derivative in LaTeX, with the parameter ``values`` put in."""
    loss, slope = spec.latex(values)
    st.markdown(f"**{spec.title}**")
    st.latex(
        rf"L = {loss} \qquad \frac{{\partial L}}{{\partial {PREDICTION_SYMBOLS[spec.prediction_arg]}}} = {slope}"
    )


def snippets(programs, heading):
    """``programs`` (``viz.snippets.Snippet``s), one tab per library: the code, copyable,
    and the numbers it prints, under ``heading``. Pages show them behind a toggle (off by
    default): a run that draws them sends a dozen elements more, ~8 ms of server CPU."""
    st.markdown(f"**{heading}**")
    for tab, program in zip(st.tabs([p.title for p in programs]), programs, strict=True):
        with tab:
            st.code(program.code, language="python")
            digits = program.digits
            note = "" if digits == 17 else f" (to {digits} digits: it rounds to float32 inside)"
            st.caption("prints [" + ", ".join(f"{v:.{digits}g}" for v in program.prints) + "]" + note)

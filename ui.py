"""What every page repeats: the header, a chart with its export settings, formulas.
Pages stay a description of the UI; the maths is in ``losses``, the figures in ``viz``."""

import contextlib
import os
import re

import streamlit as st
from streamlit.errors import StreamlitAPIException

from chart_component import Slider, copy_link, live_chart  # noqa: F401  (Slider: for the pages)
from losses import LOSSES
from viz import export_config, figure_csv

# Plain st.plotly_chart instead of the in-place chart: the latency benchmark's baseline.
PLAIN_CHARTS = os.environ.get("LOSSLAB_PLAIN_CHARTS") == "1"


PRESENT = "present"  # the URL key (and widget key) of presentation mode
HIDE = "hide"  # the URL key of the controls hidden in presentation mode (hide=a&hide=b)
CONTROL_KEY = re.compile(r"[a-z][a-z0-9_]{0,60}")  # what a control's key looks like
STREAMLIT_URL_KEYS = {"embed", "embed_options"}  # Streamlit's own

# Presentation mode: big type for a projector; figures get larger fonts and thicker lines.
PRESENTATION_CSS = """<style>
.stMainBlockContainer { font-size: 1.3rem; }
.stMainBlockContainer h1 { font-size: 3.2rem; }
.stMainBlockContainer p, .stMainBlockContainer label, .stMainBlockContainer li { font-size: 1.3rem !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
</style>"""


def sidebar():
    """What every page shares, created by app.py before the page runs (so presentation
    mode, bound to the URL, survives a change of page): presentation mode and the link.
    The URL is read first, before a widget takes its value from it (or drops it)."""
    st.session_state["_url_raw"] = {key: st.query_params.get_all(key) for key in st.query_params}
    with st.sidebar:
        toggle(
            "Presentation mode",
            False,
            key=PRESENT,
            help="Big type and thick lines for a projector; "
            "the explanations fold away. Part of the link, so a prepared link opens in it.",
        )
        copy_link()


def header(title, intro):
    """Start a page: on its first run, the URL it was opened with (read by ``sidebar``) is
    kept for ``end_page``; later runs report nothing, their URL is the app's own."""
    first_run = st.session_state.get("_url_page") != title
    st.session_state["_url_page"] = title
    st.session_state["_url_opened_with"] = st.session_state.get("_url_raw", {}) if first_run else {}
    st.session_state["_url_controls"] = {PRESENT: (_toggle_check(PRESENT), False)}
    st.session_state["_url_labels"] = {}
    st.session_state["_url_warning"] = st.empty()
    st.title(title)
    if presenting():
        # constants, and keys checked against CONTROL_KEY: nothing else from the URL
        st.markdown(PRESENTATION_CSS + _hiding_css(_hidden_controls(first_run)), unsafe_allow_html=True)
        with st.expander("What this page shows"):
            st.markdown(intro)
    else:
        st.markdown(intro)


def presenting():
    return bool(st.session_state.get(PRESENT))


# --- presentation mode: controls the class does not need to see ------------------------
def _chooser_key():
    return f"_hide_{st.session_state['_url_page']}"  # each page has its own controls


def _hidden_controls(first_run):
    """The keys of the controls to hide: the sidebar's choice, updated before this run, or
    on a page's first run (and when the choice is not shown yet) the link's."""
    chosen = None if first_run else st.session_state.get(_chooser_key())
    keys = st.query_params.get_all(HIDE) if chosen is None else chosen
    return [key for key in keys if CONTROL_KEY.fullmatch(key) and key != PRESENT]


def _hiding_css(keys):
    """CSS that hides controls, sent before them; a hidden control keeps working, with its
    value and its place in the link. Only controls: a link naming a chart hides nothing."""
    if not keys:
        return ""
    widgets = ", ".join(f'[data-testid="{kind}"]' for kind in ("stSlider", "stCheckbox", "stSelectbox"))
    rules = ", ".join(f".st-key-{key}:has({widgets}), .losslab-slider[data-name='{key}']" for key in keys)
    return f"<style>{rules} {{ display: none !important; }}</style>"


def _hide_chooser():
    """The sidebar's choice of controls to hide (presentation mode), among the controls
    the page has just drawn; kept in the link as ``hide``."""
    controls = [key for key in st.session_state["_url_controls"] if key != PRESENT]
    labels = st.session_state["_url_labels"]
    _register(HIDE, lambda raws: all(raw in controls for raw in raws), many=True)
    if not presenting() or not controls:  # the link keeps its choice for presentation mode
        return
    with st.sidebar:
        hidden = st.multiselect(
            "Hide controls",
            controls,
            default=[key for key in st.query_params.get_all(HIDE) if key in controls],
            format_func=lambda key: labels.get(key, key),
            key=_chooser_key(),
            placeholder="Controls the class need not see",
            help="Hidden controls keep their values. Part of the link: a prepared link opens with them hidden.",
        )
    if hidden:
        st.query_params[HIDE] = hidden
    else:
        st.query_params.pop(HIDE, None)


# --- controls that live in the URL ----------------------------------------------------
def _register(key, check, label=None, *, many=False):
    """Note a control of the page: the check of its URL value (of its list of values if
    ``many``) and its label."""
    st.session_state["_url_controls"][key] = (check, many)
    if label is not None:
        st.session_state["_url_labels"][key] = label


def slider(label, low, high, default, step=None, *, key, **kwargs):
    """st.slider bound to the URL parameter ``key``."""
    value = st.slider(label, low, high, default, step, key=key, bind="query-params", **kwargs)
    _register(
        key, lambda raw: low <= float(raw) <= high and abs(float(raw) - st.session_state[key]) < 1e-9, label
    )
    return value


def toggle(label, value=False, *, key, **kwargs):
    """st.toggle bound to the URL parameter ``key``."""
    value = st.toggle(label, value=value, key=key, bind="query-params", **kwargs)
    if "_url_controls" in st.session_state:  # the sidebar's toggle runs before the page's header
        _register(key, _toggle_check(key), label)
    return value


def _toggle_check(key):
    return lambda raw: raw.lower() in ("true", "false") and (raw.lower() == "true") == st.session_state[key]


def selectbox(label, options, *, key, **kwargs):
    """st.selectbox bound to the URL parameter ``key``."""
    value = st.selectbox(label, options, key=key, bind="query-params", **kwargs)
    _register(key, lambda raw: raw in options and raw == st.session_state[key], label)
    return value


def loss_toggles(names, *, prefix, on, titles=None):
    """One toggle per loss ("Losses shown"); the names of those switched on."""
    st.markdown("**Losses shown**")
    titles = titles or {}
    shown = []
    for name in names:
        title = titles.get(name, LOSSES[name].title)
        if toggle(title, value=name in on, key=f"{prefix}_show_{name}"):
            shown.append(name)
        st.session_state["_url_labels"][f"{prefix}_show_{name}"] = f"Losses shown: {title}"
    return shown


def end_page():
    """End a page: the choice of controls to hide (presentation mode), then one warning
    naming every URL parameter the page could not use."""
    _hide_chooser()
    _url_report()


def _url_report():
    """One warning naming every URL parameter the page could not use (unknown, repeated,
    not a number, out of range, ...), which fell back to defaults."""
    ignored = []
    for key, raws in st.session_state.get("_url_opened_with", {}).items():
        if key in STREAMLIT_URL_KEYS:
            continue
        check, many = st.session_state["_url_controls"].get(key, (None, False))
        try:
            usable = check is not None and (check(raws) if many else len(raws) == 1 and check(raws[0]))
        except (ValueError, TypeError, OverflowError):
            usable = False
        if not usable:
            ignored.append(key)
            if check is None and key in st.query_params:
                with contextlib.suppress(StreamlitAPIException):  # bound to a widget: Streamlit's
                    del st.query_params[key]  # unknown: dropped from the link too
    if ignored:
        names = ", ".join(_plain(key) for key in sorted(ignored)[:10]) + (" …" if len(ignored) > 10 else "")
        st.session_state["_url_warning"].warning(
            f"The link had settings this page could not use, so it shows the defaults for them: {names}",
            icon=":material/link_off:",
        )


def _plain(text, limit=40):
    """Text from the URL shown as plain text: shortened, every Markdown sign escaped."""
    text = text if len(text) <= limit else text[:limit] + "…"
    return "".join("\\" + c if not c.isalnum() and c not in " …" else c for c in text)


def chart(fig, key, filename=None, *, sliders=(), values=None, variants=None, moves=None):
    """A Plotly chart in our own template, updated in place on every rerun, whose image
    download is named after the figure; ``sliders`` are drawn with it and move it at
    once (see chart_component)."""
    config = export_config(filename or key)
    if presenting():  # for the projector: larger type, thicker lines
        fig.update_layout(font_size=22, title_font_size=26, legend_font_size=22)
        fig.update_traces(line_width=6, selector={"type": "scatter"})
    if PLAIN_CHARTS:  # theme=None: Streamlit's theme would replace our template
        for slider in sliders:  # the baseline: the same controls as Streamlit sliders
            st.slider(
                slider.label,
                slider.min,
                slider.max,
                value=slider.default,
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
            sliders=sliders,
            values=values,
            variants=variants,
            moves=moves,
        )
    st.download_button(
        "Download the curve data (CSV)",
        data=lambda: figure_csv(fig),  # built only when clicked
        file_name=f"{filename or key}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )


def chart_values(key, sliders):
    """The values of a chart's own sliders. The URL holds them (a slider's name is its URL
    parameter, kept in step here); a value the user has just set in the chart wins. So a
    link, a rerun for another control and the browser's Back button all show the URL's."""
    if PLAIN_CHARTS:
        return {s.name: s.clip(st.session_state.get(f"{key}_{s.name}", s.default)) for s in sliders}
    state = st.session_state.get(key) or {}
    values = {}
    for s in sliders:
        moved = state.get(s.name) if hasattr(state, "get") else None
        seen = f"_chart_value_{s.name}"
        if moved is not None and moved != st.session_state.get(seen):
            value = moved  # set in the chart since the last run
        else:
            value = _url_number(s.name, s.min, s.max)
        st.session_state[seen] = moved
        values[s.name] = s.snap(s.clip(value))
        _register(s.name, lambda raw, s=s: s.min <= float(raw) <= s.max, s.label)
        if values[s.name] == s.default:
            st.query_params.pop(s.name, None)
        else:
            st.query_params[s.name] = f"{values[s.name]:g}"
    return values


def _url_number(name, low, high):
    """The URL's value of ``name`` if it is one finite number in [low, high], else None."""
    raws = st.query_params.get_all(name)
    try:
        value = float(raws[0]) if len(raws) == 1 else None
    except ValueError:
        return None
    return value if value is not None and low <= value <= high else None


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

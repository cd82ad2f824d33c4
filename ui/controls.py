"""Controls bound to the URL: each is made from one declaration (a ``viz.SliderSpec`` for
a slider) and registered with the page's state, which checks a link's value of it."""

import math

import streamlit as st

import livechart
from losses import LOSSES

from . import state


def slider(spec, **kwargs):
    """A Streamlit slider from ``spec`` (a ``viz.SliderSpec``), bound to the URL
    parameter ``spec.name``."""
    value = st.slider(
        spec.label,
        spec.min,
        spec.max,
        spec.default,
        spec.step,
        format=spec.printf,
        key=spec.name,
        bind="query-params",
        **kwargs,
    )
    state.current().register(
        spec.name,
        lambda raw: (
            spec.value_from_text(raw) is not None and abs(float(raw) - st.session_state[spec.name]) < 1e-9
        ),
        spec.label,
    )
    return value


def toggle(label, value=False, *, key, hide_label=None, **kwargs):
    """st.toggle bound to the URL parameter ``key`` (``hide_label``: its name in
    presentation mode's "Hide controls", if not its label)."""
    value = st.toggle(label, value=value, key=key, bind="query-params", **kwargs)
    state.current().register(key, toggle_check(key), hide_label or label)
    return value


def toggle_check(key):
    return lambda raw: raw.lower() in ("true", "false") and (raw.lower() == "true") == st.session_state[key]


def selectbox(label, options, *, key, **kwargs):
    """st.selectbox bound to the URL parameter ``key``."""
    value = st.selectbox(label, options, key=key, bind="query-params", **kwargs)
    state.current().register(key, lambda raw: raw in options and raw == st.session_state[key], label)
    return value


def loss_toggles(names, *, prefix, on, titles=None):
    """One toggle per loss ("Losses shown"); the names of those switched on."""
    st.markdown("**Losses shown**")
    titles = titles or {}
    shown = []
    for name in names:
        title = titles.get(name, LOSSES[name].title)
        if toggle(title, value=name in on, key=f"{prefix}_show_{name}", hide_label=f"Losses shown: {title}"):
            shown.append(name)
    return shown


def chart_slider_values(chart_key, specs):
    """The values of the sliders ``specs`` drawn by the chart ``chart_key`` (every slider
    the chart may draw: one not drawn this run keeps its value in the link). The URL holds
    them (a slider's name is its URL parameter, kept in step here); a value the user has
    just set in the chart wins. So a link, a rerun for another control and the browser's
    Back button all show the URL's."""
    moved = livechart.BACKEND.moved(chart_key)
    page = state.current()
    values = {}
    for spec in specs:
        now = moved.get(spec.name)  # [value, sequence number] as the chart sent it
        seen = f"_chart_value_{spec.name}"
        if now is not None and now != st.session_state.get(seen):
            value = _sent_value(now)  # set in the chart since the last run
        else:
            raws = st.query_params.get_all(spec.name)
            value = spec.value_from_text(raws[0]) if len(raws) == 1 else None
        st.session_state[seen] = now
        values[spec.name] = spec.snap(value)
        # offered to hide once drawn (ui.chart): a page may hold some back (fewer classes)
        check = lambda raw, spec=spec: spec.value_from_text(raw) is not None
        page.register(spec.name, check, spec.label, hideable=False)
        put_in_link(spec, values[spec.name])
    return values


def put_in_link(spec, value):
    """The URL parameter of slider ``spec`` set to ``value`` (left out at its default)."""
    if value == spec.default:
        st.query_params.pop(spec.name, None)
    else:
        st.query_params[spec.name] = f"{value:g}"


def _sent_value(sent):
    """The number in a chart slider's state ([value, sequence number] from chart.js), or
    None for anything else (the state comes from the browser: never trusted blindly)."""
    value = sent[0] if isinstance(sent, list | tuple) and sent else sent
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def tabs(labels, *, key):
    """st.tabs whose open tab lives in the URL parameter ``key`` as its short name
    (``labels``: {short name: label}, the first the default): a link opens that tab."""
    names = list(labels)
    raws = st.query_params.get_all(key)
    linked = raws[0] if len(raws) == 1 and raws[0] in labels else names[0]
    widget, written = f"_tab_{key}", f"_tab_in_link_{key}"
    # The URL's tab opens when the URL changed from outside (a link, the Back button): not
    # through ``default``, whose change would make Streamlit a new widget that drops the
    # tab just clicked.
    if widget not in st.session_state or st.session_state.get(written) != linked:
        st.session_state[widget] = labels[linked]
    containers = st.tabs(list(labels.values()), key=widget, on_change="rerun")
    open_name = next((name for name in names if labels[name] == st.session_state.get(widget)), linked)
    st.session_state[written] = open_name
    state.current().register(key, lambda raw: raw in labels and raw == open_name, hideable=False)
    if open_name == names[0]:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = open_name
    return containers


def presets(heading, choices):
    """A row of buttons under ``heading`` (markdown), each ``(label, settings, help)``
    setting controls by their URL key: a widget bound to the link through its state (the
    link follows it), a chart's own slider through the link (it reads it on the next run)."""
    st.markdown(heading)
    for column, (label, settings, shows) in zip(st.columns(len(choices)), choices, strict=True):
        column.button(label, on_click=_use_preset, args=(settings,), help=shows, width="stretch")


def _use_preset(settings):
    for key, value in settings.items():
        if key in st.session_state:  # a Streamlit widget: Streamlit refuses a bound link's write
            st.session_state[key] = value
        else:
            st.query_params[key] = f"{value:g}"

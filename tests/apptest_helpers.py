"""Running the app's pages with Streamlit's AppTest and reading back what they drew."""

import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from livechart import wire
from ui.pages import PAGES as PAGE_TABLE

ROOT = Path(__file__).resolve().parents[1]
PAGES = [page.file for page in PAGE_TABLE]


def open_page(page, **values):
    """The app from its entry point, switched to ``page`` and run once (then again with
    the given controls set, by key: a Streamlit widget's, or a chart-drawn slider's)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()  # registers the st.navigation pages, so switch_page finds them by file
    at.switch_page(page)
    at.run()
    if values:
        set_controls(at, **values)
        at.run()
    return at


def chart_slider_owners(at):
    """{chart-drawn slider's name: its chart's key}."""
    return {s["name"]: chart["chart"] for chart in live_charts(at) for s in chart["sliders"]}


_SEQUENCE = iter(range(1, 10**9))  # of the values a chart sends, as the browser numbers them


def set_controls(at, **values):
    """Set controls by key, as a user would (before the next ``at.run()``): a chart's
    own slider through its chart's state ([value, sequence number], as chart.js sends
    it), any other through its widget's."""
    owners = chart_slider_owners(at)
    moved = {}
    for key, value in values.items():
        if key in owners:
            moved.setdefault(owners[key], {})[key] = value
        elif key in owners.values():  # a chart's sliders at once: {slider name: value}
            moved.setdefault(key, {}).update(value)
        else:
            at.session_state[key] = value
    for chart, state in moved.items():
        previous = dict(at.session_state[chart]) if chart in at.session_state else {}
        at.session_state[chart] = previous | {name: [v, next(_SEQUENCE)] for name, v in state.items()}


def control_value(at, key):
    """The value a control shows: a chart-drawn slider's, or a widget's."""
    for chart in live_charts(at):
        for s in chart["sliders"]:
            if s["name"] == key:
                return s["value"]
    return at.session_state[key]


def decode(array):
    """A Plotly array as stored in figure JSON: a list, or {"dtype", "bdata"[, "shape"]}."""
    if isinstance(array, dict) and "bdata" in array:
        values = np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"]))
        if "shape" in array:
            values = values.reshape([int(n) for n in str(array["shape"]).split(",")])
        return values.astype(np.float64)
    return np.asarray([np.nan if v is None else v for v in array], dtype=np.float64)


def live_charts(at):
    """The data of every in-place chart: figure JSON, config, its sliders and frames' keys."""
    return [
        json.loads(c.proto.json)
        for c in at.get("bidi_component")
        if c.proto.component_name == "losslab.live_chart"
    ]


def chart_frames(at):
    """The frames element of each chart slider that has one, decoded (``livechart.wire``),
    with its raw bytes: [(header, raw)]."""
    return [
        (wire.decode(c.proto.bytes), c.proto.bytes)
        for c in at.get("bidi_component")
        if c.proto.component_name == "losslab.chart_frames"
    ]


def figures(at):
    """The JSON of every Plotly chart on the page: the static ones, then the in-place
    ones, each in page order."""
    static = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return static + [json.loads(chart["figure"]) for chart in live_charts(at)]


def chart_config(at, index=0):
    """The Plotly config of the in-place chart ``index``."""
    return live_charts(at)[index]["config"]


def traces(figure):
    """{trace name: trace} (the loss panel's trace for names used in two panels)."""
    out = {}
    for trace in figure["data"]:
        out.setdefault(trace.get("name"), trace)
    return out


def drawn_numbers(figure):
    """Every numeric array a figure draws (x, y, customdata), decoded; on an axis of
    categories with a range (the multiclass charts hold six classes and show a few), the
    points within it."""
    for trace in figure["data"]:
        for field in ("x", "y", "customdata"):
            values = trace.get(field)
            if values is None:
                continue
            if isinstance(values, dict) or (values and not isinstance(values[0], str)):
                yield trace.get("name"), field, shown(figure, trace, field)


def shown(figure, trace, field="y"):
    """A trace's numbers as drawn: on an axis of categories with a range, those within it."""
    values = decode(trace[field])
    axis = figure["layout"].get("xaxis" + trace.get("xaxis", "x")[1:], {})
    x = trace.get("x")
    if isinstance(x, list) and x and isinstance(x[0], str) and "range" in axis:
        return values[: round(axis["range"][1] + 0.5)]
    return values

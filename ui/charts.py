"""A chart of the app: a ``viz.LiveChart`` at the page's parameters, drawn in place by
``livechart``, with the sliders it owns and their frames, its export settings and its
data as CSV."""

import functools

import plotly.io.json
import streamlit as st

import livechart
import viz
from livechart import wire

from . import state

# Presentation mode: every text of a chart 1.45× its size (base, title, legend, subplot
# titles, texts written in the chart), thicker lines, and the chart taller by as much as
# its type needs (its margins grow with the text they hold).
PRESENTATION_SCALE = 1.45
PRESENTATION_HEIGHT_SCALE = 1.3
PRESENTATION_LINE_WIDTH = 6
BASE_FONT = viz.TEMPLATE.layout.font.size  # what a figure's text is when it says nothing
TITLE_FONT = viz.TEMPLATE.layout.title.font.size


def _scaled(font, size):
    font["size"] = round(font.get("size", size) * PRESENTATION_SCALE)


def _for_a_projector(fig):
    """Presentation mode's type, lines and height on a figure dict (``LiveChart.figure_dict``)."""
    layout = fig["layout"]
    _scaled(layout.setdefault("font", {}), BASE_FONT)
    title = layout.setdefault("title", {})
    _scaled(title.setdefault("font", {}), TITLE_FONT)
    _scaled(title.setdefault("subtitle", {}).setdefault("font", {}), BASE_FONT)
    _scaled(layout.setdefault("legend", {}).setdefault("font", {}), BASE_FONT)
    for note in layout.get("annotations", ()):
        _scaled(note.setdefault("font", {}), BASE_FONT)  # subplot titles: make_subplots sets 16
    for trace in fig["data"]:
        if "textfont" in trace or trace.get("text") is not None:
            _scaled(trace.setdefault("textfont", {}), BASE_FONT)
        if trace.get("type") == "scatter" and "lines" in trace.get("mode", "lines"):
            trace.setdefault("line", {})["width"] = PRESENTATION_LINE_WIDTH
    margin = layout.setdefault("margin", {})
    for side, size in viz.TEMPLATE.layout.margin.to_plotly_json().items():
        margin[side] = round(margin.get(side, size) * PRESENTATION_HEIGHT_SCALE)
    layout["height"] = round(layout.get("height", 450) * PRESENTATION_HEIGHT_SCALE)


# Views are cached in the process, shared by every session (a class), keyed by the
# chart and its parameters as a tuple: st.cache_data hashed the arguments and unpickled
# the value on every hit, ~3 ms of a rerun's server CPU (benchmarks/server_cpu.py).
def _view(params):
    """``params`` as a hashable key (a list becomes a tuple)."""
    return tuple(sorted((name, tuple(v) if isinstance(v, list) else v) for name, v in params.items()))


def encoded_frames(chart_key, live, params, slider, moves):
    """(encoded frames, their key) of ``slider`` on the chart ``live`` (a LiveChart) at
    ``params`` (without what the slider sets: the frames of every value of it are the
    same); None when the slider changes nothing drawn, or its frames are over
    ``viz.FRAME_BUDGET`` (the slider then reruns)."""
    return _encoded_frames(chart_key, live, _view(params), slider, moves)


@functools.lru_cache(maxsize=256)
def _encoded_frames(chart_key, live, view, slider, moves):
    frames = viz.sweep(live, dict(view), slider=slider, moves=moves)
    if not frames.keys or frames.nbytes > viz.FRAME_BUDGET:
        return None
    return wire.encode(frames, chart=chart_key)


def figure_json(live, params, presenting):
    """The figure of ``live`` (a LiveChart) at ``params`` as the JSON the browser draws:
    built and serialised once per view, so a rerun that leaves a chart as it was
    (another chart's slider, a tab that is not open) costs a lookup, not ~5 ms per chart."""
    return _figure_json(live, _view(params), presenting)


@functools.lru_cache(maxsize=512)
def _figure_json(live, view, presenting):
    fig = live.figure_dict(**dict(view))
    if presenting:
        _for_a_projector(fig)
    return plotly.io.json.to_json_plotly(fig)


def chart(live, params, *, key, filename=None, sliders=(), slider_columns=None):
    """Draw ``live`` (a ``viz.LiveChart``) at ``params`` as the chart ``key``, its image
    download named ``filename``; ``sliders``: the ``livechart.ChartSlider``s it owns
    (in ``slider_columns`` columns; None: as many as fit)."""
    figure = figure_json(live, params, state.current().presenting)
    state.current().drawn(s.spec.name for s in sliders)
    frames = []
    for s in sliders:
        if not s.disabled:
            held = {name: value for name, value in params.items() if name not in s.moves}
            encoded = encoded_frames(key, live, held, s.spec, s.moves)
            if encoded is not None:
                frames.append((s.spec.name, *encoded))
    livechart.BACKEND.draw(
        figure,
        key=key,
        config=viz.export_config(filename or key),
        sliders=sliders,
        frames=frames,
        slider_columns=slider_columns,
    )
    st.download_button(
        "Download the curve data (CSV)",
        data=lambda: viz.figure_csv(live.figure(**params)),  # built only when clicked
        file_name=f"{filename or key}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )

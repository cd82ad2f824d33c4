"""A chart of the app: a ``viz.LiveChart`` at the page's parameters, drawn in place by
``livechart``, with the sliders it owns and their frames, its export settings and its
data as CSV."""

import streamlit as st

import livechart
import viz
from livechart import wire

from . import state

# Presentation mode: larger type and thicker lines for a projector.
PRESENTATION_FONT = {"font_size": 22, "title_font_size": 26, "legend_font_size": 22}
PRESENTATION_LINE_WIDTH = 6


@st.cache_data(max_entries=64, show_spinner=False)
def encoded_frames(chart_key, chart_name, params, slider, moves, _chart):
    """(encoded frames, their key) of ``slider`` on the chart ``_chart`` (a LiveChart,
    cached by its unique ``chart_name``) at ``params``; None when the slider changes
    nothing drawn, or its frames are over ``viz.FRAME_BUDGET`` (the slider then reruns)."""
    frames = viz.sweep(_chart, params, slider=slider, moves=moves)
    if not frames.keys or frames.nbytes > viz.FRAME_BUDGET:
        return None
    return wire.encode(frames, chart=chart_key)


def chart(live, params, *, key, filename=None, sliders=()):
    """Draw ``live`` (a ``viz.LiveChart``) at ``params`` as the chart ``key``, its image
    download named ``filename``; ``sliders``: the ``livechart.ChartSlider``s it owns."""
    fig = live.figure(**params)
    if state.current().presenting:
        fig.update_layout(**PRESENTATION_FONT)
        fig.update_traces(line_width=PRESENTATION_LINE_WIDTH, selector={"type": "scatter"})
    frames = []
    for s in sliders:
        if not s.disabled:
            encoded = encoded_frames(key, live.name, params, s.spec, s.moves, live)
            if encoded is not None:
                frames.append((s.spec.name, *encoded))
    livechart.BACKEND.draw(
        fig,
        key=key,
        config=viz.export_config(filename or key),
        sliders=sliders,
        frames=frames,
    )
    st.download_button(
        "Download the curve data (CSV)",
        data=lambda: viz.figure_csv(fig),  # built only when clicked
        file_name=f"{filename or key}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        on_click="ignore",
    )

"""Charts that update in place, and sliders that move them at once: the browser side.

``st.plotly_chart`` replaces its chart on every rerun in Streamlit 1.67: the chart
blinks and the page below jumps. The live chart (a v2 component, ``chart.js``) keeps one
Plotly div per chart and hands each new figure to ``Plotly.react``, which redraws in
place and, with ``layout.uirevision``, keeps the user's zoom. plotly.js (its basic
bundle, ``static/plotly-basic.min.js``) is served once as a static asset.

A chart may own sliders. For each, Python may send frames (``viz.frames``, encoded by
``wire``): what the chart draws at every value of the slider. A key press or a drag
then restyles the chart from them at once, and the value reaches Python once the
slider rests. Frames travel in an element of their own (``frames.js``), whose content
does not change with the slider's own value: Streamlit's message cache sends it once,
and afterwards only its hash. The JavaScript knows nothing of losses: it sets the given
attributes of the given traces.

``BACKEND`` draws the charts; the latency benchmark swaps it for plain
``st.plotly_chart`` from outside (``benchmarks/plain_charts.py``).
"""

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

ASSETS = Path(__file__).resolve().parent
STATIC = ASSETS.parent / "static"
PLOTLY_JS = STATIC / "plotly-basic.min.js"
PLOTLY_JS_VERSION = "4.1.1"  # the version the pinned Python plotly ships
PLOTLY_JS_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
SETTLE_MS = 350  # a slider at rest this long sends its value to Python


def asset(*names):
    """The text of the files ``names`` of this package, joined (a module and what it uses)."""
    return "\n".join((ASSETS / name).read_text(encoding="utf-8") for name in names)


@dataclass(frozen=True)
class ChartSlider:
    """A slider drawn by a chart: its declaration (a ``viz.SliderSpec``), its value now,
    and the chart parameters it sets (none: it moves nothing now, and is disabled).
    ``shown_while=(slider name, n)``: shown only while that slider of the chart is at n
    or more (class i's score while the number of classes is at least i + 1), followed
    in the browser as that slider moves. ``wide``: the slider has the row to itself
    (the number of classes above the classes' own sliders)."""

    spec: object
    value: float
    moves: tuple = ()
    shown_while: tuple = ()
    wide: bool = False

    @property
    def disabled(self):
        return not self.moves

    def to_json(self):
        s = self.spec
        return {
            "name": s.name,
            "label": s.label,
            "min": s.min,
            "max": s.max,
            "step": s.step,
            "value": self.value,
            "decimals": s.decimals,
            "disabled": self.disabled,
            "shown_while": dict(zip(("slider", "at_least"), self.shown_while, strict=True))
            if self.shown_while
            else None,
            "wide": self.wide,
        }


_chart = st.components.v2.component(
    "losslab.live_chart",
    js=asset("plotly_loader.js", "logic.js", "chart.js"),
    css=asset("chart.css"),
    isolate_styles=False,
)
_frames = st.components.v2.component(
    "losslab.chart_frames", js=asset("logic.js", "frames.js"), css=asset("frames.css"), isolate_styles=False
)
_page = st.components.v2.component("losslab.page", js=asset("page.js"), isolate_styles=False)
_copy_link = st.components.v2.component(
    "losslab.copy_link", js=asset("copy_link.js"), css=asset("copy_link.css"), isolate_styles=False
)


class LiveCharts:
    """The app's charts: in place, sliders drawn by the chart, frames drawn at once."""

    def draw(self, figure, *, key, config, sliders=(), frames=(), slider_columns=None):
        """Mount (or update in place) the chart ``key`` with ``figure`` (its JSON, as
        Plotly writes it) and its ``sliders``
        (``ChartSlider``); ``frames``: (slider name, encoded frames, their key) each.
        ``slider_columns``: the sliders in that many columns (pairs stay side by side);
        None: as many as fit."""
        _chart(
            key=key,
            data={
                "chart": key,
                "figure": figure,
                "config": {**config, "responsive": True},
                "sliders": [s.to_json() for s in sliders],
                "frames": {name: content for name, _, content in frames},
                "settle_ms": SETTLE_MS,
                "slider_columns": slider_columns,
                "received": received_sequences(self.moved(key)),
            },
            **{f"on_{s.spec.name}_change": _ignore for s in sliders},
        )
        for name, payload, _ in frames:  # after the chart: their coming and going never moves it
            _frames(key=f"losslab-frames-{key}-{name}", data=payload)

    def moved(self, key):
        """{slider name: value} of the sliders the user has moved in chart ``key``."""
        state = st.session_state.get(key)
        return dict(state) if hasattr(state, "items") else {}

    def preload(self):
        """Start loading plotly.js with the app's first element, not with the first
        chart: the browser compiles it while the page builds. The element is hidden: it
        would add a gap above the page's title."""
        st.html(
            '<span class="losslab-preload"></span>'
            "<style>.stElementContainer:has(.losslab-preload) { display: none; }</style>"
            # a block: its const is block-scoped, so a second run of the script is no error
            f"<script>{{ {asset('plotly_loader.js')}\nloadPlotly().catch(() => {{}}); }}</script>",
            unsafe_allow_javascript=True,
        )


BACKEND = LiveCharts()


def received_sequences(moved):
    """{slider name: sequence number} of each value the chart sent ([value, sequence
    number]) that this run read: the chart waits for it before it lets a render set the
    slider again. Anything else the browser put in the state is left out."""
    return {
        name: sent[1]
        for name, sent in moved.items()
        if isinstance(sent, list | tuple)
        and len(sent) == 2
        and isinstance(sent[1], int)
        and not isinstance(sent[1], bool)
    }


def _ignore():
    """State callbacks must exist for each slider; the page reads the value on rerun."""


def copy_link():
    """A button that copies the page's URL: every control lives in it."""
    _copy_link(key="copy_link", data={})


def page_helpers():
    """What every page needs in the browser (page.js): a tab stop on each formula that scrolls."""
    _page(key="losslab_page", data={})

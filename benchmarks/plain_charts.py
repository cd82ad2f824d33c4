"""The app with plain ``st.plotly_chart`` instead of the live charts: the latency
benchmark's baseline, swapped in from outside the app.

    .venv/bin/python benchmarks/plain_charts.py run app.py [streamlit options]

It replaces ``livechart.BACKEND`` and then runs Streamlit's command line in this
process, so every script run of the app draws through the plain backend. A chart's own
sliders become Streamlit sliders above it (what the page would have without them).
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit as st
from streamlit.web import cli

import livechart


class PlainCharts(livechart.LiveCharts):
    def draw(self, figure, *, key, config, sliders=(), frames=(), slider_columns=None):
        values = {s.spec.name: s.value for s in sliders}
        for s in sliders:
            if s.shown_while and values[s.shown_while[0]] < s.shown_while[1]:
                continue  # a class the chart does not show: no slider, as the live chart
            st.slider(
                s.spec.label,
                s.spec.min,
                s.spec.max,
                value=s.value,
                step=s.spec.step,
                disabled=s.disabled,
                key=f"{key}__{s.spec.name}",
            )
        # theme=None: Streamlit's theme would replace our template
        st.plotly_chart(json.loads(figure), key=key, theme=None, width="stretch", config=config)

    def moved(self, key):
        prefix = f"{key}__"
        # as the live chart sends them: [value, sequence number]
        return {k.removeprefix(prefix): [v, 0] for k, v in st.session_state.items() if k.startswith(prefix)}

    def preload(self):
        """Nothing: Streamlit's own charts bring their plotly.js."""


if __name__ == "__main__":
    livechart.BACKEND = PlainCharts()
    sys.exit(cli.main())

"""A page with a chart of its own and a slider drawn by the chart, declared and nothing
else: no JavaScript, no wiring. AppTest runs it as an app of its own
(tests/test_new_chart_slider.py)."""

import numpy as np
import plotly.graph_objects as go

import ui
import viz
from ui import state


def skeleton(**_):
    fig = go.Figure(layout={"template": viz.TEMPLATE, "title": "a line"})
    fig.add_scatter(name="a·x")
    return fig


def data_at(*, slope):
    x = np.linspace(-1.0, 1.0, 5)
    return {(0, "x"): x, (0, "y"): slope * x, (0, "name"): f"{slope:g}·x"}


LINE = viz.LiveChart(name="demo_line", skeleton=skeleton, data_at=data_at)
SLOPE = viz.SliderSpec(name="demo_slope", label="slope a", min=0.0, max=2.0, step=0.25, default=1.0)

with state.page_run("demo"):
    ui.header("A new chart", "One slider, drawn by the chart.")
    slope = ui.chart_slider_values("demo_chart", [SLOPE])["demo_slope"]
    ui.chart(
        LINE, {"slope": slope}, key="demo_chart", sliders=[ui.ChartSlider(SLOPE, slope, moves=("slope",))]
    )

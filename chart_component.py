"""Charts that update in place: one Plotly div per chart, kept across reruns and
redrawn with ``Plotly.react``.

``st.plotly_chart`` replaces its chart on every rerun in Streamlit 1.67: the chart
blinks (blank frames) and the page below jumps. This v2 component keeps its element
(stable key) and hands each new figure to ``Plotly.react``, which redraws in place and,
with ``layout.uirevision``, keeps the user's zoom. plotly.js is served once as a static
asset (``static/``, enabled in ``.streamlit/config.toml``): inlined in the component it
made every update slower.
"""

import shutil
from pathlib import Path

import plotly
import streamlit as st

STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _serve_plotly_js():
    """Copy the plotly.js of the installed plotly next to the app (not committed)."""
    target = STATIC / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        STATIC.mkdir(exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)


JS = """
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.lossLabPlotly) {
    window.lossLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = "app/static/plotly.min.js";
      script.onload = () => resolve(window.Plotly);
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  return window.lossLabPlotly;
}

export default function (component) {
  const { data, parentElement } = component;
  let div = parentElement.querySelector(".losslab-chart");
  if (!div) {
    div = document.createElement("div");
    div.className = "losslab-chart";
    div.style.width = "100%";
    parentElement.appendChild(div);
  }
  const figure = JSON.parse(data.figure);
  div.style.height = (figure.layout.height || 450) + "px";
  div.dataset.figure = data.name;
  // A changed config makes Plotly.react replot from scratch, losing the zoom: keep the
  // first config and only rename the image download (read when the button is clicked).
  div.lossLabConfig = div.lossLabConfig || data.config;
  loadPlotly().then((Plotly) =>
    Plotly.react(div, figure.data, figure.layout, div.lossLabConfig).then(() => {
      div._context.toImageButtonOptions.filename = data.config.toImageButtonOptions.filename;
    }),
  );
}
"""

_serve_plotly_js()
_live_chart = st.components.v2.component("losslab.live_chart", js=JS, isolate_styles=False)


def live_chart(fig, *, key, config, name):
    """Mount (or update in place) the chart ``key`` with ``fig``."""
    _live_chart(key=key, data={"figure": fig.to_json(), "config": config, "name": name})

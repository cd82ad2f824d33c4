"""Charts that update in place, and sliders that move them at once.

``st.plotly_chart`` replaces its chart on every rerun in Streamlit 1.67: the chart
blinks (blank frames) and the page below jumps. This v2 component keeps its element
(stable key) and hands each new figure to ``Plotly.react``, which redraws in place and,
with ``layout.uirevision``, keeps the user's zoom. plotly.js is served once as a static
asset (``static/``, enabled in ``.streamlit/config.toml``): inlined in the component it
made every update slower.

A chart may also own sliders for its continuous parameters (such as δ). A rerun takes
longer than a slider step should, so Python sends, with each figure, the traces for the
slider values around the current one ("variants"): a key press restyles the chart from
them at once, and the value reaches Python (state, URL, the rest of the page) once the
slider rests. A value outside the window is sent at once and drawn by the rerun.
"""

import base64
import shutil
from pathlib import Path

import numpy as np
import plotly
import streamlit as st

STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
SETTLE_MS = 350  # a slider at rest this long sends its value to Python


def _serve_plotly_js():
    """Copy the plotly.js of the installed plotly next to the app (not committed)."""
    target = STATIC / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        STATIC.mkdir(exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)


CSS = """
.losslab-sliders { display: flex; flex-wrap: wrap; gap: 0.4rem 2.5rem; margin: 0 0 0.25rem 4.5rem; }
.losslab-slider { display: flex; flex-direction: column; min-width: 14rem; flex: 0 1 22rem; }
.losslab-slider label { font-size: 0.875rem; display: flex; justify-content: space-between; }
.losslab-slider output { font-variant-numeric: tabular-nums; font-weight: 600; }
.losslab-slider input { accent-color: #0072B2; width: 100%; }
.losslab-slider input:disabled { opacity: 0.45; }
"""

JS = """
function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.lossLabPlotly) {
    window.lossLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = "app/static/plotly.min.js";
      script.onload = () => resolve(window.Plotly);
      script.onerror = (error) => {
        window.lossLabPlotly = null;  // let the next render try again
        reject(error);
      };
      document.head.appendChild(script);
    });
  }
  return window.lossLabPlotly;
}

function part(parent, className, tag = "div") {
  let node = parent.querySelector(":scope > ." + className);
  if (!node) {
    node = document.createElement(tag);
    node.className = className;
    parent.appendChild(node);
  }
  return node;
}

// A slider is busy while its value is waiting to be sent, or sent but not yet back from
// Python: a render in between carries an older value, which must not pull the slider.
function busy(box, spec) {
  const sent = box.sent[spec.name];
  if (sent !== undefined && Math.abs(spec.value - sent) < spec.step / 2) delete box.sent[spec.name];
  return Boolean(box.pending[spec.name]) || box.sent[spec.name] !== undefined;
}

function showSlider(box, spec, setStateValue) {
  let row = box.querySelector(`[data-name="${spec.name}"]`);
  if (!row) {
    row = document.createElement("div");
    row.className = "losslab-slider";
    row.dataset.name = spec.name;
    row.innerHTML = "<label><span></span><output></output></label><input type='range'>";
    const input = row.querySelector("input");
    input.addEventListener("input", () => moved(box, spec.name, Number(input.value), setStateValue));
    box.appendChild(row);
  }
  const input = row.querySelector("input");
  row.querySelector("span").textContent = spec.label;
  Object.assign(input, { min: spec.min, max: spec.max, step: spec.step, disabled: spec.disabled });
  input.setAttribute("aria-label", spec.label);
  if (!busy(box, spec)) {  // never pull a slider from under the user's hand
    input.value = spec.value;
    row.querySelector("output").textContent = spec.text;
  }
}

function decode(array) {  // Plotly's base64 typed-array spec -> Float64Array
  const bytes = Uint8Array.from(atob(array.bdata), (c) => c.charCodeAt(0));
  return new Float64Array(bytes.buffer);
}

// The restyle that draws the precomputed curves: each curve's x shared by its loss trace
// (with the gradient as hover data) and its derivative trace.
function restyleFor(curves) {
  const update = { x: [], y: [], customdata: [], name: [] };
  for (const curve of curves) {
    const [x, loss, gradient] = [decode(curve.x), decode(curve.loss), decode(curve.gradient)];
    update.x.push(x, x);
    update.y.push(loss, gradient);
    update.customdata.push(gradient, null);
    update.name.push(curve.name, curve.name);
  }
  return update;
}

// Draw the precomputed curves of ``value`` if Python sent them; the index, or -1.
function drawVariant(box, name, value) {
  const data = box.lossLabData;
  const spec = data.sliders.find((s) => s.name === name);
  const variants = (data.variants || {})[name];
  const index = variants ? variants.values.findIndex((v) => Math.abs(v - value) < spec.step / 2) : -1;
  if (index >= 0 && window.Plotly && box.lossLabPlot._fullLayout) {
    window.Plotly.restyle(box.lossLabPlot, restyleFor(variants.curves[index]), variants.traces.flat());
  }
  return index;
}

function moved(box, name, value, setStateValue) {
  const data = box.lossLabData;
  const spec = data.sliders.find((s) => s.name === name);
  const variants = (data.variants || {})[name];
  box.querySelector(`[data-name="${name}"] output`).textContent = value.toFixed(spec.decimals);
  const index = drawVariant(box, name, value);
  // Send the value once the slider rests, or at once when it leaves the window, or nears
  // its edge: the rerun then brings the window around the new value.
  const center = variants ? variants.values.findIndex((v) => Math.abs(v - spec.value) < spec.step / 2) : -1;
  const nearEdge = index < 0 || center < 0 || Math.abs(index - center) > variants.values.length / 4;
  clearTimeout(box.pending[name]);
  box.pending[name] = setTimeout(() => {
    delete box.pending[name];
    box.sent[name] = value;
    setStateValue(name, value);
  }, nearEdge ? 0 : data.settle_ms);
}

// The modebar's PNG button, and an SVG one beside it: same fixed size, same file name.
function withSvgDownload(Plotly, config) {
  const svg = {
    name: "Download plot as an SVG",
    icon: Plotly.Icons.disk,
    click: (gd) => Plotly.downloadImage(gd, { ...gd._context.toImageButtonOptions, format: "svg" }),
  };
  return { ...config, modeBarButtonsToAdd: [svg] };
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const sliders = part(parentElement, "losslab-sliders");
  const div = part(parentElement, "losslab-chart");
  sliders.pending = sliders.pending || {};
  sliders.sent = sliders.sent || {};
  sliders.lossLabData = data;
  sliders.lossLabPlot = div;
  for (const spec of data.sliders) showSlider(sliders, spec, setStateValue);
  const figure = JSON.parse(data.figure);
  div.style.width = "100%";
  div.style.height = (figure.layout.height || 450) + "px";
  if (!div.lossLabResize) {  // e.g. a chart drawn in a hidden tab: fit it once it shows
    div.lossLabResize = new ResizeObserver(() => div._fullLayout && window.Plotly.Plots.resize(div));
    div.lossLabResize.observe(div);
  }
  // A changed config makes Plotly.react replot from scratch, losing the zoom: keep the
  // first config and only rename the image download (read when the button is clicked).
  loadPlotly().then((Plotly) => {
    div.lossLabConfig = div.lossLabConfig || withSvgDownload(Plotly, data.config);
    Plotly.react(div, figure.data, figure.layout, div.lossLabConfig).then(() => {
      div._context.toImageButtonOptions.filename = data.config.toImageButtonOptions.filename;
      // a slider still on its way to Python: show its curves, not the older figure's
      for (const spec of data.sliders) {
        const input = sliders.querySelector(`[data-name="${spec.name}"] input`);
        if (busy(sliders, spec)) drawVariant(sliders, spec.name, Number(input.value));
      }
    });
  });
}
"""

_serve_plotly_js()
_live_chart = st.components.v2.component("losslab.live_chart", js=JS, css=CSS, isolate_styles=False)


def _typed(value):
    """Arrays as Plotly's base64 typed-array spec: compact, and decoded by plotly.js."""
    if isinstance(value, np.ndarray):
        return {"dtype": "f8", "bdata": base64.b64encode(value.astype("<f8").tobytes()).decode()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    return value


class Slider:
    """A slider drawn by the chart itself (see the module docstring)."""

    def __init__(self, name, label, low, high, step, default, *, disabled=False):
        self.name, self.label, self.min, self.max, self.step = name, label, low, high, step
        self.default, self.disabled = default, disabled
        self.decimals = max(0, -int(np.floor(np.log10(step))))

    def clip(self, value):
        return self.default if value is None else float(np.clip(value, self.min, self.max))

    def snap(self, value):
        """The nearest value on the slider's steps (a link may hold any number)."""
        return round(self.min + round((value - self.min) / self.step) * self.step, 10)

    def window(self, value, steps=8):
        """The slider values within ``steps`` steps of ``value``: the variants to send."""
        k = np.arange(-steps, steps + 1)
        values = np.round((value + k * self.step) / self.step) * self.step
        return [round(float(v), 10) for v in values if self.min - 1e-12 <= v <= self.max + 1e-12]


def live_chart(fig, *, key, config, sliders=(), values=None, variants=None):
    """Mount (or update in place) the chart ``key`` with ``fig``, its own ``sliders`` at
    ``values`` and the restyles for nearby slider values (``variants``, by slider name)."""
    values = values or {}
    specs = [
        {
            "name": s.name,
            "label": s.label,
            "min": s.min,
            "max": s.max,
            "step": s.step,
            "disabled": s.disabled,
            "value": values.get(s.name, s.default),
            "decimals": s.decimals,
            "text": f"{values.get(s.name, s.default):.{s.decimals}f}",
        }
        for s in sliders
    ]
    _live_chart(
        key=key,
        data={
            "figure": fig.to_json(),
            "config": config,
            "sliders": specs,
            "variants": _typed(variants or {}),
            "settle_ms": SETTLE_MS,
        },
        **{f"on_{s.name}_change": _ignore for s in sliders},
    )


def _ignore():
    """State callbacks must exist for each slider; the page reads the value on rerun."""


COPY_LINK_JS = """
export default function (component) {
  const { parentElement } = component;
  if (parentElement.querySelector("button")) return;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "losslab-copy-link";
  button.textContent = "Copy link to this view";
  const note = document.createElement("div");
  note.className = "losslab-copy-note";
  button.addEventListener("click", async () => {
    const url = window.location.href;  // every control of the page is in it
    try {
      await navigator.clipboard.writeText(url);
      note.textContent = "Copied: anyone opening it sees this view.";
    } catch (error) {
      note.textContent = url;  // no clipboard here: show the link to copy by hand
    }
  });
  parentElement.append(button, note);
}
"""

COPY_LINK_CSS = """
.losslab-copy-link { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); background: white; }
.losslab-copy-link:hover { border-color: #0072B2; color: #0072B2; }
.losslab-copy-note { font-size: 0.8rem; margin-top: 0.3rem; overflow-wrap: anywhere; color: #555; }
"""

_copy_link = st.components.v2.component(
    "losslab.copy_link", js=COPY_LINK_JS, css=COPY_LINK_CSS, isolate_styles=False
)


def copy_link():
    """A button that copies the page's URL: every control lives in it."""
    _copy_link(key="copy_link", data={})

"""Charts that update in place, and sliders that move them at once.

``st.plotly_chart`` replaces its chart on every rerun in Streamlit 1.67: the chart
blinks (blank frames) and the page below jumps. This v2 component keeps its element
(stable key) and hands each new figure to ``Plotly.react``, which redraws in place and,
with ``layout.uirevision``, keeps the user's zoom. plotly.js is served once as a static
asset (``static/``, enabled in ``.streamlit/config.toml``): inlined in the component it
made every update slower.

A chart may also own sliders for its continuous parameters (such as δ). A rerun takes
longer than a slider step should, so Python sends the traces for every value of the
slider ("variants"): a key press or a drag restyles the chart from them at once, and the
value reaches Python (state, URL, the rest of the page) once the slider rests. The
variants travel as raw float64 bytes in an element of their own, which does not change
with the slider's value: Streamlit's message cache then sends it once and afterwards
only its hash.
"""

import hashlib
import json
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

LOAD_PLOTLY_JS = """
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
"""

JS = (
    LOAD_PLOTLY_JS
    + """
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

// The variants of this chart as the variants element stored them (VARIANTS_JS), if they
// are those of this figure: {values, curves: [{traces, names}], n, arrays}.
function variantsOf(data) {
  const meta = data.variants;
  const stored = meta && (window.lossLabVariants || {})[meta.chart];
  return stored && stored.key === meta.key ? stored : null;
}

// Draw the precomputed curves of ``value`` of slider ``name``: true if they were drawn.
function drawVariant(box, name, value) {
  const data = box.lossLabData;
  const spec = data.sliders.find((s) => s.name === name);
  const variants = variantsOf(data);
  const index = variants ? variants.values.findIndex((v) => Math.abs(v - value) < spec.step / 2) : -1;
  const plot = box.lossLabPlot;
  if (index < 0 || !window.Plotly || !plot._fullLayout) return false;
  const update = { y: [], customdata: [], name: [] };
  const traces = [];
  const [count, n] = [variants.values.length, variants.n];
  for (const c of data.variants.moves[name] || []) {
    const curve = variants.curves[c];
    if (plot._fullData[curve.traces[0]].x.length !== n) return false;  // not the figure's grid
    const start = (c * count + index) * 2 * n;  // arrays[curve, value, loss | gradient]
    const [loss, gradient] = [variants.arrays.subarray(start, start + n), variants.arrays.subarray(start + n, start + 2 * n)];
    update.y.push(loss, gradient);
    update.customdata.push(gradient, null);  // the loss trace's hover shows the gradient
    update.name.push(curve.names[index], curve.names[index]);
    traces.push(...curve.traces);
  }
  if (!traces.length) return false;
  window.Plotly.restyle(plot, update, traces);
  return true;
}

function moved(box, name, value, setStateValue) {
  const spec = box.lossLabData.sliders.find((s) => s.name === name);
  box.querySelector(`[data-name="${name}"] output`).textContent = value.toFixed(spec.decimals);
  const drawn = drawVariant(box, name, value);
  // Send the value once the slider rests; at once if no curves were drawn for it.
  clearTimeout(box.pending[name]);
  box.pending[name] = setTimeout(() => {
    delete box.pending[name];
    box.sent[name] = value;
    setStateValue(name, value);
  }, drawn ? box.lossLabData.settle_ms : 0);
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
)

_serve_plotly_js()


def preload_plotly():
    """Start loading plotly.js with the app's first element, not with the first chart:
    the browser compiles it (about 1 s on a 2-core machine, cold) while the page builds.
    The element's container is hidden: it would add a gap above the page's title."""
    st.html(
        '<span class="losslab-preload"></span>'
        "<style>.stElementContainer:has(.losslab-preload) { display: none; }</style>"
        f"<script>{LOAD_PLOTLY_JS}loadPlotly().catch(() => {{}});</script>",
        unsafe_allow_javascript=True,
    )


_live_chart = st.components.v2.component("losslab.live_chart", js=JS, css=CSS, isolate_styles=False)

# The variants element: a header (uint32 length, JSON), zero bytes up to a multiple of 8,
# then float64 arrays. Stored by chart key for the chart's sliders; nothing is drawn.
VARIANTS_JS = """
export default function ({ data }) {
  const length = new DataView(data.buffer, data.byteOffset, 4).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + length)));
  const store = (window.lossLabVariants = window.lossLabVariants || {});
  if (store[header.chart] && store[header.chart].key === header.key) return;  // a rerun: the same
  header.arrays = new Float64Array(data.slice(8 * Math.ceil((4 + length) / 8)).buffer);  // aligned copy
  store[header.chart] = header;
}
"""
VARIANTS_CSS = """
[class*="st-key-losslab-variants-"] {
  display: none;
}
"""
_chart_variants = st.components.v2.component(
    "losslab.chart_variants", js=VARIANTS_JS, css=VARIANTS_CSS, isolate_styles=False
)


def variants_bytes(chart, variants):
    """The variants element's data: header and arrays (see VARIANTS_JS), and the key that
    names this content (a hash: the same curves give the same bytes and key)."""
    arrays = np.ascontiguousarray(variants["arrays"], dtype="<f8")
    header = {"chart": chart, "values": variants["values"], "n": arrays.shape[-1]}
    header["curves"] = [{"traces": c["traces"], "names": c["names"]} for c in variants["curves"]]
    body = arrays.tobytes()
    header["key"] = hashlib.sha1(json.dumps(header).encode() + body).hexdigest()[:16]
    text = json.dumps(header).encode()
    start = 8 * -(-(4 + len(text)) // 8)
    return len(text).to_bytes(4, "little") + text + bytes(start - 4 - len(text)) + body, header["key"]


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


def live_chart(fig, *, key, config, sliders=(), values=None, variants=None, moves=None):
    """Mount (or update in place) the chart ``key`` with ``fig`` and its own ``sliders``
    at ``values``. ``variants``: the curves for every slider value (as
    viz.regression_variants gives them); ``moves``: {slider name: the losses it moves}."""
    values = values or {}
    meta = None  # what the chart needs to find the curves and use them
    if variants and variants["curves"]:
        payload, content = variants_bytes(key, variants)
        names = [c["name"] for c in variants["curves"]]
        meta = {
            "chart": key,
            "key": content,
            "moves": {
                s: [names.index(n) for n in losses if n in names] for s, losses in (moves or {}).items()
            },
        }
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
            "variants": meta,
            "settle_ms": SETTLE_MS,
        },
        **{f"on_{s.name}_change": _ignore for s in sliders},
    )
    if meta:  # after the chart: its coming and going never moves the chart in the page
        _chart_variants(key=f"losslab-variants-{key}", data=payload)


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

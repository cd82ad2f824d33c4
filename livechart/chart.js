// A chart updated in place, and the sliders it owns (plotly_loader.js and logic.js are
// joined before this file). Python sends, each rerun:
//   {chart, figure (JSON), config, sliders: [{name, label, min, max, step, value,
//    decimals, disabled, shown_while: {slider, at_least} | null, wide}],
//    frames: {slider name: key of its frames}, settle_ms, slider_columns: n | null,
//    received: {slider name: sequence number of the value sent that Python read last}}
// A slider with frames redraws the chart at once from them (frames.js stored them) and
// sends its value to Python once it rests; one without sends it at once.

function part(parent, className, tag = "div") {
  let node = parent.querySelector(":scope > ." + className);
  if (!node) {
    node = document.createElement(tag);
    node.className = className;
    parent.appendChild(node);
  }
  return node;
}

function sliderSpec(box, name) {
  return box.lossLabData.sliders.find((s) => s.name === name);
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
  row.classList.toggle("losslab-wide", Boolean(spec.wide));
  row.querySelector("span").textContent = spec.label;
  Object.assign(input, { min: spec.min, max: spec.max, step: spec.step, disabled: spec.disabled });
  input.setAttribute("aria-label", spec.label);
  if (!sliderBusy(box.state, spec.name, box.lossLabData.received)) {
    // never pull a slider from under the user's hand
    input.value = spec.value;
    row.querySelector("output").textContent = formatValue(spec.value, spec.decimals);
  }
}

// Show each slider whose ``shown_while`` holds for the value its slider shows now (the
// hand's, before Python knows it).
function showWhile(box) {
  for (const spec of box.lossLabData.sliders) {
    if (!spec.shown_while) continue;
    const input = box.querySelector(`:scope > [data-name="${spec.shown_while.slider}"] input`);
    const row = box.querySelector(`:scope > [data-name="${spec.name}"]`);
    if (input && row) row.hidden = Number(input.value) < spec.shown_while.at_least;
  }
}

// The frames of slider ``name`` if the browser has those of this rerun's figure.
function framesOf(box, name) {
  const key = box.lossLabData.frames[name];
  const stored = ((window.lossLabFrames || {})[box.lossLabData.chart] || {})[name];
  return key && stored && stored.key === key ? stored : null;
}

// Draw the frame of ``value`` of slider ``name``: true if it was drawn.
function drawFrame(box, name, value) {
  const frames = framesOf(box, name);
  const plot = box.lossLabPlot;
  if (!frames || !window.Plotly || !plot._fullLayout) return false;
  const { sliders, received } = box.lossLabData;
  if (othersBusy(box.state, sliders, name, received)) return false; // its frames are out of date
  const index = frameIndex(frames.values, value, sliderSpec(box, name).step);
  if (index < 0) return false;
  const { traces, data, layout } = frameUpdate(frames, index);
  window.Plotly.update(plot, data, layout, traces);
  return true;
}

function moved(box, name, value, setStateValue) {
  const spec = sliderSpec(box, name);
  if (!spec) return; // a slider this rerun no longer has
  box.querySelector(`[data-name="${name}"] output`).textContent = formatValue(value, spec.decimals);
  showWhile(box);
  const drawn = drawFrame(box, name, value);
  // Send the value once the slider rests; at once if no frame was drawn for it. A
  // sequence number makes a move back to the value sent last a new value for Python, and
  // tells when Python has read it (each render says which it read last).
  clearTimeout(box.state.pending[name]);
  box.state.pending[name] = setTimeout(
    () => {
      delete box.state.pending[name];
      box.state.sequence += 1;
      box.state.sent[name] = box.state.sequence;
      setStateValue(name, [value, box.state.sequence]);
    },
    drawn ? box.lossLabData.settle_ms : 0,
  );
}

// The rows of exactly this rerun's sliders, in its order (a page may draw fewer, e.g.
// fewer classes); a slider that is gone forgets its state.
function keepOnly(box, sliders) {
  const names = sliders.map((s) => s.name);
  for (const row of [...box.querySelectorAll(":scope > .losslab-slider")]) {
    if (!names.includes(row.dataset.name)) {
      clearTimeout(box.state.pending[row.dataset.name]);
      delete box.state.pending[row.dataset.name];
      delete box.state.sent[row.dataset.name];
      row.remove();
    }
  }
  for (const name of names) {
    const row = box.querySelector(`:scope > [data-name="${name}"]`);
    if (row) box.appendChild(row); // in order
  }
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
  // on a narrow screen (a phone) the chart keeps the width its text needs and scrolls
  // sideways in its own box, which then takes a tab stop (a region that scrolls must be
  // reachable by keyboard)
  const scroller = part(parentElement, "losslab-scroll");
  const div = part(scroller, "losslab-chart");
  if (!scroller.lossLabResize) {
    scroller.lossLabResize = new ResizeObserver(() => {
      if (scroller.scrollWidth > scroller.clientWidth) scroller.setAttribute("tabindex", "0");
      else scroller.removeAttribute("tabindex");
    });
    scroller.lossLabResize.observe(scroller);
  }
  sliders.state = sliders.state || { pending: {}, sent: {}, sequence: 0 };
  sliders.lossLabData = data;
  // a chart mounted again (its state new) numbers its values after those Python has
  sliders.state.sequence = Math.max(sliders.state.sequence, ...Object.values(data.received));
  sliders.classList.toggle("losslab-fixed-columns", Boolean(data.slider_columns));
  if (data.slider_columns) sliders.style.setProperty("--losslab-columns", data.slider_columns);
  sliders.lossLabPlot = div;
  for (const spec of data.sliders) showSlider(sliders, spec, setStateValue);
  keepOnly(sliders, data.sliders);
  showWhile(sliders);
  const figure = JSON.parse(data.figure);
  div.style.width = "100%";
  div.style.height = (figure.layout.height || 450) + "px";
  if (!div.lossLabResize) {
    // e.g. a chart drawn in a hidden tab: fit it once it shows
    div.lossLabResize = new ResizeObserver(() => div._fullLayout && window.Plotly.Plots.resize(div));
    div.lossLabResize.observe(div);
  }
  // A changed config makes Plotly.react replot from scratch, losing the zoom: keep the
  // first config and only rename the image download (read when the button is clicked).
  loadPlotly().then((Plotly) => {
    div.lossLabConfig = div.lossLabConfig || withSvgDownload(Plotly, data.config);
    Plotly.react(div, figure.data, figure.layout, div.lossLabConfig).then(() => {
      div._context.toImageButtonOptions.filename = data.config.toImageButtonOptions.filename;
      // a slider still on its way to Python: show its frame, not the older figure's
      for (const spec of data.sliders) {
        const input = sliders.querySelector(`[data-name="${spec.name}"] input`);
        if (sliderBusy(sliders.state, spec.name, data.received)) drawFrame(sliders, spec.name, Number(input.value));
      }
    });
  });
}

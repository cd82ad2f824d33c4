// plotly.js (the basic bundle: scatter and bar, all the app draws), served once from
// static/ and shared by every chart of the page. Used as a plain script too (preload).
const PLOTLY_SRC = "app/static/plotly-basic.min.js";
// the bundle whose PlotSchema.findArrayAttributes walkSchemaOnce reproduces (the
// browser tests compare the two on every trace the app draws)
const PLOTLY_CHECKED = "4.1.1";

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(walkSchemaOnce(window.Plotly));
  if (!window.lossLabPlotly) {
    window.lossLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_SRC;
      script.onload = () => resolve(walkSchemaOnce(window.Plotly));
      script.onerror = (error) => {
        window.lossLabPlotly = null; // let the next render try again
        reject(error);
      };
      document.head.appendChild(script);
    });
  }
  return window.lossLabPlotly;
}

// On every redraw Plotly asks, for every trace, which of its attributes hold arrays
// (PlotSchema.findArrayAttributes), and answers by walking the whole trace-attribute
// schema: ~0.45 ms a trace, a quarter of a chart slider's frame on a 16-trace chart. The
// schema never changes once Plotly has loaded: walk it once per trace type, then look at
// only the attributes that may hold arrays. Same answer, same order; Plotly unchanged
// if it is not the version this was checked against.
function walkSchemaOnce(Plotly) {
  const schema = Plotly.PlotSchema;
  const original = schema.findArrayAttributes;
  if (original.walksEveryTime || Plotly.version !== PLOTLY_CHECKED) return Plotly;
  // the attributes every trace has, which Plotly does not export: the first schema the
  // original walks (a trace without a type walks only those)
  let base = null;
  const crawl = schema.crawl;
  schema.crawl = (attributes, ...rest) => {
    base = base || attributes;
    return crawl(attributes, ...rest);
  };
  try {
    original({});
  } finally {
    schema.crawl = crawl;
  }
  if (!base) return Plotly;

  // per schema: [names, linked] of each attribute that may hold an array, in the walk's
  // order: its path's names and whether each is an array of objects (e.g. annotations)
  const walked = new Map();
  const mayHoldArrays = (attributes) => {
    if (!walked.has(attributes)) {
      const found = [];
      let names = [];
      let linked = [];
      schema.crawl(attributes, (attribute, name, _parent, level) => {
        names = names.slice(0, level).concat([name]);
        linked = linked.slice(0, level).concat([Boolean(attribute && attribute._isLinkedToArray)]);
        const arrays = attribute && (attribute.valType === "data_array" || attribute.arrayOk === true);
        const colorbarTicks = names[level - 1] === "colorbar" && (name === "ticktext" || name === "tickvals");
        if (arrays && !colorbarTicks) found.push([names, linked]);
      });
      walked.set(attributes, found);
    }
    return walked.get(attributes);
  };
  const isArray = (value) => Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  const isPlainObject = (value) =>
    Object.prototype.toString.call(value) === "[object Object]" &&
    Object.getPrototypeOf(value).hasOwnProperty("hasOwnProperty");
  const collect = (container, names, linked, step, path, out) => {
    const value = container[names[step]];
    const here = path + names[step];
    if (step === names.length - 1) {
      if (isArray(value)) out.push(here);
    } else if (linked[step]) {
      if (Array.isArray(value))
        value.forEach((item, i) => isPlainObject(item) && collect(item, names, linked, step + 1, `${here}[${i}].`, out));
    } else if (isPlainObject(value)) collect(value, names, linked, step + 1, here + ".", out);
  };
  schema.findArrayAttributes = (trace) => {
    const out = [];
    const schemas = trace._module && trace._module.attributes ? [base, trace._module.attributes] : [base];
    for (const attributes of schemas)
      for (const [names, linked] of mayHoldArrays(attributes)) collect(trace, names, linked, 0, "", out);
    return out;
  };
  schema.findArrayAttributes.walksEveryTime = original; // for the tests
  return Plotly;
}

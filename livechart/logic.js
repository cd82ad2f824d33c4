// What the live chart decides, without a DOM: which frame a slider value draws, whether a
// slider is busy, how a frame becomes one Plotly.update. Tested by tests/js/logic.test.js.

// The index of ``value`` among the frames' slider ``values`` (-1 if none is within half a step).
export function frameIndex(values, value, step) {
  return values.findIndex((v) => Math.abs(v - value) < step / 2);
}

// A slider is busy while its value waits to be sent, or is sent and Python has not yet
// read it: a render in between carries an older value, which must not pull the slider.
// ``state`` = {pending: {name: timer}, sent: {name: sequence number of the value sent}};
// ``received``: the render's {name: sequence number of the value Python read}. A value
// sent that Python already had still ends the wait: the sequence, not the value, tells.
export function sliderBusy(state, name, received) {
  const sent = state.sent[name];
  if (sent !== undefined && received && received[name] >= sent) delete state.sent[name];
  return Boolean(state.pending[name]) || state.sent[name] !== undefined;
}

// A slider's frames hold the chart's other sliders at their values in this rerun: while
// another one is busy (moved and not yet read by Python), they are out of date.
export function othersBusy(state, sliders, name, received) {
  return sliders.some((s) => s.name !== name && sliderBusy(state, s.name, received));
}

// The value as the slider shows it.
export function formatValue(value, decimals) {
  return Number(value).toFixed(decimals);
}

// The label of frames as livechart/wire.py encodes them (a Uint8Array): {chart, slider,
// key}, and where their deflated content starts.
export function framesLabel(bytes) {
  const length = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  return { label: JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + length))), start: 4 + length };
}

// The label and header in one object, the float64 arrays as ``body`` (a Float64Array).
export async function decodeFrames(bytes) {
  const { label, start } = framesLabel(bytes);
  const inflated = new Blob([bytes.subarray(start)]).stream().pipeThrough(new DecompressionStream("deflate"));
  const content = new Uint8Array(await new Response(inflated).arrayBuffer());
  const length = new DataView(content.buffer, 0, 4).getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(content.subarray(4, 4 + length)));
  const body = new Float64Array(content.buffer, 8 * Math.ceil((4 + length) / 8));
  return { ...label, ...header, body };
}

// Frame ``index`` as the arguments of Plotly.update: {traces, data, layout}, where
// data[attribute][i] is the value for traces[i] (undefined: left as it is).
export function frameUpdate(frames, index) {
  const row = frames.frames[index];
  const traces = [...new Set(frames.targets.map(([trace]) => trace).filter((t) => t !== "layout"))];
  const data = {};
  const layout = {};
  frames.targets.forEach(([trace, attribute], i) => {
    const ref = row[i];
    const value = Array.isArray(ref) ? frames.body.subarray(ref[0], ref[0] + ref[1]) : ref.v;
    if (trace === "layout") {
      layout[attribute] = value;
      return;
    }
    if (!data[attribute]) data[attribute] = traces.map(() => undefined);
    data[attribute][traces.indexOf(trace)] = value;
  });
  return { traces, data, layout };
}

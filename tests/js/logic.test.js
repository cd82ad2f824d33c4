// The live chart's decisions, without a browser: node --test tests/js/ (run by tests/test_livechart.py).
import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateSync } from "node:zlib";

import { decodeFrames, formatValue, frameIndex, frameUpdate, othersBusy, sliderBusy } from "../../livechart/logic.js";

test("frameIndex finds the value within half a step, or -1", () => {
  const values = [0.05, 0.1, 0.15];
  assert.equal(frameIndex(values, 0.1, 0.05), 1);
  assert.equal(frameIndex(values, 0.1000000001, 0.05), 1); // a range input's rounding
  assert.equal(frameIndex(values, 0.3, 0.05), -1);
});

test("a slider is busy while its value waits, or is sent and not yet read by Python", () => {
  const state = { pending: {}, sent: {} };
  assert.equal(sliderBusy(state, "d", {}), false);
  state.pending.d = 17; // a timer: the value waits to be sent
  assert.equal(sliderBusy(state, "d", {}), true);
  delete state.pending.d;
  state.sent.d = 4; // sent as value number 4: a render of an older run must not pull it
  assert.equal(sliderBusy(state, "d", { d: 3 }), true);
  assert.equal(sliderBusy(state, "d", {}), true);
  assert.equal(state.sent.d, 4);
  assert.equal(sliderBusy(state, "d", { d: 4 }), false); // Python read it
  assert.equal(state.sent.d, undefined);
  assert.equal(sliderBusy(state, "d", { d: 3 }), false); // and nothing is waited for any more
});

test("a value sent that Python already had ends the wait by its number, not its value", () => {
  // moved away and back to the value Python has: the render shows the same value before
  // and after Python read it; only the sequence number tells them apart
  const state = { pending: {}, sent: { d: 7 } };
  assert.equal(sliderBusy(state, "d", { d: 6 }), true);
  assert.equal(sliderBusy(state, "d", { d: 7 }), false);
});

test("formatValue shows the step's decimals", () => {
  assert.equal(formatValue(0.25, 2), "0.25");
  assert.equal(formatValue(3, 1), "3.0");
});

async function encode(label, header, arrays) {
  // the wire format of livechart/wire.py, written by hand (node's own deflate)
  const plain = new TextEncoder().encode(JSON.stringify(label));
  const text = new TextEncoder().encode(JSON.stringify(header));
  const start = 8 * Math.ceil((4 + text.length) / 8);
  const content = new Uint8Array(start + arrays.length * 8);
  new DataView(content.buffer).setUint32(0, text.length, true);
  content.set(text, 4);
  new Float64Array(content.buffer, start).set(arrays);
  const deflated = new Uint8Array(deflateSync(content));
  const bytes = new Uint8Array(4 + plain.length + deflated.length);
  new DataView(bytes.buffer).setUint32(0, plain.length, true);
  bytes.set(plain, 4);
  bytes.set(deflated, 4 + plain.length);
  return bytes;
}

test("a frame becomes one Plotly.update: arrays by reference, values as they are, layout apart", async () => {
  const label = { chart: "c", slider: "s", key: "k" };
  const header = {
    values: [1, 2],
    targets: [
      [0, "y"],
      [2, "y"],
      [2, "name"],
      ["layout", "yaxis.range"],
    ],
    frames: [
      [[0, 2], [2, 1], { v: "one" }, { v: [0, 1] }],
      [[3, 2], [2, 1], { v: "two" }, { v: [0, 2] }],
    ],
  };
  const frames = await decodeFrames(await encode(label, header, [1.5, 2.5, 9, 3.5, 4.5]));
  assert.deepEqual([frames.chart, frames.slider, frames.key, frames.values], ["c", "s", "k", [1, 2]]);
  assert.deepEqual(Array.from(frames.body), [1.5, 2.5, 9, 3.5, 4.5]);
  const { traces, data, layout } = frameUpdate(frames, 1);
  assert.deepEqual(traces, [0, 2]);
  assert.deepEqual(Array.from(data.y[0]), [3.5, 4.5]);
  assert.deepEqual(Array.from(data.y[1]), [9]);
  assert.deepEqual(data.name, [undefined, "two"]); // trace 0's name is left as it is
  assert.deepEqual(layout, { "yaxis.range": [0, 2] });
});

test("a slider's frames are out of date while another slider of the chart is busy", () => {
  const sliders = [
    { name: "a", value: 1, step: 0.5 },
    { name: "b", value: 2, step: 0.5 },
  ];
  const state = { pending: {}, sent: {} };
  assert.equal(othersBusy(state, sliders, "a", {}), false);
  state.pending.a = 3; // a moved: b's frames held a at 1
  assert.equal(othersBusy(state, sliders, "b", {}), true);
  assert.equal(othersBusy(state, sliders, "a", {}), false); // a's own frames are fine
  delete state.pending.a;
  state.sent.a = 2; // sent, not yet read
  assert.equal(othersBusy(state, sliders, "b", { a: 1 }), true);
  assert.equal(othersBusy(state, sliders, "b", { a: 2 }), false);
});

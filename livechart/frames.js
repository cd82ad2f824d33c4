// The frames element (logic.js is joined before this file): it draws nothing, it stores
// the frames of one chart slider by chart and slider, where the chart finds them.
// Inflating is asynchronous: the frames held before are dropped at once (they were
// drawn with the other controls' old values; without frames the slider reruns), and the
// newest frames win, whatever order the inflating ends in.
export default function ({ data }) {
  const { chart: name, slider, key } = framesLabel(data).label;
  const store = (window.lossLabFrames = window.lossLabFrames || {});
  const chart = (store[name] = store[name] || {});
  const latest = (window.lossLabFramesWanted = window.lossLabFramesWanted || {});
  const wanted = `${name}\u0000${slider}`;
  if ((chart[slider] && chart[slider].key === key) || latest[wanted] === key) return;
  latest[wanted] = key;
  delete chart[slider];
  decodeFrames(data).then((header) => {
    if (latest[wanted] === header.key) chart[slider] = header;
  });
}

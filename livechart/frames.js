// The frames element (logic.js is joined before this file): it draws nothing, it stores
// the frames of one chart slider by chart and slider, where the chart finds them.
export default function ({ data }) {
  const header = decodeFrames(data);
  const store = (window.lossLabFrames = window.lossLabFrames || {});
  const chart = (store[header.chart] = store[header.chart] || {});
  const stored = chart[header.slider];
  if (!stored || stored.key !== header.key) chart[header.slider] = header;
}

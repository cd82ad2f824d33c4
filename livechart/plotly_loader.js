// plotly.js (the basic bundle: scatter and bar, all the app draws), served once from
// static/ and shared by every chart of the page. Used as a plain script too (preload).
const PLOTLY_SRC = "app/static/plotly-basic.min.js";

function loadPlotly() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.lossLabPlotly) {
    window.lossLabPlotly = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = PLOTLY_SRC;
      script.onload = () => resolve(window.Plotly);
      script.onerror = (error) => {
        window.lossLabPlotly = null; // let the next render try again
        reject(error);
      };
      document.head.appendChild(script);
    });
  }
  return window.lossLabPlotly;
}

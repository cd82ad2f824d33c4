// Every page (mounted once, in the sidebar): a formula or a table wider than its column
// scrolls sideways (Streamlit's .katex-display, st.table's box), and a region that scrolls
// must be reachable by keyboard, so each gets a tab stop. Marked as they appear, at most
// once a frame.
export default function () {
  if (window.lossLabFormulaStops) return;
  let queued = false;
  const mark = () => {
    queued = false;
    const boxes = document.querySelectorAll(".katex-display:not([tabindex]), .stTable > div:not([tabindex])");
    for (const box of boxes) box.setAttribute("tabindex", "0");
  };
  window.lossLabFormulaStops = new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(mark);
    }
  });
  window.lossLabFormulaStops.observe(document.body, { childList: true, subtree: true });
  mark();
}

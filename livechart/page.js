// Every page (mounted once, in the sidebar): a formula wider than its column scrolls
// sideways (Streamlit's .katex-display), and a region that scrolls must be reachable by
// keyboard, so each formula gets a tab stop. Marked as formulas appear, at most once a frame.
export default function () {
  if (window.lossLabFormulaStops) return;
  let queued = false;
  const mark = () => {
    queued = false;
    for (const box of document.querySelectorAll(".katex-display:not([tabindex])")) box.setAttribute("tabindex", "0");
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

"""Slider → chart latency in a real browser, beside the plain st.plotly_chart baseline.

    .venv/bin/python benchmarks/latency.py [--steps 30] [--loads 5]

For each chart approach (the app's in-place charts, then plain ``st.plotly_chart`` via
benchmarks/plain_charts.py, which swaps the chart backend from outside) it starts the app, opens the regression page in headless
Chromium with every curve and the derivative panel shown, and presses the Huber δ
slider's arrow key N times. Inside the page it times each step from the key event until
the chart shows the new data and the app is idle, and counts frames with no chart drawn
(blank), chart elements replaced (remounts) and frames where the content below the chart
moved (jumps). It also times the cold load to the first drawn chart.
"""

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from devtools.browser import chromium, running_app, wait_idle

CHART = ".st-key-reg_chart"
BELOW = ".st-key-reg_outlier"  # the outlier slider, below the chart: it must not move

# One step, measured inside the page: armed before the key press, resolved when the chart
# has drawn the new data and the script run has ended.
ARM = """([chart, below]) => {
    const plot = () => document.querySelector(chart + ' .js-plotly-plot');
    const drawn = (p) => p && p._fullData && p._fullLayout
        ? p._fullData.map(t => t.name).join('|') : null;
    const idle = () => document.querySelector('[data-test-script-state]').dataset.testScriptState === 'notRunning';
    const top = () => document.querySelector(below).getBoundingClientRect().top;
    const mark = plot(), before = drawn(mark), y0 = top();
    window.lossLabStep = new Promise((resolve) => {
        document.addEventListener('keydown', () => {
            const t0 = performance.now();
            let blank = 0, jumps = 0, shown = null;
            const frame = () => {
                const p = plot(), now = drawn(p);
                if (now === null) blank += 1;
                if (Math.abs(top() - y0) > 0.5) jumps += 1;
                if (shown === null && now !== null && now !== before) shown = performance.now() - t0;
                if (shown !== null && idle()) {
                    resolve({shown, ms: performance.now() - t0, blank, jumps, remounted: p !== mark});
                } else {
                    requestAnimationFrame(frame);
                }
            };
            requestAnimationFrame(frame);
        }, {capture: true, once: true});
    });
}"""

FIRST_CHART = """() => new Promise((resolve) => {
    const frame = () => {
        const p = document.querySelector('.js-plotly-plot');
        if (p && p._fullLayout) resolve(performance.now()); else requestAnimationFrame(frame);
    };
    frame();
})"""


def measure(label, launcher, steps, loads):
    with (
        running_app(launcher=launcher) as url,
        sync_playwright() as playwright,
        chromium(playwright) as browser,
    ):
        cold = []
        for _ in range(loads):
            page = browser.new_page()
            page.goto(f"{url}/regression-losses", wait_until="commit")
            cold.append(page.evaluate(FIRST_CHART))  # ms since the navigation started
            page.close()
        page = browser.new_page()
        page.goto(f"{url}/regression-losses")
        wait_idle(page)
        for toggle in ("Huber", "Pseudo-Huber", "log-cosh"):
            page.get_by_text(toggle, exact=True).click()
            page.wait_for_timeout(400)
            wait_idle(page)
        # Huber δ (Pseudo-Huber's is linked to it): the chart's own slider, or Streamlit's
        slider = page.locator("input[aria-label='Huber δ'], .st-key-reg_chart__reg_huber_delta input")
        slider.focus()
        results = []
        for _ in range(steps):
            page.evaluate(ARM, [CHART, BELOW])
            slider.press("ArrowRight")
            results.append(page.evaluate("window.lossLabStep"))
            page.wait_for_timeout(150)  # a pause between key presses, as a person makes
        times = sorted(r["ms"] for r in results)
        shown = sorted(r["shown"] for r in results)
        return {
            "approach": label,
            "p50": statistics.median(times),
            "p95": _p95(times),
            "shown p50": statistics.median(shown),
            "shown p95": _p95(shown),
            "remounts": sum(r["remounted"] for r in results),
            "blank": sum(r["blank"] > 0 for r in results),
            "jumps": sum(r["jumps"] > 0 for r in results),
            "cold": statistics.median(cold),
            "steps": steps,
        }


def _p95(sorted_values):
    return sorted_values[min(len(sorted_values) - 1, round(0.95 * (len(sorted_values) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--loads", type=int, default=5)
    args = parser.parse_args()
    rows = [
        measure("in place (Loss Lab)", None, args.steps, args.loads),
        measure("plain st.plotly_chart", Path(__file__).with_name("plain_charts.py"), args.steps, args.loads),
    ]
    print(f"regression page, all curves + derivative panel, {args.steps} arrow-key steps of Huber δ")
    print("ms from the key event until the new curves are drawn, and until drawn with the app idle")
    print(
        f"{'approach':24} {'drawn p50':>9} {'p95':>5} {'idle p50':>9} {'p95':>5} {'remounts':>9} "
        f"{'blank':>6} {'jumps':>6}   cold load (median of {args.loads})"
    )
    for r in rows:
        n = r["steps"]
        print(
            f"{r['approach']:24} {r['shown p50']:9.0f} {r['shown p95']:5.0f} {r['p50']:9.0f} {r['p95']:5.0f} "
            f"{r['remounts']:>6}/{n} {r['blank']:>3}/{n} {r['jumps']:>3}/{n}   {r['cold']:.0f} ms"
        )
    print(
        f"ratio of medians, in place / plain: drawn {rows[0]['shown p50'] / rows[1]['shown p50']:.2f}, "
        f"idle {rows[0]['p50'] / rows[1]['p50']:.2f}"
    )


if __name__ == "__main__":
    main()

"""Slider → chart latency in a real browser, for every chart-drawn slider of every page,
beside the plain st.plotly_chart baseline.

    .venv/bin/python benchmarks/latency.py [--steps 12] [--loads 5] [--only PAGE ...]

For each chart approach (the app's in-place charts, then plain ``st.plotly_chart`` via
benchmarks/plain_charts.py, which swaps the chart backend from outside) it starts the app
and opens, in headless Chromium, each page (each tab of the binary page by its link; the
regression page with every curve shown). On each chart it finds the sliders the chart
draws (the enabled ``.losslab-slider`` rows above it; in the baseline the same sliders are
Streamlit sliders keyed ``<chart>__<slider>``) and presses each one's arrow key N times,
150 ms apart, from its default (ArrowRight; ArrowLeft where N steps up would pass the top).
Inside the page it times each step from the key event until the chart has drawn different
data (its traces' names, x and y, and its title; "drawn"), and until drawn with the app
idle ("idle"). It counts steps where the chart element was replaced (remounts), where a
frame had no chart drawn (blank), where the content below the chart moved (jumps: its CSV
button), and where a script run began before the chart was drawn (rerun: the step waited
for Python; seen in the app's script state, or in a remount). Before the next slider it
waits for the app to be idle and, in place, for the sliders to be back from Python with
the next one's frames. It also times the cold load of the regression page to the first
drawn chart (median of ``--loads``), and the first visit to a freshly started server
(``--first-visits`` servers, one visit each).
"""

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from devtools.browser import chromium, console_errors, running_app

PLAIN = Path(__file__).with_name("plain_charts.py")
APPROACHES = {"in place": None, "plain": PLAIN}
TITLES = {"in place": "in place (Loss Lab)", "plain": "plain st.plotly_chart"}
PAUSE_MS = 150  # between key presses, as a person makes
SWITCH_MS = 600  # before the next slider: the last value goes to Python (after 350 ms at rest)
STEP_TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Chart:
    """A chart to measure: the page (url path), the query that opens it as wanted, its key."""

    page: str
    query: str
    key: str

    @property
    def selector(self):
        return f".st-key-{self.key}"


CHARTS = [
    # every curve shown, so δ moves curves; "Same δ for both" is on: Pseudo-Huber δ is disabled
    Chart(
        "regression-losses",
        "reg_show_huber=true&reg_show_pseudo_huber=true&reg_show_log_cosh=true",
        "reg_chart",
    ),
    Chart("regression-losses", "", "reg_outlier_chart"),
    Chart("binary-classification", "", "bin_bce_chart"),
    Chart("binary-classification", "bin_tab=margin", "bin_margin_chart"),
    Chart("binary-classification", "bin_tab=sigmoid", "bin_sigmoid_chart"),
    Chart("binary-classification", "bin_tab=focal", "bin_focal_chart"),
    Chart("softmax", "", "mc_chart"),
    Chart("kl-divergence", "", "kl_chart"),
    Chart("barron", "", "barron_chart"),
    Chart("robust-fitting", "", "fit_chart"),
    Chart("gradient-descent", "", "gd_chart"),
]
COLD_PAGE = "regression-losses"

# The sliders chart ``key`` draws, as the page shows them: the live chart's own rows, or
# (baseline) the Streamlit sliders keyed ``<key>__<name>``; both are an <input type=range>.
SLIDERS = """(key) => {
    const prefix = `st-key-${key}__`;
    const boxes = document.querySelectorAll(`.st-key-${key} .losslab-slider[data-name]:not([hidden]), [class*="${prefix}"]`);
    return [...boxes].map((box) => {
        const input = box.querySelector('input[type=range]');
        const name = box.dataset.name
            || [...box.classList].find((c) => c.startsWith(prefix)).slice(prefix.length);
        return {name, value: +input.value, min: +input.min, max: +input.max, step: +input.step,
                disabled: input.disabled};
    });
}"""

# Ready for the next slider: no script run, the chart drawn, and in place, every slider
# back from Python (none busy) with the frames of slider ``name`` stored for this figure.
READY = """([key, name]) => {
    const root = document.querySelector('[data-test-script-state]');
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    if (!root || root.dataset.testScriptState !== 'notRunning' || !plot || !plot._fullLayout) return false;
    const box = document.querySelector(`.st-key-${key} .losslab-sliders`);
    if (!box) return true;
    const {pending, sent} = box.state;
    if (Object.keys(pending).length || Object.keys(sent).length) return false;
    const wanted = box.lossLabData.frames[name];
    const stored = ((window.lossLabFrames || {})[key] || {})[name];
    return Boolean(wanted && stored && stored.key === wanted);
}"""

# One step, measured inside the page: armed before the key press, resolved when the chart
# has drawn different data and no script runs (or after STEP_TIMEOUT_MS, as timed out).
ARM = """([chart, below, timeoutMs]) => {
    const root = document.querySelector('[data-test-script-state]');
    const plot = () => document.querySelector(chart + ' .js-plotly-plot');
    const sum = (values) => {  // a cheap fingerprint of an array, every element weighed in
        let s = 0;
        for (let i = 0; i < (values ? values.length : 0); i++) {
            const v = +values[i];
            s += (Number.isFinite(v) ? v : 0.5) * ((i % 97) + 1);
        }
        return s;
    };
    const drawn = (p) => p && p._fullData && p._fullLayout
        ? p._fullData.map((t) => [t.name, t.x && t.x.length, sum(t.x), sum(t.y)].join('|')).join(';')
            + ((p._fullLayout.title || {}).text || '')
        : null;
    const idle = () => root.dataset.testScriptState === 'notRunning';
    const top = () => {
        const element = document.querySelector(below);
        return element ? element.getBoundingClientRect().top : null;
    };
    const mark = plot(), before = drawn(mark), y0 = top();
    window.lossLabStep = new Promise((resolve) => {
        document.addEventListener('keydown', () => {
            const t0 = performance.now();
            let blank = 0, jumps = 0, shown = null, rerun = false, done = false;
            // the app was idle at the key press: any change of its state is a script run
            const runs = new MutationObserver(() => {
                if (shown === null) rerun = true;
            });
            runs.observe(root, {attributes: true, attributeFilter: ['data-test-script-state']});
            const finish = (timedOut) => {
                if (done) return;
                done = true;
                runs.disconnect();
                // only a script run replaces the chart (its state may flip too fast to show)
                const remounted = plot() !== mark;
                resolve({shown, ms: performance.now() - t0, blank, jumps, rerun: rerun || remounted,
                         timedOut, remounted});
            };
            setTimeout(() => finish(true), timeoutMs);
            const frame = () => {
                if (done) return;
                const now = drawn(plot()), y = top();
                if (now === null) blank += 1;
                if (y !== null && y0 !== null && Math.abs(y - y0) > 0.5) jumps += 1;
                if (shown === null && now !== null && now !== before) shown = performance.now() - t0;
                if (shown !== null && idle()) finish(false); else requestAnimationFrame(frame);
            };
            requestAnimationFrame(frame);
        }, {capture: true, once: true});
    });
}"""

# ms since the navigation started until a chart is drawn; null after ``timeoutMs`` (a
# promise that never settles would hold Playwright, and the run, for ever)
FIRST_CHART = """(timeoutMs) => new Promise((resolve) => {
    setTimeout(() => resolve(null), timeoutMs);
    const frame = () => {
        const p = document.querySelector('.js-plotly-plot');
        if (p && p._fullLayout) resolve(performance.now()); else requestAnimationFrame(frame);
    };
    frame();
})"""
FIRST_CHART_TIMEOUT_MS = 60_000

# The armed step's result, or null if the key press never reached the page (the step's
# own time-out runs from the key press)
STEP_RESULT = """(timeoutMs) => Promise.race([
    window.lossLabStep, new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs))])"""


def arrow_keys(value, low, high, step, steps):
    """``steps`` arrow keys that keep a slider within its range: ArrowRight from ``value``
    if there is room for them all (or more room above than below), else ArrowLeft;
    turning back at an end."""
    up, down = round((high - value) / step), round((value - low) / step)
    direction = 1 if up >= min(steps, down) else -1
    keys, position = [], 0
    for _ in range(steps):
        if not -down <= position + direction <= up:
            direction = -direction
        position += direction
        keys.append("ArrowRight" if direction > 0 else "ArrowLeft")
    return keys


def slider_locator(page, chart, name):
    """The range input of slider ``name`` of ``chart`` (drawn by the chart, or Streamlit's)."""
    return page.locator(
        f"{chart.selector} .losslab-slider[data-name='{name}'] input, "
        f".st-key-{chart.key}__{name} input[type=range]"
    )


def open_chart(page, url, chart):
    page.goto(f"{url}/{chart.page}" + (f"?{chart.query}" if chart.query else ""))
    page.wait_for_function(
        """(key) => {
            const root = document.querySelector('[data-test-script-state]');
            const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            return root && root.dataset.testScriptState === 'notRunning' && plot && plot._fullLayout;
        }""",
        arg=chart.key,
        timeout=60_000,
    )


def measure_chart(page, url, chart, steps, notes):
    """{slider name: [step result]} of every enabled slider drawn by ``chart``."""
    open_chart(page, url, chart)
    plan = {
        s["name"]: arrow_keys(s["value"], s["min"], s["max"], s["step"], steps)
        for s in page.evaluate(SLIDERS, chart.key)
        if not s["disabled"]
    }
    if not plan:
        notes.append(f"{chart.key}: no enabled slider found")
    below = f".st-key-{chart.key}_csv"  # the chart's CSV button, right below it
    if page.locator(below).count() != 1:
        notes.append(f"{chart.key}: no {below} below the chart; jumps not counted")
    results = {}
    for name, keys in plan.items():
        try:
            page.wait_for_function(READY, arg=[chart.key, name], timeout=30_000)
        except PlaywrightTimeout:
            notes.append(f"{chart.key} {name}: not ready (busy, or no frames) after 30 s; measured anyway")
        slider = slider_locator(page, chart, name)
        slider.focus()
        steps_done = []
        for key in keys:
            page.evaluate(ARM, [chart.selector, below, STEP_TIMEOUT_MS])
            slider.press(key)
            step = page.evaluate(STEP_RESULT, STEP_TIMEOUT_MS + 5_000)
            if step is None:
                notes.append(f"{chart.key} {name}: a key press never reached the page; step left out")
                continue
            if step["timedOut"]:
                notes.append(
                    f"{chart.key} {name}: a step timed out after {STEP_TIMEOUT_MS} ms "
                    f"({'drawn' if step['shown'] is not None else 'never drawn'})"
                )
            steps_done.append(step)
            page.wait_for_timeout(PAUSE_MS)
        results[name] = steps_done
        drawn = sorted(s["shown"] for s in steps_done if s["shown"] is not None)
        # progress on stderr: a long run shows where it is, and a stall where it stalled
        print(f"  {chart.key} {name}: drawn p50 {_ms(_median(drawn))} ms", file=sys.stderr, flush=True)
        page.wait_for_timeout(SWITCH_MS)
    if page.locator('[data-testid="stException"]').count():
        notes.append(f"{chart.page}: an exception box is shown")
    return results


def measure(approach, charts, steps, loads):
    """The steps' results of ``approach`` per (page, slider), the median cold load (ms), and
    notes on anything odd."""
    notes = []
    with (
        running_app(launcher=APPROACHES[approach]) as url,
        sync_playwright() as playwright,
        chromium(playwright) as browser,
    ):
        cold = []
        for _ in range(loads):
            page = browser.new_page()
            page.goto(f"{url}/{COLD_PAGE}", wait_until="commit")
            cold.append(page.evaluate(FIRST_CHART, FIRST_CHART_TIMEOUT_MS))
            page.close()
        if None in cold:
            notes.append(f"{cold.count(None)} cold load(s) drew no chart in {FIRST_CHART_TIMEOUT_MS} ms")
            cold = [c for c in cold if c is not None]
        page = browser.new_page()
        page.set_default_timeout(60_000)  # no Playwright call waits for ever
        messages = []
        page.on("console", lambda m: messages.append((m.type, m.text, m.location.get("url", ""))))
        rows = {}
        for chart in charts:
            results = measure_chart(page, url, chart, steps, notes)
            rows |= {(chart.page, name): steps_done for name, steps_done in results.items()}
        notes += [f"console error: {text} ({where})" for text, where in console_errors(messages)]
    return rows, statistics.median(cold) if cold else None, notes


def summary(steps_done):
    """Times (ms) and counts (steps, of all) of one slider's steps."""
    drawn = sorted(s["shown"] for s in steps_done if s["shown"] is not None)
    idle = sorted(s["ms"] for s in steps_done if s["shown"] is not None)
    n = len(steps_done)
    return {
        "drawn p50": _median(drawn),
        "drawn p95": _p95(drawn),
        "idle p50": _median(idle),
        "idle p95": _p95(idle),
        "remounts": (sum(s["remounted"] for s in steps_done), n),
        "blank": (sum(s["blank"] > 0 for s in steps_done), n),
        "jumps": (sum(s["jumps"] > 0 for s in steps_done), n),
        "rerun": (sum(s["rerun"] for s in steps_done), n),
    }


def _median(values):
    return statistics.median(values) if values else None


def _p95(sorted_values):
    if not sorted_values:
        return None
    return sorted_values[min(len(sorted_values) - 1, round(0.95 * (len(sorted_values) - 1)))]


TIMES = ("drawn p50", "drawn p95", "idle p50", "idle p95")
COUNTS = ("remounts", "blank", "jumps", "rerun")


def _ms(value):
    return "—" if value is None else f"{value:.0f}"


def _count(pair):
    return "—" if pair is None else f"{pair[0]}/{pair[1]}"


def report(results, cold, steps, loads):
    """The table: per page and slider, each approach's times and counts; per approach the
    median over the sliders, and their ratio in place / plain; the cold loads."""
    keys = list(dict.fromkeys(k for rows in results.values() for k in rows))
    summaries = {a: {k: summary(steps_done) for k, steps_done in rows.items()} for a, rows in results.items()}
    table = [["page", "slider", "approach", *TIMES, *COUNTS]]
    for page, name in keys:
        for approach in results:
            s = summaries[approach].get((page, name))
            cells = (
                [_ms(s[c]) for c in TIMES] + [_count(s[c]) for c in COUNTS]
                if s
                else ["—"] * (len(TIMES) + len(COUNTS))
            )
            table.append([page, name, TITLES[approach], *cells])
    medians = {}
    for approach in results:
        rows = summaries[approach].values()
        medians[approach] = {c: _median([s[c] for s in rows if s[c] is not None]) for c in TIMES}
        totals = [(sum(s[c][0] for s in rows), sum(s[c][1] for s in rows)) for c in COUNTS]
        cells = [_ms(medians[approach][c]) for c in TIMES] + [_count(t) for t in totals]
        table.append(["median over", f"{len(rows)} sliders", TITLES[approach], *cells])
    print(f"{steps} arrow-key steps per chart-drawn slider, {PAUSE_MS} ms apart; ms from the key event until")
    print("the chart draws the new data (drawn), and until drawn with the app idle (idle); counts are steps")
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for i, row in enumerate(table):
        padded = [
            c.ljust(w) if j < 3 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("| " + " | ".join(padded) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    if set(results) == set(APPROACHES):
        ratios = ", ".join(
            f"{c} {medians['in place'][c] / medians['plain'][c]:.2f}"
            for c in TIMES
            if medians["in place"][c] and medians["plain"][c]
        )
        print(f"ratio of the medians over sliders, in place / plain: {ratios}")
    print(
        f"cold load of /{COLD_PAGE} to the first drawn chart (median of {loads}): "
        + ", ".join(f"{TITLES[a]} {_ms(c)} ms" for a, c in cold.items())
    )


def first_visits(count):
    """ms from opening /regression-losses to its first drawn chart, each the very first
    visit to a freshly started server (imports, first script run and plotly.js included)."""
    times = []
    for _ in range(count):
        with sync_playwright() as playwright, chromium(playwright) as browser, running_app() as url:
            page = browser.new_page()
            page.goto(f"{url}/regression-losses", wait_until="commit")
            time_ms = page.evaluate(FIRST_CHART, FIRST_CHART_TIMEOUT_MS)
            if time_ms is not None:  # (None: no chart in a minute; the report shows fewer visits)
                times.append(time_ms)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12, help="arrow-key steps per slider")
    parser.add_argument("--loads", type=int, default=5, help="cold loads of the regression page")
    parser.add_argument("--first-visits", type=int, default=3, help="fresh servers, one first visit each")
    pages = list(dict.fromkeys(c.page for c in CHARTS))
    parser.add_argument("--only", action="append", choices=pages, metavar="PAGE", help=f"one of {pages}")
    parser.add_argument("--in-place-only", action="store_true", help="no plain baseline (a quick check)")
    args = parser.parse_args()
    charts = [c for c in CHARTS if args.only is None or c.page in args.only]
    results, cold, seconds, notes = {}, {}, {}, []
    for approach in ["in place"] if args.in_place_only else APPROACHES:
        start = time.monotonic()
        results[approach], cold[approach], found = measure(approach, charts, args.steps, args.loads)
        seconds[approach] = time.monotonic() - start
        notes += [f"{TITLES[approach]}: {note}" for note in found]
    report(results, cold, args.steps, args.loads)
    if args.first_visits:
        visits = first_visits(args.first_visits)
        print(
            f"first visit to a freshly started server (live charts), ms to the first drawn chart: "
            f"median {_ms(_median(visits))} of {', '.join(f'{v:.0f}' for v in visits) or 'none'}"
        )
    print("wall time: " + ", ".join(f"{TITLES[a]} {s:.0f} s" for a, s in seconds.items()))
    for note in notes:
        print("note:", note)


if __name__ == "__main__":
    main()

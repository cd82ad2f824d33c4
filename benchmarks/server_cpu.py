"""Server CPU and bytes per user interaction, measured on the server process itself.

    .venv/bin/python benchmarks/server_cpu.py [--interactions 20]

Starts the app, and in headless Chromium performs each kind of interaction a class makes
(a chart-drawn slider moved one step and left to rest, a toggle flipped, a tab opened, a
select changed) N times on its page. For each kind it reads the server process's CPU time
(user + system, from /proc, all its threads) before and after, and counts the bytes the
browser received over the websocket: per interaction, the mean. A chart-drawn slider's
steps are drawn in the browser; only its value at rest reaches the server (one rerun). For
a click (a toggle, a tab, a select's option) it also times, in the page, the click until
the rerun it started has ended (the app idle again): the median.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from devtools.browser import chromium, running_app, wait_idle

TICKS = os.sysconf("SC_CLK_TCK")
IDLE_SECONDS = 10
REST_MS = 700  # longer than a slider's settle time (350 ms): each step becomes one rerun


def server_pid(url):
    """The pid of the streamlit process serving ``url`` (found by its port)."""
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"--server.port" in args and args[args.index(b"--server.port") + 1] == port.encode():
            return int(entry.name)
    raise RuntimeError(f"no server process on port {port}")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def slider_step(name):
    def act(page, k):
        slider = page.locator(f".losslab-slider[data-name='{name}'] input")
        slider.focus()
        slider.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")

    return act


def click_texts(*texts):
    """Click each text in turn (a tab, then another: each click opens one)."""

    def act(page, k):
        page.get_by_text(texts[k % len(texts)], exact=True).first.click()

    return act


def select_option(key, options):
    def act(page, k):
        page.locator(f".st-key-{key} input").click()
        page.get_by_role("option", name=options[k % len(options)], exact=True).click()

    return act


# (what, page url, the interaction)
INTERACTIONS = [
    (
        "regression: Huber δ (chart slider)",
        "regression-losses?reg_show_huber=true",
        slider_step("reg_huber_delta"),
    ),
    ("regression: residual range (chart slider)", "regression-losses", slider_step("reg_r_max")),
    ("regression: the outlier (chart slider)", "regression-losses", slider_step("reg_outlier")),
    ("regression: a loss toggled", "regression-losses", click_texts("log-cosh")),
    ("binary: p (chart slider)", "binary-classification", slider_step("bin_p")),
    (
        "binary: a tab opened",
        "binary-classification",
        click_texts("Sigmoid squashing", "Cross-entropy vs probability"),
    ),
    ("softmax: a score (chart slider)", "softmax", slider_step("mc_score_0")),
    ("softmax: temperature (chart slider)", "softmax", slider_step("mc_temperature")),
    ("softmax: number of classes (chart slider)", "softmax", slider_step("mc_classes")),
    ("softmax: true class (select)", "softmax", select_option("mc_true_class", ["class 1", "class 0"])),
    ("KL: a weight of P (chart slider)", "kl-divergence", slider_step("kl_p_0")),
]


# In the page, before an interaction: resolves with the ms from the last click (the
# tab, the toggle's label, the select's option) until the rerun it started has ended,
# or null (no click: a chart slider's key press; or no rerun within 10 s).
ARM_CLICK_TO_IDLE = """() => {
    const root = document.querySelector('[data-test-script-state]');
    let clicked = null, ran = false;
    const onClick = () => { clicked = performance.now(); };
    document.addEventListener('click', onClick, {capture: true});
    window.lossLabClickToIdle = new Promise((resolve) => {
        const done = (value) => {
            observer.disconnect();
            document.removeEventListener('click', onClick, {capture: true});
            resolve(value);
        };
        const observer = new MutationObserver(() => {
            const state = root.dataset.testScriptState;
            if (state === 'running') ran = true;
            else if (ran && state === 'notRunning') done(clicked === null ? null : performance.now() - clicked);
        });
        observer.observe(root, {attributes: true, attributeFilter: ['data-test-script-state']});
        setTimeout(() => done(null), 10000);
    });
}"""


def measure(page, url, pid, path, act, count, received):
    """(server CPU ms, bytes received, [click → idle ms]) per interaction, means but the last."""
    page.goto(f"{url}/{path}")
    wait_idle(page)
    page.wait_for_timeout(REST_MS)
    wait_idle(page)
    cpu, bytes_in, click_to_idle = cpu_seconds(pid), sum(received), []
    for k in range(count):
        page.evaluate(ARM_CLICK_TO_IDLE)
        act(page, k)
        page.wait_for_timeout(REST_MS)
        wait_idle(page)
        ms = page.evaluate("window.lossLabClickToIdle")
        if ms is not None:
            click_to_idle.append(ms)
    return 1000 * (cpu_seconds(pid) - cpu) / count, (sum(received) - bytes_in) / count, click_to_idle


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=20)
    args = parser.parse_args()
    rows = []
    with running_app() as url, sync_playwright() as playwright, chromium(playwright) as browser:
        pid = server_pid(url)
        page = browser.new_page()
        received = []
        page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
        page.goto(url)  # the server's first run: imports
        wait_idle(page)
        page.wait_for_timeout(1000)
        before = cpu_seconds(pid)
        page.wait_for_timeout(1000 * IDLE_SECONDS)
        idle = 1000 * (cpu_seconds(pid) - before) / IDLE_SECONDS
        for what, path, act in INTERACTIONS:
            started = time.monotonic()
            ms, sent, clicks = measure(page, url, pid, path, act, args.interactions, received)
            rows.append((what, ms, sent, time.monotonic() - started, clicks))
    print(f"server CPU per interaction (mean of {args.interactions}; /proc ticks of {1000 / TICKS:.0f} ms)")
    print(f"{'interaction':44} {'CPU ms':>7} {'KB sent':>8} {'click → idle p50 ms':>20}")
    for what, ms, sent, _, clicks in rows:
        click = f"{statistics.median(clicks):.0f} (of {len(clicks)})" if clicks else "—"
        print(f"{what:44} {ms:7.1f} {sent / 1000:8.1f} {click:>20}")
    print(f"{'mean over the kinds':44} {statistics.mean(r[1] for r in rows):7.1f}")
    seconds = statistics.mean(r[3] for r in rows) / args.interactions
    print(
        f"of which the idle server's own {idle:.1f} ms/s over the ~{seconds:.1f} s an interaction "
        f"lasts here (~{idle * seconds:.1f} ms; a page open, nothing moving, {IDLE_SECONDS} s)"
    )


if __name__ == "__main__":
    main()

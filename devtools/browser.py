"""Start the app on a free loopback port and drive it in Debian's headless Chromium.

Playwright drives the ``chromium`` found on PATH (never a browser of Playwright's own, which
cannot be downloaded here), with the flags this machine's closed network needs.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
IDLE = '[data-test-script-state="notRunning"]'


def chromium_path():
    """Debian's chromium on PATH, or an error saying how to get it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError(
            "Debian's chromium is not on PATH: `apt-get install -y chromium` (scripts/test does it)"
        )
    return path


# what a chart has drawn: its traces' decoded data (the figure's own arrays stay base64)
DRAWN = """(index) => {
    const gd = document.querySelectorAll('.js-plotly-plot')[index];
    return JSON.stringify(gd._fullData.map(t => [t.name, Array.from(t.x || []), Array.from(t.y || [])]));
}"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(script="app.py", timeout=60, env=None, launcher=None):
    """Yield the base URL of the app served by ``streamlit run`` on a free port
    (``env``: extra environment variables for the app; ``launcher``: a script that runs
    Streamlit's command line in its own process, e.g. benchmarks/plain_charts.py)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        *(["-m", "streamlit"] if launcher is None else [str(launcher)]),
        "run",
        str(ROOT / script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
        )
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"the app did not start:\n{log.read().decode(errors='replace')}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()  # reaped, or Popen warns "still running" when collected


def _healthy(url):
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def chromium(playwright):
    """A headless Chromium with a fresh user-data dir."""
    with tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=chromium_path(),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1440, "height": 1000},
            env={**os.environ},
        )
        try:
            yield context
        finally:
            context.close()


def wait_idle(page, timeout=30_000):
    """Until a script run has ended and every chart on the page is drawn.

    Before its first run the app is "notRunning" too, so at least one drawn chart is
    required as well (every page of the app has one).
    """
    page.wait_for_function(
        """() => {
            const root = document.querySelector('[data-test-script-state]');
            const plots = [...document.querySelectorAll('.js-plotly-plot')];
            return root && root.dataset.testScriptState === 'notRunning'
                && plots.length > 0 && plots.every(p => p._fullLayout);
        }""",
        timeout=timeout,
    )


# Streamlit's own probes for a base path when a page URL is opened directly: it asks
# /<page>/_stcore/health and /<page>/_stcore/host-config, gets 404, and falls back.
STREAMLIT_BASE_PATH_PROBES = ("/_stcore/health", "/_stcore/host-config")


def console_errors(messages):
    """The console errors that are not Streamlit's base-path probes."""
    return [
        (text, where)
        for kind, text, where in messages
        if kind == "error"
        and not (text.startswith("Failed to load resource") and where.endswith(STREAMLIT_BASE_PATH_PROBES))
    ]

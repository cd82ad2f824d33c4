"""A whole class on one server: simulated students replay what a real browser sends.

N students, each a websocket session of its own, and one real Chromium user beside them.

    .venv/bin/python benchmarks/classroom.py [--students 1 10 25 50] [--at-once 50] [--seconds 40]

Starts the app (one server, loopback only) and, in headless Chromium, records what a
browser sends: for each page (regression with Huber shown, binary, softmax, KL) the
page load (its first ``rerun_script`` BackMsg) and each interaction a student makes, each
made twice so the page is back where it began (a chart-drawn slider moved one step with an
arrow key and left to rest, which is one ``rerun_script`` ~350 ms after the key; a toggle
clicked; a select changed; the binary page's tab opened and closed), with every ForwardMsg
received. It also records how the browser connected (the websocket URL, its subprotocols,
cookie and Origin, from the DevTools handshake event).

Each simulated student (asyncio + ``websockets``) then connects as the browser did, with a
session of its own: ``GET /_stcore/health`` and ``/_stcore/host-config`` (the health
response sets its own ``_streamlit_xsrf`` cookie), then ``/_stcore/stream`` with that
cookie, ``Origin`` and ``Sec-WebSocket-Protocol: streamlit, <its XSRF token>``. It sends
its page's recorded load message, waits for ``script_finished``, and then, 1–2 s (seeded,
random) after each result, replays one recorded interaction of its page (a class mix:
mostly chart-slider rests, some toggles, selects and tabs, now and then a page change =
that page's load message), timing send → ``script_finished``. Before sending, a recorded
message gets (1) the student's own ``cached_message_hashes``: each student keeps the
browser's message cache (``ForwardMessageCache``: cacheable ForwardMsgs by hash, refreshed
by a ``ref_hash``, expired when not used for ``max_cached_message_age`` runs; the recording
checks this model against what Chromium sent) and (2) in a live chart's state
(``{slider: [value, sequence]}``), the moved slider's pair with the student's next sequence
number for that chart (the app takes a pair it has not seen as a move), the other sliders'
pairs as this student last sent them.

Meanwhile one real Chromium user on the regression page presses the Huber δ slider's arrow
key every ~1 s, and times inside the page key → chart redrawn (from frames, no rerun) and
key → drawn with the app idle. The server's CPU time (user + system, /proc/<pid>/stat) and
RSS (/proc/<pid>/status) are read over each scenario. Scenarios: N students interacting for
``--seconds`` each, then N arriving at once (all connect and load at the same moment: the
time from then until each has its first page).
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.web.server.starlette.starlette_app_utils import validate_xsrf_token
from streamlit.web.server.starlette.starlette_server_config import XSRF_COOKIE_NAME
from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.latency import ARM
from benchmarks.server_cpu import TICKS, cpu_seconds, server_pid
from devtools.browser import chromium, running_app, wait_idle

REST_MS = 700  # longer than a chart slider's settle time (350 ms): the rest is sent
TIMEOUT_S = 10.0  # an interaction slower than this is a time-out
GRACE_S = 30.0  # how long after a scenario's end an interaction in flight may still finish
LOAD_TIMEOUT_S = 60.0  # for a first page (connection included)
NO_END = "no script_finished"  # the error of a run that never ended (a time-out)
FINISHED = ForwardMsg.ScriptFinishedStatus
MIX = {"slider": 0.70, "control": 0.20, "page": 0.10}  # a control: the page's toggle, select or tab
TARGETS = {25: 0.300, 50: 1.000}  # N students: p95 (s) at most; at N = 50 nothing may fail
ARRIVAL_TARGET_S = 5.0
USER_PAGE = "regression-losses?reg_show_huber=true"
USER_SLIDER = "reg_huber_delta"
USER_CHART = "reg_chart"
USER_PERIOD_S = 1.0


# --- what the browser sends ---------------------------------------------------------------


@dataclass(frozen=True)
class ControlSpec:
    """A control of a page: its kind (slider, toggle, select, tab), a name, and how to work
    it in the browser (``act(page, k)``, k = 0 forward, 1 back) or, for a chart-drawn
    slider, its name (moved one arrow step and back)."""

    kind: str
    name: str
    slider: str | None = None
    act: object = None


@dataclass(frozen=True)
class PageSpec:
    name: str
    path: str  # url path and query
    controls: tuple


def click_texts(*texts):
    def act(page, k):
        page.get_by_text(texts[k % len(texts)], exact=True).first.click()

    return act


def select_options(key, *options):
    def act(page, k):
        page.locator(f".st-key-{key} input").click()
        page.get_by_role("option", name=options[k % len(options)], exact=True).click()

    return act


PAGES = (
    PageSpec(
        "regression",
        "regression-losses?reg_show_huber=true",
        (
            ControlSpec("slider", "Huber δ", slider="reg_huber_delta"),
            ControlSpec("slider", "residual range", slider="reg_r_max"),
            ControlSpec("slider", "outlier", slider="reg_outlier"),
            ControlSpec("toggle", "log-cosh shown", act=click_texts("log-cosh")),
        ),
    ),
    PageSpec(
        "binary",
        "binary-classification",
        (
            ControlSpec("slider", "p", slider="bin_p"),
            ControlSpec(
                "tab",
                "Sigmoid squashing tab",
                act=click_texts("Sigmoid squashing", "Cross-entropy vs probability"),
            ),
        ),
    ),
    PageSpec(
        "softmax",
        "softmax",
        (
            ControlSpec("slider", "score 0", slider="mc_score_0"),
            ControlSpec("slider", "temperature", slider="mc_temperature"),
            ControlSpec("slider", "classes", slider="mc_classes"),
            ControlSpec("select", "true class", act=select_options("mc_true_class", "class 1", "class 0")),
        ),
    ),
    PageSpec(
        "kl",
        "kl-divergence",
        (
            ControlSpec("slider", "weight p 0", slider="kl_p_0"),
            ControlSpec("slider", "weight q 0", slider="kl_q_0"),
            ControlSpec("slider", "classes", slider="kl_classes"),
        ),
    ),
)


@dataclass
class RecordedControl:
    kind: str
    name: str
    slider: str | None
    messages: list  # serialized BackMsgs, forward then back


@dataclass
class RecordedPage:
    name: str
    path: str
    load: bytes
    controls: list


@dataclass
class Recording:
    pages: list
    handshake: dict  # the browser's websocket handshake request headers
    response: dict  # the server's handshake response headers
    cookies: list
    notes: list
    cache_checks: list = field(default_factory=list)  # (page, [agrees per rerun message])
    ws_url: str = ""
    student_handshake: tuple = ()  # (request, response) headers of a simulated student


class MessageCache:
    """The browser's ForwardMsg cache (Streamlit's ``ForwardMessageCache``): a cacheable
    ForwardMsg is kept by its hash with the run count at its last use; a ``ref_hash``
    uses it; when a script run ends (not early for a rerun) the count grows and messages
    not used for more than ``max_cached_message_age`` runs are dropped."""

    def __init__(self):
        self.used = {}  # hash -> run count at last use, in insertion order as a JS Map
        self.runs = 0
        self.max_age = 2
        self.misses = 0

    def receive(self, msg, kind):
        if kind == "new_session":
            self.max_age = msg.new_session.config.max_cached_message_age
        elif kind == "ref_hash":
            if msg.ref_hash in self.used:
                self.used[msg.ref_hash] = self.runs
            else:
                self.misses += 1  # the browser would throw: "Cached ForwardMsg MISS"
        elif msg.metadata.cacheable and msg.hash:
            self.used[msg.hash] = self.runs
        if kind == "script_finished" and msg.script_finished != FINISHED.FINISHED_EARLY_FOR_RERUN:
            self.runs += 1
            self.used = {h: run for h, run in self.used.items() if self.runs - run <= self.max_age}

    def hashes(self):
        return list(self.used)


def decode_back(data):
    msg = BackMsg()
    msg.ParseFromString(data)
    return msg


def rerun_messages(frames):
    """The rerun_script BackMsgs among ``frames`` (("sent" | "received", bytes) each)."""
    return [
        data
        for way, data in frames
        if way == "sent" and decode_back(data).WhichOneof("type") == "rerun_script"
    ]


def check_cache_model(frames):
    """For each rerun_script the browser sent in ``frames``: whether the cache model, fed the
    same ForwardMsgs in order, holds exactly the hashes the browser listed."""
    cache, results = MessageCache(), []
    for way, data in frames:
        if way == "received":
            msg = ForwardMsg.FromString(data)
            cache.receive(msg, msg.WhichOneof("type"))
        else:
            back = decode_back(data)
            if back.WhichOneof("type") == "rerun_script":
                results.append(set(back.rerun_script.cached_message_hashes) == set(cache.hashes()))
    return results


def chart_pairs(widget):
    """A live chart's state ``{slider: [value, sequence]}`` from a widget state, or None."""
    if widget.WhichOneof("value") != "json_value":
        return None
    try:
        state = json.loads(widget.json_value)
    except ValueError:
        return None
    if not isinstance(state, dict) or not state:
        return None
    if all(isinstance(p, list) and len(p) == 2 and isinstance(p[1], int) for p in state.values()):
        return state
    return None


def slider_value(page, name):
    return page.evaluate(
        """(name) => {
            const input = document.querySelector(`.losslab-slider[data-name='${name}'] input`);
            return input && {value: +input.value, max: +input.max, disabled: input.disabled};
        }""",
        name,
    )


def record_page(browser, url, spec, notes, handshakes, urls):
    """Open ``spec``'s page in a new tab (a new session with an empty message cache) and
    make each of its interactions twice; the BackMsgs sent per interaction, and all frames."""
    page = browser.new_page()
    frames = []

    def on_websocket(ws):
        urls.append(ws.url)
        ws.on("framesent", lambda payload: frames.append(("sent", bytes(payload))))
        ws.on("framereceived", lambda payload: frames.append(("received", bytes(payload))))

    page.on("websocket", on_websocket)
    cdp = browser.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.webSocketWillSendHandshakeRequest", lambda e: handshakes.append(("request", e)))
    cdp.on("Network.webSocketHandshakeResponseReceived", lambda e: handshakes.append(("response", e)))
    page.goto(f"{url}/{spec.path}")
    wait_idle(page, timeout=60_000)
    page.wait_for_timeout(REST_MS)
    wait_idle(page)
    loads = rerun_messages(frames)
    if len(loads) != 1:
        notes.append(
            f"{spec.name}: the page load sent {len(loads)} rerun_script messages; the first is replayed"
        )
    recorded = RecordedPage(spec.name, spec.path, loads[0], [])
    for control in spec.controls:
        messages = []
        if control.slider:
            state = slider_value(page, control.slider)
            if state is None or state["disabled"]:
                notes.append(f"{spec.name}: slider {control.slider} not found or disabled; left out")
                continue
            keys = (
                ["ArrowRight", "ArrowLeft"] if state["value"] < state["max"] else ["ArrowLeft", "ArrowRight"]
            )
        for k in range(2):
            before = len(frames)
            if control.slider:
                slider = page.locator(f".losslab-slider[data-name='{control.slider}'] input")
                slider.focus()
                slider.press(keys[k])
            else:
                control.act(page, k)
            page.wait_for_timeout(REST_MS)
            wait_idle(page)
            sent = rerun_messages(frames[before:])
            if len(sent) != 1:
                notes.append(f"{spec.name}: {control.name} (#{k + 1}) sent {len(sent)} rerun_script messages")
            if sent:
                messages.append(sent[-1])
            if control.slider and sent:
                moved = [
                    pairs[control.slider]
                    for w in decode_back(sent[-1]).rerun_script.widget_states.widgets
                    if (pairs := chart_pairs(w)) and control.slider in pairs
                ]
                if not moved:
                    notes.append(f"{spec.name}: {control.name}: no [value, sequence] pair in the message")
        if messages:
            recorded.controls.append(RecordedControl(control.kind, control.name, control.slider, messages))
    if page.locator('[data-testid="stException"]').count():
        notes.append(f"{spec.name}: an exception box is shown after recording")
    page.close()
    return recorded, frames


def record(url):
    """Every page's load and interactions as Chromium sent them, and how it connected."""
    notes, handshakes, pages, checks, urls = [], [], [], [], []
    with sync_playwright() as playwright, chromium(playwright) as browser:
        warm = browser.new_page()  # a fresh server's first visits run in legacy mode: visit each page first
        for spec in PAGES:
            warm.goto(f"{url}/{spec.path}")
            wait_idle(warm, timeout=60_000)
        warm.close()
        for spec in PAGES:
            recorded, frames = record_page(browser, url, spec, notes, handshakes, urls)
            pages.append(recorded)
            checks.append((spec.name, check_cache_model(frames)))
        cookies = browser.cookies()
    request = next((e["request"]["headers"] for kind, e in handshakes if kind == "request"), {})
    response = next((e["response"]["headers"] for kind, e in handshakes if kind == "response"), {})
    return Recording(pages, request, response, cookies, notes, checks, ws_url=", ".join(sorted(set(urls))))


# --- the students ---------------------------------------------------------------------------


async def http_get(host, port, path, cookie=None, timeout=TIMEOUT_S):
    """(status, headers as a list of (name, value)) of a plain HTTP/1.1 GET."""
    async with asyncio.timeout(timeout):
        reader, writer = await asyncio.open_connection(host, port)
        try:
            lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
            if cookie:
                lines.append(f"Cookie: {cookie}")
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in head[1:] if ":" in line]
    return status, headers


@dataclass
class Result:
    kind: str  # load, slider, toggle, select, tab, page
    seconds: float | None  # None: did not finish
    error: str | None = None


class Student:
    """One browser's session, simulated: its own cookie, websocket, message cache and
    chart sequence numbers."""

    def __init__(self, index, recording, url, seed):
        self.index = index
        self.recording = recording
        self.url = url
        self.rng = random.Random(seed * 1000 + index)
        self.page = recording.pages[index % len(recording.pages)]
        self.cache = MessageCache()
        self.sequence = {}  # chart widget id -> the last sequence number sent
        self.pairs = {}  # (chart widget id, slider) -> the pair last sent
        self.turn = {}  # (page, control) -> times replayed: forward, back, forward, ...
        self.ws = None
        self.results = []
        self.exceptions = 0
        self.early = 0  # runs that ended early for a rerun (not counted as the end)
        self.bytes_in = 0
        self.cookies = {}  # name -> value, as a browser keeps them

    async def connect(self):
        """Connect as the browser does: the cookies the server (or a proxy in front of it:
        its replica's cookie) sets on the first responses, then the websocket with them."""
        host, port = self.url.removeprefix("http://").split(":")
        status, headers = await http_get(host, int(port), "/_stcore/health", cookie=self.cookie_header())
        if status != 200:
            raise RuntimeError(f"/_stcore/health answered {status}")
        self.keep_cookies(headers)
        _, headers = await http_get(host, int(port), "/_stcore/host-config", cookie=self.cookie_header())
        self.keep_cookies(headers)
        token = self.cookies.get(XSRF_COOKIE_NAME, "")
        cookie = self.cookie_header()
        self.ws = await connect(
            f"ws://{host}:{port}/_stcore/stream",
            origin=self.url,
            subprotocols=["streamlit", token] if token else ["streamlit"],
            additional_headers={"Cookie": cookie} if cookie else None,
            proxy=None,
            ping_interval=None,
            max_size=2**26,
            open_timeout=TIMEOUT_S,
            close_timeout=2,
        )

    def keep_cookies(self, headers):
        for name, value in headers:
            if name.lower() == "set-cookie" and "=" in value:
                key, _, rest = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = rest.strip()

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items()) or None

    def prepare(self, data, slider=None):
        """A recorded rerun_script with this student's cached hashes and chart sequence numbers."""
        msg = decode_back(data)
        client = msg.rerun_script
        del client.cached_message_hashes[:]
        client.cached_message_hashes.extend(self.cache.hashes())
        for widget in client.widget_states.widgets:
            pairs = chart_pairs(widget)
            if pairs is None:
                continue
            for name, pair in pairs.items():
                if name == slider:
                    self.sequence[widget.id] = self.sequence.get(widget.id, 0) + 1
                    pairs[name] = [pair[0], self.sequence[widget.id]]
                else:
                    pairs[name] = self.pairs.get((widget.id, name), pair)
                self.pairs[widget.id, name] = pairs[name]
            widget.json_value = json.dumps(pairs, separators=(",", ":"))
        return msg.SerializeToString()

    async def rerun(self, kind, data, deadline, slider=None):
        """Send a rerun and wait for its end (until ``deadline``, loop time)."""
        payload = self.prepare(data, slider)
        start = time.monotonic()
        try:
            await self.ws.send(payload)
            async with asyncio.timeout_at(deadline):
                error = None
                while True:
                    raw = await self.ws.recv()
                    self.bytes_in += len(raw)
                    msg = ForwardMsg.FromString(raw)
                    what = msg.WhichOneof("type")
                    self.cache.receive(msg, what)
                    if what == "delta" and msg.delta.new_element.WhichOneof("type") == "exception":
                        self.exceptions += 1
                        error = "exception shown"
                    elif what == "page_not_found":
                        error = "page not found"
                    elif what == "script_finished":
                        if msg.script_finished == FINISHED.FINISHED_EARLY_FOR_RERUN:
                            self.early += 1
                            continue
                        if msg.script_finished == FINISHED.FINISHED_WITH_COMPILE_ERROR:
                            error = "compile error"
                        result = Result(kind, time.monotonic() - start, error)
                        break
        except TimeoutError:
            result = Result(kind, None, NO_END)
        except websockets.ConnectionClosed as exc:
            result = Result(kind, None, f"connection closed: {exc}")
        self.results.append(result)
        return result

    async def load(self, page, deadline, kind="load"):
        """Open ``page``: its recorded load message (kind "page" for a change of page)."""
        self.page = page
        return await self.rerun(kind, page.load, deadline)

    def choose(self):
        """The next interaction: (kind, message, slider) by the class mix."""
        controls = self.page.controls
        sliders = [c for c in controls if c.kind == "slider"]
        others = [c for c in controls if c.kind != "slider"]
        kinds = {k: w for k, w in MIX.items() if k != "control" or others}
        kind = self.rng.choices(list(kinds), weights=list(kinds.values()))[0]
        if kind == "page":
            page = self.rng.choice([p for p in self.recording.pages if p is not self.page])
            return "page", page, None
        control = self.rng.choice(sliders if kind == "slider" else others)
        turn = self.turn.get((self.page.name, control.name), 0)
        self.turn[self.page.name, control.name] = turn + 1
        return control.kind, control.messages[turn % len(control.messages)], control.slider

    async def work(self, end, hard_end):
        """Interact until ``end`` (loop time): 1–2 s after each result, one interaction."""
        await asyncio.sleep(self.rng.uniform(0, 1))  # not all in step
        while True:
            await asyncio.sleep(self.rng.uniform(1, 2))
            if time.monotonic() >= end:
                return
            kind, what, slider = self.choose()
            if kind == "page":
                result = await self.load(what, hard_end, kind="page")
            else:
                result = await self.rerun(kind, what, hard_end, slider)
            if result.seconds is None:
                return  # no longer usable: counted, and this student stops

    async def close(self):
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()


async def arrive(student, deadline):
    """Connect and load the first page; a Result of kind "load" (time from now)."""
    start = time.monotonic()
    try:
        async with asyncio.timeout_at(deadline):
            await student.connect()
    except (
        TimeoutError,
        OSError,
        websockets.WebSocketException,
        RuntimeError,
        ValueError,
        IndexError,
    ) as exc:
        student.results.append(Result("load", None, f"connect: {type(exc).__name__}: {exc}"))
        return student.results[-1], time.monotonic() - start
    result = await student.load(student.page, deadline)
    return result, time.monotonic() - start


# --- the real browser user ------------------------------------------------------------------


class BrowserUser:
    """One real Chromium user on the regression page, in a thread of its own (Playwright's
    sync API): on ``measure(seconds)`` it presses the Huber δ slider's arrow key every ~1 s
    (right, left, ...) and times each step inside the page (latency.py's ARM)."""

    def __init__(self, url):
        self.url = url
        self.reruns = 0  # rerun_script messages the page sent
        self.error = None
        self._ready = threading.Event()
        self._command = None
        self._wake = threading.Event()
        self._done = threading.Event()
        self._steps = []
        self._thread = threading.Thread(target=self._run, name="browser-user", daemon=True)

    def start(self, timeout=90):
        self._thread.start()
        if not self._ready.wait(timeout) or self.error:
            raise RuntimeError(f"the browser user did not start: {self.error}")

    def measure(self, seconds):
        self._done.clear()
        self._command = seconds
        self._wake.set()

    def steps(self, timeout):
        """The steps of the last ``measure`` (waits for its end)."""
        if not self._done.wait(timeout):
            return []
        return list(self._steps)

    def close(self):
        self._command = None
        self._wake.set()
        self._thread.join(30)

    def _count(self, payload):
        if decode_back(bytes(payload)).WhichOneof("type") == "rerun_script":
            self.reruns += 1

    def _run(self):
        try:
            with sync_playwright() as playwright, chromium(playwright) as browser:
                page = browser.new_page()
                page.on("websocket", lambda ws: ws.on("framesent", self._count))
                page.goto(f"{self.url}/{USER_PAGE}")
                wait_idle(page, timeout=60_000)
                page.wait_for_timeout(REST_MS)
                wait_idle(page)
                self._ready.set()
                while True:
                    self._wake.wait()
                    self._wake.clear()
                    if self._command is None:
                        return
                    self._steps = self._press_for(page, self._command)
                    self._done.set()
        except (PlaywrightError, RuntimeError, OSError) as exc:
            self.error = exc
            self._ready.set()
            self._done.set()

    def _press_for(self, page, seconds):
        slider = page.locator(f".losslab-slider[data-name='{USER_SLIDER}'] input")
        chart, below = f".st-key-{USER_CHART}", f".st-key-{USER_CHART}_csv"
        steps, end, k = [], time.monotonic() + seconds, 0
        while time.monotonic() < end:
            pressed = time.monotonic()
            page.evaluate(ARM, [chart, below, int(TIMEOUT_S * 1000)])
            slider.focus()
            slider.press("ArrowRight" if k % 2 == 0 else "ArrowLeft")
            steps.append(page.evaluate("window.lossLabStep"))
            k += 1
            page.wait_for_timeout(max(0, 1000 * (USER_PERIOD_S - (time.monotonic() - pressed))))
        return steps


# --- measuring ------------------------------------------------------------------------------


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine_busy():
    """(busy, total) CPU ticks of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values) - values[3] - values[4], sum(values)


def process_cpu():
    """{pid: (CPU seconds, ppid, command line)} of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            args = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        table[int(entry.name)] = ((int(fields[11]) + int(fields[12])) / TICKS, int(fields[1]), args)
    return table


def other_heavy_processes(before, after, seconds, share=0.05):
    """Processes outside this benchmark (not this process or its descendants) that used more
    than ``share`` of a core between ``before`` and ``after``."""
    ours, grew = {os.getpid()}, True
    while grew:
        grew = False
        for pid, (_, ppid, _) in after.items():
            if ppid in ours and pid not in ours:
                ours.add(pid)
                grew = True
    heavy = []
    for pid, (cpu, _, args) in after.items():
        used = cpu - before.get(pid, (0,))[0]
        if pid not in ours and used > share * seconds:
            heavy.append((used / seconds, pid, args[:100]))
    return sorted(heavy, reverse=True)


def percentile(values, q):
    """Nearest-rank percentile of ``values`` (None if empty)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class Scenario:
    name: str
    students: int
    results: list
    wall: float
    server_cpu: float
    server_reruns: int  # reruns the server made in the window (students' and the browser user's)
    rss_start: float
    rss_peak: float
    user_steps: list
    own_cpu: float  # this process's CPU seconds in the window (the load generator)
    machine: float  # the machine's CPU busy share (all cores) in the window
    cores: int
    early: int
    cache_misses: int
    arrival: bool = False
    failed_to_start: int = 0


class Window:
    """Server CPU, RSS, this process's CPU and the machine's over a stretch of time."""

    def __init__(self, pid):
        self.pid = pid

    async def __aenter__(self):
        self.cpu, self.own, self.busy = cpu_seconds(self.pid), time.process_time(), machine_busy()
        self.start = time.monotonic()
        self.rss_start = self.rss_peak = rss_mb(self.pid)
        self._sampler = asyncio.create_task(self._sample())
        return self

    async def _sample(self):
        while True:
            self.rss_peak = max(self.rss_peak, rss_mb(self.pid))
            await asyncio.sleep(0.5)

    async def __aexit__(self, *exc):
        self._sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._sampler
        self.rss_peak = max(self.rss_peak, rss_mb(self.pid))
        self.wall = time.monotonic() - self.start
        self.server_cpu = cpu_seconds(self.pid) - self.cpu
        self.own_cpu = time.process_time() - self.own
        busy, total = machine_busy()
        self.machine = (busy - self.busy[0]) / max(1, total - self.busy[1])


async def arrive_over_a_few_seconds(students):
    """Connect and load each student's first page, coming in over a few seconds; the
    students that could start, their loads not counted in their results."""

    async def start(student):
        await asyncio.sleep(student.rng.uniform(0, min(3.0, 0.1 * len(students))))
        return await arrive(student, time.monotonic() + LOAD_TIMEOUT_S)

    arrivals = await asyncio.gather(*(start(s) for s in students))
    for s in students:
        s.results.clear()  # the loads before the window are not counted
        s.early = 0
    return [s for s, (result, _) in zip(students, arrivals, strict=True) if result.seconds is not None]


async def steady(n, recording, url, pid, user, seconds, seed):
    """N students on their pages, interacting for ``seconds``."""
    students = [Student(i, recording, url, seed) for i in range(n)]
    ready = await arrive_over_a_few_seconds(students)
    reruns_before = user.reruns
    async with Window(pid) as window:
        user.measure(seconds)
        end = time.monotonic() + seconds
        await asyncio.gather(*(s.work(end, end + GRACE_S) for s in ready))
        user_reruns = user.reruns - reruns_before
    steps = await asyncio.to_thread(user.steps, 2 * TIMEOUT_S + 5)
    await asyncio.gather(*(s.close() for s in students))
    results = [r for s in students for r in s.results]
    name = f"{n} student{'s' * (n != 1)}"
    return _scenario(name, students, results, window, steps, user_reruns, failed_to_start=n - len(ready))


def _scenario(name, students, results, window, user_steps, user_reruns, **more):
    """What a scenario measured: the students' results, the server over ``window``, the
    browser user's steps."""
    return Scenario(
        name=name,
        students=len(students),
        results=results,
        wall=window.wall,
        server_cpu=window.server_cpu,
        server_reruns=sum(r.seconds is not None for r in results) + user_reruns,
        rss_start=window.rss_start,
        rss_peak=window.rss_peak,
        user_steps=user_steps,
        own_cpu=window.own_cpu,
        machine=window.machine,
        cores=os.cpu_count(),
        early=sum(s.early for s in students),
        cache_misses=sum(s.cache.misses for s in students),
        **more,
    )


async def at_once(n, recording, url, pid, user, seed):
    """N students connecting and loading their first page at the same moment."""
    students = [Student(i, recording, url, seed) for i in range(n)]
    reruns_before = user.reruns
    async with Window(pid) as window:
        user.measure(10.0)
        deadline = time.monotonic() + LOAD_TIMEOUT_S
        arrivals = await asyncio.gather(*(arrive(s, deadline) for s in students))
        user_reruns = user.reruns - reruns_before
    steps = await asyncio.to_thread(user.steps, 2 * TIMEOUT_S + 15)
    await asyncio.gather(*(s.close() for s in students))
    # the time from the common start, connection included
    results = [
        Result("load", total if result.seconds is not None else None, result.error)
        for result, total in arrivals
    ]
    return _scenario(f"{n} arriving at once", students, results, window, steps, user_reruns, arrival=True)


# --- the report -----------------------------------------------------------------------------


def _ms(seconds):
    return "—" if seconds is None else f"{1000 * seconds:.0f}"


def target_of(s):
    """(the target's text, met) for scenario ``s``, or None."""
    done = [r.seconds for r in s.results if r.seconds is not None]
    failed = sum(counts(s))
    if s.arrival:
        met = len(done) == s.students and max(done, default=float("inf")) <= ARRIVAL_TARGET_S
        return f"all {s.students} have their first page within {ARRIVAL_TARGET_S:.0f} s", met
    if s.students in TARGETS:
        limit = TARGETS[s.students]
        p95 = percentile(done, 0.95)
        met = p95 is not None and p95 <= limit
        text = f"p95 ≤ {1000 * limit:.0f} ms"
        if s.students == 50:
            met = met and failed == 0
            text += ", nothing failing"
        return text, met
    return None


def counts(s):
    """(errors, time-outs) of scenario ``s``: an error is a run that ended with an exception
    shown, a compile error, a page not found, or a lost connection; a time-out took longer
    than TIMEOUT_S or never ended."""
    errors = sum(r.error is not None and r.error != NO_END for r in s.results) + s.failed_to_start
    timeouts = sum(r.error == NO_END or (r.seconds is not None and r.seconds > TIMEOUT_S) for r in s.results)
    return errors, timeouts


def row(s):
    done = [r.seconds for r in s.results if r.seconds is not None]
    errors, timeouts = counts(s)
    drawn = [step["shown"] for step in s.user_steps if step["shown"] is not None]
    idle = [step["ms"] for step in s.user_steps if step["shown"] is not None and not step["timedOut"]]
    cpu_per = 1000 * s.server_cpu / s.server_reruns if s.server_reruns else None
    target = target_of(s)
    return [
        s.name,
        f"{len(done)}" + (f"/{s.students}" if s.arrival else ""),
        _ms(percentile(done, 0.5)),
        _ms(percentile(done, 0.95)),
        _ms(max(done, default=None)),
        f"{errors}",
        f"{timeouts}",
        "—" if cpu_per is None else f"{cpu_per:.1f}",
        f"{100 * s.server_cpu / s.wall:.0f}",
        f"{s.rss_start:.0f}→{s.rss_peak:.0f}",
        f"{_num(percentile(drawn, 0.5))} / {_num(percentile(drawn, 0.95))}",
        f"{_num(percentile(idle, 0.5))} / {_num(percentile(idle, 0.95))}",
        "—" if target is None else f"{target[0]}: {'met' if target[1] else 'MISSED'}",
    ]


def _num(value):
    return "—" if value is None else f"{value:.0f}"


HEADER = [
    "scenario",
    "interactions",
    "p50 ms",
    "p95 ms",
    "max ms",
    "errors",
    "time-outs",
    "CPU/rerun ms",
    "CPU % core",
    "RSS MB",
    "user drawn p50/p95",
    "user idle p50/p95",
    "target",
]


def print_table(rows):
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, r in enumerate(rows):
        cells = [
            c.ljust(w) if j in (0, len(r) - 1) else c.rjust(w)
            for j, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def report(recording, scenarios, seconds, total_wall, heavy):
    print()
    print(
        f"Latency: send → script_finished (ms), per interaction; {seconds:.0f} s per scenario, students "
        f"interacting 1–2 s after each result; time-out > {TIMEOUT_S:.0f} s. 'arriving at once': time "
        "from the common start (HTTP + websocket connect + first page) until each has its first page."
    )
    print(
        "CPU/rerun: server CPU (user+system) over the window / reruns finished in it (students' and the "
        "browser user's); CPU % of one core; RSS MB at the window's start → peak. Browser user: one "
        "Chromium on the regression page, Huber δ arrow key every ~1 s; ms key → chart drawn, and → drawn "
        "with the app idle."
    )
    print_table([HEADER, *(row(s) for s in scenarios)])
    print()
    print("per kind (p50 / p95 ms, count):")
    for s in scenarios:
        kinds = {}
        for r in s.results:
            if r.seconds is not None:
                kinds.setdefault(r.kind, []).append(r.seconds)
        parts = [
            f"{k} {_ms(percentile(v, 0.5))}/{_ms(percentile(v, 0.95))} ({len(v)})"
            for k, v in sorted(kinds.items())
        ]
        print(f"  {s.name}: " + ", ".join(parts))
    print()
    print("per scenario:")
    for s in scenarios:
        user_timeouts = sum(st["timedOut"] for st in s.user_steps)
        user_reruns = sum(st["rerun"] for st in s.user_steps)
        errors = sorted({r.error for r in s.results if r.error})
        print(
            f"  {s.name}: window {s.wall:.1f} s, {s.server_reruns} server reruns, server CPU {s.server_cpu:.2f} s; "
            f"load generator (this process) CPU {100 * s.own_cpu / s.wall:.0f}% of a core; machine busy "
            f"{100 * s.machine:.0f}% of {s.cores} cores; browser user {len(s.user_steps)} steps "
            f"({user_timeouts} timed out, {user_reruns} waited for a rerun); runs ended early for a rerun "
            f"{s.early}; cache misses {s.cache_misses}; never finished "
            f"{sum(r.seconds is None for r in s.results)}; students that could not start {s.failed_to_start}"
            + (f"; errors: {errors}" if errors else "")
        )
    print()
    checks = [(page, ok) for page, results in recording.cache_checks for ok in results]
    print(
        f"cache model vs Chromium: {sum(ok for _, ok in checks)}/{len(checks)} recorded rerun messages listed "
        "exactly the hashes the model holds"
        + ("" if all(ok for _, ok in checks) else f" (differs on: {[p for p, ok in checks if not ok]})")
    )
    replayed = {
        p.name: [f"{c.name} ({c.kind}, {len(c.messages)})" for c in p.controls] for p in recording.pages
    }
    print(f"recorded and replayed: {replayed}")
    print(describe_connection(recording))
    for note in recording.notes:
        print("note:", note)
    if heavy:
        print("other processes busy during the run (share of a core):")
        for share, pid, args in heavy:
            print(f"  {100 * share:.0f}%  pid {pid}: {args}")
    else:
        print("no other process used more than 5% of a core during the run")
    print(f"wall time: {total_wall:.0f} s")


def _connection(request, response, cookie):
    """How a websocket connected: its subprotocols (the XSRF token checked against the
    cookie as the server checks it), Origin and cookie names, the extension offered and
    accepted, the subprotocol chosen."""
    headers = {k.lower(): v for k, v in request.items()}
    answer = {k.lower(): v for k, v in response.items()}
    protocols = [p.strip() for p in headers.get("sec-websocket-protocol", "").split(",")]
    token = protocols[1] if len(protocols) > 1 else None
    cookies = dict(c.strip().split("=", 1) for c in headers.get("cookie", "").split(";") if "=" in c)
    return (
        f"Sec-WebSocket-Protocol: {protocols[0]!r} + XSRF token "
        f"(valid for its {XSRF_COOKIE_NAME} cookie: {validate_xsrf_token(token, cookie or cookies.get(XSRF_COOKIE_NAME))}), "
        f"Origin {headers.get('origin')!r}, Cookie names {sorted(cookies)}, extensions offered "
        f"{headers.get('sec-websocket-extensions')!r}, accepted {answer.get('sec-websocket-extensions')!r}; "
        f"subprotocol chosen {answer.get('sec-websocket-protocol')!r}"
    )


def describe_connection(recording):
    browser = _connection(recording.handshake, recording.response, None)
    student = _connection(*recording.student_handshake, None) if recording.student_handshake else "—"
    return (
        f"websocket {recording.ws_url}\n  Chromium connected with: {browser}\n"
        f"  a simulated student (its own cookie from /_stcore/health) with: {student}"
    )


async def probe_connection(recording, url):
    """Connect one simulated student and keep its handshake headers, to compare with the
    browser's."""
    student = Student(0, recording, url, 0)
    await student.connect()
    recording.student_handshake = (dict(student.ws.request.headers), dict(student.ws.response.headers))
    await student.close()


async def run_scenarios(args, recording, url, pid, user):
    await probe_connection(recording, url)
    scenarios = []
    for n in args.students:
        scenarios.append(await steady(n, recording, url, pid, user, args.seconds, args.seed))
        print(f"  done: {scenarios[-1].name} ({scenarios[-1].wall:.0f} s)", flush=True)
        await asyncio.sleep(3)  # the sessions closed, the server at rest
    if args.at_once:
        scenarios.append(await at_once(args.at_once, recording, url, pid, user, args.seed))
        print(f"  done: {scenarios[-1].name} ({scenarios[-1].wall:.0f} s)", flush=True)
    return scenarios


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--students", type=int, nargs="*", default=[1, 10, 25, 50], help="class sizes, one scenario each"
    )
    parser.add_argument("--at-once", type=int, default=50, help="students arriving at once (0: skip)")
    parser.add_argument("--seconds", type=float, default=40.0, help="length of each class scenario")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.monotonic()
    before = process_cpu()
    with running_app() as url:
        pid = server_pid(url)
        print(f"server pid {pid} at {url}; recording what Chromium sends …", flush=True)
        recording = record(url)
        user = BrowserUser(url)
        user.start()
        try:
            scenarios = asyncio.run(run_scenarios(args, recording, url, pid, user))
            after = process_cpu()  # while the server and the browsers still run (ours)
        finally:
            user.close()
    heavy = other_heavy_processes(before, after, time.monotonic() - started)
    report(recording, scenarios, args.seconds, time.monotonic() - started, heavy)
    if user.error:
        print(f"the browser user stopped early: {user.error!r}")


if __name__ == "__main__":
    main()

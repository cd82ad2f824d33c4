"""The browser side's contract without a browser: the wire format of frames (one module
for the app and the tests, read by the same JavaScript the browser runs), the frames of
every chart slider within their budget, and the pinned plotly.js."""

import hashlib
import json
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import numpy as np
import plotly
import pytest

import livechart
import viz
from livechart import wire
from losses import LOSSES
from viz.figures import REGRESSION_CURVES

ROOT = Path(__file__).resolve().parents[1]
JS_FILES = (
    sorted((ROOT / "livechart").glob("*.js"))
    + sorted((ROOT / "tests" / "js").glob("*.js"))
    + sorted((ROOT / "tests" / "browser").glob("*.js"))
)


def node():
    path = shutil.which("node")
    assert path, "node is not on PATH: scripts/test installs Debian's nodejs"
    return path


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: p.name)
def test_javascript_is_valid(path):
    run = subprocess.run([node(), "--check", str(path)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_javascript_logic():
    run = subprocess.run(
        [node(), "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^# pass [1-9]", run.stdout, re.MULTILINE), run.stdout


def test_no_javascript_in_python_strings():
    """The browser code lives in .js and .css files beside the Python that declares it."""
    for path in [
        *ROOT.glob("*.py"),
        *ROOT.glob("ui/*.py"),
        *ROOT.glob("livechart/*.py"),
        *ROOT.glob("pages/*.py"),
    ]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"addEventListener|innerHTML|export default", text), path


def test_plotly_js_is_the_pinned_basic_bundle_of_plotly_s_version():
    data = livechart.PLOTLY_JS.read_bytes()
    assert hashlib.sha256(data).hexdigest() == livechart.PLOTLY_JS_SHA256
    assert data.startswith(f"/**\n* plotly.js (basic - minified) v{livechart.PLOTLY_JS_VERSION}\n".encode())
    bundled = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:200]
    assert f"plotly.js v{livechart.PLOTLY_JS_VERSION}\n" in bundled  # the same as Python's plotly ships
    assert "MIT" in (livechart.STATIC / "plotly.js-LICENSE.txt").read_text()
    assert livechart.PLOTLY_JS.name in livechart.asset("plotly_loader.js")
    # the version whose schema walk the loader reproduces (it leaves any other alone)
    assert f'const PLOTLY_CHECKED = "{livechart.PLOTLY_JS_VERSION}";' in livechart.asset("plotly_loader.js")


def _frames():
    slider = viz.SliderSpec(name="t", label="t", min=0.0, max=1.0, step=0.5, default=0.0)
    shared = np.array([1.0, 2.0])
    return viz.Frames(
        "t",
        slider.steps(),
        [(0, "y"), (0, "customdata"), (1, "y"), (0, "name"), ("layout", "yaxis.range")],
        [
            [np.array([0.1, np.nan]), shared, shared, "zero", [0, 1]],
            [np.array([0.2, np.inf]), np.array([3.0]), np.array([3.0]), "half", [0, 2]],
            [np.array([-0.0, 5e-324]), shared, shared, "one", [0, 3]],
        ],
    )


def test_wire_round_trip_keeps_every_bit_and_stores_an_array_once():
    frames = _frames()
    raw, key = wire.encode(frames, chart="c")
    header = wire.decode(raw)
    assert (header["chart"], header["slider"], header["key"], header["values"]) == (
        "c",
        "t",
        key,
        [0.0, 0.5, 1.0],
    )
    for decoded, frame in zip(header["frames"], frames.frames, strict=True):
        for target, value in zip(frames.keys, frame, strict=True):
            if isinstance(value, np.ndarray):
                assert decoded[target].tobytes() == value.tobytes()  # -0.0, nan, inf, subnormal
            else:
                assert decoded[target] == value
    # the same data (a gradient is both hover data and a curve) travels once: 9 float64s
    length = int.from_bytes(raw[:4], "little")
    content = zlib.decompress(raw[4 + length :])
    start = 8 * -(-(4 + int.from_bytes(content[:4], "little")) // 8)
    assert len(content) - start == 8 * (2 + 2 + 2 + 1 + 2)
    assert wire.encode(_frames(), chart="c") == (raw, key)  # the same frames, the same bytes


def test_the_browser_reads_the_wire_format_as_python_writes_it(tmp_path):
    raw, _ = wire.encode(_frames(), chart="c")
    (tmp_path / "frames.bin").write_bytes(raw)
    script = tmp_path / "read.mjs"
    script.write_text(
        f"import {{ decodeFrames, frameUpdate }} from {json.dumps((ROOT / 'livechart' / 'logic.js').as_uri())};\n"
        'import { readFileSync } from "node:fs";\n'
        f"const frames = await decodeFrames(new Uint8Array(readFileSync({json.dumps(str(tmp_path / 'frames.bin'))})));\n"
        "const out = [0, 1, 2].map((i) => { const u = frameUpdate(frames, i);\n"
        "  return {traces: u.traces, layout: u.layout, name: u.data.name,\n"
        "          y: u.data.y.map((a) => Array.from(a, String)), customdata: u.data.customdata.map((a) => a && Array.from(a, String))}; });\n"
        "console.log(JSON.stringify(out));\n"
    )
    run = subprocess.run([node(), str(script)], capture_output=True, text=True, check=True)
    drawn = json.loads(run.stdout)
    assert [d["traces"] for d in drawn] == [[0, 1]] * 3
    assert [d["layout"] for d in drawn] == [{"yaxis.range": [0, k]} for k in (1, 2, 3)]
    assert [d["name"] for d in drawn] == [["zero", None], ["half", None], ["one", None]]
    assert drawn[1]["y"] == [["0.2", "Infinity"], ["3"]]
    assert drawn[0]["y"][0] == ["0.1", "NaN"]
    assert drawn[2]["y"][0] == ["0", "5e-324"]
    assert drawn[0]["customdata"] == [["1", "2"], None]


def _every_chart_slider():
    """Each slider that moves a chart through frames, at the extremes of the other controls."""
    delta = LOSSES["huber"].params[0]
    spec = viz.SliderSpec.for_param(delta, name="delta")
    everything = {"huber_delta": 5.0, "pseudo_huber_delta": 0.05}
    for r_max in (0.5, 1.0, 10.0):
        for moves in (("huber_delta",), ("pseudo_huber_delta",), ("huber_delta", "pseudo_huber_delta")):
            yield viz.REGRESSION, {"shown": REGRESSION_CURVES, "r_max": r_max, **everything}, spec, moves


@pytest.mark.parametrize(("chart", "params", "slider", "moves"), list(_every_chart_slider()))
def test_frames_are_what_the_chart_draws_and_within_the_budget(chart, params, slider, moves):
    frames = viz.sweep(chart, params, slider=slider, moves=moves)
    assert frames.keys
    assert frames.nbytes <= viz.FRAME_BUDGET
    raw, _ = wire.encode(frames, chart="c")
    assert len(raw) <= viz.FRAME_BUDGET * 1.1  # the header: names and references
    for k in (0, len(frames.values) // 3, len(frames.values) - 1):
        at = chart.data_at(**{**params, **dict.fromkeys(moves, frames.values[k])})
        for key, value in zip(frames.keys, frames.frames[k], strict=True):
            np.testing.assert_array_equal(value, at[key])
        drawn = chart.figure(**{**params, **dict.fromkeys(moves, frames.values[k])})
        for (trace, attribute), value in zip(frames.keys, frames.frames[k], strict=True):
            np.testing.assert_array_equal(np.asarray(drawn.data[trace][attribute]), value)


def test_frames_hold_only_what_the_slider_moves():
    slider = viz.SliderSpec(name="p", label="p", min=0.1, max=0.9, step=0.1, default=0.5)
    frames = viz.sweep(viz.BCE, {"marked": True, "p": 0.5}, slider=slider, moves=("p",))
    # the two points and the values written beside them move; the curves and the 1/e point stay
    assert {trace for trace, _ in frames.keys} == {5, 6, "layout"}
    assert {path.split(".")[0] for trace, path in frames.keys if trace == "layout"} == {
        "annotations[0]",
        "annotations[1]",
    }
    assert len(frames.values) == 9


def test_received_sequences_are_the_sequence_numbers_of_the_values_read():
    moved = {"a": [1.5, 3], "b": (2.0, 7), "c": 4.0, "d": [1.0, "7"], "e": [1.0, True], "f": [1.0, 2, 3]}
    assert livechart.received_sequences(moved) == {"a": 3, "b": 7}
    assert livechart.received_sequences({}) == {}

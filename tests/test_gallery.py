"""The gallery export: every entry builds a titled figure; the command writes real PNG,
SVG and offline HTML files (PNG and SVG need kaleido and Chromium)."""

import importlib.util
import io
import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import plotly.graph_objects as go
import pytest

from viz import EXPORT_SIZE
from viz.gallery import BY_NAME, GALLERY, interactive_html

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gallery.py"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SUBSET = ("outlier", "softmax-cold")  # one plain, one with a slider


def _script():
    spec = importlib.util.spec_from_file_location("gallery_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("entry", GALLERY, ids=lambda e: e.name)
def test_entry_builds_a_titled_figure(entry):
    fig = entry.build()
    assert isinstance(fig, go.Figure)
    assert fig.layout.title.text
    assert len(fig.data) > 0


def test_names_are_unique_file_stems():
    names = [entry.name for entry in GALLERY]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9-]+", name) for name in names)


@pytest.mark.parametrize("entry", [e for e in GALLERY if e.slider], ids=lambda e: e.name)
def test_slider_steps_show_each_values_traces(entry):
    fig = interactive_html(entry)
    (slider,) = fig.layout.sliders
    values = entry.slider.steps()
    assert [step.label for step in slider.steps] == [f"{v:g}" for v in values]
    assert slider.steps[slider.active].label == f"{entry.slider.start:g}"
    for k, (value, step) in enumerate(zip(values, slider.steps, strict=True)):
        visible = step.args[0]["visible"]
        assert len(visible) == len(fig.data)
        shown = [trace for trace, v in zip(fig.data, visible, strict=True) if v]
        expected = entry.slider.figure_at(value)
        # what a step shows is the figure at its value, trace for trace
        assert [t.name for t in shown] == [t.name for t in expected.data]
        for got, want in zip(shown, expected.data, strict=True):
            assert list(got.y) == pytest.approx(list(want.y), nan_ok=True)
        if k == slider.active:
            assert [bool(t.visible is not False) for t in fig.data] == visible


def test_plain_entry_html_is_its_figure():
    entry = BY_NAME["kl"]
    assert entry.slider is None
    assert not interactive_html(entry).layout.sliders


def _png_size(data):
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_command_writes_png_svg_html(tmp_path):
    out = io.StringIO()
    written = _script().main(["--out", str(tmp_path), "--only", *SUBSET], stream=out)
    assert {fmt: len(paths) for fmt, paths in written.items()} == {"png": 2, "svg": 2, "html": 2}
    assert "2/6" in out.getvalue()
    assert "6/6" in out.getvalue()
    for name in SUBSET:
        title = BY_NAME[name].build().layout.title.text

        assert _png_size((tmp_path / f"{name}.png").read_bytes()) == EXPORT_SIZE

        svg = ET.parse(tmp_path / f"{name}.svg").getroot()
        assert svg.tag.endswith("svg")
        assert (int(float(svg.get("width"))), int(float(svg.get("height")))) == EXPORT_SIZE
        assert title in " ".join(svg.itertext())

        html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert html.lstrip().lower().startswith("<html") or "<!doctype" in html[:100].lower()
        assert not re.search(r"<script[^>]*\bsrc=[\"']?https?:", html)
        assert "plotly.js (basic - minified) v" in html  # the app's bundle, inline
        assert len(html) < 2_500_000  # the basic bundle (1.2 MB), not the full 4.8 MB
        assert len(html) > 1_000_000
        figure_call = html[html.rindex("Plotly.newPlot(") :]  # after the inline bundle
        assert title in figure_call
        assert ('"sliders":' in figure_call) == (BY_NAME[name].slider is not None)


def test_unknown_entry_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        _script().main(["--out", str(tmp_path), "--only", "no-such-chart"], stream=io.StringIO())

"""A new chart-owned slider needs a declaration and nothing else (tests/apps/new_chart_slider.py):
its frames are computed, sent and drawn exactly as the rerun draws them, and it lives in the URL."""

import numpy as np
from apptest_helpers import ROOT, chart_frames, decode, figures, live_charts, set_controls
from streamlit.testing.v1 import AppTest


def test_a_declared_chart_slider_gets_its_frames_and_its_link():
    at = AppTest.from_file(str(ROOT / "tests" / "apps" / "new_chart_slider.py"), default_timeout=60)
    at.run()
    assert not at.exception
    [slider] = live_charts(at)[0]["sliders"]
    assert (slider["name"], slider["value"], slider["decimals"], slider["disabled"]) == (
        "demo_slope",
        1.0,
        2,
        False,
    )
    [(header, _)] = chart_frames(at)
    assert header["values"] == [0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0]
    assert sorted(header["targets"]) == [[0, "name"], [0, "y"]]  # x does not move
    x = np.linspace(-1.0, 1.0, 5)
    for slope, frame in zip(header["values"], header["frames"], strict=True):
        np.testing.assert_array_equal(frame[0, "y"], slope * x)
        assert frame[0, "name"] == f"{slope:g}·x"
    # the value set in the chart reaches Python: drawn the same, and put in the link
    set_controls(at, demo_slope=0.75)
    at.run()
    [trace] = figures(at)[0]["data"]
    np.testing.assert_array_equal(decode(trace["y"]), header["frames"][3][0, "y"])
    assert at.query_params["demo_slope"] == "0.75"

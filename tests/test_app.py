"""Every page, the way a user uses it: AppTest runs the real app from its entry point."""

import json
import math

import mpmath
import numpy as np
import pytest
from apptest_helpers import (
    PAGES,
    ROOT,
    chart_config,
    chart_frames,
    control_value,
    decode,
    drawn_numbers,
    figures,
    live_charts,
    open_page,
    set_controls,
    shown,
    traces,
)

import losses
import viz
from ui.pages import PAGES as PAGE_TABLE
from viz.figures import REGRESSION_CURVES
from viz.fitting import data_set as fitting_data_set


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_and_draws_finite_charts(page):
    at = open_page(page)
    assert not at.exception
    assert at.title, "every page has a title"
    charts = figures(at)
    assert charts
    for figure in charts:
        for name, field, values in drawn_numbers(figure):
            assert np.isfinite(values).all() or (
                field == "y" and np.isnan(values).any() and "KL" in str(name)
            ), (page, name, field)


def _widgets(at):
    return [*at.slider, *at.toggle, *at.selectbox]


def _seen(at):
    """What a user sees change: the charts, the numbers, the tables and which controls are enabled."""
    return (
        figures(at),
        [m.value for m in at.metric],
        [str(d.value) for d in at.dataframe],
        [str(t.value) for t in at.table],
        [c.value for c in at.code],
        [(w.key, w.disabled) for w in _widgets(at)],
        # which chart sliders there are and whether enabled; not their values, which
        # are the very thing moved
        [[(s["name"], s["disabled"]) for s in chart["sliders"]] for chart in live_charts(at)],
    )


def _chart_sliders_of(at):
    """{name: slider} of every chart-drawn slider shown now (``shown_while`` met)."""
    every = {s["name"]: s for chart in live_charts(at) for s in chart["sliders"]}
    return {
        name: s
        for name, s in every.items()
        if not s["shown_while"] or every[s["shown_while"]["slider"]]["value"] >= s["shown_while"]["at_least"]
    }


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/home.py"])
def test_every_control_at_its_extremes(page):
    """Each slider (a Streamlit widget or drawn by a chart) to its min and max, each toggle
    flipped, each select through its options: every rerun is free of exceptions, and every
    control changes the page. (A disabled control, such as the linked Pseudo-Huber δ, is
    moved in its own test.)"""
    at = open_page(page)
    keys = [w.key for w in _widgets(at) if not w.disabled]
    keys += [name for name, s in _chart_sliders_of(at).items() if not s["disabled"]]
    assert keys
    for key in keys:
        at = open_page(page)
        before = _seen(at)
        chart_slider = _chart_sliders_of(at).get(key)
        if chart_slider is not None:
            values = [chart_slider["min"], chart_slider["max"]]
        else:
            widget = next(w for w in _widgets(at) if w.key == key)
            if widget.type == "slider":
                values = [widget.min, widget.max]
            elif widget.type == "toggle":
                values = [not widget.value]
            else:
                values = list(widget.options)
        changed = False
        for value in values:
            set_controls(at, **{key: value})
            at.run()
            assert not at.exception, (page, key, value)
            changed |= _seen(at) != before
        assert changed, f"{page}: moving {key} changed nothing"


def test_regression_default_view_reproduces_the_articles_plot():
    at = open_page("pages/regression-losses.py")
    shown = traces(figures(at)[0])
    assert {"L1 (MAE)", "L2 (MSE)"} <= set(shown)
    x = decode(shown["L1 (MAE)"]["x"])
    assert x.min() == -1.0
    assert x.max() == 1.0  # prediction in [-1, 1], target 0


def test_regression_curves_are_what_losses_computes():
    at = open_page(
        "pages/regression-losses.py",
        reg_show_huber=True,
        reg_show_pseudo_huber=True,
        reg_show_log_cosh=True,
        reg_r_max=6.0,
        reg_link_deltas=False,
        reg_chart={"reg_huber_delta": 2.5, "reg_pseudo_delta": 0.35},  # the chart's own δ sliders
    )
    shown = traces(figures(at)[0])
    for title, fn, derivative, params in (
        ("Huber (δ = 2.5)", losses.huber, losses.huber_derivative, {"delta": 2.5}),
        ("Pseudo-Huber (δ = 0.35)", losses.pseudo_huber, losses.pseudo_huber_derivative, {"delta": 0.35}),
        ("log-cosh", losses.log_cosh, losses.log_cosh_derivative, {}),
        ("L2 (MSE)", losses.mse, losses.mse_derivative, {}),
    ):
        trace = shown[title]
        x = decode(trace["x"])
        assert x.max() == 6.0
        np.testing.assert_array_equal(decode(trace["y"]), fn(0.0, x, reduction="none", **params))
        np.testing.assert_array_equal(decode(trace["customdata"]), derivative(0.0, x, **params))
    # the kink of Huber is a sample point, so the corner is drawn sharp
    assert 2.5 in decode(shown["Huber (δ = 2.5)"]["x"])


def _chart_sliders(at, index=0):
    return {s["name"]: s for s in live_charts(at)[index]["sliders"]}


def test_regression_linked_deltas_follow_huber():
    at = open_page(
        "pages/regression-losses.py",
        reg_show_huber=True,
        reg_show_pseudo_huber=True,
        reg_chart={"reg_huber_delta": 3.0},
    )
    assert "Pseudo-Huber (δ = 3)" in traces(figures(at)[0])
    sliders = _chart_sliders(at)
    assert sliders["reg_pseudo_delta"]["disabled"]
    assert sliders["reg_pseudo_delta"]["value"] == 3.0
    assert at.query_params["reg_pseudo_delta"] == "3"  # the link holds the one δ for both


def test_a_delta_slider_shows_only_with_its_loss():
    at = open_page("pages/regression-losses.py")  # L1 and L2
    assert set(_chart_sliders(at)) == {"reg_r_max"}
    assert at.toggle(key="reg_link_deltas").disabled  # nothing to link
    at = open_page("pages/regression-losses.py", reg_show_pseudo_huber=True)
    assert set(_chart_sliders(at)) == {"reg_r_max", "reg_pseudo_delta"}
    assert not _chart_sliders(at)["reg_pseudo_delta"]["disabled"]  # it sets its δ alone
    set_controls(at, reg_pseudo_delta=2.5)
    at.run()
    assert "Pseudo-Huber (δ = 2.5)" in traces(figures(at)[0])
    # Huber switched on while linked starts at the same δ
    set_controls(at, reg_show_huber=True)
    at.run()
    assert {"Huber (δ = 2.5)", "Pseudo-Huber (δ = 2.5)"} <= set(traces(figures(at)[0]))


@pytest.mark.parametrize("name", ["reg_huber_delta", "reg_pseudo_delta"])
def test_regression_delta_sliders_at_their_extremes(name):
    """The chart's own δ sliders (not st.slider widgets, so walked here by hand)."""
    at = open_page(
        "pages/regression-losses.py", reg_show_huber=True, reg_show_pseudo_huber=True, reg_link_deltas=False
    )
    spec = _chart_sliders(at)[name]
    assert not spec["disabled"]
    title = {"reg_huber_delta": "Huber", "reg_pseudo_delta": "Pseudo-Huber"}[name]
    for value in (spec["min"], spec["max"], spec["max"] + 10.0):  # beyond the range: clipped
        set_controls(at, **{name: value})
        at.run()
        assert not at.exception
        assert f"{title} (δ = {min(value, spec['max']):g})" in traces(figures(at)[0])


def test_regression_delta_frames_are_the_curves_of_those_deltas():
    """What a key press draws before the rerun must be exactly what the rerun draws, for
    every δ of the slider."""
    at = open_page(
        "pages/regression-losses.py",
        reg_show_huber=True,
        reg_show_pseudo_huber=True,
        reg_chart={"reg_huber_delta": 0.5},
    )
    # linked: the Huber δ slider moves both curves (the range slider has frames of its own)
    [(header, raw)] = [(h, r) for h, r in chart_frames(at) if h["slider"] == "reg_huber_delta"]
    assert header["slider"] == "reg_huber_delta"
    assert header["values"] == [round(0.05 * k, 2) for k in range(1, 101)]  # 0.05, 0.1, ..., 5
    # the third and fourth loss: traces 4, 5 (Huber) and 6, 7 (Pseudo-Huber); x never moves
    assert {trace for trace, _ in header["targets"]} == {4, 5, 6, 7}
    assert not any(attribute == "x" for _, attribute in header["targets"])
    assert live_charts(at)[0]["frames"]["reg_huber_delta"] == header["key"]
    assert "reg_pseudo_delta" not in live_charts(at)[0]["frames"]  # disabled while linked
    x = decode(traces(figures(at)[0])["Huber (δ = 0.5)"]["x"])
    for delta, frame in zip(header["values"], header["frames"], strict=True):
        assert (delta in x and -delta in x) or delta > 1  # Huber's kinks inside the range
        huber, huber_slope = (
            losses.huber(0.0, x, delta=delta, reduction="none"),
            losses.huber_derivative(0.0, x, delta=delta),
        )
        np.testing.assert_array_equal(frame[4, "y"], huber)
        np.testing.assert_array_equal(frame[4, "customdata"], huber_slope)
        np.testing.assert_array_equal(frame[5, "y"], huber_slope)
        np.testing.assert_array_equal(
            frame[6, "y"], losses.pseudo_huber(0.0, x, delta=delta, reduction="none")
        )
        np.testing.assert_array_equal(frame[7, "y"], losses.pseudo_huber_derivative(0.0, x, delta=delta))
        assert frame[4, "name"] == f"Huber (δ = {delta:g})"
    # the rerun at 0.55 draws the very same traces, and the frames are the same bytes
    # (so Streamlit's message cache sends them only once)
    set_controls(at, reg_huber_delta=0.55)
    at.run()
    drawn = traces(figures(at)[0])
    np.testing.assert_array_equal(decode(drawn["Huber (δ = 0.55)"]["y"]), header["frames"][10][4, "y"])
    np.testing.assert_array_equal(decode(drawn["Pseudo-Huber (δ = 0.55)"]["y"]), header["frames"][10][6, "y"])
    np.testing.assert_array_equal(decode(drawn["Huber (δ = 0.55)"]["x"]), x)
    assert [r for h, r in chart_frames(at) if h["slider"] == "reg_huber_delta"] == [raw]


def test_regression_unlinked_delta_sliders_move_their_own_curve():
    at = open_page(
        "pages/regression-losses.py", reg_show_huber=True, reg_show_pseudo_huber=True, reg_link_deltas=False
    )
    moved = {
        header["slider"]: {trace for trace, _ in header["targets"]}
        for header, _ in chart_frames(at)
        if header["chart"] == "reg_chart"
    }
    assert moved == {"reg_r_max": set(range(8)), "reg_huber_delta": {4, 5}, "reg_pseudo_delta": {6, 7}}


def test_regression_without_a_delta_sends_no_delta_frames():
    at = open_page("pages/regression-losses.py")  # L1 and L2
    assert [header["slider"] for header, _ in chart_frames(at) if header["chart"] == "reg_chart"] == [
        "reg_r_max"
    ]
    assert set(live_charts(at)[0]["frames"]) == {"reg_r_max"}


def test_regression_range_frames_are_the_curves_at_each_range():
    at = open_page("pages/regression-losses.py", reg_show_huber=True)
    set_controls(at, reg_huber_delta=0.5)  # its slider is drawn now that Huber is
    at.run()
    [header] = [h for h, _ in chart_frames(at) if h["slider"] == "reg_r_max"]
    assert header["values"] == [0.5 * k for k in range(1, 21)]
    for r_max, frame in zip(header["values"], header["frames"], strict=True):
        x = frame[0, "x"]
        assert (x.min(), x.max()) == (-r_max, r_max)
        assert 0.5 in x  # Huber's corners are samples at every range
        assert -0.5 in x
        np.testing.assert_array_equal(frame[4, "y"], losses.huber(0.0, x, delta=0.5, reduction="none"))
        np.testing.assert_array_equal(frame[5, "y"], losses.huber_derivative(0.0, x, delta=0.5))
        np.testing.assert_array_equal(frame[2, "y"], losses.mse(0.0, x, reduction="none"))


def test_regression_outlier_chart_shows_the_example_by_hand():
    at = open_page("pages/regression-losses.py", reg_outlier=11.0)
    assert not at.dataframe  # the numbers are in the chart, where they follow its slider
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "reg_outlier_chart")
    markers, six, fitted = (figure["data"][k] for k in (3, 4, 5))
    # one residual of 10 among residuals 0.1, 0.1, 0.05, 0.05, 0: hand-derived shares
    names = [text.split("<br>")[0] for text in markers["hovertext"]]
    shares = dict(zip(names, decode(markers["y"]), strict=True))
    assert shares["L1 (MAE)"] == pytest.approx(10 / 10.3)
    assert shares["L2 (MSE)"] == pytest.approx(100 / 100.025)
    assert shares["Huber (δ = 1)"] == pytest.approx(9.5 / (9.5 + 0.0125))
    # L1: its loss 10, the cost 10.3 / 6, without it 0.3 / 5
    assert "its loss 10<br>cost (mean) 1.71667, without it 0.06" in markers["hovertext"][0]
    np.testing.assert_allclose(decode(six["x"])[:6], [0.9, 1.1, 0.95, 1.05, 1.0, 11.0])
    # mean (5 + 11) / 6; median of 0.9 … 1.1, 11: (1.0 + 1.05) / 2; Huber: 5 (c − 1) − 1 = 0
    np.testing.assert_allclose(decode(fitted["x"]), [1.025, 16 / 6, 1.2])
    assert fitted["text"] == ["median 1.025", "mean 2.667", "Huber 1.2"]


def test_regression_download_is_named_after_the_figure():
    at = open_page("pages/regression-losses.py", reg_chart={"reg_huber_delta": 1.5})
    options = chart_config(at)["toImageButtonOptions"]
    assert options["filename"] == "regression_huber-delta-1.5_range-1"
    assert (options["width"], options["height"]) == (1200, 675)


def test_binary_curves_are_what_losses_computes():
    at = open_page("pages/binary-classification.py", bin_p=0.2, bin_score=-3.5)
    assert control_value(at, "bin_p") == 0.2
    bce, margin, sigmoid, _focal = figures(at)
    for y in (1, 0):
        trace = traces(bce)[f"binary cross-entropy, y = {y}"]
        p = decode(trace["x"])
        assert p.min() > 0
        assert p.max() < 1
        np.testing.assert_array_equal(
            decode(trace["y"]), losses.binary_cross_entropy(float(y), p, reduction="none")
        )
        np.testing.assert_array_equal(
            decode(trace["customdata"]), losses.binary_cross_entropy_derivative(float(y), p)
        )
    hinge = traces(margin)["hinge"]
    m = decode(hinge["x"])
    np.testing.assert_array_equal(decode(hinge["y"]), losses.hinge(1.0, m, reduction="none"))
    assert 1.0 in m  # the hinge's corner is sampled
    bars = next(t for t in sigmoid["data"] if t["type"] == "bar")
    np.testing.assert_array_equal(
        decode(bars["y"]), [losses.sigmoid_cross_entropy(1.0, -3.5), losses.sigmoid_cross_entropy(0.0, -3.5)]
    )
    # each label's loss at p is written beside its point in the chart
    marked = {t["name"]: t for t in bce["data"] if t.get("name", "").startswith("p = 0.2")}
    notes = bce["layout"]["annotations"][:2]
    for (y, term), note in zip(((1.0, "−log p"), (0.0, "−log(1 − p)")), notes, strict=True):
        loss = losses.binary_cross_entropy(y, 0.2)
        assert note["text"] == f"y = {y:g}: {term} = {loss:.4f}"
        assert (note["x"], note["y"]) == (0.2, loss)
        np.testing.assert_array_equal(decode(marked[f"p = 0.2, y = {y:g}"]["y"]), [loss])


def test_multiclass_bars_are_what_losses_computes():
    at = open_page("pages/softmax.py", mc_classes=4, mc_true_class="class 2")
    set_controls(at, mc_score_3=4.5, mc_temperature=0.5)  # the fourth score's slider is there now
    at.run()
    scores = np.array([2.0, 1.0, 0.1, 4.5])
    figure = figures(at)[0]
    score_bars, prob_bars, grad_bars, target = (shown(figure, trace) for trace in figure["data"])
    np.testing.assert_array_equal(score_bars, scores)
    probs = losses.softmax(scores, temperature=0.5)
    np.testing.assert_array_equal(prob_bars, probs)
    y = np.eye(4)[2]
    np.testing.assert_allclose(grad_bars, (probs - y) / 0.5, rtol=1e-12, atol=1e-15)
    # the three cross-entropies, written in the chart: one number
    costs = figures(at)[0]["layout"]["title"]["subtitle"]["text"].split("   ·   ")
    assert [c.rsplit(" ", 1)[0] for c in costs] == [
        "categorical CE",
        "softmax CE from the scores",
        "sparse CE",
    ]
    np.testing.assert_array_equal(target, y)  # no smoothing: the one-hot label
    assert {c.rsplit(" ", 1)[1] for c in costs} == {f"{-np.log(probs[2]):.6f}"}


def test_kl_metrics_and_asymmetry():
    at = open_page("pages/kl-divergence.py", kl_classes=2, kl_p_0=1.0, kl_p_1=1.0, kl_q_0=3.0, kl_q_1=1.0)
    p, q = np.array([0.5, 0.5]), np.array([0.75, 0.25])
    forward = 0.5 * np.log(0.5 / 0.75) + 0.5 * np.log(0.5 / 0.25)
    backward = 0.75 * np.log(0.75 / 0.5) + 0.25 * np.log(0.25 / 0.5)
    written = figures(at)[0]["layout"]["title"]["subtitle"]["text"]
    assert written == f"KL(P‖Q) = {forward:.6f} nats   ·   KL(Q‖P) = {backward:.6f} nats"
    figure = figures(at)[0]
    bars = traces(figure)
    np.testing.assert_array_equal(shown(figure, bars["P"]), p)
    np.testing.assert_array_equal(shown(figure, bars["Q"]), q)


def test_kl_with_an_empty_distribution_says_so_and_keeps_running():
    at = open_page("pages/kl-divergence.py", kl_classes=2, kl_q_0=0.0, kl_q_1=0.0)
    assert not at.exception
    figure = figures(at)[0]
    assert "every weight of Q is 0: uniform instead" in figure["layout"]["title"]["subtitle"]["text"]
    np.testing.assert_array_equal(shown(figure, traces(figure)["Q"]), [0.5, 0.5])


def test_kl_infinite_divergence_is_shown_not_drawn():
    at = open_page("pages/kl-divergence.py", kl_classes=2, kl_q_0=0.0)
    assert not at.exception
    figure = figures(at)[0]
    assert figure["layout"]["title"]["subtitle"]["text"].startswith("KL(P‖Q) = ∞   ·   KL(Q‖P) = ")
    assert np.isnan(decode(traces(figure)["p·log(p/q)  [KL(P‖Q)]"]["y"])[0])


def test_home_links_every_page():
    at = open_page("pages/home.py")
    text = " ".join(m.value for m in at.markdown)
    for path in ("(regression-losses)", "(binary-classification)", "(softmax)", "(kl-divergence)"):
        assert path in text
    assert len(figures(at)) == len([page for page in PAGE_TABLE if page.preview])  # one preview per page


def test_fewer_classes_than_the_chosen_true_class_keeps_running():
    at = open_page("pages/softmax.py", mc_classes=6)
    at.selectbox(key="mc_true_class").set_value("class 5")
    at.run()
    set_controls(at, mc_classes=3)
    at.run()
    assert not at.exception
    figure = figures(at)[0]
    assert len(shown(figure, figure["data"][0])) == 3
    assert at.selectbox(key="mc_true_class").value == "class 0"


def _font_sizes(figure):
    """{where: font size} of every text of a figure dict, a size it does not set being
    what Plotly draws: the template's 15 px (titles 18 px)."""
    layout = figure["layout"]
    base = layout.get("font", {}).get("size", 15)
    title = layout.get("title", {})
    sizes = {
        "font": base,
        "title": title.get("font", {}).get("size", 18),
        "subtitle": title.get("subtitle", {}).get("font", {}).get("size", base),
        "legend": layout.get("legend", {}).get("font", {}).get("size", base),
    }
    for k, note in enumerate(layout.get("annotations", ())):
        sizes[f"annotation {k}"] = note.get("font", {}).get("size", base)
    for k, trace in enumerate(figure["data"]):
        if trace.get("text") is not None:
            sizes[f"trace {k} text"] = trace.get("textfont", {}).get("size", base)
    return sizes


@pytest.mark.parametrize("page", [p for p in PAGES if p != "pages/home.py"])
def test_presentation_mode_enlarges_every_text_of_every_chart_and_the_charts(page):
    normal = [json.loads(c["figure"]) for c in live_charts(open_page(page))]
    at = open_page(page, present=True)
    presenting = [json.loads(c["figure"]) for c in live_charts(at)]
    assert len(presenting) == len(normal) > 0
    for big, small in zip(presenting, normal, strict=True):
        sizes, before = _font_sizes(big), _font_sizes(small)
        assert sizes.keys() == before.keys()
        for where, size in sizes.items():
            assert size >= 1.3 * before[where], (page, where, size, before[where])
        assert big["layout"]["height"] >= 1.3 * small["layout"]["height"]
        lines = [t for t in big["data"] if t.get("type") == "scatter" and "lines" in t.get("mode", "lines")]
        assert all(t["line"]["width"] == 6 for t in lines)
    assert any(e.label == "What this page shows" for e in at.expander)


def test_every_chart_offers_its_curve_data_as_csv():
    at = open_page("pages/regression-losses.py", reg_show_huber=True)
    buttons = [b for b in at.get("download_button")]
    assert len(buttons) == 3  # the loss chart, the δ family and the outlier chart


# Each page with the most a chart can draw: every enabled chart slider gets its frames
# (frames over viz.FRAME_BUDGET, or a slider that moves nothing drawn, would get none).
FULLEST = [
    ("pages/regression-losses.py", {f"reg_show_{n}": True for n in REGRESSION_CURVES} | {"reg_r_max": 10.0}),
    (
        "pages/regression-losses.py",
        {f"reg_show_{n}": True for n in REGRESSION_CURVES} | {"reg_link_deltas": False, "reg_r_max": 10.0},
    ),
    ("pages/binary-classification.py", {"bin_m_max": 10.0}),
    ("pages/softmax.py", {"mc_classes": 6}),
    ("pages/kl-divergence.py", {"kl_classes": 6}),
]


@pytest.mark.parametrize(("page", "settings"), FULLEST)
def test_every_chart_slider_draws_from_frames_within_the_budget(page, settings):
    at = open_page(page, **settings)
    checked = 0
    for chart in live_charts(at):
        enabled = {s["name"] for s in chart["sliders"] if not s["disabled"]}
        assert set(chart["frames"]) == enabled, chart["chart"]
        checked += len(enabled)
    assert checked
    for header, raw in chart_frames(at):
        assert len(raw) <= viz.FRAME_BUDGET * 1.1, header["slider"]


# What a run sends: every chart element (figure, frames) not sent before in the session
# (the browser's message cache holds what it already has), at the page's fullest and
# through the changes that resend the most (the residual range resends every δ frame).
PAYLOAD_LIMIT = 1_000_000  # bytes a single run may send
PAYLOAD_WALKS = [
    (
        "pages/regression-losses.py",
        {f"reg_show_{n}": True for n in REGRESSION_CURVES} | {"reg_r_max": 10.0},
        [
            {"reg_r_max": 5.0},
            {"reg_r_max": 9.5},
            {"reg_huber_delta": 0.05},
            {"reg_outlier": 2.0},
            {"reg_show_pseudo_huber": False},
            {"reg_show_pseudo_huber": True},
            {"reg_link_deltas": False},
            {"reg_pseudo_delta": 5.0},
            {"reg_r_max": 10.0},
            {"reg_convention": "PyTorch"},
            {"reg_convention": "Optax"},
        ],
    ),
    ("pages/binary-classification.py", {"bin_m_max": 10.0}, [{"bin_m_max": 1.5}, {"bin_tab": "margin"}]),
    (
        "pages/softmax.py",
        {"mc_classes": 6},
        [{"mc_temperature": 0.1}, {"mc_score_0": 8.0}, {"mc_classes": 2}],
    ),
    ("pages/kl-divergence.py", {"kl_classes": 6}, [{"kl_p_0": 0.0}, {"kl_q_5": 1.0}, {"kl_classes": 2}]),
    (
        "pages/robust-fitting.py",
        {"fit_outliers": 10, "fit_leverage": 0.5},
        [{"fit_outliers": 3}, {"fit_distance": 1000.0}, {"fit_delta": 0.1}, {"fit_leverage": 1.0}],
    ),
    (
        "pages/gradient-descent.py",
        {"gd_rate": 1.5},
        [{"gd_loss": "L1 (MAE)"}, {"gd_start": 10.0}, {"gd_outlier": 20.0}, {"gd_step": 0}],
    ),
]


def _chart_elements(at):
    """The content of every chart element of the page (figure JSON, encoded frames)."""
    return [c.proto.json.encode() + c.proto.bytes for c in at.get("bidi_component")]


@pytest.mark.parametrize(("page", "settings", "changes"), PAYLOAD_WALKS)
def test_no_run_sends_more_than_a_megabyte_of_charts(page, settings, changes):
    at = open_page(page, **settings)
    seen = set(_chart_elements(at))
    assert sum(map(len, seen)) <= PAYLOAD_LIMIT
    for change in changes:
        set_controls(at, **change)
        at.run()
        assert not at.exception
        elements = _chart_elements(at)
        sent = sum(len(content) for content in elements if content not in seen)
        assert sent <= PAYLOAD_LIMIT, (change, sent)
        seen.update(elements)


def _at_path(node, path):
    """The value at a Plotly attribute path ("title.subtitle.text", "annotations[1].text")."""
    for part in path.split("."):
        name, _, index = part.partition("[")
        node = node[name]
        if index:
            node = node[int(index.rstrip("]"))]
    return node


def _same_as_drawn(drawn, value):
    if isinstance(value, np.ndarray):
        np.testing.assert_array_equal(decode(drawn), value)
    else:
        assert drawn == value


# What a chart slider draws in the browser (its frame) is what the page draws once the
# slider rests: for every shown slider of every page, at both ends, with the page's other
# controls where a user might have left them (a true class the fewer classes lack).
REST_CASES = [
    (
        "pages/regression-losses.py",
        {"reg_show_huber": True, "reg_show_pseudo_huber": True, "reg_link_deltas": False},
    ),
    (
        "pages/regression-losses.py",
        {"reg_show_huber": True, "reg_show_mse": True, "reg_convention": "PyTorch"},
    ),
    ("pages/binary-classification.py", {}),
    ("pages/softmax.py", {"mc_classes": 6, "mc_true_class": "class 5", "mc_temperature": 0.3}),
    ("pages/kl-divergence.py", {"kl_classes": 6, "kl_q_5": 0.0}),
    ("pages/robust-fitting.py", {"fit_outliers": 4, "fit_leverage": 0.5, "fit_delta": 2.0}),
    ("pages/gradient-descent.py", {"gd_loss": "Huber (δ = 1)", "gd_rate": 1.2}),
]


def _opened_and_set(page, settings):
    """``page`` with ``settings`` set one at a time (a select's options may follow a slider)."""
    at = open_page(page)
    for key, value in settings.items():
        set_controls(at, **{key: value})
        at.run()
    return at


@pytest.mark.parametrize(("page", "settings"), REST_CASES)
def test_a_chart_slider_s_frames_are_what_the_page_draws_at_rest(page, settings):
    at = _opened_and_set(page, settings)
    sliders = [name for name, s in _chart_sliders_of(at).items() if not s["disabled"]]
    assert sliders
    for name in sliders:
        for end in (0, -1):  # from the page as set (a move to one end changes what the other draws)
            at = _opened_and_set(page, settings)
            frames = {header["slider"]: header for header, _ in chart_frames(at)}
            assert name in frames, name
            header = frames[name]
            set_controls(at, **{name: header["values"][end]})
            at.run()
            figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == header["chart"])
            for (trace, attribute), drawn in header["frames"][end].items():
                where = figure["layout"] if trace == "layout" else figure["data"][trace]
                _same_as_drawn(_at_path(where, attribute), drawn)


@pytest.mark.parametrize("loss", ["huber", "pseudo_huber"])
def test_the_delta_family_draws_the_loss_for_each_delta(loss):
    title = losses.LOSSES[loss].title
    at = open_page("pages/regression-losses.py", reg_family=title)
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "reg_family_chart")
    assert title in figure["layout"]["title"]["text"]
    drawn = traces(figure)
    assert list(drawn) == ["δ = 0.5", "δ = 1", "δ = 2", "δ = 5"]
    for delta in (0.5, 1.0, 2.0, 5.0):
        x = decode(drawn[f"δ = {delta:g}"]["x"])
        assert (x.min(), x.max()) == (-6.0, 6.0)
        assert delta in x
        np.testing.assert_array_equal(
            decode(drawn[f"δ = {delta:g}"]["y"]),
            losses.LOSSES[loss].fn(0.0, x, reduction="none", delta=delta),
        )
    if loss == "huber":  # by hand: ½r² within δ, δ(|r| − δ/2) beyond
        y = decode(drawn["δ = 2"]["y"])
        x = decode(drawn["δ = 2"]["x"])
        assert (y[x == 1.0][0], y[x == 6.0][0]) == (0.5, 2 * (6 - 1))


def test_barron_page_draws_the_chosen_alpha_and_every_special_case():
    at = open_page("pages/barron.py", barron_alpha=-1.5, barron_scale=0.5)
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "barron_chart")
    drawn = traces(figure)
    assert {"L2 (α = 2)", "Cauchy (α = 0)", "Welsch (α = −∞)", "chosen: α = -1.5, c = 0.5"} <= set(drawn)
    r = decode(drawn["chosen: α = -1.5, c = 0.5"]["x"])
    np.testing.assert_array_equal(
        decode(drawn["chosen: α = -1.5, c = 0.5"]["y"]),
        losses.barron(0.0, r, alpha=-1.5, scale=0.5, reduction="none"),
    )
    # by hand at c = 0.5: L2 is ½(r/c)² = 2r², Cauchy log(½(r/c)² + 1) = log(2r² + 1)
    at_one = r == 1.0
    assert decode(drawn["L2 (α = 2)"]["y"])[at_one][0] == pytest.approx(2.0, rel=1e-15)
    assert decode(drawn["Cauchy (α = 0)"]["y"])[at_one][0] == pytest.approx(np.log(3.0), rel=1e-15)
    # the derivative panel follows the scale: ψ spans ±2.5 / c
    assert figure["layout"]["yaxis2"]["range"] == [-5.0, 5.0]


def test_a_barron_preset_sets_alpha_and_the_link():
    at = open_page("pages/barron.py", barron_alpha=3.0)
    next(b for b in at.button if b.label == "Cauchy (α = 0)").click()
    at.run()
    assert control_value(at, "barron_alpha") == 0.0
    assert at.query_params["barron_alpha"] == "0"
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "barron_chart")
    assert "chosen: α = 0, c = 1" in traces(figure)
    assert "Charbonnier (α = 1)" in [b.label for b in at.button]


def test_focal_tab_draws_the_focal_loss_for_each_gamma():
    at = open_page("pages/binary-classification.py", bin_tab="focal", bin_gamma=2.5)
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "bin_focal_chart")
    drawn = traces(figure)
    assert {"γ = 0 (cross-entropy)", "γ = 1", "γ = 5", "γ = 2.5: chosen"} <= set(drawn)
    p = decode(drawn["γ = 2.5: chosen"]["x"])
    np.testing.assert_array_equal(
        decode(drawn["γ = 2.5: chosen"]["y"]),
        losses.binary_focal_cross_entropy(1.0, p, gamma=2.5, reduction="none"),
    )
    # by hand: γ = 0 is −log p; at p = 1/2, γ = 1 gives ½ log 2
    np.testing.assert_allclose(decode(drawn["γ = 0 (cross-entropy)"]["y"]), -np.log(p), rtol=1e-15)
    assert decode(drawn["γ = 1"]["y"])[p == 0.5][0] == pytest.approx(0.5 * np.log(2.0), rel=1e-15)


def test_label_smoothing_marks_the_optimum_and_smooths_the_gradient():
    at = open_page("pages/softmax.py", mc_smoothing=0.2)  # 3 classes, true class 0
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "mc_chart")
    # the optimum p: 1 − ε + ε/C for the true class, ε/C for the others (by hand, C = 3)
    # (the bars of the classes beyond the three are empty)
    np.testing.assert_allclose(
        decode(figure["data"][3]["y"])[:3], [1 - 0.2 + 0.2 / 3, 0.2 / 3, 0.2 / 3], rtol=1e-15
    )
    probs = decode(figure["data"][1]["y"])[:3]
    np.testing.assert_allclose(
        decode(figure["data"][2]["y"])[:3], probs - [0.8 + 0.2 / 3, 0.2 / 3, 0.2 / 3], atol=1e-15
    )
    subtitle = figure["layout"]["title"]["subtitle"]["text"]
    assert "categorical CE (ε = 0.2)" in subtitle
    assert "sparse CE (hard label)" in subtitle


def _fit_lines(figure):
    """{loss title: (slope, intercept)} of the robust fitting chart's lines (the main
    panel's, but the true line), read off their two drawn points; each is also written
    in the subtitle's table of fits."""
    lines = {}
    subtitle = figure["layout"]["title"]["subtitle"]["text"]
    for trace in figure["data"]:
        name = trace.get("name") or ""
        if (
            trace.get("mode") == "lines"
            and trace.get("xaxis", "x") == "x"
            and not name.startswith("true line")
        ):
            x, y = decode(trace["x"]), decode(trace["y"])
            slope = (y[1] - y[0]) / (x[1] - x[0])
            intercept = y[0] - slope * x[0]
            sign = "−" if intercept < 0 else "+"
            assert f"{slope:.3f}x {sign} {abs(intercept):.3f} (" in subtitle, name
            lines[name] = (slope, intercept)
    return lines


def test_robust_fitting_draws_the_data_and_each_loss_s_line():
    at = open_page("pages/robust-fitting.py", fit_outliers=3, fit_distance=100.0, fit_delta=1.5)
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "fit_chart")
    drawn = traces(figure)
    x = np.concatenate([decode(drawn["points"]["x"]), decode(drawn["outliers"]["x"])])
    y = np.concatenate([decode(drawn["points"]["y"]), decode(drawn["outliers"]["y"])])
    assert len(decode(drawn["outliers"]["y"])) == 3
    lines = _fit_lines(figure)
    assert set(lines) == {
        "L2 (MSE)",
        "L1 (MAE)",
        "Huber (δ = 1.5)",
        "Pseudo-Huber (δ = 1.5)",
        "log-cosh",
        "Cauchy (c = 1.5)",
    }
    # L2: least squares of the points drawn (an independent solver)
    np.testing.assert_allclose(lines["L2 (MSE)"], np.polyfit(x, y, 1), rtol=1e-9)
    # the others: where the summed derivative of the loss is 0 along both parameters
    for title, derivative in (
        ("Huber (δ = 1.5)", lambda r: losses.huber_derivative(0.0, r, delta=1.5)),
        ("Pseudo-Huber (δ = 1.5)", lambda r: losses.pseudo_huber_derivative(0.0, r, delta=1.5)),
        ("log-cosh", lambda r: losses.log_cosh_derivative(0.0, r)),
        ("Cauchy (c = 1.5)", lambda r: losses.barron_derivative(0.0, r, alpha=0.0, scale=1.5)),
    ):
        slope, intercept = lines[title]
        psi = derivative(slope * x + intercept - y)
        assert abs(psi.sum()) < 1e-6, title
        assert abs((psi * x).sum()) < 1e-5, title
    # three points 100 above the line drag L2 up; the robust lines stay near the true one
    assert lines["L2 (MSE)"][1] > 10.0
    for title in ("L1 (MAE)", "Huber (δ = 1.5)", "Cauchy (c = 1.5)"):
        assert lines[title][0] == pytest.approx(0.8, abs=0.3), title


def test_robust_fitting_pull_panel_is_each_loss_s_derivative():
    at = open_page("pages/robust-fitting.py", fit_outliers=1, fit_distance=1000.0)
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "fit_chart")
    lines = _fit_lines(figure)
    drawn = figure["data"]
    points = traces(figure)
    x = np.concatenate([decode(points["points"]["x"]), decode(points["outliers"]["x"])])
    y = np.concatenate([decode(points["points"]["y"]), decode(points["outliers"]["y"])])
    order = np.argsort(x, kind="stable")
    (pulls,) = [t for t in drawn if t.get("mode") == "markers" and t.get("xaxis") == "x2"]
    owner = np.array(pulls["text"])  # each point's fit, by its title
    assert set(owner) == set(lines)
    slope, intercept = lines["L2 (MSE)"]
    l2 = owner == "L2 (MSE)"
    got = dict(zip(decode(pulls["x"])[l2], decode(pulls["y"])[l2], strict=True))
    # L2's pull is 2|r| (mse is r², no ½): the outlier 1000 up pulls by ~2000
    for xi, yi in zip(x[order], y[order], strict=True):
        assert got[xi] == pytest.approx(2 * abs(slope * xi + intercept - yi), rel=1e-9)
    assert np.nanmax(decode(pulls["y"])[owner == "L1 (MAE)"]) == 1.0  # sign(r): every point pulls by 1
    # each point is coloured as its fit's line
    colours = {
        t["name"]: t["line"]["color"] for t in drawn if t.get("mode") == "lines" and t.get("showlegend", True)
    }
    assert all(
        colour == colours[title] for colour, title in zip(pulls["marker"]["color"], owner, strict=True)
    )


def test_a_robust_fitting_preset_sets_the_sliders_and_the_link():
    at = open_page("pages/robust-fitting.py")
    next(b for b in at.button if b.label == "One point 1000 off").click()
    at.run()
    assert not at.exception
    assert at.query_params["fit_outliers"] == "1"
    assert at.query_params["fit_distance"] == "1000"
    assert control_value(at, "fit_distance") == 1000.0
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "fit_chart")
    outlier = traces(figure)["outliers"]
    # the data's true line is 0.8 x + 2; the one outlier 1000 above it
    np.testing.assert_allclose(decode(outlier["y"]), 0.8 * decode(outlier["x"]) + 2.0 + 1000.0, rtol=1e-15)


def test_gradient_descent_draws_the_steps_of_losses_descend():
    at = open_page("pages/gradient-descent.py", gd_loss="L2 (MSE)", gd_rate=0.9, gd_step=5, gd_start=-4.0)
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "gd_chart")
    drawn = traces(figure)
    # by hand: L2's c_k − 2.5 = (1 − 2η)^k (c_0 − 2.5) for the six values (mean 2.5)
    k = np.arange(6)
    np.testing.assert_allclose(decode(drawn["steps so far"]["x"]), 2.5 + (-0.8) ** k * -6.5, rtol=1e-12)
    assert decode(drawn["now"]["x"]) == pytest.approx([2.5 + (-0.8) ** 5 * -6.5], rel=1e-12)
    assert len(decode(drawn["the whole run"]["y"])) == 61  # every step of the run, faint
    assert "the minimum: c* = 2.5" in figure["layout"]["title"]["subtitle"]["text"]


def test_a_gradient_descent_preset_sets_the_loss_and_the_link():
    at = open_page("pages/gradient-descent.py")
    next(b for b in at.button if b.label.startswith("L1")).click()
    at.run()
    assert not at.exception
    assert at.selectbox(key="gd_loss").value == "L1 (MAE)"
    assert at.query_params["gd_loss"] == "L1 (MAE)"
    assert control_value(at, "gd_rate") == 0.5
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "gd_chart")
    assert traces(figure)["J(c), mean L1 (MAE)"]


def test_a_descent_that_runs_away_says_so():
    at = open_page("pages/gradient-descent.py", gd_rate=1.5, gd_step=60)
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "gd_chart")
    assert "diverged: |c| passed 1e12" in figure["layout"]["title"]["subtitle"]["text"]


def test_bad_leverage_moves_l1_and_huber_but_not_cauchy():
    """What the page's "Bad leverage" preset says it shows."""
    at = open_page("pages/robust-fitting.py")
    next(b for b in at.button if b.label == "Bad leverage").click()
    at.run()
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "fit_chart")
    lines = _fit_lines(figure)
    assert lines["L1 (MAE)"][0] > 0.8 + 0.15
    assert lines["Huber (δ = 1)"][0] > 0.8 + 0.3
    assert lines["Cauchy (c = 1)"][0] == pytest.approx(0.8, abs=0.05)  # the true slope


def _regression_figure(at):
    return next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "reg_chart")


def test_optax_s_l2_is_drawn_over_ours_as_half_of_it():
    at = open_page("pages/regression-losses.py", reg_convention="Optax", reg_r_max=3.0)
    assert not at.exception
    drawn = traces(_regression_figure(at))
    r = decode(drawn["Optax l2_loss"]["x"])
    np.testing.assert_array_equal(decode(drawn["Optax l2_loss"]["y"]), 0.5 * r * r)  # by hand: ½r²
    assert drawn["Optax l2_loss"].get("yaxis", "y") == "y"  # over the loss, not the derivative
    text = " ".join(m.value for m in at.markdown)
    assert "optax.losses.l2_loss" in text
    assert "Optax has no such loss" in text  # L1 (shown by default)


def test_pytorch_s_smooth_l1_is_huber_over_beta():
    at = _opened_and_set(
        "pages/regression-losses.py",
        {"reg_convention": "PyTorch", "reg_show_huber": True, "reg_huber_delta": 2.0, "reg_r_max": 5.0},
    )
    drawn = traces(_regression_figure(at))
    curve = drawn["PyTorch smooth_l1_loss (beta = 2)"]
    r, y = decode(curve["x"]), decode(curve["y"])
    # by hand: ½r²/β within β = 2, |r| − β/2 beyond
    np.testing.assert_allclose(y, np.where(np.abs(r) <= 2.0, r * r / 4.0, np.abs(r) - 1.0), rtol=1e-15)
    assert y[np.argmin(np.abs(r - 5.0))] == 4.0


def test_keras_draws_nothing_over_ours_where_it_is_the_same():
    at = open_page("pages/regression-losses.py", reg_convention="Keras", reg_show_huber=True)
    figure = _regression_figure(at)
    assert not [t for t in figure["data"] if str(t.get("name", "")).startswith("Keras")]
    assert "keras.losses.Huber(delta=δ)(y_true, y_pred)` — the same function as ours." in " ".join(
        m.value for m in at.markdown
    )


@pytest.mark.parametrize(
    ("library", "ceiling"),
    # PyTorch clamps log p at −100; Keras clips p to 1e-7: −log(1e-7) (mpmath, 17 digits)
    [("PyTorch", 100.0), ("Keras", float(mpmath.mpf(-1) * mpmath.log(mpmath.mpf("1e-7"))))],
)
def test_a_library_s_cross_entropy_near_p_zero(library, ceiling):
    at = open_page("pages/binary-classification.py", bin_convention=library)
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "bin_convention_chart")
    ours, theirs = figure["data"]
    p = decode(ours["x"])
    assert p.min() == pytest.approx(1e-60)
    np.testing.assert_array_equal(decode(ours["y"]), -np.log(p))
    assert decode(theirs["y"]).max() == pytest.approx(ceiling, rel=1e-15)
    assert decode(ours["y"]).max() > 138  # −log 1e-60 ≈ 138.2: ours has no ceiling


def test_no_convention_chart_without_a_library():
    at = open_page("pages/binary-classification.py")
    assert "bin_convention_chart" not in [c["chart"] for c in live_charts(at)]


def test_the_same_in_code_fills_in_the_view_s_delta():
    at = _opened_and_set(
        "pages/regression-losses.py", {"reg_show_huber": True, "reg_huber_delta": 1.5, "reg_code": True}
    )
    codes = [c.value for c in at.code]
    assert any('F.huber_loss(y_pred, y_true, reduction="none", delta=1.5)' in c for c in codes)
    assert any("keras.losses.huber(y_true, y_pred, delta=1.5)" in c for c in codes)
    # Huber, δ = 1.5, at −3, −1, −0.25, 0, 0.5, 2 by hand: δ(|r| − δ/2) beyond δ, r²/2 within
    prints = "prints [3.375, 0.5, 0.03125, 0, 0.125, 1.875]"
    assert prints in [c.value for c in at.caption]


def _printed(at):
    """The numbers of every "prints [...]" caption on the page."""
    return [
        [float(v) for v in c.value.split("prints [", 1)[1].split("]", 1)[0].split(", ")]
        for c in at.caption
        if c.value.startswith("prints [")
    ]


def test_the_same_in_code_of_the_margin_losses():
    at = _opened_and_set("pages/binary-classification.py", {"bin_margin_code": True})
    assert not at.exception
    codes = [c.value for c in at.code]
    assert any("optax.losses.hinge_loss(x, y_true)" in c for c in codes)
    assert any("F.binary_cross_entropy_with_logits(x, y_true" in c for c in codes)
    # labels 1 at scores −2, −0.5, 0, 0.5, 1, 2 by hand: hinge max(0, 1 − s), squared its square
    assert [3, 1.5, 1, 0.5, 0, 0] in _printed(at)
    assert [9, 2.25, 1, 0.25, 0, 0] in _printed(at)


def test_the_same_in_code_of_the_focal_loss_fills_in_gamma():
    at = _opened_and_set("pages/binary-classification.py", {"bin_gamma": 1.0, "bin_focal_code": True})
    assert not at.exception
    assert any("keras.losses.binary_focal_crossentropy(y_true, x, gamma=1.0)" in c.value for c in at.code)
    by_hand = [(1 - p) * -math.log(p) for p in (0.05, 0.3, 0.7, 0.95)]  # (1 − p)^γ · (−log p), γ = 1
    printed = _printed(at)
    assert any(len(row) == 4 and row == pytest.approx(by_hand, rel=1e-15) for row in printed)
    assert any(len(row) == 4 and row == pytest.approx(by_hand, rel=1e-6) for row in printed[1:])  # Keras


def test_the_same_in_code_of_barron_at_alpha_2_is_half_the_square():
    at = _opened_and_set("pages/barron.py", {"barron_alpha": 2.0, "barron_scale": 1.0, "barron_code": True})
    assert not at.exception
    assert _printed(at) == [[4.5, 0.5, 0.03125, 0, 0.125, 2]]  # ½r² at −3, −1, −0.25, 0, 0.5, 2


def test_the_same_in_code_of_gradient_descent():
    # L2 at η = ½: c − ½·2(c − mean) lands on the mean in one step, from anywhere
    at = _opened_and_set("pages/gradient-descent.py", {"gd_rate": 0.5, "gd_step": 1, "gd_code": True})
    assert not at.exception
    values = np.array([0.9, 1.1, 0.95, 1.05, 1.0, 10.0])
    cost = np.mean((2.5 - values) ** 2)
    printed = _printed(at)
    assert len(printed) == 3  # ours, PyTorch, Optax
    for c, j in printed:
        assert c == pytest.approx(2.5, rel=1e-11)  # (the libraries' to 12 digits)
        assert j == pytest.approx(cost, rel=1e-11)
    assert any("torch.optim.SGD([c], lr=0.5)" in c.value for c in at.code)


def test_the_same_in_code_of_the_robust_fits_prints_each_line():
    at = _opened_and_set("pages/robust-fitting.py", {"fit_outliers": 3, "fit_distance": 50, "fit_code": True})
    assert not at.exception
    (printed,) = _printed(at)
    assert len(printed) == 12  # slope and intercept of six losses
    x, y, _ = fitting_data_set(3, 50.0, 0.0)
    assert printed[:2] == pytest.approx(np.polyfit(x, y, 1), rel=1e-12)  # L2: least squares


def test_stable_vs_naive_marks_where_naive_log_cosh_overflows():
    at = open_page("pages/stable-vs-naive.py", naive_case="log cosh")
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "naive_chart")
    drawn = traces(figure)
    crosses = decode(drawn["naive gives inf or nan"]["x"])
    # cosh overflows past r = arccosh(max float) ≈ 710.48: every cross beyond it, none before
    assert crosses.min() > 710.4
    assert len(crosses) > 0
    r = decode(drawn["digits the naive formula gets right"]["x"])
    digits = decode(drawn["digits the naive formula gets right"]["y"])
    assert digits[r < 1e-9].max() == 0.0  # cosh r rounds to 1: log gives 0, every digit lost
    assert digits[(r > 0.1) & (r < 10)].min() >= 13.0  # ordinary r: a few ulp apart
    # the subtitle names the first r drawn past the overflow: within one grid step (1/30 decade)
    said = float(figure["layout"]["title"]["subtitle"]["text"].split("inf or nan from |x| = ")[1].split()[0])
    assert said == pytest.approx(crosses.min(), rel=1e-3)
    assert 710.4 < said < 710.5 * 10 ** (1 / 30)


# The "Your data" page: each bad file gets one clear error and the page keeps running.
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("y_true\n1\n", "expected at least two"),
        ("y_true,y_pred\n1,2\n3,oops\n", "Row 3, column 'y_pred' holds 'oops'"),
        ("y_true,y_pred\n1,nan\n", "finite"),
        ("1,2\n3,4\n", "header row of column names"),
        ("label,p\n1,0.5\n0,7\n", "a probability must be in [0, 1]"),
    ],
)
def test_your_data_names_what_is_wrong_with_pasted_text(text, message):
    at = open_page("pages/your-data.py")
    if "probability" in message:  # a binary file: chosen as probabilities, then a p of 7
        text = "label,probability\n1,0.5\n0,0.7\n"
        at.text_area(key="data_text").set_value(text)
        at.run()
        kind = next(s for s in at.selectbox if s.key.startswith("data_kind_"))
        assert kind.value.startswith("Binary: a label 0/1 and a predicted probability")
        at.text_area(key="data_text").set_value("label,probability\n1,0.5\n0,7\n")
        at.run()
        kind = next(s for s in at.selectbox if s.key.startswith("data_kind_"))
        kind.set_value(next(o for o in kind.options if o.startswith("Binary: a label 0/1 and a predicted")))
        at.run()
    else:
        at.text_area(key="data_text").set_value(text)
        at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert message in at.error[0].value


def test_your_data_example_scores_every_regression_loss():
    at = open_page("pages/your-data.py")
    next(b for b in at.button if b.label == "Regression example").click()
    at.run()
    assert not at.exception
    assert at.query_params["data_example"] == "regression"
    costs = at.table[0].value
    raw = np.loadtxt(ROOT / "assets" / "examples" / "regression.csv", delimiter=",", skiprows=1)
    residuals = raw[:, 1] - raw[:, 0]
    assert costs.loc["L2 (MSE)"]["mean"] == pytest.approx(np.mean(residuals**2), rel=1e-12)  # mean of r²
    assert costs.loc["L1 (MAE)"]["sum"] == pytest.approx(np.sum(np.abs(residuals)), rel=1e-12)
    worst = at.table[1].value  # sorted by L2, the worst first: the largest |r|
    assert worst["L2 (MSE)"].iloc[0] == pytest.approx(np.max(residuals**2), rel=1e-12)
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "data_chart")
    assert "the worst 5 % carry<br>L2 (MSE)" in figure["layout"]["title"]["subtitle"]["text"]


def test_your_data_spread_counts_every_example_in_the_bin_that_holds_its_loss():
    # residuals 0, ±0.5, 1, 3 and 40: L1 losses 0, 0.5, 0.5, 1, 3, 40; L2 0, 0.25, 0.25, 1, 9, 1600
    at = open_page("pages/your-data.py")
    at.text_area(key="data_text").set_value("y,yhat\n1,1\n1,1.5\n1,0.5\n2,3\n0,3\n0,40\n")
    at.run()
    assert not at.exception
    figure = next(json.loads(c["figure"]) for c in live_charts(at) if c["chart"] == "data_spread_chart")
    by_name = traces(figure)
    expected = {"L1 (MAE)": [0.5, 0.5, 1, 3, 40], "L2 (MSE)": [0.25, 0.25, 1, 9, 1600]}
    for name, losses_by_hand in expected.items():
        edges, counts = decode(by_name[name]["x"]), decode(by_name[name]["y"])[:-1]
        assert 0 < edges[0] <= 0.25  # the smallest positive loss of any loss shown (log-cosh's)
        assert edges[-1] == 1600  # the largest: L2's 40²
        assert counts.sum() == len(losses_by_hand)
        hand = np.zeros_like(counts)
        for value in losses_by_hand:  # each in its bin: [edge, next edge), the last bin closed
            k = max(i for i in range(len(edges) - 1) if edges[i] <= value)
            hand[min(k, len(counts) - 1)] += 1
        assert np.array_equal(counts, hand)
    subtitle = figure["layout"]["title"]["subtitle"]["text"]
    assert "L1 (MAE) 1" in subtitle  # the example predicted exactly
    assert "L2 (MSE) 1" in subtitle


@pytest.mark.parametrize("example", ["binary", "multiclass"])
def test_your_data_examples_load_and_guess_their_kind(example):
    at = open_page("pages/your-data.py")
    next(b for b in at.button if b.label == f"{example.capitalize()} example").click()
    at.run()
    assert not at.exception
    assert not at.error
    kind = next(s for s in at.selectbox if s.key.startswith("data_kind_"))
    assert kind.value.startswith(
        "Binary: a label 0/1 and a predicted probability" if example == "binary" else "Multiclass"
    )

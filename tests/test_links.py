"""Every view is a link: a URL with settings opens a page with exactly those settings,
and a hostile or broken URL falls back to defaults with one warning, never a traceback."""

import pytest
from apptest_helpers import ROOT, control_value, decode, figures, live_charts, set_controls, traces
from streamlit.testing.v1 import AppTest


def open_link(page, params):
    """The app opened at ``page`` with the URL query ``params`` (a value may be a list:
    a repeated key)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if page != "pages/home.py":  # the default page opens without switching
        at.run()  # switch_page needs the navigation registered by a first run
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


# page, a link's settings, and what the page must then show
GOOD_LINKS = [
    (
        "pages/regression-losses.py",
        {
            "reg_r_max": "3",
            "reg_show_huber": "true",
            "reg_show_mae": "false",
            "reg_huber_delta": "2.5",
            "reg_outlier": "20",
            "reg_convention": "PyTorch",
        },
    ),
    (
        "pages/binary-classification.py",
        {"bin_p": "0.25", "bin_m_max": "5", "bin_show_hinge": "false", "bin_score": "-2.5"},
    ),
    (
        "pages/softmax.py",
        {"mc_classes": "4", "mc_score_3": "4.5", "mc_temperature": "0.5", "mc_true_class": "class 3"},
    ),
    ("pages/kl-divergence.py", {"kl_classes": "3", "kl_p_0": "7", "kl_q_2": "0.5"}),
    (
        "pages/robust-fitting.py",
        {"fit_outliers": "5", "fit_distance": "250", "fit_leverage": "0.75", "fit_delta": "2.5"},
    ),
    (
        "pages/gradient-descent.py",
        {"gd_loss": "L1 (MAE)", "gd_rate": "0.5", "gd_start": "7.5", "gd_step": "42"},
    ),
    ("pages/stable-vs-naive.py", {"naive_case": "softmax without the max shift"}),
    ("pages/home.py", {"present": "true"}),
]


@pytest.mark.parametrize(("page", "params"), GOOD_LINKS)
def test_a_link_opens_the_page_with_exactly_its_settings(page, params):
    at = open_link(page, params)
    assert not at.exception
    assert not at.warning
    for key, raw in params.items():
        value = control_value(at, key)
        if raw in ("true", "false"):
            assert value is (raw == "true"), key
        elif raw.startswith(("class", "L1", "PyTorch", "softmax")):  # a select's option
            assert value == raw
        else:
            assert value == pytest.approx(float(raw)), key


def test_a_regression_link_draws_its_curves_and_keeps_them_on_the_next_rerun():
    at = open_link("pages/regression-losses.py", dict(GOOD_LINKS[0][1]))
    shown = traces(figures(at)[0])
    assert "Huber (δ = 2.5)" in shown
    assert "L1 (MAE)" not in shown
    at.toggle(key="reg_show_log_cosh").set_value(True)  # another control: δ must stay the link's
    at.run()
    assert not at.exception
    assert "Huber (δ = 2.5)" in traces(figures(at)[0])
    assert control_value(at, "reg_huber_delta") == 2.5
    assert not at.warning  # a later run reports nothing


def test_a_control_that_disappears_mid_session_is_no_error():
    # the link sets class 5's score; fewer classes then hide that slider
    at = open_link("pages/softmax.py", {"mc_classes": "6", "mc_score_5": "3"})
    set_controls(at, mc_classes=3)
    at.run()
    assert not at.exception
    assert not at.warning


# (page, a slider's key and default, a toggle's key and default, what the rest of the link holds)
PAGES = [
    ("pages/regression-losses.py", ("reg_r_max", 1.0), ("reg_show_mae", True), {}),
    # the chart's own δ slider, drawn with its loss
    ("pages/regression-losses.py", ("reg_huber_delta", 1.0), None, {"reg_show_huber": "true"}),
    ("pages/binary-classification.py", ("bin_p", 0.5), ("bin_show_hinge", True), {}),
    ("pages/softmax.py", ("mc_temperature", 1.0), None, {}),
    ("pages/kl-divergence.py", ("kl_p_0", 1.0), None, {}),
    ("pages/home.py", None, ("present", False), {}),
]
MARKUP = "<img src=x onerror=alert(1)>**bold**[link](http://example.com)"


def hostile_links(slider, toggle):
    links = [{"no_such_setting": "1"}, {MARKUP: "1"}, {"k" * 3000: "v"}]
    if slider:
        key = slider[0]
        links += [{key: v} for v in ("abc", "nan", "inf", "-inf", "1e309", "-1000", "9" * 5000, MARKUP, "")]
        links.append({key: ["0.6", "0.7"]})  # repeated
    if toggle:
        links += [{toggle[0]: v} for v in ("maybe", "1", MARKUP)]
    return links


CASES = [
    (page, slider, toggle, link, rest)
    for page, slider, toggle, rest in PAGES
    for link in hostile_links(slider, toggle)
]


@pytest.mark.parametrize(("page", "slider", "toggle", "link", "rest"), CASES)
def test_a_hostile_link_falls_back_to_defaults_with_one_warning(page, slider, toggle, link, rest):
    at = open_link(page, {**rest, **link})
    assert not at.exception
    assert len(at.warning) == 1, [w.value for w in at.warning]
    message = at.warning[0].value
    (key,) = link
    # the key is named as plain text: shortened, every Markdown sign escaped
    escaped = "".join(c if c.isalnum() or c == " " else "\\" + c for c in key[:40])
    assert escaped in message
    for control in (slider, toggle):
        if control:
            assert control_value(at, control[0]) == control[1]


# --- presentation mode: hidden controls -------------------------------------------------
def hidden_css(at):
    """The CSS rules that hide controls (presentation mode's style element)."""
    rules = [
        style.split("</style>")[0]
        for element in at.markdown
        for style in element.value.split("<style>")[1:]
        if "display: none !important" in style
    ]
    return " ".join(rules)


def open_presenting(page, params):
    """``open_link`` with presentation mode on from the app's first run, as a link opened
    in a browser has it (AppTest seeds the app's own toggle from the URL only then)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["present"] = "true"
    at.run()
    at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def hide_chooser(at):
    return next(m for m in at.sidebar.multiselect if m.label == "Hide controls")


def test_a_prepared_link_opens_with_its_controls_hidden_and_working():
    at = open_presenting(
        "pages/regression-losses.py",
        {"hide": ["reg_r_max", "reg_huber_delta"], "reg_r_max": "3", "reg_show_huber": "true"},
    )
    assert not at.exception
    assert not at.warning
    css = hidden_css(at)
    assert ".st-key-reg_r_max" in css
    assert ".losslab-slider[data-name='reg_huber_delta']" in css
    assert ".st-key-reg_show_mae" not in css
    assert hide_chooser(at).value == ["reg_r_max", "reg_huber_delta"]
    # hidden, not gone: the control keeps the link's value and the chart uses it
    assert control_value(at, "reg_r_max") == 3.0
    assert decode(figures(at)[0]["data"][0]["x"]).max() == 3.0


def test_the_chooser_lists_the_page_controls_by_label_and_hides_at_once():
    at = open_presenting("pages/regression-losses.py", {"reg_show_huber": "true"})
    chooser = hide_chooser(at)
    assert {"Residual range ±", "Huber δ", "Losses shown: L1 (MAE)", "The outlier's prediction"} <= set(
        chooser.options
    )
    assert hidden_css(at) == ""
    chooser.set_value(["reg_link_deltas", "reg_show_mse"])
    at.run()
    css = hidden_css(at)
    assert ".st-key-reg_link_deltas" in css
    assert ".st-key-reg_show_mse" in css
    assert at.query_params["hide"] == ["reg_link_deltas", "reg_show_mse"]
    hide_chooser(at).set_value([])
    at.run()
    assert hidden_css(at) == ""
    assert "hide" not in at.query_params


def test_hidden_controls_show_again_outside_presentation_mode_and_stay_in_the_link():
    at = open_link("pages/regression-losses.py", {"hide": "reg_r_max"})
    assert not at.warning
    assert hidden_css(at) == ""
    assert not [m for m in at.sidebar.multiselect if m.label == "Hide controls"]
    assert at.query_params["hide"] in ("reg_r_max", ["reg_r_max"])  # kept as the link had it


@pytest.mark.parametrize(
    "hide", ["reg_r_max} body { display: none", MARKUP, "no_such_control", "mc_temperature", ""]
)
def test_a_hostile_hide_list_hides_nothing_it_should_not(hide):
    at = open_presenting("pages/regression-losses.py", {"hide": ["reg_r_max", hide]})
    assert not at.exception
    css = hidden_css(at)
    assert css.count("{") == 1  # one rule: nothing closed it and opened another
    assert ".st-key-reg_r_max:has(" in css
    assert "body" not in css
    assert "img" not in css
    assert len(at.warning) == 1
    assert "hide" in at.warning[0].value


def test_a_link_cannot_hide_presentation_mode_itself():
    at = open_presenting("pages/regression-losses.py", {"hide": ["present", "reg_r_max"]})
    assert "present" not in hidden_css(at)


@pytest.mark.parametrize("page", sorted({p for p, *_ in PAGES} - {"pages/home.py"}))
def test_every_control_of_every_page_can_be_hidden(page):
    at = open_presenting(page, {})
    chooser = hide_chooser(at)
    widgets = [w.key for w in (*at.slider, *at.toggle, *at.selectbox) if w.key != "present"]
    keys = widgets + [s["name"] for chart in live_charts(at) for s in chart["sliders"]]
    assert len(chooser.options) == len(keys) > 2
    chooser.set_value(keys)
    at.run()
    assert not at.exception
    css = hidden_css(at)
    for key in keys:
        assert f".st-key-{key}:has(" in css
        assert f".losslab-slider[data-name='{key}']" in css


@pytest.mark.parametrize(("raw", "opened"), [("margin", "Margin losses"), ("sigmoid", "Sigmoid squashing")])
def test_the_binary_tab_is_part_of_the_link(raw, opened):
    at = open_link("pages/binary-classification.py", {"bin_tab": raw, "bin_m_max": "5"})
    assert not at.exception
    assert not at.warning
    assert at.session_state["_tab_bin_tab"] == opened
    assert at.query_params["bin_tab"] == raw  # kept: a copied link opens the same tab


@pytest.mark.parametrize("raw", ["ce", "CE", MARKUP, ""])
def test_a_hostile_or_default_tab_opens_the_first(raw):
    at = open_link("pages/binary-classification.py", {"bin_tab": raw})
    assert not at.exception
    assert at.session_state["_tab_bin_tab"] == "Cross-entropy vs probability"
    assert "bin_tab" not in at.query_params  # the default tab needs no setting
    assert len(at.warning) == (raw != "ce")


def test_a_hidden_class_keeps_its_score_in_the_link_and_the_link_opens_cleanly():
    at = open_link("pages/softmax.py", {"mc_classes": "6", "mc_score_5": "3"})
    set_controls(at, mc_classes=3)
    at.run()
    assert at.query_params["mc_score_5"] == "3"  # back to 6 classes, the score is still 3
    again = open_link("pages/softmax.py", {"mc_classes": "3", "mc_score_5": "3"})
    assert not again.exception
    assert not again.warning
    sliders = live_charts(again)[0]["sliders"]
    shown = [s["name"] for s in sliders if not s["shown_while"] or s["shown_while"]["at_least"] <= 3]
    assert shown == ["mc_classes", "mc_temperature", "mc_smoothing", "mc_score_0", "mc_score_1", "mc_score_2"]
    assert sliders[8] == sliders[8] | {
        "name": "mc_score_5",
        "value": 3,
        "shown_while": {"slider": "mc_classes", "at_least": 6},
    }


@pytest.mark.parametrize("state", [["abc", 1], [], "0.5x", None, [float("nan"), 2], {"a": 1}, 7.5])
def test_a_chart_slider_state_from_the_browser_cannot_break_the_page(state):
    at = open_link("pages/binary-classification.py", {})
    at.session_state["bin_bce_chart"] = {"bin_p": state}
    at.run()
    assert not at.exception
    p = control_value(at, "bin_p")
    assert 0.01 <= p <= 0.99

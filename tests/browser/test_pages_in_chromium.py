"""What only a browser shows: pages load without an exception box or console error,
charts redraw in place when a slider moves by keyboard, zoom survives, exports are there."""

import json

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import losses
from devtools.browser import DRAWN, console_errors, wait_idle
from ui.pages import PAGES as PAGE_TABLE

# url path, a slider drawn by the page's first chart
SLIDERS = {
    "": None,
    "regression-losses": ".losslab-slider[data-name='reg_r_max'] input",
    "binary-classification": ".losslab-slider[data-name='bin_p'] input",
    "softmax": ".losslab-slider[data-name='mc_score_0'] input",
    "kl-divergence": ".losslab-slider[data-name='kl_p_0'] input",
    "barron": ".losslab-slider[data-name='barron_alpha'] input",
    "robust-fitting": ".losslab-slider[data-name='fit_distance'] input",
    "gradient-descent": ".losslab-slider[data-name='gd_step'] input",
    "stable-vs-naive": None,
    "your-data": None,
}
PAGES = {page.url_path: SLIDERS[page.url_path] for page in PAGE_TABLE}
HUBER_DELTA = "input[aria-label='Huber δ']"
NAVIGATION = [page.title for page in PAGE_TABLE]


def _open(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    wait_idle(page)


@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_cleanly(page, app_url, path, screenshots):
    _open(page, app_url, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
    assert [text.split("\n")[-1].strip() for text in nav] == NAVIGATION, nav  # the app's own navigation
    assert page.get_by_text("Deploy", exact=True).count() == 0  # client.toolbarMode = "viewer"
    page.screenshot(path=str(screenshots / f"{path or 'home'}.png"), full_page=True)
    assert console_errors(page.console_messages_seen) == []


@pytest.mark.parametrize("path", [p for p, slider in PAGES.items() if slider is not None])
def test_keyboard_slider_redraws_the_chart_in_place(page, app_url, path):
    _open(page, app_url, path)
    before = page.evaluate(DRAWN, 0)
    page.evaluate("() => { document.querySelectorAll('.js-plotly-plot')[0].lossLabMark = 'same element'; }")
    slider = page.locator(PAGES[path])
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"() => ({DRAWN})(0) !== {json.dumps(before)}", timeout=30_000)
    wait_idle(page)
    assert page.evaluate(DRAWN, 0) != before
    # updated in place: the very same chart element, never removed and re-created
    assert (
        page.evaluate("() => document.querySelectorAll('.js-plotly-plot')[0].lossLabMark") == "same element"
    )
    assert page.locator('[data-testid="stException"]').count() == 0
    assert console_errors(page.console_messages_seen) == []


RANGES = "() => { const l = document.querySelectorAll('.js-plotly-plot')[0]._fullLayout; return [l.xaxis.range, l.xaxis2.range]; }"


def test_zoom_survives_a_parameter_change(page, app_url):
    _open(page, app_url, "regression-losses?reg_show_huber=true")  # its δ slider shows with it
    # drag-zoom on the loss panel, as a user does
    box = page.locator(".js-plotly-plot .nsewdrag").first.bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.6, y + 10, steps=8)
    page.mouse.up()
    zoomed = page.evaluate(RANGES)
    assert zoomed[0] == zoomed[1]  # the derivative panel follows
    assert zoomed[0][1] - zoomed[0][0] < 1.0
    filename = "() => document.querySelectorAll('.js-plotly-plot')[0]._context.toImageButtonOptions.filename"
    assert page.evaluate(filename) == "regression_huber-delta-1_range-1"
    slider = page.locator(HUBER_DELTA)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"() => ({filename})() === 'regression_huber-delta-1.05_range-1'", timeout=30_000)
    wait_idle(page)
    assert page.evaluate(RANGES) == zoomed


def test_chart_slider_redraws_at_once_then_the_page_follows(page, app_url):
    """The δ slider belongs to the chart: a key press restyles the curves from the
    precomputed frames, and once the slider rests Python reruns with the new δ."""
    _open(page, app_url, "regression-losses")
    page.locator(".st-key-reg_show_huber label").click()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')._fullData.length === 6")
    wait_idle(page)
    names = "() => document.querySelector('.js-plotly-plot')._fullData.map(t => t.name)"
    slider = page.locator(HUBER_DELTA)
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"() => ({names})().includes('Huber (δ = 1.05)')", timeout=5_000)
    # the rest of the page (formulas, the outlier chart) catches up after the rerun
    page.wait_for_function(
        "() => document.body.innerText.includes('Huber (δ = 1.05)') "
        "&& [...document.querySelectorAll('.katex')].some(k => k.textContent.includes('1.05'))",
        timeout=30_000,
    )
    wait_idle(page)
    assert page.locator(HUBER_DELTA).input_value() == "1.05"
    assert page.locator('[data-testid="stException"]').count() == 0


# Set the chart's Huber δ slider to each of its values in turn, as a drag does, and
# report the δ in the Huber legend entry after each: drawn at once, or left behind.
SWEEP = """async () => {
    const input = document.querySelector("input[aria-label='Huber δ']");
    const gd = document.querySelector('.js-plotly-plot');
    const drawn = [];
    for (let k = 1; k <= 100; k++) {
        input.value = (0.05 * k).toFixed(2);
        input.dispatchEvent(new Event('input'));
        drawn.push(gd._fullData.map(t => t.name).find(n => n.startsWith('Huber (')));
        await new Promise(requestAnimationFrame);
    }
    return drawn;
}"""


def test_chart_slider_draws_every_value_at_once_and_its_curves_travel_once(page, app_url):
    """A drag over the whole δ range draws each value from curves the browser already
    has, with no script run in between; the rerun once the slider rests carries the
    figure but not those curves again (one element, unchanged: Streamlit's message
    cache sends it once)."""
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    _open(page, app_url, "regression-losses")
    page.evaluate("() => { document.querySelector('.js-plotly-plot').lossLabMark = 'same element'; }")
    page.locator(".st-key-reg_show_huber label").click()
    page.locator(".st-key-reg_show_pseudo_huber label").click()
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')._fullData.length === 8")
    wait_idle(page)
    page.wait_for_function(
        "() => window.lossLabFrames && window.lossLabFrames.reg_chart && window.lossLabFrames.reg_chart.reg_huber_delta"
    )
    # the curves' element came in after the chart: the chart stayed where it was
    assert page.evaluate("() => document.querySelector('.js-plotly-plot').lossLabMark") == "same element"
    curves_bytes = page.evaluate("() => window.lossLabFrames.reg_chart.reg_huber_delta.body.byteLength")
    # 2 losses × 100 δ × loss and gradient × ~300 points; equal arrays travel once (Huber's
    # curve is ½r² for every δ beyond the range)
    assert curves_bytes > 400_000
    page.evaluate(
        """() => { window.runs = 0; const root = document.querySelector('[data-test-script-state]');
        new MutationObserver(() => { if (root.dataset.testScriptState === 'running') window.runs += 1; })
            .observe(root, {attributes: true}); }"""
    )
    received.clear()
    drawn = page.evaluate(SWEEP)
    assert drawn == [f"Huber (δ = {round(0.05 * k, 2):g})" for k in range(1, 101)]
    assert page.evaluate("window.runs") == 0
    # once at rest, Python catches up: the outlier chart uses δ = 5
    page.wait_for_function("() => window.runs > 0", timeout=10_000)
    wait_idle(page)
    assert page.locator(HUBER_DELTA).input_value() == "5"
    assert "reg_huber_delta=5" in page.url
    # what did travel: the figure, and the range slider's frames (they hold δ at its value);
    # not the δ curves again
    range_bytes = page.evaluate("() => window.lossLabFrames.reg_chart.reg_r_max.body.byteLength")
    assert 0 < sum(received) < range_bytes + curves_bytes / 2


def test_hover_and_image_download_are_there(page, app_url):
    _open(page, app_url, "regression-losses")
    plot = page.locator(".js-plotly-plot").first
    plot.hover()
    assert plot.locator(".modebar-btn[data-title='Download plot as a PNG']").count() == 1
    assert plot.locator(".modebar-btn[data-title='Download plot as an SVG']").count() == 1
    with page.expect_download() as download:
        plot.locator(".modebar-btn[data-title='Download plot as an SVG']").click()
    assert download.value.suggested_filename == "regression_huber-delta-1_range-1.svg"
    box = plot.locator(".nsewdrag").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    page.wait_for_selector(".hoverlayer .hovertext, .hoverlayer .legend", timeout=5_000)
    hover = page.evaluate("() => document.querySelector('.js-plotly-plot .hoverlayer').textContent")
    assert "loss" in hover
    assert "gradient" in hover


@pytest.mark.parametrize("path", [p for p, slider in PAGES.items() if slider is not None])
def test_a_copied_link_reproduces_the_view(browser, page, app_url, path):
    """Move a control, take the page's URL (what "Copy link" copies), open it in a new
    session: the same chart is drawn."""
    _open(page, app_url, path)
    slider = page.locator(PAGES[path])
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    page.wait_for_function("() => window.location.search.length > 1", timeout=30_000)
    page.wait_for_timeout(500)
    wait_idle(page)
    if path == "regression-losses":  # and a chart's own slider, which Python puts in the URL
        page.locator(".st-key-reg_show_huber label").click()
        page.wait_for_function("() => document.querySelector('.js-plotly-plot')._fullData.length === 6")
        delta = page.locator(HUBER_DELTA)
        delta.focus()
        delta.press("ArrowLeft")
        page.wait_for_function(
            "() => window.location.search.includes('reg_huber_delta=0.95')", timeout=30_000
        )
        wait_idle(page)
    link = page.url
    drawn = page.evaluate(DRAWN, 0)
    fresh = browser.new_page()
    try:
        fresh.goto(link)
        wait_idle(fresh)
        assert fresh.evaluate(DRAWN, 0) == drawn
        assert fresh.locator('[data-testid="stAlert"]').count() == 0  # nothing ignored
    finally:
        fresh.close()


def test_a_prepared_presentation_link_hides_its_controls(page, app_url):
    link = (
        "regression-losses?present=true&hide=reg_r_max&hide=reg_huber_delta"
        "&reg_show_huber=true&reg_show_pseudo_huber=true"
    )
    _open(page, app_url, link + "&hide=reg_chart&hide=present")  # the last two: not controls
    page.wait_for_function("() => document.querySelector('.js-plotly-plot')._fullData.length === 8")
    wait_idle(page)
    assert page.locator(".losslab-slider[data-name='reg_r_max']").is_hidden()
    assert page.locator(HUBER_DELTA).is_hidden()
    assert page.locator(".losslab-slider[data-name='reg_outlier']").is_visible()  # not chosen: shown
    assert page.locator("input[aria-label='Pseudo-Huber δ']").is_visible()
    assert page.locator(".st-key-reg_chart .js-plotly-plot").is_visible()
    assert page.locator(".st-key-present").is_visible()
    assert "hide=reg_r_max&hide=reg_huber_delta" in page.url
    assert "hide=reg_chart" not in page.url  # the chooser keeps only the page's controls
    # presentation mode off: every control is back
    page.locator(".st-key-present label").click()
    page.wait_for_function("() => !window.location.search.includes('present=true')", timeout=30_000)
    wait_idle(page)
    # the hiding style leaves with the run's stale elements, a frame after the run ends
    page.locator(".losslab-slider[data-name='reg_r_max']").wait_for(state="visible", timeout=10_000)
    page.locator(HUBER_DELTA).wait_for(state="visible", timeout=10_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert console_errors(page.console_messages_seen) == []


# The numbers written in the binary chart, and its marked points, as drawn now.
BCE_NUMBERS = """() => {
    const gd = document.querySelector('.st-key-bin_bce_chart .js-plotly-plot');
    return {notes: gd._fullLayout.annotations.slice(0, 2).map(a => a.text),
            points: gd._fullData.slice(5, 7).map(t => Array.from(t.y))};
}"""


def test_the_numbers_in_a_chart_follow_its_slider_before_any_rerun(page, app_url):
    """A key press on p redraws the points and the losses written beside them at once,
    from the frames, with no script run: the very numbers `losses` gives."""

    _open(page, app_url, "binary-classification")
    page.evaluate(
        """() => { window.runs = 0; const root = document.querySelector('[data-test-script-state]');
        new MutationObserver(() => { if (root.dataset.testScriptState === 'running') window.runs += 1; })
            .observe(root, {attributes: true}); }"""
    )
    slider = page.locator(".losslab-slider[data-name='bin_p'] input")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")  # 0.5 → 0.53
    drawn = page.evaluate(BCE_NUMBERS)
    assert page.evaluate("window.runs") == 0
    for k, (y, term) in enumerate(((1.0, "−log p"), (0.0, "−log(1 − p)"))):
        loss = float(losses.binary_cross_entropy(y, 0.53))
        assert drawn["notes"][k] == f"y = {y:g}: {term} = {loss:.4f}"
        assert drawn["points"][k] == [loss]


SHOWN_SLIDERS = (
    "(chart) => [...document.querySelectorAll(`.st-key-${chart} .losslab-slider`)]"
    ".filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.name)"
)
COUNT_RUNS = """() => { window.runs = 0; const root = document.querySelector('[data-test-script-state]');
    new MutationObserver(() => { if (root.dataset.testScriptState === 'running') window.runs += 1; })
        .observe(root, {attributes: true}); }"""


@pytest.mark.parametrize(
    ("path", "chart", "per_class"),
    [
        ("softmax?mc_classes=5", "mc_chart", ("mc_score",)),
        ("kl-divergence?kl_classes=5", "kl_chart", ("kl_p", "kl_q")),
    ],
)
def test_the_number_of_classes_redraws_the_bars_and_their_sliders_at_once(
    page, app_url, path, chart, per_class
):
    """The number of classes is drawn by the chart: a key press redraws the bars and
    shows or hides the classes' own sliders with no rerun in between; at rest the page
    follows, and the sliders of the classes back again draw at once."""
    _open(page, app_url, path)
    index = 0
    names = lambda count: [f"{p}_{i}" for i in range(count) for p in per_class]
    shown = page.evaluate(SHOWN_SLIDERS, chart)
    assert [n for n in shown if n.startswith(per_class)] == names(5)
    page.wait_for_function(f"() => ((window.lossLabFrames || {{}}).{chart} || {{}}).{chart[:-6]}_classes")
    page.evaluate(COUNT_RUNS)
    classes = page.locator(f".losslab-slider[data-name='{chart[:-6]}_classes'] input")
    chart_top = f"() => document.querySelector('.st-key-{chart} .js-plotly-plot').getBoundingClientRect().top"
    top = page.evaluate(chart_top)
    classes.focus()
    classes.press("ArrowLeft")
    classes.press("ArrowLeft")  # 3 classes
    # the classes shown: the bars within the x range (six are always there), each drawn
    bars = f"""() => {{
        const plot = document.querySelectorAll('.js-plotly-plot')[{index}];
        const shown = Math.round(plot._fullLayout.xaxis.range[1] + 0.5);
        const drawn = plot._fullData[0].y.filter((y) => Number.isFinite(y)).length;
        return shown === drawn ? shown : -1;
    }}"""
    page.wait_for_function(f"() => ({bars})() === 3", timeout=5_000)
    assert [n for n in page.evaluate(SHOWN_SLIDERS, chart) if n.startswith(per_class)] == names(3)
    assert page.evaluate("window.runs") == 0  # drawn from the frames, before any rerun
    assert page.evaluate(chart_top) == top  # the hidden sliders keep their places: no jump
    page.wait_for_function("() => window.runs > 0", timeout=10_000)  # at rest, Python follows
    wait_idle(page)
    assert page.evaluate(f"() => ({bars})()") == 3
    assert page.evaluate(chart_top) == top
    assert f"{chart[:-6]}_classes=5" not in page.url  # 3 (softmax's default needs no setting)
    # a class's slider still draws at once after the rerun
    first = names(3)[-1]
    page.wait_for_function(f"() => ((window.lossLabFrames || {{}}).{chart} || {{}}).{first}")
    before = page.evaluate(DRAWN, index)
    slider = page.locator(f".losslab-slider[data-name='{first}'] input")
    slider.focus()
    slider.press("ArrowRight")
    page.wait_for_function(f"() => ({DRAWN})({index}) !== {json.dumps(before)}", timeout=5_000)
    wait_idle(page)
    page.wait_for_timeout(600)  # it rests and reaches Python
    wait_idle(page)
    classes.focus()
    classes.press("ArrowRight")  # 4 classes: the fourth class's sliders come back, in order
    page.wait_for_function(f"() => ({bars})() === 4", timeout=5_000)
    assert [n for n in page.evaluate(SHOWN_SLIDERS, chart) if n.startswith(per_class)] == names(4)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert console_errors(page.console_messages_seen) == []


def test_a_home_card_is_one_link_and_the_cards_have_one_height(page, app_url):
    _open(page, app_url, "")
    heights = page.evaluate(
        """() => [...document.querySelectorAll('[class*="st-key-home_card_"]')]
            .map(card => Math.round(card.getBoundingClientRect().height))"""
    )
    assert len(heights) == len([p for p in PAGE_TABLE if p.preview])
    assert len(set(heights)) == 1, heights
    card = page.locator(".st-key-home_card_kl_divergence")
    box = card.locator(".js-plotly-plot").bounding_box()  # the preview, not the title
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/kl-divergence", timeout=30_000)
    wait_idle(page)
    assert page.locator("h1").first.inner_text() == "KL divergence"


# Every chart-drawn slider of every page and tab, moved by the keyboard.
WALKS = [
    "regression-losses?reg_show_huber=true&reg_show_pseudo_huber=true&reg_link_deltas=false",
    "binary-classification",
    "binary-classification?bin_tab=margin",
    "binary-classification?bin_tab=sigmoid",
    "binary-classification?bin_tab=focal",
    "softmax",
    "kl-divergence",
    "barron",
    "robust-fitting",
    "gradient-descent?gd_loss=L1+%28MAE%29",
]
VISIBLE_SLIDERS = """() => [...document.querySelectorAll('.losslab-slider')]
    .filter(r => !r.hidden && r.offsetParent !== null && !r.querySelector('input').disabled)
    .map(r => [r.dataset.name, r.closest('[class*="st-key-"]').className.match(/st-key-(\\S+)/)[1]])"""
DRAWN_IN = """(chart) => {
    const gd = document.querySelector(`.st-key-${chart} .js-plotly-plot`);
    return JSON.stringify(gd._fullData.map(t => [t.name, Array.from(t.x || [], String), Array.from(t.y || [], String),
        Array.from([].concat(t.text || []), String)]));
}"""


# The frames the chart draws from now: those of its last render (older ones make the
# slider send its value at once, as a rerun).
FRAMES_OF_THIS_RENDER = """([chart, name]) => {
    const box = document.querySelector(`.st-key-${chart} .losslab-sliders`);
    const stored = ((window.lossLabFrames || {})[chart] || {})[name];
    return Boolean(box && stored && stored.key === box.lossLabData.frames[name]);
}"""
SLIDERS_STATE = """(chart) => {
    const box = document.querySelector(`.st-key-${chart} .losslab-sliders`);
    return JSON.stringify({sent: box.state.sent, pending: Object.keys(box.state.pending),
        sequence: box.state.sequence, received: box.lossLabData.received, runs: window.runs,
        script: document.querySelector('[data-test-script-state]').dataset.testScriptState});
}"""


@pytest.mark.parametrize("path", WALKS)
def test_every_chart_slider_redraws_at_once_and_the_rest_draws_the_same(page, app_url, path):
    """Each slider, by one key press: its chart redraws with no rerun in between; once it
    rests, the page's rerun draws exactly what the browser drew from the frames."""
    _open(page, app_url, path)
    sliders = page.evaluate(VISIBLE_SLIDERS)
    assert sliders
    page.evaluate(COUNT_RUNS)
    for name, chart in sliders:
        page.wait_for_function(FRAMES_OF_THIS_RENDER, arg=[chart, name], timeout=30_000)
        slider = page.locator(f".losslab-slider[data-name='{name}'] input")
        at_max = page.evaluate(
            f"() => {{ const i = document.querySelector(\"[data-name='{name}'] input\"); return Number(i.value) >= Number(i.max); }}"
        )
        before = page.evaluate(DRAWN_IN, chart)
        runs = page.evaluate("window.runs")
        slider.focus()
        slider.press("ArrowLeft" if at_max else "ArrowRight")
        page.wait_for_function(f"(before) => ({DRAWN_IN})('{chart}') !== before", arg=before, timeout=5_000)
        assert page.evaluate("window.runs") == runs, name  # drawn from the frames
        drawn = page.evaluate(DRAWN_IN, chart)
        try:
            page.wait_for_function(f"() => window.runs > {runs}", timeout=10_000)  # at rest, Python follows
        except PlaywrightTimeout as error:
            state = page.evaluate(SLIDERS_STATE, chart)
            console = page.console_messages_seen[-5:]
            raise AssertionError(
                f"{name}: no rerun; the chart's sliders: {state}; {page.url}; {console}"
            ) from error
        wait_idle(page)
        assert page.evaluate(DRAWN_IN, chart) == drawn, name
    assert page.locator('[data-testid="stException"]').count() == 0
    assert console_errors(page.console_messages_seen) == []


def test_each_tab_clicked_opens_and_the_link_and_back_button_follow(page, app_url):
    _open(page, app_url, "binary-classification")
    selected = "() => document.querySelector('[role=tab][aria-selected=true]').textContent"
    for label, name in (
        ("Margin losses", "margin"),
        ("Sigmoid squashing", "sigmoid"),
        ("Cross-entropy", "ce"),
    ):
        page.get_by_role("tab", name=label).click()
        page.wait_for_function(f"() => ({selected})().startsWith({json.dumps(label)})", timeout=10_000)
        wait_idle(page)
        page.wait_for_timeout(300)  # nothing springs back after the rerun
        assert page.evaluate(selected).startswith(label)
        assert (f"bin_tab={name}" in page.url) == (name != "ce")
    page.go_back()  # to the sigmoid tab's URL: the page shows that tab again
    page.wait_for_function(f"() => ({selected})().startsWith('Sigmoid')", timeout=30_000)


def test_a_chart_slider_is_reached_and_moved_by_keyboard_alone_with_a_focus_ring(page, app_url):
    _open(page, app_url, "softmax")
    page.locator("h1").first.click()  # start from the page, not the address bar
    focused = (
        "() => document.activeElement && document.activeElement.closest('.losslab-slider')?.dataset.name"
    )
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(focused):
            break
    name = page.evaluate(focused)
    assert name == "mc_classes"  # the chart's first slider, in page order
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert ring[0] != "none"
    assert float(ring[1].removesuffix("px")) >= 2
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label == "Number of classes"
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range[1] === 3.5", timeout=5_000
    )


# Every trace the page's live charts draw (and one with an array in every kind of place the
# charts have none: nested, typed, per point, excluded colorbar ticks) through the app's
# PlotSchema.findArrayAttributes and Plotly's own; then how often a redraw asks it.
ARRAY_ATTRIBUTES = """async () => {
    const schema = window.Plotly.PlotSchema;
    const ours = schema.findArrayAttributes, plotlys = ours.walksEveryTime;
    const charts = [...document.querySelectorAll('.losslab-chart.js-plotly-plot')];
    const traces = charts.flatMap((gd) => gd._fullData);
    const first = traces.find((t) => t.type === 'scatter') || traces[0];
    traces.push({...first,
        customdata: [[1], [2]], ids: ['a', 'b'], hovertext: 'one for all', meta: [1],
        marker: {...first.marker, color: [1, 2], size: new Float64Array([3, 4]), line: {width: [1, 2]},
                 colorbar: {tickvals: [1, 2], ticktext: ['a', 'b'], tickformatstops: [{value: 'x'}]}},
        hoverlabel: {...first.hoverlabel, font: {size: [12, 14]}, namelength: new Int32Array(2)},
        textfont: {size: [1, 2]}, selectedpoints: [0]});
    const differ = traces.filter((t) => JSON.stringify(ours(t)) !== JSON.stringify(plotlys(t)))
        .map((t) => [t.name, ours(t), plotlys(t)]);
    let asked = 0;
    schema.findArrayAttributes = (trace) => { asked += 1; return ours(trace); };
    try { await window.Plotly.redraw(charts[0]); } finally { schema.findArrayAttributes = ours; }
    return {traces: traces.length, found: traces.map((t) => ours(t).length), differ, asked,
            drawn: charts[0]._fullData.length, probe: [first.type, ours(traces[traces.length - 1])]};
}"""


@pytest.mark.parametrize("path", [p for p in PAGES if p])
def test_plotly_finds_the_same_array_attributes_with_the_schema_walked_once(page, app_url, path):
    """livechart/plotly_loader.js answers Plotly's "which attributes hold arrays" from a
    schema walked once: the same answer as Plotly's walk for every trace the page draws,
    and Plotly's redraw asks it (once per trace)."""
    _open(page, app_url, path)
    result = page.evaluate(ARRAY_ATTRIBUTES)
    assert result["differ"] == []
    assert all(found >= 2 for found in result["found"]), result["found"]  # x and y at least
    assert result["asked"] == result["drawn"] > 0
    kind, probe = result["probe"]
    expected = ["customdata", "ids", "marker.color", "marker.line.width", "textfont.size"]
    for attribute in expected + (["marker.size"] if kind == "scatter" else []):
        assert attribute in probe, (kind, probe)
    assert "marker.colorbar.tickvals" not in probe  # Plotly leaves colorbar ticks out
    assert "hovertext" not in probe  # a string, not an array


def test_a_slider_moved_and_back_then_a_preset_shows_the_preset(page, app_url):
    """A chart slider moved and brought back before it rests sends the value Python
    already has: the rerun draws the same chart. The slider must still stop waiting for
    Python, or a preset after it would neither move the slider nor redraw the chart (and
    the chart's other sliders would wait for reruns)."""
    _open(page, app_url, "robust-fitting")
    outliers = page.locator(".losslab-slider[data-name='fit_outliers'] input")
    assert outliers.input_value() == "2"
    outliers.focus()
    outliers.press("ArrowRight")
    outliers.press("ArrowLeft")  # back to 2 before it rests: 2 is sent
    page.wait_for_timeout(1_000)  # rests (350 ms), is sent, Python reruns
    wait_idle(page)
    page.get_by_role("button", name="Clean data").click()  # fit_outliers = 0
    page.wait_for_function(
        "() => document.querySelector(\".losslab-slider[data-name='fit_outliers'] input\").value === '0'",
        timeout=10_000,
    )
    wait_idle(page)
    assert "fit_outliers=0" in page.url
    page.wait_for_timeout(500)  # nothing draws the older frame over it
    outliers_drawn = "() => document.querySelector('.st-key-fit_chart .js-plotly-plot')._fullData[1].x.length"
    assert page.evaluate(outliers_drawn) == 0
    # and another slider of the chart draws from its frames again, before any rerun
    page.evaluate(COUNT_RUNS)
    before = page.evaluate(DRAWN_IN, "fit_chart")
    delta = page.locator(".losslab-slider[data-name='fit_delta'] input")  # (no outlier: no distance)
    delta.focus()
    delta.press("ArrowRight")
    page.wait_for_function(f"(before) => ({DRAWN_IN})('fit_chart') !== before", arg=before, timeout=5_000)
    assert page.evaluate("window.runs") == 0
    assert console_errors(page.console_messages_seen) == []

"""Layout and accessibility of every page at three sizes: a laptop (1440×1000), a projector
in presentation mode (1920×1080, ``?present=true``) and a phone (390×844).

Each page is opened once per size and measured once (``_measure``): axe-core's violations,
the boxes of the text Plotly writes in each chart, the text that does not fit its box, the
type sizes, the "Deploy" button, a full-page screenshot. The tests below then read the
measurement, one check each. A page with tabs is measured with each tab open in turn.

The live charts (``livechart``, a v2 component without style isolation) draw into the
page's own document: their SVG text is measured there, and axe checks it with the rest;
any iframe a page does have is checked by axe as well.
"""

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from devtools.browser import wait_idle
from ui.pages import PAGES

AXE_JS = Path(axe_playwright_python.__file__).with_name("axe.min.js")
AXE_VERSION = re.search(r"axe v(\S+)", AXE_JS.read_text(encoding="utf-8")[:200]).group(1)
BLOCKING_IMPACTS = ("serious", "critical")

PATHS = [page.url_path for page in PAGES]


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    present: bool = False


SIZES = {
    "1440": Size(1440, 1000),
    "1920-present": Size(1920, 1080, present=True),
    "390-phone": Size(390, 844),
}
# presentation mode's reference: measured (type sizes, chart heights), not checked itself
REFERENCE = {"1920-normal": Size(1920, 1080)}
PRESENTATION_SCALE = 1.3
SLACK_PX = 1  # rounding: boxes may touch, and scroll widths round

# ---------------------------------------------------------------------------- in the page

# Until a page stops changing: KaTeX and the data grid load lazily after the script run,
# and the charts resize once their column has its width.
SIGNATURE = """() => JSON.stringify([
    document.querySelectorAll('.katex').length,
    document.querySelectorAll('[data-testid="stDataFrame"] canvas').length,
    document.querySelectorAll('.js-plotly-plot .main-svg').length,
    [...document.querySelectorAll('.js-plotly-plot')].map(gd => gd._fullLayout && [gd._fullLayout.width, gd._fullLayout.height]),
    document.querySelectorAll('[data-testid="stSkeleton"], [data-testid="stSpinner"]').length,
    document.documentElement.scrollHeight,
    document.fonts.status,
])"""

# Shared helpers, prepended to each script run in the page.
HELPERS = r"""
const MAIN = document.querySelector('[data-testid="stMain"]') || document.body;
const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const keyOf = (el) => {
    const holder = el.closest('[class*="st-key-"]');
    return holder ? [...holder.classList].find((c) => c.startsWith('st-key-')) : '';
};
const describe = (el) => {
    const id = el.dataset && el.dataset.testid ? `[data-testid="${el.dataset.testid}"]` : '';
    const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/)[0] : '';
    const key = keyOf(el);
    return `${el.tagName.toLowerCase()}${id}${cls}${key ? ' in .' + key : ''}`;
};
const textOf = (el) => (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80);
// the element that holds the text itself (its font is the one drawn)
const textHost = (el) => {
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT,
        {acceptNode: (n) => n.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP});
    const node = walk.nextNode();
    return node ? node.parentElement : el;
};
// the data grids of st.dataframe: their React props (columns, cells, theme)
const grids = () => [...MAIN.querySelectorAll('[data-testid="stDataFrame"]')].map((frame) => {
    const canvas = frame.querySelector('[data-testid="data-grid-canvas"]');
    if (!canvas) return {frame, props: null};
    const fiberKey = Object.keys(canvas).find((k) => k.startsWith('__reactFiber'));
    let fiber = fiberKey && canvas[fiberKey];
    while (fiber && !(fiber.memoizedProps && Array.isArray(fiber.memoizedProps.columns))) fiber = fiber.return;
    return {frame, props: fiber ? fiber.memoizedProps : null};
});
const pxOf = (style) => { const m = /([\d.]+)px/.exec(style || ''); return m ? Number(m[1]) : NaN; };
"""

# Type sizes by what the text is, in the main area (the sidebar is the app's own chrome).
FONTS = (
    HELPERS
    + r"""
const CATEGORIES = {
    'metric value': '[data-testid="stMetricValue"]',
    'formula (.katex)': '.katex',
    'table cell': '[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th, '
        + '[data-testid="stTable"] td, [data-testid="stTable"] th',
    'widget label': '[data-testid="stWidgetLabel"]',
    "chart's slider label": '.losslab-slider label > span',
    'slider value (stSliderThumbValue)': '[data-testid="stSliderThumbValue"]',
    "chart's slider value": '.losslab-slider output',
    'chart legend': '.js-plotly-plot .legendtext',
    'chart axis title': '.js-plotly-plot text',
    'chart title / subplot title': '.js-plotly-plot .gtitle, .js-plotly-plot .gtitle-subtitle, .js-plotly-plot .annotation-text',
};
const AXIS_TITLE = /^[xy]\d*title$/;
const fonts = [];
for (const [category, selector] of Object.entries(CATEGORIES)) {
    for (const el of MAIN.querySelectorAll(selector)) {
        if (category === 'chart axis title' && !AXIS_TITLE.test(el.getAttribute('class') || '')) continue;
        if (!textOf(el)) continue;
        const host = category === 'formula (.katex)' ? el : textHost(el);
        fonts.push({category, key: keyOf(el), text: textOf(el), px: parseFloat(getComputedStyle(host).fontSize)});
    }
}
for (const {frame, props} of grids()) {
    if (props) fonts.push({category: 'table cell (st.dataframe grid)', key: keyOf(frame),
        text: props.columns.map((c) => c.title).join(' | ').slice(0, 80), px: pxOf(props.theme.baseFontStyle)});
}
const charts = [...MAIN.querySelectorAll('.js-plotly-plot')].map((gd) => ({
    key: keyOf(gd), height: gd._fullLayout ? gd._fullLayout.height : NaN,
    shown_height: gd.getBoundingClientRect().height,
}));
return {fonts, charts};
"""
)

# Pairs of Plotly text boxes that intersect, in each chart on show.
OVERLAPS = (
    HELPERS
    + r"""
const WANTED = /(^|\s)(legendtext|legendtitletext|annotation-text|gtitle|gtitle-subtitle|bartext|[xy]\d*title)(\s|$)/;
const slack = SLACK;
const out = [];
let charts = 0, texts = 0;
for (const gd of MAIN.querySelectorAll('.js-plotly-plot')) {
    if (!shown(gd)) continue;
    charts += 1;
    const boxes = [];
    for (const t of gd.querySelectorAll('text')) {
        const cls = t.getAttribute('class') || '';
        if (!WANTED.test(cls) || !textOf(t) || !shown(t)) continue;
        if (t.closest('[opacity="0"], [style*="opacity: 0"]')) continue;
        const r = t.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        boxes.push({cls, text: textOf(t), r});
    }
    texts += boxes.length;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > slack && y > slack) out.push({
            chart: keyOf(gd),
            a: `${boxes[i].cls} "${boxes[i].text}"`, b: `${boxes[j].cls} "${boxes[j].text}"`,
            overlap: `${x.toFixed(1)}×${y.toFixed(1)} px`,
        });
    }
}
return {overlaps: out, charts, texts};
""".replace("SLACK", str(SLACK_PX))
)

# Text that does not fit: headings, table cells, formulas (which may scroll, not be cut),
# the text of each chart (against the chart's edges) and the cells of each st.dataframe
# grid (drawn on a canvas: measured against its column).
CLIPPING = (
    HELPERS
    + r"""
const slack = SLACK;
const viewport = document.documentElement.clientWidth;
const clipped = [], scrolls = [];
let checked = 0;
const SCROLLING = ['auto', 'scroll'];
function check(el, kind, selfMayScroll) {
    if (!shown(el) || !textOf(el)) return;
    checked += 1;
    const rect = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const entry = {kind, element: describe(el), text: textOf(el),
                   scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, width: +rect.width.toFixed(1)};
    let right = rect.right, left = rect.left;
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + slack) {
        if (SCROLLING.includes(style.overflowX)) {
            if (!selfMayScroll) { clipped.push({...entry, how: `scrolls inside itself (overflow-x: ${style.overflowX})`}); return; }
            scrolls.push({...entry, how: `scrolls (overflow-x: ${style.overflowX})`});
        } else if (style.overflowX === 'hidden' || style.overflowX === 'clip') {
            clipped.push({...entry, how: `cut by itself (overflow-x: ${style.overflowX}, text-overflow: ${style.textOverflow})`});
            return;
        } else {
            clipped.push({...entry, how: 'its content spills out of its own box (overflow-x: visible)'});
            right = rect.left + el.scrollWidth;
        }
    }
    // the ancestors up to the main block: does the element stick out of one of them?
    let spilled = [];
    for (let a = el.parentElement; a && a !== MAIN.parentElement; a = a.parentElement) {
        if (a.clientWidth === 0) continue; // inline
        const ar = a.getBoundingClientRect();
        const inner = {left: ar.left + a.clientLeft, right: ar.left + a.clientLeft + a.clientWidth};
        if (right <= inner.right + slack && left >= inner.left - slack) continue;
        const ox = getComputedStyle(a).overflowX;
        const info = `${describe(a)} (client width ${a.clientWidth}, element spans ${left.toFixed(0)}..${right.toFixed(0)} px vs ${inner.left.toFixed(0)}..${inner.right.toFixed(0)})`;
        if (SCROLLING.includes(ox) && a === MAIN) {
            // not a box of its own that scrolls: the whole page pans sideways
            clipped.push({...entry, how: `off the page: sticks out of the main area, which scrolls sideways, ${info}`});
            return;
        }
        if (SCROLLING.includes(ox)) { scrolls.push({...entry, how: `scrolls in ${info}`}); return; }
        if (ox === 'hidden' || ox === 'clip') { clipped.push({...entry, how: `cut by ${info}${spilled.length ? ' after spilling out of ' + spilled.join(', ') : ''}`}); return; }
        spilled.push(describe(a));
    }
    if (right > viewport + slack || left < -slack)
        clipped.push({...entry, how: `off the screen (spans ${left.toFixed(0)}..${right.toFixed(0)} px, viewport ${viewport} px)`});
    else if (spilled.length)
        clipped.push({...entry, how: `spills out of ${spilled.join(', ')} (overflow visible)`});
}
for (const h of MAIN.querySelectorAll('h1, h2, h3, h4, h5, h6')) check(h, 'heading', false);
for (const c of MAIN.querySelectorAll('[data-testid="stMarkdownContainer"] td, [data-testid="stMarkdownContainer"] th, '
                                      + '[data-testid="stTable"] td, [data-testid="stTable"] th')) check(c, 'table cell', false);
for (const k of MAIN.querySelectorAll('.katex-display, .katex')) {
    if (k.classList.contains('katex') && k.closest('.katex-display')) continue;
    check(k, 'formula', true);
}
// the text Plotly writes in a chart (titles, legend, annotations, bar labels): inside the
// chart's own picture, or cut at its edge
const CHART_TEXT = /(^|\s)(legendtext|legendtitletext|annotation-text|gtitle|gtitle-subtitle|bartext|[xy]\d*title)(\s|$)/;
for (const gd of MAIN.querySelectorAll('.js-plotly-plot')) {
    const svg = gd.querySelector('.main-svg');
    if (!shown(gd) || !svg) continue;
    const box = svg.getBoundingClientRect();
    for (const t of gd.querySelectorAll('text')) {
        const cls = t.getAttribute('class') || '';
        if (!CHART_TEXT.test(cls) || !textOf(t) || !shown(t)) continue;
        const r = t.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        checked += 1;
        if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack || r.bottom > box.bottom + slack)
            clipped.push({kind: 'chart text', element: `${cls} in .${keyOf(gd)}`, text: textOf(t), width: +r.width.toFixed(1),
                how: `cut at the chart's edge: spans x ${(r.left - box.left).toFixed(0)}..${(r.right - box.left).toFixed(0)}, `
                    + `y ${(r.top - box.top).toFixed(0)}..${(r.bottom - box.top).toFixed(0)} px of a ${box.width.toFixed(0)}×${box.height.toFixed(0)} px chart`});
    }
}
// st.dataframe: each column's text (header and cells, as drawn) against the column's width
const ctx = document.createElement('canvas').getContext('2d');
for (const {frame, props} of grids()) {
    if (!shown(frame)) continue;
    if (!props) { clipped.push({kind: 'st.dataframe', element: describe(frame), text: '', how: 'grid props not found: cannot measure'}); continue; }
    const t = props.theme, pad = 2 * t.cellHorizontalPadding;
    props.columns.forEach((column, col) => {
        const texts = [[t.headerFontFull, column.title, 'header']];
        for (let row = 0; row < props.rows; row++) {
            const cell = props.getCellContent([col, row]);
            const shownText = cell.displayData ?? (typeof cell.data === 'string' ? cell.data : '');
            texts.push([t.baseFontFull, String(shownText), `row ${row}`]);
        }
        for (const [font, text, where] of texts) {
            if (!text) continue;
            checked += 1;
            ctx.font = font;
            const needed = ctx.measureText(text).width + pad;
            if (needed > column.width + slack) clipped.push({kind: 'st.dataframe cell', element: describe(frame),
                text: `${column.title} / ${where}: "${text}"`, width: column.width, needed: +needed.toFixed(1),
                how: `column ${column.width} px wide, the text needs ${needed.toFixed(1)} px (with ${pad} px padding)`});
        }
    });
}
return {clipped, scrolls, checked};
""".replace("SLACK", str(SLACK_PX))
)

# ---------------------------------------------------------------------------- measuring


@dataclass
class View:
    """What one page at one size showed (each tab of it, when it has tabs)."""

    path: str
    size: str
    views: list = field(default_factory=list)  # names: "" for the page as opened, then "tab …"
    axe: list = field(default_factory=list)  # (view, violation)
    frames_checked: int = 0
    overlaps: list = field(default_factory=list)  # (view, overlap)
    charts_checked: int = 0
    chart_texts_checked: int = 0
    clipped: list = field(default_factory=list)  # (view, entry)
    scrolls: list = field(default_factory=list)  # (view, entry): wide, but scrolls (allowed)
    clip_checked: int = 0
    fonts: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    deploy: int = 0
    screenshots: list = field(default_factory=list)
    screenshots_dir: Path | None = None


_MEASURED = {}
_FAILED = {}


def _url(app_url, path, size):
    return f"{app_url}/{path}" + ("?present=true" if size.present else "")


def _settle(page):
    wait_idle(page)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    last, same = None, 0
    for _ in range(60):  # at most ~12 s
        now = page.evaluate(SIGNATURE)
        same = same + 1 if now == last else 0
        if same >= 2:
            break
        last = now
        page.wait_for_timeout(200)
    wait_idle(page)


def _axe(page_or_frame):
    if not page_or_frame.evaluate("() => typeof window.axe !== 'undefined'"):
        page_or_frame.add_script_tag(path=str(AXE_JS))
    result = page_or_frame.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return {version: axe.version, violations: r.violations}; }"
    )
    assert result["version"] == AXE_VERSION
    return [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]


def _measure_view(page, record, view, *, full):
    record.views.append(view)
    if full:
        for violation in _axe(page):
            record.axe.append((view or "page", violation))
        for frame in page.frames[1:]:  # an iframe on the page (the live charts have none)
            record.frames_checked += 1
            for violation in _axe(frame):
                record.axe.append((f"{view or 'page'} iframe {frame.url}", violation))
        drawn = page.evaluate(f"() => {{ {OVERLAPS} }}")
        record.overlaps += [(view or "page", o) for o in drawn["overlaps"]]
        record.charts_checked += drawn["charts"]
        record.chart_texts_checked += drawn["texts"]
        fitted = page.evaluate(f"() => {{ {CLIPPING} }}")
        record.clipped += [(view or "page", c) for c in fitted["clipped"]]
        record.scrolls += [(view or "page", s) for s in fitted["scrolls"]]
        record.clip_checked += fitted["checked"]
        record.deploy += page.get_by_text("Deploy", exact=True).count()
        record.deploy += page.get_by_role("button", name=re.compile("deploy", re.IGNORECASE)).count()
        slug = re.sub(r"[^a-z0-9]+", "-", view.lower()).strip("-")
        shot = (
            record.screenshots_dir
            / f"layout_{record.path or 'home'}_{record.size}{'_' + slug if slug else ''}.png"
        )
        _full_page_screenshot(page, shot)
        record.screenshots.append(shot)


# Streamlit's page scrolls inside its main section, not the document: a full-page
# screenshot is taken with the window as tall as the content (widths, and so the layout
# and the charts, unchanged), then the window is put back.
CONTENT_HEIGHT = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"], '
        + '[data-testid="stSidebarContent"]')].map(e => e.scrollHeight))"""


def _full_page_screenshot(page, path):
    viewport = page.viewport_size
    height = page.evaluate(CONTENT_HEIGHT)
    try:
        if height > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": height})
            page.wait_for_timeout(300)
            _settle(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(viewport)


def _measure(browser, app_url, screenshots, path, size_name, *, full=True):
    size = {**SIZES, **REFERENCE}[size_name]
    record = View(path, size_name, screenshots_dir=screenshots)
    page = browser.new_page()
    try:
        page.set_viewport_size({"width": size.width, "height": size.height})
        page.goto(_url(app_url, path, size))
        try:
            _settle(page)
        except PlaywrightTimeout as error:
            boxes = page.locator('[data-testid="stException"]').all_inner_texts()
            raise AssertionError(f"not drawn in time; exception boxes on the page: {boxes}") from error
        measured = page.evaluate(f"() => {{ {FONTS} }}")  # type: all tabs' elements, shown or not
        record.fonts, record.charts = measured["fonts"], measured["charts"]
        _measure_view(page, record, "", full=full)
        tabs = page.locator('[data-testid="stMain"] [data-testid="stTab"]')
        names = [name.strip() for name in tabs.all_inner_texts()] if full else []
        for index, name in enumerate(names[1:], start=1):
            # each tab from the page as opened: a second change of tab does not stick
            # (it springs back to the tab opened first)
            page.goto(_url(app_url, path, size))
            _settle(page)
            tabs.nth(index).click()
            page.wait_for_timeout(300)  # the tab's rerun (its open tab lives in the link)
            _settle(page)
            assert tabs.nth(index).get_attribute("aria-selected") == "true", f"tab {name!r} did not open"
            _measure_view(page, record, f"tab {name}", full=full)
    finally:
        page.close()
    return record


@pytest.fixture
def measured(browser, app_url, screenshots):
    def get(path, size_name, *, full=True):
        key = (path, size_name)
        if key in _FAILED:  # measured once: each check of the page fails with it
            raise AssertionError(f"{path or 'home'} at {size_name} could not be measured") from _FAILED[key]
        if key not in _MEASURED:
            try:
                _MEASURED[key] = _measure(browser, app_url, screenshots, path, size_name, full=full)
            except (AssertionError, PlaywrightError) as error:
                _FAILED[key] = error
                raise
        return _MEASURED[key]

    return get


CASES = [pytest.param(path, size, id=f"{path or 'home'}-{size}") for path in PATHS for size in SIZES]


def _lines(items):
    return "\n".join(f"  [{view}] {item}" for view, item in items)


# ---------------------------------------------------------------------------- the checks


@pytest.mark.parametrize(("path", "size"), CASES)
def test_axe_finds_no_serious_violation(measured, path, size):
    record = measured(path, size)
    found = []
    for view, v in record.axe:
        for node in v["nodes"]:
            data = next((c.get("data") for c in node.get("any", []) if c.get("data")), None)
            detail = ""
            if isinstance(data, dict) and "contrastRatio" in data:
                detail = (
                    f" contrast {data['contrastRatio']} (needs {data.get('expectedContrastRatio')}),"
                    f" {data.get('fgColor')} on {data.get('bgColor')}, {data.get('fontSize')}"
                )
            what = f"{v['id']} ({v['impact']}): {v['help']} — {node['target']}{detail}"
            found.append((view, f"{what}\n      {node['html'][:200]}"))
    assert not found, f"axe-core {AXE_VERSION}: serious/critical violations\n{_lines(found)}"


@pytest.mark.parametrize(("path", "size"), CASES)
def test_chart_texts_do_not_overlap(measured, path, size):
    record = measured(path, size)
    assert record.charts_checked > 0  # every page has a chart on show
    assert record.chart_texts_checked > 0 or path == "", "no chart text found to check"
    found = [
        (view, f"{o['chart']}: {o['a']} × {o['b']} overlap {o['overlap']}") for view, o in record.overlaps
    ]
    assert not found, f"overlapping chart texts\n{_lines(found)}"


@pytest.mark.parametrize(("path", "size"), CASES)
def test_no_text_is_clipped(measured, path, size):
    record = measured(path, size)
    assert record.clip_checked > 0
    found = [(view, f'{c["kind"]} {c["element"]} "{c["text"]}": {c["how"]}') for view, c in record.clipped]
    scrolling = [(view, f'{s["kind"]} "{s["text"][:50]}": {s["how"]}') for view, s in record.scrolls]
    assert not found, f"clipped text\n{_lines(found)}" + (
        f"\n(wide, but scrolling, allowed)\n{_lines(scrolling)}" if scrolling else ""
    )
    if scrolling:  # allowed, and worth knowing (pytest -rP shows it)
        print(f"wider than their column, scrolling:\n{_lines(scrolling)}")


@pytest.mark.parametrize("path", [pytest.param(p, id=p or "home") for p in PATHS])
def test_presentation_mode_enlarges_the_type_and_keeps_the_charts_tall(measured, path):
    present = measured(path, "1920-present")
    normal = measured(path, "1920-normal", full=False)

    def by_key(fonts):
        keyed, seen = {}, {}
        for f in fonts:
            group = (f["category"], f["key"])
            index = seen[group] = seen.get(group, -1) + 1
            keyed[(*group, index)] = f
        return keyed

    big, small = by_key(present.fonts), by_key(normal.fonts)
    assert small, "no text measured"
    found = []
    for key, before in small.items():
        after = big.get(key)
        if after is None:
            found.append(f'{key[0]} {key[1]} #{key[2]} "{before["text"]}": not found in presentation mode')
            continue
        ratio = after["px"] / before["px"]
        if not ratio >= PRESENTATION_SCALE - 1e-3:
            found.append(
                f'{key[0]} {key[1] or "(no key)"} #{key[2]} "{before["text"][:40]}": '
                f"{before['px']:g}px → {after['px']:g}px = ×{ratio:.3f}"
            )
    heights = {c["key"]: c["height"] for c in present.charts}
    for chart in normal.charts:
        if not heights.get(chart["key"], -math.inf) >= chart["height"]:
            found.append(f"chart {chart['key']}: height {chart['height']} → {heights.get(chart['key'])}")
    assert not found, f"presentation mode (×{PRESENTATION_SCALE} wanted)\n" + "\n".join(
        f"  {f}" for f in found
    )


@pytest.mark.parametrize(("path", "size"), CASES)
def test_no_deploy_button(measured, path, size):
    assert measured(path, size).deploy == 0


@pytest.mark.parametrize(("path", "size"), CASES)
def test_a_full_page_screenshot_is_saved(measured, path, size):
    record = measured(path, size)
    assert record.screenshots
    for shot in record.screenshots:
        assert shot.stat().st_size > 10_000, shot  # a real picture, not an empty page

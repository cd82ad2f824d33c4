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

# What is measured in the page (the settling signature, type sizes, overlapping chart texts,
# clipped text, the content's height): window.layoutProbes, injected into each page on
# every load (page.add_init_script) and called by name.
PROBES_JS = Path(__file__).with_name("layout_probes.js")


def _probe(page, name, args=None):
    return page.evaluate("([name, args]) => window.layoutProbes[name](args)", [name, args])


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
        now = _probe(page, "signature")
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
        drawn = _probe(page, "overlaps", {"slack": SLACK_PX})
        record.overlaps += [(view or "page", o) for o in drawn["overlaps"]]
        record.charts_checked += drawn["charts"]
        record.chart_texts_checked += drawn["texts"]
        fitted = _probe(page, "clipping", {"slack": SLACK_PX})
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


def _full_page_screenshot(page, path):
    viewport = page.viewport_size
    height = _probe(page, "contentHeight")
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
    page.add_init_script(path=str(PROBES_JS))  # on every load: the goto of each tab too
    try:
        page.set_viewport_size({"width": size.width, "height": size.height})
        page.goto(_url(app_url, path, size))
        try:
            _settle(page)
        except PlaywrightTimeout as error:
            boxes = page.locator('[data-testid="stException"]').all_inner_texts()
            raise AssertionError(f"not drawn in time; exception boxes on the page: {boxes}") from error
        measured = _probe(page, "fonts")  # type: all tabs' elements, shown or not
        record.fonts, record.charts = measured["fonts"], measured["charts"]
        _measure_view(page, record, "", full=full)
        # the page's own tabs (not those of a program's libraries in a folded expander)
        tabs = page.locator('[data-testid="stMain"] [data-testid="stTab"]:visible')
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


# The charts with fixed margins (viz.theme.fixed_margins), at the ends of the sliders that
# move their tick labels: the default views above are one point of each range.
FIXED_MARGIN_ENDS = [
    "robust-fitting?fit_outliers=10&fit_distance=1000&fit_leverage=1",
    "robust-fitting?fit_outliers=10&fit_distance=0&fit_leverage=0.5",
    "softmax?mc_classes=6&mc_score_0=-5&mc_score_5=5&mc_temperature=0.1",
    "kl-divergence?kl_classes=6",
    "kl-divergence?kl_classes=2",
]


@pytest.mark.parametrize("size_name", ["1440", "390-phone"])
@pytest.mark.parametrize("view", FIXED_MARGIN_ENDS)
def test_fixed_margins_hold_the_tick_labels_at_the_sliders_ends(browser, app_url, view, size_name):
    size = SIZES[size_name]
    page = browser.new_page()
    page.add_init_script(path=str(PROBES_JS))
    try:
        page.set_viewport_size({"width": size.width, "height": size.height})
        page.goto(f"{app_url}/{view}")
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        assert page.get_by_text("settings this page could not use").count() == 0  # the view asked for
        fitted = _probe(page, "clipping", {"slack": SLACK_PX})
    finally:
        page.close()
    charts = [c for c in fitted["clipped"] if c["kind"] == "chart text"]
    assert not charts, "\n".join(f'{c["element"]} "{c["text"]}": {c["how"]}' for c in charts)
    assert fitted["checked"] > 0

"""Take the README's screenshot of the regression page from the running app.

.venv/bin/python scripts/readme_screenshot.py   # writes docs/regression.png
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from devtools.browser import ROOT, chromium, running_app, wait_idle


def main():
    with running_app() as url, sync_playwright() as playwright, chromium(playwright) as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": 1440, "height": 960})
        page.goto(f"{url}/regression-losses")
        wait_idle(page)
        for label in ("Huber", "Pseudo-Huber"):
            page.get_by_text(label, exact=True).click()
            page.wait_for_timeout(300)
            wait_idle(page)
        range_slider = page.locator(".st-key-reg_r_max input")  # "Residual range ±": 1 -> 3
        range_slider.focus()
        for _ in range(4):
            range_slider.press("ArrowRight")
        page.wait_for_timeout(500)
        wait_idle(page)
        page.get_by_text("Formulas").click()  # folded: the picture shows the chart
        page.wait_for_timeout(800)
        page.evaluate(
            "() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
        )
        page.wait_for_timeout(300)
        out = ROOT / "docs" / "regression.png"
        page.screenshot(path=str(out), clip={"x": 300, "y": 0, "width": 1140, "height": 960})
        print(out)


if __name__ == "__main__":
    main()

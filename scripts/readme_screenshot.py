"""Take the README's screenshot of the regression page from the running app.

.venv/bin/python scripts/readme_screenshot.py   # writes docs/regression.png
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from devtools.browser import ROOT, chromium, running_app, wait_idle

LINK = "regression-losses?reg_show_huber=true&reg_show_pseudo_huber=true&reg_r_max=3"


def main():
    with running_app() as url, sync_playwright() as playwright, chromium(playwright) as browser:
        page = browser.new_page()
        page.set_viewport_size({"width": 1440, "height": 1000})
        page.goto(f"{url}/{LINK}")  # the README's caption names this link
        wait_idle(page)
        page.get_by_text("Formulas").click()  # folded: the picture shows the chart
        page.wait_for_timeout(800)
        page.evaluate(
            "() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })"
        )
        page.wait_for_timeout(300)
        out = ROOT / "docs" / "regression.png"
        page.screenshot(path=str(out), clip={"x": 300, "y": 0, "width": 1140, "height": 1000})
        print(out)


if __name__ == "__main__":
    main()

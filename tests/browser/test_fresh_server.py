"""The pages live in pages/: on a freshly started server, Streamlit 1.67 runs the first
visits in its legacy multipage mode (see ui/pages.py). Each page URL, opened first on a
fresh server of its own, must show that page with the app's navigation and sidebar, its
link's settings kept, and never "Page not found"."""

import pytest

from devtools.browser import console_errors, running_app, wait_idle
from ui.pages import PAGES

# per url path: a setting that the first visit must keep, and the page's heading
LINKS = {
    "": ("present=true", "Loss Lab"),
    "regression-losses": ("reg_r_max=3", "Regression losses"),
    "binary-classification": ("bin_p=0.25", "Binary classification"),
    "softmax": ("mc_temperature=0.5", "Multiclass: softmax and cross-entropy"),
    "kl-divergence": ("kl_classes=3", "KL divergence"),
    "barron": ("barron_alpha=-2", "Barron's robust loss"),
    "robust-fitting": ("fit_outliers=4", "Robust fitting"),
    "gradient-descent": ("gd_rate=0.9", "Gradient descent"),
    "stable-vs-naive": ("naive_case=log+cosh", "Stable vs naive"),
    "your-data": ("data_example=binary", "Your data"),
}


@pytest.mark.parametrize("page_info", PAGES, ids=lambda p: p.url_path or "home")
def test_a_page_url_opened_first_on_a_fresh_server(browser, page_info):
    query, heading = LINKS[page_info.url_path]
    with running_app() as url:
        page = browser.new_page()
        messages = []
        page.on("console", lambda m: messages.append((m.type, m.text, m.location.get("url", ""))))
        try:
            page.goto(f"{url}/{page_info.url_path}?{query}")
            wait_idle(page)
            page.wait_for_timeout(300)  # a dialog would open after the run
            wait_idle(page)
            assert page.locator("h1").first.inner_text() == heading
            nav = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
            assert [text.split("\n")[-1].strip() for text in nav] == [p.title for p in PAGES]
            assert page.locator(".st-key-present").count() == 1  # the app's sidebar
            assert "Page not found" not in page.locator("body").inner_text()
            assert page.locator('[data-testid="stException"]').count() == 0
            assert query in page.url
            assert page.locator('[data-testid="stAlert"]').count() == 0  # the link's setting was used
            assert console_errors(messages) == []
        finally:
            page.close()

"""Your data in a real browser: a file uploaded through the page's own uploader is scored,
and a bad one gets its one message with the page still working."""

import numpy as np
import pytest

from devtools.browser import wait_idle

NOT_RUNNING = (
    """() => document.querySelector('[data-test-script-state]')?.dataset.testScriptState === 'notRunning'"""
)


def _open(page, app_url):
    page.goto(f"{app_url}/your-data")
    page.wait_for_selector("h1", timeout=60_000)
    wait_idle(page)


def _upload(page, name, content):
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content}
    )
    page.wait_for_timeout(500)
    page.wait_for_function(NOT_RUNNING, timeout=30_000)  # a bad file draws no chart to wait for


def test_an_uploaded_file_is_scored(page, app_url):
    _open(page, app_url)
    _upload(page, "mine.csv", b"y_true,y_pred\n1,1.5\n2,2\n0,10\n4,3\n")
    page.wait_for_selector(".st-key-data_chart .js-plotly-plot", timeout=30_000)
    drawn = page.evaluate(
        """() => { const gd = document.querySelector('.st-key-data_chart .js-plotly-plot');
            const t = gd._fullData.find((t) => t.xaxis === 'x2' && t.name === 'L2 (MSE)');
            return [Array.from(t.x), Array.from(t.y)]; }"""
    )
    residuals, l2 = np.array(drawn[0]), np.array(drawn[1])
    np.testing.assert_array_equal(residuals, [0.5, 0.0, 10.0, -1.0])  # ŷ − y, by hand
    np.testing.assert_array_equal(l2, residuals**2)
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
        ("bad.csv", b"y_true,y_pred\n1,2\n3,four\n", "Row 3, column 'y_pred' holds 'four'"),
    ],
)
def test_a_bad_upload_gets_one_message_and_the_page_goes_on(page, app_url, name, content, message):
    _open(page, app_url)
    _upload(page, name, content)
    errors = page.locator('[data-testid="stAlertContentError"]')
    errors.first.wait_for(timeout=30_000)
    assert errors.count() == 1
    assert message in errors.first.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    # the page goes on: an example still loads
    page.get_by_role("button", name="Regression example").click()
    page.wait_for_timeout(300)
    page.wait_for_function(NOT_RUNNING, timeout=30_000)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 1  # the upload still wins

"""The one table of pages: app.py's navigation, the home page's map, and the tests all
read it.

The pages live in ``pages/``, each file named after its public url path
(``pages/regression-losses.py`` serves ``/regression-losses``). Streamlit 1.67 runs a freshly
started server's first visits in its legacy multipage mode while a ``pages/`` folder
exists (``PagesManager.uses_pages_directory`` is set from the folder and cleared only by
``st.navigation``): a page URL opened before anyone opened ``/`` runs that page's file
alone, without app.py. With the file named after the url path the legacy resolver finds
the very page, and its first call (``ui.header`` → ``ui.state.ensure_navigation``)
registers this navigation and reruns through app.py, the query string kept.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

import viz


@dataclass(frozen=True, kw_only=True)
class Page:
    file: str  # relative to the app's folder
    title: str
    icon: str  # a Material icon (Debian's chromium has no emoji font)
    blurb: str = ""  # a line for the home page's map
    preview: Callable | None = None  # () -> the figure the home page shows small

    @property
    def url_path(self):
        """The public url path: the file's stem ("" for the home page)."""
        return "" if self is HOME else Path(self.file).stem


HOME = Page(file="pages/home.py", title="Home", icon=":material/home:")
PAGES = (
    HOME,
    Page(
        file="pages/regression-losses.py",
        title="Regression losses",
        icon=":material/show_chart:",
        blurb="L1, L2, Huber, Pseudo-Huber and log-cosh against the residual, with the outlier example.",
        preview=lambda: viz.regression_figure(("mae", "mse", "huber")),
    ),
    Page(
        file="pages/binary-classification.py",
        title="Binary classification",
        icon=":material/call_split:",
        blurb="Cross-entropy against the probability, hinge against the margin, "
        "and the sigmoid squashing a score.",
        preview=viz.bce_figure,
    ),
    Page(
        file="pages/softmax.py",
        title="Multiclass: softmax",
        icon=":material/bar_chart:",
        blurb="Scores → probabilities → cross-entropy and its gradient.",
        preview=lambda: viz.softmax_demo_figure([2.0, 1.0, 0.1]),
    ),
    Page(
        file="pages/kl-divergence.py",
        title="KL divergence",
        icon=":material/compare_arrows:",
        blurb="Two distributions, and why KL(P‖Q) ≠ KL(Q‖P).",
        preview=lambda: viz.kl_figure([0.1, 0.4, 0.3, 0.2], [0.3, 0.3, 0.2, 0.2]),
    ),
    Page(
        file="pages/barron.py",
        title="Barron's robust loss",
        icon=":material/tune:",
        blurb="One shape α from L2 to Cauchy and Welsch: the loss, its pull and each point's weight.",
        preview=lambda: viz.barron_figure(0.0),
    ),
    Page(
        file="pages/robust-fitting.py",
        title="Robust fitting",
        icon=":material/scatter_plot:",
        blurb="The line each loss fits through data with outliers, step by step (IRLS).",
        preview=lambda: viz.fitting_figure(2, 30.0),
    ),
    Page(
        file="pages/gradient-descent.py",
        title="Gradient descent",
        icon=":material/trending_down:",
        blurb="One prediction found step by step: why L2 leaps and overshoots and L1 zig-zags.",
        preview=lambda: viz.descent_figure("mse", rate=0.9, step=30),
    ),
    Page(
        file="pages/stable-vs-naive.py",
        title="Stable vs naive",
        icon=":material/warning:",
        blurb="The textbook formula against ours as inputs grow: where naive code gives inf, nan or no digits.",
        preview=lambda: viz.naive_figure("log_cosh"),
    ),
    Page(
        file="pages/your-data.py",
        title="Your data",
        icon=":material/upload_file:",
        blurb="Upload or paste your own predictions: every example's loss and what the cost is made of.",
    ),
)


# The app's page settings, set before st.navigation: a favicon set first stays, where
# st.navigation would make the page's Material icon the favicon, a file from
# fonts.gstatic.com (out of reach offline: an error in the browser's console).
PAGE_CONFIG = {"page_title": "Loss Lab", "page_icon": "assets/favicon.png", "layout": "wide"}


def st_pages(*, icons=True):
    """The table as ``st.Page`` objects for ``st.navigation``."""
    return [
        st.Page(page.file, title=page.title, icon=page.icon if icons else None, default=page is HOME)
        for page in PAGES
    ]

"""Loss Lab: the entry point (`streamlit run app.py`), a short list of pages."""

import streamlit as st

import chart_component
import ui

st.set_page_config(page_title="Loss Lab", page_icon="assets/favicon.png", layout="wide")

# The pages live in app_pages/, not pages/: Streamlit 1.67 still scans a pages/ folder on
# a first visit to a page's URL, and then either runs that file without this navigation
# or shows "Page not found". Every view must open from a link, so the folder is renamed.
PAGES = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page(
        "app_pages/regression.py",
        title="Regression losses",
        icon=":material/show_chart:",
        url_path="regression-losses",
    ),
    st.Page(
        "app_pages/binary.py",
        title="Binary classification",
        icon=":material/call_split:",
        url_path="binary-classification",
    ),
    st.Page(
        "app_pages/multiclass.py",
        title="Multiclass: softmax",
        icon=":material/bar_chart:",
        url_path="softmax",
    ),
    st.Page(
        "app_pages/kl_divergence.py",
        title="KL divergence",
        icon=":material/compare_arrows:",
        url_path="kl-divergence",
    ),
]

navigation = st.navigation(PAGES)
if not ui.PLAIN_CHARTS:  # (the benchmark's baseline draws with Streamlit's own plotly.js)
    chart_component.preload_plotly()  # first: the charts need plotly.js
ui.sidebar()  # before the page: its widgets are the app's, so they survive a change of page
navigation.run()

"""Loss Lab: the entry point (`streamlit run app.py`). The pages are listed in ui/pages.py."""

import streamlit as st

import livechart
import ui
from ui import state

st.set_page_config(**ui.pages.PAGE_CONFIG)  # before the navigation: see PAGE_CONFIG
navigation = st.navigation(ui.pages.st_pages())
# The page's state reads the link before any control takes its value; when the page has
# run, it reports the link's settings the page could not use.
with state.page_run(navigation.title):
    livechart.BACKEND.preload()  # first: the charts need plotly.js
    ui.sidebar()  # before the page: its widgets are the app's, so they survive a change of page
    navigation.run()

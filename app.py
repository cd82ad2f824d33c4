"""Loss Lab: the entry point (`streamlit run app.py`). The pages are listed in ui/pages.py."""

import streamlit as st
from streamlit.watcher import polling_path_watcher

import livechart
import ui
from ui import state

# Streamlit polls its config files five times a second for changes, whatever
# server.fileWatcherType says: ~2.5 ms of server CPU a second, idle or not. A served app's
# config does not change: once a second costs ~0.5 ms a second. Not slower: a stop (Ctrl+C,
# a rolling update's SIGTERM) waits for the polling threads' sleep to end (tests/test_config.py).
polling_path_watcher._POLLING_PERIOD_SECS = 1.0

st.set_page_config(**ui.pages.PAGE_CONFIG)  # before the navigation: see PAGE_CONFIG
navigation = st.navigation(ui.pages.st_pages())
# The page's state reads the link before any control takes its value; when the page has
# run, it reports the link's settings the page could not use.
with state.page_run(navigation.title):
    livechart.BACKEND.preload()  # first: the charts need plotly.js
    ui.sidebar()  # before the page: its widgets are the app's, so they survive a change of page
    navigation.run()

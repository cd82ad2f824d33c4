"""The server's settings a user relies on, read from .streamlit/config.toml."""

import tomllib

from apptest_helpers import ROOT, open_page

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_users_never_see_a_traceback_or_the_developer_menu():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "viewer"


def test_the_server_is_protected_and_quiet():
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    assert server["enableCORS"] is True
    assert 1 <= server["maxUploadSize"] <= 10  # MB: a few, for a CSV
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_a_class_s_server_does_no_work_between_runs():
    assert CONFIG["runner"]["postScriptGC"] is False
    assert CONFIG["server"]["fileWatcherType"] == "none"
    assert CONFIG["server"]["runOnSave"] is False


def test_streamlit_polls_its_config_files_seldom_but_stops_at_once():
    # Streamlit polls config.toml for changes whatever fileWatcherType says; app.py slows
    # that down through the module's own setting, which must still exist under that name.
    # A stop waits for the polling threads' sleep (10 s made every stop take 10 s).
    from streamlit.watcher import polling_path_watcher

    open_page("pages/regression-losses.py")
    assert 1.0 <= polling_path_watcher._POLLING_PERIOD_SECS <= 2.0

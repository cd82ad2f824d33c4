"""Page and URL state: what the page was opened with, the controls it draws (each with
the check of its URL value), and the link settings it could not use.

app.py begins a ``PageState`` before the page runs and ends it after, so no page can
forget to report a link's ignored settings. The state of the run lives in a context
variable (set for the run by app.py and reset when it ends, however it ends); session
state keeps only plain values.
"""

import contextlib
import dataclasses
import re
from contextvars import ContextVar
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from .pages import st_pages

PRESENT = "present"  # the URL key (and widget key) of presentation mode
HIDE = "hide"  # the URL key of the controls hidden in presentation mode (hide=a&hide=b)
CONTROL_KEY = re.compile(r"[a-z][a-z0-9_]{0,60}")  # what a control's key looks like
STREAMLIT_URL_KEYS = {"embed", "embed_options"}  # Streamlit's own
PRESENTATION_CSS = (Path(__file__).parent / "presentation.css").read_text(encoding="utf-8")

_current = ContextVar("losslab_page_state")


@dataclasses.dataclass(frozen=True)
class Control:
    """A control of the page: the check of its URL value (of its list of values if
    ``many``) and its label."""

    check: object
    many: bool = False
    label: str | None = None
    hideable: bool = True  # offered by presentation mode's "Hide controls"


class PageState:
    """One run of one page: the URL it started with, and the controls drawn."""

    def __init__(self, page):
        self.page = page
        # the URL is read before any widget takes its value from it (or drops it)
        url = {key: st.query_params.get_all(key) for key in st.query_params}
        self.first_run = st.session_state.get("_url_page") != page
        st.session_state["_url_page"] = page
        self.opened_with = url if self.first_run else {}  # later runs: the URL is the app's own
        self.controls = {}
        self.warning = st.empty()  # the report of ignored settings goes here, above the page

    def register(self, key, check, label=None, *, many=False, hideable=True):
        self.controls[key] = Control(check, many, label, hideable)

    def drawn(self, keys):
        """The controls ``keys`` (registered) are drawn in this run: offered to hide."""
        for key in keys:
            self.controls[key] = dataclasses.replace(self.controls[key], hideable=True)

    @property
    def presenting(self):
        return bool(st.session_state.get(PRESENT))

    # --- presentation mode: controls the class does not need to see -------------------
    @property
    def _chooser_key(self):
        return f"_hide_{self.page}"  # each page has its own controls

    def hidden_controls(self):
        """The keys of the controls to hide: the sidebar's choice, updated before this
        run, or on a page's first run (and when the choice is not shown yet) the link's."""
        chosen = None if self.first_run else st.session_state.get(self._chooser_key)
        keys = st.query_params.get_all(HIDE) if chosen is None else chosen
        return [key for key in keys if CONTROL_KEY.fullmatch(key) and key != PRESENT]

    def _hide_chooser(self):
        """The sidebar's choice of controls to hide (presentation mode), among the
        controls the page has just drawn; kept in the link as ``hide``."""
        controls = [key for key, control in self.controls.items() if control.hideable]
        self.register(HIDE, lambda raws: all(raw in controls for raw in raws), many=True, hideable=False)
        if not self.presenting or not controls:  # the link keeps its choice for presentation mode
            return
        with st.sidebar:
            hidden = st.multiselect(
                "Hide controls",
                controls,
                default=[key for key in st.query_params.get_all(HIDE) if key in controls],
                format_func=lambda key: self.controls[key].label or key,
                key=self._chooser_key,
                placeholder="Controls the class need not see",
                help="Hidden controls keep their values. Part of the link: "
                "a prepared link opens with them hidden.",
            )
        if hidden:
            st.query_params[HIDE] = hidden
        else:
            st.query_params.pop(HIDE, None)

    def end(self):
        """The choice of controls to hide, then one warning naming every URL parameter
        the page could not use (unknown, repeated, not a number, out of range, ...),
        which fell back to defaults."""
        self._hide_chooser()
        ignored = []
        for key, raws in self.opened_with.items():
            if key in STREAMLIT_URL_KEYS:
                continue
            control = self.controls.get(key)
            try:
                usable = control is not None and (
                    control.check(raws) if control.many else len(raws) == 1 and control.check(raws[0])
                )
            except (ValueError, TypeError, OverflowError):
                usable = False
            if not usable:
                ignored.append(key)
                if control is None and key in st.query_params:
                    with contextlib.suppress(StreamlitAPIException):  # bound to a widget: Streamlit's
                        del st.query_params[key]  # unknown: dropped from the link too
        if ignored:
            names = ", ".join(_plain(key) for key in sorted(ignored)[:10]) + (
                " …" if len(ignored) > 10 else ""
            )
            self.warning.warning(
                f"The link had settings this page could not use, so it shows the defaults for them: {names}",
                icon=":material/link_off:",
            )


@contextlib.contextmanager
def page_run(page):
    """The state of this run of ``page`` (its title), current while app.py runs it; at
    the end of the page, the hide chooser and the report of the link (``end``)."""
    state = PageState(page)
    token = _current.set(state)
    try:
        yield state
        state.end()
    finally:  # also when the run stops early (a rerun, an error)
        _current.reset(token)


def current():
    return _current.get()


def ensure_navigation():
    """On a freshly started server, Streamlit's legacy multipage mode may run a page file
    alone, without app.py (see ``ui.pages``): then register the app's navigation, which
    ends that mode, and rerun through app.py to the same page with the same query string."""
    if _current.get(None) is None:
        # no icons: the page's icon would become the favicon for a moment, fetched from
        # fonts.gstatic.com (out of reach offline: an error in the browser's console)
        st.navigation(st_pages(icons=False), position="hidden")
        st.rerun()


def _plain(text, limit=40):
    """Text from the URL shown as plain text: shortened, every Markdown sign escaped."""
    text = text if len(text) <= limit else text[:limit] + "…"
    return "".join("\\" + c if not c.isalnum() and c not in " …" else c for c in text)

"""The same losses as PyTorch, Keras and Optax compute them (``losses.conventions``): which
of their curves differ from ours, how a chart names them, and the binary cross-entropy
near p = 0 on a log scale, where their clamps and clips show."""

import re

import numpy as np
import plotly.graph_objects as go

from losses import LOSSES
from losses.conventions import conventions

from .live import LiveChart
from .presentation import OKABE_ITO
from .theme import TEMPLATE

LIBRARY_TITLES = {"textbook": "Textbook (ours)", "pytorch": "PyTorch", "keras": "Keras", "optax": "Optax"}
LIBRARY_OF_TITLE = {title: library for library, title in LIBRARY_TITLES.items()}
LIBRARY_DASH = "longdashdot"  # a library's curve over ours: our colour, a dash no loss of ours has
LIBRARY_COLOURS = {"pytorch": OKABE_ITO["vermillion"], "keras": OKABE_ITO["bluish green"]}


def overlays(name, library):
    """The conventions of ``library`` for loss ``name`` whose values differ from ours."""
    return [c for c in conventions(name) if c.library == library and c.differs]


def call_name(convention):
    """The function a call names: ``smooth_l1_loss`` of ``torch.nn.functional.smooth_l1_loss(...)``."""
    return re.match(r"[\w.]*?(\w+)\(", convention.call).group(1)


def overlay_title(convention, params):
    """How a chart's legend names a library's curve, with our parameters' values."""
    values = ", ".join(
        f"{_keyword(convention, p)} = {params[p.name]:g}" for p in LOSSES[convention.loss].params
    )
    return f"{LIBRARY_TITLES[convention.library]} {call_name(convention)}" + (
        f" ({values})" if values else ""
    )


def _keyword(convention, param):
    """The library's name of our parameter where it has its own (``beta=δ``), else ours."""
    found = re.search(rf"(\w+)={param.label}\b", convention.call)
    return found.group(1) if found and found.group(1) != param.name else param.label


def convention_lines(names, library):
    """Markdown, one line per loss of ``names``: the library's call and how it differs
    from ours, or that it has no such loss."""
    lines = []
    for name in names:
        found = [c for c in conventions(name) if c.library == library]
        if not found:
            lines.append(f"- **{LOSSES[name].title}**: {LIBRARY_TITLES[library]} has no such loss.")
        for c in found:
            lines.append(
                f"- **{LOSSES[name].title}**: `{c.call}` — {c.differs or 'the same function as ours.'}"
            )
    return "\n".join(lines)


# --- binary cross-entropy near p = 0 -----------------------------------------------------
NEAR_ZERO = (-60.0, 0.0)  # log10 of p: from 1e-60 to 1
NEAR_ZERO_POINTS = 481  # every 1/8 decade
BCE_LIBRARIES = ("pytorch", "keras")  # Optax has only the cross-entropy on logits


def _near_zero_skeleton(*, library, **_):
    fig = go.Figure()
    fig.add_scatter(
        mode="lines",
        line={"color": OKABE_ITO["blue"], "width": 4},
        hovertemplate="p = %{x:.3g}: %{y:.6g}<extra>%{fullData.name}</extra>",
    )
    fig.add_scatter(
        mode="lines",
        line={"color": LIBRARY_COLOURS[library], "width": 3, "dash": LIBRARY_DASH},
        hovertemplate="p = %{x:.3g}: %{y:.6g}<extra>%{fullData.name}</extra>",
    )
    fig.update_xaxes(
        type="log",
        title_text="predicted probability p of the true class (y = 1), log scale",
        autorange="reversed",
    )
    fig.update_yaxes(title_text="loss", range=[0, 145])
    fig.update_layout(
        template=TEMPLATE,
        height=420,
        uirevision="near_zero",
        title={
            "text": f"Cross-entropy of a confident mistake: ours and {LIBRARY_TITLES[library]}'s",
            "subtitle": {
                "text": "−log p grows without bound; PyTorch stops it at 100, Keras at −log(1e-7) ≈ 16.12"
            },
        },
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0},
        margin={"b": 120},
    )
    return fig


def _near_zero_data(*, library):
    """The loss of label 1 at p from 1e-60 to 1: ours and ``library``'s (one of
    BCE_LIBRARIES)."""
    p = np.logspace(*NEAR_ZERO, NEAR_ZERO_POINTS)
    (convention,) = overlays("binary_cross_entropy", library)
    return {
        (0, "x"): p,
        (0, "y"): LOSSES["binary_cross_entropy"].fn(1.0, p, reduction="none"),
        (0, "name"): "ours: −log p",
        (1, "x"): p,
        (1, "y"): convention.values(1.0, p),
        (1, "name"): f"{LIBRARY_TITLES[library]} {call_name(convention)}",
    }


NEAR_ZERO_BCE = LiveChart(name="near_zero_bce", skeleton=_near_zero_skeleton, data_at=_near_zero_data)


def near_zero_bce_figure(library="pytorch"):
    """Binary cross-entropy of label 1 as p → 0 (log scale): ours and ``library``'s."""
    return NEAR_ZERO_BCE.figure(library=library)

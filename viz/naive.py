"""Stable vs naive: a formula as the textbook writes it against this package's, as the
input grows (``losses.naive``). Top: both values (their size, log scale); bottom: how many
significant digits the naive one gets right, with where it turns into inf or nan marked."""

import numpy as np
from plotly.subplots import make_subplots

from losses.naive import NAIVE_CASES, correct_digits

from .live import LAYOUT, LiveChart
from .presentation import OKABE_ITO
from .theme import TEMPLATE

CASES = {case.name: case for case in NAIVE_CASES}
NAIVE_POINTS = 481
STABLE, NAIVE, DIGITS, BROKEN = range(4)  # trace indices


def _naive_skeleton(**_):
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.55, 0.45])
    fig.add_scatter(
        mode="lines",
        name="ours (stable)",
        line={"color": OKABE_ITO["blue"], "width": 5},
        hovertemplate="x = %{customdata:.4g}: %{y:.6g}<extra>ours</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines",
        name="naive",
        line={"color": OKABE_ITO["vermillion"], "width": 2.5, "dash": "dash"},
        hovertemplate="x = %{customdata:.4g}: %{y:.6g}<extra>naive</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines",
        name="digits the naive formula gets right",
        line={"color": OKABE_ITO["vermillion"], "width": 3},
        fill="tozeroy",
        fillcolor="rgba(213, 94, 0, 0.15)",
        hovertemplate="x = %{customdata:.4g}: %{y:.1f} digits<extra></extra>",
        row=2,
        col=1,
    )
    fig.add_scatter(
        mode="markers",
        name="naive gives inf or nan",
        marker={"symbol": "x", "size": 9, "color": OKABE_ITO["black"]},
        hovertemplate="x = %{customdata:.4g}: naive %{text}<extra></extra>",
        row=2,
        col=1,
    )
    fig.update_xaxes(type="log", row=1, col=1)
    fig.update_xaxes(type="log", row=2, col=1)
    fig.update_yaxes(type="log", title_text="|value|", row=1, col=1)
    fig.update_yaxes(title_text="correct digits", range=[-0.8, 17], row=2, col=1)
    fig.update_layout(
        template=TEMPLATE,
        height=660,
        uirevision="naive",
        legend={"orientation": "h", "y": -0.16, "yanchor": "top", "x": 0},
        margin={"b": 150},
    )
    return fig


def naive_data(*, case):
    spec = CASES[case]
    magnitude = np.logspace(*spec.x_range, NAIVE_POINTS)
    x = spec.sign * magnitude
    stable = spec.stable(x)
    naive = spec.naive(x)
    digits = correct_digits(naive, stable)
    broken = ~np.isfinite(naive)
    shown = np.isfinite(naive) & (naive != 0)  # a log axis has no 0 (and nothing of inf)
    first_broken = magnitude[broken][0] if broken.any() else None
    lost = magnitude[(digits == 0) & ~broken]
    notes = [f"naive: {spec.naive_formula}"]
    if first_broken is not None:
        notes.append(f"inf or nan from |x| = {first_broken:.3g}")
    if lost.size:
        notes.append(f"every digit lost at |x| = {lost[0]:.3g}")
    return {
        (LAYOUT, "title.text"): f"Stable vs naive: {spec.title}",
        (LAYOUT, "title.subtitle.text"): "   ·   ".join(notes),
        (LAYOUT, "xaxis2.title.text"): spec.x_label,
        (STABLE, "x"): magnitude,
        (STABLE, "y"): np.abs(stable),
        (STABLE, "customdata"): x,
        (NAIVE, "x"): magnitude[shown],
        (NAIVE, "y"): np.abs(naive[shown]),
        (NAIVE, "customdata"): x[shown],
        (DIGITS, "x"): magnitude,
        (DIGITS, "y"): digits,
        (DIGITS, "customdata"): x,
        (BROKEN, "x"): magnitude[broken],
        (BROKEN, "y"): np.zeros(np.count_nonzero(broken)),
        (BROKEN, "customdata"): x[broken],
        (BROKEN, "text"): ["nan" if np.isnan(v) else "inf" if v > 0 else "−inf" for v in naive[broken]],
    }


NAIVE_CHART = LiveChart(name="naive", skeleton=_naive_skeleton, data_at=naive_data)


def naive_figure(case="log_cosh"):
    """The naive formula of ``case`` against ours as the input grows."""
    return NAIVE_CHART.figure(case=case)

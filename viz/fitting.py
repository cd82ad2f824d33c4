"""Robust fitting: a line through a seeded data set with outliers, fitted under each loss
(``losses.fit_line``): L2 in closed form, the others by iteratively reweighted least
squares (IRLS) from the L2 line.

Left: the points (the outliers in vermillion), the true line they were drawn from, and
each loss's line, its slope and intercept in the legend. Top right: each point's pull on
the line, |psi(r)| (the loss's derivative at its residual): L2's grows with the
residual, L1's is 1 for every point, Huber's is capped at delta, and Cauchy's falls back
towards 0 (it is redescending). Bottom right: the slope after each IRLS iteration.

The outliers are some of the points moved ``distance`` above the true line and, with
``leverage``, towards x = X_FAR: far out along x a point pulls on the slope with a long
lever, and then L1 and Huber give way too; a redescending loss holds longer, until the far
points are a line of their own.
"""

import numpy as np
from plotly.subplots import make_subplots

from losses import LOSSES
from losses.fitting import fit_line

from .live import LAYOUT, BatchCache, LiveChart
from .presentation import LOSS_COLOURS, LOSS_DASHES, OKABE_ITO
from .theme import TEMPLATE, fixed_margins

TRUE_SLOPE, TRUE_INTERCEPT, NOISE = 0.8, 2.0, 0.6
N_POINTS = 20
BASE_X = np.linspace(0.5, 10.0, N_POINTS)
BASE_Y = TRUE_SLOPE * BASE_X + TRUE_INTERCEPT + np.random.default_rng(11).normal(0.0, NOISE, N_POINTS)
# which points become outliers, first to last: spread over x
OUTLIER_ORDER = (15, 4, 10, 18, 1, 7, 13, 19, 3, 12)
MAX_OUTLIERS = len(OUTLIER_ORDER)
X_FAR = 30.0  # where leverage 1 moves the outliers: three times the data's reach

# (key, the loss fit_line minimises, whether delta scales it (Huber's and Pseudo-Huber's
# delta, Cauchy's c), its other parameters)
FITS = (
    ("mse", "mse", False, {}),
    ("mae", "mae", False, {}),
    ("huber", "huber", True, {}),
    ("pseudo_huber", "pseudo_huber", True, {}),
    ("log_cosh", "log_cosh", False, {}),
    ("cauchy", "barron", True, {"alpha": 0.0}),
)
FIT_COLOURS = {**LOSS_COLOURS, "cauchy": LOSS_COLOURS["barron"]}
FIT_DASHES = {**LOSS_DASHES, "cauchy": "longdashdot"}
POINTS, OUTLIERS, TRUE_LINE = 0, 1, 2
# trace indices: then a line per fit, one trace of every fit's pulls (each point coloured as
# its fit: five traces fewer cost Plotly ~5 ms a frame), and a path per fit
LINES, PULLS, PATHS = 3, 3 + len(FITS), 4 + len(FITS)
PULL_RANGE = (-4.0, 4.0)  # log10 of |psi|: 1e-4 to 1e4


def fit_title(key, delta):
    if key == "cauchy":
        return f"Cauchy (c = {delta:g})"
    spec = LOSSES[key]
    return spec.title + "".join(f" ({p.label} = {delta:g})" for p in spec.params)


def data_set(outliers, distance, leverage):
    """(x, y, which points are outliers) of the seeded data: the first ``outliers`` of
    OUTLIER_ORDER moved ``leverage`` of the way to X_FAR and ``distance`` above the true
    line there."""
    x, y = BASE_X.copy(), BASE_Y.copy()
    moved = list(OUTLIER_ORDER[:outliers])
    x[moved] = (1.0 - leverage) * BASE_X[moved] + leverage * X_FAR
    y[moved] = TRUE_SLOPE * x[moved] + TRUE_INTERCEPT + distance
    outlier = np.zeros(N_POINTS, dtype=bool)
    outlier[moved] = True
    return x, y, outlier


# --- the fits, solved for many views at once ---------------------------------------------
# (outliers, distance, leverage, delta) -> {key: (slope, intercept, path, iterations, converged)}
_FITS = BatchCache(most=20_000)  # views (~3 kB each)


def _view(params):
    return (
        int(params["outliers"]),
        float(params["distance"]),
        float(params["leverage"]),
        float(params["delta"]),
    )


def prepare_fits(param_sets):
    """Solve every fit of these views (a slider's frames) at once."""
    _FITS.solved(map(_view, param_sets), _solve_fits)


def _solve_fits(views):
    """Every fit of ``views`` as one batch per loss: IRLS costs the same for one data set
    as for two hundred. A loss with a scale δ fits y/δ at δ = 1 and scales the line back
    (ρ_δ(r) = δ² ρ_1(r/δ), ρ(r, α, c) = ρ(r/c, α, 1)), so that views of different δ share
    one batch too."""
    data = [data_set(*view[:3]) for view in views]
    x = np.stack([d[0] for d in data])
    y = np.stack([d[1] for d in data])
    delta = np.array([view[3] for view in views])
    solved = {}
    for key, loss, scaled, params in FITS:
        scale = delta if scaled else np.ones_like(delta)
        fit = fit_line(x, y / scale[:, None], loss, **params)
        solved[key] = (fit, scale)
    return {
        view: {
            key: (
                fit.slope[i] * scale[i],
                fit.intercept[i] * scale[i],
                fit.path[i, : fit.iterations[i] + 1] * scale[i],
                int(fit.iterations[i]),
                bool(fit.converged[i]),
            )
            for key, (fit, scale) in solved.items()
        }
        for i, view in enumerate(views)
    }


def fits_at(*, outliers, distance, leverage, delta):
    """{key: (slope, intercept, path, iterations, converged)} of every fit of a view."""
    view = _view({"outliers": outliers, "distance": distance, "leverage": leverage, "delta": delta})
    return _FITS.solved([view], _solve_fits)[view]


def pull(key, residuals, delta):
    """|psi(r)|, each point's pull on the line under fit ``key``."""
    if key == "cauchy":
        psi = LOSSES["barron"].derivative(0.0, residuals, alpha=0.0, scale=delta)
    else:
        spec = LOSSES[key]
        psi = spec.derivative(0.0, residuals, **{p.name: delta for p in spec.params})
    return np.abs(psi)


FITS_PER_LINE = 2  # of the fits' table in the subtitle: it fits a phone's 600 px chart


SHORT_TITLES = {
    "mse": "L2",
    "mae": "L1",
    "huber": "Huber",
    "pseudo_huber": "Pseudo-Huber",
    "log_cosh": "log-cosh",
}


def _line_text(key, delta, slope, intercept, iterations, converged):
    """A fit as the subtitle's table writes it, short enough for two a line on a phone."""
    title = f"Cauchy c={delta:g}" if key == "cauchy" else SHORT_TITLES[key]
    if key in ("huber", "pseudo_huber"):
        title += f" δ={delta:g}"
    sign = "−" if intercept < 0 else "+"
    how = "exact" if iterations == 0 else f"{iterations} steps"
    if not converged:
        how += ", still moving"
    return f"{title}: {slope:.3f}x {sign} {abs(intercept):.3f} ({how})"


# --- the chart ---------------------------------------------------------------------------
def _fitting_skeleton(**_):
    fig = make_subplots(
        rows=2,
        cols=2,
        specs=[[{"rowspan": 2}, {}], [None, {}]],
        column_widths=[0.56, 0.44],
        horizontal_spacing=0.09,
        vertical_spacing=0.24,
        subplot_titles=(
            "the data and the line each loss fits",
            "each point's pull |ψ(r)|, at its x",
            "IRLS: the slope after each step",
        ),
    )
    fig.add_scatter(
        mode="markers",
        name="points",
        marker={"color": "#7b8794", "size": 9},
        hovertemplate="(%{x:.3g}, %{y:.4g})<extra>point</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="markers",
        name="outliers",
        marker={"color": OKABE_ITO["vermillion"], "size": 12, "symbol": "diamond"},
        hovertemplate="(%{x:.3g}, %{y:.4g})<extra>outlier</extra>",
        row=1,
        col=1,
    )
    fig.add_scatter(
        mode="lines",
        name=f"true line ŷ = {TRUE_SLOPE:g}x + {TRUE_INTERCEPT:g}",
        line={"color": OKABE_ITO["black"], "dash": "dot", "width": 1.5},
        hoverinfo="skip",
        row=1,
        col=1,
    )
    for key, *_ in FITS:
        fig.add_scatter(
            mode="lines",
            line={"color": FIT_COLOURS[key], "dash": FIT_DASHES[key], "width": 3},
            hovertemplate="%{fullData.name}<extra></extra>",
            legendgroup=key,
            row=1,
            col=1,
        )
    fig.add_scatter(
        mode="markers",
        name="pulls",
        marker={
            "color": [FIT_COLOURS[key] for key, *_ in FITS for _ in range(N_POINTS)],
            "size": 8,
            "opacity": 0.85,
        },
        hovertemplate="x = %{x:.3g}: pull %{y:.3g}<extra>%{text}</extra>",
        showlegend=False,
        row=1,
        col=2,
    )
    for key, *_ in FITS:
        fig.add_scatter(
            mode="lines",  # no markers: a hundred of them per frame cost ~10 ms
            line={"color": FIT_COLOURS[key], "dash": FIT_DASHES[key], "width": 2},
            hovertemplate="step %{x}: slope %{y:.6g}<extra></extra>",
            legendgroup=key,
            showlegend=False,
            row=2,
            col=2,
        )
    fixed_margins(fig)  # leverage moves every x, and the tick labels with it
    fig.update_xaxes(title_text="x", row=1, col=1)
    fig.update_yaxes(title_text="y", row=1, col=1)
    fig.update_yaxes(
        title_text="|ψ(r)|",
        type="log",
        range=list(PULL_RANGE),
        tickvals=[1e-4, 1e-2, 1.0, 1e2, 1e4],
        ticktext=["0.0001", "0.01", "1", "100", "10 000"],
        row=1,
        col=2,
    )
    fig.update_xaxes(title_text="IRLS step (0: the L2 line)", row=2, col=2)
    fig.update_yaxes(title_text="slope", row=2, col=2)
    fig.update_layout(
        template=TEMPLATE,
        height=700,
        uirevision="fitting",
        title="The line each loss fits through data with outliers",
        # the fits' legend (their lines in it) below the panels; the fits' numbers in the
        # subtitle, three lines of them (a legend whose names change redraws dearly)
        legend={"orientation": "h", "y": -0.16, "yanchor": "top", "x": 0},
        margin={"t": 190, "b": 170},
    )
    return fig


def _fitting_data(*, outliers, distance, leverage, delta):
    x, y, outlier = data_set(outliers, distance, leverage)
    fits = fits_at(outliers=outliers, distance=distance, leverage=leverage, delta=delta)
    ends = np.array([min(0.0, x.min()), x.max()])
    count = "no outlier" if outliers == 0 else f"{outliers} outlier{'s' * (outliers > 1)}"
    data = {
        (POINTS, "x"): x[~outlier],
        (POINTS, "y"): y[~outlier],
        (OUTLIERS, "x"): x[outlier],
        (OUTLIERS, "y"): y[outlier],
        (TRUE_LINE, "x"): ends,
        (TRUE_LINE, "y"): TRUE_SLOPE * ends + TRUE_INTERCEPT,
    }
    table, pull_x, pull_y = [], [], []
    for k, (key, *_) in enumerate(FITS):
        slope, intercept, path, iterations, converged = fits[key]
        data[LINES + k, "x"] = ends
        data[LINES + k, "y"] = slope * ends + intercept
        data[LINES + k, "name"] = fit_title(key, delta)
        table.append(_line_text(key, delta, slope, intercept, iterations, converged))
        pulls = pull(key, slope * x + intercept - y, delta)
        pull_x.append(x)
        pull_y.append(np.where(pulls > 0, pulls, np.nan))  # a log axis has no 0
        data[PATHS + k, "x"] = np.arange(len(path), dtype=float)
        data[PATHS + k, "y"] = path[:, 0]
    data[PULLS, "x"] = np.concatenate(pull_x)
    data[PULLS, "y"] = np.concatenate(pull_y)
    data[PULLS, "text"] = [fit_title(key, delta) for key, *_ in FITS for _ in range(N_POINTS)]
    described = f"{N_POINTS} points, {count} {distance:g} above the true line" + (
        f", moved {leverage:g} of the way to x = {X_FAR:g}" if outliers and leverage else ""
    )
    rows = ["   ·   ".join(table[i : i + FITS_PER_LINE]) for i in range(0, len(table), FITS_PER_LINE)]
    data[LAYOUT, "title.subtitle.text"] = "<br>".join([described + ". The fitted lines ŷ:", *rows])
    return data


FITTING = LiveChart(name="fitting", skeleton=_fitting_skeleton, data_at=_fitting_data, prepare=prepare_fits)


def fitting_figure(outliers=1, distance=1000.0, leverage=0.0, delta=1.0):
    """The line each loss fits to the data with these outliers."""
    return FITTING.figure(outliers=outliers, distance=distance, leverage=leverage, delta=delta)

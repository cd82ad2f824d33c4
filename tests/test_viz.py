"""The figure module without Streamlit: traces, names, axis titles, finite data."""

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io.json
import pytest

import losses
import viz
from viz.figures import REGRESSION_CURVES, kl_params, softmax_params

ALL_FIGURES = {
    "regression": lambda: viz.regression_figure(
        REGRESSION_CURVES, huber_delta=0.7, pseudo_delta=2.0, r_max=10.0
    ),
    "bce": lambda: viz.bce_figure(0.3),
    "margin": lambda: viz.margin_figure(),
    "sigmoid": lambda: viz.sigmoid_demo_figure(-7.5),
    "softmax": lambda: viz.softmax_demo_figure([5.0, -5.0, 0.0], temperature=0.1, true_class=1),
    "kl": lambda: viz.kl_figure([0.5, 0.5, 0.0], [0.2, 0.3, 0.5]),
    "outlier": lambda: viz.outlier_figure(1000.0, delta=1.0),
    "delta_family": lambda: viz.delta_family_figure("huber"),
    "barron": lambda: viz.barron_figure(-1.5, 0.5),
    "focal": lambda: viz.focal_figure(0.5),
}


def _arrays(fig):
    """Every numeric array drawn: on an axis of categories, those within its x range."""
    for trace in fig.data:
        x_range = fig.layout["xaxis" + (trace.xaxis or "x")[1:]].range
        categories = trace.x is not None and isinstance(trace.x[0], str)
        shown = slice(None, round(x_range[1] + 0.5)) if categories and x_range else slice(None)
        for field in ("x", "y", "customdata"):
            values = getattr(trace, field, None)
            if values is not None and not isinstance(np.asarray(values).flat[0], str):
                yield trace.name, field, np.asarray(values, dtype=float)[shown]


@pytest.mark.parametrize("name", list(ALL_FIGURES))
def test_figure_is_complete(name):
    fig = ALL_FIGURES[name]()
    assert isinstance(fig, go.Figure)
    assert fig.layout.template.layout.colorway == viz.TEMPLATE.layout.colorway
    assert fig.layout.title.text
    assert fig.layout.uirevision  # zoom and pan survive a parameter change
    axes = [a for a in fig.layout if a.startswith(("xaxis", "yaxis"))]
    titled = [a for a in axes if fig.layout[a].title.text]
    # every y-axis has a title, and at least the bottom x-axis of each column
    assert all(fig.layout[a].title.text for a in axes if a.startswith("yaxis")), axes
    assert any(a.startswith("xaxis") for a in titled)
    for trace in fig.data:
        assert trace.name


@pytest.mark.parametrize("name", [n for n in ALL_FIGURES if n != "kl"])
def test_no_non_finite_value_is_drawn(name):
    for trace, field, values in _arrays(ALL_FIGURES[name]()):
        assert np.isfinite(values).all(), (trace, field)


def test_kl_marks_an_infinite_term_instead_of_drawing_it():
    fig = viz.kl_figure([0.5, 0.5], [1.0, 0.0])
    terms = next(t for t in fig.data if t.name.startswith("p·log"))
    assert np.isnan(terms.y[1])
    assert terms.text[1] == "∞"


def test_regression_legend_shows_the_live_deltas_and_each_loss_s_colour():
    fig = viz.regression_figure(("huber", "pseudo_huber"), huber_delta=0.7, pseudo_delta=2.0)
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert names == ["Huber (δ = 0.7)", "Pseudo-Huber (δ = 2)"]
    assert fig.data[0].line.color == viz.LOSS_COLOURS["huber"]
    assert fig.layout.yaxis.title.text == "loss"
    assert fig.layout.yaxis2.title.text == "derivative"
    assert "residual" in fig.layout.xaxis2.title.text


def test_regression_hover_shows_x_loss_and_gradient():
    fig = viz.regression_figure(("mse",))
    template = fig.data[0].hovertemplate
    assert "%{x" in template
    assert "loss = %{y" in template
    assert "gradient = %{customdata" in template
    np.testing.assert_array_equal(
        fig.data[0].customdata, losses.mse_derivative(0.0, np.asarray(fig.data[0].x))
    )


def test_curves_are_sampled_at_the_kinks():
    assert 0.7 in viz.regression_figure(("huber",), huber_delta=0.7).data[0].x
    assert -0.7 in viz.regression_figure(("huber",), huber_delta=0.7).data[0].x
    margin = viz.margin_figure(("hinge",)).data[0].x
    assert 1.0 in margin
    assert len(margin) >= viz.figures.MARGIN_SAMPLES  # evenly spaced, the corners besides


def test_bce_marks_one_over_e():
    fig = viz.bce_figure()
    marker = next(t for t in fig.data if t.name == "loss crosses 1")
    assert marker.x[0] == pytest.approx(1 / np.e)
    assert marker.y[0] == pytest.approx(1.0)


def test_export_config_has_a_fixed_size_and_the_name():
    config = viz.export_config("regression_delta-1")
    assert config["toImageButtonOptions"]["filename"] == "regression_delta-1"
    assert (
        config["toImageButtonOptions"]["width"],
        config["toImageButtonOptions"]["height"],
    ) == viz.EXPORT_SIZE


def test_outlier_rows_by_hand():
    rows = {r["loss"]: r for r in viz.outlier_rows(3.0, delta=1.0)}
    # residuals 0.1, 0.1, 0.05, 0.05, 0 and the outlier's 2
    assert rows["L1 (MAE)"]["outlier's loss"] == pytest.approx(2.0)
    assert rows["Huber (δ = 1)"]["outlier's loss"] == pytest.approx(1.5)
    assert rows["L2 (MSE)"]["cost"] == pytest.approx((0.01 + 0.01 + 0.0025 + 0.0025 + 4) / 6)
    assert rows["L2 (MSE)"]["cost without the outlier"] == pytest.approx((0.01 + 0.01 + 0.0025 + 0.0025) / 5)
    assert rows["L1 (MAE)"]["outlier's share"] == pytest.approx(2 / 2.3)
    # the values 0.9, 1.1, 0.95, 1.05, 1.0, 3: mean 8 / 6, median 1.025, Huber 5 (c − 1) − 1 = 0
    fitted = [rows[name]["fitted value"] for name in ("L1 (MAE)", "L2 (MSE)", "Huber (δ = 1)")]
    assert fitted == pytest.approx([1.025, 8 / 6, 1.2])


def test_thumbnail_is_small_and_bare():
    small = viz.thumbnail(viz.bce_figure())
    assert small.layout.height == 170
    assert small.layout.showlegend is False


def test_a_multiclass_chart_draws_and_exports_only_its_classes():
    """The bars of six classes are always there (the number of classes moves the x range,
    not the categories); the range shows the chosen ones, the rest are empty and left out
    of the CSV."""
    import csv
    import io

    scores = [1.0, -2.0, 0.5]
    fig = viz.softmax_demo_figure(scores)
    for axis in ("xaxis", "xaxis2", "xaxis3"):
        assert tuple(fig.layout[axis].range) == (-0.5, 2.5)
    probabilities = np.asarray(fig.data[1].y, dtype=float)
    np.testing.assert_array_equal(probabilities[:3], losses.softmax(np.array(scores)))
    assert len(probabilities) == 6
    assert np.isnan(probabilities[3:]).all()
    assert list(fig.data[1].text[3:]) == ["", "", ""]
    rows = list(csv.DictReader(io.StringIO(viz.figure_csv(fig))))
    assert [r["x"] for r in rows if r["trace"] == "probabilities"] == ["class 0", "class 1", "class 2"]
    kl_rows = list(csv.DictReader(io.StringIO(viz.figure_csv(viz.kl_figure([1.0, 1.0], [1.0, 3.0])))))
    assert [float(r["y"]) for r in kl_rows if r["trace"] == "Q"] == [0.25, 0.75]


@pytest.mark.parametrize("figure", [lambda: viz.fitting_figure(0, 0.0), lambda: viz.descent_figure(step=0)])
def test_figure_csv_of_a_chart_with_an_empty_trace(figure):
    """No outliers (an empty trace), one step: the CSV download still works."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(viz.figure_csv(figure()))))
    assert rows
    assert all(r["trace"] != "outliers" for r in rows)


def test_figure_csv_holds_every_point_exactly():
    import csv
    import io

    fig = viz.regression_figure(("huber",), huber_delta=0.7)
    rows = list(csv.DictReader(io.StringIO(viz.figure_csv(fig))))
    loss_rows = [r for r in rows if r["gradient"]]
    assert len(loss_rows) == len(fig.data[0].x)
    x = np.array([float(r["x"]) for r in loss_rows])
    np.testing.assert_array_equal(
        [float(r["y"]) for r in loss_rows], losses.huber(0.0, x, delta=0.7, reduction="none")
    )
    np.testing.assert_array_equal(
        [float(r["gradient"]) for r in loss_rows], losses.huber_derivative(0.0, x, delta=0.7)
    )
    assert {r["trace"] for r in rows} == {"Huber (δ = 0.7)"}


@pytest.mark.parametrize("family", ["regression", "binary", "multiclass"])
def test_every_loss_has_a_colour_of_the_palette_distinct_within_its_page(family):
    names = [name for name, spec in losses.LOSSES.items() if spec.family == family]
    colours = [viz.LOSS_COLOURS[name] for name in names]
    assert set(colours) <= set(viz.OKABE_ITO.values())
    assert len(colours) == len(set(colours))


def test_every_axis_and_parameter_has_its_presentation():
    assert {spec.x_axis for spec in losses.LOSSES.values()} <= set(viz.X_AXIS_TITLES)
    for spec in losses.LOSSES.values():
        for param in spec.params:
            slider = viz.SliderSpec.for_param(param, name=f"x_{param.name}")
            assert slider.min <= param.default <= slider.max
            assert param.default in slider.steps()


def test_a_slider_shows_the_decimals_of_its_step():
    quarter = viz.SliderSpec(name="q", label="q", min=0.0, max=2.0, step=0.25, default=0.5)
    assert (quarter.decimals, quarter.text(0.25), quarter.printf) == (2, "0.25", "%.2f")
    assert viz.SliderSpec(name="h", label="h", min=0.5, max=10.0, step=0.5, default=1.0).text(3) == "3.0"
    classes = viz.SliderSpec(name="c", label="c", min=2, max=6, step=1, default=4)
    assert (classes.printf, classes.steps()) == ("%d", [2, 3, 4, 5, 6])
    assert all(isinstance(v, int) for v in classes.steps())


def test_a_slider_snaps_and_reads_a_link_value():
    delta = viz.SliderSpec.for_param(losses.LOSSES["huber"].params[0], name="d")
    steps = delta.steps()
    assert (steps[0], steps[10], steps[-1], len(steps)) == (0.05, 0.55, 5.0, 100)
    assert [delta.snap(v) for v in (0.56, 0.524, 99.0, -3.0, None)] == [0.55, 0.5, 5.0, 0.05, 1.0]
    assert [delta.value_from_text(t) for t in ("2.5", "nan", "inf", "5.01", "abc", "")] == [
        2.5,
        None,
        None,
        None,
        None,
        None,
    ]


FIGURE_CASES = [
    (
        viz.REGRESSION,
        {"shown": REGRESSION_CURVES, "r_max": 3.0, "huber_delta": 0.5, "pseudo_huber_delta": 2.0},
    ),
    (viz.BCE, {"marked": True, "p": 0.3}),
    (viz.BCE, {}),
    (viz.MARGIN, {"shown": ("hinge",), "m_max": 5.0, "zero_one": False}),
    (viz.SIGMOID, {"score": -2.5}),
    (viz.SOFTMAX, softmax_params([1.0, 2.0, 3.0, 4.0], temperature=0.3, true_class=2)),
    (viz.KL, kl_params([1.0, 0.0, 3.0], [0.0, 0.0, 0.0])),
    (viz.OUTLIER, {"outlier": 20.0, "delta": 0.5}),
]


@pytest.mark.parametrize(("chart", "params"), FIGURE_CASES, ids=lambda c: getattr(c, "name", ""))
def test_the_app_s_figure_dict_is_the_figure_to_the_bit(chart, params):
    """The app sends figure_dict (its skeleton cached); it must be exactly the figure."""
    fast = json.loads(plotly.io.json.to_json_plotly(chart.figure_dict(**params)))
    for _ in range(2):  # the second time from the cached skeleton
        assert fast == json.loads(chart.figure(**params).to_json())
        fast = json.loads(plotly.io.json.to_json_plotly(chart.figure_dict(**params)))


def test_a_chart_s_name_is_unique_and_its_skeleton_takes_its_structure_by_keyword():
    charts = [viz.REGRESSION, viz.BCE, viz.MARGIN, viz.SIGMOID, viz.SOFTMAX, viz.KL, viz.OUTLIER]
    assert len({chart.name for chart in charts}) == len(charts)  # names key the cached frames
    with pytest.raises(TypeError, match="keyword-only"):
        viz.LiveChart(name="bad", skeleton=lambda shown: go.Figure(), data_at=dict)
    slider = viz.SliderSpec(name="c", label="c", min=2, max=4, step=1, default=3)
    with pytest.raises(ValueError, match="shape the figure"):  # a slider never moves the structure
        viz.sweep(viz.MARGIN, {"shown": ("hinge",), "m_max": 3.0}, slider=slider, moves=("shown",))

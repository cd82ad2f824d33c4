"""Figure building: pure functions, parameters in, ``plotly.graph_objects.Figure`` out.

No Streamlit here, so every figure is testable (and exportable) without a browser. Each
chart is a ``LiveChart`` (``viz.live``): the app draws it, and its frames (``viz.frames``)
let the browser redraw it at once while a slider moves.
"""

from .conventions import NEAR_ZERO_BCE, near_zero_bce_figure
from .descent import DESCENT, descent_figure
from .export import figure_csv
from .figures import (
    BCE,
    DELTA_FAMILY_CHART,
    FOCAL,
    KL,
    MARGIN,
    REGRESSION,
    SIGMOID,
    SOFTMAX,
    bce_figure,
    delta_family_figure,
    focal_figure,
    kl_figure,
    margin_figure,
    regression_figure,
    sigmoid_demo_figure,
    softmax_demo_figure,
    thumbnail,
)
from .fitting import FITTING, fitting_figure
from .frames import FRAME_BUDGET, Frames, sweep
from .live import LiveChart
from .naive import NAIVE_CHART, naive_figure
from .outlier import OUTLIER, outlier_figure, outlier_rows
from .presentation import LOSS_COLOURS, OKABE_ITO, X_AXIS_TITLES
from .robust import BARRON, barron_figure
from .sliders import SliderSpec
from .theme import EXPORT_SIZE, TEMPLATE, export_config

__all__ = [
    "BARRON",
    "BCE",
    "DELTA_FAMILY_CHART",
    "DESCENT",
    "EXPORT_SIZE",
    "FITTING",
    "FOCAL",
    "FRAME_BUDGET",
    "KL",
    "LOSS_COLOURS",
    "MARGIN",
    "NAIVE_CHART",
    "NEAR_ZERO_BCE",
    "OKABE_ITO",
    "OUTLIER",
    "REGRESSION",
    "SIGMOID",
    "SOFTMAX",
    "TEMPLATE",
    "X_AXIS_TITLES",
    "Frames",
    "LiveChart",
    "SliderSpec",
    "barron_figure",
    "bce_figure",
    "delta_family_figure",
    "descent_figure",
    "export_config",
    "figure_csv",
    "fitting_figure",
    "focal_figure",
    "kl_figure",
    "margin_figure",
    "naive_figure",
    "near_zero_bce_figure",
    "outlier_figure",
    "outlier_rows",
    "regression_figure",
    "sigmoid_demo_figure",
    "softmax_demo_figure",
    "sweep",
    "thumbnail",
]

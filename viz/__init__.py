"""Figure building: pure functions, parameters in, ``plotly.graph_objects.Figure`` out.

No Streamlit here, so every figure is testable (and exportable) without a browser.
"""

from .export import figure_csv
from .figures import (
    bce_figure,
    kl_figure,
    margin_figure,
    regression_curve,
    regression_figure,
    regression_variants,
    sigmoid_demo_figure,
    softmax_demo_figure,
    thumbnail,
)
from .outlier import outlier_figure, outlier_rows
from .theme import EXPORT_SIZE, TEMPLATE, export_config

__all__ = [
    "EXPORT_SIZE",
    "TEMPLATE",
    "bce_figure",
    "export_config",
    "figure_csv",
    "kl_figure",
    "margin_figure",
    "outlier_figure",
    "outlier_rows",
    "regression_curve",
    "regression_figure",
    "regression_variants",
    "sigmoid_demo_figure",
    "softmax_demo_figure",
    "thumbnail",
]

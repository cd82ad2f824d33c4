"""Loss functions of deep learning, exact over the whole float64 range.

NumPy is the only dependency. Arguments are array-like and broadcast together,
``y_true`` first; every loss takes ``reduction="mean" | "sum" | "none"`` and has its
derivative beside it (``<name>_derivative``, also in ``LOSSES[name].derivative``).
"""

from .activations import log_sigmoid, log_softmax, sigmoid, softmax, softplus
from .classification import (
    binary_cross_entropy,
    binary_cross_entropy_derivative,
    hinge,
    hinge_derivative,
    sigmoid_cross_entropy,
    sigmoid_cross_entropy_derivative,
    squared_hinge,
    squared_hinge_derivative,
)
from .fitting import BEST_CONSTANT_LOSSES, best_constant
from .multiclass import (
    categorical_cross_entropy,
    categorical_cross_entropy_derivative,
    kl_divergence,
    kl_divergence_derivative,
    softmax_cross_entropy,
    softmax_cross_entropy_derivative,
    sparse_categorical_cross_entropy,
    sparse_categorical_cross_entropy_derivative,
)
from .registry import LOSSES, LossSpec, Param
from .regression import (
    huber,
    huber_derivative,
    log_cosh,
    log_cosh_derivative,
    mae,
    mae_derivative,
    mse,
    mse_derivative,
    msle,
    msle_derivative,
    pseudo_huber,
    pseudo_huber_derivative,
    rmse,
    rmse_derivative,
)

__all__ = [
    "BEST_CONSTANT_LOSSES",
    "LOSSES",
    "LossSpec",
    "Param",
    "best_constant",
    "binary_cross_entropy",
    "binary_cross_entropy_derivative",
    "categorical_cross_entropy",
    "categorical_cross_entropy_derivative",
    "hinge",
    "hinge_derivative",
    "huber",
    "huber_derivative",
    "kl_divergence",
    "kl_divergence_derivative",
    "log_cosh",
    "log_cosh_derivative",
    "log_sigmoid",
    "log_softmax",
    "mae",
    "mae_derivative",
    "mse",
    "mse_derivative",
    "msle",
    "msle_derivative",
    "pseudo_huber",
    "pseudo_huber_derivative",
    "rmse",
    "rmse_derivative",
    "sigmoid",
    "sigmoid_cross_entropy",
    "sigmoid_cross_entropy_derivative",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_derivative",
    "softplus",
    "sparse_categorical_cross_entropy",
    "sparse_categorical_cross_entropy_derivative",
    "squared_hinge",
    "squared_hinge_derivative",
]

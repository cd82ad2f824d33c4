"""The registry: one ``LossSpec`` per loss. Pages and tests iterate over it, so a new
loss is added here once and is plotted and tested everywhere."""

from dataclasses import dataclass, field

from . import classification as cls
from . import multiclass as mc
from . import regression as reg

# Okabe-Ito, the colour-blind-safe palette; a loss keeps its colour on every page.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

# The natural x-axis of each family of loss, and its title on a chart.
X_AXES = {
    "residual": "residual r = y_pred − y_true",
    "probability": "predicted probability p of the true class",
    "margin": "margin t·s",
    "logit": "logit (score) s",
}


@dataclass(frozen=True)
class Param:
    """A hyperparameter as a slider shows it."""

    name: str
    label: str
    default: float
    min: float
    max: float
    step: float


@dataclass(frozen=True)
class LossSpec:
    name: str  # the function's name in ``losses``
    title: str  # as a legend or a heading shows it
    family: str  # "regression", "binary" or "multiclass"
    formula: str  # LaTeX of the per-example loss
    derivative_formula: str  # LaTeX of its derivative
    fn: object  # the loss, ``fn(y_true, prediction, *, reduction=..., **params)``
    derivative: object  # ``derivative(y_true, prediction, **params)``
    x_axis: str  # a key of X_AXES
    colour: str
    params: tuple = field(default_factory=tuple)
    prediction_arg: str = "y_pred"  # the argument the derivative is taken with respect to
    reductions: bool = True  # False for rmse, always a scalar cost

    def defaults(self):
        return {p.name: p.default for p in self.params}


DELTA = Param("delta", "δ", 1.0, 0.05, 5.0, 0.05)

_SPECS = (
    LossSpec(
        "mae",
        "L1 (MAE)",
        "regression",
        r"|r|",
        r"\operatorname{sign}(r)",
        reg.mae,
        reg.mae_derivative,
        "residual",
        OKABE_ITO["blue"],
    ),
    LossSpec(
        "mse",
        "L2 (MSE)",
        "regression",
        r"r^2",
        r"2r",
        reg.mse,
        reg.mse_derivative,
        "residual",
        OKABE_ITO["vermillion"],
    ),
    LossSpec(
        "huber",
        "Huber",
        "regression",
        r"\begin{cases}\tfrac12 r^2 & |r|\le\delta\\ \delta\,(|r|-\tfrac{\delta}{2}) & |r|>\delta\end{cases}",
        r"\operatorname{clip}(r,-\delta,\delta)",
        reg.huber,
        reg.huber_derivative,
        "residual",
        OKABE_ITO["bluish green"],
        (DELTA,),
    ),
    LossSpec(
        "pseudo_huber",
        "Pseudo-Huber",
        "regression",
        r"\delta^2\left(\sqrt{1+(r/\delta)^2}-1\right)",
        r"\frac{r}{\sqrt{1+(r/\delta)^2}}",
        reg.pseudo_huber,
        reg.pseudo_huber_derivative,
        "residual",
        OKABE_ITO["reddish purple"],
        (DELTA,),
    ),
    LossSpec(
        "log_cosh",
        "log-cosh",
        "regression",
        r"\log\cosh r",
        r"\tanh r",
        reg.log_cosh,
        reg.log_cosh_derivative,
        "residual",
        OKABE_ITO["orange"],
    ),
    LossSpec(
        "rmse",
        "RMSE",
        "regression",
        r"\sqrt{\tfrac1n\sum_i r_i^2}",
        r"\frac{r_i}{n\,\mathrm{RMSE}}",
        reg.rmse,
        reg.rmse_derivative,
        "residual",
        OKABE_ITO["sky blue"],
        reductions=False,
    ),
    LossSpec(
        "msle",
        "MSLE",
        "regression",
        r"\left(\log(1+\hat y)-\log(1+y)\right)^2",
        r"\frac{2\left(\log(1+\hat y)-\log(1+y)\right)}{1+\hat y}",
        reg.msle,
        reg.msle_derivative,
        "residual",
        OKABE_ITO["black"],
    ),
    LossSpec(
        "binary_cross_entropy",
        "binary cross-entropy",
        "binary",
        r"-\left[y\log p+(1-y)\log(1-p)\right]",
        r"\frac{p-y}{p(1-p)}",
        cls.binary_cross_entropy,
        cls.binary_cross_entropy_derivative,
        "probability",
        OKABE_ITO["blue"],
        prediction_arg="p",
    ),
    LossSpec(
        "sigmoid_cross_entropy",
        "logistic loss (sigmoid cross-entropy)",
        "binary",
        r"y\log(1+e^{-s})+(1-y)\log(1+e^{s})",
        r"\sigma(s)-y",
        cls.sigmoid_cross_entropy,
        cls.sigmoid_cross_entropy_derivative,
        "logit",
        OKABE_ITO["sky blue"],
        prediction_arg="logits",
    ),
    LossSpec(
        "hinge",
        "hinge",
        "binary",
        r"\max(0,\,1-t\,s)",
        r"-t\,[t\,s<1]",
        cls.hinge,
        cls.hinge_derivative,
        "margin",
        OKABE_ITO["vermillion"],
        prediction_arg="score",
    ),
    LossSpec(
        "squared_hinge",
        "squared hinge",
        "binary",
        r"\max(0,\,1-t\,s)^2",
        r"-2t\max(0,\,1-t\,s)",
        cls.squared_hinge,
        cls.squared_hinge_derivative,
        "margin",
        OKABE_ITO["orange"],
        prediction_arg="score",
    ),
    LossSpec(
        "categorical_cross_entropy",
        "categorical cross-entropy",
        "multiclass",
        r"-\sum_i y_i\log p_i",
        r"-\frac{y_i}{p_i}",
        mc.categorical_cross_entropy,
        mc.categorical_cross_entropy_derivative,
        "probability",
        OKABE_ITO["blue"],
        prediction_arg="probs",
    ),
    LossSpec(
        "sparse_categorical_cross_entropy",
        "sparse categorical cross-entropy",
        "multiclass",
        r"-\log p_{\text{label}}",
        r"-\frac{[i=\text{label}]}{p_i}",
        mc.sparse_categorical_cross_entropy,
        mc.sparse_categorical_cross_entropy_derivative,
        "probability",
        OKABE_ITO["sky blue"],
        prediction_arg="probs",
    ),
    LossSpec(
        "softmax_cross_entropy",
        "softmax cross-entropy",
        "multiclass",
        r"-\sum_i y_i\log\operatorname{softmax}(s)_i",
        r"\operatorname{softmax}(s)_i\sum_j y_j-y_i",
        mc.softmax_cross_entropy,
        mc.softmax_cross_entropy_derivative,
        "logit",
        OKABE_ITO["bluish green"],
        prediction_arg="logits",
    ),
    LossSpec(
        "kl_divergence",
        "KL divergence",
        "multiclass",
        r"\sum_i p_i\log\frac{p_i}{q_i}",
        r"-\frac{p_i}{q_i}",
        mc.kl_divergence,
        mc.kl_divergence_derivative,
        "probability",
        OKABE_ITO["reddish purple"],
        prediction_arg="q_pred",
    ),
)

LOSSES = {spec.name: spec for spec in _SPECS}

"""The registry: one ``LossSpec`` per loss. Pages and tests iterate over it, so a new
loss is added here once and is plotted and tested everywhere. Only what a loss *is*
lives here; how the app shows it (colours, axis titles, slider ranges) is in ``viz``."""

import re
from dataclasses import dataclass, field

from . import classification as cls
from . import multiclass as mc
from . import regression as reg
from . import robust


@dataclass(frozen=True, kw_only=True)
class Param:
    """A hyperparameter of a loss: its keyword, how a legend names it, the LaTeX symbol
    its formulas use, and its default."""

    name: str
    label: str
    symbol: str
    default: float


# A parameter's place in a formula: ``\param{delta}``. It is replaced by the parameter's
# symbol, or by its value: never a replacement of the name itself, which may stand
# inside a LaTeX command (a parameter ``c`` in ``\frac``).
_PARAM = re.compile(r"\\param\{([a-z_]+)\}")


@dataclass(frozen=True, kw_only=True)
class LossSpec:
    name: str  # the function's name in ``losses``
    title: str  # as a legend or a heading shows it
    family: str  # "regression", "binary" or "multiclass"
    formula: str  # LaTeX of the per-example loss, parameters as \param{name}
    derivative_formula: str  # LaTeX of its derivative, likewise
    fn: object  # the loss, ``fn(y_true, prediction, *, reduction=..., **params)``
    derivative: object  # ``derivative(y_true, prediction, **params)``
    x_axis: str  # what the prediction is: "residual", "probability", "margin" or "logit"
    params: tuple = field(default_factory=tuple)
    prediction_arg: str = "y_pred"  # the argument the derivative is taken with respect to
    reductions: bool = True  # False for rmse, always a scalar cost

    def defaults(self):
        return {p.name: p.default for p in self.params}

    def latex(self, values=None):
        """(loss, derivative) in LaTeX: each parameter as its symbol, or as its value
        where ``values`` gives one."""
        values = values or {}
        symbols = {p.name: p.symbol for p in self.params}

        def put(match):
            name = match.group(1)
            return f"{{{values[name]:g}}}" if name in values else symbols[name]

        return _PARAM.sub(put, self.formula), _PARAM.sub(put, self.derivative_formula)


DELTA = Param(name="delta", label="δ", symbol=r"\delta", default=1.0)
ALPHA = Param(name="alpha", label="α", symbol=r"\alpha", default=1.0)  # any in [-inf, inf]
SCALE = Param(name="scale", label="c", symbol="c", default=1.0)
GAMMA = Param(name="gamma", label="γ", symbol=r"\gamma", default=2.0)

_SPECS = (
    LossSpec(
        name="mae",
        title="L1 (MAE)",
        family="regression",
        formula=r"|r|",
        derivative_formula=r"\operatorname{sign}(r)",
        fn=reg.mae,
        derivative=reg.mae_derivative,
        x_axis="residual",
    ),
    LossSpec(
        name="mse",
        title="L2 (MSE)",
        family="regression",
        formula=r"r^2",
        derivative_formula=r"2r",
        fn=reg.mse,
        derivative=reg.mse_derivative,
        x_axis="residual",
    ),
    LossSpec(
        name="huber",
        title="Huber",
        family="regression",
        formula=r"\begin{cases}\tfrac12 r^2 & |r|\le\param{delta}\\ \param{delta}\,(|r|-\tfrac{\param{delta}}{2}) & |r|>\param{delta}\end{cases}",
        derivative_formula=r"\operatorname{clip}(r,-\param{delta},\param{delta})",
        fn=reg.huber,
        derivative=reg.huber_derivative,
        x_axis="residual",
        params=(DELTA,),
    ),
    LossSpec(
        name="pseudo_huber",
        title="Pseudo-Huber",
        family="regression",
        formula=r"\param{delta}^2\left(\sqrt{1+(r/\param{delta})^2}-1\right)",
        derivative_formula=r"\frac{r}{\sqrt{1+(r/\param{delta})^2}}",
        fn=reg.pseudo_huber,
        derivative=reg.pseudo_huber_derivative,
        x_axis="residual",
        params=(DELTA,),
    ),
    LossSpec(
        name="log_cosh",
        title="log-cosh",
        family="regression",
        formula=r"\log\cosh r",
        derivative_formula=r"\tanh r",
        fn=reg.log_cosh,
        derivative=reg.log_cosh_derivative,
        x_axis="residual",
    ),
    LossSpec(
        name="rmse",
        title="RMSE",
        family="regression",
        formula=r"\sqrt{\tfrac1n\sum_i r_i^2}",
        derivative_formula=r"\frac{r_i}{n\,\mathrm{RMSE}}",
        fn=reg.rmse,
        derivative=reg.rmse_derivative,
        x_axis="residual",
        reductions=False,
    ),
    LossSpec(
        name="msle",
        title="MSLE",
        family="regression",
        formula=r"\left(\log(1+\hat y)-\log(1+y)\right)^2",
        derivative_formula=r"\frac{2\left(\log(1+\hat y)-\log(1+y)\right)}{1+\hat y}",
        fn=reg.msle,
        derivative=reg.msle_derivative,
        x_axis="residual",
    ),
    LossSpec(
        name="barron",
        title="Barron (general robust)",
        family="regression",
        # no \frac: the scale's symbol c must be the only c of the formulas
        formula=(
            r"{|\param{alpha}-2| \over \param{alpha}}\left(\left({(r/\param{scale})^2 \over"
            r" |\param{alpha}-2|}+1\right)^{\param{alpha}/2}-1\right)"
        ),
        derivative_formula=(
            r"{r \over \param{scale}^2}\left({(r/\param{scale})^2 \over |\param{alpha}-2|}+1\right)"
            r"^{\param{alpha}/2-1}"
        ),
        fn=robust.barron,
        derivative=robust.barron_derivative,
        x_axis="residual",
        params=(ALPHA, SCALE),
    ),
    LossSpec(
        name="binary_cross_entropy",
        title="binary cross-entropy",
        family="binary",
        formula=r"-\left(y\log p+(1-y)\log(1-p)\right)",
        derivative_formula=r"\frac{p-y}{p(1-p)}",
        fn=cls.binary_cross_entropy,
        derivative=cls.binary_cross_entropy_derivative,
        x_axis="probability",
        prediction_arg="p",
    ),
    LossSpec(
        name="sigmoid_cross_entropy",
        title="logistic loss (sigmoid cross-entropy)",
        family="binary",
        formula=r"y\log(1+e^{-s})+(1-y)\log(1+e^{s})",
        derivative_formula=r"\sigma(s)-y",
        fn=cls.sigmoid_cross_entropy,
        derivative=cls.sigmoid_cross_entropy_derivative,
        x_axis="logit",
        prediction_arg="logits",
    ),
    LossSpec(
        name="binary_focal_cross_entropy",
        title="focal loss",
        family="binary",
        formula=r"-\left(y(1-p)^{\param{gamma}}\log p+(1-y)\,p^{\param{gamma}}\log(1-p)\right)",
        derivative_formula=(
            r"-y(1-p)^{\param{gamma}-1}\left(-\param{gamma}\log p+\frac{1-p}{p}\right)"
            r"+(1-y)\,p^{\param{gamma}-1}\left(-\param{gamma}\log(1-p)+\frac{p}{1-p}\right)"
        ),
        fn=cls.binary_focal_cross_entropy,
        derivative=cls.binary_focal_cross_entropy_derivative,
        x_axis="probability",
        prediction_arg="p",
        params=(GAMMA,),
    ),
    LossSpec(
        name="sigmoid_focal_cross_entropy",
        title="focal loss (on logits)",
        family="binary",
        formula=(
            r"y\,\sigma(-s)^{\param{gamma}}\log(1+e^{-s})+(1-y)\,\sigma(s)^{\param{gamma}}\log(1+e^{s})"
        ),
        derivative_formula=(
            r"-y\,\sigma(-s)^{\param{gamma}}\left(\param{gamma}\,\sigma(s)\log(1+e^{-s})+\sigma(-s)\right)"
            r"+(1-y)\,\sigma(s)^{\param{gamma}}\left(\param{gamma}\,\sigma(-s)\log(1+e^{s})+\sigma(s)\right)"
        ),
        fn=cls.sigmoid_focal_cross_entropy,
        derivative=cls.sigmoid_focal_cross_entropy_derivative,
        x_axis="logit",
        prediction_arg="logits",
        params=(GAMMA,),
    ),
    LossSpec(
        name="hinge",
        title="hinge",
        family="binary",
        formula=r"\max(0,\,1-t\,s)",
        derivative_formula=r"-t\,[t\,s<1]",
        fn=cls.hinge,
        derivative=cls.hinge_derivative,
        x_axis="margin",
        prediction_arg="score",
    ),
    LossSpec(
        name="squared_hinge",
        title="squared hinge",
        family="binary",
        formula=r"\max(0,\,1-t\,s)^2",
        derivative_formula=r"-2t\max(0,\,1-t\,s)",
        fn=cls.squared_hinge,
        derivative=cls.squared_hinge_derivative,
        x_axis="margin",
        prediction_arg="score",
    ),
    LossSpec(
        name="categorical_cross_entropy",
        title="categorical cross-entropy",
        family="multiclass",
        formula=r"-\sum_i y_i\log p_i",
        derivative_formula=r"-\frac{y_i}{p_i}",
        fn=mc.categorical_cross_entropy,
        derivative=mc.categorical_cross_entropy_derivative,
        x_axis="probability",
        prediction_arg="probs",
    ),
    LossSpec(
        name="sparse_categorical_cross_entropy",
        title="sparse categorical cross-entropy",
        family="multiclass",
        formula=r"-\log p_{\text{label}}",
        derivative_formula=r"-\frac{[i=\text{label}]}{p_i}",
        fn=mc.sparse_categorical_cross_entropy,
        derivative=mc.sparse_categorical_cross_entropy_derivative,
        x_axis="probability",
        prediction_arg="probs",
    ),
    LossSpec(
        name="softmax_cross_entropy",
        title="softmax cross-entropy",
        family="multiclass",
        formula=r"-\sum_i y_i\log\operatorname{softmax}(s)_i",
        derivative_formula=r"\operatorname{softmax}(s)_i\left(\sum_j y_j\right)-y_i",
        fn=mc.softmax_cross_entropy,
        derivative=mc.softmax_cross_entropy_derivative,
        x_axis="logit",
        prediction_arg="logits",
    ),
    LossSpec(
        name="kl_divergence",
        title="KL divergence",
        family="multiclass",
        formula=r"\sum_i p_i\log\frac{p_i}{q_i}",
        derivative_formula=r"-\frac{p_i}{q_i}",
        fn=mc.kl_divergence,
        derivative=mc.kl_divergence_derivative,
        x_axis="probability",
        prediction_arg="q_pred",
    ),
)

LOSSES = {spec.name: spec for spec in _SPECS}

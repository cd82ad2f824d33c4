"""The registry holds every loss of the design doc, each entry complete and consistent."""

import inspect

import pytest

import losses
from losses import LOSSES, LossSpec, Param

DESIGN_DOC_LOSSES = {
    "mae",
    "mse",
    "rmse",
    "msle",
    "huber",
    "pseudo_huber",
    "log_cosh",
    "barron",
    "binary_cross_entropy",
    "sigmoid_cross_entropy",
    "binary_focal_cross_entropy",
    "sigmoid_focal_cross_entropy",
    "hinge",
    "squared_hinge",
    "categorical_cross_entropy",
    "sparse_categorical_cross_entropy",
    "softmax_cross_entropy",
    "kl_divergence",
}


def test_registry_has_exactly_the_design_doc_losses():
    assert set(LOSSES) == DESIGN_DOC_LOSSES


@pytest.mark.parametrize("name", sorted(DESIGN_DOC_LOSSES))
def test_entry_is_complete(name):
    spec = LOSSES[name]
    assert spec.name == name
    assert spec.fn is getattr(losses, name)
    assert spec.derivative is getattr(losses, f"{name}_derivative")
    assert spec.x_axis in {"residual", "probability", "margin", "logit"}
    assert spec.family in {"regression", "binary", "multiclass"}
    assert spec.title
    assert spec.formula
    assert spec.derivative_formula
    signature = inspect.signature(spec.fn)
    assert list(signature.parameters)[1] == spec.prediction_arg
    assert ("reduction" in signature.parameters) == spec.reductions
    for param in spec.params:
        assert signature.parameters[param.name].kind is inspect.Parameter.KEYWORD_ONLY
        assert signature.parameters[param.name].default == param.default


@pytest.mark.parametrize("name", sorted(DESIGN_DOC_LOSSES))
def test_formulas_put_in_each_parameter_by_its_symbol_or_value(name):
    spec = LOSSES[name]
    for latex in (spec.latex(), spec.latex({p.name: 0.25 for p in spec.params})):
        assert all(r"\param" not in text for text in latex)
    loss, slope = spec.latex({p.name: 0.25 for p in spec.params})
    for param in spec.params:
        assert param.symbol in spec.latex()[0]
        assert param.symbol not in loss + slope
        assert "{0.25}" in loss


def test_a_parameter_is_put_in_where_declared_not_where_its_name_stands():
    # a parameter named c: the c of \frac and of the operator name must stay
    spec = LossSpec(
        name="demo",
        title="demo",
        family="regression",
        formula=r"\frac{r}{\param{c}} + \operatorname{clip}(r)",
        derivative_formula=r"\frac{1}{\param{c}}",
        fn=None,
        derivative=None,
        x_axis="residual",
        params=(Param(name="c", label="c", symbol="c", default=1.0),),
    )
    assert spec.latex({"c": 2.0}) == (r"\frac{r}{{2}} + \operatorname{clip}(r)", r"\frac{1}{{2}}")
    assert spec.latex()[0] == r"\frac{r}{c} + \operatorname{clip}(r)"

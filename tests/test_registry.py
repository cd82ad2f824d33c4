"""The registry holds every loss of the design doc, each entry complete and consistent."""

import inspect

import pytest

import losses
from losses import LOSSES, OKABE_ITO, X_AXES

DESIGN_DOC_LOSSES = {
    "mae",
    "mse",
    "rmse",
    "msle",
    "huber",
    "pseudo_huber",
    "log_cosh",
    "binary_cross_entropy",
    "sigmoid_cross_entropy",
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
    assert spec.x_axis in X_AXES
    assert spec.colour in OKABE_ITO.values()
    assert spec.family in {"regression", "binary", "multiclass"}
    assert spec.title
    assert spec.formula
    assert spec.derivative_formula
    signature = inspect.signature(spec.fn)
    assert list(signature.parameters)[1] == spec.prediction_arg
    assert ("reduction" in signature.parameters) == spec.reductions
    for param in spec.params:
        assert param.min <= param.default <= param.max
        assert 0 < param.step <= param.max - param.min
        assert signature.parameters[param.name].kind is inspect.Parameter.KEYWORD_ONLY


@pytest.mark.parametrize("family", ["regression", "binary", "multiclass"])
def test_colours_differ_within_a_page(family):
    colours = [s.colour for s in LOSSES.values() if s.family == family]
    assert len(colours) == len(set(colours))

"""Every bad input of the design doc raises an error naming the argument, the offending
value and what was expected."""

import math

import numpy as np
import pytest

import losses
from losses import LOSSES

BAD = [
    # (call, expected error, words the message must contain)
    (
        lambda: losses.mse([1, 2, 3], [1, 2]),
        ValueError,
        ["broadcast", "y_true.shape=(3,)", "y_pred.shape=(2,)"],
    ),
    (lambda: losses.binary_cross_entropy([1.0], [1.5]), ValueError, ["`p`", "1.5", "[0, 1]"]),
    (lambda: losses.binary_cross_entropy([-0.5], [0.5]), ValueError, ["`y_true`", "-0.5", "[0, 1]"]),
    (lambda: losses.sigmoid_cross_entropy([2.0], [0.5]), ValueError, ["`y_true`", "2.0", "[0, 1]"]),
    (
        lambda: losses.categorical_cross_entropy([[1, 0]], [[1.2, -0.2]]),
        ValueError,
        ["`probs`", "1.2", "[0, 1]"],
    ),
    (lambda: losses.kl_divergence([[0.5, 0.5]], [[0.5, 1.5]]), ValueError, ["`q_pred`", "1.5", "[0, 1]"]),
    (lambda: losses.huber(0, 1, delta=0), ValueError, ["`delta`", "positive finite", "delta=0"]),
    (lambda: losses.huber(0, 1, delta=-1.0), ValueError, ["`delta`", "-1.0"]),
    (lambda: losses.pseudo_huber(0, 1, delta=math.inf), ValueError, ["`delta`", "inf"]),
    (lambda: losses.pseudo_huber(0, 1, delta=math.nan), ValueError, ["`delta`", "nan"]),
    (lambda: losses.huber(0, 1, delta="big"), ValueError, ["`delta`", "'big'"]),
    (lambda: losses.huber(0, 1, delta=[1.0, 2.0]), ValueError, ["`delta`", "[1.0, 2.0]"]),
    (lambda: losses.huber_derivative(0, 1, delta=0.0), ValueError, ["`delta`"]),
    (lambda: losses.hinge([0.5, 1.0], [1.0, 2.0]), ValueError, ["y_true", "0.5", "{-1, +1}"]),
    (lambda: losses.hinge([-1.0, 0.0, 1.0], [1.0, 2.0, 3.0]), ValueError, ["y_true", "0.0", "{-1, +1}"]),
    (lambda: losses.squared_hinge([2.0], [1.0]), ValueError, ["y_true", "2.0"]),
    (
        lambda: losses.sparse_categorical_cross_entropy([3], [[0.2, 0.3, 0.5]]),
        ValueError,
        ["labels", "3", "[0, 3)"],
    ),
    (
        lambda: losses.sparse_categorical_cross_entropy([-1], [[0.5, 0.5]]),
        ValueError,
        ["labels", "-1", "[0, 2)"],
    ),
    (
        lambda: losses.sparse_categorical_cross_entropy([0.5], [[0.5, 0.5]]),
        ValueError,
        ["labels", "0.5", "integer"],
    ),
    (
        lambda: losses.sparse_categorical_cross_entropy([0, 1], [[0.5, 0.5]] * 3),
        ValueError,
        ["labels.shape=(2,)"],
    ),
    (
        lambda: losses.mse(0, 1, reduction="avg"),
        ValueError,
        ["reduction", "'avg'", "'mean'", "'sum'", "'none'"],
    ),
    (lambda: losses.kl_divergence([[1.0]], [[1.0]], reduction=None), ValueError, ["reduction=None"]),
    (lambda: losses.mse("abc", 1.0), TypeError, ["y_true", "'abc'"]),
    (lambda: losses.mae([1.0], [{"a": 1}]), TypeError, ["y_pred"]),
    (lambda: losses.msle([-1.0], [0.0]), ValueError, ["y_true", "-1.0", "> -1"]),
    (lambda: losses.msle([0.0], [-2.0]), ValueError, ["y_pred", "-2.0", "> -1"]),
    (lambda: losses.mse([], []), ValueError, ["empty", "(0,)"]),
    (lambda: losses.rmse([], []), ValueError, ["empty"]),
    (lambda: losses.categorical_cross_entropy(np.zeros((0, 3)), np.zeros((0, 3))), ValueError, ["empty"]),
    (lambda: losses.softmax([1.0, 2.0], temperature=0.0), ValueError, ["temperature", "0.0"]),
    (lambda: losses.softmax(np.zeros((2, 0))), ValueError, ["at least one class"]),
    (lambda: losses.categorical_cross_entropy(1.0, 0.5), ValueError, ["class axis"]),
]


@pytest.mark.parametrize(("call", "error", "words"), BAD)
def test_bad_input_is_named_in_the_message(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} not in {info.value}"


@pytest.mark.parametrize("name", [n for n, s in LOSSES.items() if s.reductions])
def test_every_loss_rejects_an_unknown_reduction(name):
    from test_properties import inputs

    y, pred = inputs(name, np.random.default_rng(0))
    with pytest.raises(ValueError, match="reduction"):
        LOSSES[name].fn(y, pred, reduction="batchmean")


def test_sum_of_nothing_is_zero():
    assert losses.mse([], [], reduction="sum") == 0.0
    assert losses.mse([], [], reduction="none").shape == (0,)


def test_nan_in_data_propagates_instead_of_raising():
    assert np.isnan(losses.binary_cross_entropy([1.0], [np.nan]))
    assert np.isnan(losses.hinge([1.0], [np.nan]))
    assert np.isnan(losses.kl_divergence([[0.5, np.nan]], [[0.5, 0.5]]))

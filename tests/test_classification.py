"""Binary classification losses: hand-derived values and the edges."""

import math

import numpy as np
import pytest

import losses


def test_binary_cross_entropy_by_hand():
    assert losses.binary_cross_entropy(1.0, 0.5) == pytest.approx(math.log(2), rel=1e-16)
    assert losses.binary_cross_entropy(0.0, 0.25) == pytest.approx(-math.log(0.75), rel=1e-16)
    # soft label: -(0.3 log 0.6 + 0.7 log 0.4)
    assert losses.binary_cross_entropy(0.3, 0.6) == pytest.approx(
        -(0.3 * math.log(0.6) + 0.7 * math.log(0.4)), rel=1e-15
    )


def test_log_loss_is_one_at_p_equal_one_over_e():
    # the seeds: log loss exceeds 1 once the probability of the true class drops below 1/e
    p = 1 / math.e
    assert losses.binary_cross_entropy(1.0, p) == pytest.approx(1.0, rel=1e-15)
    assert losses.binary_cross_entropy(1.0, 0.36) > 1 > losses.binary_cross_entropy(1.0, 0.37)


def test_no_clamping_unlike_pytorch_and_keras():
    # -log(1e-300) = 300 ln 10 = 690.8: PyTorch clamps at 100, Keras at 16.12
    assert losses.binary_cross_entropy(1.0, 1e-300) == pytest.approx(300 * math.log(10), rel=1e-15)
    # p next to 1: -log(1 - (1 - 2^-53)) = 53 ln 2
    assert losses.binary_cross_entropy(0.0, 1 - 2.0**-53) == pytest.approx(53 * math.log(2), rel=1e-15)


def test_binary_cross_entropy_at_certainty():
    out = losses.binary_cross_entropy([1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0], reduction="none")
    assert out.tolist() == [0.0, 0.0, math.inf, math.inf]  # 0 log 0 = 0; wrong certainty is inf
    d = losses.binary_cross_entropy_derivative([1.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 1.0])
    assert d.tolist() == [-1.0, 1.0, -math.inf, math.inf]


def test_binary_cross_entropy_derivative_by_hand():
    # (p - y) / (p (1 - p)): y = 1, p = 0.25 -> -0.75 / 0.1875 = -4
    assert losses.binary_cross_entropy_derivative(1.0, 0.25) == -4.0


def test_sigmoid_cross_entropy_from_logits():
    assert losses.sigmoid_cross_entropy(1.0, 0.0) == pytest.approx(math.log(2), rel=1e-16)
    # -log sigmoid(-1e300) = 1e300, and nothing overflows
    out = losses.sigmoid_cross_entropy([1.0, 0.0, 0.0, 1.0], [-1e300, -1e300, 1e300, 1e300], reduction="none")
    assert out.tolist() == [1e300, 0.0, 1e300, 0.0]
    # softplus(-40) = log1p(e^-40): forming p = sigmoid(40) first would round it to 1 and give 0
    assert losses.sigmoid_cross_entropy(1.0, 40.0) == pytest.approx(math.exp(-40), rel=1e-15)
    assert losses.sigmoid_cross_entropy_derivative(1.0, 40.0) == pytest.approx(
        -math.exp(-40) / (1 + math.exp(-40)), rel=1e-15
    )


def test_sigmoid_cross_entropy_with_infinite_logits():
    out = losses.sigmoid_cross_entropy([1.0, 0.0, 1.0], [np.inf, -np.inf, -np.inf], reduction="none")
    assert out.tolist() == [0.0, 0.0, math.inf]


def test_hinge_by_hand():
    assert losses.hinge([1.0, -1.0, 1.0], [0.5, 0.5, 2.0], reduction="none").tolist() == [0.5, 1.5, 0.0]
    assert losses.squared_hinge([1.0, -1.0], [0.5, 0.5], reduction="none").tolist() == [0.25, 2.25]
    assert losses.hinge_derivative([1.0, -1.0, 1.0], [0.5, 0.5, 2.0]).tolist() == [-1.0, 1.0, 0.0]
    assert losses.squared_hinge_derivative([1.0, -1.0], [0.5, 0.5]).tolist() == [-1.0, 3.0]


def test_hinge_zero_one_labels_mean_minus_one_and_one():
    scores = [0.5, -0.2, 3.0]
    assert (
        losses.hinge([0.0, 1.0, 0.0], scores, reduction="none").tolist()
        == losses.hinge([-1.0, 1.0, -1.0], scores, reduction="none").tolist()
    )

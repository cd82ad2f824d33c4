"""Multiclass losses and activations: hand-derived values and the edges."""

import math

import numpy as np
import pytest

import losses


def test_categorical_and_sparse_by_hand():
    probs = [[0.2, 0.8], [0.3, 0.7]]
    expected = -(math.log(0.2) + math.log(0.7)) / 2
    assert losses.categorical_cross_entropy([[1, 0], [0, 1]], probs) == pytest.approx(expected, rel=1e-15)
    assert losses.sparse_categorical_cross_entropy([0, 1], probs) == pytest.approx(expected, rel=1e-15)
    assert losses.sparse_categorical_cross_entropy_derivative([0, 1], probs).tolist() == [
        [-5.0, 0.0],
        [0.0, -1 / 0.7],
    ]


def test_softmax_by_hand():
    p = losses.softmax([0.0, math.log(3.0)])
    assert p.tolist() == pytest.approx([0.25, 0.75], rel=1e-15)
    # temperature T divides the logits: softmax([0, 2 ln 3], T=2) = softmax([0, ln 3])
    assert losses.softmax([0.0, 2 * math.log(3.0)], temperature=2.0).tolist() == pytest.approx(
        [0.25, 0.75], rel=1e-15
    )
    assert losses.softmax([[1.0, 2.0], [3.0, 3.0]], axis=-1)[1].tolist() == [0.5, 0.5]
    assert losses.softmax([[0.0, 5.0], [0.0, 5.0]], axis=0).tolist() == [[0.5, 0.5], [0.5, 0.5]]


def test_softmax_of_30_and_0():
    e = math.exp(-30)
    assert losses.softmax([30.0, 0.0])[1] == pytest.approx(e / (1 + e), rel=1e-15)
    assert losses.log_softmax([30.0, 0.0])[0] == pytest.approx(-math.log1p(e), rel=1e-15)


def test_softmax_cross_entropy_with_huge_logits():
    assert losses.softmax_cross_entropy([0.0, 1.0], [1e300, -1e300]) == 2e300
    assert losses.softmax_cross_entropy([1.0, 0.0], [1e300, -1e300]) == 0.0
    # derivative p - y: [0 - 0, ...]; at the argmax exact even when p rounds to 1
    d = losses.softmax_cross_entropy_derivative([1.0, 0.0], [40.0, 0.0])
    e = math.exp(-40)
    assert d.tolist() == pytest.approx([-e / (1 + e), e / (1 + e)], rel=1e-15)


def test_kl_divergence_by_hand():
    assert losses.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2), rel=1e-16)
    assert losses.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf  # p > 0 where q = 0
    assert losses.kl_divergence([0.25, 0.75], [0.25, 0.75]) == 0.0
    # asymmetry: KL(P||Q) != KL(Q||P)
    p, q = [0.9, 0.1], [0.5, 0.5]
    forward = 0.9 * math.log(1.8) + 0.1 * math.log(0.2)
    backward = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5.0)
    assert losses.kl_divergence(p, q) == pytest.approx(forward, rel=1e-14)
    assert losses.kl_divergence(q, p) == pytest.approx(backward, rel=1e-14)
    assert losses.kl_divergence_derivative(p, q).tolist() == pytest.approx([-1.8, -0.2], rel=1e-15)


def test_sigmoid_by_hand():
    assert losses.sigmoid([0.0, math.log(3.0)]).tolist() == pytest.approx([0.5, 0.75], rel=1e-15)
    assert losses.sigmoid([-1e300, 1e300]).tolist() == [0.0, 1.0]
    assert losses.sigmoid(-745.0) > 0


def test_multiclass_reduction_is_per_example():
    y = np.eye(3)[[0, 2]]
    probs = [[0.5, 0.25, 0.25], [0.125, 0.125, 0.75]]
    per_example = losses.categorical_cross_entropy(y, probs, reduction="none")
    assert per_example.shape == (2,)
    assert per_example.tolist() == pytest.approx([math.log(2), -math.log(0.75)], rel=1e-15)


@pytest.mark.parametrize("classes", [9, 17, 64])
def test_kl_divergence_with_many_classes_keeps_every_term(classes):
    # a bug once dropped terms beyond 8 classes: p > 0 = q in the last class must give inf
    p = np.full(classes, 1.0 / classes)
    q = np.append(np.full(classes - 1, 1.0 / (classes - 1)), 0.0)
    assert losses.kl_divergence(p, q) == math.inf
    # and a finite case checked term by term: sum_i p_i log(p_i / q_i)
    rng = np.random.default_rng(classes)
    p = rng.dirichlet(np.ones(classes), 3)
    q = rng.dirichlet(np.ones(classes), 3)
    expected = [
        math.fsum(a * math.log(a / b) for a, b in zip(pi, qi, strict=True))
        for pi, qi in zip(p, q, strict=True)
    ]
    assert losses.kl_divergence(p, q, reduction="none") == pytest.approx(expected, rel=1e-12)

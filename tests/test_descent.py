"""Gradient descent on one constant (losses.descend), against steps worked by hand and
the closed form of L2's descent."""

import numpy as np
import pytest

from losses.fitting import DIVERGED, descend

VALUES = [0.9, 1.1, 0.95, 1.05, 1.0, 10.0]  # mean 2.5, median 1.025


def test_l2_descent_is_the_closed_form():
    # J(c) = mean (c − v)², J′(c) = 2 (c − mean): c_k − mean = (1 − 2η)^k (c_0 − mean)
    run = descend(VALUES, "mse", start=-4.0, learning_rate=0.1, steps=20)
    k = np.arange(21)
    np.testing.assert_allclose(run.path, 2.5 + (1 - 0.2) ** k * (-4.0 - 2.5), rtol=1e-13)
    np.testing.assert_allclose(run.gradient, 2 * (run.path - 2.5), rtol=1e-12, atol=1e-14)
    v = np.array(VALUES)
    np.testing.assert_allclose(run.cost, [np.mean((c - v) ** 2) for c in run.path], rtol=1e-13)
    assert not run.diverged


def test_l2_overshoots_above_half_and_runs_away_above_one():
    over = descend(VALUES, "mse", start=-4.0, learning_rate=0.9, steps=200)
    signs = np.sign(over.path[:6] - 2.5)
    assert (signs[1:] == -signs[:-1]).all()  # every step jumps across the minimum
    assert over.path[-1] == pytest.approx(2.5, abs=1e-12)  # |1 − 2η| = 0.8 per step
    away = descend(VALUES, "mse", start=-4.0, learning_rate=1.2, steps=200)
    assert away.diverged
    finite = away.path[np.isfinite(away.path)]
    assert abs(finite[-1]) <= DIVERGED
    assert len(finite) < 201
    # |c_k − mean| grows by |1 − 2η| = 1.4 per step until it passes 1e12
    assert len(finite) - 1 == int(np.floor(np.log(DIVERGED / 6.5) / np.log(1.4)))


def test_l1_steps_are_all_the_same_size_by_hand():
    # below every value J′ = mean sign(c − v) = −1: each step is +η
    run = descend(VALUES, "mae", start=-4.0, learning_rate=0.5, steps=8)
    np.testing.assert_allclose(np.diff(run.path), 0.5, rtol=0, atol=1e-15)
    # around the median it zig-zags: never settling, steps of η·(balance)/6
    long = descend(VALUES, "mae", start=-4.0, learning_rate=0.5, steps=60)
    tail = long.path[-10:]
    assert np.ptp(tail) > 0.1
    assert (tail > (0.9 - 0.5)).all()
    assert (tail < 1.1 + 0.5).all()


def test_huber_pulls_the_outlier_with_at_most_delta():
    run = descend(VALUES, "huber", start=1.0, learning_rate=0.1, steps=0, delta=1.0)
    # at c = 1: the five near values pull with c − v (sum 0), the outlier with −δ
    assert run.gradient[0] == pytest.approx(-1.0 / 6, rel=1e-15)


def test_a_batch_runs_each_start_and_rate_as_alone():
    rates = np.array([0.1, 0.9, 1.2])
    batch = descend(VALUES, "log_cosh", start=[-4.0, 3.0, 8.0], learning_rate=rates, steps=25)
    for i, (start, rate) in enumerate(zip([-4.0, 3.0, 8.0], rates, strict=True)):
        alone = descend(VALUES, "log_cosh", start=start, learning_rate=rate, steps=25)
        np.testing.assert_array_equal(batch.path[:, i], alone.path)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"loss": "hinge"}, "loss='hinge'"),
        ({"learning_rate": 0.0}, "learning_rate"),
        ({"learning_rate": -1.0}, "learning_rate"),
        ({"start": np.nan}, "start"),
        ({"steps": -1}, "steps=-1"),
        ({"steps": 2.5}, "steps=2.5"),
        ({"values": []}, "at least one"),
        ({"values": [1.0, np.inf]}, "finite"),
    ],
)
def test_bad_input_is_named(kwargs, message):
    values = kwargs.pop("values", VALUES)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        descend(values, **kwargs)

"""The naive formulas fail where the page says they do (by hand), and ours do not."""

import numpy as np
import pytest

import losses
from losses.naive import (
    NAIVE_CASES,
    correct_digits,
    naive_bce_label_0,
    naive_log_cosh,
    naive_log_sigmoid,
    naive_pseudo_huber,
    naive_softmax_first,
)


def test_naive_formulas_break_where_the_page_says():
    assert naive_log_cosh(1e-9) == 0.0  # cosh(1e-9) rounds to 1; the loss is 5e-19
    assert losses.log_cosh(0.0, 1e-9) == pytest.approx(5e-19, rel=1e-15)
    assert naive_log_cosh(800.0) == np.inf  # cosh overflows at ~710
    assert losses.log_cosh(0.0, 800.0) == pytest.approx(800.0 - np.log(2.0), rel=1e-15)
    assert naive_log_sigmoid(-800.0) == -np.inf  # exp(800) overflows: log 0
    assert naive_log_sigmoid(40.0) == 0.0  # 1 + e^-40 rounds to 1; true ≈ −4.2e-18
    assert losses.log_sigmoid(40.0) == pytest.approx(-np.exp(-40.0), rel=1e-15)
    assert np.isnan(naive_softmax_first(800.0))  # inf / inf
    assert losses.softmax(np.array([800.0, 0.0, -800.0]))[0] == 1.0
    assert naive_bce_label_0(1e-17) == 0.0  # 1 − 1e-17 rounds to 1
    assert losses.binary_cross_entropy(0.0, 1e-17) == pytest.approx(1e-17, rel=1e-15)
    assert naive_pseudo_huber(1e-9) == 0.0  # √(1 + 1e-18) rounds to 1
    assert naive_pseudo_huber(1e200) == np.inf  # (1e200)² overflows
    assert losses.pseudo_huber(0.0, 1e200) == pytest.approx(1e200, rel=1e-15)


def test_correct_digits_counts_by_hand():
    assert correct_digits(1.0, 1.0) == 16.0
    assert correct_digits(1.001, 1.0) == pytest.approx(3.0, abs=1e-9)
    assert correct_digits(0.0, 5e-19) == 0.0
    assert correct_digits(np.inf, 1.0) == 0.0
    assert correct_digits(np.nan, 1.0) == 0.0


@pytest.mark.parametrize("case", NAIVE_CASES, ids=lambda c: c.name)
def test_every_case_has_a_failure_to_show_and_ours_stays_finite(case):
    x = case.sign * np.logspace(*case.x_range, 481)
    stable = case.stable(x)
    assert np.isfinite(stable).all()
    digits = correct_digits(case.naive(x), stable)
    assert digits.min() == 0.0  # somewhere naive is inf, nan or wrong in every digit
    assert digits.max() >= 14.0  # and somewhere it is (nearly) right

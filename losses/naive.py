"""The textbook formulas as written, in float64: what a loss computes without the care of
this package. For comparison only (the app's "stable vs naive" page): each overflows to
inf, turns into nan or loses every digit somewhere that the stable function does not.

Each function computes the formula literally, warnings silenced (overflow and 0 * inf are
the point), and beside it ``NAIVE_CASES`` names the stable function of this package that
computes the same quantity.
"""

from dataclasses import dataclass

import numpy as np

from . import activations, classification, regression


def _quiet():
    return np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore")


def naive_log_sigmoid(x):
    """log(1 / (1 + exp(−x))): exp overflows below x ≈ −709 (log 0 = −inf), and above
    x ≈ 37 the 1 + exp(−x) rounds to 1 (log 1 = 0, every digit of −exp(−x) lost)."""
    with _quiet():
        return np.log(1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float))))


def naive_log_cosh(r):
    """log(cosh r): cosh overflows beyond |r| ≈ 710, and below |r| ≈ 1e-8 cosh r rounds
    to 1 (log 1 = 0 where the loss is r²/2)."""
    with _quiet():
        return np.log(np.cosh(np.asarray(r, dtype=float)))


def naive_softmax_first(s):
    """The first probability of softmax([s, 0, −s]) as exp(s_i) / Σ exp(s_j), without
    subtracting the largest score: exp(s) overflows beyond s ≈ 709 and inf / inf is nan."""
    with _quiet():
        s = np.asarray(s, dtype=float)
        e = np.exp(np.stack([s, np.zeros_like(s), -s]))
        return e[0] / e.sum(axis=0)


def naive_bce_label_0(p):
    """−log(1 − p), the cross-entropy of label 0: below p ≈ 1.1e-16, 1 − p rounds to 1 and
    the loss to 0, where it is ≈ p (log1p(−p) keeps it)."""
    with _quiet():
        return -np.log(1.0 - np.asarray(p, dtype=float))


def naive_pseudo_huber(r, delta=1.0):
    """δ² (√(1 + (r/δ)²) − 1): the subtraction cancels for small r (0 below |r| ≈ 1e-8 δ,
    where the loss is r²/2), and (r/δ)² overflows beyond |r| ≈ 1.3e154 δ."""
    with _quiet():
        r = np.asarray(r, dtype=float)
        return delta**2 * (np.sqrt(1.0 + (r / delta) ** 2) - 1.0)


@dataclass(frozen=True)
class NaiveCase:
    name: str
    label: str  # short and plain: the page's select and its link show it
    title: str
    naive_formula: str  # as the naive code writes it
    naive: object  # x -> the naive values
    stable: object  # x -> this package's values of the same quantity
    x_label: str
    x_range: tuple  # log10 of the smallest and largest |x| drawn
    sign: float  # the x drawn are sign * 10**t (log_sigmoid: large negative x too)


NAIVE_CASES = (
    NaiveCase(
        "log_sigmoid_negative",
        "log sigmoid, large negative x",
        "log σ(x) for large negative x",
        "np.log(1 / (1 + np.exp(-x)))",
        naive_log_sigmoid,
        activations.log_sigmoid,
        "−x (log scale)",
        (0.0, 3.5),
        -1.0,
    ),
    NaiveCase(
        "log_sigmoid_positive",
        "log sigmoid, large positive x",
        "log σ(x) for large positive x",
        "np.log(1 / (1 + np.exp(-x)))",
        naive_log_sigmoid,
        activations.log_sigmoid,
        "x (log scale)",
        (0.0, 3.5),
        1.0,
    ),
    NaiveCase(
        "log_cosh",
        "log cosh",
        "log-cosh loss, log(cosh r)",
        "np.log(np.cosh(r))",
        naive_log_cosh,
        lambda r: regression.log_cosh(0.0, r, reduction="none"),
        "residual r (log scale)",
        (-12.0, 4.0),
        1.0,
    ),
    NaiveCase(
        "softmax",
        "softmax without the max shift",
        "softmax([s, 0, −s]) without the max shift",
        "np.exp(s) / np.exp(s).sum()",
        naive_softmax_first,
        lambda s: activations.softmax(np.stack([s, np.zeros_like(s), -s], axis=-1))[..., 0],
        "score s (log scale)",
        (0.0, 3.5),
        1.0,
    ),
    NaiveCase(
        "bce_label_0",
        "cross-entropy of label 0",
        "cross-entropy of label 0, −log(1 − p)",
        "-np.log(1 - p)",
        naive_bce_label_0,
        lambda p: classification.binary_cross_entropy(0.0, p, reduction="none"),
        "predicted probability p (log scale)",
        (-20.0, -0.5),
        1.0,
    ),
    NaiveCase(
        "pseudo_huber",
        "Pseudo-Huber",
        "Pseudo-Huber, δ²(√(1 + (r/δ)²) − 1), δ = 1",
        "delta**2 * (np.sqrt(1 + (r / delta)**2) - 1)",
        naive_pseudo_huber,
        lambda r: regression.pseudo_huber(0.0, r, reduction="none"),
        "residual r (log scale)",
        (-12.0, 160.0),
        1.0,
    ),
)


def correct_digits(naive, stable):
    """Significant decimal digits of ``naive`` that agree with ``stable`` (0 to 16; 0
    where naive is inf or nan but stable is finite, 16 where they are equal)."""
    naive, stable = np.asarray(naive, dtype=float), np.asarray(stable, dtype=float)
    with _quiet():
        error = np.abs(naive - stable) / np.abs(stable)
        digits = np.clip(-np.log10(error), 0.0, 16.0)
    digits = np.where(naive == stable, 16.0, digits)
    return np.where(np.isfinite(naive), np.nan_to_num(digits, nan=0.0), 0.0)

"""Barron's general robust loss: its limits and special cases by hand, exactness against
mpmath (the loss, its derivative and its IRLS weight) for alpha over [-inf, inf], within
1e-12 of 0 and of 2 too, and |r| / c from 1e-600 to 1e600; and its checks."""

import itertools
import math

import numpy as np
import pytest

import losses
from extreme_inputs import BARRON_ALPHAS, barron_log10_size
from references import derivative, exact, ref_barron, ref_barron_weight, ulp_error

LOSS_ULP = 4
DERIVATIVE_ULP = 4  # tighter than the registry-wide 8: measured under 3

# where the textbook form cancels: alpha within 1e-12 of 0 (subnormal too) and of 2
ALPHAS_NEAR_0 = [
    s * v for v in (5e-324, 1e-310, 1e-300, 1e-200, 1e-100, 1e-20, 1e-13, 3e-13, 1e-12) for s in (1, -1)
]
ALPHAS_NEAR_2 = [2.0 + k * 2.0**-52 for k in (-8, -2, -1, 1, 2, 8)] + [
    2.0 + d for d in (1e-13, -1e-13, 7e-13, -7e-13, 1e-12, -1e-12)
]
# +-1e300 (slow in mpmath: powers of 1e300) on fewer points, in test_huge_alphas
ALPHAS = sorted((set(BARRON_ALPHAS) - {1e300, -1e300}) | set(ALPHAS_NEAR_0) | set(ALPHAS_NEAR_2))

# |r| and c: r / c from 1e-600 to 1e600
RESIDUALS = (1e-300, 3e-150, 1e-20, 0.37, 1.0, 2.5, 41.0, 1e10, 7e150, 1e300)
SCALES = (1e-300, 1.0, 3e7, 1e300)


def _points():
    """(y_true, y_pred, scale): half with y_true = 0, half with a y_true of the residual's
    size, so that y_pred - y_true rounds."""
    for i, (r, c) in enumerate(itertools.product(RESIDUALS, SCALES)):
        r = r if i % 2 else -r
        y = 0.0 if i % 4 < 2 else 0.75 * r
        yield y, y + r, c


POINTS = list(_points())


def _finite_loss(y, p, c, alpha):
    # a central difference of two infinite losses is no reference
    return barron_log10_size(p - y, c, alpha) < 300


@pytest.mark.parametrize("alpha", ALPHAS)
def test_loss_within_4_ulp_of_mpmath(alpha):
    y = np.array([pt[0] for pt in POINTS])
    p = np.array([pt[1] for pt in POINTS])
    for c in SCALES:
        got = losses.barron(y, p, alpha=alpha, scale=c, reduction="none")
        for yi, pi, gi in zip(y, p, got, strict=True):
            err = ulp_error(gi, exact(ref_barron, yi, pi, alpha=alpha, scale=c))
            assert err <= LOSS_ULP, (alpha, c, yi, pi, gi, err)


@pytest.mark.parametrize("alpha", ALPHAS)
def test_derivative_and_weight_within_4_ulp_of_mpmath(alpha):
    for y, p, c in POINTS[::3]:
        weight = losses.barron_weight(y, p, alpha=alpha, scale=c)
        ref = exact(ref_barron_weight, y, p, alpha=alpha, scale=c)
        assert ulp_error(weight, ref) <= DERIVATIVE_ULP, (alpha, y, p, c, float(weight), float(ref))
        if _finite_loss(y, p, c, alpha):
            slope = losses.barron_derivative(y, p, alpha=alpha, scale=c)
            ref = derivative(ref_barron, y, p, alpha=alpha, scale=c)
            assert ulp_error(slope, ref) <= DERIVATIVE_ULP, (alpha, y, p, c, float(slope), float(ref))


@pytest.mark.parametrize("alpha", [-1e300, 1e300])
def test_huge_alphas(alpha):
    for y, p, c in POINTS[1::4]:
        ref = exact(ref_barron, y, p, alpha=alpha, scale=c)
        assert ulp_error(losses.barron(y, p, alpha=alpha, scale=c), ref) <= LOSS_ULP, (y, p, c)
        ref = exact(ref_barron_weight, y, p, alpha=alpha, scale=c)
        assert ulp_error(losses.barron_weight(y, p, alpha=alpha, scale=c), ref) <= DERIVATIVE_ULP, (y, p, c)


def _residual_for(alpha, exponent, scale):
    """A residual where E = (alpha / 2) log1p(x / |alpha - 2|) is ``exponent`` (in float:
    about): exp magnifies any error of E, most where the loss nears overflow. None where
    that residual is beyond float64."""
    if math.isinf(alpha):
        log_x = math.log(2 * abs(exponent))
    else:
        z = 2 * exponent / alpha  # log1p(u) = z: log u = z + log(-expm1(-z))
        log_x = math.log(abs(alpha - 2)) + z + math.log(-math.expm1(-z))
    log_r = log_x / 2 + math.log(scale)
    return math.exp(log_r) if log_r < 709 else None


@pytest.mark.parametrize(
    "alpha", [-1e10, -3.0, -1.0, 0.5, 1.0, 1.9, 2.0 + 2.0**-51, 2.1, 3.0, 10.0, 1e3, 1e8, 1e15]
)
def test_exact_where_exp_magnifies_the_exponent(alpha):
    # E up to 709 (the loss near overflow) for alpha > 0, down to -40 for alpha < 0
    exponents = (1.0, 30.0, 300.0, 650.0, 705.0) if alpha > 0 else (-1.0, -5.0, -20.0, -40.0)
    for e, c in itertools.product(exponents, (1e-200, 0.3, 1e100)):
        r = _residual_for(alpha, e, c)
        if r is None:
            continue
        assert (
            ulp_error(
                losses.barron(0.0, r, alpha=alpha, scale=c), exact(ref_barron, 0.0, r, alpha=alpha, scale=c)
            )
            <= LOSS_ULP
        ), (alpha, e, c)
        assert (
            ulp_error(
                losses.barron_weight(0.0, r, alpha=alpha, scale=c),
                exact(ref_barron_weight, 0.0, r, alpha=alpha, scale=c),
            )
            <= DERIVATIVE_ULP
        ), (alpha, e, c)
    for e in exponents[::2]:
        r = _residual_for(alpha, e, 0.3)
        if r is None:
            continue
        ref = derivative(ref_barron, 0.0, r, alpha=alpha, scale=0.3)
        assert ulp_error(losses.barron_derivative(0.0, r, alpha=alpha, scale=0.3), ref) <= DERIVATIVE_ULP


@pytest.mark.parametrize("alpha", [-math.inf, -2.0, 0.0, 1e-300, 1.0, 2.0, 3.0, math.inf])
def test_exact_where_the_difference_of_finite_inputs_overflows(alpha):
    # y_pred - y_true = 3e308 overflows; r / c is still exact
    for c in (1.0, 1e300, 1.7e308, 5e-324):
        args = (-1.5e308, 1.5e308)
        ref = exact(ref_barron, *args, alpha=alpha, scale=c)
        assert ulp_error(losses.barron(*args, alpha=alpha, scale=c), ref) <= LOSS_ULP, c
        ref = exact(ref_barron_weight, *args, alpha=alpha, scale=c)
        assert ulp_error(losses.barron_weight(*args, alpha=alpha, scale=c), ref) <= DERIVATIVE_ULP, c


def test_weight_reference_is_the_derivative_over_r():
    # the hand-derived weight formula of the references against mpmath's own difference
    # quotient of the loss: the oracle of the weight tests is checked, not assumed
    for alpha, r, c in [(-2.0, 3.0, 1.0), (0.0, 0.5, 2.0), (1e-13, 7.0, 0.1), (2.0 - 2.0**-52, 1e5, 3.0),
                        (5.0, 0.1, 1.0), (-math.inf, 2.0, 1.0), (math.inf, 1.5, 1.0), (1e20, 30.0, 1.0)]:  # fmt: skip
        slope = derivative(ref_barron, 0.0, r, alpha=alpha, scale=c)
        assert ulp_error(float(slope / r), exact(ref_barron_weight, 0.0, r, alpha=alpha, scale=c)) <= 1


# --- by hand --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("alpha", "loss", "slope"),
    [
        # r = 3, c = 1, x = 9: the paper's closed forms
        (2.0, 4.5, 3.0),  # x / 2
        (4.0, 14.625, 16.5),  # (2/4)((9/2 + 1)**2 - 1); 3 (9/2 + 1)
        (1.0, math.sqrt(10.0) - 1.0, 3.0 / math.sqrt(10.0)),  # Charbonnier
        (0.0, math.log(5.5), 6.0 / 11.0),  # Cauchy: log(x / 2 + 1)
        (-1.0, 1.5, 0.375),  # -3 ((9/3 + 1)**-0.5 - 1); 3 (9/3 + 1)**-1.5
        (-2.0, 18.0 / 13.0, 3.0 * 16.0 / 169.0),  # Geman-McClure: 2x / (x + 4)
        (-math.inf, -math.expm1(-4.5), 3.0 * math.exp(-4.5)),  # Welsch
        (math.inf, math.expm1(4.5), 3.0 * math.exp(4.5)),
    ],
)
def test_paper_shapes_by_hand(alpha, loss, slope):
    assert losses.barron(1.0, 4.0, alpha=alpha) == pytest.approx(loss, rel=2e-16)
    assert losses.barron_derivative(1.0, 4.0, alpha=alpha) == pytest.approx(slope, rel=3e-16)
    assert losses.barron_weight(1.0, 4.0, alpha=alpha) == pytest.approx(slope / 3.0, rel=3e-16)
    # the scale: rho(r, alpha, c) = rho(r / c, alpha, 1), psi scales by 1 / c, the weight by 1 / c**2
    assert losses.barron(0.0, 0.75, alpha=alpha, scale=0.25) == pytest.approx(loss, rel=2e-16)
    assert losses.barron_derivative(0.0, 0.75, alpha=alpha, scale=0.25) == pytest.approx(4 * slope, rel=3e-16)
    assert losses.barron_weight(0.0, 0.75, alpha=alpha, scale=0.25) == pytest.approx(
        16 * slope / 3, rel=3e-16
    )


def test_charbonnier_is_pseudo_huber_over_c_squared():
    r = np.array([-1e200, -3.0, -1e-5, 0.0, 2e-150, 0.5, 7.0, 1e150])
    for c in (0.01, 1.0, 40.0):
        np.testing.assert_allclose(
            losses.barron(0.0, r, alpha=1.0, scale=c, reduction="none"),
            losses.pseudo_huber(0.0, r, delta=c, reduction="none") / c**2,
            rtol=4e-16,
            atol=0,
        )


def test_nearly_2_and_nearly_0_are_continuous_with_their_limits():
    # x = 9: L2 gives 4.5 and Cauchy log(5.5). Within d of alpha = 2 the loss moves by about
    # (x / 4) log(x / d) d (d rho / d alpha grows as log(1 / |alpha - 2|)), within d of 0
    # by a few d; the textbook form's cancellation would put it anywhere.
    for d in (2.0**-52, 1e-13, 1e-300):
        for alpha, limit in ((2.0 + d, 4.5), (2.0 - d, 4.5), (d, math.log(5.5)), (-d, math.log(5.5))):
            distance = abs(alpha - round(alpha))
            bound = 9.0 * distance * (1.0 - math.log(distance)) if distance else 0.0
            assert abs(losses.barron(0.0, 3.0, alpha=alpha) - limit) <= bound + 4 * np.spacing(limit)


# --- edges ----------------------------------------------------------------------------
@pytest.mark.parametrize("alpha", [-math.inf, -2.0, 0.0, 1.0, 2.0, 3.0, math.inf])
def test_zero_residual(alpha):
    assert losses.barron(5.0, 5.0, alpha=alpha) == 0.0
    assert losses.barron_derivative(5.0, 5.0, alpha=alpha) == 0.0
    # the IRLS weight is finite there: 1 / c**2
    assert losses.barron_weight(5.0, 5.0, alpha=alpha, scale=0.5) == 4.0
    assert losses.barron_weight(5.0, 5.0, alpha=alpha, scale=1e-200) == math.inf  # 1e400
    assert losses.barron_weight(5.0, 5.0, alpha=alpha, scale=2.0**-500) == 2.0**1000


@pytest.mark.parametrize(
    ("alpha", "loss", "slope", "weight"),
    [
        (-math.inf, 1.0, 0.0, 0.0),
        (-2.0, 2.0, 0.0, 0.0),  # b / |alpha| = 4 / 2
        (-0.5, 5.0, 0.0, 0.0),
        (0.0, math.inf, 0.0, 0.0),
        (1.0, math.inf, 1.0, 0.0),  # psi -> sign(r) / c
        (2.0, math.inf, math.inf, 1.0),
        (3.0, math.inf, math.inf, math.inf),
        (math.inf, math.inf, math.inf, math.inf),
    ],
)
def test_infinite_residual_is_the_limit(alpha, loss, slope, weight):
    assert losses.barron(0.0, math.inf, alpha=alpha) == loss
    assert losses.barron(0.0, -math.inf, alpha=alpha) == loss
    assert losses.barron_derivative(0.0, math.inf, alpha=alpha) == slope
    assert losses.barron_derivative(0.0, -math.inf, alpha=alpha) == -slope
    assert losses.barron_weight(0.0, math.inf, alpha=alpha) == weight


def test_nan_propagates():
    for fn in (losses.barron, losses.barron_derivative, losses.barron_weight):
        assert np.isnan(fn([1.0], [math.nan], alpha=0.5)).all()
        assert np.isnan(fn([math.inf], [math.inf], alpha=-3.0)).all()


def test_bounded_for_negative_alpha_and_huge_for_positive():
    r = np.array([1e-10, 1.0, 1e10, 1e300])
    for alpha in (-math.inf, -50.0, -2.0, -1e-13):
        values = losses.barron(0.0, r, alpha=alpha, reduction="none")
        bound = 1.0 if math.isinf(alpha) else abs(alpha - 2) / abs(alpha)
        assert np.all((values >= 0) & (values <= bound))
    assert np.all(np.diff(losses.barron(0.0, r, alpha=0.5, reduction="none")) > 0)
    assert losses.barron(0.0, 1e300, alpha=1.0) == pytest.approx(1e300, rel=1e-15)  # |r| / c - 1


def test_reductions_and_blocks_agree():
    rng = np.random.default_rng(0)
    y = rng.normal(0, 10, 40_000)  # more than a block: the blockwise sums
    p = y + rng.standard_cauchy(40_000)
    for alpha in (-2.0, 0.0, 1e-13, 1.0, 2.0 - 1e-13, 4.0):
        per = losses.barron(y, p, alpha=alpha, scale=2.0, reduction="none")
        assert per.shape == y.shape
        assert losses.barron(y, p, alpha=alpha, scale=2.0, reduction="sum") == pytest.approx(
            np.sum(per), rel=1e-12
        )
        assert losses.barron(y, p, alpha=alpha, scale=2.0) == pytest.approx(np.mean(per), rel=1e-12)
        assert np.array_equal(per[:5], losses.barron(y[:5], p[:5], alpha=alpha, scale=2.0, reduction="none"))
        slope = losses.barron_derivative(y, p, alpha=alpha, scale=2.0)
        weight = losses.barron_weight(y, p, alpha=alpha, scale=2.0)
        np.testing.assert_allclose(slope, weight * (p - y), rtol=1e-14)


def test_shapes_broadcast():
    y = np.zeros((3, 1))
    p = np.array([[0.5, -1.0]])
    assert losses.barron(y, p, reduction="none").shape == (3, 2)
    assert losses.barron_derivative(y, p).shape == (3, 2)
    assert losses.barron_weight(0.0, 1.5).shape == ()
    assert losses.barron_derivative(0.0, 1.5).dtype == np.float64


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"alpha": math.nan}, ["`alpha`", "nan", "[-inf, inf]"]),
        ({"alpha": "two"}, ["`alpha`", "'two'"]),
        ({"alpha": [1.0, 2.0]}, ["`alpha`", "[1.0, 2.0]"]),
        ({"alpha": True}, ["`alpha`", "True"]),
        ({"scale": 0.0}, ["`scale`", "positive finite", "scale=0.0"]),
        ({"scale": -1.0}, ["`scale`", "-1.0"]),
        ({"scale": math.inf}, ["`scale`", "inf"]),
        ({"scale": math.nan}, ["`scale`", "nan"]),
    ],
)
def test_bad_parameters_are_named(kwargs, words):
    for fn in (losses.barron, losses.barron_derivative, losses.barron_weight):
        with pytest.raises(ValueError, match=f"`{next(iter(kwargs))}`") as info:
            fn([0.0], [1.0], **kwargs)
        for word in words:
            assert word in str(info.value), (word, str(info.value))


def test_bad_data_and_reduction():
    with pytest.raises(ValueError, match="reduction"):
        losses.barron([0.0], [1.0], reduction="avg")
    with pytest.raises(ValueError, match=r"y_true.shape=\(3,\)"):
        losses.barron([0.0, 1.0, 2.0], [1.0, 2.0])
    with pytest.raises(TypeError, match="y_pred"):
        losses.barron_weight([0.0], ["x"])
    for alpha in (math.inf, -math.inf, 1e308, -1e308, 5e-324):  # every real alpha is accepted
        assert np.isfinite(losses.barron(0.0, 0.5, alpha=alpha))

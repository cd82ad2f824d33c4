"""The big libraries' conventions (losses.conventions): each one that differs from ours
against its library's formula written out in mpmath (from the library's source, not from
the code under test), hand-derived values where they part from ours, the table and the
checks."""

import ast
import math
from pathlib import Path

import mpmath
import numpy as np
import pytest
from mpmath import mpf

import losses
from losses import conventions as cv
from references import exact, ref_sigmoid_cross_entropy, ulp_error

KERAS_EPS = 1e-7  # keras.config.epsilon()
KERAS_HI = 1.0 - 1e-7  # Keras' 1.0 - epsilon(), in float64 as Python computes it
ULP = 4  # a few correctly rounded parts multiplied; measured under 2.5

ALL = [c for name in losses.LOSSES for c in cv.conventions(name)]


def _id(c):
    return f"{c.library}-{c.loss}-{c.call.split('(')[0].rsplit('.', 1)[-1]}"


def _entry(library, loss, function):
    """The registered convention whose call is ``function``."""
    found = [c for c in cv.conventions(loss) if c.library == library and f".{function}(" in c.call]
    assert len(found) == 1, (library, loss, function)
    return found[0]


# --- grids: (first argument, prediction, params) per loss -------------------------------
RESIDUALS = np.array([-7.0, -1.0, -1e-3, 0.0, 0.3, 2.0, 50.0])
SCORES = np.array([-2.0, -0.5, 0.0, 0.5, 1.0, 3.0])
PROBS_EDGE = np.array([0.0, 1e-50, 1e-9, 0.2, 0.5, 0.9, 1 - 1e-9, 1.0])
PROBS_INNER = np.array([1e-5, 0.2, 0.5, 0.9, 1 - 1e-5])
LOGITS_EDGE = np.array([-800.0, -40.0, -3.0, 0.0, 0.5, 4.0, 40.0, 800.0])
LOGITS_INNER = np.array([-10.0, -3.0, 0.0, 0.5, 4.0, 10.0])
BINARY_LABELS = np.array([[0.0], [1.0], [0.3]])
ROWS_Y = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5], [0.0, 0.0, 1.0]])
ROWS_P_EDGE = np.array([[0.0, 0.5, 0.5], [0.2, 0.3, 0.5], [0.1, 0.9, 0.0], [0.25, 0.25, 0.75]])
ROWS_P_INNER = np.array([[0.7, 0.2, 0.1], [0.2, 0.3, 0.5], [0.1, 0.8, 0.1], [0.25, 0.25, 0.5]])
ROWS_LOGITS = np.array([[0.0, 1.0, 2.0], [-30.0, 0.0, 30.0], [5.0, 5.0, 5.0], [300.0, 0.0, -300.0]])
KL_P = np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0], [0.0, 0.5, 0.5], [0.5, 0.5, 0.0]])
KL_Q = np.array([[0.3, 0.3, 0.4], [1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [0.2, 0.2, 0.6]])
SPARSE = np.array([0, 2, 1, 0])


def grid(loss, edges=True):
    """Arguments for ``loss``; with ``edges`` also where the conventions part (zeros,
    certainties, soft and 0/1 labels), else where every one is finite."""
    regression = (np.array([[0.0], [1.5]]), RESIDUALS, {})
    probs = PROBS_EDGE if edges else PROBS_INNER
    logits = LOGITS_EDGE if edges else LOGITS_INNER
    rows_p = ROWS_P_EDGE if edges else ROWS_P_INNER
    table = {
        "msle": (
            np.array([[-0.5], [0.0], [2.0]]),
            np.array([-0.9, -1e-9, 0.0, 1e-8, 0.5, 3.0]),
            {},
        ),
        "huber": (*regression[:2], {"delta": 0.7}),
        "pseudo_huber": (*regression[:2], {"delta": 0.7}),
        "barron": (*regression[:2], {"alpha": 0.5, "scale": 2.0}),
        "binary_cross_entropy": (BINARY_LABELS, probs, {}),
        "binary_focal_cross_entropy": (BINARY_LABELS, probs, {"gamma": 2.0}),
        "sigmoid_cross_entropy": (BINARY_LABELS, logits, {}),
        "sigmoid_focal_cross_entropy": (BINARY_LABELS, logits, {"gamma": 2.0}),
        # 0/1 labels (where Optax parts) at the edges, +-1 inside
        "hinge": (np.array([[0.0], [1.0]]) if edges else np.array([[-1.0], [1.0]]), SCORES, {}),
        "squared_hinge": (np.array([[0.0], [1.0]]), SCORES, {}),
        "categorical_cross_entropy": (ROWS_Y, rows_p, {"label_smoothing": 0.1}),
        "sparse_categorical_cross_entropy": (SPARSE, rows_p, {}),
        "softmax_cross_entropy": (ROWS_Y, ROWS_LOGITS, {"label_smoothing": 0.1}),
        # inside: one q for every p, broadcast along the examples
        "kl_divergence": (KL_P, KL_Q) if edges else (ROWS_P_INNER, np.array([0.3, 0.3, 0.4])),
    }
    found = table.get(loss, regression)
    if len(found) == 2:
        found = (*found, {})
    return found


def expected_shape(loss, a, b):
    spec = losses.LOSSES[loss]
    if loss == "sparse_categorical_cross_entropy":
        return np.broadcast_shapes(np.shape(a), np.shape(b)[:-1])
    shape = np.broadcast_shapes(np.shape(a), np.shape(b))
    return shape[:-1] if spec.family == "multiclass" else shape


# --- the table ------------------------------------------------------------------------
def test_libraries():
    assert cv.LIBRARIES == ("textbook", "pytorch", "keras", "optax")


@pytest.mark.parametrize("name", list(losses.LOSSES))
def test_conventions_of_a_loss_in_library_order(name):
    found = cv.conventions(name)
    assert isinstance(found, tuple)
    order = [cv.LIBRARIES.index(c.library) for c in found]
    assert order == sorted(order)
    prefix = {"pytorch": "torch.", "keras": "keras.", "optax": "optax."}
    for c in found:
        assert isinstance(c, cv.Convention)
        assert c.loss == name
        assert c.library != "textbook"
        assert c.call.startswith(prefix[c.library]), c.call
        assert c.differs == "" or (c.differs.endswith(".") and "\n" not in c.differs)
        # convention() gives the library's first
        assert cv.convention(c.library, name) == next(d for d in found if d.library == c.library)


@pytest.mark.parametrize(
    ("library", "loss"),
    [
        *(("pytorch", n) for n in ("mse", "mae", "huber", "binary_cross_entropy", "sigmoid_cross_entropy")),
        *(("keras", n) for n in ("mse", "mae", "huber", "log_cosh", "binary_cross_entropy", "hinge")),
        *(("keras", n) for n in ("sigmoid_cross_entropy", "kl_divergence")),
        *(("optax", n) for n in ("mse", "huber", "log_cosh", "sigmoid_cross_entropy", "hinge")),
        ("optax", "kl_divergence"),
        ("pytorch", "kl_divergence"),
    ],
)
def test_the_required_conventions_are_there(library, loss):
    assert cv.convention(library, loss) is not None


@pytest.mark.parametrize(
    ("library", "loss"),
    [
        ("pytorch", "hinge"),
        ("pytorch", "log_cosh"),
        ("pytorch", "msle"),
        ("optax", "binary_cross_entropy"),
        ("optax", "mae"),
        ("keras", "rmse"),
    ],
)
def test_a_loss_the_library_lacks_is_none(library, loss):
    assert cv.convention(library, loss) is None


def test_none_has_barron_rmse_or_pseudo_huber():
    for name in ("barron", "rmse", "pseudo_huber"):
        assert cv.conventions(name) == ()


def test_pytorch_has_two_hubers_and_huber_loss_is_its_convention():
    torch_hubers = [c for c in cv.conventions("huber") if c.library == "pytorch"]
    assert [c.call.split("(")[0] for c in torch_hubers] == [
        "torch.nn.functional.huber_loss",
        "torch.nn.functional.smooth_l1_loss",
    ]
    assert cv.convention("pytorch", "huber") is torch_hubers[0]
    assert torch_hubers[0].differs == ""
    assert "β" in torch_hubers[1].differs
    assert "l2_loss" in cv.convention("optax", "mse").call


@pytest.mark.parametrize("name", list(losses.LOSSES))
def test_textbook_is_ours_to_the_bit(name):
    c = cv.convention("textbook", name)
    assert (c.library, c.loss, c.differs) == ("textbook", name, "")
    assert c.call.startswith(f"losses.{name}(")
    spec = losses.LOSSES[name]
    a, b, params = grid(name)
    params = {**spec.defaults(), **params}
    if spec.reductions:
        assert 'reduction="none"' in c.call
        ours = spec.fn(a, b, reduction="none", **params)
    else:
        ours = spec.fn(a, b, **params)
    assert np.array_equal(c.values(a, b, **params), ours, equal_nan=True)


# --- every convention -----------------------------------------------------------------
@pytest.mark.parametrize("c", ALL, ids=_id)
def test_finite_float64_of_the_broadcast_shape(c):
    a, b, params = grid(c.loss, edges=False)
    values = c.values(a, b, **params)
    assert isinstance(values, np.ndarray)
    assert values.dtype == np.float64
    assert values.shape == expected_shape(c.loss, a, b)
    assert np.isfinite(values).all()
    # and the same shape as ours (reduction="none")
    assert values.shape == np.shape(losses.LOSSES[c.loss].fn(a, b, reduction="none", **params))


@pytest.mark.parametrize("c", ALL, ids=_id)
def test_differs_is_empty_exactly_where_the_values_are_ours(c):
    a, b, params = grid(c.loss)
    ours = losses.LOSSES[c.loss].fn(a, b, reduction="none", **params)
    theirs = c.values(a, b, **params)
    same = np.array_equal(theirs, ours, equal_nan=True)
    assert (c.differs == "") == same, c.differs


def test_a_scalar_pair_gives_a_0d_array():
    for c in ALL:
        if losses.LOSSES[c.loss].family != "multiclass":
            first = 1.0 if c.loss != "msle" else 0.5
            values = c.values(first, 0.5, **grid(c.loss)[2])
            assert np.shape(values) == (), _id(c)


# --- against the libraries' formulas in mpmath ----------------------------------------
def _clip(v, lo, hi):
    return min(max(v, lo), hi)


def _xlogy(x, y):
    return mpf(0) if x == 0 else x * mpmath.log(y)


def ref_optax_l2(yt, yp):
    return (yp - yt) ** 2 / 2  # _regression.py: 0.5 * squared_error


def ref_smooth_l1(yt, yp, delta):
    z = abs(yp - yt)  # BinaryOpsKernel.cpp: z < beta ? 0.5 z**2 / beta : z - 0.5 beta
    return z**2 / (2 * delta) if z < delta else z - delta / 2


def ref_keras_msle(yt, yp):
    eps = mpf(KERAS_EPS)  # losses.py: log(maximum(y, epsilon) + 1)
    return (mpmath.log(max(yp, eps) + 1) - mpmath.log(max(yt, eps) + 1)) ** 2


def _mp_log_or_minus_inf(v):
    return -mpmath.inf if v == 0 else mpmath.log(v)


def ref_pytorch_bce(y, p):
    # Loss.cpp: (y - 1) max(log1p(-p), -100) - y max(log(p), -100)
    log_p = max(_mp_log_or_minus_inf(p), mpf(-100))
    log_not_p = max(_mp_log_or_minus_inf(1 - p), mpf(-100))
    return (y - 1) * log_not_p - y * log_p


def ref_keras_bce(y, p):
    # backend/*/nn.py: clip(p, epsilon, 1 - epsilon), then -(y log p + (1 - y) log(1 - p))
    p = _clip(p, mpf(KERAS_EPS), mpf(KERAS_HI))
    return -(_xlogy(y, p) + _xlogy(1 - y, 1 - p))


def ref_keras_binary_focal(y, p, gamma):
    # losses.py: (1 - p_t)**gamma bce, p_t = y p + (1 - y)(1 - p) of the unclipped p
    p_t = y * p + (1 - y) * (1 - p)
    return (1 - p_t) ** gamma * ref_keras_bce(y, p)


def _mp_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def ref_keras_sigmoid_focal(y, x, gamma):
    return ref_keras_binary_focal(y, _mp_sigmoid(x), gamma)  # from_logits: p = sigmoid(x) first


def ref_optax_sigmoid_focal(y, x, gamma):
    # _classification.py: sigmoid_binary_cross_entropy times (1 - p_t)**gamma
    p = _mp_sigmoid(x)
    p_t = y * p + (1 - y) * (1 - p)
    return (1 - p_t) ** gamma * ref_sigmoid_cross_entropy(y, x)


def ref_optax_hinge(t, s):
    return max(mpf(0), 1 - s * t)  # _classification.py: maximum(0, 1 - outputs * targets)


def _rescaled_clipped(p):
    total = mpmath.fsum(p)
    return [_clip(v / total, mpf(KERAS_EPS), mpf(KERAS_HI)) for v in p]


def ref_keras_categorical(y, p, label_smoothing):
    c = len(y)
    y = [v * (1 - label_smoothing) + label_smoothing / c for v in y]
    return -mpmath.fsum(_xlogy(a, b) for a, b in zip(y, _rescaled_clipped(p), strict=True))


def ref_keras_sparse(label, p):
    return -mpmath.log(_rescaled_clipped(p)[int(label)])


def ref_kl_of_log_q(p, q):
    # Loss.cpp: xlogy(p, p) - p log q, summed; Optax likewise: 0 * -inf = NaN at p = q = 0
    total = mpf(0)
    for a, b in zip(p, q, strict=True):
        log_q = _mp_log_or_minus_inf(b)
        if a == 0:
            if log_q == -mpmath.inf:
                return mpmath.nan
            continue
        total += _xlogy(a, a) - a * log_q
    return total


def ref_keras_kl(p, q):
    # losses.py: clip both to [epsilon, 1], then sum(p log(p / q))
    p = [_clip(v, mpf(KERAS_EPS), mpf(1)) for v in p]
    q = [_clip(v, mpf(KERAS_EPS), mpf(1)) for v in q]
    return mpmath.fsum(a * mpmath.log(a / b) for a, b in zip(p, q, strict=True))


REFERENCES = {
    ("optax", "mse", "l2_loss"): ref_optax_l2,
    ("pytorch", "huber", "smooth_l1_loss"): ref_smooth_l1,
    ("keras", "msle", "MeanSquaredLogarithmicError"): ref_keras_msle,
    ("pytorch", "binary_cross_entropy", "binary_cross_entropy"): ref_pytorch_bce,
    ("keras", "binary_cross_entropy", "BinaryCrossentropy"): ref_keras_bce,
    ("keras", "binary_focal_cross_entropy", "BinaryFocalCrossentropy"): ref_keras_binary_focal,
    ("keras", "sigmoid_focal_cross_entropy", "BinaryFocalCrossentropy"): ref_keras_sigmoid_focal,
    ("optax", "sigmoid_focal_cross_entropy", "sigmoid_focal_loss"): ref_optax_sigmoid_focal,
    ("optax", "hinge", "hinge_loss"): ref_optax_hinge,
    ("keras", "categorical_cross_entropy", "CategoricalCrossentropy"): ref_keras_categorical,
    ("keras", "sparse_categorical_cross_entropy", "SparseCategoricalCrossentropy"): ref_keras_sparse,
    ("pytorch", "kl_divergence", "kl_div"): ref_kl_of_log_q,
    ("keras", "kl_divergence", "KLDivergence"): ref_keras_kl,
    ("optax", "kl_divergence", "kl_divergence"): ref_kl_of_log_q,
}


def test_every_convention_that_differs_has_a_reference():
    differing = {(c.library, c.loss) for c in ALL if c.differs}
    assert differing == {(library, loss) for library, loss, _ in REFERENCES}


def _examples(loss, a, b):
    """(first, prediction) per example: scalars, or rows for the multiclass losses."""
    if loss == "sparse_categorical_cross_entropy":
        shape = expected_shape(loss, a, b)
        a, b = np.broadcast_to(a, shape), np.broadcast_to(b, (*shape, b.shape[-1]))
        return [(float(a[i]), list(b[i])) for i in np.ndindex(shape)]
    a, b = np.broadcast_arrays(a, b)
    if losses.LOSSES[loss].family == "multiclass":
        return [(list(a[i]), list(b[i])) for i in np.ndindex(a.shape[:-1])]
    return [(float(a[i]), float(b[i])) for i in np.ndindex(a.shape)]


def _exact(ref, first, prediction, **params):
    """``exact``, but NaN as it is (two NaN never agree)."""
    with mpmath.mp.workprec(160):
        if mpmath.isnan(ref(*map(_mp, (first, prediction)), **{k: mpf(v) for k, v in params.items()})):
            return mpmath.nan
    return exact(ref, first, prediction, **params)


def _mp(a):
    return [mpf(float(v)) for v in a] if isinstance(a, list) else mpf(float(a))


@pytest.mark.parametrize(("library", "loss", "function"), list(REFERENCES))
@pytest.mark.parametrize("edges", [True, False])
def test_within_a_few_ulp_of_the_library_formula(library, loss, function, edges):
    c = _entry(library, loss, function)
    ref = REFERENCES[(library, loss, function)]
    a, b, params = grid(loss, edges)
    cases = [(a, b, params)]
    if loss.endswith("focal_cross_entropy"):
        cases += [(a, b, {"gamma": 0.5}), (a, b, {"gamma": 0.0})]
    if "smooth_l1" in function:
        cases += [(a, b, {"delta": 2.0}), (a, b, {"delta": 1e-3})]
    for a, b, params in cases:
        values = np.reshape(c.values(a, b, **params), -1)
        for got, (first, prediction) in zip(values, _examples(loss, a, b), strict=True):
            want = _exact(ref, first, prediction, **params)
            assert ulp_error(got, want) <= ULP, (first, prediction, params, float(got), want)


# --- by hand, where the libraries part from ours --------------------------------------
def neg_log(v):
    return exact(lambda x: -mpmath.log(x), v)


def neg_log_1m(v):
    return exact(lambda x: -mpmath.log(1 - x), v)


def test_optax_l2_is_half_the_square():
    l2 = cv.convention("optax", "mse").values
    assert l2(0.0, 3.0) == 4.5
    assert l2(1.0, -2.0) == 4.5
    assert l2(2.0, 2.5) == 0.125
    # 1.5e154**2 / 2 = 1.125e308 is finite, where r**2 overflows
    assert l2(0.0, 1.5e154) == pytest.approx(1.125e308, rel=1e-15)
    assert l2(0.0, 5e-324) == 0.0  # half of a subnormal square underflows, as it must


def test_smooth_l1_is_huber_over_beta():
    smooth = _entry("pytorch", "huber", "smooth_l1_loss").values
    # beta = 2: 1**2 / (2 * 2) = 0.25 inside, 5 - 2 / 2 = 4 beyond, 2 - 1 = 1 at the seam
    np.testing.assert_array_equal(
        smooth(0.0, [1.0, -1.0, 5.0, -5.0, 2.0], delta=2.0), [0.25, 0.25, 4.0, 4.0, 1.0]
    )
    # beta = 1 is huber_loss, to the bit
    rng = np.random.default_rng(0)
    y, p = rng.normal(0, 3, 200), rng.normal(0, 3, 200)
    assert np.array_equal(smooth(y, p, delta=1.0), losses.huber(y, p, delta=1.0, reduction="none"))
    # and far out its slope is 1 whatever beta, huber's is delta
    assert smooth(0.0, 1e6 + 1, delta=10.0) - smooth(0.0, 1e6, delta=10.0) == 1.0


def test_pytorch_bce_is_at_most_100():
    bce = cv.convention("pytorch", "binary_cross_entropy").values
    assert bce(1.0, 0.0) == 100.0
    assert bce(0.0, 1.0) == 100.0
    assert bce(1.0, 1e-50) == 100.0  # log(1e-50) = -115 < -100
    assert bce(0.25, 0.0) == 25.0  # soft label: 0.25 * 100 + 0.75 * 0
    assert bce(0.0, 0.0) == 0.0
    assert bce(1.0, 1.0) == 0.0
    assert ulp_error(bce(1.0, 1e-40), neg_log(1e-40)) <= 1  # log = -92.1 > -100: no clamp
    assert bce(1.0, 0.5) == pytest.approx(math.log(2), rel=2e-16)
    p = np.linspace(0, 1, 1001)
    assert np.all(bce(1.0, p) <= 100.0)
    assert np.all(bce(0.0, p) <= 100.0)


def test_keras_bce_clips_p_to_1e7():
    bce = cv.convention("keras", "binary_cross_entropy").values
    assert ulp_error(bce(1.0, 0.0), neg_log(KERAS_EPS)) <= 1
    assert bce(1.0, 0.0) == pytest.approx(16.11809565095832, rel=1e-15)
    assert ulp_error(bce(1.0, 1.0), neg_log(KERAS_HI)) <= 1  # not 0
    assert ulp_error(bce(0.0, 1.0), neg_log_1m(KERAS_HI)) <= 1
    assert ulp_error(bce(0.0, 0.0), neg_log_1m(KERAS_EPS)) <= 1
    p = np.linspace(0, 1, 1001)
    assert np.all(bce(1.0, p) <= 16.12)
    assert np.all(bce(0.0, p) <= 16.12)
    # inside [1e-7, 1 - 1e-7] it is ours, to the bit
    inside = np.array([1e-7, 1e-3, 0.3, 0.5, 0.99, KERAS_HI])
    y = np.array([[0.0], [0.4], [1.0]])
    assert np.array_equal(bce(y, inside), losses.binary_cross_entropy(y, inside, reduction="none"))


def test_keras_msle_raises_small_values_to_1e7():
    msle = cv.convention("keras", "msle").values
    want = exact(lambda e: (mpmath.log(2) - mpmath.log1p(e)) ** 2, KERAS_EPS)  # -0.5 counts as 1e-7
    assert ulp_error(msle(-0.5, 1.0), want) <= 2
    assert msle(0.0, 1e-9) == 0.0  # both count as 1e-7
    assert losses.msle(0.0, 1e-9, reduction="none") > 0
    assert msle(1.0, 3.0) == losses.msle(1.0, 3.0, reduction="none")


def test_optax_hinge_takes_0_as_a_label():
    hinge = cv.convention("optax", "hinge").values
    s = np.array([-3.0, 0.0, 0.5, 2.0, 100.0])
    np.testing.assert_array_equal(hinge(0.0, s), np.ones(5))  # 1 - 0 s, whatever the score
    np.testing.assert_array_equal(hinge(1.0, s), [4.0, 1.0, 0.5, 0.0, 0.0])
    # with labels -1 and +1 it is ours; Keras reads 0/1 as -1/+1, as ours
    t = np.array([[-1.0], [1.0]])
    assert np.array_equal(hinge(t, s), losses.hinge(t, s, reduction="none"))
    keras = cv.convention("keras", "hinge").values
    assert np.array_equal(keras(0.0, s), [0.0, 1.0, 1.5, 3.0, 101.0])


def test_keras_kl_clips_where_a_probability_is_0():
    kl = cv.convention("keras", "kl_divergence").values
    # q has a 0 where p does not: ours is inf, Keras counts q = 1e-7
    want = exact(lambda e: (mpmath.log(0.5) + mpmath.log(0.5 / e)) / 2, KERAS_EPS)
    assert losses.kl_divergence([0.5, 0.5], [1.0, 0.0], reduction="none") == np.inf
    assert ulp_error(kl([0.5, 0.5], [1.0, 0.0]), want) <= 2
    # p has a 0: that class adds 1e-7 log(1e-7 / 0.5) < 0 to our log 2
    want = exact(lambda e: mpmath.log(2) + e * mpmath.log(2 * e), KERAS_EPS)
    got = kl([1.0, 0.0], [0.5, 0.5])
    assert ulp_error(got, want) <= 2
    assert got < math.log(2)
    # and without zeros it is ours
    p, q = [0.2, 0.3, 0.5], [0.3, 0.3, 0.4]
    assert kl(p, q) == losses.kl_divergence(p, q, reduction="none")


@pytest.mark.parametrize("library", ["pytorch", "optax"])
def test_kl_of_log_q_is_nan_where_p_and_q_are_0(library):
    kl = cv.convention(library, "kl_divergence").values
    assert np.isnan(kl([1.0, 0.0, 0.0], [1.0, 0.0, 0.0]))  # ours: 0
    assert np.isnan(kl([1.0, 0.0, 0.0], [0.5, 0.5, 0.0]))
    assert kl([0.5, 0.5, 0.0], [0.9, 0.0, 0.1]) == np.inf  # p > 0 = q, as ours
    p, q = [[0.5, 0.5, 0.0], [0.2, 0.3, 0.5]], [[0.5, 0.25, 0.25], [0.3, 0.3, 0.4]]
    assert np.array_equal(kl(p, q), losses.kl_divergence(p, q, reduction="none"))


def test_keras_categorical_rescales_and_clips():
    cce = cv.convention("keras", "categorical_cross_entropy").values
    assert ulp_error(cce([1.0, 0.0, 0.0], [0.0, 0.5, 0.5]), neg_log(KERAS_EPS)) <= 1
    # p summing to 0.75 is rescaled to (1/3, 1/3, 1/3)
    assert cce([1.0, 0.0, 0.0], [0.25, 0.25, 0.25]) == pytest.approx(math.log(3), rel=1e-15)
    sparse = cv.convention("keras", "sparse_categorical_cross_entropy").values
    assert ulp_error(sparse(0, [0.0, 1.0]), neg_log(KERAS_EPS)) <= 1
    assert sparse(1, [0.25, 0.25]) == pytest.approx(math.log(2), rel=1e-15)
    # PyTorch's nll_loss(log p) is ours, inf and all
    nll = cv.convention("pytorch", "sparse_categorical_cross_entropy").values
    assert nll(0, [0.0, 1.0]) == np.inf


def test_focal_with_a_soft_label_weights_the_whole_cross_entropy():
    # y = 1/2, p = 3/4: 1 - p_t = (1/2)(1/4) + (1/2)(3/4) = 1/2, squared 1/4, times the
    # cross-entropy (1/2) log(4/3) + (1/2) log 4
    want = 0.25 * (0.5 * math.log(4 / 3) + 0.5 * math.log(4))
    keras = cv.convention("keras", "binary_focal_cross_entropy").values
    assert keras(0.5, 0.75, gamma=2.0) == pytest.approx(want, rel=4e-16)
    # p = sigmoid(log 3) = 3/4
    optax = cv.convention("optax", "sigmoid_focal_cross_entropy").values
    assert optax(0.5, math.log(3), gamma=2.0) == pytest.approx(want, rel=4e-16)
    # ours: (1/2)(1/4)**2 log(4/3) + (1/2)(3/4)**2 log 4
    ours = 0.5 / 16 * math.log(4 / 3) + 0.5 * 9 / 16 * math.log(4)
    assert losses.binary_focal_cross_entropy(0.5, 0.75, gamma=2.0) == pytest.approx(ours, rel=4e-16)
    assert abs(want - ours) > 0.1


def test_focal_with_labels_0_and_1():
    x = np.array([-800.0, -40.0, -3.0, 0.0, 2.0, 40.0, 800.0])
    y = np.array([[0.0], [1.0]])
    optax = cv.convention("optax", "sigmoid_focal_cross_entropy").values
    for gamma in (0.5, 2.0):
        assert np.array_equal(
            optax(y, x, gamma=gamma), losses.sigmoid_focal_cross_entropy(y, x, gamma=gamma, reduction="none")
        )
    # Keras' clip of p = sigmoid(x): a confident mistake costs sigmoid(50)**2 (-log(1 - (1 - 1e-7)))
    keras = cv.convention("keras", "sigmoid_focal_cross_entropy").values
    want = exact(lambda x, h: _mp_sigmoid(x) ** 2 * -mpmath.log(1 - h), 50.0, KERAS_HI)
    assert ulp_error(keras(0.0, 50.0, gamma=2.0), want) <= 4
    assert keras(1.0, -800.0, gamma=2.0) == pytest.approx(16.11809565095832, rel=1e-15)
    assert losses.sigmoid_focal_cross_entropy(1.0, -800.0, gamma=2.0) == pytest.approx(800.0)
    keras_p = cv.convention("keras", "binary_focal_cross_entropy").values
    assert ulp_error(keras_p(1.0, 0.0, gamma=2.0), neg_log(KERAS_EPS)) <= 1


# --- bad input ------------------------------------------------------------------------
@pytest.mark.parametrize("library", ["tensorflow", "Keras", "", None, 3, ("pytorch",)])
def test_unknown_library(library):
    with pytest.raises(ValueError, match="library") as info:
        cv.convention(library, "mse")
    assert repr(library) in str(info.value)
    assert "'pytorch'" in str(info.value)  # and the valid ones


@pytest.mark.parametrize("loss", ["l2", "MSE", "huber_loss", "", None, 2.0, ["mse"]])
def test_unknown_loss(loss):
    for call in (lambda: cv.convention("keras", loss), lambda: cv.conventions(loss)):
        with pytest.raises(ValueError, match="loss") as info:
            call()
        assert repr(loss) in str(info.value)
        assert "'kl_divergence'" in str(info.value)


@pytest.mark.parametrize(
    ("library", "loss", "args", "params", "named"),
    [
        ("pytorch", "binary_cross_entropy", (1.0, 1.5), {}, "p"),
        ("keras", "binary_cross_entropy", (-0.1, 0.5), {}, "y_true"),
        ("optax", "hinge", ([2.0, 1.0], 0.5), {}, "y_true"),
        ("keras", "kl_divergence", ([0.5, 0.5], [1.2, -0.2]), {}, "q_pred"),
        ("keras", "sparse_categorical_cross_entropy", ([3], [[0.5, 0.5]]), {}, "labels"),
        ("keras", "msle", (0.0, -1.0), {}, "y_pred"),
        ("keras", "binary_focal_cross_entropy", (1.0, 0.5), {"gamma": -1.0}, "gamma"),
        ("optax", "mse", ([1.0, 2.0], [1.0, 2.0, 3.0]), {}, "shape"),
    ],
)
def test_bad_arguments_are_our_loss_errors(library, loss, args, params, named):
    with pytest.raises(ValueError, match=named):
        cv.convention(library, loss).values(*args, **params)


@pytest.mark.parametrize("delta", [0.0, -1.0, np.inf, "two", None])
def test_smooth_l1_checks_beta_as_delta(delta):
    with pytest.raises(ValueError, match="delta"):
        _entry("pytorch", "huber", "smooth_l1_loss").values(0.0, 1.0, delta=delta)


def test_imports_only_numpy_and_the_package():
    tree = ast.parse(Path(cv.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module.split(".")[0])
    assert imported <= {"numpy", "inspect", "collections", "dataclasses"}

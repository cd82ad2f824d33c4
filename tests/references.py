"""Independent references: each loss from its defining formula in mpmath, at a precision
raised until two evaluations agree, and an ulp measure of a float64 result against them.

These are the oracles of the test suite (PyTorch's ``common_nn`` style: plain reference
functions in a dict). Nothing here calls the code under test.
"""

import math

import mpmath
import numpy as np
from mpmath import mp, mpf

FLOAT_MAX = mpf(np.finfo(np.float64).max)
TINY = mpf(2) ** -1074  # the smallest subnormal


def _clamp_sign(x):
    return (x > 0) - (x < 0)


def _mp(a):
    return [mpf(float(v)) for v in a] if isinstance(a, (list, tuple, np.ndarray)) else mpf(float(a))


def _binary_span(args):
    """How many binary orders of magnitude the inputs (and 1) span."""
    exponents = [0]
    for a in args:
        for v in np.ravel(np.asarray(a, dtype=np.float64)):
            if np.isfinite(v) and v != 0:
                exponents.append(int(np.frexp(v)[1]))
    return max(exponents) - min(exponents)


def exact(fn, *args, min_bits=160, span_factor=2, zero_below=None, **kw):
    """fn(*args) in mpmath, at a precision raised until two results agree to 80 bits.

    The starting precision covers twice the span of the inputs' exponents, so a
    cancellation such as sqrt(1 + (1e-100 / 1e300)**2) - 1 is resolved, not read as 0.
    With ``zero_below``, two results both smaller than it (far below float64's smallest
    subnormal) count as 0: a numerical derivative that is 0 is never exactly 0.
    """
    min_bits = max(min_bits, getattr(fn, "min_bits", lambda *a: 0)(*args))
    start = max(min_bits, 160 + span_factor * _binary_span(list(args) + list(kw.values())))
    previous = None
    for bits in (start, start + 256, 2 * start + 256, 4 * start + 256):
        with mp.workprec(bits):
            value = fn(*map(_mp, args), **{k: _mp(v) for k, v in kw.items()})
        if zero_below is not None and abs(value) < zero_below:
            value = mpf(0)
        if previous is not None:
            if value == previous:
                return value
            if mpmath.isfinite(value) and abs(value - previous) <= abs(value) * mpf(2) ** -80:
                return value
        previous = value
    raise ArithmeticError(f"no agreement for {fn} at {args} {kw}")


def ulp_error(computed, exact_value):
    """|computed - exact| in units of the last place of the exact value rounded to float64."""
    computed = float(computed)
    if mpmath.isnan(exact_value) or math.isnan(computed):
        return 0.0 if (mpmath.isnan(exact_value) and math.isnan(computed)) else math.inf
    with mp.workprec(2000):
        if mpmath.isinf(exact_value) or abs(exact_value) > FLOAT_MAX * (1 + mpf(2) ** -54):
            # the true value is beyond float64: the correct answer is inf of its sign
            return 0.0 if computed == (math.inf if exact_value > 0 else -math.inf) else math.inf
        if math.isinf(computed):
            return math.inf
        rounded = float(exact_value)
        ulp = mpf(np.spacing(abs(rounded))) if rounded != 0 else TINY
        ulp = max(ulp, TINY)
        return float(abs(mpf(computed) - exact_value) / ulp)


# --- reference formulas: exactly the design doc's per-element definitions ---------------
def _r(yt, yp):
    return yp - yt


def ref_mae(yt, yp):
    return abs(_r(yt, yp))


def ref_mse(yt, yp):
    return _r(yt, yp) ** 2


def ref_huber(yt, yp, delta):
    r = abs(_r(yt, yp))
    return r**2 / 2 if r <= delta else delta * (r - delta / 2)


def ref_pseudo_huber(yt, yp, delta):
    return delta**2 * (mpmath.sqrt(1 + (_r(yt, yp) / delta) ** 2) - 1)


def ref_log_cosh(yt, yp):
    return mpmath.log(mpmath.cosh(_r(yt, yp)))


def ref_msle(yt, yp):
    return (mpmath.log1p(yp) - mpmath.log1p(yt)) ** 2


def ref_rmse(yt, yp):
    return mpmath.sqrt(mpmath.fsum((b - a) ** 2 for a, b in zip(yt, yp, strict=True)) / len(yt))


def ref_barron(yt, yp, alpha, scale):
    # Barron (2019), eq. 1 and its limits at alpha = 2, 0, -inf; +inf as the limit of eq. 1
    x = (_r(yt, yp) / scale) ** 2
    if alpha == 2:
        return x / 2
    if alpha == 0:
        return mpmath.log(x / 2 + 1)
    if mpmath.isinf(alpha):
        if alpha < 0:
            return 1 - mpmath.exp(-x / 2)
        return mpmath.inf if x > 10**5 else mpmath.exp(x / 2) - 1
    b = abs(alpha - 2)
    if alpha > 0 and mpmath.log(b / alpha) + alpha / 2 * mpmath.log(x / b + 1) > 10**4:
        return mpmath.inf  # far beyond float64, where a huge power costs mpmath precision
    return b / alpha * ((x / b + 1) ** (alpha / 2) - 1)


def ref_barron_weight(yt, yp, alpha, scale):
    # psi(r) / r = (1 / c**2) ((r / c)**2 / |alpha - 2| + 1)**(alpha / 2 - 1), derived by hand
    # (d rho / dr of eq. 1); exp(-+x / 2) / c**2 at alpha = -+inf
    x = (_r(yt, yp) / scale) ** 2
    if alpha == 2:
        return 1 / scale**2
    if mpmath.isinf(alpha):
        half = x / 2 if alpha > 0 else -x / 2
        return mpmath.inf if half > 10**5 else mpmath.exp(half) / scale**2
    b = abs(alpha - 2)
    if alpha > 2 and (alpha / 2 - 1) * mpmath.log(x / b + 1) - 2 * mpmath.log(scale) > 10**4:
        return mpmath.inf
    return (x / b + 1) ** (alpha / 2 - 1) / scale**2


def _xlogy(x, y):
    return mpf(0) if x == 0 else x * mpmath.log(y)


def ref_binary_cross_entropy(y, p):
    return -(_xlogy(y, p) + _xlogy(1 - y, 1 - p))


def ref_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def ref_sigmoid_cross_entropy(y, x):
    # the binary cross-entropy of p = sigmoid(x), as log(1 + e^-x) = -log sigmoid(x)
    pos = mpf(0) if y == 0 else y * mpmath.log1p(mpmath.exp(-x))
    neg = mpf(0) if y == 1 else (1 - y) * mpmath.log1p(mpmath.exp(x))
    return pos + neg


def ref_binary_focal_cross_entropy(y, p, gamma):
    # Lin et al.'s focal loss, -[y (1 - p)**g log p + (1 - y) p**g log(1 - p)]; 0 log 0 = 0
    pos = mpf(0) if y == 0 else y * (1 - p) ** gamma * mpmath.log(p)
    neg = mpf(0) if y == 1 else (1 - y) * p**gamma * mpmath.log(1 - p)
    return -(pos + neg)


def ref_sigmoid_focal_cross_entropy(y, x, gamma):
    # the focal loss of p = sigmoid(x): 1 - p = 1 / (1 + e^x) and -log p = log(1 + e^-x)
    p = 1 / (1 + mpmath.exp(-x))
    q = 1 / (1 + mpmath.exp(x))
    pos = mpf(0) if y == 0 else y * q**gamma * mpmath.log1p(mpmath.exp(-x))
    neg = mpf(0) if y == 1 else (1 - y) * p**gamma * mpmath.log1p(mpmath.exp(x))
    return pos + neg


def _t(y):
    return y


def ref_hinge(t, s):
    return max(mpf(0), 1 - t * s)


def ref_squared_hinge(t, s):
    return max(mpf(0), 1 - t * s) ** 2


def ref_categorical_cross_entropy(y, p):
    return -mpmath.fsum(_xlogy(a, b) for a, b in zip(y, p, strict=True))


def ref_sparse_categorical_cross_entropy(label, p):
    return -mpmath.log(p[int(label)])


def logit_bits(x):
    """Precision that resolves exp(x_j - max x) beside 1 until it underflows float64."""
    spread = float(np.max(x) - np.min(x))
    return int(min(160 + 1.45 * spread, 1400)) if np.isfinite(spread) else 1400


def ref_logsumexp(x):
    return mpmath.log(mpmath.fsum(mpmath.exp(v) for v in x))


def ref_softmax_cross_entropy(y, x):
    lse = ref_logsumexp(x)
    return -mpmath.fsum(a * (v - lse) for a, v in zip(y, x, strict=True) if a != 0)


ref_softmax_cross_entropy.min_bits = lambda y, x: logit_bits(x)


def _smoothed(y, eps):
    # Keras' label smoothing: y (1 - eps) + eps / C
    return [a * (1 - eps) + eps / len(y) for a in y]


def ref_smoothed_categorical_cross_entropy(y, p, label_smoothing):
    return ref_categorical_cross_entropy(_smoothed(y, label_smoothing), p)


def ref_smoothed_softmax_cross_entropy(y, x, label_smoothing):
    return ref_softmax_cross_entropy(_smoothed(y, label_smoothing), x)


ref_smoothed_softmax_cross_entropy.min_bits = lambda y, x: logit_bits(x)


def ref_kl_divergence(p, q):
    total = mpf(0)
    for a, b in zip(p, q, strict=True):
        if a == 0:
            continue
        if b == 0:
            return mpmath.inf
        total += a * mpmath.log(a / b)
    return total


def ref_softmax_i(i, temperature):
    def f(x):
        z = [v / temperature for v in x]
        return mpmath.exp(z[i]) / mpmath.fsum(mpmath.exp(v) for v in z)

    f.min_bits = lambda x: logit_bits(np.asarray(x) / temperature)
    return f


def ref_log_softmax_i(i):
    def f(x):
        return x[i] - ref_logsumexp(x)

    f.min_bits = logit_bits
    return f


def derivative(fn, *args, index=None, **kw):
    """d fn / d(last argument) (its component ``index`` for a vector) at high precision,
    by a central difference with a step relative to the point, at a precision raised
    until two evaluations agree: independent of the closed-form derivatives under test."""

    def central(*a, **params):
        point = a[-1]
        x = point[index] if index is not None else point
        # a relative step of 2**(-prec/4): the O(h**2) error is 2**(-prec/2), and inside fn
        # there are still 3/4 of the bits to resolve cancellations of twice the span
        h = max(abs(x), TINY) * mpf(2) ** (-mp.prec // 4)

        def at(v):
            if index is None:
                return fn(*a[:-1], v, **params)
            moved = list(point)
            moved[index] = v
            return fn(*a[:-1], moved, **params)

        return (at(x + h) - at(x - h)) / (2 * h)

    return exact(central, *args, min_bits=2400, span_factor=4, zero_below=mpf(2) ** -1100, **kw)

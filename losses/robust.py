"""Barron's general robust loss (CVPR 2019), its derivative and its IRLS weight.

    rho(r, alpha, c) = |alpha - 2| / alpha * (((r / c)**2 / |alpha - 2| + 1)**(alpha / 2) - 1)

for the residual r = y_pred - y_true, with its limits: alpha = 2 is r**2 / (2 c**2) (L2),
alpha = 0 is log((r / c)**2 / 2 + 1) (Cauchy), alpha = -inf is 1 - exp(-(r / c)**2 / 2)
(Welsch), alpha = +inf is exp((r / c)**2 / 2) - 1; alpha = 1 is Charbonnier,
sqrt((r / c)**2 + 1) - 1 = pseudo_huber(delta=c) / c**2, and alpha = -2 Geman-McClure.

Exactness. With x = (r / c)**2, b = |alpha - 2|, u = x / b and L = log1p(u),

    rho = (b / alpha) expm1(E),   E = (alpha / 2) L,
    psi = d rho / dr = (r / c**2) exp(F),   F = ((alpha - 2) / 2) L,

and the IRLS weight psi / r = exp(F) / c**2. The textbook form cancels twice: its power
is 1 + O(alpha) near alpha = 0 and its base is huge near alpha = 2; as expm1 of E and
with L = log1p(u) neither cancels. But exp magnifies an error of its argument: a large E
or F must be exact to its last bit, so every step keeps twice the working precision:
r = y_pred - y_true and r / c as double-doubles, x and u as double-double mantissas
beside an integer exponent (so that (r / c)**2 never over- or underflows: r / c spans
2**-2098 to 2**2099), L from a double-double logarithm, E and F as double-doubles, and
exp of a double-double, scaled by an exact power of two. Every step is plain NumPy.
"""

from fractions import Fraction

import numpy as np

from ._blocks import blockwise, reduce_blockwise
from ._checks import as_float, broadcast, check_number, check_positive_finite, check_reduction
from ._fp import LN2_HI, LN2_LO, two_diff_finite, two_prod_finite, two_sum_finite

_SQRT_HALF = 0.7071067811865476
_FLOAT_MAX = np.finfo(np.float64).max
# Beyond this |alpha| only u = x / b <= 2**-20 can give a finite loss other than its
# limit, so that log1p(u) / u is a short series (see _far_alpha).
_FAR_ALPHA = 2.0**40
# 2/3 as a double-double, and 2 / (2k + 1) for k = 2, 3, ...: the atanh series of log1p.
_TWO_THIRDS_HI = 2.0 / 3.0
_TWO_THIRDS_LO = float(Fraction(2, 3) - Fraction(_TWO_THIRDS_HI))
_ATANH_TAIL = tuple(2.0 / (2 * k + 1) for k in range(2, 14))


# --- double-double helpers ------------------------------------------------------------
def _fast_two_sum(a, b):
    """s + err == a + b exactly, for |a| >= |b| (or a = 0)."""
    s = a + b
    return s, b - (s - a)


def _dd_of(fraction):
    """A rational as a double-double (hi, lo); +-inf beyond the float64 range."""
    try:
        hi = float(fraction)
    except OverflowError:
        return (np.inf if fraction > 0 else -np.inf), 0.0
    if not np.isfinite(hi):
        return hi, 0.0
    return hi, float(fraction - Fraction(hi))


def _log1p_reduced(f_hi, f_lo):
    """log1p(f) as a double-double for |f| <= 0.42: 2 atanh(s), s = f / (2 + f).

    2s + 2s**3 / 3 in double-double and the rest (2 s**5 / 5 + ..., under 2e-4 of the
    result) in float: the result is exact to about 1e-4 of its last bit.
    """
    d_hi, d_lo = two_sum_finite(2.0, f_hi)
    d_lo = d_lo + f_lo
    s_hi = f_hi / d_hi
    p, e = two_prod_finite(s_hi, d_hi)
    s_lo = ((((f_hi - p) - e) + f_lo) - s_hi * d_lo) / d_hi
    z_hi, z_lo = two_prod_finite(s_hi, s_hi)
    z_lo = z_lo + 2.0 * s_hi * s_lo
    c_hi, c_lo = two_prod_finite(z_hi, s_hi)  # s**3
    c_lo = c_lo + (z_hi * s_lo + z_lo * s_hi)
    t_hi, t_lo = two_prod_finite(c_hi, _TWO_THIRDS_HI)
    t_lo = t_lo + (c_hi * _TWO_THIRDS_LO + c_lo * _TWO_THIRDS_HI)
    poly = _ATANH_TAIL[-1]
    for coefficient in _ATANH_TAIL[-2::-1]:
        poly = coefficient + z_hi * poly
    tail = (c_hi * z_hi) * poly
    # 2s + t (t < 1% of it) as a double-double, then the small parts
    h, e1 = two_sum_finite(2.0 * s_hi, t_hi)
    return _fast_two_sum(h, e1 + ((tail + t_lo) + 2.0 * s_lo))


def log_dd(w):
    """log(w) as a double-double (hi, lo), exact to about 1e-4 of its last bit, for w > 0
    finite (subnormal too); log(w) = k ln 2 + log1p(m - 1) with w = m 2**k, m in
    [1/sqrt 2, sqrt 2) and m - 1 exact."""
    m, k = np.frexp(w)
    low = m < _SQRT_HALF
    m = np.where(low, 2.0 * m, m)
    k = (k - low).astype(np.float64)
    l_hi, l_lo = _log1p_reduced(m - 1.0, np.zeros_like(m))
    h, e = two_sum_finite(k * LN2_HI, l_hi)
    return _fast_two_sum(h, e + (l_lo + k * LN2_LO))


def exp_neg_dd(a):
    """exp(-a) as a double-double for a >= 0: exp's result corrected by one Newton step,
    e (1 + (-a - log e)) with log e exact (log_dd); the low part is 0 where exp(-a) is
    not a normal number."""
    e = np.exp(-a)
    normal = e >= np.finfo(np.float64).tiny
    l_hi, l_lo = log_dd(np.where(normal, e, 1.0))
    delta = (-a - l_hi) - l_lo  # -a - l_hi is exact (Sterbenz)
    return e, np.where(normal, e * delta, 0.0)


def _log1p_scaled(u_hi, u_lo, ku):
    """log1p(u) as a double-double, for u = (u_hi + u_lo) 2**ku >= 0 with u_hi in
    [1/8, 8) (or u = 0).

    With 1 + u = m 2**k, m in [1/sqrt 2, sqrt 2): log1p(u) = k ln 2 + log1p(m - 1),
    m - 1 exact (Sterbenz). For u >= 2**997 log1p(u) = log(u) to 2**-997, so 1 + u is
    never formed; for u <= 0.41 log1p(u) directly.
    """
    big = ku >= 1000
    shift = np.where(big, 0, ku)
    v_hi, v_lo = np.ldexp(u_hi, shift), np.ldexp(u_lo, shift)
    w_hi, w_lo = two_sum_finite(1.0, v_hi)
    w_lo = w_lo + v_lo
    w_hi = np.where(big, u_hi, w_hi)
    w_lo = np.where(big, u_lo, w_lo)
    m, k = np.frexp(w_hi)
    low = m < _SQRT_HALF
    m = np.where(low, 2.0 * m, m)
    k = k - low
    f_hi = m - 1.0
    f_lo = np.ldexp(w_lo, -k)
    k = k + np.where(big, ku, 0)
    small = ~big & (v_hi <= 0.41)
    f_hi = np.where(small, v_hi, f_hi)
    f_lo = np.where(small, v_lo, f_lo)
    k = np.where(small, 0, k).astype(np.float64)
    l_hi, l_lo = _log1p_reduced(f_hi, f_lo)
    h, e = two_sum_finite(k * LN2_HI, l_hi)  # k LN2_HI is exact for |k| < 2**20
    return _fast_two_sum(h, e + (l_lo + k * LN2_LO))


def _exp_scaled(e_hi, e_lo):
    """exp(e_hi + e_lo) as (m, n): m 2**n, m in [0.7, 1.42]; n an integer array.

    n = round(e / ln 2) and exp(e - n ln 2), the reduction carried exactly: the result is
    as exact as exp itself (under 1 ulp), whatever the size of e.
    """
    inside = np.abs(e_hi) < 1e5
    e_lo = np.where(inside, e_lo, 0.0)
    e_hi = np.clip(e_hi, -1e5, 1e5)  # exp is 0 or inf long before; keeps n ln 2 exact
    n = np.rint(e_hi * (1.0 / np.log(2.0)))
    n = np.where(np.isnan(n), 0.0, n)
    r1, err1 = two_diff_finite(e_hi, n * LN2_HI)
    r2, err2 = two_diff_finite(r1, n * LN2_LO)
    lo = (err1 + err2) + e_lo
    m = np.exp(r2)
    return m + m * lo, n.astype(np.int64)


def _expm1_dd(e_hi, e_lo):
    """expm1(e_hi + e_lo) for e_hi <= 709, to first order in e_lo."""
    return np.expm1(e_hi) + np.exp(e_hi) * np.where(np.isfinite(e_hi), e_lo, 0.0)


# --- the parameters, exactly ----------------------------------------------------------
def check_alpha(alpha):
    """alpha: any real number, or +-inf; not NaN."""
    return check_number("alpha", alpha, "a real number in [-inf, inf] (not NaN)", lambda x: not np.isnan(x))


class _Shape:
    """The scalar constants of one (alpha, scale), exact as double-doubles (from
    Fractions: alpha and c are exact binary numbers)."""

    def __init__(self, alpha, scale):
        self.alpha = alpha
        self.mc, self.ec = np.frexp(scale)
        c = Fraction(float(self.mc))
        self.inv_c = _dd_of(1 / c)  # 1 / mc, and 1 / mc**2
        self.inv_c2 = _dd_of(1 / (c * c))
        self.finite = bool(np.isfinite(alpha))
        self.far = not self.finite or abs(alpha) >= _FAR_ALPHA
        if not self.finite:
            self.sign = 1.0 if alpha > 0 else -1.0
            self.b_alpha = (self.sign, 0.0)  # b / alpha -> sign
            self.v = (self.sign, 0.0)  # alpha / b -> sign
            return
        a = Fraction(alpha)
        b = abs(a - 2)
        self.sign = 1.0 if a > 2 else -1.0  # of alpha - 2
        self.b = _dd_of(b)
        self.half_b = _dd_of(b / 2)
        self.a = _dd_of(a / 2)
        self.f = _dd_of((a - 2) / 2)
        self.b_alpha = _dd_of(b / a) if a else (np.inf, 0.0)
        self.v = _dd_of(a / b) if b else (np.inf, 0.0)
        if b:
            # b = mb 2**eb, mb in [1/2, 1), as a double-double mantissa
            self.mb, self.eb = np.frexp(self.b[0])
            self.mb_lo = float(np.ldexp(self.b[1], -self.eb))


def _check_scale(scale):
    return check_positive_finite("scale", scale)


# --- the shared steps -----------------------------------------------------------------
def _scaled_t(y_true, y_pred, shape):
    """sign(r) and t = |r| / c as (t_hi + t_lo) 2**k, t_hi in (1/2, 2): r = y_pred - y_true
    formed exactly (halved where the difference of finite inputs overflows)."""
    hi, lo = two_diff_finite(y_pred, y_true)
    extra = 0
    over = np.isinf(hi) & np.isfinite(y_true) & np.isfinite(y_pred)
    if over.any():
        h2, l2 = two_diff_finite(0.5 * y_pred, 0.5 * y_true)
        hi, lo = np.where(over, h2, hi), np.where(over, l2, lo)
        extra = over.astype(np.int64)
    lo = np.where(np.isfinite(hi), lo, 0.0)
    sign = np.sign(hi)
    a_hi, a_lo = np.abs(hi), lo * sign
    ma, ea = np.frexp(a_hi)
    a_lo = np.ldexp(a_lo, -ea)
    t_hi = ma / shape.mc
    p, e = two_prod_finite(t_hi, shape.mc)
    t_lo = (((ma - p) - e) + a_lo) / shape.mc
    t_lo = np.where(np.isfinite(t_hi), t_lo, 0.0)
    k = np.where(a_hi == 0, 0, ea - shape.ec + extra)  # 0 for r = 0: u = 0 whatever the scale
    return sign, t_hi, t_lo, k


def _square(t_hi, t_lo):
    """x = t**2 as a double-double mantissa (its exponent is 2k)."""
    x_hi, x_lo = two_prod_finite(t_hi, t_hi)
    return x_hi, np.where(np.isfinite(x_hi), x_lo + 2.0 * t_hi * t_lo, 0.0)


def _over_b(x_hi, x_lo, k, shape):
    """u = x / b = (u_hi + u_lo) 2**ku, for x = (x_hi + x_lo) 4**k and finite alpha != 2."""
    u_hi = x_hi / shape.mb
    p, e = two_prod_finite(u_hi, shape.mb)
    u_lo = (((x_hi - p) - e) + x_lo - u_hi * shape.mb_lo) / shape.mb
    return u_hi, np.where(np.isfinite(u_hi), u_lo, 0.0), 2 * k - shape.eb


def _dd_times(a, y_hi, y_lo):
    """The double-double a (a pair of scalars) times y_hi + y_lo."""
    p, e = two_prod_finite(a[0], y_hi)
    p, e = _fast_two_sum(p, e + (a[0] * y_lo + a[1] * y_hi))
    return p, np.where(np.isfinite(p), e, 0.0)


def _exponents(t_hi, t_lo, k, shape):
    """E = (alpha / 2) L and F = ((alpha - 2) / 2) L as double-doubles, and rho where
    |E| < 2**-60 (there rho = (b / 2) L to 2**-61)."""
    x_hi, x_lo = _square(t_hi, t_lo)
    if not shape.finite:
        return _far_alpha(x_hi, x_lo, k, np.zeros_like(x_hi), shape)
    u_hi, u_lo, ku = _over_b(x_hi, x_lo, k, shape)
    u = np.ldexp(u_hi, ku)
    if shape.far:
        return _far_alpha(x_hi, x_lo, k, u, shape)
    half_x = np.ldexp(0.5 * x_hi + 0.5 * x_lo, 2 * k)  # x / 2, for u < 2**-900
    l_hi, l_lo = _log1p_scaled(u_hi, u_lo, ku)
    e_hi, e_lo = _dd_times(shape.a, l_hi, l_lo)
    f_hi, f_lo = _dd_times(shape.f, l_hi, l_lo)
    b_hi, b_lo = _dd_times(shape.half_b, l_hi, l_lo)
    return e_hi, e_lo, f_hi, f_lo, np.where(u < 2.0**-900, half_x, b_hi + b_lo)


def _far_alpha(x_hi, x_lo, k, u, shape):
    """|alpha| >= 2**40 or infinite: (alpha / 2) L = (x / 2)(alpha / b) q(u) and
    ((alpha - 2) / 2) L = sign(alpha - 2) (x / 2) q(u), with q(u) = log1p(u) / u =
    1 - u/2 + u**2/3 - u**3/4 (u <= 2**-20; beyond, |E| > 2**19 and the loss is its
    limit, which any q > 0 gives)."""
    # x / 2 as a double-double, clamped where exp of it is 0 or inf anyway
    scale = np.minimum(2 * k - 1, 40)
    h_hi, h_lo = np.ldexp(x_hi, scale), np.ldexp(x_lo, scale)
    uq = np.minimum(u, 2.0**-20)
    dq = uq * (0.5 - uq * (1.0 / 3.0 - 0.25 * uq))  # 1 - q(u)
    p_hi, p_lo = _dd_times(shape.v, h_hi, h_lo)
    e_hi, e_lo = _fast_two_sum(p_hi, p_lo - p_hi * dq)
    f_hi, f_lo = _fast_two_sum(shape.sign * h_hi, shape.sign * (h_lo - h_hi * dq))
    small = np.ldexp((0.5 * x_hi) * (1.0 - dq) + 0.5 * x_lo, 2 * k)  # (x / 2) q(u)
    return e_hi, e_lo, f_hi, f_lo, small


def _rho(y_true, y_pred, shape):
    sign, t_hi, t_lo, k = _scaled_t(y_true, y_pred, shape)
    if shape.alpha == 2.0:
        x_hi, x_lo = _square(t_hi, t_lo)
        rho = np.ldexp(0.5 * x_hi + 0.5 * x_lo, 2 * k)
    else:
        e_hi, e_lo, _, _, small = _exponents(t_hi, t_lo, k, shape)
        ba_hi, ba_lo = shape.b_alpha
        moderate = _expm1_dd(np.minimum(e_hi, 709.0), e_lo)
        m, n = _exp_scaled(e_hi, e_lo)
        huge = np.ldexp(ba_hi * m + ba_lo * m, n)  # exp(E) > e**709: the -1 is nothing
        rho = np.where(
            np.abs(e_hi) < 2.0**-60, small, np.where(e_hi <= 709.0, ba_hi * moderate + ba_lo * moderate, huge)
        )
        # |r| = inf: the loss's limit, b / |alpha| for alpha < 0 (inf beyond)
        limit = -ba_hi if shape.alpha < 0 else np.inf
        rho = np.where(np.isinf(t_hi), limit, rho)
    return np.where(np.isnan(sign), np.nan, rho)


def _q_scaled(t_hi, t_lo, k, shape):
    """(1 + u)**((alpha - 2) / 2) = exp(F) as m 2**n."""
    if shape.alpha == 2.0:
        return np.ones_like(t_hi), np.zeros(np.shape(t_hi), dtype=np.int64)
    _, _, f_hi, f_lo, _ = _exponents(t_hi, t_lo, k, shape)
    return _exp_scaled(f_hi, f_lo)


def _psi(y_true, y_pred, shape):
    """d rho / dr = sign(r) (t / c) exp(F)."""
    sign, t_hi, t_lo, k = _scaled_t(y_true, y_pred, shape)
    m, n = _q_scaled(t_hi, t_lo, k, shape)
    c_hi, c_lo = shape.inv_c
    v = (t_hi * m) * c_hi + (t_lo * m * c_hi + t_hi * m * c_lo)
    psi = sign * np.ldexp(v, k + n - shape.ec)
    # |r| = inf: psi ~ t**(alpha - 1) / c, so 0 below alpha = 1, sign / c at 1, inf beyond
    at_inf = 0.0 if shape.alpha < 1 else (np.ldexp(c_hi, -shape.ec) if shape.alpha == 1 else np.inf)
    return np.where(np.isinf(t_hi), sign * at_inf, psi)


def _weight(y_true, y_pred, shape):
    """psi / r = exp(F) / c**2, which is 1 / c**2 at r = 0."""
    sign, t_hi, t_lo, k = _scaled_t(y_true, y_pred, shape)
    m, n = _q_scaled(t_hi, t_lo, k, shape)
    c_hi, c_lo = shape.inv_c2
    w = np.ldexp(m * c_hi + m * c_lo, n - 2 * shape.ec)
    at_inf = 0.0 if shape.alpha < 2 else (np.ldexp(c_hi, -2 * shape.ec) if shape.alpha == 2 else np.inf)
    w = np.where(np.isinf(t_hi), at_inf, w)
    return np.where(np.isnan(sign), np.nan, w)


def _shape(alpha, scale):
    return _Shape(check_alpha(alpha), _check_scale(scale))


def _inputs(y_true, y_pred):
    return broadcast(y_true=as_float("y_true", y_true), y_pred=as_float("y_pred", y_pred))


_IGNORE = {"over": "ignore", "under": "ignore", "invalid": "ignore", "divide": "ignore"}


# --- the public functions -------------------------------------------------------------
def barron(y_true, y_pred, *, alpha=1.0, scale=1.0, reduction="mean"):
    """Barron's general robust loss rho(y_pred - y_true, alpha, scale) (see the module).

    alpha in [-inf, inf] picks the shape (2: L2 / 2 scaled, 1: Charbonnier, 0: Cauchy,
    -2: Geman-McClure, -inf: Welsch, +inf: exp((r / c)**2 / 2) - 1); scale c > 0 is the
    width of its quadratic bowl. Exact to a few ulp for every alpha and residual.
    """
    check_reduction(reduction)
    shape = _shape(alpha, scale)
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(**_IGNORE):
        return reduce_blockwise(lambda t, p: _rho(t, p, shape), reduction, y_true, y_pred)


def barron_derivative(y_true, y_pred, *, alpha=1.0, scale=1.0):
    """d rho / dy_pred = (r / c**2) ((r / c)**2 / |alpha - 2| + 1)**(alpha / 2 - 1)."""
    shape = _shape(alpha, scale)
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(**_IGNORE):
        return blockwise(lambda t, p: _psi(t, p, shape), y_true, y_pred)


def barron_weight(y_true, y_pred, *, alpha=1.0, scale=1.0):
    """The IRLS weight psi(r) / r = ((r / c)**2 / |alpha - 2| + 1)**(alpha / 2 - 1) / c**2:
    1 / c**2 at r = 0, exp(-(r / c)**2 / 2) / c**2 at alpha = -inf."""
    shape = _shape(alpha, scale)
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(**_IGNORE):
        return blockwise(lambda t, p: _weight(t, p, shape), y_true, y_pred)

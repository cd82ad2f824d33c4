"""Error-free floating-point transformations (Dekker, Knuth) and exact helpers.

These let a few hot spots carry twice the working precision without leaving NumPy:
a difference of logits, a quotient by a temperature, a logarithm of a ratio.
"""

import numpy as np

# ln 2 split so that n * LN2_HI is exact for |n| < 2**20 (fdlibm's constants).
LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
_SPLITTER = 134217729.0  # 2**27 + 1, Veltkamp's constant for float64


def two_sum_finite(a, b):
    """s + err == a + b exactly (Knuth), where s is finite (err is NaN elsewhere)."""
    s = a + b
    bb = s - a
    return s, (a - (s - bb)) + (b - bb)


def two_diff_finite(a, b):
    """d + err == a - b exactly (Knuth's two_sum of a and -b), where d is finite."""
    d = a - b
    bb = d - a
    return d, (a - (d - bb)) - (b + bb)


def two_sum(a, b):
    """s + err == a + b exactly (Knuth); err is 0 where s is not finite."""
    s, err = two_sum_finite(a, b)
    return s, np.where(np.isfinite(s), err, 0.0)


def _split(a):
    c = _SPLITTER * a
    hi = c - (c - a)
    return hi, a - hi


def two_prod_finite(a, b):
    """p + err == a * b exactly (Dekker), for |a|, |b| below 2**996 and a finite product
    whose error is not below the smallest normal (err is NaN for an infinite one)."""
    p = a * b
    ah, al = _split(a)
    bh, bl = _split(b)
    return p, ((ah * bh - p) + ah * bl + al * bh) + al * bl


def two_prod(a, b):
    """p + err == a * b exactly (Dekker), for |a|, |b| below 2**996."""
    p, err = two_prod_finite(a, b)
    return p, np.where(np.isfinite(err), err, 0.0)


def exp_dd(hi, lo):
    """exp(hi + lo) for |lo| <= ulp(hi): exp(hi) * (1 + lo) to first order."""
    e = np.exp(hi)
    return e + e * lo


def log_ratio(a, b):
    """log(a / b) for a, b > 0, accurate even where a / b over- or underflows.

    Write a / b = 2**n * (ma / mb) with ma / mb in [1/sqrt 2, sqrt 2): then
    log(a / b) = n ln 2 + log1p((ma - mb) / mb), where ma - mb is exact (Sterbenz) and
    the two terms never cancel badly.
    """
    ma, ea = np.frexp(a)
    mb, eb = np.frexp(b)
    n = (ea - eb).astype(np.float64)
    ratio = ma / mb  # in (1/2, 2)
    low = ratio < 0.7071067811865476
    high = ratio >= 1.4142135623730951
    ma = np.where(low, ma * 2.0, np.where(high, ma * 0.5, ma))
    n = n - low + high
    with np.errstate(divide="ignore", invalid="ignore"):
        near = np.log1p((ma - mb) / mb)
    return n * LN2_HI + (n * LN2_LO + near)

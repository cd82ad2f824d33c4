"""What PyTorch, Keras and Optax compute for our losses, so that the app can draw their
curves beside ours without importing them.

A ``Convention`` is one library's loss: its call as a user writes it, one sentence on how
it differs from ours ("" where it is the same function) and ``values``, the per-example
values that library's definition gives (what our ``reduction="none"`` returns, same
shape). ``convention(library, loss)`` finds one, ``conventions(loss)`` lists every
library's; "textbook" is ours.

What is modelled is each library's formula in exact float64 arithmetic, with its constants
as written: PyTorch's clamp of a log at -100, Keras' ``epsilon()`` = 1e-7 and the clips it
feeds. Not modelled is float32 rounding, although PyTorch tensors, Keras' ``floatx()`` and
JAX arrays (so Optax) are float32 by default: Keras' 1 - 1e-7, for one, is
0.99999988 in float32. Where a library's formula is our function written another way
(Keras' log-cosh as x + softplus(-2x) - log 2, PyTorch's cross-entropy on logits as
(1 - y) x - log sigmoid(x)), its values are ours, exact: their roundings are not drawn.
NaN at infinite logits (0 * inf in those rewritings) is not modelled either.

Keras' elementwise losses (MeanSquaredError, BinaryCrossentropy, ...) then average over
the last axis, one value per sample; the values here are those of each element before that
mean. Keras 3 is modelled with its PyTorch backend; where another backend computes
something else, ``differs`` says so. Not modelled: Keras' TensorFlow backend, handed the
output of a sigmoid or softmax layer, takes that layer's logits instead (no clip).

Sources (file names in each repository): PyTorch aten/src/ATen/native/Loss.cpp and
aten/src/ATen/native/cpu/BinaryOpsKernel.cpp; Keras 3 (3.16.0 in development)
keras/src/losses/losses.py, keras/src/backend/{torch,tensorflow,jax}/nn.py and
keras/src/backend/config.py; Optax (0.2.9 in development) optax/losses/_regression.py,
_classification.py and _smoothing.py.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import classification as cls
from . import multiclass as mc
from . import regression as reg
from ._checks import check_positive_finite
from .activations import sigmoid
from .registry import LOSSES

LIBRARIES = ("textbook", "pytorch", "keras", "optax")

KERAS_EPSILON = 1e-7  # keras/src/backend/config.py: _EPSILON, read through backend.epsilon()
PYTORCH_LOG_FLOOR = -100.0  # Loss.cpp, binary_cross_entropy: std::max(log(.), -100)


@dataclass(frozen=True)
class Convention:
    """One library's version of one of our losses."""

    library: str  # one of LIBRARIES
    loss: str  # our loss name, a key of losses.LOSSES
    call: str  # the library's own call, as a user writes it
    differs: str  # how it differs from ours, in one sentence; "" for the same function
    values: Callable  # (y_true, prediction, **our params) -> per-example float64 values


def _inputs(a, b):
    """Two arguments, already checked by our loss, as float64 arrays broadcast together."""
    return np.broadcast_arrays(np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64))


def _ours(name):
    """Our loss ``name`` per example: the values of every library that computes the same
    function (in another float formula, whose rounding is not modelled)."""
    spec = LOSSES[name]

    def values(y_true, prediction, **params):
        if not spec.reductions:  # rmse: always the scalar cost
            return spec.fn(y_true, prediction, **params)
        return spec.fn(y_true, prediction, reduction="none", **params)

    values.__name__ = f"{name}_per_example"
    return values


def _textbook_call(name):
    spec = LOSSES[name]
    arguments = list(inspect.signature(spec.fn).parameters)[:2]
    arguments += [f"{p.name}={p.label}" for p in spec.params]
    if spec.reductions:
        arguments.append('reduction="none"')
    return f"losses.{name}({', '.join(arguments)})"


# --- regression -----------------------------------------------------------------------
def _optax_l2_loss(y_true, y_pred):
    # _regression.py: l2_loss = 0.5 * squared_error = 0.5 * (predictions - targets)**2
    reg.mse(y_true, y_pred, reduction="none")  # checks the arguments
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        a = np.abs(y_pred - y_true)
        # halve |r| first above 1 (so r**2 / 2 does not overflow for |r| up to 1.9e154, where
        # r**2 does), the square below (where halving a subnormal |r| would drop a bit)
        return np.where(a > 1.0, (0.5 * a) * a, 0.5 * (a * a))


def _pytorch_smooth_l1(y_true, y_pred, *, delta=1.0):
    # BinaryOpsKernel.cpp, smooth_l1_kernel: z < beta ? 0.5 z**2 / beta : z - 0.5 beta,
    # that is huber(delta=beta) / beta (Loss.cpp: beta = 0 is l1_loss; ours needs delta > 0)
    reg.huber(y_true, y_pred, delta=delta, reduction="none")  # checks the arguments
    delta = check_positive_finite("delta", delta)
    y_true, y_pred = _inputs(y_true, y_pred)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        a = np.abs(y_pred - y_true)
        # huber's m (|r| - m / 2), m = min(|r|, delta), with m / delta <= 1 first: nothing
        # overflows that the result does not, and at delta = 1 it is huber to the bit
        m = np.minimum(a, delta)
        return (m / delta) * (a - 0.5 * m)


def _keras_msle(y_true, y_pred):
    # losses.py, mean_squared_logarithmic_error: log(maximum(y, epsilon) + 1) for both
    reg.msle(y_true, y_pred, reduction="none")  # checks the arguments (> -1)
    y_true, y_pred = _inputs(y_true, y_pred)
    floor = KERAS_EPSILON
    return reg.msle(np.maximum(y_true, floor), np.maximum(y_pred, floor), reduction="none")


# --- binary cross-entropy -------------------------------------------------------------
def _keras_clip(p):
    # backend/*/nn.py, binary_crossentropy and the categorical ones:
    # clip(output, epsilon, 1 - epsilon), 1 - epsilon as Python computes it (0.9999999)
    return np.clip(p, KERAS_EPSILON, 1.0 - KERAS_EPSILON)


def _pytorch_binary_cross_entropy(y_true, p):
    # Loss.cpp, binary_cross_entropy_out_cpu:
    # (y - 1) max(log1p(-p), -100) - y max(log(p), -100)
    cls.binary_cross_entropy(y_true, p, reduction="none")  # checks the arguments
    y, p = _inputs(y_true, p)
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), PYTORCH_LOG_FLOOR)
        log_not_p = np.maximum(np.log1p(-p), PYTORCH_LOG_FLOOR)
    # two terms >= 0, each finite: a zero weight meets at worst -100, never -inf
    return -(y * log_p) - (1.0 - y) * log_not_p


def _keras_binary_cross_entropy(y_true, p):
    # backend/torch/nn.py, binary_crossentropy: torch's binary_cross_entropy of the clipped
    # p, whose logs are > -17, so its clamp at -100 never acts. The TensorFlow, JAX and
    # NumPy backends take y log(p) + (1 - y) log(1 - p) of the same clipped p: the same
    # function (only tf.keras 2, kept as keras/src/legacy/backend.py, added 1e-7 inside
    # each log).
    cls.binary_cross_entropy(y_true, p, reduction="none")  # checks the arguments
    y, p = _inputs(y_true, p)
    return cls.binary_cross_entropy(y, _keras_clip(p), reduction="none")


def _hard(y):
    return (y == 0) | (y == 1)


def _focal_weight(y, p, not_p, gamma):
    """(1 - p_t)**gamma with 1 - p_t = y (1 - p) + (1 - y) p, as Keras and Optax weight the
    whole cross-entropy (ours weights each of its terms by its own factor; the same for a
    label 0 or 1). Both terms are >= 0: no cancellation."""
    return np.power(y * not_p + (1.0 - y) * p, gamma)


def _keras_binary_focal(y_true, p, *, gamma=2.0):
    # losses.py, binary_focal_crossentropy: p_t = y p + (1 - y)(1 - p) from the unclipped p,
    # times binary_crossentropy(y, p), which clips p (apply_class_balancing=False)
    ours = cls.binary_focal_cross_entropy(y_true, p, gamma=gamma, reduction="none")  # checks
    y, p = _inputs(y_true, p)
    clipped = _keras_clip(p)
    with np.errstate(divide="ignore", invalid="ignore", under="ignore"):
        ce = cls.binary_cross_entropy(y, clipped, reduction="none")
        values = _focal_weight(y, p, 1.0 - p, gamma) * ce
    # where the label is 0 or 1 and the clip does not act, the same function as ours: exact
    return np.where(_hard(y) & (clipped == p), ours, values)


def _keras_sigmoid_focal(y_true, logits, *, gamma=2.0):
    # losses.py, binary_focal_crossentropy with from_logits=True: p = sigmoid(logits), then
    # as on probabilities, so the clip of p acts on the logits' loss too
    ours = cls.sigmoid_focal_cross_entropy(y_true, logits, gamma=gamma, reduction="none")  # checks
    y, x = _inputs(y_true, logits)
    p, not_p = sigmoid(x), sigmoid(-x)  # 1 - p from -x: no cancellation
    clipped = _keras_clip(p)
    unclipped = clipped == p
    with np.errstate(divide="ignore", invalid="ignore", under="ignore", over="ignore"):
        # -log of the unclipped p is the cross-entropy on the logits, exact
        ce = np.where(
            unclipped,
            cls.sigmoid_cross_entropy(y, x, reduction="none"),
            cls.binary_cross_entropy(y, clipped, reduction="none"),
        )
        values = _focal_weight(y, p, not_p, gamma) * ce
    return np.where(_hard(y) & unclipped, ours, values)


def _optax_sigmoid_focal(y_true, logits, *, gamma=2.0):
    # _classification.py, sigmoid_focal_loss (alpha=None): sigmoid_binary_cross_entropy
    # times exp(gamma log(1 - p_t)), 1 - p_t = y (1 - p) + (1 - y) p
    ours = cls.sigmoid_focal_cross_entropy(y_true, logits, gamma=gamma, reduction="none")  # checks
    y, x = _inputs(y_true, logits)
    with np.errstate(under="ignore", over="ignore", invalid="ignore"):
        ce = cls.sigmoid_cross_entropy(y, x, reduction="none")
        values = _focal_weight(y, sigmoid(x), sigmoid(-x), gamma) * ce
    return np.where(_hard(y), ours, values)  # for labels 0 and 1 the same function as ours


# --- hinge ----------------------------------------------------------------------------
def _optax_hinge(y_true, score):
    # _classification.py, hinge_loss: maximum(0, 1 - predictor_outputs * targets), the
    # targets as given (Keras' convert_binary_labels_to_hinge turns 0/1 into -1/+1, as ours)
    cls.hinge(y_true, score, reduction="none")  # checks the labels: +-1, or all 0/1
    t, s = _inputs(y_true, score)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.maximum(0.0, 1.0 - s * t)


# --- multiclass -----------------------------------------------------------------------
def _keras_rescaled(p):
    # backend/torch/nn.py, categorical_crossentropy and sparse_categorical_crossentropy:
    # output / sum(output) over the class axis, then clipped as in binary_crossentropy
    with np.errstate(divide="ignore", invalid="ignore"):
        return _keras_clip(p / np.sum(p, axis=-1, keepdims=True))


def _keras_categorical(y_true, probs, *, label_smoothing=0.0):
    # losses.py, categorical_crossentropy: y (1 - eps) + eps / C (as ours), then the backend's
    # -sum(y log(p)) of the rescaled, clipped p
    mc.categorical_cross_entropy(y_true, probs, label_smoothing=label_smoothing, reduction="none")
    y, p = _inputs(y_true, probs)
    return mc.categorical_cross_entropy(
        y, _keras_rescaled(p), label_smoothing=label_smoothing, reduction="none"
    )


def _keras_sparse(labels, probs):
    # backend/torch/nn.py (and jax), sparse_categorical_crossentropy: nll_loss of the log of
    # the rescaled, clipped p; backend/tensorflow/nn.py clips without rescaling
    mc.sparse_categorical_cross_entropy(labels, probs, reduction="none")  # checks the arguments
    p = np.asarray(probs, dtype=np.float64)
    return mc.sparse_categorical_cross_entropy(labels, _keras_rescaled(p), reduction="none")


def _kl_of_log_q(p_true, q_pred):
    # Loss.cpp, kl_div: xlogy(target, target) - target * input, input = log q; Optax's
    # _classification.py, kl_divergence: targets * (where(targets == 0, 0, log(targets)) -
    # log_predictions). Both are p log(p / q), but where p = q = 0 the second term is
    # 0 * -inf = NaN, which the sum over the classes carries.
    ours = mc.kl_divergence(p_true, q_pred, reduction="none")  # checks the arguments
    p, q = _inputs(p_true, q_pred)
    return np.where(np.any((p == 0) & (q == 0), axis=-1), np.nan, ours)


def _keras_kl(p_true, q_pred):
    # losses.py, kl_divergence: clip(y_true, epsilon, 1), clip(y_pred, epsilon, 1), then
    # sum(y_true log(y_true / y_pred)); ours is exact for any p, q in [0, 1], summing to 1 or not
    mc.kl_divergence(p_true, q_pred, reduction="none")  # checks the arguments
    p, q = _inputs(p_true, q_pred)
    floor = KERAS_EPSILON
    return mc.kl_divergence(np.clip(p, floor, 1.0), np.clip(q, floor, 1.0), reduction="none")


# --- the table ------------------------------------------------------------------------
_SAME = ""


def _c(library, loss, call, differs, values=None):
    return Convention(library, loss, call, differs, values or _ours(loss))


_LIBRARY_CONVENTIONS = (
    # mse
    _c("pytorch", "mse", "torch.nn.functional.mse_loss(input, target)", _SAME),
    _c("keras", "mse", "keras.losses.MeanSquaredError()(y_true, y_pred)", _SAME),
    _c(
        "optax",
        "mse",
        "optax.losses.l2_loss(predictions, targets)",
        "Half of ours: ½r² (optax.losses.squared_error is r², as ours, but l2_loss is the one "
        "most code calls).",
        _optax_l2_loss,
    ),
    # mae (Optax has no absolute error)
    _c("pytorch", "mae", "torch.nn.functional.l1_loss(input, target)", _SAME),
    _c("keras", "mae", "keras.losses.MeanAbsoluteError()(y_true, y_pred)", _SAME),
    # huber: PyTorch's huber_loss first (the same function), then smooth_l1_loss
    _c("pytorch", "huber", "torch.nn.functional.huber_loss(input, target, delta=δ)", _SAME),
    _c(
        "pytorch",
        "huber",
        "torch.nn.functional.smooth_l1_loss(input, target, beta=δ)",
        "Ours divided by β: ½r²/β within β and |r| − ½β beyond, so its far slope is 1 "
        "whatever β (the same at β = 1).",
        _pytorch_smooth_l1,
    ),
    _c("keras", "huber", "keras.losses.Huber(delta=δ)(y_true, y_pred)", _SAME),
    _c("optax", "huber", "optax.losses.huber_loss(predictions, targets, delta=δ)", _SAME),
    # log-cosh: Keras x + softplus(-2x) - log 2, Optax logaddexp(r, -r) - log 2; no PyTorch
    _c("keras", "log_cosh", "keras.losses.LogCosh()(y_true, y_pred)", _SAME),
    _c("optax", "log_cosh", "optax.losses.log_cosh(predictions, targets)", _SAME),
    # msle: Keras only
    _c(
        "keras",
        "msle",
        "keras.losses.MeanSquaredLogarithmicError()(y_true, y_pred)",
        "Raises y_true and y_pred to at least 1e-7 first, so every value below 1e-7 (ours "
        "takes any > −1) counts as 1e-7.",
        _keras_msle,
    ),
    # binary cross-entropy on probabilities (Optax has only the logits form)
    _c(
        "pytorch",
        "binary_cross_entropy",
        "torch.nn.functional.binary_cross_entropy(input, target)",
        "Each log is clamped at −100, so a certain mistake costs 100, not inf (and a p below "
        "e^−100 ≈ 3.7e−44 counts as e^−100).",
        _pytorch_binary_cross_entropy,
    ),
    _c(
        "keras",
        "binary_cross_entropy",
        "keras.losses.BinaryCrossentropy()(y_true, y_pred)",
        "p is clipped to [1e-7, 1 − 1e-7] first, so a certain mistake costs −log(1e-7) ≈ 16.12, "
        "not inf, and a right certainty −log(1 − 1e-7) ≈ 1e-7, not 0.",
        _keras_binary_cross_entropy,
    ),
    # binary cross-entropy on logits: (1 - y) x - log_sigmoid(x) (PyTorch),
    # sigmoid_cross_entropy_with_logits or log_sigmoid (Keras' backends), log_sigmoid (Optax)
    _c(
        "pytorch",
        "sigmoid_cross_entropy",
        "torch.nn.functional.binary_cross_entropy_with_logits(input, target)",
        _SAME,
    ),
    _c(
        "keras",
        "sigmoid_cross_entropy",
        "keras.losses.BinaryCrossentropy(from_logits=True)(y_true, y_pred)",
        _SAME,
    ),
    _c("optax", "sigmoid_cross_entropy", "optax.losses.sigmoid_binary_cross_entropy(logits, labels)", _SAME),
    # focal losses (torchvision has one, PyTorch itself none)
    _c(
        "keras",
        "binary_focal_cross_entropy",
        "keras.losses.BinaryFocalCrossentropy(gamma=γ)(y_true, y_pred)",
        "p is clipped to [1e-7, 1 − 1e-7] inside the cross-entropy, so a certain mistake costs "
        "−log(1e-7) ≈ 16.12, not inf, and a soft label weights the whole cross-entropy by "
        "(y(1 − p) + (1 − y)p)^γ, not each term by its own factor.",
        _keras_binary_focal,
    ),
    _c(
        "keras",
        "sigmoid_focal_cross_entropy",
        "keras.losses.BinaryFocalCrossentropy(gamma=γ, from_logits=True)(y_true, y_pred)",
        "The logits become p = σ(x), clipped to [1e-7, 1 − 1e-7], so a confident mistake "
        "costs at most −log(1e-7) ≈ 16.12, not about |x|, and a soft label weights the whole "
        "cross-entropy by (y(1 − p) + (1 − y)p)^γ, not each term by its own factor.",
        _keras_sigmoid_focal,
    ),
    _c(
        "optax",
        "sigmoid_focal_cross_entropy",
        "optax.losses.sigmoid_focal_loss(logits, labels, gamma=γ)",
        "The same for labels 0 and 1, but a soft label weights the whole cross-entropy by "
        "(y(1 − p) + (1 − y)p)^γ, not each term by its own factor.",
        _optax_sigmoid_focal,
    ),
    # hinges (PyTorch has none: hinge_embedding_loss and soft_margin_loss are other losses)
    _c("keras", "hinge", "keras.losses.Hinge()(y_true, y_pred)", _SAME),
    _c(
        "optax",
        "hinge",
        "optax.losses.hinge_loss(predictor_outputs, targets)",
        "Takes the labels as given: a label 0 is not read as −1, so it costs 1 whatever the "
        "score (pass labels ±1).",
        _optax_hinge,
    ),
    _c("keras", "squared_hinge", "keras.losses.SquaredHinge()(y_true, y_pred)", _SAME),
    # multiclass
    _c(
        "keras",
        "categorical_cross_entropy",
        "keras.losses.CategoricalCrossentropy(label_smoothing=ε)(y_true, y_pred)",
        "p is rescaled to sum to 1 and clipped to [1e-7, 1 − 1e-7], so a zero probability "
        "costs −log(1e-7) ≈ 16.12, not inf.",
        _keras_categorical,
    ),
    _c(
        "pytorch",
        "sparse_categorical_cross_entropy",
        "torch.nn.functional.nll_loss(torch.log(probs), labels)",
        _SAME,
    ),
    _c(
        "keras",
        "sparse_categorical_cross_entropy",
        "keras.losses.SparseCategoricalCrossentropy()(y_true, y_pred)",
        "p is rescaled to sum to 1 and clipped to [1e-7, 1 − 1e-7] (the TensorFlow backend "
        "only clips), so a zero probability costs −log(1e-7) ≈ 16.12, not inf.",
        _keras_sparse,
    ),
    _c(
        "pytorch",
        "softmax_cross_entropy",
        "torch.nn.functional.cross_entropy(input, target, label_smoothing=ε)",
        _SAME,
    ),
    _c(
        "keras",
        "softmax_cross_entropy",
        "keras.losses.CategoricalCrossentropy(from_logits=True, label_smoothing=ε)(y_true, y_pred)",
        _SAME,
    ),
    _c(
        "optax",
        "softmax_cross_entropy",
        "optax.losses.softmax_cross_entropy(logits, optax.losses.smooth_labels(labels, ε))",
        _SAME,
    ),
    _c(
        "pytorch",
        "kl_divergence",
        'torch.nn.functional.kl_div(torch.log(q), p, reduction="batchmean")',
        "Takes log q first and p second, and where p = q = 0 its term 0·(−∞) is NaN (ours: 0); "
        'with reduction="batchmean" its cost is our mean, the default "mean" also divides by '
        "the number of classes.",
        _kl_of_log_q,
    ),
    _c(
        "keras",
        "kl_divergence",
        "keras.losses.KLDivergence()(y_true, y_pred)",
        "p and q are clipped to [1e-7, 1] first, so a zero counts as 1e-7: finite where "
        "q = 0 < p, and a class with p = 0 adds 1e-7·log(1e-7/q) < 0.",
        _keras_kl,
    ),
    _c(
        "optax",
        "kl_divergence",
        "optax.losses.kl_divergence(jnp.log(q), p)",
        "Takes log q first and p second, and where p = q = 0 its term 0·(−∞) is NaN (ours: 0).",
        _kl_of_log_q,
    ),
)

_TEXTBOOK = {name: Convention("textbook", name, _textbook_call(name), _SAME, _ours(name)) for name in LOSSES}


def _by_loss():
    table = {name: [] for name in LOSSES}
    for c in _LIBRARY_CONVENTIONS:
        if c.library not in LIBRARIES[1:] or c.loss not in table:
            raise ValueError(f"Expected a known library and loss. Received: {c.library!r}, {c.loss!r}")
        table[c.loss].append(c)
    # in LIBRARIES order; a library's own order (huber_loss before smooth_l1_loss) kept
    return {name: tuple(sorted(cs, key=lambda c: LIBRARIES.index(c.library))) for name, cs in table.items()}


_BY_LOSS = _by_loss()


def _check_library(library):
    if not (isinstance(library, str) and library in LIBRARIES):
        raise ValueError(f"Expected `library` to be one of {LIBRARIES}. Received: library={library!r}")


def _check_loss(loss):
    if not (isinstance(loss, str) and loss in LOSSES):
        raise ValueError(f"Expected `loss` to be one of {tuple(LOSSES)}. Received: loss={loss!r}")


def convention(library, loss):
    """``library``'s convention for our ``loss``, or None where it has no such loss.

    Where a library has two (PyTorch's ``huber_loss`` and ``smooth_l1_loss``), the one of
    the same name; ``conventions`` lists both.
    """
    _check_library(library)
    _check_loss(loss)
    if library == "textbook":
        return _TEXTBOOK[loss]
    return next((c for c in _BY_LOSS[loss] if c.library == library), None)


def conventions(loss):
    """Every library's convention for our ``loss`` (not the textbook's), in LIBRARIES order."""
    _check_loss(loss)
    return _BY_LOSS[loss]

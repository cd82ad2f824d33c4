"""The same in code: a short program per library (ours, PyTorch, Keras 3, Optax) that
computes what a chart shows at the view's parameters, and the numbers it prints.

The numbers are computed here from ``losses`` and ``losses.conventions`` (the app never
imports the libraries); the tests run each program and compare what it prints with them.
Each program prints a list of float64 values (Keras set to float64, JAX to x64)."""

from dataclasses import dataclass

import numpy as np

from losses import LOSSES
from losses.conventions import convention

from .conventions import LIBRARY_TITLES

SNIPPET_RESIDUALS = (-3.0, -1.0, -0.25, 0.0, 0.5, 2.0)  # the predictions, the targets 0
SNIPPET_LIBRARIES = ("textbook", "pytorch", "keras", "optax")


@dataclass(frozen=True)
class Snippet:
    library: str
    title: str  # what the page calls it ("PyTorch")
    code: str
    prints: tuple  # the floats it prints, as the library computes them
    # the significant digits it gets right: Keras rounds some steps to float32 even when
    # set to float64 (its clip of p, its log-cosh): 7 there
    digits: int = 17


def _floats(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def _prelude(library):
    return {
        "textbook": "import numpy as np\nimport losses  # Loss Lab's package: pip install -r requirements.txt\n",
        "pytorch": "import torch\nimport torch.nn.functional as F\n",
        "keras": (
            "import numpy as np\nimport keras  # Keras 3: any backend (TensorFlow, JAX or PyTorch)\n\n"
            'keras.config.set_floatx("float64")\n'
        ),
        "optax": (
            'import jax\njax.config.update("jax_enable_x64", True)\nimport jax.numpy as jnp\nimport optax\n'
        ),
    }[library]


# --- regression: one loss at a few residuals (targets 0) -----------------------------------
_REGRESSION_CALLS = {
    # library -> loss -> the call on (y_true, y_pred) as that library's program names them
    "textbook": {
        name: f'losses.{name}(y_true, y_pred{{params}}, reduction="none")'
        for name in ("mae", "mse", "huber", "pseudo_huber", "log_cosh")
    },
    "pytorch": {
        "mae": 'F.l1_loss(y_pred, y_true, reduction="none")',
        "mse": 'F.mse_loss(y_pred, y_true, reduction="none")',
        "huber": 'F.huber_loss(y_pred, y_true, reduction="none"{params})',
    },
    "keras": {
        # per sample: Keras averages the last axis, of length 1 here
        "mae": "keras.losses.mean_absolute_error(y_true, y_pred)",
        "mse": "keras.losses.mean_squared_error(y_true, y_pred)",
        "huber": "keras.losses.huber(y_true, y_pred{params})",
        "log_cosh": "keras.losses.log_cosh(y_true, y_pred)",
    },
    "optax": {
        "mse": "optax.losses.l2_loss(y_pred, y_true)",
        "huber": "optax.losses.huber_loss(y_pred, y_true{params})",
        "log_cosh": "optax.losses.log_cosh(y_pred, y_true)",
    },
}
_DATA = {
    "textbook": "y_pred = np.array({x})\ny_true = np.zeros_like(y_pred)\n",
    "pytorch": "y_pred = torch.tensor({x}, dtype=torch.float64)\ny_true = torch.zeros_like(y_pred)\n",
    "keras": "y_pred = np.array({x})[:, None]  # one sample per row\ny_true = np.zeros_like(y_pred)\n",
    "optax": "y_pred = jnp.array({x})\ny_true = jnp.zeros_like(y_pred)\n",
}
_PRINT = {
    "textbook": "print({call}.tolist())\n",
    "pytorch": "print({call}.tolist())\n",
    "keras": "print(keras.ops.convert_to_numpy({call}).tolist())\n",
    "optax": "print({call}.tolist())\n",
}


def regression_snippets(name, params):
    """The programs computing loss ``name`` with ``params`` ({"delta": ...}) at
    SNIPPET_RESIDUALS, one per library that has it."""
    x = np.array(SNIPPET_RESIDUALS)
    snippets = []
    for library in SNIPPET_LIBRARIES:
        call = _REGRESSION_CALLS[library].get(name)
        if call is None:
            continue
        call = call.format(params="".join(f", {k}={v!r}" for k, v in params.items()))
        code = (
            _prelude(library) + "\n" + _DATA[library].format(x=_floats(x)) + _PRINT[library].format(call=call)
        )
        found = convention(library, name)
        prints = tuple(found.values(0.0, x, **params))
        snippets.append(Snippet(library, LIBRARY_TITLES[library], code, prints, _digits(library, name)))
    return snippets


# --- binary cross-entropy at p, for both labels ----------------------------------------
def binary_snippets(p):
    """The programs computing the binary cross-entropy of labels 1 and 0 at probability p."""
    y = np.array([1.0, 0.0])
    probs = np.full(2, float(p))
    calls = {
        "textbook": (
            f"p = np.full(2, {float(p)!r})\ny = np.array([1.0, 0.0])\n",
            'losses.binary_cross_entropy(y, p, reduction="none")',
        ),
        "pytorch": (
            f"p = torch.full((2,), {float(p)!r}, dtype=torch.float64)\ny = torch.tensor([1.0, 0.0], dtype=torch.float64)\n",
            'F.binary_cross_entropy(p, y, reduction="none")',
        ),
        "keras": (
            f"p = np.full((2, 1), {float(p)!r})\ny = np.array([[1.0], [0.0]])\n",
            "keras.losses.binary_crossentropy(y, p)",
        ),
    }
    snippets = []
    for library, (data, call) in calls.items():
        code = _prelude(library) + "\n" + data + _PRINT[library].format(call=call)
        found = convention(library, "binary_cross_entropy")
        prints = tuple(found.values(y, probs))
        snippets.append(
            Snippet(library, LIBRARY_TITLES[library], code, prints, _digits(library, "binary_cross_entropy"))
        )
    return snippets


# --- multiclass: softmax cross-entropy from scores, KL divergence -------------------------
def _row(values):
    return "[" + _floats(values) + "]"  # one sample: a batch of one row


def softmax_snippets(scores, *, temperature=1.0, true_class=0, label_smoothing=0.0):
    """The programs computing the softmax cross-entropy of ``scores`` / T with the true
    class, its label smoothed by ε (Keras's, PyTorch's and Optax's ε mean the same)."""
    classes = len(scores)
    y = np.eye(classes)[true_class][None]
    logits = np.asarray(scores, dtype=float)[None] / temperature
    t, eps = float(temperature), float(label_smoothing)
    data = {
        "textbook": f"logits = np.array({_row(scores)}) / {t!r}\ny = np.eye({classes})[[{true_class}]]\n",
        "pytorch": (
            f"logits = torch.tensor({_row(scores)}, dtype=torch.float64) / {t!r}\n"
            f"true_class = torch.tensor([{true_class}])\n"
        ),
        "keras": f"logits = np.array({_row(scores)}) / {t!r}\ny = np.eye({classes})[[{true_class}]]\n",
        "optax": f"logits = jnp.array({_row(scores)}) / {t!r}\ny = jnp.eye({classes})[jnp.array([{true_class}])]\n",
    }
    calls = {
        "textbook": f'losses.softmax_cross_entropy(y, logits, label_smoothing={eps!r}, reduction="none")',
        "pytorch": f'F.cross_entropy(logits, true_class, label_smoothing={eps!r}, reduction="none")',
        "keras": f"keras.losses.categorical_crossentropy(y, logits, from_logits=True, label_smoothing={eps!r})",
        "optax": f"optax.losses.softmax_cross_entropy(logits, optax.losses.smooth_labels(y, {eps!r}))",
    }
    snippets = []
    for library in SNIPPET_LIBRARIES:
        code = _prelude(library) + "\n" + data[library] + _PRINT[library].format(call=calls[library])
        found = convention(library, "softmax_cross_entropy")
        prints = tuple(found.values(y, logits, label_smoothing=eps))
        snippets.append(Snippet(library, LIBRARY_TITLES[library], code, prints))
    return snippets


def kl_snippets(p, q):
    """The programs computing KL(P‖Q) of two distributions (a batch of one)."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    arrays = {
        "textbook": ("np.array", ""),
        "pytorch": ("torch.tensor", ", dtype=torch.float64"),
        "keras": ("np.array", ""),
        "optax": ("jnp.array", ""),
    }
    calls = {
        "textbook": 'losses.kl_divergence(p, q, reduction="none")',
        # batchmean over a batch of one: the sum over the classes, per sample as the others
        "pytorch": 'F.kl_div(torch.log(q), p, reduction="none").sum(dim=-1)',
        "keras": "keras.losses.kl_divergence(p, q)",
        "optax": "optax.losses.kl_divergence(jnp.log(q), p)",
    }
    snippets = []
    for library in SNIPPET_LIBRARIES:
        make, dtype = arrays[library]
        data = f"p = {make}({_row(p)}{dtype})\nq = {make}({_row(q)}{dtype})\n"
        code = _prelude(library) + "\n" + data + _PRINT[library].format(call=calls[library])
        found = convention(library, "kl_divergence")
        prints = tuple(np.atleast_1d(found.values(p[None], q[None])))
        snippets.append(
            Snippet(library, LIBRARY_TITLES[library], code, prints, _digits(library, "kl_divergence"))
        )
    return snippets


# (library, loss) computed with float32 steps inside, measured: Keras 3.15 on its PyTorch
# backend rounds its clipped p and its log-cosh to float32 although floatx is float64
FLOAT32_INSIDE = {("keras", "binary_cross_entropy"), ("keras", "log_cosh")}


def _digits(library, loss):
    return 7 if (library, loss) in FLOAT32_INSIDE else 17


def snippet_loss_names():
    """The regression losses that have programs (for the tests)."""
    return [name for name in LOSSES if name in _REGRESSION_CALLS["textbook"]]

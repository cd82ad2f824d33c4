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


# (library, loss) computed with float32 steps inside, measured: Keras 3.15 on its PyTorch
# backend rounds its clipped p and its log-cosh to float32 although floatx is float64
FLOAT32_INSIDE = {("keras", "binary_cross_entropy"), ("keras", "log_cosh")}


def _digits(library, loss):
    return 7 if (library, loss) in FLOAT32_INSIDE else 17


def snippet_loss_names():
    """The regression losses that have programs (for the tests)."""
    return [name for name in LOSSES if name in _REGRESSION_CALLS["textbook"]]

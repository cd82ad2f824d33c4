"""The same in code: a short program per library (ours, PyTorch, Keras 3, Optax) that
computes what a chart shows at the view's parameters, and the numbers it prints.

The numbers are computed here from ``losses`` and ``losses.conventions`` (the app never
imports the libraries); the tests run each program and compare what it prints with them.
Each program prints a list of float64 values (Keras set to float64, JAX to x64)."""

from dataclasses import dataclass

import numpy as np

from losses import LOSSES, descend, fit_line
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
# backend rounds its clipped p, its log-cosh and its cross-entropy from logits to float32
# although floatx is float64
FLOAT32_INSIDE = {
    ("keras", "binary_cross_entropy"),
    ("keras", "log_cosh"),
    ("keras", "sigmoid_cross_entropy"),
    ("keras", "binary_focal_cross_entropy"),
}


def _digits(library, loss):
    return 7 if (library, loss) in FLOAT32_INSIDE else 17


def snippet_loss_names():
    """The regression losses that have programs (for the tests)."""
    return [name for name in LOSSES if name in _REGRESSION_CALLS["textbook"]]


# --- margin losses, focal loss, Barron's loss: one loss at a few inputs -------------------
SNIPPET_SCORES = (-2.0, -0.5, 0.0, 0.5, 1.0, 2.0)  # scores of examples labelled 1: t·s = s
SNIPPET_PROBABILITIES = (0.05, 0.3, 0.7, 0.95)  # p of examples labelled 1


def _column(library, values):
    """``values`` as one library's array: a batch of one-value samples for Keras."""
    return {
        "textbook": f"np.array({_floats(values)})",
        "pytorch": f"torch.tensor({_floats(values)}, dtype=torch.float64)",
        "keras": f"np.array({_floats(values)})[:, None]",
        "optax": f"jnp.array({_floats(values)})",
    }[library]


def _elementwise(loss, calls, x, y, **params):
    """The programs of ``loss`` at inputs ``x`` with labels ``y``: ``calls`` maps a library
    to its call on (y_true, x) as the program names them; the printed numbers are what
    ``losses.conventions`` says that library computes."""
    snippets = []
    for library, call in calls.items():
        data = f"x = {_column(library, x)}\ny_true = {_column(library, y)}\n"
        code = _prelude(library) + "\n" + data + _PRINT[library].format(call=call)
        prints = tuple(convention(library, loss).values(np.asarray(y), np.asarray(x), **params))
        snippets.append(Snippet(library, LIBRARY_TITLES[library], code, prints, _digits(library, loss)))
    return snippets


_MARGIN_CALLS = {
    "hinge": {
        "textbook": 'losses.hinge(y_true, x, reduction="none")',
        "keras": "keras.losses.hinge(y_true, x)",
        "optax": "optax.losses.hinge_loss(x, y_true)",  # labels ±1 (a 0 is not read as −1)
    },
    "squared_hinge": {
        "textbook": 'losses.squared_hinge(y_true, x, reduction="none")',
        "keras": "keras.losses.squared_hinge(y_true, x)",
    },
    "sigmoid_cross_entropy": {
        "textbook": 'losses.sigmoid_cross_entropy(y_true, x, reduction="none")',
        "pytorch": 'F.binary_cross_entropy_with_logits(x, y_true, reduction="none")',
        "keras": "keras.losses.binary_crossentropy(y_true, x, from_logits=True)",
        "optax": "optax.losses.sigmoid_binary_cross_entropy(x, y_true)",
    },
}


def margin_snippets(name):
    """The programs computing margin loss ``name`` of scores SNIPPET_SCORES, labels 1."""
    x = np.array(SNIPPET_SCORES)
    return _elementwise(name, _MARGIN_CALLS[name], x, np.ones_like(x))


def focal_snippets(gamma):
    """The programs computing the focal loss at SNIPPET_PROBABILITIES, labels 1 (PyTorch has
    none of its own; Optax's takes logits: the page says so)."""
    calls = {
        "textbook": f'losses.binary_focal_cross_entropy(y_true, x, gamma={float(gamma)!r}, reduction="none")',
        "keras": f"keras.losses.binary_focal_crossentropy(y_true, x, gamma={float(gamma)!r})",
    }
    x = np.array(SNIPPET_PROBABILITIES)
    return _elementwise("binary_focal_cross_entropy", calls, x, np.ones_like(x), gamma=float(gamma))


def barron_snippets(alpha, scale):
    """Our package's program for Barron's loss at SNIPPET_RESIDUALS (no library has it)."""
    call = f'losses.barron(y_true, x, alpha={float(alpha)!r}, scale={float(scale)!r}, reduction="none")'
    x = np.array(SNIPPET_RESIDUALS)
    return _elementwise(
        "barron", {"textbook": call}, x, np.zeros_like(x), alpha=float(alpha), scale=float(scale)
    )


# --- gradient descent: the constant after k steps, in each library's own training loop ----
_DESCENT_LOSS_CODE = {
    # loss -> library -> J(c) on the values, the mean loss, as that library writes it (Optax
    # wants the predictions in the targets' shape: c + 0 * values)
    "mse": {
        "pytorch": "F.mse_loss(c.expand(n), values)",
        "optax": "jnp.mean(optax.losses.squared_error(c + 0 * values, values))",
    },
    # (not JAX: its |x| has slope 1 at 0, so once c lands on a value its L1 descent parts from ours)
    "mae": {"pytorch": "F.l1_loss(c.expand(n), values)"},
    "huber": {
        "pytorch": "F.huber_loss(c.expand(n), values, delta={delta!r})",
        "optax": "jnp.mean(optax.losses.huber_loss(c + 0 * values, values, delta={delta!r}))",
    },
    "log_cosh": {"optax": "jnp.mean(optax.losses.log_cosh(c + 0 * values, values))"},
}
DESCENT_DIGITS = 12  # a hundred steps of another library's rounding


def descent_snippets(values, loss, *, start, rate, steps, **params):
    """The programs running ``steps`` steps of gradient descent from ``start`` at learning
    rate ``rate`` on the mean ``loss`` of ``values``, printing c and the cost there; None
    when our run has run away by then (the libraries would go on to inf)."""
    run = descend(values, loss, start=start, learning_rate=rate, steps=steps, **params)
    if run.diverged:  # (it stopped there: its c from then on is NaN)
        return None
    c, cost = float(run.path[-1]), float(run.cost[-1])
    v = _floats(values)
    args = "".join(f", {k}={float(p)!r}" for k, p in params.items())
    programs = {
        "textbook": (
            f"run = losses.descend(np.array({v}), {loss!r}, start={float(start)!r}, "
            f"learning_rate={float(rate)!r}, steps={steps}{args})\n"
            "print([float(run.path[-1]), float(run.cost[-1])])\n"
        ),
    }
    code = _DESCENT_LOSS_CODE.get(loss, {})
    if "pytorch" in code:
        cost_of = code["pytorch"].format(**params)
        programs["pytorch"] = (
            f"values = torch.tensor({v}, dtype=torch.float64)\nn = len(values)\n"
            f"c = torch.tensor({float(start)!r}, dtype=torch.float64, requires_grad=True)\n"
            f"optimizer = torch.optim.SGD([c], lr={float(rate)!r})\n"
            f"for _ in range({steps}):\n    optimizer.zero_grad()\n    {cost_of}.backward()\n    optimizer.step()\n"
            f"with torch.no_grad():\n    print([c.item(), {cost_of}.item()])\n"
        )
    if "optax" in code:
        programs["optax"] = (
            f"values = jnp.array({v})\n\ndef cost(c):\n    return {code['optax'].format(**params)}\n\n"
            f"c = jnp.array({float(start)!r})\noptimizer = optax.sgd({float(rate)!r})\nstate = optimizer.init(c)\n"
            f"for _ in range({steps}):\n"
            "    updates, state = optimizer.update(jax.grad(cost)(c), state)\n"
            "    c = optax.apply_updates(c, updates)\n"
            "print([c.item(), cost(c).item()])\n"
        )
    return [
        Snippet(
            library,
            LIBRARY_TITLES[library],
            _prelude(library) + "\n" + program,
            (c, cost),
            17 if library == "textbook" else DESCENT_DIGITS,
        )
        for library, program in programs.items()
    ]


# --- robust fitting: every loss's line through the view's data ---------------------------
def fit_snippets(x, y, fits, delta):
    """Our package's program fitting the line of every loss of ``fits`` (viz.fitting.FITS:
    key, loss, scaled by δ, other parameters) to the points (x, y), printing each slope and
    intercept in turn (PyTorch, Keras and Optax have no IRLS: they fit by gradient descent)."""
    calls = []
    for _, loss, scaled, params in fits:
        every = dict(params)
        if scaled:
            every["scale" if loss == "barron" else "delta"] = float(delta)
        calls.append((loss, every))
    prints = []
    for loss, params in calls:
        fit = fit_line(np.asarray(x), np.asarray(y), loss, **params)
        prints += [float(fit.slope), float(fit.intercept)]
    code = (
        _prelude("textbook")
        + f"\nx = np.array({_floats(x)})\ny = np.array({_floats(y)})\nfits = [\n"
        + "".join(f"    ({loss!r}, {params!r}),\n" for loss, params in calls)
        + "]\nprinted = []\nfor loss, params in fits:\n"
        + "    fit = losses.fit_line(x, y, loss, **params)\n"
        + "    printed += [float(fit.slope), float(fit.intercept)]\nprint(printed)\n"
    )
    return [Snippet("textbook", LIBRARY_TITLES["textbook"], code, tuple(prints))]

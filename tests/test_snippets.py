"""The "same in code" programs run in their libraries (PyTorch, Keras 3 on its PyTorch
backend, Optax on CPU JAX, in float64) and print the numbers the page shows beside them;
and the library conventions the app draws (losses.conventions) are what those libraries
compute. The app itself never imports them."""

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from losses import conventions
from viz.descent import descent_values
from viz.snippets import (
    barron_snippets,
    binary_snippets,
    descent_snippets,
    focal_snippets,
    kl_snippets,
    margin_snippets,
    regression_snippets,
    snippet_loss_names,
    softmax_snippets,
)

ROOT = Path(__file__).resolve().parents[1]

# Runs every program given as JSON on stdin, each with its own stdout; prints the outputs.
RUNNER = """
import contextlib, io, json, sys
outputs = []
for code in json.load(sys.stdin):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "<snippet>", "exec"), {})
    outputs.append(out.getvalue())
print(json.dumps(outputs))
"""


RTOL = {"pytorch": 1e-12, "optax": 1e-12, "keras": 1e-6}


def run_programs(codes):
    """What each program prints, run in one fresh interpreter (the repository on its path,
    Keras on its PyTorch backend, JAX on the CPU)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "KERAS_BACKEND": "torch",
        "JAX_PLATFORMS": "cpu",
        "CUDA_VISIBLE_DEVICES": "",
    }
    done = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(codes),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    # a printed list of floats, inf and nan among them (Python's repr, not JSON)
    return [
        eval(out, {"inf": math.inf, "nan": math.nan})
        for out in json.loads(done.stdout.strip().splitlines()[-1])
    ]


def _programs():
    """Every program the pages offer here, as (id, snippet)."""
    found = []
    for name in snippet_loss_names():
        params = {"delta": 1.5} if name in ("huber", "pseudo_huber") else {}
        found += [(f"{name}-{s.library}", s) for s in regression_snippets(name, params)]
    for p in (0.3, 1e-9, 1.0):  # 1e-9: inside Keras's clip; 1: PyTorch's log floor for y = 0
        found += [(f"bce-{p:g}-{s.library}", s) for s in binary_snippets(p)]
    for scores, t, true_class, eps in (([2.0, 1.0, 0.1], 1.0, 0, 0.0), ([8.0, -3.0, 0.5, 1.0], 0.3, 2, 0.2)):
        programs = softmax_snippets(scores, temperature=t, true_class=true_class, label_smoothing=eps)
        found += [(f"softmax-{len(scores)}-{s.library}", s) for s in programs]
    # a zero of p (its term 0), and a zero of q under mass of p (inf; Keras's clip: finite)
    for p, q in (([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]), ([0.2, 0.8], [1.0, 0.0])):
        found += [(f"kl-{len(p)}-{s.library}", s) for s in kl_snippets(p, q)]
    for name in ("hinge", "squared_hinge", "sigmoid_cross_entropy"):
        found += [(f"{name}-margin-{s.library}", s) for s in margin_snippets(name)]
    for gamma in (0.0, 2.0, 4.5):
        found += [(f"focal-{gamma:g}-{s.library}", s) for s in focal_snippets(gamma)]
    for alpha in (2.0, 0.0, -2.0, 0.5):
        found += [(f"barron-{alpha:g}-{s.library}", s) for s in barron_snippets(alpha, 1.5)]
    values = tuple(descent_values(10.0))
    for loss, rate, steps, params in (
        ("mse", 0.9, 30, {}),  # overshooting, then settling
        ("mae", 0.5, 60, {}),  # zig-zagging
        ("huber", 0.3, 40, {"delta": 1.0}),
        ("log_cosh", 0.2, 25, {}),
    ):
        programs = descent_snippets(values, loss, start=-4.0, rate=rate, steps=steps, **params)
        found += [(f"descent-{loss}-{s.library}", s) for s in programs]
    return found


PROGRAMS = _programs()


@pytest.fixture(scope="module")
def printed():
    """{library: {id: what its program printed}}, one interpreter per library."""
    by_library = {}
    for key, snippet in PROGRAMS:
        by_library.setdefault(snippet.library, []).append((key, snippet.code))
    results = {}
    for entries in by_library.values():
        outputs = run_programs([code for _, code in entries])
        results |= {key: out for (key, _), out in zip(entries, outputs, strict=True)}
    return results


@pytest.mark.parametrize(("key", "snippet"), PROGRAMS, ids=[key for key, _ in PROGRAMS])
def test_a_program_prints_the_numbers_the_page_shows(printed, key, snippet):
    got = np.array(printed[key], dtype=float)
    shown = np.array(snippet.prints, dtype=float)
    if snippet.library == "textbook":
        np.testing.assert_array_equal(got, shown)  # our own package: the very numbers
    else:
        # the library writes the same function another way: its rounding, not its maths,
        # differs; Keras rounds some steps to float32 even set to float64 (the page shows
        # its numbers to the digits it keeps)
        rtol = 1e-12 if snippet.digits == 17 else 10.0 ** (1 - snippet.digits)
        np.testing.assert_allclose(got, shown, rtol=rtol, atol=1e-300)


def test_a_run_that_has_run_away_gets_no_programs():
    # L2 at η = 1.05 from −4: |c_k − mean| grows by 1.1 a step, past 1e12 in ~300 steps
    values = tuple(descent_values(10.0))
    assert descent_snippets(values, "mse", start=-4.0, rate=1.05, steps=100) is not None
    assert descent_snippets(values, "mse", start=-4.0, rate=1.5, steps=100) is None


def test_every_library_that_has_a_loss_gets_a_program():
    libraries = {s.library for _, s in PROGRAMS if _.startswith("huber-")}
    assert libraries == {"textbook", "pytorch", "keras", "optax"}
    assert {s.library for _, s in PROGRAMS if _.startswith("pseudo_huber-")} == {"textbook"}


# The conventions the app draws, against the libraries themselves at the inputs where
# they differ from ours.
LIBRARY_CHECKS = [
    (
        "pytorch",
        "huber",
        "F.smooth_l1_loss(torch.tensor(x, dtype=torch.float64), torch.zeros(len(x), dtype=torch.float64), beta=2.0, reduction='none')",
        {"delta": 2.0},
        [-5.0, -2.0, -0.5, 0.0, 1.0, 3.0, 1e6],
    ),
    (
        "pytorch",
        "binary_cross_entropy",
        "F.binary_cross_entropy(torch.tensor(x, dtype=torch.float64), torch.ones(len(x), dtype=torch.float64), reduction='none')",
        {},
        [0.0, 1e-300, 1e-50, 1e-44, 1e-10, 0.5, 1.0],
    ),
    (
        "keras",
        "binary_cross_entropy",
        "keras.losses.binary_crossentropy(np.ones((len(x), 1)), np.array(x)[:, None])",
        {},
        [0.0, 1e-300, 1e-8, 1e-7, 1e-3, 0.5, 1.0 - 1e-8, 1.0],
    ),
    (
        "optax",
        "mse",
        "optax.losses.l2_loss(jnp.array(x), jnp.zeros(len(x)))",
        {},
        [-3.0, -1e-3, 0.0, 0.5, 7.0, 1e100],
    ),
]
PRELUDE = {
    "pytorch": "import torch\nimport torch.nn.functional as F\n",
    "keras": 'import numpy as np\nimport keras\nkeras.config.set_floatx("float64")\n',
    "optax": 'import jax\njax.config.update("jax_enable_x64", True)\nimport jax.numpy as jnp\nimport optax\n',
}
TO_LIST = {
    "pytorch": "{}.tolist()",
    "keras": "keras.ops.convert_to_numpy({}).tolist()",
    "optax": "{}.tolist()",
}


@pytest.mark.parametrize(
    ("library", "loss", "call", "params", "x"),
    LIBRARY_CHECKS,
    ids=[f"{c[0]}-{c[1]}" for c in LIBRARY_CHECKS],
)
def test_a_drawn_convention_is_what_the_library_computes(library, loss, call, params, x):
    code = PRELUDE[library] + f"x = {x!r}\nprint(" + TO_LIST[library].format(call) + ")\n"
    (got,) = run_programs([code])
    y_true = 1.0 if loss == "binary_cross_entropy" else 0.0
    differing = [c for c in conventions.conventions(loss) if c.library == library and c.differs]
    assert differing, (library, loss)
    expected = differing[0].values(y_true, np.array(x), **params)
    np.testing.assert_allclose(got, expected, rtol=RTOL[library], atol=0)

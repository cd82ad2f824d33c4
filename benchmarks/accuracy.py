"""Worst error in ulp of every loss and derivative against mpmath, on extreme inputs.

    python benchmarks/accuracy.py [--n 400] [--seed 0]

Prints one row per function: worst ulp of the loss and of its derivative, and, where
PyTorch is importable and has that loss, PyTorch's worst error on the same inputs
(float64, CPU). The inputs, and how each loss is called, are the accuracy tests' own
(tests/extreme_inputs.py); as there, a derivative's column leaves out soft labels of the
sigmoid and softmax cross-entropies, whose sigmoid(x) - y is exact only to the rounding of
the probability (tests/test_accuracy.py bounds those by that). Installing requirements-dev
(PyTorch among them) adds PyTorch's column.
"""

import argparse
import math
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import losses
from extreme_inputs import CASES, REFERENCES, hard_labels, per_example_loss
from references import derivative, exact, ulp_error

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None


def _torch_losses():
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    return {
        "mae": lambda y, p, **k: F.l1_loss(t(p), t(y), reduction="none"),
        "mse": lambda y, p, **k: F.mse_loss(t(p), t(y), reduction="none"),
        "huber": lambda y, p, delta: F.huber_loss(t(p), t(y), reduction="none", delta=delta),
        "binary_cross_entropy": lambda y, p: F.binary_cross_entropy(t(p), t(y), reduction="none"),
        "sigmoid_cross_entropy": lambda y, x: F.binary_cross_entropy_with_logits(
            t(x), t(y), reduction="none"
        ),
        "softmax_cross_entropy": lambda y, x: F.cross_entropy(t([x]), t([y]), reduction="none")[0],
        "kl_divergence": lambda p, q: F.kl_div(torch.log(t(q)), t(p), reduction="sum"),
    }


def measure(name, n, seed):
    rng = np.random.default_rng(seed)
    spec = losses.LOSSES[name]
    worst_loss = worst_deriv = 0.0
    worst_torch = 0.0 if torch is not None and name in _torch_losses() else None
    where = None
    for y, pred, params in CASES[name](rng, n):
        ref = exact(REFERENCES[name], y, pred, **params)
        ours = per_example_loss(spec, y, pred, params)
        err = ulp_error(ours, ref)
        if err > worst_loss:
            worst_loss, where = err, (y, pred, params)
        if worst_torch is not None:
            with np.errstate(all="ignore"):
                theirs = float(_torch_losses()[name](y, pred, **params))
            worst_torch = max(worst_torch, ulp_error(theirs, ref))
        if not hard_labels(name, y):
            continue
        grads = np.atleast_1d(spec.derivative(y, pred, **params))
        for i, g in enumerate(grads):
            index = i if isinstance(pred, list) else None
            ref_g = derivative(REFERENCES[name], y, pred, index=index, **params)
            worst_deriv = max(worst_deriv, ulp_error(g, ref_g))
    return worst_loss, worst_deriv, worst_torch, where


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400, help="inputs per function")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"worst error in ulp against mpmath, {args.n} extreme inputs per function (seed {args.seed})")
    print(f"{'function':34} {'loss':>8} {'derivative':>11} {'PyTorch loss':>13}")
    for name in CASES:
        loss_err, deriv_err, torch_err, where = measure(name, args.n, args.seed)
        shown = "—" if torch_err is None else ("inf" if math.isinf(torch_err) else f"{torch_err:.3g}")
        print(f"{name:34} {loss_err:8.2f} {deriv_err:11.2f} {shown:>13}")
        if loss_err > 4:
            print(f"    worst at {where}")


if __name__ == "__main__":
    main()

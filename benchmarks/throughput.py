"""Throughput of every elementwise loss: the loss and its derivative, against PyTorch.

    python benchmarks/throughput.py [--sizes 1e3 1e4 1e5 1e6 1e7] [--repeat 7] [--seed 0]

For each loss in ``losses.LOSSES`` (but rmse, a single cost) and each size n, times
``fn(y, pred, reduction="mean")`` plus ``derivative(y, pred)`` with the default
hyperparameters, on realistic random float64 inputs of n elements (multiclass losses: an
(n/4, 4) array), and prints the median of --repeat runs after one warm-up (at most 3 runs
from 1e7 elements on). Where PyTorch is importable (it is not a dependency: install
torch==2.13.0 to see its columns), the same loss forward and backward in PyTorch,
float64 on the CPU with one thread, is timed beside it with the ratio ours / PyTorch.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import losses

try:
    import torch
    import torch.nn.functional as F
except ImportError:
    torch = None

REGRESSION = ("mae", "mse", "huber", "pseudo_huber", "log_cosh", "barron")


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def make_inputs(name, n, rng):
    """(y_true, prediction) of n elements in all, drawn as that loss meets them in training;
    None for a loss this benchmark does not know."""
    normal = rng.standard_normal
    rows = max(n // 4, 1)
    labels = rng.integers(0, 4, rows)
    if name in REGRESSION:  # normal residuals
        y = normal(n)
        return y, y + normal(n)
    if name == "msle":  # positive targets, predictions off by a factor around 1
        y = rng.lognormal(size=n)
        return y, y * rng.lognormal(sigma=0.5, size=n)
    if name in ("binary_cross_entropy", "binary_focal_cross_entropy"):
        return rng.integers(0, 2, n).astype(float), 1.0 / (1.0 + np.exp(-2.0 * normal(n)))
    if name in ("sigmoid_cross_entropy", "sigmoid_focal_cross_entropy"):
        return rng.integers(0, 2, n).astype(float), 2.0 * normal(n)
    if name in ("hinge", "squared_hinge"):  # labels -1/+1, as PyTorch's formula takes them
        return rng.choice((-1.0, 1.0), n), normal(n)
    if name == "categorical_cross_entropy":
        return np.eye(4)[labels], _softmax(normal((rows, 4)))
    if name == "sparse_categorical_cross_entropy":
        return labels, _softmax(normal((rows, 4)))
    if name == "softmax_cross_entropy":
        return np.eye(4)[labels], 2.0 * normal((rows, 4))
    if name == "kl_divergence":
        return _softmax(normal((rows, 4))), _softmax(normal((rows, 4)))
    return None


def torch_losses():
    """PyTorch's loss of (target, prediction) for each loss it has, reduced to the mean."""
    return {
        "mae": lambda y, x: F.l1_loss(x, y),
        "mse": lambda y, x: F.mse_loss(x, y),
        "huber": lambda y, x, delta: F.huber_loss(x, y, delta=delta),
        "pseudo_huber": lambda y, x, delta: (delta**2 * (torch.sqrt(1 + ((x - y) / delta) ** 2) - 1)).mean(),
        "log_cosh": lambda y, x: torch.log(torch.cosh(x - y)).mean(),
        "msle": lambda y, x: ((torch.log1p(x) - torch.log1p(y)) ** 2).mean(),
        # the textbook form, for 0 < alpha != 2 (the defaults: alpha 1, Charbonnier)
        "barron": lambda y, x, alpha, scale: (
            abs(alpha - 2) / alpha * ((((x - y) / scale) ** 2 / abs(alpha - 2) + 1) ** (alpha / 2) - 1)
        ).mean(),
        "binary_cross_entropy": lambda y, p: F.binary_cross_entropy(p, y),
        "sigmoid_cross_entropy": lambda y, s: F.binary_cross_entropy_with_logits(s, y),
        # PyTorch has no focal loss of its own: written as its users write it
        "binary_focal_cross_entropy": lambda y, p, gamma: (
            -(y * (1 - p) ** gamma * torch.log(p) + (1 - y) * p**gamma * torch.log1p(-p))
        ).mean(),
        "sigmoid_focal_cross_entropy": lambda y, s, gamma: (
            F.binary_cross_entropy_with_logits(s, y, reduction="none")
            * (y * (1 - torch.sigmoid(s)) + (1 - y) * torch.sigmoid(s)) ** gamma
        ).mean(),
        "hinge": lambda t, s: torch.clamp(1 - t * s, min=0).mean(),
        "squared_hinge": lambda t, s: (torch.clamp(1 - t * s, min=0) ** 2).mean(),
        "categorical_cross_entropy": lambda y, p: -(y * torch.log(p)).sum(-1).mean(),
        "sparse_categorical_cross_entropy": lambda k, p: F.nll_loss(torch.log(p), k),
        "softmax_cross_entropy": lambda y, s: F.cross_entropy(s, y),
        "kl_divergence": lambda p, q: F.kl_div(q.log(), p, reduction="batchmean"),
    }


def median_time(step, repeat):
    """Median wall time of ``step()`` over ``repeat`` runs, after one warm-up run."""
    step()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_ours(spec, y, pred, params, repeat):
    def step():
        spec.fn(y, pred, reduction="mean", **params)
        spec.derivative(y, pred, **params)

    return median_time(step, repeat)


def time_torch(loss, y, pred, params, repeat):
    target = torch.from_numpy(y)
    x = torch.from_numpy(pred.copy()).requires_grad_()

    def step():
        x.grad = None
        loss(target, x, **params).backward()

    return median_time(step, repeat)


def show(seconds):
    if seconds >= 1:
        return f"{seconds:.4g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.4g} ms"
    return f"{seconds * 1e6:.4g} µs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=float, nargs="+", default=[1e3, 1e4, 1e5, 1e6, 1e7], help="element counts per input"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per size (at most 3 from 1e7)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes]
    theirs = {}
    if torch is not None:
        torch.set_num_threads(1)
        theirs = torch_losses()

    print(f"loss (mean) + derivative, float64, median of {args.repeat} runs (at most 3 from 1e7 elements)")
    header = f"NumPy {np.__version__}"
    if torch is not None:
        header += f"; PyTorch {torch.__version__}, CPU, {torch.get_num_threads()} thread, forward + backward"
    print(header)
    print(
        f"{'loss':34} {'elements':>12} {'ours':>11}"
        + (f" {'PyTorch':>11} {'ours/PyTorch':>13}" if theirs else "")
    )
    for name, spec in losses.LOSSES.items():
        if not spec.reductions:  # rmse: one cost over all elements, not elementwise
            continue
        params = spec.defaults()
        for n in sizes:
            inputs = make_inputs(name, n, np.random.default_rng(args.seed))
            if inputs is None:
                print(f"{name:34} no inputs defined: skipped")
                break
            repeat = args.repeat if n < 10**7 else min(args.repeat, 3)
            ours = time_ours(spec, *inputs, params, repeat)
            line = f"{name:34} {n:>12,} {show(ours):>11}"
            if name in theirs:
                torch_time = time_torch(theirs[name], *inputs, params, repeat)
                line += f" {show(torch_time):>11} {ours / torch_time:13.2f}"
            print(line, flush=True)


if __name__ == "__main__":
    main()

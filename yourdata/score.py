"""Each example's loss under every loss that applies, and what the cost is made of."""

from dataclasses import dataclass

import numpy as np

import losses
from losses import LOSSES

from .table import DataError

# kind -> the losses that apply, with their parameters as drawn (δ = 1)
KIND_LOSSES = {
    "regression": ("mse", "mae", "huber", "pseudo_huber", "log_cosh"),
    "binary_probability": ("binary_cross_entropy", "binary_focal_cross_entropy"),
    "binary_logit": ("sigmoid_cross_entropy", "hinge", "squared_hinge", "sigmoid_focal_cross_entropy"),
    "multiclass": ("softmax_cross_entropy",),
}


@dataclass(frozen=True)
class Scores:
    kind: str
    per_example: dict  # loss name -> float64 array, one per row
    prediction: np.ndarray  # what each row predicts (the probability of its true class for classifiers)

    def cost(self, name, reduction):
        return float(
            np.sum(self.per_example[name]) if reduction == "sum" else np.mean(self.per_example[name])
        )

    def top_share(self, name, fraction=0.05):
        """The share of the summed loss that the worst ``fraction`` of the examples carry."""
        values = np.sort(self.per_example[name])[::-1]
        count = max(1, int(np.ceil(fraction * values.size)))
        total = values.sum()
        return float(values[:count].sum() / total) if total > 0 else 0.0


def score(table, kind, columns):
    """Each example's loss for ``kind`` (a key of KIND_LOSSES) with ``columns``: {"target":
    name, "prediction": name} (regression, binary) or {"target": name, "classes": [names]}
    (multiclass). ``DataError`` where the values do not fit the kind."""
    target = table.columns[columns["target"]]
    if kind == "regression":
        prediction = table.columns[columns["prediction"]]
        values = {name: LOSSES[name].fn(target, prediction, reduction="none") for name in KIND_LOSSES[kind]}
        return Scores(kind, values, prediction)
    if kind in ("binary_probability", "binary_logit"):
        _check_labels(target, columns["target"], 2)
        prediction = table.columns[columns["prediction"]]
        if kind == "binary_probability":
            bad = (prediction < 0) | (prediction > 1)
            if bad.any():
                row = int(np.argmax(bad)) + 2
                raise DataError(
                    f"Row {row}, column {columns['prediction']!r} holds {prediction[bad][0]:g}: "
                    "a probability must be in [0, 1] (scores? choose logits)."
                )
            p_true = np.where(target == 1, prediction, 1 - prediction)
        else:
            p_true = losses.sigmoid(np.where(target == 1, prediction, -prediction))
        values = {name: LOSSES[name].fn(target, prediction, reduction="none") for name in KIND_LOSSES[kind]}
        return Scores(kind, values, p_true)
    if kind == "multiclass":
        names = columns["classes"]
        if len(names) < 2:
            raise DataError("Choose at least two score columns, one per class.")
        _check_labels(target, columns["target"], len(names))
        logits = np.stack([table.columns[name] for name in names], axis=-1)
        onehot = np.eye(len(names))[target.astype(int)]
        values = {"softmax_cross_entropy": losses.softmax_cross_entropy(onehot, logits, reduction="none")}
        return Scores(kind, values, losses.softmax(logits)[np.arange(len(target)), target.astype(int)])
    raise ValueError(f"Expected kind to be one of {tuple(KIND_LOSSES)}. Received: kind={kind!r}")


def _check_labels(labels, column, classes):
    bad = (labels != np.round(labels)) | (labels < 0) | (labels >= classes)
    if bad.any():
        row = int(np.argmax(bad)) + 2
        allowed = "0 or 1" if classes == 2 else f"a class index 0 to {classes - 1}"
        raise DataError(f"Row {row}, column {column!r} holds {labels[bad][0]:g}: expected {allowed}.")

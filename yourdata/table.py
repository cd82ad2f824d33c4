"""A CSV of numbers, read from bytes in memory, with one clear error for anything else."""

import csv
import math
from dataclasses import dataclass

import numpy as np

MAX_BYTES = 2_000_000  # a pasted or uploaded file; the server refuses uploads past 5 MB anyway
MAX_ROWS = 20_000  # examples: every one is scored and tabled
KINDS = {
    "regression": "Regression: a target and a prediction per row",
    "binary_probability": "Binary: a label 0/1 and a predicted probability per row",
    "binary_logit": "Binary: a label 0/1 and a score (logit) per row",
    "multiclass": "Multiclass: a class index and one score (logit) column per class",
}


class DataError(ValueError):
    """What is wrong with the data, said once, for the page to show."""


@dataclass(frozen=True)
class Table:
    columns: dict  # header name -> float64 array, in the file's order

    @property
    def names(self):
        return list(self.columns)

    def __len__(self):
        return len(next(iter(self.columns.values())))


def read_table(raw):
    """The columns of a CSV given as bytes (or str): a header row, then one row per
    example, every cell a number. ``DataError`` for anything else, naming the place."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > MAX_BYTES:
        raise DataError(f"The file is {len(raw) / 1e6:.1f} MB; at most {MAX_BYTES / 1e6:g} MB are read.")
    if b"\x00" in raw[:4096]:
        raise DataError("This is not a CSV file (it holds binary data): expected text, one example per row.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataError(
            f"This is not a UTF-8 text file (byte {error.start} cannot be read): expected a CSV."
        ) from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise DataError("The file is empty: expected a header row and at least one row of numbers.")
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(lines, dialect))
    header = [name.strip() for name in rows[0]]
    if len(header) < 2:
        raise DataError(
            f"Found one column ({header[0]!r}); expected at least two, separated by commas "
            "(a target and a prediction, or a label and a probability)."
        )
    if len(set(header)) != len(header) or any(not name for name in header):
        raise DataError(
            f"The header row needs a distinct, non-empty name for each column. Received: {header}"
        )
    if all(_is_number(name) for name in header):
        raise DataError(
            f"The first row holds numbers ({', '.join(header)}); expected a header row of column names."
        )
    body = rows[1:]
    if not body:
        raise DataError("The file has a header row but no data: expected at least one row of numbers.")
    if len(body) > MAX_ROWS:
        raise DataError(f"The file has {len(body):,} rows; at most {MAX_ROWS:,} are read.")
    values = np.empty((len(body), len(header)))
    for i, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise DataError(f"Row {i} has {len(row)} cells; the header has {len(header)} columns.")
        for j, cell in enumerate(row):
            try:
                number = float(cell)
            except ValueError:
                raise DataError(
                    f"Row {i}, column {header[j]!r} holds {cell.strip()[:30]!r}: expected a number."
                ) from None
            if not math.isfinite(number):
                raise DataError(
                    f"Row {i}, column {header[j]!r} holds {cell.strip()!r}: expected a finite number "
                    "(no NaN or infinity)."
                )
            values[i - 2, j] = number
    return Table({name: values[:, j] for j, name in enumerate(header)})


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


# Header names a column's role is guessed from, most likely first.
ROLE_NAMES = {
    "target": ("y_true", "target", "true", "y", "actual", "label", "labels", "class"),
    "prediction": ("y_pred", "prediction", "pred", "predicted", "yhat", "y_hat", "output"),
    "probability": ("probability", "prob", "p", "proba", "y_pred", "pred", "prediction"),
    "logit": ("logit", "logits", "score", "scores", "y_pred"),
}


def guess(table, role, taken=()):
    """The column most likely to play ``role`` (its name in ROLE_NAMES, else the first
    column not already ``taken``)."""
    lower = {name.lower(): name for name in table.names if name not in taken}
    for candidate in ROLE_NAMES[role]:
        if candidate in lower:
            return lower[candidate]
    free = [name for name in table.names if name not in taken]
    return free[0] if free else table.names[0]


def guess_kind(table):
    """The kind of data the columns look like."""
    if len(table.names) > 2:
        return "multiclass"
    values = table.columns[table.names[1]]
    first = table.columns[table.names[0]]
    if np.isin(first, (0.0, 1.0)).all():
        return "binary_probability" if ((values >= 0) & (values <= 1)).all() else "binary_logit"
    return "regression"

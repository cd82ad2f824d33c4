"""A user's own predictions: a CSV read in memory, checked, and scored with every loss that
applies (the "Your data" page). No Streamlit here, so every check is testable alone.

``read_table(raw)`` turns the bytes of a CSV (uploaded or pasted) into named float columns
or raises ``DataError`` with one message naming what is wrong and where; ``guess`` picks
columns from the header; ``score`` computes each example's loss under every loss that
applies to the kind of data. Nothing is written anywhere.
"""

from .score import Scores, score
from .table import KINDS, MAX_BYTES, MAX_ROWS, DataError, Table, guess, read_table

__all__ = ["KINDS", "MAX_BYTES", "MAX_ROWS", "DataError", "Scores", "Table", "guess", "read_table", "score"]

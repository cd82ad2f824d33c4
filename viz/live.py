"""The live-chart contract: what a chart draws, split into what stays and what moves.

A ``LiveChart`` is a figure skeleton (traces styled, layout set) and ``data_at(**params)``,
a NumPy-only function giving the data that follows the parameters:
``{(trace index, attribute): value}``, or ``("layout", path): value`` for the layout.
``figure(**params)`` is the skeleton with that data put in, so a chart drawn from
``data_at`` in the browser (``viz.frames``, ``livechart``) is the very figure Python draws.

Structural parameters (which losses are shown, how many classes) may change the
skeleton; a slider may only move parameters that change the data.
"""

import base64
import copy
import functools
import inspect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

LAYOUT = "layout"  # the "trace" of a layout attribute: ("layout", "yaxis.range")


@dataclass(frozen=True, kw_only=True)
class LiveChart:
    name: str  # unique: names the chart's cached frames
    # (*, structural params..., **_) -> the figure without its data; only its keyword-only
    # parameters shape it (they key its cache), and no slider may move them
    skeleton: Callable[..., go.Figure]
    data_at: Callable[..., dict]  # (**params) -> {(trace, attribute): value}
    # ([params, ...]) -> None: computes at once, and keeps, what data_at will need for each
    # of these parameter sets (a sweep's frames); for a chart whose data is costly one by
    # one and cheap as a batch (the robust fits). None: data_at is cheap enough alone.
    prepare: Callable[[list], None] | None = None

    def __post_init__(self):
        kinds = {p.kind for p in inspect.signature(self.skeleton).parameters.values()}
        if kinds - {inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.VAR_KEYWORD}:
            raise TypeError(f"{self.name}: a skeleton takes keyword-only parameters (and **_)")

    @functools.cached_property  # read on every figure_dict: the signature is read once
    def structure_names(self):
        """The parameters that shape the figure: the skeleton's keyword-only ones."""
        return tuple(
            p.name
            for p in inspect.signature(self.skeleton).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        )

    def figure(self, **params):
        return put_data(self.skeleton(**params), self.data_at(**params))

    def figure_dict(self, **params):
        """The same figure as ``figure`` as a plain dict, ready for JSON: the skeleton
        built once per structure (Plotly's validation of a figure costs ~20 ms; a copy of
        the dict 0.3 ms), the data put in as Plotly encodes it (float64 arrays base64)."""
        structure = tuple((name, _hashable(params[name])) for name in self.structure_names if name in params)
        fig = copy.deepcopy(_skeleton_dict(self.skeleton, structure))
        for (trace, attribute), value in self.data_at(**params).items():
            _put(fig["layout"] if trace == LAYOUT else fig["data"][trace], attribute, _json(value))
        return fig


def _hashable(value):
    return tuple(value) if isinstance(value, list) else value


@functools.lru_cache(maxsize=256)
def _skeleton_dict(skeleton, structure):
    return skeleton(**dict(structure)).to_plotly_json()


_STEP = re.compile(r"([^.\[\]]+)(?:\[(\d+)\])?")


def _put(target, path, value):
    """target[path] = value for a dotted path with indices (``annotations[1].text``)."""
    steps = _STEP.findall(path)
    for i, (name, index) in enumerate(steps):
        last = i == len(steps) - 1
        if index:
            target = target[name][int(index)]
            if last:
                raise ValueError(f"{path}: an index must be followed by an attribute")
        elif last:
            target[name] = value
        else:
            target = target.setdefault(name, {})


def _json(value):
    """A value as Plotly's JSON holds it: a float64 array as {"dtype", "bdata"}."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        data = np.ascontiguousarray(value, dtype="<f8")
        return {"dtype": "f8", "bdata": base64.b64encode(data.tobytes()).decode("ascii")}
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, tuple):
        return list(value)
    return value


def put_data(fig, data):
    """``fig`` with every (trace, attribute) of ``data`` set (dotted paths allowed)."""
    for (trace, attribute), value in data.items():
        target = fig.layout if trace == LAYOUT else fig.data[trace]
        target[attribute] = value
    return fig


class BatchCache:
    """What a chart's ``prepare`` solved, per view, shared by every session of the server:
    ``solved(keys, solve)`` gives the value of each key, solving the missing ones in one
    call of ``solve(missing keys) -> {key: value}``. Emptied when it would pass ``most``."""

    def __init__(self, most):
        self.most = most
        self._values = {}
        self._lock = threading.Lock()

    def solved(self, keys, solve):
        keys = list(dict.fromkeys(keys))
        found = {key: self._values[key] for key in keys if key in self._values}
        missing = [key for key in keys if key not in found]
        if missing:
            new = solve(missing)
            with self._lock:
                if len(self._values) + len(new) > self.most:
                    self._values.clear()
                self._values.update(new)
            found |= new  # never read back: another session may have emptied the cache
        return found

"""Frames: what a chart draws at every value of one slider, the other parameters held.

The browser draws a frame at once when the slider moves (``livechart``); Python, at rest,
draws the same data through ``LiveChart.figure``. Only the attributes that change along
the slider are kept, so a frame is as small as the slider's effect.
"""

from dataclasses import dataclass

import numpy as np

# The most numeric data one slider's frames may hold (bytes of float64): the element
# that carries them is sent whole whenever another control changes them.
FRAME_BUDGET = 2_000_000


@dataclass(frozen=True)
class Frames:
    slider: str  # the slider's name
    values: list  # the slider's values, one frame each
    keys: list  # the (trace, attribute) each frame sets
    frames: list  # per value: the value of each key

    @property
    def nbytes(self):
        """The float64 bytes of the frames' numeric arrays, each array object counted once
        (a loss's gradient is its hover data and the derivative): at least what the wire
        format stores, which also stores equal arrays of different frames once."""
        arrays = {id(v): v for frame in self.frames for v in frame if _numeric(v)}
        return sum(v.size * 8 for v in arrays.values())


def sweep(chart, params, *, slider, moves):
    """``chart``'s frames for every value of ``slider`` (a ``SliderSpec``), which sets
    the parameters ``moves``; every other parameter as in ``params``."""
    structural = set(chart.structure_names)
    if structural & set(moves):
        raise ValueError(
            f"{chart.name}: {slider.name} moves {structural & set(moves)}, which shape the figure"
        )
    values = slider.steps()
    every = [{**params, **dict.fromkeys(moves, value)} for value in values]
    if chart.prepare is not None:
        chart.prepare(every)
    data = [chart.data_at(**frame_params) for frame_params in every]
    keys = list(data[0])
    for frame in data[1:]:
        if list(frame) != keys:
            raise ValueError(f"{chart.name}: the slider {slider.name} changes which attributes are drawn")
    moving = [key for key in keys if not all(_same(frame[key], data[0][key]) for frame in data[1:])]
    return Frames(slider.name, values, moving, [[frame[key] for key in moving] for frame in data])


def _numeric(value):
    return isinstance(value, np.ndarray) and value.dtype.kind in "fiu"


def _same(a, b):
    if _numeric(a) or _numeric(b):
        return _numeric(a) and _numeric(b) and np.array_equal(a, b, equal_nan=True)
    return a == b

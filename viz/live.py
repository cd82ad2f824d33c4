"""The live-chart contract: what a chart draws, split into what stays and what moves.

A ``LiveChart`` is a figure skeleton (traces styled, layout set) and ``data_at(**params)``,
a NumPy-only function giving the data that follows the parameters:
``{(trace index, attribute): value}``, or ``("layout", path): value`` for the layout.
``figure(**params)`` is the skeleton with that data put in, so a chart drawn from
``data_at`` in the browser (``viz.frames``, ``livechart``) is the very figure Python draws.

Structural parameters (which losses are shown, how many classes) may change the
skeleton; a slider may only move parameters that change the data.
"""

from collections.abc import Callable
from dataclasses import dataclass

import plotly.graph_objects as go

LAYOUT = "layout"  # the "trace" of a layout attribute: ("layout", "yaxis.range")


@dataclass(frozen=True, kw_only=True)
class LiveChart:
    name: str  # unique: names the chart's cached frames
    skeleton: Callable[..., go.Figure]  # (**params) -> the figure without its data
    data_at: Callable[..., dict]  # (**params) -> {(trace, attribute): value}

    def figure(self, **params):
        return put_data(self.skeleton(**params), self.data_at(**params))


def put_data(fig, data):
    """``fig`` with every (trace, attribute) of ``data`` set (dotted paths allowed)."""
    for (trace, attribute), value in data.items():
        target = fig.layout if trace == LAYOUT else fig.data[trace]
        target[attribute] = value
    return fig

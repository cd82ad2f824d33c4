"""One declaration per slider, from which the app makes both a Streamlit slider and a
slider drawn by a chart, and the chart's frames take their values."""

import math
from dataclasses import dataclass

import numpy as np

from .presentation import PARAM_RANGES


@dataclass(frozen=True, kw_only=True)
class SliderSpec:
    """A slider: ``name`` is its key and its URL parameter; ``format`` a printf format
    of its value (by default as many decimals as the step has)."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    format: str | None = None

    @classmethod
    def for_param(cls, param, *, name, label=None, **overrides):
        """The slider of a loss parameter (``losses.Param``), its range from the app's
        ``PARAM_RANGES``."""
        settings = {**PARAM_RANGES[param.name], "default": param.default, **overrides}
        return cls(name=name, label=label or param.label, **settings)

    @property
    def decimals(self):
        """The decimals the step needs: 0.25 shows as 0.25, not 0.3."""
        text = np.format_float_positional(float(self.step), trim="-")  # 1e-05 as 0.00001
        return len(text.split(".")[1]) if "." in text else 0

    @property
    def printf(self):
        return self.format or ("%d" if self.is_int else f"%.{self.decimals}f")

    def text(self, value):
        return self.printf % value

    @property
    def is_int(self):
        return all(isinstance(v, int) for v in (self.min, self.max, self.step, self.default))

    def steps(self):
        """Every value the slider offers, exactly as ``snap`` gives them."""
        count = round((self.max - self.min) / self.step)
        return [self.snap(self.min + k * self.step) for k in range(count + 1)]

    def clip(self, value):
        return self.default if value is None else min(max(value, self.min), self.max)

    def snap(self, value):
        """The nearest value on the slider's steps (a link may hold any number)."""
        k = round((self.clip(value) - self.min) / self.step)
        if self.is_int:
            return int(self.min + k * self.step)
        return round(self.min + k * self.step, 10)

    def value_from_text(self, raw):
        """The value a URL's text stands for, or None if it is not one finite number
        within the range."""
        try:
            value = float(raw)
        except (TypeError, ValueError):
            return None
        return value if math.isfinite(value) and self.min <= value <= self.max else None

"""The wire format of a chart's frames (``viz.frames.Frames``), shared by the app, which
encodes them, and the tests, which decode them; ``frames.js`` reads them in the browser.

    uint32 (little-endian) length of the header | header, JSON (UTF-8) |
    the float64 (little-endian) arrays, one after another, zlib-deflated

Deflated, because a rerun may send several sliders' frames and must stay small (≤ 1 MB):
a curve that a slider moves only in part (Huber's quadratic middle, a clipped gradient,
the x of the residual range) repeats bytes, and frames shrink ~2–5×. The browser inflates
them with its own DecompressionStream.

header = {"chart", "slider", "values": [slider value, ...], "targets": [[trace, attribute], ...],
          "frames": [[ref per target] per value], "key"}
A ref is [offset, length] (in float64s, into the arrays: numeric data, each distinct array
stored once) or {"v": value} (any other JSON value: names, texts, ranges). ``trace`` is a
trace index or "layout". ``key`` names the content (a hash), so the same frames are the
same bytes and Streamlit's message cache sends them once.
"""

import hashlib
import json
import zlib

import numpy as np


def encode(frames, *, chart):
    """(bytes, key) of ``frames`` for the chart ``chart``."""
    arrays, offsets, refs, size = [], {}, [], 0
    for frame in frames.frames:
        row = []
        for value in frame:
            if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
                data = np.ascontiguousarray(value, dtype="<f8").ravel().tobytes()
                if data not in offsets:
                    offsets[data] = size
                    arrays.append(data)
                    size += len(data) // 8
                row.append([offsets[data], len(data) // 8])
            else:
                row.append({"v": _plain(value)})
        refs.append(row)
    body = b"".join(arrays)
    header = {
        "chart": chart,
        "slider": frames.slider,
        "values": list(frames.values),
        "targets": [list(key) for key in frames.keys],
        "frames": refs,
    }
    header["key"] = hashlib.sha1(json.dumps(header, allow_nan=False).encode() + body).hexdigest()[:16]
    text = json.dumps(header, allow_nan=False).encode()
    return len(text).to_bytes(4, "little") + text + zlib.compress(body, 1), header["key"]


def decode(raw):
    """The header of encoded frames, with ``frames`` as a list (per value) of
    {(trace, attribute): value}, numeric values as float64 arrays."""
    raw = bytes(raw)
    length = int.from_bytes(raw[:4], "little")
    header = json.loads(raw[4 : 4 + length].decode())
    body = np.frombuffer(zlib.decompress(raw[4 + length :]), dtype="<f8")
    targets = [tuple(target) for target in header["targets"]]
    header["frames"] = [
        {
            target: (ref["v"] if isinstance(ref, dict) else body[ref[0] : ref[0] + ref[1]])
            for target, ref in zip(targets, row, strict=True)
        }
        for row in header["frames"]
    ]
    return header


def _plain(value):
    """A JSON value: numpy scalars and arrays of text as Python's."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    return value

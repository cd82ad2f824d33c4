"""The wire format of a chart's frames (``viz.frames.Frames``), shared by the app, which
encodes them, and the tests, which decode them; ``frames.js`` reads them in the browser.

    uint32 (little-endian) length of the label | label, JSON (UTF-8): {"chart", "slider", "key"} |
    zlib-deflated: uint32 length of the frames' header | header, JSON |
                   zero bytes up to a multiple of 8 | float64 (little-endian) arrays

header = {"values": [slider value, ...], "targets": [[trace, attribute], ...],
          "frames": [[ref per target] per value]}
A ref is [offset, length] (in float64s, into the arrays: numeric data, each distinct array
stored once) or {"v": value} (any other JSON value: names, texts, ranges). ``trace`` is a
trace index or "layout". ``key`` names the content (a hash), so the same frames are the
same bytes and Streamlit's message cache sends them once; the label is plain so the
browser knows which slider's frames are coming before it inflates them.

Deflated, because a rerun may send several sliders' frames and must stay small (≤ 1 MB):
a curve that a slider moves only in part (Huber's quadratic middle, a clipped gradient,
the x of the residual range) and texts written per value repeat bytes, and frames shrink
~2–10×. The browser inflates them with its own DecompressionStream.
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
    header = {"values": list(frames.values), "targets": [list(key) for key in frames.keys], "frames": refs}
    text = json.dumps(header, allow_nan=False).encode()
    start = 8 * -(-(4 + len(text)) // 8)
    content = len(text).to_bytes(4, "little") + text + bytes(start - 4 - len(text)) + body
    key = hashlib.sha1(content).hexdigest()[:16]
    label = json.dumps({"chart": chart, "slider": frames.slider, "key": key}).encode()
    return len(label).to_bytes(4, "little") + label + zlib.compress(content, 1), key


def decode(raw):
    """The label and header of encoded frames in one dict, with ``frames`` as a list (per
    value) of {(trace, attribute): value}, numeric values as float64 arrays."""
    raw = bytes(raw)
    length = int.from_bytes(raw[:4], "little")
    label = json.loads(raw[4 : 4 + length].decode())
    content = zlib.decompress(raw[4 + length :])
    length = int.from_bytes(content[:4], "little")
    header = label | json.loads(content[4 : 4 + length].decode())
    body = np.frombuffer(content[8 * -(-(4 + length) // 8) :], dtype="<f8")
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

"""Export every chart of the gallery (viz/gallery.py) as PNG, SVG and standalone HTML.

.venv/bin/python scripts/gallery.py [--out gallery] [--only NAME ...] [--formats png svg html]

PNG and SVG are 1200x675, rendered by kaleido in one headless Chromium kept open for the
whole batch; the HTML inlines plotly.js, so it opens offline, and moves an entry's
continuous parameter with Plotly's own slider.
"""

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import livechart
from viz import EXPORT_SIZE
from viz.gallery import BY_NAME, GALLERY, interactive_html

FORMATS = ("png", "svg", "html")
IMAGE_FORMATS = ("png", "svg")
BAR_WIDTH = 30


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, default=Path("gallery"), help="folder to write (default: gallery)"
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help=f"entries to export: {', '.join(BY_NAME)}")
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    args = parser.parse_args(argv)
    unknown = [name for name in args.only or () if name not in BY_NAME]
    if unknown:
        parser.error(f"unknown entries {', '.join(unknown)}; choose from {', '.join(BY_NAME)}")
    return args


def _progress(done, total, label, stream):
    filled = BAR_WIDTH * done // total
    bar = "#" * filled + "-" * (BAR_WIDTH - filled)
    stream.write(f"\r[{bar}] {done:>3}/{total} {label:<40.40}")
    stream.flush()


def _start_kaleido():
    """One kaleido server (one Chromium) for every image of the batch."""
    import kaleido

    if "BROWSER_PATH" not in os.environ:  # choreographer looks on PATH; help it to Debian's
        found = shutil.which("chromium") or shutil.which("chromium-browser")
        if found:
            os.environ["BROWSER_PATH"] = found
    # no MathJax: no figure uses LaTeX, and its default is a CDN the batch may not reach
    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    return kaleido


def offline_html(fig):
    """A standalone page for ``fig`` that works offline: the app's plotly.js (the basic
    bundle, 1.2 MB) inlined in its head."""
    page = fig.to_html(include_plotlyjs=False, full_html=True)
    bundle = livechart.PLOTLY_JS.read_text(encoding="utf-8")
    return page.replace(
        "<head>", f'<head><meta charset="utf-8"><script type="text/javascript">{bundle}</script>', 1
    )


def main(argv=None, stream=sys.stdout):
    """Write the files and return them, {format: [path, ...]}."""
    args = parse_args(argv)
    entries = [BY_NAME[name] for name in args.only] if args.only else list(GALLERY)
    formats = [f for f in FORMATS if f in args.formats]
    args.out.mkdir(parents=True, exist_ok=True)
    width, height = EXPORT_SIZE
    written = {f: [] for f in formats}
    total = len(entries) * len(formats)
    done = 0
    started = time.perf_counter()
    kaleido = _start_kaleido() if any(f in IMAGE_FORMATS for f in formats) else None
    try:
        _progress(done, total, "", stream)
        for entry in entries:
            fig = entry.build()
            for fmt in formats:
                path = args.out / f"{entry.name}.{fmt}"
                _progress(done, total, path.name, stream)
                if fmt == "html":
                    path.write_text(offline_html(interactive_html(entry)), encoding="utf-8")
                else:
                    opts = {"format": fmt, "width": width, "height": height}
                    path.write_bytes(kaleido.calc_fig_sync(fig, opts=opts))
                written[fmt].append(path)
                done += 1
                _progress(done, total, path.name, stream)
    finally:
        if kaleido is not None:
            kaleido.stop_sync_server(silence_warnings=True)
    elapsed = time.perf_counter() - started
    counts = ", ".join(f"{len(paths)} {fmt}" for fmt, paths in written.items())
    stream.write(f"\nwrote {counts} to {args.out} in {elapsed:.1f} s\n")
    return written


if __name__ == "__main__":
    main()

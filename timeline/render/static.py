"""Static images of the chart (PNG, SVG) for briefs and slides, drawn by kaleido in a local Chromium.

kaleido 1.x draws plotly figures in a Chrome or Chromium it drives over the DevTools protocol; it
ships no browser. The caller passes the browser's path (`timeline/` never reads the environment
or searches the disk: the CLI finds it), so kaleido never looks for, let alone downloads, one of
its own. MathJax is off (nothing is loaded from the network); plotly.js comes from plotly.py.

The static figure is the report's chart with a title, no range slider, and a one-line key under
the axis, since an image has no HTML legend beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import plotly.graph_objects as go

from timeline.display import displayable, neutralise_bidi
from timeline.errors import ImageExportError
from timeline.models import Timeline
from timeline.render.figure import build_figure
from timeline.render.hover import esc
from timeline.render.lanes import LANE_NOTES, ChartMode

ImageFormat = Literal["png", "svg"]


IMAGE_WIDTH = 1400
"""Width of the exported chart in CSS pixels."""

IMAGE_PLOT_PX = IMAGE_WIDTH - 200
"""Width of the image's plot (the chart less its axis labels), for placing the key events' titles."""

PNG_SCALE = 2
"""PNG pixels per CSS pixel (sharp on high-density screens and in print)."""

KEY = (
    "● exact day   ▬ vaguer date over its whole period   ○ planned   □ hypothetical   ⊕ negated   "
    "✕—✕ conflicting dates, one per source   ◇ date kept"
)
"""The key drawn under an image's axis (an image has no HTML legend beside it); the lanes' note follows."""


def static_figure(timeline: Timeline, *, title: str, lanes: ChartMode = "key") -> go.Figure:
    """Return the chart as drawn in an image: titled, no range slider, with a key under the axis.

    Args:
        timeline: the merged timeline.
        title: the title drawn above the chart.
        lanes: "key" (default: the key events, titled, as the report opens) or what the lanes
            are: "source", "actor" or "kind".

    Returns:
        The figure.
    """
    fig = build_figure(timeline, lanes=lanes, plot_px=IMAGE_PLOT_PX)
    height = fig.layout.height
    fig.update_layout(
        title={"text": esc(title), "x": 0.01, "xanchor": "left"},
        xaxis={"rangeslider": {"visible": False}},
        margin={"t": 90, "b": 90},
        width=IMAGE_WIDTH,
        height=height,
        paper_bgcolor="#ffffff",
    )
    fig.add_annotation(
        text=f"{KEY}<br>{esc(LANE_NOTES[lanes])}",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        align="left",
        yshift=-36,
        font={"size": 12, "color": "#555555"},
    )
    return fig


def render_chart_image(
    timeline: Timeline,
    image_format: ImageFormat,
    *,
    browser: str | Path,
    title: str,
    lanes: ChartMode = "key",
    timeout: float = 90,
) -> bytes:
    """Draw the chart as a PNG or an SVG with kaleido in the given Chromium.

    Args:
        timeline: the merged timeline.
        image_format: "png" or "svg".
        browser: path of a Chrome or Chromium executable.
        title: the title drawn above the chart.
        lanes: "key" (default) or what the lanes are: "source", "actor" or "kind".
        timeout: seconds allowed for drawing.

    Returns:
        The image file's bytes.

    Raises:
        ValueError: for another format.
        ImageExportError: kaleido is not installed, or the browser cannot be started or fails to draw.
    """
    if image_format not in ("png", "svg"):
        raise ValueError(f"image format must be 'png' or 'svg', not {image_format!r}")
    what = image_format.upper()
    try:
        import kaleido  # lazy: only image exports need it
    except ImportError as exc:
        raise ImageExportError(
            f"cannot write {what}: kaleido is not installed", hint="install it: pip install 'kaleido>=1'"
        ) from exc
    fig = static_figure(displayable(timeline), title=neutralise_bidi(title), lanes=lanes)
    opts = {"format": image_format, "width": IMAGE_WIDTH, "height": fig.layout.height}
    if image_format == "png":
        opts["scale"] = PNG_SCALE
    try:
        data = kaleido.calc_fig_sync(
            fig, opts=opts, kopts={"path": str(browser), "mathjax": False, "timeout": timeout}
        )
    except Exception as exc:  # kaleido and choreographer raise many kinds; all mean "no image"
        raise ImageExportError(
            f"cannot write {what}: the browser at {browser} failed to draw the chart ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else 'no message'})",
            hint="check that it runs (`chromium --headless --version`) or install Debian's chromium package",
        ) from exc
    if not isinstance(data, bytes | bytearray) or not data:
        raise ImageExportError(
            f"cannot write {what}: kaleido returned no image", hint="check the browser: chromium --headless --version"
        )
    return bytes(data)

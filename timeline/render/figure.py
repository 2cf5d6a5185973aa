"""The chart of a timeline in one of its layouts: the key events, titled, or every event in lanes.

A module of its own so that `plot` (the lanes and the marks) and `keyview` (the key events, drawn with
`plot`'s marks) do not import each other.
"""

from __future__ import annotations

import plotly.graph_objects as go

from timeline.models import Timeline
from timeline.render.keyview import build_key_figure
from timeline.render.lanes import ChartMode
from timeline.render.plot import build_lane_figure


def build_figure(
    timeline: Timeline, *, hover: bool = True, lanes: ChartMode = "source", plot_px: float | None = None
) -> go.Figure:
    """Build the timeline chart: ``lanes="key"`` the key events' chart, else every event in lanes.

    Args:
        timeline: the merged timeline.
        hover: write every mark's hover text into the figure (False: the page's script builds them).
        lanes: "key" (the key events, titled), or "source", "actor", "kind": what the lanes are.
        plot_px: the plot's width in pixels, for placing the key chart's labels (None: the page's).

    Returns:
        The figure; deterministic for a given timeline and mode.

    Raises:
        ValueError: for an unknown lane mode.
    """
    if lanes == "key":
        return build_key_figure(timeline, hover=hover, plot_px=plot_px)
    return build_lane_figure(timeline, hover=hover, lanes=lanes)

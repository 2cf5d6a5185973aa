"""The chart of a timeline in one of its layouts: the key events, titled, or every event in lanes.

A module of its own so that `plot` (the lanes and the marks) and `keyview` (the key events, drawn with
`plot`'s marks) do not import each other.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from timeline.models import Timeline
from timeline.render.keyview import key_figure_spec
from timeline.render.lanes import ChartMode
from timeline.render.plot import as_figure, lane_figure_spec, plotly_json


def figure_spec(
    timeline: Timeline, *, hover: bool = True, lanes: ChartMode = "source", plot_px: float | None = None
) -> dict[str, Any]:
    """Return the chart as plain lists and dicts, for `plot.as_figure` or `plot.plotly_json` (see `build_figure`)."""
    if lanes == "key":
        return key_figure_spec(timeline, hover=hover, plot_px=plot_px)
    return lane_figure_spec(timeline, hover=hover, lanes=lanes)


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
    return as_figure(figure_spec(timeline, hover=hover, lanes=lanes, plot_px=plot_px))


def figure_json(
    timeline: Timeline, *, hover: bool = True, lanes: ChartMode = "source", plot_px: float | None = None
) -> dict[str, Any]:
    """Return the chart's ``{"data", "layout"}`` as plotly holds `build_figure`'s, without plotly's graph objects.

    For the report's page, which writes its figures as JSON (keys sorted) and throws them away:
    plotly's validation and deep copies of 28,000 events' marks were most of the charts' time.
    """
    return plotly_json(figure_spec(timeline, hover=hover, lanes=lanes, plot_px=plot_px))

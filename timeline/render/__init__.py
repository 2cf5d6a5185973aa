"""Render stage: turn a `Timeline` into the files people read (CSV, JSON, TimelineJS, chart, HTML report).

Every function is pure and returns a string (or a plotly figure): no clock, no randomness, no
file writes, so the same timeline always renders to the same bytes and the caller decides where
and how (atomically) to write them.
"""

from timeline.errors import ImageExportError
from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.figure import build_figure
from timeline.render.lanes import LANE_MODES, LaneMode, build_lanes
from timeline.render.outputs import render_output_files
from timeline.render.report import render_embed, render_report
from timeline.render.rows import EventRow, MentionRow, event_rows, mention_rows
from timeline.render.static import render_chart_image
from timeline.render.timelinejs import render_timelinejs, timelinejs_data

__all__ = [
    "EventRow",
    "ImageExportError",
    "LANE_MODES",
    "LaneMode",
    "MentionRow",
    "build_figure",
    "build_lanes",
    "event_rows",
    "mention_rows",
    "render_chart_image",
    "render_embed",
    "render_events_csv",
    "render_mentions_csv",
    "render_output_files",
    "render_report",
    "render_timeline_json",
    "render_timelinejs",
    "timelinejs_data",
]

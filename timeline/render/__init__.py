"""Render stage: turn a `Timeline` into the files people read (CSV, JSON, TimelineJS, chart, HTML report).

Every function is pure and returns a string (or a plotly figure): no clock, no randomness, no
file writes, so the same timeline always renders to the same bytes and the caller decides where
and how (atomically) to write them.
"""

from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.plot import build_figure
from timeline.render.report import render_embed, render_report
from timeline.render.rows import EventRow, MentionRow, event_rows, mention_rows
from timeline.render.static import ImageExportError, render_chart_image
from timeline.render.timelinejs import render_timelinejs, timelinejs_data

__all__ = [
    "EventRow",
    "ImageExportError",
    "MentionRow",
    "build_figure",
    "event_rows",
    "mention_rows",
    "render_chart_image",
    "render_embed",
    "render_events_csv",
    "render_mentions_csv",
    "render_report",
    "render_timeline_json",
    "render_timelinejs",
    "timelinejs_data",
]

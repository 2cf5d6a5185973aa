"""The timeline chart: lanes of marks on a time axis, disagreements and uncertainty drawn as such.

Which lanes there are (by source, the default; by actor; by kind of event) is decided in `lanes`;
this module packs each lane's marks into tracks and draws them. In source mode agreement shows as
vertical alignment, in every mode a conflict is a vermillion dashed line joining each source's
claim ("x" markers), the kept claim ringed with a diamond. Precision is visible: a day is a point,
"in January" is a bar covering the whole month, so a vague date is never drawn as if it were exact.
How an event is told is visible too, not by colour alone: a planned event is a hollow marker or a
hatched bar, a hypothetical one a hollow square or a dotted bar, a negated one a crossed circle or a
cross-hatched bar (`KIND_SYMBOLS`, `KIND_PATTERNS`).

Inside a lane, marks that would overlap (several events on one day, a month over a day) are packed
into tracks, one above the other, so every event can be seen, hovered and clicked. A lane has at
most `MAX_TRACKS` tracks; beyond that, marks share the least crowded track. A long vague period (a
month or more: "in January", "the past four months", "in 2009", "the 1990s") is drawn as a thin faint
bar in a band of at most `PERIOD_TRACKS` tracks at the bottom of its lane, below a dotted line, so a
big story's years and decades do not fill the chart; nor do they set the initial zoom, which is the
span of the shorter dates (trimmed of stray outliers on big timelines) plus a margin; the range
slider still shows everything.

Built as plain lists and dicts (a spec), which `as_figure` makes a `plotly.graph_objects` figure of
(the embed, the images) and `plotly_json` gives as plotly would store it (the report's page, without
plotly's validation of every value: most of the charts' time on a big story); no plotly.express, no
pandas. A lane is at most three
traces (points, bars, thin long bars) whatever the number of events, and all conflicts are one
trace, so a big timeline stays fast in the browser. The figure is a pure function of the timeline
and the mode: traces come in a fixed order, the template is named explicitly (the global plotly
default cannot leak in) and ``uirevision`` is constant.

Plotly renders a subset of HTML in hover labels, tick labels and legend names, so every
article-derived string shown there is HTML-escaped first (`hover.esc`).
"""

from __future__ import annotations

import json
import math
import pkgutil
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from timeline.models import Conflict, DateInterval, Timeline
from timeline.render.hover import claim_hover, esc
from timeline.render.lanes import (
    MERGED_LANE,
    ChartMode,
    Item,
    Lane,
    LanePlan,
    build_lanes,
    event_facts,
    event_index,
    event_items,
    lane_labels,
    story_window,
)
from timeline.render.rows import PERIOD_DAYS, central_span

__all__ = [
    "MERGED_LANE",
    "as_figure",
    "build_lane_figure",
    "esc",
    "initial_range",
    "lane_figure_spec",
    "lane_labels",
    "plotly_json",
]

CONFLICT_COLOR = "#D55E00"
"""Okabe-Ito vermillion: reserved for conflicting dates."""

CONFLICT_LEGEND = "conflicting dates"
CHOSEN_LEGEND = "date kept (conflict)"

KIND_SYMBOLS: dict[str, str] = {
    "asserted": "circle",
    "reported": "circle",
    "planned": "circle-open",
    "hypothetical": "square-open",
    "negated": "circle-cross-open",
}
"""Day marker per event kind: hollow for what has not (or not surely) happened."""

KIND_PATTERNS: dict[str, str] = {"planned": "/", "hypothetical": ".", "negated": "x"}
"""Bar hatching per event kind (a plain fill for asserted and reported events)."""

PERIOD_TRACKS = 2
"""Most tracks of a lane's long vague periods (`rows.PERIOD_DAYS`: a month, a year, a decade), drawn faint at the
bottom of the lane, below its days and weeks: on a big story they no longer fill the chart (issue #13 item 3,
issue #12's "long vague periods are drawn faint in a band of their own", as the key chart draws them)."""

MAX_TRACKS = 12
"""Most tracks (rows of marks) in one lane."""

TRACK_PX = 21
"""Height of one track in pixels."""

LANE_GAP = 0.9
"""Space between two lanes, in tracks."""

BAR_WIDTH = 0.6
LONG_BAR_WIDTH = 0.22
"""Bar thickness, in tracks: a long period is thinner, so it reads as background."""

LONG_OPACITY = 0.3
"""A long period is faint too: the dates a reader reads first are the days and weeks."""

PERIOD_SEPARATOR = "#c8c8c8"
"""The dotted line above a lane's band of long periods."""

DENSE_MARKS = 1500
"""Above this many marks the chart is drawn lean: no outline around markers. The range slider stays (issue
#6 asks for it; on the 5,000-event bench page it adds about 0.1-0.2 s to the time to interactive)."""

_MS_PER_DAY = 86_400_000
_HOVER = "%{hovertext}<extra></extra>"
_TOP_PX = 56
_BOTTOM_PX = 120


def _is_point(item: Item) -> bool:
    """True when an item is drawn as a point: an exact day."""
    return item.interval.granularity == "day" and item.interval.days == 1


def _is_long(item: Item) -> bool:
    """True when an item is a long vague period (a thin faint bar in the lane's bottom band, out of the first zoom)."""
    return item.interval.days >= PERIOD_DAYS


class _Mark:
    """One drawn mark: an item on a track, and the items stacked under it (same lane, track and dates).

    Whether it is a point or a long period is worked out once here: the traces and shapes ask it of
    every mark, and on 28,000 events the interval's ``days`` property added up.
    """

    __slots__ = ("item", "track", "stacked", "is_point", "is_long")

    def __init__(self, item: Item, track: int, is_point: bool | None = None, is_long: bool | None = None) -> None:
        self.item = item
        self.track = track
        self.stacked: list[Item] = []
        self.is_point = _is_point(item) if is_point is None else is_point
        self.is_long = _is_long(item) if is_long is None else is_long


def _midpoint(interval: DateInterval) -> date:
    """Return the middle day of an interval (its only day for a day)."""
    return interval.earliest + timedelta(days=(interval.days - 1) // 2)


def _day_number(day: date) -> int:
    return day.toordinal()


def initial_range(intervals: Iterable[DateInterval]) -> tuple[date, date] | None:
    """Return the initial x range: where the dates are dense (`rows.central_span`), plus a margin.

    Long periods are left out unless nothing else is dated, and so are the outliers: the earliest
    and latest 2.5% of the intervals, so a stray date ("in 1948", "by 2099") does not squeeze the story
    into a sliver (zooming out, or the range slider, still shows it). The margin is 4% of the span,
    at least two days on each side.

    Args:
        intervals: the dated mentions (or every interval drawn).

    Returns:
        ``(first day, day after the last)``, or None when nothing is dated.
    """
    return _with_margin(central_span(intervals))


def _with_margin(span: tuple[date, date] | None) -> tuple[date, date] | None:
    """Return `initial_range` of the intervals whose `rows.central_span` is ``span``."""
    if span is None:
        return None
    lo, hi = _day_number(span[0]), _day_number(span[1]) + 1
    margin = max(2, math.ceil((hi - lo) * 0.04))
    return date.fromordinal(max(1, lo - margin)), date.fromordinal(min(date.max.toordinal(), hi + margin))


def prepare_charts(timeline: Timeline) -> None:
    """Work out now what every chart of the timeline asks of its events (`lanes.EventFacts`), kept for them all.

    The report's output stage calls it before it forks the process that draws the lane charts
    (`render.outputs`): the marks of the events, their index, the conflicts' events and the first zoom are then
    made once, in the parent, for its key chart and for the child's three, not once in each (~0.07 s of CPU); the
    story's window (`lanes.story_window`) is the page header's span too.
    """
    event_items(timeline, hover=False)  # the page's charts have no hover texts (`report.figure_data`)
    event_index(timeline)
    event_facts(timeline).disputed(timeline)
    chart_view(timeline)


def chart_view(timeline: Timeline) -> tuple[date, date] | None:
    """Return the charts' first zoom: `initial_range` of the timeline's dated mentions (once per timeline).

    The story's window (`lanes.story_window`, which the page's header shows too) with its margin.
    """
    facts = event_facts(timeline)
    if not facts.has_view:
        facts.view, facts.has_view = _with_margin(story_window(timeline)), True
    return facts.view


def _pack(lane: Lane, point_days: float, max_tracks: int = MAX_TRACKS, period_tracks: int | None = None) -> None:
    """Assign each item of a lane a track so that marks in one track do not overlap.

    The days and weeks go first, at the top of the lane; the long periods (`_is_long`) below them, in
    tracks of their own, at most ``period_tracks`` (default ``max_tracks``): a story's decades and
    years are a faint band at the bottom of the lane, not rows above everything it tells. Items are
    placed in date order (ties by event id), each on the first track free at its start; a day point
    counts as ``point_days`` either side of its day, the width of its marker. Past the limit, an
    item with the same dates as a mark already drawn is stacked under that mark (it would be hidden
    behind it anyway: the mark's hover says how many events it holds and a click lists them); any
    other goes on the track that frees up first.
    """
    # the items in packing order, as runs of the same dates (long or not as a whole: asked once a run)
    short: list[_Run] = []
    periods: list[_Run] = []
    for dates, run in groupby(sorted(lane.items, key=_PACK_ORDER), key=_DATES):
        group = list(run)
        (periods if group[0].last - group[0].first + 1 >= PERIOD_DAYS else short).append((dates, group))  # _is_long
    first = _pack_tracks(lane, short, point_days, 0, max_tracks, long=False)
    second = _pack_tracks(lane, periods, point_days, first, period_tracks or max_tracks, long=True)
    lane.n_tracks = max(1, first + second)


_PACK_ORDER = attrgetter("first", "last", "event_id")
"""The order items are packed in: by dates (their ordinal days), ties by event id."""

_DATES = attrgetter("dates")

_Run = tuple[tuple[date, date, str], list[Item]]
"""Items of the same dates (`Item.dates`), one after another in packing order."""


def _pack_tracks(
    lane: Lane, runs: list[_Run], point_days: float, first_track: int, max_tracks: int, *, long: bool
) -> int:
    """Pack ``runs`` (long periods or not: ``long``) into the lane's tracks from ``first_track`` on (see `_pack`).

    Returns how many tracks it used.

    Items with the same dates come one after another, and are placed as one run: once a run finds every
    track taken and a mark of its dates drawn, the rest of it is stacked under that mark at once (no track
    frees up meanwhile: a track's end only grows, and stacking changes none). A big story's lane of 28,000
    events is 1,300 marks, the rest stacked. A track is looked for only when the earliest end of all tracks
    leaves room.
    """
    ends: list[float] = []
    lowest = math.inf  # min(ends): no track is free when it is after an item's start
    first_mark: dict[tuple, _Mark] = {}
    marks = lane.marks
    for dates, group in runs:
        first, last = group[0].first, group[0].last  # the same for the whole run: its dates are
        point = first == last and dates[2] == "day"
        if point:
            start, end = first - point_days, first + point_days
        else:
            start, end = first, last + 1 + point_days / 2
        for index, item in enumerate(group):
            track = -1
            if lowest <= start:
                for t, track_end in enumerate(ends):
                    if track_end <= start:
                        track = t
                        break
            if track < 0:
                if len(ends) < max_tracks:
                    track = len(ends)
                    ends.append(end)
                elif dates in first_mark:
                    first_mark[dates].stacked.extend(group[index:])
                    break
                else:
                    track = ends.index(lowest)  # the track that frees up first, the first of equals
            if end > ends[track]:
                ends[track] = end
            lowest = min(ends)
            mark = _Mark(item, first_track + track, point, long)
            marks.append(mark)
            first_mark.setdefault(dates, mark)
    return len(ends)


def _layout_lanes(lanes: list[Lane], view: tuple[date, date] | None) -> None:
    """Pack every lane and stack the lanes top-down (merged lane first)."""
    span = (view[1] - view[0]).days if view else 30
    point_days = max(0.5, span / 100)
    offset = 0.0
    for lane in lanes:
        _pack(lane, point_days, MAX_TRACKS, PERIOD_TRACKS)
        lane.offset = offset
        offset += lane.n_tracks + LANE_GAP


STACK_TITLES = 5
"""Titles of stacked events listed in a mark's hover text."""


def _mark_hover(mark: _Mark) -> str:
    """Hover text of a mark: its item's, plus the events stacked under it."""
    if not mark.stacked:
        return mark.item.hover
    titles = "; ".join(esc(it.title) for it in mark.stacked[:STACK_TITLES])
    more = "…" if len(mark.stacked) > STACK_TITLES else ""
    return f"{mark.item.hover}<br><i>+{len(mark.stacked)} more here: {titles}{more}</i>"


def _hover_args(marks: list[_Mark], meta: dict[str, Any] | None) -> dict[str, Any]:
    """Return a trace's hover arguments: the texts, or (``meta`` given) what the page needs to build them.

    ``meta["refs"]`` has the provenance index of each mark's item; ``meta["stacks"]``, when a mark
    holds stacked events, maps the mark's index (as a string) to ``[event id, provenance index]``
    of each of them.
    """
    if meta is None:
        return {"hovertext": [_mark_hover(m) for m in marks], "hovertemplate": _HOVER}
    meta = {**meta, "refs": [m.item.ref for m in marks]}
    stacks = {str(i): [[it.event_id, it.ref] for it in m.stacked] for i, m in enumerate(marks) if m.stacked}
    if stacks:
        meta["stacks"] = stacks
    return {"meta": meta, "hovertemplate": _HOVER}


def _point_marker(points: list[_Mark], color: str, dense: bool) -> dict[str, Any]:
    """Marker of a lane's day points: filled circles, hollow symbols for planned, hypothetical, negated."""
    symbols = [KIND_SYMBOLS[m.item.kind] for m in points]
    marker: dict[str, Any] = {
        "color": color,
        "size": 11,
        "symbol": symbols if set(symbols) != {"circle"} else "circle",
        "line": {"color": "#333333", "width": 0 if dense else 1},
    }
    if any(symbol.endswith("-open") for symbol in symbols):
        # an open marker is drawn by its outline alone, in the marker colour: never zero wide
        plain = 0 if dense else 1
        marker["line"] = {"color": "#333333", "width": [2 if s.endswith("-open") else plain for s in symbols]}
    return marker


def _bar_marker(group: list[_Mark], color: str, opacity: float) -> dict[str, Any]:
    """Marker of a lane's bars: plain for asserted and reported events, hatched for the others."""
    marker: dict[str, Any] = {"color": color, "opacity": opacity, "line": {"color": "#ffffff", "width": 1}}
    shapes = [KIND_PATTERNS.get(m.item.kind, "") for m in group]
    if any(shapes):
        marker["pattern"] = {"shape": shapes, "fillmode": "replace", "fgcolor": color, "size": 7, "solidity": 0.35}
    return marker


def _lane_traces(lane: Lane, *, hover: bool, dense: bool) -> list[dict[str, Any]]:
    """Return a lane's traces: its points, its range bars, its long periods (named on the y axis, not in the legend)."""
    name = esc(lane.label)
    meta = None if hover else {"kind": "merged" if lane.merged else "lane", "lane": lane.label}
    points = [m for m in lane.marks if m.is_point]
    bars = [m for m in lane.marks if not m.is_point and not m.is_long]
    longs = [m for m in lane.marks if m.is_long]
    offset = lane.offset
    traces: list[dict[str, Any]] = []
    if points:
        traces.append(
            {
                "type": "scatter",
                "x": [m.item.interval.earliest.isoformat() for m in points],
                "y": [offset + m.track for m in points],
                "customdata": [m.item.event_id for m in points],
                **_hover_args(points, meta),
                "mode": "markers",
                "name": name,
                "legendgroup": name,
                "showlegend": False,
                "marker": _point_marker(points, lane.color, dense),
            }
        )
    for group, width, opacity in ((bars, BAR_WIDTH, 0.6), (longs, LONG_BAR_WIDTH, LONG_OPACITY)):
        if not group:
            continue
        traces.append(
            {
                "type": "bar",
                "x": [(m.item.last - m.item.first + 1) * _MS_PER_DAY for m in group],  # the interval's days
                "base": [m.item.interval.earliest.isoformat() for m in group],
                "y": [offset + m.track for m in group],
                "customdata": [m.item.event_id for m in group],
                **_hover_args(group, meta),
                "orientation": "h",
                "width": width,
                "name": name,
                "legendgroup": name,
                "showlegend": False,
                "marker": _bar_marker(group, lane.color, opacity),
            }
        )
    return traces


class ClaimPoints:
    """The points of a conflict trace, shared by the lane chart and the key chart.

    One point per claim, a gap (None) between conflicts, and the kept claims apart for the ringed
    trace drawn over them.
    """

    def __init__(self, *, hover: bool) -> None:
        self.hover = hover
        self.xs: list[str | None] = []
        self.ys: list[float | None] = []
        self.ids: list[str | None] = []
        self.hovers: list[str | None] = []
        self.refs: list[list[int] | None] = []
        self.kept: list[tuple[str, float, str, str, list[int]]] = []

    def add(self, conflict: Conflict, c_index: int, k_index: int, title: str, y: float) -> None:
        """Add claim ``k_index`` of ``conflict`` (the timeline's conflict ``c_index``) at height ``y``."""
        claim = conflict.claims[k_index]
        x = _midpoint(claim.interval).isoformat()
        kept = claim.article_id == conflict.chosen_article_id
        text = claim_hover(title, claim, kept) if self.hover else ""
        self.xs.append(x)
        self.ys.append(y)
        self.ids.append(conflict.event_id)
        self.hovers.append(text)
        self.refs.append([c_index, k_index])
        if kept:
            self.kept.append((x, y, conflict.event_id, text, [c_index, k_index]))

    def gap(self) -> None:
        """End a conflict's line: the next point starts a new one."""
        for column in (self.xs, self.ys, self.ids, self.hovers, self.refs):
            column.append(None)


def claim_hover_args(
    texts: list[str | None], kind: str, points: list[list[int] | None], *, hover: bool
) -> dict[str, Any]:
    """Return a conflict trace's hover arguments, shared by the lane chart and the key chart.

    With ``hover`` the texts; without, the kind and each point's ``[conflict index, claim index]``,
    from which the page builds them.
    """
    if hover:
        return {"hovertext": texts, "hovertemplate": _HOVER}
    return {"meta": {"kind": kind, "refs": points}, "hovertemplate": _HOVER}


def _conflict_traces(timeline: Timeline, plan: LanePlan, *, hover: bool, dense: bool) -> list[dict[str, Any]]:
    """Return one dashed trace joining each conflict's claims (gaps between conflicts), then the kept dates.

    Each claim is drawn in the lane the plan gives it (its source's lane, or its event's lane in the
    actor and kind modes), on the track of the mark it matches. Without ``hover``, each trace's
    ``meta`` holds ``refs``: ``[conflict index, claim index]`` per point (None at a gap), so the page
    can build the hover texts.
    """
    disputed = {conflict.event_id for conflict in timeline.conflicts}
    events = timeline.events
    titles = {event_id: events[index].title for event_id, index in event_facts(timeline).disputed(timeline).items()}
    for key in {key for keys in plan.claim_lanes for key in keys}:
        lane = plan.lane(key)
        if lane is not None:
            lane.index_tracks(disputed)
    points = ClaimPoints(hover=hover)
    for c_index, conflict in enumerate(timeline.conflicts):
        title = titles.get(conflict.event_id, conflict.event_id)
        if points.xs:
            points.gap()
        for k_index, claim in enumerate(conflict.claims):
            lane = plan.lane(plan.claim_lanes[c_index][k_index])
            y = lane.y(conflict.event_id, claim.interval) if lane else 0.0
            points.add(conflict, c_index, k_index, title, y)
    xs, ys, ids, hovers, refs, chosen = points.xs, points.ys, points.ids, points.hovers, points.refs, points.kept

    traces: list[dict[str, Any]] = []
    if xs:
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "customdata": ids,
                **claim_hover_args(hovers, "conflict", refs, hover=hover),
                "mode": "lines+markers",
                "connectgaps": False,
                "name": CONFLICT_LEGEND,
                "legendgroup": "conflicts",
                "line": {"color": CONFLICT_COLOR, "dash": "dash", "width": 2},
                "marker": {
                    "color": CONFLICT_COLOR,
                    "symbol": "x",
                    "size": 13,
                    "line": {"color": "#ffffff", "width": 0 if dense else 1},
                },
            }
        )
    if chosen:
        traces.append(
            {
                "type": "scatter",
                "x": [c[0] for c in chosen],
                "y": [c[1] for c in chosen],
                "customdata": [c[2] for c in chosen],
                **claim_hover_args([c[3] for c in chosen], "kept", [c[4] for c in chosen], hover=hover),
                "mode": "markers",
                "name": CHOSEN_LEGEND,
                "legendgroup": "conflicts",
                "marker": {"color": CONFLICT_COLOR, "symbol": "diamond-open", "size": 22, "line": {"width": 3}},
            }
        )
    return traces


def _lane_shapes(lanes: list[Lane]) -> list[dict]:
    """Return the lanes' shapes: a light band behind every other lane, and dotted lines above the periods.

    The band makes tracks read as belonging to their lane; the dotted line sets a lane's band of long
    periods apart from the days and weeks above it.
    """
    shapes = []
    for i, lane in enumerate(lanes):
        tracks = [mark.track for mark in lane.marks if mark.is_long]
        if tracks and min(tracks) > 0:
            y = lane.offset + min(tracks) - 0.5
            line = {"color": PERIOD_SEPARATOR, "width": 1, "dash": "dot"}
            shapes.append(
                {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y, "y1": y, "line": line}
            )
        if i % 2:
            continue
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": lane.offset - LANE_GAP / 2,
                "y1": lane.offset + lane.n_tracks - 1 + LANE_GAP / 2,
                "fillcolor": "#f3f3f1",
                "line": {"width": 0},
                "layer": "below",
            }
        )
    return shapes


def chart_layout(*, height: int, xaxis: dict[str, Any]) -> dict[str, Any]:
    """Return the layout both charts (lanes and key events) share; each adds its own y axis and shapes."""
    return {
        "template": "plotly_white",
        "height": height,
        "margin": {"l": 10, "r": 20, "t": _TOP_PX, "b": 40},
        "font": {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        "hovermode": "closest",
        "hoverlabel": {"align": "left"},
        "clickmode": "event",
        "barmode": "overlay",
        "uirevision": "timeline",
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "x": 0,
            "xanchor": "left",
            "traceorder": "normal",
        },
        "xaxis": xaxis,
    }


EMPTY_NOTE: dict[str, Any] = {
    "text": "No dated events",
    "showarrow": False,
    "xref": "paper",
    "yref": "paper",
    "x": 0.5,
    "y": 0.5,
}
"""The note a chart of a timeline without events shows."""


def as_figure(spec: dict[str, Any]) -> go.Figure:
    """Return a chart spec (`lane_figure_spec`, `keyview.key_figure_spec`) as a plotly figure.

    Built by the same plotly calls as always (traces, then ``update_layout`` with the layout's keys
    in order, then the notes), so the figure, its JSON and the embed's bytes are what they were
    when the charts were built with graph objects. For the embed and the images; the report's page
    takes `plotly_json` instead.
    """
    fig = go.Figure(data=spec["data"])
    fig.update_layout(**spec["layout"])
    for note in spec.get("notes", ()):
        fig.add_annotation(**note)
    return fig


_OBJECT_LISTS = ("annotations", "shapes")
"""The layout's lists of objects the charts set."""


@lru_cache(maxsize=8)
def _template_json(name: str) -> str:
    """The JSON of a named plotly template as a figure's layout holds it: the file plotly loads it from.

    Plotly loads a template it ships from its package data into a ``layout.Template`` (`plotly.io.templates`),
    whose JSON holds the file's values: a layout given the name holds the same values (keys in another order,
    which the report's sorted JSON does not see). Reading the file spares importing plotly's layout classes,
    0.03 s of every process that draws a page's chart (`tests/render/test_plot.py` compares the result with
    plotly's). A template plotly does not ship is asked of plotly.
    """
    try:
        data = pkgutil.get_data("plotly", f"package_data/templates/{name}.json")
    except OSError:  # not one of plotly's files
        data = None
    if data is None:
        return json.dumps(pio.templates[name].to_plotly_json())
    return data.decode("utf-8")


def plotly_json(spec: dict[str, Any]) -> dict[str, Any]:
    """Return a chart spec as ``{"data", "layout"}`` equal to what plotly holds for `as_figure` of it.

    Plotly's graph objects validate every value and deep-copy the figure on the way out: on 28,000
    events the four charts spent over 2 s there. The spec is built of plain lists, dicts, strings
    and numbers already in the form plotly stores them, so only what plotly adds is added here: the
    named template expanded, the notes appended to the annotations. Key order may differ from
    plotly's (the report writes its JSON with sorted keys); the values, their types and the
    numbers' formatting do not (`tests/render/test_plot.py` compares the two on every chart mode,
    so a plotly upgrade that changes them fails there).
    """
    layout = dict(spec["layout"])
    if isinstance(layout.get("template"), str):
        layout["template"] = json.loads(_template_json(layout["template"]))
    notes = spec.get("notes", ())
    if notes:
        layout["annotations"] = [*layout.get("annotations", ()), *(dict(note) for note in notes)]
    for key in _OBJECT_LISTS:
        if key in layout and not layout[key]:
            del layout[key]  # plotly keeps no empty list of annotations or shapes
    return {"data": spec["data"], "layout": layout}


def lane_figure_spec(timeline: Timeline, *, hover: bool = True, lanes: ChartMode = "source") -> dict[str, Any]:
    """Return the chart of every event in lanes as a spec for `as_figure` or `plotly_json` (see `build_lane_figure`).

    ``{"data": traces, "layout": layout, "notes": annotations added last}``, plain lists and dicts.
    """
    plan = build_lanes(timeline, lanes, hover=hover)
    view = chart_view(timeline)
    _layout_lanes(plan.lanes, view)
    shown = [lane for lane in plan.lanes if not lane.merged or lane.items]
    traces: list[dict[str, Any]] = []
    n_marks = sum(len(lane.marks) for lane in plan.lanes) + sum(len(c.claims) for c in timeline.conflicts)
    dense = n_marks > DENSE_MARKS
    for lane in plan.lanes:
        traces.extend(_lane_traces(lane, hover=hover, dense=dense))
    traces.extend(_conflict_traces(timeline, plan, hover=hover, dense=dense))
    bottom = shown[-1].offset + shown[-1].n_tracks - 1 if shown else 0.0
    top = shown[0].offset if shown else 0.0
    rows = bottom - top + 1 + LANE_GAP * len(shown)
    xaxis: dict = {"type": "date", "rangeslider": {"visible": True, "thickness": 0.07}, "automargin": True}
    if view is not None:
        xaxis["range"] = [view[0].isoformat(), view[1].isoformat()]
    layout = {
        **chart_layout(height=max(360, round(_TOP_PX + _BOTTOM_PX + TRACK_PX * rows)), xaxis=xaxis),
        "yaxis": {
            "tickmode": "array",
            "tickvals": [lane.center for lane in shown],
            "ticktext": [esc(lane.label) for lane in shown],
            "range": [bottom + LANE_GAP / 2 + 0.1, top - LANE_GAP / 2 - 0.1],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
        },
        "shapes": _lane_shapes(shown),
    }
    return {"data": traces, "layout": layout, "notes": [] if timeline.events else [dict(EMPTY_NOTE)]}


def build_lane_figure(timeline: Timeline, *, hover: bool = True, lanes: ChartMode = "source") -> go.Figure:
    """Build the chart of every event in lanes (`figure.build_figure` picks it or the key events' chart).

    Lanes, top to bottom, as `lanes.build_lanes` gives them for the mode: by default the merged lane,
    then one per source, sorted; each lane is labelled on the y axis and holds one or more tracks
    (see the module docstring). Day dates are markers; coarser dates are horizontal bars from
    ``earliest`` to ``latest + 1 day``, long periods thin ones; planned, hypothetical and negated
    events have hollow markers and hatched bars. All conflicts are one dashed vermillion trace, "x"
    markers (one per claim, on the track of the claim's mark in its lane) joined per conflict; the
    kept claim is ringed with a diamond. Every mark carries its canonical event id in ``customdata``
    so the page can open the event's detail panel on click. The initial x range is `initial_range`
    of the dated mentions. A range slider under the chart shows the whole extent.

    Args:
        timeline: the merged timeline.
        hover: True (default) to write every mark's hover text into the figure. False leaves them
            out and gives each trace a ``meta`` instead: ``kind`` ("merged", "lane", "conflict",
            "kept"), the raw ``lane`` label, and ``refs`` (per mark, the provenance index in its
            event, -1 for the event itself, or ``[conflict, claim]`` indexes), from which the
            report's script builds the texts out of the data it already has: a big timeline's page
            is then much smaller.
        lanes: "source" (default), "actor" or "kind": what the lanes are.

    Returns:
        The figure; deterministic for a given timeline and mode.

    Raises:
        ValueError: for an unknown lane mode.
    """
    return as_figure(lane_figure_spec(timeline, hover=hover, lanes=lanes))

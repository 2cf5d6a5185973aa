"""The key events' chart: a timeline a reader takes in at a glance, without hovering.

The page opens on it, and the embed and the images draw it (a printed brief cannot be hovered). Top
to bottom:

* **key events**, titled: the events of the story's key days, ranked as `--top` ranks them
  (`merge.salience`: the days the articles name and report most, each told by its most central
  events), at most `MAX_LABELS`, one round over the ranked days at a time (each day's most central
  event, then each day's second, ...). Their titles sit in rows above their markers with leader
  lines, placed so that no label overlaps another (`labels.place_labels`);
* **other events**: every other event, a small grey dot (a bar for a week or a few days) in a few
  tracks, same-day marks stacked: nothing is dropped, and each is hovered and clicked as usual;
* **conflicting dates**: one row per conflict, a dumbbell: each source's date joined by a line, the
  kept one ringed, named by a line of text (the event, and who says which date). A big story shows
  the `MAX_CONFLICT_ROWS` conflicts of its key events first, then those with the most sources;
  every conflict is in the page's conflicts section and in the lane views;
* **long periods**: dates of a month or more ("in January", "in 2023", "the past decade"), faint,
  in a band of their own, so they do not fill the chart.

The first zoom is where the dated mentions are dense (`rows.central_span`); the outliers are
reached by zooming out or with the range slider. Only the key days inside it are ranked, so every
key event's title is on the chart when it opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go

from timeline.merge.salience import key_slots
from timeline.models import CanonicalEvent, Conflict, Timeline
from timeline.render.hover import conflict_text, cut, esc
from timeline.render.labels import LabelBox, label_width, place_labels
from timeline.render.lanes import Item, Lane, distinct_events, event_facts, event_index, event_items
from timeline.render.plot import (
    _MS_PER_DAY,
    _TOP_PX,
    CHOSEN_LEGEND,
    CONFLICT_COLOR,
    CONFLICT_LEGEND,
    DENSE_MARKS,
    EMPTY_NOTE,
    ClaimPoints,
    _hover_args,
    _Mark,
    _midpoint,
    _pack,
    _point_marker,
    as_figure,
    chart_layout,
    chart_view,
    claim_hover_args,
)
from timeline.render.rows import PERIOD_DAYS
from timeline.timex import tag_times

MAX_LABELS = 25
"""Most key events titled on the chart; more would not fit beside each other on a page."""

MAX_CONFLICT_ROWS = 12
"""Most conflicts drawn as rows in the key chart (the conflicts section lists every one)."""

LABEL_CHARS = 44
"""Longest label, in characters; a longer title is cut at a word and ends with an ellipsis."""

PLOT_PX = 900.0
"""Plot width the page's labels are placed for: a report in a 1,000 px window or wider."""

NOTE_CHAR_PX = 6.4
"""Estimated width of a character of a conflict's 11 px line."""

REST_TRACKS = 3
PERIOD_TRACKS = 4
ROW_PX = 24
"""Height of one row: a 12 px label box and a little air, so labels of two rows never touch."""

KEY_COLOR = "#000000"
REST_COLOR = "#8c8c8c"
PERIOD_COLOR = "#6b6b6b"
LEADER_COLOR = "#9a9a9a"

KEY_AXIS = "Key events"
REST_AXIS = "Other events"
CONFLICT_AXIS = "Conflicting dates"
PERIOD_AXIS = "Long periods"

_BOTTOM_PX = 110


def short_title(title: str, limit: int = LABEL_CHARS) -> str:
    """Return a title cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut."""
    return cut(title, limit)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _short_day(day: date) -> str:
    """The day of a label, "Feb 7": a cluster of days reads in order (the axis shows the year)."""
    return f"{MONTHS[day.month - 1]} {day.day}"


def _short_date(event: CanonicalEvent) -> str:
    """The date of a label: its day, "Feb 7"; a key period as the words said it, "Nov 2023", "Feb 7-8"."""
    interval = event.interval
    if interval.earliest == interval.latest:
        return _short_day(interval.earliest)
    if interval.granularity == "month":
        return f"{MONTHS[interval.earliest.month - 1]} {interval.earliest.year}"
    return f"{_short_day(interval.earliest)}-{_short_day(interval.latest)}"


def _trigger(event: CanonicalEvent) -> str:
    """The word that tells the event in its first mention ("bombed"), lower-cased; its title when unknown."""
    p = event.provenance[0]
    if p.trigger_span is None:
        return event.title.lower()
    offset = p.sentence_span.start
    return p.sentence[p.trigger_span.start - offset : p.trigger_span.end - offset].lower()


def _time_of_day(event: CanonicalEvent) -> bool:
    """Say whether a mention's own date words name a time of the day: "Thursday morning", "at 5 p.m."."""
    return any(
        "T" in t.value
        for p in event.provenance
        if p.time_source == "explicit" and p.time_text
        for t in tag_times(p.time_text, dct=p.published)
    )


def _agents(event: CanonicalEvent) -> frozenset[str]:
    return frozenset(a.actor_id for a in event.actors if a.role == "agent")


def key_event_ids(timeline: Timeline, window: tuple[date, date] | None, limit: int = MAX_LABELS) -> list[str]:
    """Return the ids of the events to title, most salient first (`key_events`)."""
    return [event.id for event in key_events(timeline, window, limit)]


def key_events(timeline: Timeline, window: tuple[date, date] | None, limit: int = MAX_LABELS) -> list[CanonicalEvent]:
    """Return the events to title, most salient first (see the module docstring).

    Slots (days and named periods of at most a month) are ranked by `salience.key_slots`; a slot's
    events in their order there (`salience.event_weight`, then sentence centrality). One round over
    the slots at a time (each slot's first event, then each slot's second, ...), so every key day has
    a title before any day has two. Within a slot, a sentence gets one title ("Netanyahu took direct
    aim ..., calling it 'delusional' and vowing ..." is one line of the story; a sentence telling events
    of two dates gives each date its own), and an event that repeats another's trigger and agent
    ("Israeli planes bombed ..." and "Israeli forces bombed ..." the same day) is the same happening
    told twice: it keeps its rank, and is titled by the telling whose own words date it to a time of
    the day ("on Thursday morning" over "on Thursday"; the finer date, as `merge.reconcile` prefers it),
    else by the first.
    A title of one word ("Going") says nothing and is not a label.
    """
    if limit <= 0:
        return []
    queues: list[list[CanonicalEvent]] = []
    for slot in key_slots(timeline, window):
        queue: list[CanonicalEvent] = []
        told: dict[tuple[str, frozenset[str]], int] = {}
        sentences: set[tuple[str, int]] = set()
        for event in slot.events:
            said = (_trigger(event), _agents(event))
            lines = {(p.article_id, p.sentence_span.start) for p in event.provenance}
            if len(event.title.split()) <= 1 or lines <= sentences:
                continue
            if said[1] and said in told:  # told twice: the telling dated to the time of day tells it
                if _time_of_day(event) and not _time_of_day(queue[told[said]]):
                    queue[told[said]] = event
                    sentences |= lines
                continue
            told[said] = len(queue)
            queue.append(event)
            sentences |= lines
        if queue:
            queues.append(queue)
            if len(queues) == limit:  # each titles one event in the first round: later slots get none
                break
    chosen: dict[str, CanonicalEvent] = {}
    depth = 0
    while len(chosen) < limit and any(depth < len(q) for q in queues):
        for queue in queues:
            if depth < len(queue) and len(chosen) < limit and queue[depth].id not in chosen:
                chosen[queue[depth].id] = queue[depth]
        depth += 1
    return list(chosen.values())


def _shown_conflicts(timeline: Timeline, key_ids: set[str], events: dict[str, CanonicalEvent]) -> list[int]:
    """Indexes of the conflicts drawn as rows, in the order of their kept date (``events``: the events by id)."""

    def priority(index: int) -> tuple[bool, int, int]:
        conflict = timeline.conflicts[index]
        event = events.get(conflict.event_id)
        return (conflict.event_id not in key_ids, -(event.n_sources if event is not None else 0), index)

    shown = sorted(range(len(timeline.conflicts)), key=priority)[:MAX_CONFLICT_ROWS]
    return sorted(shown, key=lambda i: (_kept(timeline.conflicts[i]), i))


def _kept(conflict: Conflict) -> date:
    kept = [c for c in conflict.claims if c.article_id == conflict.chosen_article_id] or list(conflict.claims)
    return _midpoint(kept[0].interval)


@dataclass
class _Scale:
    """Days to pixels at the first zoom."""

    lo: date
    hi: date
    plot_px: float

    def px(self, day: date) -> float:
        return (day - self.lo).days / max(1, (self.hi - self.lo).days) * self.plot_px


def _lane(
    key: str, label: str, color: str, items: list[Item], tracks: int, offset: float, point_days: float, distinct: bool
) -> Lane:
    """A band of marks, packed (``distinct``: the items' keys are known to differ, as in `Lane.extend`)."""
    lane = Lane(key, label, color)
    lane.extend(items, distinct=distinct)
    _pack(lane, point_days, tracks)
    lane.offset = offset
    return lane


def _marks_traces(lane: Lane, *, hover: bool, dense: bool, size: int, opacity: float, kind: str) -> list[Any]:
    """A band's dots and bars, in its lane's colour."""
    meta = None if hover else {"kind": kind, "lane": lane.label}
    points = [m for m in lane.marks if m.is_point]
    bars = [m for m in lane.marks if not m.is_point]
    traces: list[Any] = []
    if points:
        marker = _point_marker(points, lane.color, True)
        marker.update(size=size, opacity=opacity)
        traces.append(
            {
                "type": "scatter",
                "x": [m.item.interval.earliest.isoformat() for m in points],
                "y": [lane.offset + m.track for m in points],
                "customdata": [m.item.event_id for m in points],
                **_hover_args(points, meta),
                "mode": "markers",
                "name": esc(lane.label),
                "showlegend": False,
                "marker": marker,
            }
        )
    if bars:
        traces.append(
            {
                "type": "bar",
                "x": [m.item.interval.days * _MS_PER_DAY for m in bars],
                "base": [m.item.interval.earliest.isoformat() for m in bars],
                "y": [lane.offset + m.track for m in bars],
                "customdata": [m.item.event_id for m in bars],
                **_hover_args(bars, meta),
                "orientation": "h",
                "width": 0.35 if kind == "period" else 0.5,
                "name": esc(lane.label),
                "showlegend": False,
                "marker": {"color": lane.color, "opacity": opacity, "line": {"width": 0}},
            }
        )
    return traces


def _key_traces(
    timeline: Timeline,
    key_events: list[CanonicalEvent],
    axis_y: float,
    scale: _Scale | None,
    items: dict[str, Item],
    *,
    hover: bool,
) -> tuple[list[Any], list[dict[str, Any]], int]:
    """The key events' markers, leader lines and labels; and the number of label rows."""
    if not key_events:
        return [], [], 0
    marks = [_Mark(items[e.id], 0) for e in key_events]
    texts = {e.id: f"{_short_date(e)} · {short_title(e.title)}" for e in key_events}
    days = {e.id: e.interval.earliest for e in key_events}
    scale = scale or _Scale(min(days.values()), max(days.values()), PLOT_PX)
    boxes = [LabelBox(e.id, scale.px(days[e.id]), label_width(texts[e.id])) for e in key_events]
    placed = place_labels(boxes, scale.plot_px)
    rows = max(p.row for p in placed)
    conflicted = {c.event_id for c in timeline.conflicts}
    leaders_x: list[str | None] = []
    leaders_y: list[float | None] = []
    annotations = []
    for p in placed:
        day = days[p.key].isoformat()
        y = axis_y - p.row
        leaders_x += [day, day, None]
        leaders_y += [axis_y, y, None]
        annotations.append(
            {
                "x": day,
                "y": y,
                "xref": "x",
                "yref": "y",
                "text": esc(texts[p.key]),
                "showarrow": False,
                "xanchor": "left" if p.side == "right" else "right",
                "yanchor": "middle",
                "xshift": 4 if p.side == "right" else -4,
                "font": {"size": 12, "color": "#1b1b1b"},
                "bgcolor": "rgba(255,255,255,0.92)",
                "bordercolor": CONFLICT_COLOR if p.key in conflicted else "#b8b8b8",
                "borderwidth": 1,
                "borderpad": 2,
                "captureevents": True,
                "name": f"key:{p.key}",
            }
        )
    meta = None if hover else {"kind": "merged", "lane": KEY_AXIS}
    traces = [
        {
            "type": "scatter",
            "x": leaders_x,
            "y": leaders_y,
            "mode": "lines",
            "line": {"color": LEADER_COLOR, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
            "name": "leader lines",
            "meta": {"kind": "leaders"},
        },
        {
            "type": "scatter",
            "x": [days[e.id].isoformat() for e in key_events],
            "y": [axis_y] * len(key_events),
            "customdata": [e.id for e in key_events],
            **_hover_args(marks, meta),
            "mode": "markers",
            "name": KEY_AXIS,
            "showlegend": False,
            "marker": _point_marker(marks, KEY_COLOR, False),
        },
    ]
    return traces, annotations, rows


def _dumbbells(
    timeline: Timeline,
    shown: list[int],
    top: float,
    scale: _Scale | None,
    events: dict[str, CanonicalEvent],
    *,
    hover: bool,
) -> tuple[list[Any], list[dict[str, Any]]]:
    """One row per shown conflict: its claims joined by a line, the kept one ringed, a line of text.

    ``events``: the timeline's events by id.
    """
    points = ClaimPoints(hover=hover)
    annotations = []
    for row, c_index in enumerate(shown):
        conflict = timeline.conflicts[c_index]
        event = events.get(conflict.event_id)
        title = event.title if event is not None else conflict.event_id
        y = top + row
        claims = sorted(enumerate(conflict.claims), key=lambda kc: (kc[1].interval.earliest, kc[0]))
        for k_index, _ in claims:
            points.add(conflict, c_index, k_index, title, y)
        points.gap()
        annotations.append(_dumbbell_label(title, conflict, y, scale, claims[0][1], claims[-1][1]))
    xs, ys, ids, hovers, refs, kept = points.xs, points.ys, points.ids, points.hovers, points.refs, points.kept

    if not shown:
        return [], []
    traces = [
        {
            "type": "scatter",
            "x": xs[:-1],
            "y": ys[:-1],
            "customdata": ids[:-1],
            **claim_hover_args(hovers[:-1], "conflict", refs[:-1], hover=hover),
            "mode": "lines+markers",
            "connectgaps": False,
            "name": CONFLICT_LEGEND,
            "legendgroup": "conflicts",
            "line": {"color": CONFLICT_COLOR, "width": 3},
            "marker": {"color": CONFLICT_COLOR, "symbol": "x", "size": 12, "line": {"color": "#ffffff", "width": 1}},
        },
        {
            "type": "scatter",
            "x": [k[0] for k in kept],
            "y": [k[1] for k in kept],
            "customdata": [k[2] for k in kept],
            **claim_hover_args([k[3] for k in kept], "kept", [k[4] for k in kept], hover=hover),
            "mode": "markers",
            "name": CHOSEN_LEGEND,
            "legendgroup": "conflicts",
            "marker": {"color": CONFLICT_COLOR, "symbol": "diamond-open", "size": 20, "line": {"width": 3}},
        },
    ]
    return traces, annotations


def _dumbbell_label(title: str, conflict: Conflict, y: float, scale: _Scale | None, first: Any, last: Any) -> dict:
    """The text of a conflict's row, beside its dumbbell on the side with more room, cut to fit it.

    The title comes first and is cut before the sources are: a reader must know which event it is.
    """
    left_px = scale.px(_midpoint(first.interval)) if scale else 0.0
    right_px = scale.px(_midpoint(last.interval)) if scale else 0.0
    plot_px = scale.plot_px if scale else PLOT_PX
    on_left = left_px > plot_px - right_px
    room = int(((left_px if on_left else plot_px - right_px) - 16) / NOTE_CHAR_PX)
    name, claims = conflict_text(title, conflict)
    if len(name) + 2 + len(claims) > room:
        name, claims = conflict_text(title, conflict, source_chars=12)
    name_room = room - 2 - len(claims)
    if name_room >= 12:
        text = f"<b>{esc(short_title(name, min(LABEL_CHARS, name_room)))}</b>: {esc(claims)}"
    else:
        text = f"<b>{esc(short_title(name, max(8, min(LABEL_CHARS, room))))}</b>"
    return {
        "x": _midpoint((first if on_left else last).interval).isoformat(),
        "y": y,
        "xref": "x",
        "yref": "y",
        "text": text,
        "showarrow": False,
        "xanchor": "right" if on_left else "left",
        "yanchor": "middle",
        "xshift": -12 if on_left else 12,
        "font": {"size": 11, "color": "#8a3300"},
        "name": f"conflict:{conflict.event_id}",
        "captureevents": True,
    }


def _disputed_events(timeline: Timeline) -> dict[str, CanonicalEvent]:
    """The events conflicts are about, by id: all the conflict rows ask of the timeline's (no dict of 28,000 events)."""
    events = timeline.events
    return {event_id: events[i] for event_id, i in event_facts(timeline).disputed(timeline).items()}


def key_figure_spec(timeline: Timeline, *, hover: bool = True, plot_px: float | None = None) -> dict[str, Any]:
    """Return the key events' chart as a spec for `plot.as_figure` or `plot.plotly_json` (see `build_key_figure`)."""
    view = chart_view(timeline)
    scale = _Scale(view[0], view[1], plot_px or PLOT_PX) if view else None
    window = (view[0], view[1]) if view else None
    titled = key_events(timeline, window)
    key_set = {event.id for event in titled}
    all_items = event_items(timeline, hover=hover)
    long_items: list[Item] = []
    rest_items: list[Item] = []
    for item in all_items:
        if item.event_id not in key_set:
            (long_items if item.last - item.first + 1 >= PERIOD_DAYS else rest_items).append(item)  # its days
    span_days = (view[1] - view[0]).days if view else 30
    point_days = max(0.5, span_days / 150)

    index = event_index(timeline)  # the key events' marks, by id (the last event of an id, as a dict of all)
    items = {event.id: all_items[index[event.id]] for event in titled}
    traces, annotations, label_rows = _key_traces(timeline, titled, 0.0, scale, items, hover=hover)
    axis_y = float(label_rows)
    for annotation in annotations:
        annotation["y"] += axis_y
    for trace in traces:
        trace["y"] = [None if y is None else y + axis_y for y in trace["y"]]
    ticks: list[tuple[float, str]] = []
    bands: list[tuple[float, float, str]] = []
    if titled:
        ticks.append((axis_y, KEY_AXIS))
    y = axis_y + 1
    dense = len(rest_items) + len(long_items) > DENSE_MARKS
    distinct = distinct_events(timeline)
    if rest_items:
        rest = _lane("rest", REST_AXIS, REST_COLOR, rest_items, REST_TRACKS, y, point_days, distinct)
        traces += _marks_traces(rest, hover=hover, dense=dense, size=7, opacity=0.75, kind="merged")
        ticks.append((rest.center, REST_AXIS))
        y += rest.n_tracks + 0.6
    events = _disputed_events(timeline)
    shown = _shown_conflicts(timeline, key_set, events)
    if shown:
        conflict_traces, conflict_notes = _dumbbells(timeline, shown, y, scale, events, hover=hover)
        traces += conflict_traces
        annotations += conflict_notes
        more = len(timeline.conflicts) - len(shown)
        name = CONFLICT_AXIS if not more else f"{CONFLICT_AXIS} ({len(shown)} of {len(timeline.conflicts)})"
        ticks.append((y + (len(shown) - 1) / 2, name))
        bands.append((y, y + len(shown) - 1, "#fdf3ec"))
        y += len(shown) + 0.6
    if long_items:
        periods = _lane("periods", PERIOD_AXIS, PERIOD_COLOR, long_items, PERIOD_TRACKS, y, point_days, distinct)
        traces += _marks_traces(periods, hover=hover, dense=dense, size=7, opacity=0.3, kind="period")
        ticks.append((periods.center, PERIOD_AXIS))
        bands.append((y, y + periods.n_tracks - 1, "#f3f3f1"))
        y += periods.n_tracks
    bottom = max(y - 1, axis_y)
    xaxis: dict[str, Any] = {"type": "date", "rangeslider": {"visible": True, "thickness": 0.06}, "automargin": True}
    if view is not None:
        xaxis["range"] = [view[0].isoformat(), view[1].isoformat()]
    rows = bottom + 1.2
    layout = dict(
        **chart_layout(height=max(300, round(_TOP_PX + _BOTTOM_PX + ROW_PX * rows)), xaxis=xaxis),
        yaxis={
            "tickmode": "array",
            "tickvals": [t[0] for t in ticks],
            "ticktext": [t[1] for t in ticks],
            "range": [bottom + 0.6, -0.6],
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
            "fixedrange": True,
        },
        annotations=annotations,
        shapes=[
            {
                "type": "rect",
                "xref": "paper",
                "yref": "y",
                "x0": 0,
                "x1": 1,
                "y0": y0 - 0.5,
                "y1": y1 + 0.5,
                "fillcolor": color,
                "line": {"width": 0},
                "layer": "below",
            }
            for y0, y1, color in bands
        ],
    )
    return {"data": traces, "layout": layout, "notes": [] if timeline.events else [dict(EMPTY_NOTE)]}


def build_key_figure(timeline: Timeline, *, hover: bool = True, plot_px: float | None = None) -> go.Figure:
    """Build the key events' chart (see the module docstring).

    Args:
        timeline: the merged timeline.
        hover: as in `plot.build_figure`: write the hover texts, or leave them to the page.
        plot_px: the plot's width in pixels, for placing the labels (default `PLOT_PX`).

    Returns:
        The figure; deterministic for a given timeline and width. Each label is an annotation named
        by its event's id (the page opens the event when it is clicked).
    """
    return as_figure(key_figure_spec(timeline, hover=hover, plot_px=plot_px))

"""The timeline chart: one lane per source, dates on the x axis, disagreements drawn as such.

A fact-checker's first questions are "who says when?" and "where do they disagree?", so the chart
puts every source in its own lane (plus a merged lane on top) rather than one dot per event:
agreement shows as vertical alignment, a conflict as a red dashed line joining the claims.
Precision is visible too: a day is a point, "in January" is a bar covering the whole month, so a
vague date is never drawn as if it were exact.

Built with `plotly.graph_objects` only (no plotly.express, no pandas). The figure is a pure
function of the timeline: traces come in a fixed order, the template is named explicitly (the
global plotly default cannot leak in) and ``uirevision`` is constant.

Plotly renders a subset of HTML in hover labels, tick labels and legend names, so every
article-derived string shown there is HTML-escaped first.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date, timedelta

import plotly.graph_objects as go

from timeline.models import CanonicalEvent, DateInterval, Timeline
from timeline.render.rows import claim_label, conflict_summary, find_conflict
from timeline.render.values import source_label, timex_value

MERGED_LANE = "All sources (merged)"
"""Label of the top lane, which shows each canonical event once at its reconciled date."""

CONFLICT_COLOR = "#D55E00"
"""Okabe-Ito vermillion: reserved for conflicting dates."""

MERGED_COLOR = "#000000"
LANE_COLORS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442")
"""Okabe-Ito colours (colour-blind safe) for source lanes, cycled; vermillion is kept for conflicts."""

CONFLICT_LEGEND = "conflicting dates"
CHOSEN_LEGEND = "date kept (conflict)"

_MS_PER_DAY = 86_400_000
_HOVER = "%{hovertext}<extra></extra>"


def esc(text: str) -> str:
    """Escape text for plotly's HTML-subset labels (hover, ticks, legend)."""
    return html.escape(text, quote=False)


@dataclass
class _Lane:
    """What one lane draws: day points and coarser range bars."""

    label: str
    color: str
    points: list[tuple[str, str, str]] = field(default_factory=list)
    """(x date, event id, hover text)."""
    bars: list[tuple[str, int, str, str]] = field(default_factory=list)
    """(base date, length in ms, event id, hover text)."""
    seen: set[tuple[str, DateInterval]] = field(default_factory=set)

    def add(self, event_id: str, interval: DateInterval, hover: str) -> None:
        """Add an item once per (event, interval): copies from one source collapse to one mark."""
        key = (event_id, interval)
        if key in self.seen:
            return
        self.seen.add(key)
        if interval.granularity == "day" and interval.days == 1:
            self.points.append((interval.earliest.isoformat(), event_id, hover))
        else:
            self.bars.append((interval.earliest.isoformat(), interval.days * _MS_PER_DAY, event_id, hover))


def lane_labels(timeline: Timeline) -> list[str]:
    """Return the source lanes (without the merged lane), sorted case-insensitively.

    A lane exists for every article, every provenance source and every conflict claim, labelled by
    source name, or by article id when the source is unnamed.
    """
    labels = {source_label(a.source, a.id) for a in timeline.articles}
    for event in timeline.events:
        labels.update(source_label(p.source, p.article_id) for p in event.provenance)
    for conflict in timeline.conflicts:
        labels.update(claim_label(c) for c in conflict.claims)
    return sorted(labels, key=lambda s: (s.casefold(), s))


def _span_text(interval: DateInterval) -> str:
    """Return ``value (granularity)`` plus the inclusive bounds when it is more than a day."""
    value = timex_value(interval)
    if interval.days == 1:
        return f"{value} ({interval.granularity})"
    return f"{value} ({interval.granularity}: {interval.earliest} to {interval.latest})"


def _merged_hover(event: CanonicalEvent, conflict_text: str) -> str:
    """Hover text of an event in the merged lane."""
    lines = [
        f"<b>{esc(event.title)}</b>",
        f"resolved: {esc(_span_text(event.interval))}",
        f"{event.n_sources} source(s), {event.n_mentions} mention(s)",
    ]
    if conflict_text:
        lines.append(f"conflicting dates: {esc(conflict_text)}")
    return "<br>".join(lines)


def _build_lanes(timeline: Timeline) -> list[_Lane]:
    """Collect every lane's items, merged lane first."""
    labels = lane_labels(timeline)
    lanes = {MERGED_LANE: _Lane(MERGED_LANE, MERGED_COLOR)}
    for i, label in enumerate(labels):
        lanes.setdefault(label, _Lane(label, LANE_COLORS[i % len(LANE_COLORS)]))
    for event in timeline.events:
        conflict = find_conflict(timeline, event)
        lanes[MERGED_LANE].add(
            event.id, event.interval, _merged_hover(event, conflict_summary(conflict) if conflict else "")
        )
        for prov in event.provenance:
            interval = prov.interval or event.interval
            words = prov.time_text or "(no date words)"
            published = prov.published.isoformat() if prov.published else "unknown"
            hover = "<br>".join(
                (
                    f"<b>{esc(event.title)}</b>",
                    f"date as written: {esc(words)}",
                    f"resolved: {esc(_span_text(interval))}",
                    f"source: {esc(source_label(prov.source, prov.article_id))}, "
                    f"published {published} ({prov.published_origin})",
                    f"{event.n_sources} source(s) for this event",
                )
            )
            lanes[source_label(prov.source, prov.article_id)].add(event.id, interval, hover)
    return list(lanes.values())


def _midpoint(interval: DateInterval) -> date:
    """Return the middle day of an interval (its only day for a day)."""
    return interval.earliest + timedelta(days=(interval.days - 1) // 2)


def _lane_traces(lane: _Lane) -> list[go.Scatter | go.Bar]:
    """Return a lane's traces: its points, then its range bars (one legend entry per lane)."""
    name = esc(lane.label)
    traces: list[go.Scatter | go.Bar] = []
    if lane.points:
        traces.append(
            go.Scatter(
                x=[p[0] for p in lane.points],
                y=[name] * len(lane.points),
                customdata=[p[1] for p in lane.points],
                hovertext=[p[2] for p in lane.points],
                hovertemplate=_HOVER,
                mode="markers",
                name=name,
                legendgroup=name,
                marker={
                    "color": lane.color,
                    "size": 11,
                    "symbol": "circle",
                    "line": {"color": "#333333", "width": 1},
                },
            )
        )
    if lane.bars:
        traces.append(
            go.Bar(
                x=[b[1] for b in lane.bars],
                base=[b[0] for b in lane.bars],
                y=[name] * len(lane.bars),
                customdata=[b[2] for b in lane.bars],
                hovertext=[b[3] for b in lane.bars],
                hovertemplate=_HOVER,
                orientation="h",
                width=0.35,
                name=name,
                legendgroup=name,
                showlegend=not lane.points,
                marker={"color": lane.color, "opacity": 0.55, "line": {"color": lane.color, "width": 1}},
            )
        )
    return traces


def _conflict_traces(timeline: Timeline) -> list[go.Scatter]:
    """Return one dashed trace per conflict (one marker per claim), then the "date kept" markers."""
    titles = {e.id: e.title for e in timeline.events}
    traces: list[go.Scatter] = []
    chosen: list[tuple[str, str, str, str]] = []
    for conflict in timeline.conflicts:
        title = titles.get(conflict.event_id, conflict.event_id)
        xs, ys, hovers = [], [], []
        for claim in conflict.claims:
            x = _midpoint(claim.interval).isoformat()
            y = esc(claim_label(claim))
            kept = claim.article_id == conflict.chosen_article_id
            hover = "<br>".join(
                (
                    f"<b>Conflicting dates: {esc(title)}</b>",
                    f"{esc(claim_label(claim))} says: {esc(claim.words)}",
                    f"resolved: {esc(_span_text(claim.interval))}",
                    esc(claim.anchor),
                    "this date was kept" if kept else "this date was not kept",
                )
            )
            xs.append(x)
            ys.append(y)
            hovers.append(hover)
            if kept:
                chosen.append((x, y, conflict.event_id, hover))
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                customdata=[conflict.event_id] * len(xs),
                hovertext=hovers,
                hovertemplate=_HOVER,
                mode="lines+markers",
                name=CONFLICT_LEGEND,
                legendgroup="conflicts",
                showlegend=not traces,
                line={"color": CONFLICT_COLOR, "dash": "dash", "width": 2},
                marker={
                    "color": CONFLICT_COLOR,
                    "symbol": "x",
                    "size": 13,
                    "line": {"color": "#ffffff", "width": 1},
                },
            )
        )
    if chosen:
        traces.append(
            go.Scatter(
                x=[c[0] for c in chosen],
                y=[c[1] for c in chosen],
                customdata=[c[2] for c in chosen],
                hovertext=[c[3] for c in chosen],
                hovertemplate=_HOVER,
                mode="markers",
                name=CHOSEN_LEGEND,
                legendgroup="conflicts",
                marker={"color": CONFLICT_COLOR, "symbol": "diamond-open", "size": 22, "line": {"width": 3}},
            )
        )
    return traces


def build_figure(timeline: Timeline) -> go.Figure:
    """Build the timeline chart.

    Lanes (y, categorical, top to bottom): the merged lane, then one per source, sorted. Day dates
    are markers; coarser dates are horizontal bars from ``earliest`` to ``latest + 1 day``. Each
    conflict is a dashed vermillion line joining "x" markers, one per claim in its source's lane;
    the kept claim is ringed with a diamond. Every mark carries its canonical event id in
    ``customdata`` so the page can open the event's detail panel on click.

    Args:
        timeline: the merged timeline.

    Returns:
        The figure; deterministic for a given timeline.
    """
    lanes = _build_lanes(timeline)
    traces: list[go.Scatter | go.Bar] = []
    for lane in lanes:
        traces.extend(_lane_traces(lane))
    traces.extend(_conflict_traces(timeline))
    fig = go.Figure(data=traces)
    categories = [esc(lane.label) for lane in lanes if lane.label != MERGED_LANE or lane.points or lane.bars]
    fig.update_layout(
        template="plotly_white",
        height=max(360, 170 + 46 * len(categories)),
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        hovermode="closest",
        hoverlabel={"align": "left"},
        clickmode="event",
        barmode="overlay",
        uirevision="timeline",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "xanchor": "left"},
        xaxis={"type": "date", "rangeslider": {"visible": True, "thickness": 0.08}, "automargin": True},
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            "range": [len(categories) - 0.5, -0.5],
            "automargin": True,
            "fixedrange": True,
        },
    )
    if not timeline.events:
        fig.add_annotation(text="No dated events", showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5)
    return fig

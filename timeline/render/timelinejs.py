"""TimelineJS3 export: the canonical events as a Knight Lab TimelineJS JSON file.

TimelineJS (https://timeline.knightlab.com) is what many newsrooms embed for a story's timeline. Its
JSON has a title slide and one slide per event::

    {"title": {"text": {"headline", "text"}},
     "events": [{"start_date": {"year", "month", "day"}, "end_date"?, "display_date"?,
                 "text": {"headline", "text"}, "group"?, "unique_id"}]}

A date gives only the parts the text gave: "in January 2024" is ``{"year": 2024, "month": 1}``,
"in 2023" is ``{"year": 2023}``. A week, quarter, season or half is its first and last day with a
``display_date`` that says which period it is; an interval that is no single period (a merged or
"late last month" range) is its first and last day.

TimelineJS renders ``headline`` and ``text`` as HTML, and every string here comes from articles, so
each is escaped with `html.escape`; links are made only from ``http(s)`` URLs. The slide text lists
every source's sentence with the date words marked, how the date was read and, for an event whose
sources disagree, the conflict (each claim, the date kept, why, and the explanation).

Pure and deterministic: the same timeline gives the same text.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any

from timeline.display import displayable, neutralise_bidi
from timeline.models import CanonicalEvent, DateInterval, Timeline
from timeline.render.rows import MentionRow, claim_label, event_kind, find_conflict, mention_rows
from timeline.render.values import timex_value
from timeline.render.views import conflict_line, counts, safe_link, story_span

CONFLICT_GROUP = "Sources disagree about the date"
"""TimelineJS group (a row of its time navigator) of the events with a date conflict."""

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")

_PERIODS_AS_RANGE = frozenset({"week", "quarter", "half", "season", "decade", "century"})


def _day(day: Any) -> dict[str, int]:
    return {"year": day.year, "month": day.month, "day": day.day}


def timelinejs_dates(interval: DateInterval) -> dict[str, Any]:
    """Return a slide's ``start_date`` (and ``end_date``, ``display_date`` when needed) for an interval.

    Args:
        interval: the event's resolved interval.

    Returns:
        The date fields of a TimelineJS slide.
    """
    value = timex_value(interval)
    first, last, granularity = interval.earliest, interval.latest, interval.granularity
    exact = "/" not in value
    if exact and granularity == "day":
        return {"start_date": _day(first)}
    if exact and granularity == "month":
        return {"start_date": {"year": first.year, "month": first.month}}
    if exact and granularity == "year":
        return {"start_date": {"year": first.year}}
    if exact and granularity in ("decade", "century"):
        return {
            "start_date": {"year": first.year},
            "end_date": {"year": last.year},
            "display_date": f"{first.year}–{last.year}",
        }
    dates: dict[str, Any] = {"start_date": _day(first)}
    if last != first:
        dates["end_date"] = _day(last)
    if exact and granularity in _PERIODS_AS_RANGE:
        dates["display_date"] = value
    return dates


def slide_id(event_id: str, taken: set[str]) -> str:
    """Return a slide's ``unique_id``: the event id, safe as an HTML id and a URL fragment, unique.

    Characters other than letters, digits, "_" and "-" become "-" (pipeline ids such as
    ``ev-8483af98e3e2`` stay as they are); a clash gets a "-2", "-3"... suffix.
    """
    base = _UNSAFE_ID.sub("-", event_id) or "event"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def _link(source: str, url: str | None) -> str:
    """Return the source's name, linked when its URL is http(s)."""
    link = safe_link(url)
    if link is None:
        return f"<strong>{escape(source)}</strong>"
    return f'<a href="{escape(link)}" rel="noopener noreferrer">{escape(source)}</a>'


def _mention_html(row: MentionRow) -> str:
    """One source's sentence, date words marked, and how its date was read."""
    published = row.published.isoformat() if row.published else "unknown"
    hl = row.highlight
    if hl is not None:
        quote = f"{escape(hl.before)}<mark>{escape(hl.marked)}</mark>{escape(hl.after)}"
    else:
        quote = escape(row.sentence)
    if not row.sentence.lstrip().startswith(_OPENING_QUOTES):  # a sentence that opens a quotation has its own
        quote = f"&ldquo;{quote}&rdquo;"
    return (
        f"<li>{_link(row.source, row.url)} (published {published}, {escape(row.published_origin)}): "
        f"{quote}<br><small>{escape(row.anchor_text)}</small></li>"
    )


_OPENING_QUOTES = ('"', "“", "‘", "'", "«")


def _event_html(timeline: Timeline, event: CanonicalEvent, mentions: list[MentionRow]) -> str:
    """The slide text of an event: date, actors, conflict, and every source."""
    interval = event.interval
    when = timex_value(interval)
    if interval.days > 1:
        when += f" ({interval.granularity}: {interval.earliest} to {interval.latest})"
    else:
        when += f" ({interval.granularity})"
    parts = [f"<p><strong>Date:</strong> {escape(when)}</p>"]
    actors = sorted({a.name for a in event.actors}, key=lambda s: (s.casefold(), s))
    if actors:
        parts.append(f"<p><strong>Actors:</strong> {escape('; '.join(actors))}</p>")
    conflict = find_conflict(timeline, event)
    if conflict is not None:
        claims = "".join(
            f"<li>{escape(claim_label(c))}: &lsquo;{escape(c.words)}&rsquo; &rarr; "
            f"{escape(timex_value(c.interval))}{' (kept)' if c.article_id == conflict.chosen_article_id else ''}"
            "</li>"
            for c in conflict.claims
        )
        parts.append(f"<p><strong>Sources disagree about the date:</strong></p><ul>{claims}</ul>")
        if conflict.explanation:
            parts.append(f"<p><em>{escape(conflict.explanation)}</em></p>")
        parts.append(f"<p>Why: {escape(conflict.reason)}</p>")
    sources = "".join(_mention_html(m) for m in mentions)
    parts.append(f"<p><strong>What each source says:</strong></p><ul>{sources}</ul>")
    return "".join(parts)


def timelinejs_data(timeline: Timeline, *, title: str = "Story timeline") -> dict[str, Any]:
    """Return the TimelineJS3 data for a timeline (see the module docstring).

    Args:
        timeline: the merged timeline.
        title: the title slide's headline.

    Returns:
        ``{"title": ..., "events": [...]}``, one event slide per canonical event, in timeline order;
        bidirectional control characters neutralised (`timeline.display`).
    """
    timeline, title = displayable(timeline), neutralise_bidi(title)
    by_event: dict[str, list[MentionRow]] = {}
    for row in mention_rows(timeline):
        if row.event_id:
            by_event.setdefault(row.event_id, []).append(row)
    events = []
    taken: set[str] = set()
    for event in timeline.events:
        slide: dict[str, Any] = timelinejs_dates(event.interval)
        kind = event_kind(event)
        headline = escape(event.title) if kind == "asserted" else f"{escape(event.title)} ({kind})"
        slide["text"] = {
            "headline": headline,
            "text": _event_html(timeline, event, by_event.get(event.id, [])),
        }
        if find_conflict(timeline, event) is not None:
            slide["group"] = CONFLICT_GROUP
        slide["unique_id"] = slide_id(event.id, taken)
        events.append(slide)
    n = counts(timeline)
    span = story_span(timeline)
    summary = f"{n.events} events from {n.articles} articles ({n.sources} sources)"
    if span is not None:
        summary = f"{span[0]} to {span[1]}: {summary}"
    lines = [f"<p>{escape(summary)}.</p>"]
    if n.conflicts:
        lines.append(f"<p>{escape(conflict_line(n.conflicts))}.</p>")
    if n.unplaced:
        lines.append(f"<p>{n.unplaced} undated mentions are not shown.</p>")
    return {"title": {"text": {"headline": escape(title), "text": "".join(lines)}}, "events": events}


def render_timelinejs(timeline: Timeline, *, title: str = "Story timeline") -> str:
    """Render the TimelineJS3 JSON text (UTF-8, indented, ending with a newline).

    Args:
        timeline: the merged timeline.
        title: the title slide's headline.

    Returns:
        The JSON text; the same for the same timeline.
    """
    return json.dumps(timelinejs_data(timeline, title=title), ensure_ascii=False, indent=2) + "\n"

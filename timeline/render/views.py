"""What the report shows, as plain data: the template context and the detail panel's JSON.

Kept apart from `report` (which only does HTML: the template environment, the plotly fragment,
script-safe JSON) so what a reader sees can be tested without parsing HTML. Every string here is
raw article text; escaping is the template's job (autoescape) or `report.script_json`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from timeline.models import Conflict, Timeline
from timeline.render.plot import lane_labels
from timeline.render.rows import EventRow, MentionRow, claim_label, conflict_summary, event_rows, mention_rows
from timeline.render.values import timex_value

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
_WEAK_ORIGINS = frozenset({"inferred", "missing"})


def safe_link(url: str | None) -> str | None:
    """Return the URL if it may be used as a link target (http or https only), else None."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@dataclass(frozen=True, slots=True)
class Counts:
    """The numbers in the report header."""

    events: int
    articles: int
    sources: int
    conflicts: int
    issues: int
    unplaced: int


def counts(timeline: Timeline) -> Counts:
    """Count events, articles, distinct sources, conflicts, issues and unplaced mentions."""
    return Counts(
        events=len(timeline.events),
        articles=len(timeline.articles),
        sources=len(lane_labels(timeline)),
        conflicts=len(timeline.conflicts),
        issues=len(timeline.issues),
        unplaced=len(timeline.unplaced),
    )


def story_span(timeline: Timeline) -> tuple[str, str] | None:
    """Return the first and last day covered by the canonical events, ISO, or None without events."""
    if not timeline.events:
        return None
    first = min(e.interval.earliest for e in timeline.events)
    last = max(e.interval.latest for e in timeline.events)
    return first.isoformat(), last.isoformat()


def _conflict_view(conflict: Conflict, titles: dict[str, str]) -> dict[str, Any]:
    """Flatten a conflict for the template and the panel JSON."""
    return {
        "id": conflict.id,
        "event_id": conflict.event_id,
        "has_event": conflict.event_id in titles,
        "title": titles.get(conflict.event_id, conflict.event_id),
        "summary": conflict_summary(conflict),
        "reason": conflict.reason,
        "explanation": conflict.explanation,
        "claims": [
            {
                "source": claim_label(claim),
                "words": claim.words,
                "date": timex_value(claim.interval),
                "start": claim.interval.earliest.isoformat(),
                "end": claim.interval.latest.isoformat(),
                "anchor": claim.anchor,
                "chosen": claim.article_id == conflict.chosen_article_id,
            }
            for claim in conflict.claims
        ],
    }


def _mention_view(row: MentionRow) -> dict[str, Any]:
    """Flatten a mention for the panel JSON."""
    hl = row.highlight
    return {
        "source": row.source,
        "article_id": row.article_id,
        "url": safe_link(row.url),
        "published": row.published.isoformat() if row.published else None,
        "origin": row.published_origin,
        "sentence": row.sentence,
        "before": hl.before if hl else "",
        "mark": hl.marked if hl else "",
        "after": hl.after if hl else "",
        "date": row.value,
        "time_source": row.time_source,
        "anchor_text": row.anchor_text,
    }


def _event_view(
    row: EventRow, mentions: Sequence[MentionRow], conflict: dict[str, Any] | None
) -> dict[str, Any]:
    """Flatten an event for the panel JSON, with the lower-cased text the search box matches."""
    search = " ".join(
        (row.value, row.start.isoformat(), row.end.isoformat(), row.title, *row.actors, *row.sources)
        + tuple(m.sentence for m in mentions)
        + tuple(m.date_words for m in mentions)
    ).lower()
    return {
        "id": row.event_id,
        "title": row.title,
        "date": row.value,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "granularity": row.granularity,
        "actors": list(row.actors),
        "sources": list(row.sources),
        "n_sources": row.n_sources,
        "n_mentions": row.n_mentions,
        "conflict": conflict,
        "mentions": [_mention_view(m) for m in mentions],
        "search": search,
    }


def page_context(timeline: Timeline) -> dict[str, Any]:
    """Build everything the report template shows, except the chart and the title."""
    events = event_rows(timeline)
    mentions = mention_rows(timeline)
    titles = {e.id: e.title for e in timeline.events}
    conflicts = [_conflict_view(c, titles) for c in timeline.conflicts]
    conflict_by_id = {c["id"]: c for c in conflicts}
    by_event: dict[str, list[MentionRow]] = {}
    for m in mentions:
        if m.event_id:
            by_event.setdefault(m.event_id, []).append(m)
    payload = {
        "events": [
            _event_view(row, by_event.get(row.event_id, []), conflict_by_id.get(row.conflict_id or ""))
            for row in events
        ]
    }
    issues = sorted(timeline.issues, key=lambda i: _SEVERITY_ORDER[i.severity])
    articles = [
        {
            "id": a.id,
            "source": a.source,
            "title": a.title,
            "url": a.url,
            "link": safe_link(a.url),
            "published": a.published.isoformat() if a.published else None,
            "origin": a.published_origin,
            "weak_origin": a.published_origin in _WEAK_ORIGINS,
        }
        for a in timeline.articles
    ]
    return {
        "engine_version": timeline.engine_version,
        "settings_digest": timeline.settings_digest,
        "span": story_span(timeline),
        "counts": counts(timeline),
        "sources": lane_labels(timeline),
        "events": events,
        "conflicts": conflicts,
        "unplaced": [m for m in mentions if not m.event_id],
        "articles": articles,
        "issues": issues,
        "panel_data": payload,
    }

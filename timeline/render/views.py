"""What the report shows, as plain data: the template context and the page's JSON.

Kept apart from `report` (which only does HTML: the template environment, the plotly fragment,
script-safe JSON) so what a reader sees can be tested without parsing HTML. Every string here is
raw article text; escaping is the template's job (autoescape) or `report.script_json`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress
from operator import attrgetter
from typing import Any

from timeline.about import about_choices
from timeline.models import Conflict, Timeline
from timeline.render.lanes import event_facts, lane_labels, story_window
from timeline.render.rows import (
    EventRow,
    MentionRow,
    claim_label,
    conflict_summary,
    event_rows,
    placed_mention_rows,
    unplaced_mention_rows,
)
from timeline.render.values import readable_anchor, timex_value

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


def counts(timeline: Timeline, sources: Sequence[str] | None = None) -> Counts:
    """Count events, articles, distinct sources, conflicts, issues and unplaced mentions.

    ``sources``: the timeline's `lane_labels`, when the caller has them (they read every mention).
    """
    return Counts(
        events=len(timeline.events),
        articles=len(timeline.articles),
        sources=len(lane_labels(timeline) if sources is None else sources),
        conflicts=len(timeline.conflicts),
        issues=len(timeline.issues),
        unplaced=len(timeline.unplaced),
    )


def story_span(timeline: Timeline) -> tuple[str, str] | None:
    """Return where the story's dated mentions are dense (`rows.story_window`), ISO, or None without events.

    A few far dates ("in 800", "by 2099") do not stretch it: `full_span` has every date.
    """
    if not timeline.events:
        return None
    window = story_window(timeline)  # once per timeline: the charts' first zoom is this window with a margin
    assert window is not None
    return window[0].isoformat(), window[1].isoformat()


def full_span(timeline: Timeline, events: Sequence[EventRow] | None = None) -> tuple[str, str] | None:
    """Return the first and last day of any canonical event, ISO, or None without events.

    ``events``: the timeline's `event_rows`, when built: their bounds are read from them (in C), not from
    the 28,700 events of a big story and their intervals again.
    """
    if not timeline.events:
        return None
    if events is not None:
        first, last = min(map(_START, events)), max(map(_END, events))
    else:
        intervals = [e.interval for e in timeline.events]
        first, last = min(map(_EARLIEST, intervals)), max(map(_LATEST, intervals))  # one pass in Python, two in C
    return first.isoformat(), last.isoformat()


_EARLIEST, _LATEST = attrgetter("earliest"), attrgetter("latest")
_START, _END = attrgetter("start"), attrgetter("end")


UNPLACED_SHOWN = 300
"""Undated mentions listed in the page; the rest are in mentions.csv and timeline.json. Every clause
is an event mention, so a big corpus has tens of thousands: listing all would make a page of tens of MB."""

CONFLICTS_OPEN = 10
"""Conflict cards shown before the rest are folded into a "show the other N" disclosure."""


def conflict_line(n_conflicts: int) -> str:
    """Return the one-line conflict summary: "5 events where sources disagree about the date"."""
    if n_conflicts == 1:
        return "1 event where sources disagree about the date"
    return f"{n_conflicts} events where sources disagree about the date"


def _utf16_len(text: str) -> int:
    """Return the length of a string in UTF-16 code units (what JavaScript's ``String.length`` counts)."""
    if text.isascii():  # most sentences: one unit a character, and no copy made to count them
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _conflict_titles(timeline: Timeline) -> dict[str, str]:
    """Return the title of each conflict's event by its id (of the last event of an id, as a dict of all would).

    The conflicts' events are found by index (`lanes.EventFacts.disputed`, which the charts ask for too and the
    output stage finds before it forks): a big story's 28 conflicts need not read its 28,700 events' titles.
    """
    events = timeline.events
    return {event_id: events[index].title for event_id, index in event_facts(timeline).disputed(timeline).items()}


def _conflict_view(conflict: Conflict, titles: dict[str, str]) -> dict[str, Any]:
    """Flatten a conflict for the template and the page's JSON (keys in order: see `page_data`)."""
    return {
        "claims": [
            {
                "anchor": readable_anchor(claim.anchor),
                "chosen": claim.article_id == conflict.chosen_article_id,
                "date": timex_value(claim.interval),
                "end": claim.interval.latest.isoformat(),
                "granularity": claim.interval.granularity,
                "source": claim_label(claim),
                "start": claim.interval.earliest.isoformat(),
                "words": claim.words,
            }
            for claim in conflict.claims
        ],
        "event_id": conflict.event_id,
        "explanation": conflict.explanation,
        "has_event": conflict.event_id in titles,
        "id": conflict.id,
        "reason": conflict.reason,
        "summary": conflict_summary(conflict),
        "title": titles.get(conflict.event_id, conflict.event_id),
    }


class _Articles:
    """The distinct (article, source, link, publication date, origin) a page's mentions cite, indexed."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str, str | None, str | None, str], int] = {}
        self.seen: dict[tuple[str, str, str | None, date | None, str], int] = {}

    def ref(self, row: MentionRow) -> int:
        """Return the index of a mention's article entry, adding it on first use.

        Each article's fields are made into an entry once (`seen`), not once per mention.
        """
        fields = (row.article_id, row.source, row.url, row.published, row.published_origin)
        found = self.seen.get(fields)
        if found is None:
            key = (
                row.article_id,
                row.source,
                safe_link(row.url),
                row.published.isoformat() if row.published else None,
                row.published_origin,
            )
            found = self.seen[fields] = self.index.setdefault(key, len(self.index))
        return found

    def views(self) -> list[dict[str, Any]]:
        """Return the entries, in index order."""
        return [
            {"id": key[0], "origin": key[4], "published": key[3], "source": key[1], "url": key[2]} for key in self.index
        ]


class _IsoDates(dict[date, str]):
    """Each day's ISO text, made on first use: the page's 60,000 dates are a thousand distinct days."""

    def __missing__(self, day: date) -> str:
        text = self[day] = day.isoformat()
        return text


_ANCHOR_FIELDS = attrgetter("value", "date_words", "time_source", "anchor")
"""What a mention row's `MentionRow.anchor_text` says depends on: mentions share few of them."""


def _mention_view(
    row: MentionRow, articles: _Articles, event: EventRow, anchors: dict[tuple[str, ...], str], iso: _IsoDates
) -> dict[str, Any]:
    """Flatten a mention for the page's JSON, leaving out what it shares with its event.

    ``mark`` is ``[start, end]`` of the date words in ``sentence``, in UTF-16 code units (JavaScript
    string offsets), or None when they cannot be located. ``article`` indexes the page's articles.
    ``date``, ``start``, ``end`` and ``granularity`` (the mention's own reading of the date) are
    there only when the mention has an interval other than its event's: the chart and the panel
    fall back to the event's. ``time_source`` is there only when it is not "explicit", ``kind`` (the
    mention's factuality) only when it is not "asserted". A timeline
    of thousands of events is much smaller this way. ``anchors``: the ``anchor_text`` of each
    `_ANCHOR_FIELDS` met so far, each worked out once; ``iso``: the days' ISO texts.
    """
    hl = row.highlight
    mark = None
    if hl is not None:
        if hl.sentence.isascii():  # most sentences: a character a unit (`_utf16_len`), nothing to cut
            mark = [hl.start, hl.end]
        else:
            lo = _utf16_len(hl.before)
            mark = [lo, lo + _utf16_len(hl.marked)]
    fields = _ANCHOR_FIELDS(row)
    anchor_text = anchors.get(fields)
    if anchor_text is None:
        anchor_text = anchors[fields] = row.anchor_text
    view: dict[str, Any] = {"anchor_text": anchor_text, "article": articles.ref(row)}  # keys in order
    start = row.start
    own = start is not None and (start, row.end, row.granularity) != (event.start, event.end, event.granularity)
    if own:
        view["date"] = row.value
        view["end"] = iso[row.end or start]  # type: ignore[index]
        view["granularity"] = row.granularity
    if row.factuality != "asserted":
        view["kind"] = row.factuality
    view["mark"] = mark
    view["sentence"] = row.sentence
    if own:
        view["start"] = iso[start]  # type: ignore[index]
    if row.time_source != "explicit":
        view["time_source"] = row.time_source
    view["words"] = row.date_words
    return view


def _event_view(
    row: EventRow,
    mentions: Sequence[MentionRow],
    conflict: int | None,
    articles: _Articles,
    anchors: dict[tuple[str, ...], str],
    iso: _IsoDates,
) -> dict[str, Any]:
    """Flatten an event for the page's JSON (the script builds the table row and the search text from it).

    ``kind`` (how most sources tell the event) is there only when it is not "asserted".
    """
    view: dict[str, Any] = {  # keys in order (see `page_data`)
        "actors": list(row.actors),
        "conflict": conflict,
        "date": row.value,
        "end": iso[row.end],
        "granularity": row.granularity,
        "id": row.event_id,
    }
    if row.kind != "asserted":
        view["kind"] = row.kind
    view["mentions"] = [_mention_view(m, articles, row, anchors, iso) for m in mentions]
    view["n_mentions"] = row.n_mentions
    view["n_sources"] = row.n_sources
    view["sources"] = list(row.sources)
    view["start"] = iso[row.start]
    view["title"] = row.title
    return view


def page_data(
    timeline: Timeline,
    conflicts: Sequence[dict[str, Any]] | None = None,
    mentions: Sequence[MentionRow] | None = None,
    events: Sequence[EventRow] | None = None,
) -> dict[str, Any]:
    """Return the data the page's script needs: events with their mentions, conflicts, articles.

    The script renders the events table, the detail panel and the chart's hover texts from it, so
    each fact is in the page once. Events point to their conflict by index in ``conflicts``;
    mentions to their article by index in ``articles``.

    Args:
        timeline: the merged timeline.
        conflicts: the conflict views, if already built (`page_context` shares them).
        mentions: the timeline's `placed_mention_rows` (or all its `mention_rows`: the unplaced are left
            out), if already built (`page_context` shares them too).
        events: the timeline's `event_rows`, if already built (the output stage shares them with the CSV).

    Returns:
        ``{"articles": [...], "conflicts": [...], "events": [...], "about": [...]}``, JSON-serialisable;
        ``about`` lists the entities of the About filter, each with the indexes in ``events`` of the
        events it takes part in (`timeline.about.about_choices`, the logic of ``build --about``).
        Every object's keys are in sorted order, as the page writes them (`report.deflated_json`'s
        ``in_key_order``): serialised as they are, they need no sorting.
    """
    rows = event_rows(timeline) if events is None else events
    if conflicts is None:
        titles = _conflict_titles(timeline)
        conflicts = [_conflict_view(c, titles) for c in timeline.conflicts]
    conflict_index = {c["id"]: i for i, c in enumerate(conflicts)}
    by_event: dict[str, list[MentionRow]] = {}
    for m in placed_mention_rows(timeline) if mentions is None else mentions:
        if m.event_id:
            by_event.setdefault(m.event_id, []).append(m)
    articles = _Articles()
    anchors: dict[tuple[str, ...], str] = {}
    iso = _IsoDates()
    events = [
        _event_view(
            row, by_event.get(row.event_id, []), conflict_index.get(row.conflict_id or ""), articles, anchors, iso
        )
        for row in rows
    ]
    about = [{"events": indexes, "name": name} for name, indexes in about_choices(timeline)]
    return {"about": about, "articles": articles.views(), "conflicts": list(conflicts), "events": events}


_SOURCE, _EVENT_ID = attrgetter("source"), attrgetter("event_id")


def _mentioned_sources(mentions: Sequence[MentionRow]) -> set[str]:
    """Return the labels of the events' mentions' sources (`lanes.lane_labels`' ``mentioned``), from their rows.

    A placed row's ``source`` is its mention's label; the unplaced ones (no ``event_id``) are left out. Read in C
    from the rows (which the output stage has built anyway), not from the 30,000 mentions of a big story again.
    """
    return set(compress(map(_SOURCE, mentions), map(_EVENT_ID, mentions)))


def page_context(
    timeline: Timeline, mentions: Sequence[MentionRow] | None = None, events: Sequence[EventRow] | None = None
) -> dict[str, Any]:
    """Build everything the report template shows, except the chart, the title and the data block (`page_data`).

    Its ``conflicts`` are the views `page_data` takes too. The page lists only the first `UNPLACED_SHOWN`
    unplaced mentions, so only their rows are built here. ``mentions``: the timeline's `placed_mention_rows`
    (or all its `mention_rows`), when built: the sources' labels are read from them (`_mentioned_sources`);
    ``events``: its `event_rows`, when built (`full_span` reads them).
    """
    titles = _conflict_titles(timeline)
    conflicts = [_conflict_view(c, titles) for c in timeline.conflicts]
    explanations = list(dict.fromkeys(c["explanation"] for c in conflicts if c["explanation"]))
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
    sources = lane_labels(timeline, None if mentions is None else _mentioned_sources(mentions))
    return {
        "engine_version": timeline.engine_version,
        "settings_digest": timeline.settings_digest,
        "span": story_span(timeline),
        "full_span": full_span(timeline, events),
        "counts": counts(timeline, sources),
        "sources": sources,
        "conflicts": conflicts,
        "conflict_line": conflict_line(len(conflicts)),
        "conflicts_open": CONFLICTS_OPEN,
        "explanations": explanations,
        "unplaced": unplaced_mention_rows(timeline, UNPLACED_SHOWN),
        "unplaced_total": len(timeline.unplaced),
        "articles": articles,
        "issues": issues,
    }

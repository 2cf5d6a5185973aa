"""Flat, display-ready rows built from a `Timeline`: one place that decides what a cell says.

The CSV exports, the chart and the HTML report all show the same facts (a date at its
granularity, a source label, the words that gave the date, how it was anchored). Computing them
once here keeps the three outputs consistent with each other: a date that reads ``2024-01`` in the
CSV reads ``2024-01`` in the chart hover and in the report table too.

Rows are named tuples (not pydantic models, nor dataclasses): they are an internal view for rendering,
never serialised as a format of their own. A big story has 100,000 mention rows, built for every output;
a frozen dataclass set each of a row's 18 fields through ``object.__setattr__`` (4.5 µs a row, most of
`mention_rows`), a named tuple is built in one call, and is as immutable.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import NamedTuple

from timeline.models import (
    ArticleInfo,
    CanonicalEvent,
    Claim,
    Conflict,
    DateInterval,
    EventMention,
    Factuality,
    PublishedOrigin,
    TimeExpression,
    Timeline,
)
from timeline.render.values import Highlight, readable_anchor, source_label, split_sentence, timex_value

TIME_SOURCE_TEXT = {
    "explicit": "date words in the sentence",
    "inherited": "date carried over from an earlier sentence",
    "publication": "no date words; publication date used",
    "state": "a state at the publication date; not placed on the timeline",
    "none": "no date",
}
"""Plain-language description of `EventMention.time_source` / `Provenance.time_source`."""

KIND_ORDER: tuple[Factuality, ...] = ("asserted", "reported", "planned", "hypothetical", "negated")
"""Event kinds (the factuality of the mentions), in the order the chart's kind lanes and ties use."""


class EventRow(NamedTuple):
    """One canonical event, flattened for tables, the CSV and the chart (built with its fields in this order)."""

    event_id: str
    value: str
    start: date
    end: date
    granularity: str
    title: str
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    n_sources: int
    n_mentions: int
    conflict_id: str | None
    conflict: str
    evidence: tuple[str, ...]
    kind: Factuality = "asserted"


class MentionRow(NamedTuple):
    """One source's mention of an event (a `Provenance` entry) or an unplaced `EventMention` (fields in this order)."""

    event_id: str
    mention_id: str
    article_id: str
    source: str
    url: str | None
    title: str
    published: date | None
    published_origin: PublishedOrigin
    date_words: str
    value: str
    start: date | None
    end: date | None
    granularity: str
    time_source: str
    anchor: str
    sentence: str
    highlight: Highlight | None
    factuality: Factuality = "asserted"

    @property
    def anchor_text(self) -> str:
        """How the date was read, in one line: ``'on Thursday' → 2024-02-08, <anchor>``."""
        if self.value:
            lead = f"'{self.date_words}' → {self.value}" if self.date_words else f"→ {self.value}"
        elif self.date_words:
            lead = f"'{self.date_words}' → not placed in time"
        else:
            lead = "no date"
        if self.time_source in ("inherited", "publication", "state"):
            lead = f"{lead} ({TIME_SOURCE_TEXT[self.time_source]})"
        return f"{lead}, {readable_anchor(self.anchor)}" if self.anchor else lead


def find_conflict(timeline: Timeline, event: CanonicalEvent) -> Conflict | None:
    """Return the conflict about an event: by its ``conflict_id``, else by the conflict's ``event_id``."""
    for conflict in timeline.conflicts:
        if event.conflict_id is not None and conflict.id == event.conflict_id:
            return conflict
    if event.conflict_id is None:
        for conflict in timeline.conflicts:
            if conflict.event_id == event.id:
                return conflict
    return None


def conflict_finder(timeline: Timeline) -> Callable[[CanonicalEvent], Conflict | None]:
    """Return `find_conflict` for one timeline, looking conflicts up by id instead of scanning them per event."""
    by_id, by_event = _conflicts_by(timeline)

    def find(event: CanonicalEvent) -> Conflict | None:
        if event.conflict_id is not None:
            return by_id.get(event.conflict_id)
        return by_event.get(event.id)

    return find


def _conflicts_by(timeline: Timeline) -> tuple[dict[str, Conflict], dict[str, Conflict]]:
    """Return the timeline's conflicts by id and by their event's id (the first of each), for `conflict_finder`."""
    by_id: dict[str, Conflict] = {}
    by_event: dict[str, Conflict] = {}
    for conflict in timeline.conflicts:
        by_id.setdefault(conflict.id, conflict)
        by_event.setdefault(conflict.event_id, conflict)
    return by_id, by_event


def _timex_values() -> Callable[[DateInterval], str]:
    """Return `timex_value` remembering each interval's value: a story's mentions share few intervals."""
    values: dict[tuple[date, date, str], str] = {}

    def value(interval: DateInterval) -> str:
        key = (interval.earliest, interval.latest, interval.granularity)
        text = values.get(key)
        if text is None:
            text = values[key] = timex_value(interval)
        return text

    return value


def event_kind(event: CanonicalEvent) -> Factuality:
    """Return an event's kind: the factuality most of its mentions give it, ties in `KIND_ORDER`.

    One source reporting a meeting as held and another as planned is one event told two ways; the
    majority decides its lane and marker, and each source's own mark keeps that source's reading.
    """
    kinds = [p.factuality for p in event.provenance]
    if len(kinds) == 1:
        return kinds[0]
    best, most = KIND_ORDER[0], 0
    for kind in KIND_ORDER:  # counted in a loop: the report asks this of every event in every chart
        n = kinds.count(kind)
        if n > most:
            best, most = kind, n
    return best


def claim_label(claim: Claim) -> str:
    """Return the source label of a claim."""
    return source_label(claim.source, claim.article_id)


def conflict_summary(conflict: Conflict) -> str:
    """Return a one-line summary: ``2024-02-08 (A, chosen) vs 2024-01-04 (B)``."""
    parts = []
    for claim in conflict.claims:
        chosen = ", chosen" if claim.article_id == conflict.chosen_article_id else ""
        parts.append(f"{timex_value(claim.interval)} ({claim_label(claim)}{chosen})")
    return " vs ".join(parts)


def event_rows(timeline: Timeline) -> list[EventRow]:
    """Return one row per canonical event, in the timeline's order.

    Args:
        timeline: the merged timeline.

    Returns:
        The rows; actors and sources are sorted and de-duplicated, evidence keeps provenance order
        with exact duplicates (the same sentence copied by two outlets) dropped.
    """
    rows = []
    # `conflict_finder`, `_timex_values` and `_sorted_unique` inlined: a Python call each per event added up
    by_id, by_event = _conflicts_by(timeline)
    values: dict[tuple[date, date, str], str] = {}
    for event in timeline.events:
        conflict_id = event.conflict_id
        conflict = by_id.get(conflict_id) if conflict_id is not None else by_event.get(event.id) if by_event else None
        interval = event.interval
        earliest, latest, granularity = interval.earliest, interval.latest, interval.granularity
        value = values.get(dates := (earliest, latest, granularity))
        if value is None:
            value = values[dates] = timex_value(interval)
        actors = event.actors
        if len(actors) == 1:  # most events
            name = actors[0].name
            names: tuple[str, ...] = (name,) if name else ()
        else:
            names = _sorted_unique([a.name for a in actors])
        provenance = event.provenance
        if len(provenance) == 1:  # most events (27,000 of 28,700 in a big story): one source, sentence and kind
            (only,) = provenance
            label = source_label(only.source, only.article_id)
            sources, evidence, kind = (label,) if label else (), (only.sentence,), only.factuality
        else:
            sources = _sorted_unique([source_label(p.source, p.article_id) for p in provenance])
            evidence, kind = tuple(dict.fromkeys([p.sentence for p in provenance])), event_kind(event)
        rows.append(
            EventRow(  # positional, in the fields' order: keywords cost a third of building the row
                event.id,
                value,
                earliest,
                latest,
                granularity,
                event.title,
                names,
                sources,
                event.n_sources,
                event.n_mentions,
                conflict.id if conflict else None,
                conflict_summary(conflict) if conflict else "",
                evidence,
                kind,
            )
        )
    return rows


def mention_rows(timeline: Timeline) -> list[MentionRow]:
    """Return one row per provenance entry (events' order), then one per unplaced mention.

    Args:
        timeline: the merged timeline.

    Returns:
        The rows (`placed_mention_rows`, then `unplaced_mention_rows`); unplaced mentions have an empty
        ``event_id``.
    """
    return placed_mention_rows(timeline) + unplaced_mention_rows(timeline)


def placed_mention_rows(timeline: Timeline) -> list[MentionRow]:
    """Return the rows of the events' mentions: one per provenance entry, in the events' order.

    What the page's data shows of every mention; the unplaced ones (70,000 of a 2,452-article story's
    100,000) are listed by the CSV, and the page shows only their first `views.UNPLACED_SHOWN`.
    """
    articles = {a.id: a for a in timeline.articles}
    value = _timex_values()
    rows = []
    for event in timeline.events:
        for prov in event.provenance:
            interval = prov.interval
            url = prov.url
            if url is None:
                article = articles.get(prov.article_id)
                url = article.url if article else None
            rows.append(
                MentionRow(  # positional, in the fields' order: keywords cost a third of building the row
                    event.id,
                    prov.mention_id,
                    prov.article_id,
                    source_label(prov.source, prov.article_id),
                    url,
                    event.title,
                    prov.published,
                    prov.published_origin,
                    prov.time_text or "",
                    value(interval) if interval else "",
                    interval.earliest if interval else None,
                    interval.latest if interval else None,
                    interval.granularity if interval else "",
                    prov.time_source,
                    prov.anchor,
                    prov.sentence,
                    split_sentence(prov.sentence, prov.sentence_span, prov.time_span, prov.time_text),
                    prov.factuality,
                )
            )
    return rows


def unplaced_mention_rows(timeline: Timeline, limit: int | None = None) -> list[MentionRow]:
    """Return the rows of the unplaced mentions, in the timeline's order (the first ``limit`` of them, if given)."""
    return list(map(MentionRow._make, zip(*unplaced_mention_columns(timeline, MentionRow._fields, limit), strict=True)))


def unplaced_mention_columns(
    timeline: Timeline, names: Sequence[str], limit: int | None = None
) -> list[Sequence[object]]:
    """Return the columns ``names`` (`MentionRow` fields) of `unplaced_mention_rows`, each a list in the rows' order.

    Built a column at a time, without the rows: the mentions CSV lists every unplaced mention (70,000 of a
    2,452-article story's 100,000) and reads 14 of the 18 fields. The mentions are read once, the fields
    asked for at a time (one ``attrgetter`` in C: each read of a model costs a cache miss or two, a pass
    over 70,000 of them 12 ms), and only those: in the output stage's forked process, reading a value
    writes its reference count, which copies its page (9,000 pages for the titles, which the CSV does not
    show). The article's fields are read once per article, and the date's (words, value, bounds, anchor,
    highlight) in a Python call only for the mentions that have a date (one in eight in a big story): the
    others' are one tuple of empty cells. The columns are lists or tuples, as made (copying one into a
    list would touch every value's reference count again).
    """
    mentions = timeline.unplaced[:limit]
    wanted = set(names)
    columns: dict[str, Sequence[object]] = {"event_id": [""] * len(mentions)}
    own = [name for name in _MENTION_OWN if name in wanted]
    own += [name for name, needs in _NEEDED.items() if name not in wanted and not wanted.isdisjoint(needs)]
    if own:
        read = attrgetter(*(_MENTION_OWN[name] for name in own))
        values = list(zip(*map(read, mentions), strict=True)) if len(own) > 1 else [list(map(read, mentions))]
        columns.update(zip(own, values or [()] * len(own), strict=True))
    if not wanted.isdisjoint(_ARTICLE_FIELDS):
        article_ids = columns["article_id"]
        articles = {a.id: a for a in timeline.articles}
        fields = {key: _article_fields(articles.get(key), key) for key in dict.fromkeys(article_ids)}
        for name, index in _ARTICLE_FIELDS.items():
            columns[name] = list(map({key: value[index] for key, value in fields.items()}.__getitem__, article_ids))
    if not wanted.isdisjoint(_TIME_FIELDS):
        times, value = columns["time"], _timex_values()
        cells = [_UNDATED] * len(mentions)
        marked = "highlight" in wanted  # the CSV's columns do not show it: no sentence split for them
        for index in [index for index, time in enumerate(times) if time is not None]:
            cells[index] = _time_cells(mentions[index], times[index], value, highlight=marked)
        columns.update(zip(_TIME_FIELDS, zip(*cells, strict=True) if cells else [()] * len(_UNDATED), strict=True))
    return [columns[name] for name in names]


_MENTION_OWN = {
    "mention_id": "id",
    "article_id": "article_id",
    "title": "title",
    "time_source": "time_source",
    "sentence": "sentence",
    "factuality": "factuality",
    "time": "time",
}
"""The `EventMention` field each of its row's fields is (``time`` is no row field: the date's are read from it)."""

_ARTICLE_FIELDS = {"source": 0, "url": 1, "published": 2, "published_origin": 3}
"""The `MentionRow` fields taken from the mention's article: their places in `_article_fields`."""

_TIME_FIELDS = ("date_words", "value", "start", "end", "granularity", "anchor", "highlight")
"""The `MentionRow` fields read from the mention's date, in `_time_cells`' order."""

_NEEDED = {"article_id": _ARTICLE_FIELDS.keys(), "time": _TIME_FIELDS}
"""The mention's fields read for others: its article id for the article's fields, its date for the date's."""

_UNDATED: tuple[object, ...] = ("", "", None, None, "", "", None)
"""`_time_cells` of a mention without a date: no words, value nor bounds, no anchor (`describe_time_anchor`),
nothing highlighted (`split_sentence` without date words)."""


def _article_fields(
    article: ArticleInfo | None, article_id: str
) -> tuple[str, str | None, date | None, PublishedOrigin]:
    """Return what a mention's row takes from its article: source label, URL, publication date and its origin.

    Once per article: a big story's unplaced mentions are 70,000 rows from 2,452 articles.
    """
    if article is None:
        return source_label("", article_id), None, None, "missing"
    return source_label(article.source, article_id), article.url, article.published, article.published_origin


def _time_cells(
    mention: EventMention,
    time: TimeExpression,
    value: Callable[[DateInterval], str] = timex_value,
    *,
    highlight: bool = True,
) -> tuple[object, ...]:
    """Return the `_TIME_FIELDS` of the row of an unplaced mention that has a date (``time``, its ``time``).

    Without ``highlight`` (not asked for), its cell is None.
    """
    interval = time.interval
    return (
        time.text,
        value(interval) if interval else "",
        interval.earliest if interval else None,
        interval.latest if interval else None,
        interval.granularity if interval else "",
        describe_time_anchor(time),
        split_sentence(mention.sentence, mention.sentence_span, time.span, time.text) if highlight else None,
    )


def describe_time_anchor(time: TimeExpression | None) -> str:
    """Describe what a time expression was resolved against, as the merger's ``anchor`` text would."""
    if time is None:
        return ""
    if time.anchor == "dct":
        when = time.anchor_date.isoformat() if time.anchor_date else "unknown"
        return f"anchored to publication date {when}"
    if time.anchor == "story":
        return f"anchored to the story's date {time.anchor_date.isoformat() if time.anchor_date else 'unknown'}"
    if time.anchor == "absolute":
        return "absolute date"
    return "no anchor"


def _sorted_unique(items: Iterable[str]) -> tuple[str, ...]:
    """Return the distinct non-empty strings, sorted case-insensitively (ties by exact text)."""
    values = set(items)
    values.discard("")
    if len(values) < 2:  # most events have one actor, one source
        return tuple(values)
    return tuple(sorted(values, key=_casefold_key))


def _casefold_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


PERIOD_DAYS = 28
"""A date at least this long (a month, a year, a decade) is a long vague period: the key chart draws it
faint in a band of its own, and it does not set the story span or the first zoom."""

DENSE_SHARE = 0.95
"""The story span is where this share of the dated mentions lie: the outliers (2.5% each side) are left out."""


def mention_intervals(timeline: Timeline) -> list[DateInterval]:
    """Return the interval of every dated mention of a canonical event (its own, else its event's)."""
    return [p.interval or event.interval for event in timeline.events for p in event.provenance] or [
        event.interval for event in timeline.events
    ]


def central_span(intervals: Iterable[DateInterval], share: float = DENSE_SHARE) -> tuple[date, date] | None:
    """Return the first and last day of the central ``share`` of the intervals, long periods left out.

    A 300-article story names a few far dates ("in 800", "by 2099"); its span is where the story's
    dates are dense, not where its outliers are. The starts and the ends are trimmed separately, the
    same number each side (none below 40 intervals at 95%). Long periods (`PERIOD_DAYS` or more) count
    only when nothing else is dated.

    The intervals are counted by their bounds (in C), and the days at the cuts found by walking the few
    distinct days in order: a big story's 100,000 mentions have a thousand dates, not worth two sorts.

    Returns:
        ``(first day, last day)`` inclusive, or None without intervals.
    """
    given = Counter(map(_BOUNDS, intervals))
    core = {bounds: n for bounds, n in given.items() if (bounds[1] - bounds[0]).days + 1 < PERIOD_DAYS} or given
    if not core:
        return None
    cut = math.floor(sum(core.values()) * (1 - share) / 2)
    first, last = _nth_day(core, 0, cut), _nth_day(core, 1, cut)
    return first, max(first, last)


_BOUNDS = attrgetter("earliest", "latest")


def _nth_day(counts: dict[tuple[date, date], int], side: int, n: int) -> date:
    """Return the ``n``-th (from 0) of the counted intervals' first days (``side`` 0), or last days from the end (1).

    What ``sorted(starts)[n]`` and ``sorted(ends)[-1 - n]`` are, the intervals counted by their bounds.
    """
    days: Counter[date] = Counter()
    for bounds, count in counts.items():
        days[bounds[side]] += count
    seen = 0
    for day in sorted(days, reverse=side == 1):
        seen += days[day]
        if seen > n:
            return day
    raise ValueError(f"fewer than {n + 1} intervals")


def story_window(timeline: Timeline) -> tuple[date, date] | None:
    """Return the story's span: the central 95% of its dated mentions (`central_span`)."""
    return central_span(mention_intervals(timeline))

"""Machine-readable exports: the events CSV, the mentions CSV and the timeline JSON.

The CSVs are what journalists open in a spreadsheet, so they are tidy (one row per event or per
mention, ISO dates, ``; ``-joined lists) and safe to open: a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets, and
article text is attacker-controlled (a page can contain ``=HYPERLINK("http://evil", "click")``).
Such cells get a leading apostrophe, which spreadsheets treat as "this is text" and do not show.

The JSON is the lossless form. `timeline.json` is compact (`timeline.compact`: rows instead of keyed
objects, repeated strings once), about 5x the input text instead of 28x; ``keyed=True`` (``timeline
export --format json``) gives exactly ``Timeline.model_dump_json``, for tools that want named fields. Both
read back (`artifacts.read_timeline`) to an equal value.

All functions return strings; the caller writes them (atomically) with UTF-8 encoding.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from timeline.compact import dump_timeline
from timeline.display import neutralise_bidi
from timeline.models import Timeline
from timeline.render.rows import EventRow, MentionRow, event_rows, mention_rows

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "start",
    "end",
    "granularity",
    "title",
    "actors",
    "n_sources",
    "n_mentions",
    "sources",
    "conflict",
    "evidence",
    "kind",
)
"""Columns of the events CSV, in order (new columns are added at the end, so scripts keep working)."""

MENTION_COLUMNS: tuple[str, ...] = (
    "event_id",
    "mention_id",
    "article_id",
    "source",
    "published",
    "published_origin",
    "date_words",
    "start",
    "end",
    "granularity",
    "time_source",
    "anchor",
    "sentence",
    "kind",
)
"""Columns of the mentions CSV, in order (new columns are added at the end)."""

LIST_SEPARATOR = "; "
"""Joins actors and sources inside one cell."""

EVIDENCE_SEPARATOR = " | "
"""Joins the supporting sentences of an event inside one cell."""

_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """Return a CSV cell as text, defused against spreadsheet formula injection and bidi reordering.

    Args:
        value: the cell value; None is the empty string, dates are ISO 8601.

    Returns:
        The text, with a leading apostrophe when it would start a formula, and each bidirectional
        control character replaced by U+FFFD (`timeline.display`).
    """
    return neutralise_bidi(_defused(value))


def _defused(value: object) -> str:
    """`safe_cell` before the bidi controls are replaced (`_write` replaces them in the whole text at once)."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    if text.startswith(_FORMULA_TRIGGERS):
        return "'" + text
    return text


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Write a header and rows as CSV text (RFC 4180 quoting, newline line ends) of `safe_cell` cells.

    The bidi controls are replaced in the whole text once, not cell by cell: they are neither a formula's
    first character nor one that CSV quotes, so the text is the same, in half the time on a big story.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_defused(v) for v in row] for row in rows)
    return neutralise_bidi(buffer.getvalue())


def render_events_csv(timeline: Timeline, rows: Sequence[EventRow] | None = None) -> str:
    """Render one CSV row per canonical event, in the timeline's order.

    Columns are `EVENT_COLUMNS`: ``date`` is the TIMEX-like value at the event's granularity
    (``2024-02-08``, ``2024-01``, ``2024-W06``), ``start``/``end`` the inclusive ISO bounds,
    ``conflict`` a short "date (source) vs date (source)" text or empty, ``evidence`` the
    supporting sentences joined with ``" | "``, ``kind`` how most sources tell it (asserted,
    reported, planned, negated, hypothetical).

    Args:
        timeline: the merged timeline.
        rows: its `event_rows`, when the caller has them already (the output stage shares them with the page).

    Returns:
        The CSV text.
    """
    return _write(EVENT_COLUMNS, event_values(timeline, rows))


def render_mentions_csv(timeline: Timeline, rows: Sequence[MentionRow] | None = None) -> str:
    """Render one CSV row per provenance entry, then one per unplaced mention (empty ``event_id``).

    Args:
        timeline: the merged timeline.
        rows: its `mention_rows`, when the caller has them already (the output stage shares them with the page).

    Returns:
        The CSV text, columns `MENTION_COLUMNS`.
    """
    return _write(MENTION_COLUMNS, mention_values(timeline, rows))


def event_values(timeline: Timeline, rows: Sequence[EventRow] | None = None) -> Iterator[tuple[object, ...]]:
    """Yield each events-CSV row's values, in `EVENT_COLUMNS` order, before they become CSV cells.

    Dates are `date`, counts `int`, lists joined with `LIST_SEPARATOR` and `EVIDENCE_SEPARATOR`. The CSV and
    `Timeline.rows` both read these, so a notebook's table says what the CSV says.
    """
    for row in event_rows(timeline) if rows is None else rows:
        yield (
            row.event_id,
            row.value,
            row.start,
            row.end,
            row.granularity,
            row.title,
            LIST_SEPARATOR.join(row.actors),
            row.n_sources,
            row.n_mentions,
            LIST_SEPARATOR.join(row.sources),
            row.conflict,
            EVIDENCE_SEPARATOR.join(row.evidence),
            row.kind,
        )


def mention_values(timeline: Timeline, rows: Sequence[MentionRow] | None = None) -> Iterator[tuple[object, ...]]:
    """Yield each mentions-CSV row's values, in `MENTION_COLUMNS` order (``None`` for an unknown date)."""
    for row in mention_rows(timeline) if rows is None else rows:
        yield (
            row.event_id,
            row.mention_id,
            row.article_id,
            row.source,
            row.published,
            row.published_origin,
            row.date_words,
            row.start,
            row.end,
            row.granularity,
            row.time_source,
            row.anchor,
            row.sentence,
            row.factuality,
        )


def render_timeline_json(timeline: Timeline, *, keyed: bool = False) -> str:
    """Render the whole timeline as JSON that reads back to an equal `Timeline`.

    Args:
        timeline: the merged timeline.
        keyed: indented JSON with every field named (``Timeline.model_dump_json``) instead of the
            compact form of `timeline.json`.

    Returns:
        The JSON text, ending with a newline.
    """
    if keyed:
        return timeline.model_dump_json(indent=2) + "\n"
    return dump_timeline(timeline)

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
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from operator import attrgetter, itemgetter

from timeline.compact import dump_timeline, timeline_pieces
from timeline.display import neutralise_bidi
from timeline.models import Timeline
from timeline.render.rows import EventRow, MentionRow, event_rows, placed_mention_rows, unplaced_mention_columns

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
    """Write a header and rows as CSV text of `safe_cell` cells: the bytes of ``csv.writer`` (RFC 4180 quoting).

    Raises:
        ValueError: a row is not as wide as the header, or the header has fewer than two columns (``csv.writer``
            quotes a row's only cell when it is empty).
    """
    table = list(map(tuple, rows))
    if len(set(map(len, table)) | {len(header)}) > 1:
        raise ValueError(f"every CSV row must have the header's {len(header)} cells, two or more")
    return _write_columns(header, list(zip(*table, strict=True)) if table else [()] * len(header))


def _write_columns(header: Sequence[str], columns: Sequence[Sequence[object]]) -> str:
    """Write a header and its columns of values (all as long) as `_write` writes the rows they make.

    Column by column rather than cell by cell: a big story's mentions CSV is 1.4 million cells, and a Python
    call per cell (and ``csv.writer``'s own walk over every character) was most of its time. A column is
    looked at as a whole for a cell that starts a formula or needs quoting; only a column that holds one is
    then defused or quoted cell by cell (`_column_cells`). The cells are then laid out row after row, with
    the commas and line ends between them, by slice assignments into one list that is joined once: no tuple
    nor string per row. The bidi controls are replaced in the whole text once: they are neither a formula's
    first character nor one that CSV quotes.

    Raises:
        ValueError: the columns are not as many as the header's names, or the header has fewer than two.
    """
    return "".join(_pieces(header, columns, None))  # one piece: the join returns it, no copy


def _pieces(header: Sequence[str], columns: Sequence[Sequence[object]], rows: int | None) -> Iterator[str]:
    """Return `_write_columns`' text in pieces of ``rows`` rows (the header's with the first), or in one piece.

    The output stage writes a big CSV piece after piece (`write_synced`): the 30 MB of a big story's mentions
    CSV, the list of its 3 million cells and separators, and its UTF-8 bytes are then never whole in memory,
    which in a forked process saved 20,000 page faults (0.06 s). The cells are worked out first, and the
    columns checked, when this is called.

    Raises:
        ValueError: the columns are not as many as the header's names, or the header has fewer than two.
    """
    width = len(header)
    if width < 2 or len(columns) != width or len(set(map(len, columns))) > 1:
        raise ValueError(f"every CSV row must have the header's {width} cells, two or more")
    head = [_column_cells([name])[0] for name in header]  # a cell is the same in any column
    cells = list(map(_column_cells, columns))
    return _laid_out(head, cells, max(len(columns[0]), 1) if rows is None else rows)


def _laid_out(head: Sequence[str], cells: Sequence[Sequence[str]], rows: int) -> Iterator[str]:
    """Lay the header's cells, then the columns of cells (all as long) out row after row, ``rows`` rows a piece."""
    width, height = len(cells), len(cells[0])
    for start in range(0, height or 1, rows):
        end = min(height, start + rows)
        first = 1 if start == 0 else 0  # the header's row, in the first piece
        slots = [","] * (2 * width * (first + end - start))  # each cell, then the comma or line end after it
        slots[: 2 * width * first : 2] = head[: width * first]
        whole = start == 0 and end == height
        for index, column in enumerate(cells):
            slots[2 * (width * first + index) :: 2 * width] = column if whole else column[start:end]
        slots[2 * width - 1 :: 2 * width] = ["\n"] * (first + end - start)
        yield neutralise_bidi("".join(slots))


_PLAIN_TYPES = frozenset({str, int, date, type(None)})
"""Cell types whose equal values are the same cell (`_defused` of one stands for all): not bool, float, datetime."""

_FIRST_CHARACTER = itemgetter(slice(1))


def _quote_characters() -> str:
    """Return the characters that make ``csv.writer`` (comma, newline line ends) quote a cell, by asking it.

    Python 3.11 quotes a cell holding a comma, a double quote or a newline (not a carriage return); asking
    keeps `_column_cells` writing what the running Python's ``csv`` writes. Only ASCII can be one: the
    dialect's delimiter, quote and line end are ASCII.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    found = []
    for char in map(chr, range(128)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["a" + char + "b"])
        if buffer.getvalue() != "a" + char + "b\n":
            found.append(char)
    return "".join(found)


_QUOTED = _quote_characters()


def _column_cells(column: Sequence[object]) -> Sequence[str]:
    """Return a column's CSV cells: each value `_defused`, and quoted as ``csv.writer`` quotes it.

    A column of dates or counts, or of texts that repeat (a source, a granularity: its first `_SAMPLE` values
    hold few distinct ones), is defused and quoted once per distinct value, then each cell looked up in C; any
    other column of text is looked at as a whole (`_text_cells`).
    """
    kinds = set(map(type, column))
    sample = column[:_SAMPLE]
    if kinds <= _PLAIN_TYPES and (kinds != {str} or len(set(sample)) * 4 <= len(sample)):
        values = list(set(column))
        cells = _text_cells([_defused(value) for value in values], defused=True)
        return list(map(dict(zip(values, cells, strict=True)).__getitem__, column))
    if kinds == {str}:
        return _text_cells(column)  # type: ignore[arg-type]
    return _text_cells([_defused(value) for value in column], defused=True)


_SAMPLE = 256
"""How many of a column's first values tell whether its texts repeat (a quarter of them distinct or fewer)."""


def _text_cells(texts: Sequence[str], *, defused: bool = False) -> Sequence[str]:
    """Return a column of texts as CSV cells: defused (unless ``defused`` already) and quoted as needed.

    A column none of whose texts starts a formula (their first characters looked up as a set) or holds a
    character CSV quotes (looked for in the whole column at once) is its own cells. Only a column that holds
    one is gone through text by text, and then each distinct text once: a sentence holds several mentions,
    and the mentions CSV repeats it for each.
    """
    defuse = not defused and not set(map(_FIRST_CHARACTER, texts)).isdisjoint(_FORMULA_TRIGGERS)
    distinct = list(dict.fromkeys(texts)) if defuse else texts  # gone through per distinct text: searched so too
    joined = "".join(distinct)
    present = [char for char in _QUOTED if char in joined]  # a scan per character: faster than a regex's
    if not defuse and not present:
        return texts
    if not defuse:
        distinct = list(dict.fromkeys(texts))
    cells = distinct
    if defuse:  # `_defused`, inlined
        cells = ["'" + cell if cell.startswith(_FORMULA_TRIGGERS) else cell for cell in cells]
    if present:
        cells = _quoted(cells, present)
    if len(distinct) == len(texts):
        return cells
    return list(map(dict(zip(distinct, cells, strict=True)).__getitem__, texts))


def _quoted(cells: Sequence[str], present: Sequence[str]) -> list[str]:
    """Return the cells, each that holds one of the ``present`` quote characters quoted as ``csv.writer`` quotes.

    csv.writer's minimal quoting: in double quotes, its own double quotes doubled. A cell is first asked for
    the comma (the delimiter, the commonest in text: four in five sentences hold one) with ``in``, which is
    three times faster than a regular expression's search; only a cell without one is searched for the others.
    """
    common = "," if "," in present else present[0]
    rest = [char for char in present if char != common]
    if not rest:
        return ['"' + cell.replace('"', '""') + '"' if common in cell else cell for cell in cells]
    search = re.compile(f"[{re.escape(''.join(rest))}]").search
    return ['"' + cell.replace('"', '""') + '"' if common in cell or search(cell) else cell for cell in cells]


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
    return _write_columns(EVENT_COLUMNS, _columns(event_rows(timeline) if rows is None else rows, _EVENT_FIELDS))


def render_mentions_csv(
    timeline: Timeline, rows: Sequence[MentionRow] | None = None, *, placed: Sequence[MentionRow] | None = None
) -> str:
    """Render one CSV row per provenance entry, then one per unplaced mention (empty ``event_id``).

    Args:
        timeline: the merged timeline.
        rows: its `mention_rows`, when the caller has them already.
        placed: else its `placed_mention_rows`, when the caller has them (the output stage shares them with the
            page); the unplaced mentions' cells are read from the timeline (`rows.unplaced_mention_columns`).

    Returns:
        The CSV text, columns `MENTION_COLUMNS`.
    """
    return _write_columns(MENTION_COLUMNS, _mention_columns(timeline, rows, placed))


def _mention_columns(
    timeline: Timeline, rows: Sequence[MentionRow] | None, placed: Sequence[MentionRow] | None = None
) -> list[list[object]]:
    """Return the mentions CSV's columns of values: of ``rows`` if given, else of the placed rows and the unplaced.

    The unplaced mentions (70,000 of a 2,452-article story's 100,000) are read a column at a time
    (`unplaced_mention_columns`): building their rows only to take the columns out of them again took longer.
    """
    if rows is not None:
        return _columns(rows, _MENTION_FIELDS)
    columns = _columns(placed_mention_rows(timeline) if placed is None else placed, _MENTION_FIELDS)
    unplaced = unplaced_mention_columns(timeline, [name for name, _ in _MENTION_FIELDS])
    for column, more in zip(columns, unplaced, strict=True):
        column.extend(more)
    return columns


PIECE_ROWS = 2048
"""Rows in each piece of `events_csv_pieces` and `mentions_csv_pieces` (about 600 kB of text)."""


def events_csv_pieces(timeline: Timeline, rows: Sequence[EventRow] | None = None) -> Iterator[str]:
    """Return `render_events_csv`'s text in pieces of `PIECE_ROWS` rows, to write one after the other.

    For a writer that takes pieces (`output_folder.write_synced`): the whole text is never in memory.
    """
    return _pieces(EVENT_COLUMNS, _columns(event_rows(timeline) if rows is None else rows, _EVENT_FIELDS), PIECE_ROWS)


def mentions_csv_pieces(
    timeline: Timeline, rows: Sequence[MentionRow] | None = None, *, placed: Sequence[MentionRow] | None = None
) -> Iterator[str]:
    """Return `render_mentions_csv`'s text in pieces of `PIECE_ROWS` rows, as `events_csv_pieces`."""
    return _pieces(MENTION_COLUMNS, _mention_columns(timeline, rows, placed), PIECE_ROWS)


_EVENT_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("event_id", None),
    ("value", None),
    ("start", None),
    ("end", None),
    ("granularity", None),
    ("title", None),
    ("actors", LIST_SEPARATOR),
    ("n_sources", None),
    ("n_mentions", None),
    ("sources", LIST_SEPARATOR),
    ("conflict", None),
    ("evidence", EVIDENCE_SEPARATOR),
    ("kind", None),
)
"""Each of `EVENT_COLUMNS`' `EventRow` field, and the separator that joins it when it is a list."""

_MENTION_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("event_id", None),
    ("mention_id", None),
    ("article_id", None),
    ("source", None),
    ("published", None),
    ("published_origin", None),
    ("date_words", None),
    ("start", None),
    ("end", None),
    ("granularity", None),
    ("time_source", None),
    ("anchor", None),
    ("sentence", None),
    ("factuality", None),
)
"""Each of `MENTION_COLUMNS`' `MentionRow` field (none is a list)."""


def _columns(rows: Sequence[tuple], fields: Sequence[tuple[str, str | None]]) -> list[list[object]]:
    """Return the CSV's columns of values: each field of every row, a list joined by its separator.

    A column at a time, each taken out of the rows by ``map`` (no Python call per cell): building a tuple per
    row and turning the rows into columns took as long as writing the cells.
    """
    columns: list[list[object]] = []
    for name, separator in fields:
        column = list(map(attrgetter(name), rows))
        columns.append(column if separator is None else list(map(separator.join, column)))
    return columns


def event_values(timeline: Timeline, rows: Sequence[EventRow] | None = None) -> Iterator[tuple[object, ...]]:
    """Return each events-CSV row's values, in `EVENT_COLUMNS` order, before they become CSV cells.

    Dates are `date`, counts `int`, lists joined with `LIST_SEPARATOR` and `EVIDENCE_SEPARATOR`. The CSV and
    `Timeline.rows` both read these, so a notebook's table says what the CSV says.
    """
    return zip(*_columns(event_rows(timeline) if rows is None else rows, _EVENT_FIELDS), strict=True)


def mention_values(timeline: Timeline, rows: Sequence[MentionRow] | None = None) -> Iterator[tuple[object, ...]]:
    """Return each mentions-CSV row's values, in `MENTION_COLUMNS` order (``None`` for an unknown date)."""
    return zip(*_mention_columns(timeline, rows), strict=True)


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


def timeline_json_pieces(timeline: Timeline) -> Iterator[str]:
    """Return `render_timeline_json`'s compact text in pieces, to write one after the other (`compact.timeline_pieces`).

    For a writer that takes pieces (`output_folder.write_synced`): the whole text is never in memory.
    """
    return timeline_pieces(timeline)

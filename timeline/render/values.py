"""Value formatting shared by every output: dates at their granularity, source labels, highlights.

A date is shown the way TIMEX3 writes it (``2024-02-08``, ``2024-01``, ``2024-W06``), so a reader
sees the precision the text gave rather than a falsely exact day; the CSV, the chart hover and the
report all call `timex_value`, so they never disagree about how a date reads.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from timeline.models import DateInterval, Span

_SEASONS = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}


class Highlight(NamedTuple):
    """A sentence split around its date words, for ``before<mark>words</mark>after``.

    Kept as the sentence and the words' offsets, its parts cut only when read: a big story has 30,000 placed
    mentions, whose rows the output stage builds before it forks, and the page's data needs only the offsets
    (`views._mention_view`); three copies of each sentence and a frozen dataclass were half of a row's cost.
    Two highlights are equal when their parts are.
    """

    sentence: str
    start: int
    """Where the date words start in ``sentence`` (characters)."""
    end: int
    """Where they end."""

    @property
    def before(self) -> str:
        """The sentence before the date words."""
        return self.sentence[: self.start]

    @property
    def marked(self) -> str:
        """The date words."""
        return self.sentence[self.start : self.end]

    @property
    def after(self) -> str:
        """The sentence after the date words."""
        return self.sentence[self.end :]


def source_label(source: str, article_id: str) -> str:
    """Return the name a source is shown under: its source name, or its article id when unnamed."""
    return source.strip() or article_id


ORIGIN_TEXT: dict[str, str] = {
    "manifest": "from the manifest",
    "cli": "given on the command line (--published)",
    "record": "from the article's JSON record",
    "front-matter": "from the article's front matter",
    "header-line": "from the article's header line",
    "html-meta": "from the page's HTML metadata",
    "inferred": "inferred from the dated sources it shares events with",
    "missing": "(no publication date)",
}
"""Where a publication date came from, for readers (`models.PublishedOrigin` in plain words)."""

_ORIGINS = "|".join(map(re.escape, ORIGIN_TEXT))
_ANCHOR_ORIGIN = re.compile(rf"^(anchored to publication date \S+) \(({_ORIGINS})\)$")


def readable_anchor(anchor: str) -> str:
    """Say where an anchor's publication date came from in words, for the report's readers.

    The merger writes ``anchored to publication date 2024-02-08 (manifest)`` (kept as is in the
    CSVs and the JSON); the page says ``anchored to publication date 2024-02-08 from the manifest``.
    Any other anchor text is returned unchanged.
    """
    match = _ANCHOR_ORIGIN.match(anchor)
    if match is None:
        return anchor
    return f"{match.group(1)} {ORIGIN_TEXT[match.group(2)]}"


def timex_value(interval: DateInterval) -> str:
    """Return a TIMEX3-like value for an interval at its granularity.

    ``2024-02-08`` (day), ``2024-W06`` (week), ``2024-01`` (month), ``2024-Q1``, ``2024-H1``,
    ``2024-SU`` (season), ``2024`` (year), ``202`` (decade), ``20`` (century). When the interval is
    not exactly the period its granularity names (a merged or clipped interval), the ISO 8601
    interval ``earliest/latest`` is returned instead, so the value never claims more than it knows.

    Args:
        interval: the resolved interval.

    Returns:
        The value as a string.
    """
    first, last, gran = interval.earliest, interval.latest, interval.granularity
    if gran == "season":
        year = first.year + 1 if first.month == 12 and last.year > first.year else first.year
        return f"{year}-{_SEASONS.get(first.month, 'FA')}"
    candidate = _period(first, gran)
    if candidate is not None and candidate[1] == (first, last):
        return candidate[0]
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()}/{last.isoformat()}"


def _period(day: date, gran: str) -> tuple[str, tuple[date, date]] | None:
    """Return the TIMEX value and exact bounds of the ``gran`` period containing ``day``."""
    year = day.year
    if gran == "day":
        return day.isoformat(), (day, day)
    if gran == "week":
        iso_year, week, weekday = day.isocalendar()
        monday = day - timedelta(days=weekday - 1)
        return f"{iso_year:04d}-W{week:02d}", (monday, monday + timedelta(days=6))
    if gran == "month":
        return f"{year:04d}-{day.month:02d}", (day.replace(day=1), _month_end(year, day.month))
    if gran == "quarter":
        q = (day.month - 1) // 3
        return f"{year:04d}-Q{q + 1}", (date(year, 3 * q + 1, 1), _month_end(year, 3 * q + 3))
    if gran == "half":
        h = (day.month - 1) // 6
        return f"{year:04d}-H{h + 1}", (date(year, 6 * h + 1, 1), _month_end(year, 6 * h + 6))
    if gran == "year":
        return f"{year:04d}", (date(year, 1, 1), date(year, 12, 31))
    if gran == "decade":
        start = year - year % 10
        return f"{start // 10:03d}", (date(max(start, 1), 1, 1), date(min(start + 9, 9999), 12, 31))
    if gran == "century":
        start = year - year % 100
        return f"{start // 100:02d}", (date(max(start, 1), 1, 1), date(start + 99, 12, 31))
    return None


def _month_end(year: int, month: int) -> date:
    """Return the last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def split_sentence(
    sentence: str, sentence_span: Span, time_span: Span | None, time_text: str | None
) -> Highlight | None:
    """Split a sentence around its date words so they can be highlighted.

    The time span is in article coordinates; subtracting ``sentence_span.start`` gives the offset
    inside the sentence. A span outside the sentence, or one that does not cover ``time_text``
    (a sentence cut by ``max_sentence_chars``, a bad offset upstream), falls back to the first
    occurrence of ``time_text``; if that fails too, nothing is highlighted rather than the wrong words.

    Args:
        sentence: the sentence text.
        sentence_span: where the sentence is in the article.
        time_span: where the date words are in the article, if any.
        time_text: the date words as written, if any.

    Returns:
        The three parts, or None when no date words can be located.
    """
    if time_span is not None:
        lo = time_span.start - sentence_span.start
        hi = time_span.end - sentence_span.start
        # `sentence[lo:hi] == time_text`, without the copy: as long, and the sentence has it there
        if 0 <= lo < hi <= len(sentence) and (
            not time_text or (hi - lo == len(time_text) and sentence.startswith(time_text, lo))
        ):
            return Highlight(sentence, lo, hi)
    if time_text:
        lo = sentence.find(time_text)
        if lo >= 0:
            return Highlight(sentence, lo, lo + len(time_text))
    return None

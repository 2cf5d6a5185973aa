"""Check each article's publication date against its own content.

Two sources disagreeing (see `diagnosis.py`) is one clue that a publication date is wrong; the
article contradicting itself is another, and it needs no second source:

* **Count-back**: "over the past four months" is counted back from the publication date. When the
  article also dates the start of the period ("the war began in October", "the Oct. 7 attack that
  sparked the war"), the duration should land there. If it misses every such start, but by less
  than half the duration (so the two plausibly measure the same span), the publication date is
  suspect, and the start + duration says when the article was more likely written. Only starts whose
  date no publication date moves count ("in October", "on Oct. 7, 2023"): a start told as "last
  Monday" or "last week" is counted from the publication date too, so it moves with it and the two
  can never tell it wrong; they disagree only when they measure two different spans ("the past 10
  days" of an outbreak, "their flu started last Monday").
  A count-back in a negated clause ("no new cases in the last 21 days") measures a quiet spell, which
  begins at no dated start. Counts are round: "three decades", "the past 50 years" are said for
  spans a tenth longer or shorter (`COUNT_PRECISION`), and a start that misses the count by more than
  a quarter of it (`SLACK_SHARE`) begins another span ("the past 50 years" and a 1980 siege).
* **Past after publication**: an event told as having happened (a past or perfect verb, asserted or
  reported, not planned) with a full date, year included, after the publication date. Nouns and
  present-tense clauses ("the Olympics in Beijing in 2008", "the act expires Dec. 31") tell no past.
  Only a day counts: a year or a month after the date in a past clause is what a forecast, a budget,
  a contract or a target is about ("trimmed its forecast for 2007", "contracted until June 2007"),
  and a day after "by" or "until" is a bound. A full date stamped with a clock time ("At 00:46 27th
  Apr 2009, X wrote:") is a comment or an update posted after the article (`date_words.py`).
* **Dateline**: the text opens with a full date of its own, year included, before any sentence that
  tells an event ("June 8, 2010" on the first line of a Wikinews story): the article says when it was
  written. A dateline more than a day away from the publication date contradicts it.

Each article gets at most one Issue (``M303``) listing what was found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.merge.date_words import after_clock, around, bounded, negated
from timeline.merge.diagnosis import SHIFTING_RULES
from timeline.merge.triggers import is_beginning
from timeline.models import ArticleExtraction, DateInterval, EventMention, Issue, TimeExpression
from timeline.timex import shift

MIN_COUNT_BACK = 2
"""Durations shorter than two units ("the past day") are too vague to test a date with."""

SLACK_SHARE = 0.25
"""A count-back and a start are the same span if they differ by less than a quarter of the duration: a
war five months old is "the past five months", not four (a date five weeks off still misses by less)."""

COUNT_PRECISION = 0.1
"""A count is said for spans this share longer or shorter ("three decades" for 27 to 33 years), at least
the rounding of its unit (`SLACK_DAYS`)."""

SLACK_DAYS = {"D": 1, "W": 3, "M": 15, "Y": 182}
"""Rounding in "four months" (3.5 to 4.5 months): the window around start + duration, per unit."""

PAST_AFTER_DAYS = 1
"""Days after the publication date an asserted, fully dated past event may fall (time zones)."""

DATELINE_CHARS = 200
"""A dateline starts within this many characters of the text's beginning."""

DATELINE_SLACK_DAYS = 1
"""Days a dateline may differ from the publication date (time zones, a story filed the evening before)."""

_COUNT = re.compile(r"^P(\d+)([DWMY])$")
_YEAR = re.compile(r"\b\d{4}\b")
_PAST = frozenset({"asserted", "reported"})


@dataclass(frozen=True)
class Finding:
    """One contradiction between an article's date and its content, and the date the content suggests."""

    text: str
    likely: DateInterval | None = None


def _count_back(expression: TimeExpression) -> tuple[int, str] | None:
    match = _COUNT.match(expression.value or "")
    if expression.rule != "anchored_duration" or match is None or int(match.group(1)) < MIN_COUNT_BACK:
        return None
    return int(match.group(1)), match.group(2)


def _beginnings(events: Sequence[EventMention]) -> list[EventMention]:
    return [
        event
        for event in events
        if is_beginning(event.trigger)
        and event.time_source == "explicit"
        and event.time is not None
        and event.time.interval is not None
        and event.time.interval.granularity in ("day", "week", "month")
        and event.time.rule not in SHIFTING_RULES
    ]


def _unit_days(amount: int, unit: str) -> int:
    return (shift(date(2001, 1, 1), amount, unit, 1) - date(2001, 1, 1)).days


def _count_back_findings(extraction: ArticleExtraction, published: date) -> list[Finding]:
    expressions = extraction.time_expressions
    counts = [(expression, counted) for expression in expressions if (counted := _count_back(expression)) is not None]
    if not counts:  # most articles: no count-back, nothing to look up
        return []
    starts = _beginnings(extraction.events)
    negated_by_event = {e.time.id for e in extraction.events if e.time is not None and e.factuality == "negated"}
    sentences = {e.time.id: e for e in extraction.events if e.time is not None}
    findings = []
    for expression, (amount, unit) in counts:
        if not starts or expression.id in negated_by_event or _in_negated_clause(
            expression, sentences.get(expression.id)
        ):
            continue
        slack = timedelta(days=max(SLACK_DAYS[unit], round(COUNT_PRECISION * _unit_days(amount, unit))))
        windows = []
        for event in starts:
            start = event.time.interval  # type: ignore[union-attr]
            window = DateInterval(
                earliest=shift(start.earliest, amount, unit, 1) - slack,
                latest=shift(start.latest, amount, unit, 1) + slack,
                granularity="day",
            )
            distance = max((window.earliest - published).days, (published - window.latest).days, 0)
            windows.append((distance, event.id, event, window))
        distance, _, event, window = min(windows, key=lambda item: (item[0], item[1]))
        if distance == 0 or distance >= SLACK_SHARE * _unit_days(amount, unit):
            continue
        start_words = event.time.text if event.time else ""
        findings.append(
            Finding(
                text=(
                    f"'{expression.text}' counted back from it starts on "
                    f"{expression.interval.earliest if expression.interval else '?'}, but the article dates "
                    f"'{event.title}' to '{start_words}' ({_describe(event.time.interval)}), "  # type: ignore[union-attr]
                    f"so the count-back fits a publication date between {window.earliest} and {window.latest}"
                ),
                likely=window,
            )
        )
    return findings


def _past_after_findings(extraction: ArticleExtraction, published: date) -> list[Finding]:
    limit = published + timedelta(days=PAST_AFTER_DAYS)
    findings = []
    for event in extraction.events:
        time = event.time
        if (
            event.factuality not in _PAST
            or not event.past
            or event.time_source != "explicit"
            or time is None
            or time.interval is None
            or not _YEAR.search(time.text)
            or time.interval.granularity != "day"
            or time.interval.earliest <= limit
            or not _dates_its_event(event)
        ):
            continue
        findings.append(
            Finding(text=f"it tells '{event.title}' as past but dates it '{time.text}' ({time.interval.earliest})")
        )
    return findings


def _in_negated_clause(expression: TimeExpression, event: EventMention | None) -> bool:
    if event is None:
        return False
    text = around(event.sentence, event.sentence_span.start, expression.span.start, expression.span.end)
    return text is not None and negated(text[0])


def _dates_its_event(event: EventMention) -> bool:
    """Say whether the event's date words date it: not a bound ("by June 1, 2010"), not a post's time stamp."""
    time = event.time
    assert time is not None
    text = around(event.sentence, event.sentence_span.start, time.span.start, time.span.end)
    return text is None or not (bounded(text[0]) or after_clock(text[0]))


def _dateline_findings(extraction: ArticleExtraction, published: date) -> list[Finding]:
    if not extraction.time_expressions:
        return []
    first = min(extraction.time_expressions, key=lambda e: (e.span.start, e.id))  # the first of them sorted
    interval = first.interval
    if (
        first.span.start > DATELINE_CHARS
        or first.anchor != "absolute"
        or interval is None
        or interval.granularity != "day"
        or interval.earliest != interval.latest
        or not _YEAR.search(first.text)
        or abs((interval.earliest - published).days) <= DATELINE_SLACK_DAYS
        or _told_before(extraction.events, first.span.start)  # last: the only test that reads every event
    ):
        return []
    return [
        Finding(
            text=f"it opens with the dateline '{first.text}' ({interval.earliest})",
            likely=interval,
        )
    ]


def _told_before(events: Sequence[EventMention], offset: int) -> bool:
    """Say whether an event's sentence starts at or before ``offset``: the dateline is no opening then."""
    return any(event.sentence_span.start <= offset for event in events)


def _describe(interval: DateInterval) -> str:
    if interval.earliest == interval.latest:
        return interval.earliest.isoformat()
    return f"{interval.earliest} to {interval.latest}"


def check_content_dates(extractions: Sequence[ArticleExtraction]) -> list[Issue]:
    """Return one ``M303`` Issue per dated article whose content contradicts its publication date."""
    issues = []
    for extraction in sorted(extractions, key=lambda item: item.article.id):
        article = extraction.article
        if article.published is None:
            continue
        findings = (
            _dateline_findings(extraction, article.published)
            + _count_back_findings(extraction, article.published)
            + _past_after_findings(extraction, article.published)
        )
        if not findings:
            continue
        likely = [finding.likely for finding in findings if finding.likely is not None]
        hint = "check the article's date and correct it with --published or a manifest row"
        if likely:
            window = likely[0]
            hint = (
                f"check the article's date: its content fits a date between {window.earliest} and "
                f"{window.latest}; give it with --published {article.id}=YYYY-MM-DD"
                if window.earliest != window.latest
                else f"check the article's date: its text says {window.earliest}; if so, give it with "
                f"--published {article.id}={window.earliest}"
            )
        name = article.source or article.id
        issues.append(
            Issue(
                code="M303",
                stage="merge",
                severity="warning",
                article_id=article.id,
                path=article.path,
                message=(
                    f"{name}'s publication date {article.published} ({article.published_origin}) contradicts "
                    f"its own text: " + "; ".join(finding.text for finding in findings[:4])
                ),
                hint=hint,
            )
        )
    return issues

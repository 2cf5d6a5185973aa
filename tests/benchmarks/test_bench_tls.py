"""bench-tls's date-mention baseline counts the articles whose text names a calendar day, as news-tls
counts HeidelTime's day-level dates: "now" is placed on the publication day but names no date."""

from __future__ import annotations

from datetime import date

from bench.bench_tls import mention_counts, ranked_days
from timeline.models import ArticleExtraction, ArticleInfo, DateInterval, Span, TimeExpression

DAY, NEXT = date(2009, 4, 27), date(2009, 4, 28)


def _expression(at: int, day: date, value: str, rule: str) -> TimeExpression:
    return TimeExpression(
        id=f"t{at}",
        span=Span(start=at, end=at + 3),
        text="now" if value == "PRESENT_REF" else "Monday",
        type="DATE",
        value=value,
        interval=DateInterval(earliest=day, latest=day, granularity="day"),
        anchor="dct",
        anchor_date=NEXT,
        rule=rule,
    )


def _article(article_id: str, *expressions: TimeExpression) -> ArticleExtraction:
    return ArticleExtraction(
        article=ArticleInfo(id=article_id, published=NEXT, n_chars=100), time_expressions=expressions
    )


def test_date_mentions_count_articles_naming_a_calendar_day_not_now() -> None:
    extractions = [
        _article("a", _expression(0, DAY, "2009-04-27", "weekday"), _expression(9, DAY, "2009-04-27", "weekday")),
        _article("b", _expression(0, DAY, "2009-04-27T15:00", "clock")),
        _article("c", _expression(0, NEXT, "PRESENT_REF", "reference"), _expression(9, NEXT, "PT24H", "anchored")),
        _article("d", _expression(0, NEXT, "PRESENT_REF", "reference")),
    ]
    counts = mention_counts(extractions, DAY, NEXT)
    assert counts == {DAY: 2}  # one count an article; "now" and "the past 24 hours" name no day
    assert ranked_days(counts, 2) == [DAY]
    assert mention_counts(extractions, NEXT, NEXT) == {}  # outside the window

"""Undated articles get the publication date that puts their relative dates on the dated sources' days."""

from datetime import date

from timeline.merge.inference import fitting_dates, infer_publication_dates
from timeline.models import ArticleExtraction, ArticleInfo, DateInterval, EventMention, Span, TimeExpression

TOLD = {
    "Blinken left the Middle East after talks with Israeli leaders on Thursday.": date(2024, 2, 8),
    "Hamas delivered its response to the ceasefire proposal from Egypt and Qatar on Tuesday.": date(2024, 2, 6),
    "Israeli planes bombed houses in Rafah killing eleven people on Wednesday.": date(2024, 2, 7),
}
UNRELATED = "The central bank raised interest rates by half a point on Tuesday."
DAYS = {**TOLD, UNRELATED: date(2024, 2, 6)}
WEEKDAYS = ("Tuesday", "Wednesday", "Thursday")


def day(value: date) -> DateInterval:
    return DateInterval(earliest=value, latest=value, granularity="day")


def mention(article_id: str, index: int, sentence: str, published: date | None) -> EventMention:
    start = 1000 * index
    word = next(w for w in WEEKDAYS if w in sentence)
    at = sentence.index(word)
    time = TimeExpression(
        id=f"t{start + at}",
        span=Span(start=start + at, end=start + at + len(word)),
        text=word,
        type="DATE",
        value=DAYS[sentence].isoformat() if published else "XXXX-WXX-X",
        interval=day(DAYS[sentence]) if published else None,
        anchor="dct" if published else "none",
        anchor_date=published,
        rule="weekday",
    )
    trigger = sentence.split()[1]
    return EventMention(
        id=f"{article_id}#e{start}",
        article_id=article_id,
        title=sentence.split(" on ")[0],
        trigger=trigger,
        trigger_span=Span(start=start + sentence.index(trigger), end=start + sentence.index(trigger) + len(trigger)),
        sentence=sentence,
        sentence_span=Span(start=start, end=start + len(sentence)),
        time=time,
        time_source="explicit",
        confidence=0.8,
    )


def extraction(article_id: str, published: date | None, sentences=tuple(TOLD)) -> ArticleExtraction:
    info = ArticleInfo(
        id=article_id,
        published=published,
        published_origin="manifest" if published else "missing",
        n_chars=5000,
    )
    events = tuple(mention(article_id, i, sentence, published) for i, sentence in enumerate(sentences))
    return ArticleExtraction(article=info, events=events)


def test_fitting_dates_of_a_past_weekday_are_the_week_after_it():
    undated = mention("u", 0, next(iter(TOLD)), None)
    fits = fitting_dates(undated, day(date(2024, 2, 8)))
    assert fits == {date(2024, 2, d) for d in range(8, 15)}  # Thursday 8 to Wednesday 14


def test_undated_article_gets_the_earliest_date_fitting_every_shared_event():
    (inference,) = infer_publication_dates([extraction("dated", date(2024, 2, 8)), extraction("undated", None)])
    assert inference.article_id == "undated"
    assert inference.published == date(2024, 2, 8)
    assert (inference.fitting[0], inference.fitting[-1]) == (date(2024, 2, 8), date(2024, 2, 12))
    assert inference.support == 3 == len(inference.evidence)
    issue = inference.issue(extraction("undated", None), {"dated": "Wire"})
    assert issue.code == "E202" and issue.article_id == "undated"
    assert "inferred 2024-02-08 from 3 of 3 events" in issue.message
    assert "any date from 2024-02-08 to 2024-02-12 fits them equally" in issue.message
    assert "('Thursday' here; 2024-02-08 in Wire)" in issue.message


def test_nothing_is_inferred_without_dated_sources_or_shared_events():
    assert infer_publication_dates([extraction("a", None), extraction("b", None)]) == []
    unrelated = extraction("undated", None, (UNRELATED,))
    assert infer_publication_dates([extraction("dated", date(2024, 2, 8)), unrelated]) == []


def test_order_of_the_input_does_not_change_the_inference():
    items = [extraction("dated", date(2024, 2, 8)), extraction("undated", None)]
    assert infer_publication_dates(items) == infer_publication_dates(items[::-1])


def test_a_date_more_than_a_year_after_every_other_source_never_votes():
    """A typo such as 2025 for 2024 must not pull an undated article with it (I133 flags it)."""
    early = extraction("early", date(2023, 1, 2), sentences=(UNRELATED,))
    far = extraction("far", date(2024, 2, 8))
    assert infer_publication_dates([early, far, extraction("undated", None)]) == []
    # Within a year of another source, the same article votes.
    near = extraction("near", date(2023, 6, 1), sentences=(UNRELATED,))
    (inference,) = infer_publication_dates([early, near, far, extraction("undated", None)])
    assert inference.published == date(2024, 2, 8)

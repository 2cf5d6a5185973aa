"""An article's publication date checked against its own text (M303), with no second source needed."""

from datetime import date

import pytest

from timeline.merge import merge
from timeline.merge.content_dates import check_content_dates
from timeline.models import ArticleExtraction, ArticleInfo, DateInterval, EventMention, Span, TimeExpression

BEGAN = "Israel began its war against Hamas in Gaza in October."
PAST = "Over the past four months, Israel has taken important steps."


def expression(text: str, at: int, value: str, interval: DateInterval | None, rule: str) -> TimeExpression:
    return TimeExpression(
        id=f"t{at}",
        span=Span(start=at, end=at + len(text)),
        text=text,
        type="DURATION" if value.startswith("P") else "DATE",
        value=value,
        interval=interval,
        anchor="dct",
        rule=rule,
    )


def event(
    trigger: str, sentence: str, at: int, time: TimeExpression | None, factuality: str = "asserted", past: bool = True
):
    start = sentence.index(trigger)
    return EventMention(
        id=f"e{at}",
        article_id="a",
        title=sentence[:-1],
        trigger=trigger,
        trigger_span=Span(start=at + start, end=at + start + len(trigger)),
        sentence=sentence,
        sentence_span=Span(start=at, end=at + len(sentence)),
        factuality=factuality,
        time=time,
        time_source="explicit" if time else "none",
        confidence=0.8,
        past=past,
    )


def month(year: int, number: int) -> DateInterval:
    last = (date(year + number // 12, number % 12 + 1, 1) - date.resolution).day
    return DateInterval(earliest=date(year, number, 1), latest=date(year, number, last), granularity="month")


def article_with(published: date, *, start: DateInterval | None = None) -> ArticleExtraction:
    """An article that dates the war's start (October 2023) and counts 'the past four months' back."""
    start = start or month(2023, 10)
    october = expression("October", BEGAN.index("October"), "2023-10", start, "month")
    back = DateInterval(
        earliest=date(published.year - (published.month <= 4), (published.month - 5) % 12 + 1, published.day),
        latest=published,
        granularity="month",
    )
    past = expression("the past four months", 100 + PAST.index("the past"), "P4M", back, "anchored_duration")
    return ArticleExtraction(
        article=ArticleInfo(id="a", source="Wire", published=published, published_origin="header-line", n_chars=500),
        time_expressions=(october, past),
        events=(event("began", BEGAN, 0, october), event("taken", PAST, 100, None)),
    )


def test_count_back_that_misses_the_start_by_weeks_is_an_issue():
    (issue,) = check_content_dates([article_with(date(2024, 1, 3))])
    assert issue.code == "M303" and issue.article_id == "a"
    assert "'the past four months' counted back from it starts on 2023-09-03" in issue.message
    assert "'October' (2023-10-01 to 2023-10-31)" in issue.message
    assert "between 2024-01-17 and 2024-03-15" in (issue.hint or "")


@pytest.mark.parametrize("published", [date(2024, 2, 8), date(2024, 1, 20), date(2024, 3, 10)])
def test_count_back_that_lands_on_the_start_is_fine(published):
    assert check_content_dates([article_with(published)]) == []


def test_count_back_against_a_start_that_moves_with_the_publication_date_is_silent():
    """"Their flu started last Monday" and "the past 10 days" are both counted from the publication date: a
    wrong date would move both, so their disagreement says they measure two spans, not that the date is wrong."""
    published = date(2009, 6, 15)
    monday = DateInterval(earliest=date(2009, 6, 8), latest=date(2009, 6, 8), granularity="day")
    started = "Their flu started last Monday."
    last_monday = expression("last Monday", started.index("last"), "2009-06-08", monday, "weekday")
    counted = "Cases rose over the past 10 days."
    back = DateInterval(earliest=date(2009, 6, 5), latest=published, granularity="day")
    past = expression("the past 10 days", 100 + counted.index("the past"), "P10D", back, "anchored_duration")
    info = ArticleInfo(id="a", source="bbc", published=published, published_origin="record", n_chars=500)
    events = (event("started", started, 0, last_monday), event("rose", counted, 100, past))
    extraction = ArticleExtraction(article=info, time_expressions=(last_monday, past), events=events)
    assert check_content_dates([extraction]) == []
    fixed = last_monday.model_copy(update={"text": "June 8", "rule": "month_day"})  # a start no date moves
    moved = (events[0].model_copy(update={"time": fixed}), events[1])
    (issue,) = check_content_dates([extraction.model_copy(update={"time_expressions": (fixed, past), "events": moved})])
    assert "'the past 10 days' counted back" in issue.message


def test_count_back_far_from_every_start_measures_something_else():
    # "the past four months" in an article written years after the war began: a different span.
    assert check_content_dates([article_with(date(2026, 6, 1))]) == []


def test_fully_dated_past_event_after_publication_is_an_issue():
    sentence = "The talks ended on March 3, 2024."
    time = expression("March 3, 2024", sentence.index("March"), "2024-03-03",
                      DateInterval(earliest=date(2024, 3, 3), latest=date(2024, 3, 3), granularity="day"),
                      "month_day_year")
    planned = event("ended", sentence, 0, time, factuality="planned")
    told = event("ended", sentence, 0, time)
    info = ArticleInfo(id="a", published=date(2024, 1, 3), published_origin="header-line", n_chars=50)
    (issue,) = check_content_dates([ArticleExtraction(article=info, time_expressions=(time,), events=(told,))])
    assert "tells 'The talks ended on March 3, 2024' as past but dates it 'March 3, 2024'" in issue.message
    assert check_content_dates([ArticleExtraction(article=info, time_expressions=(time,), events=(planned,))]) == []
    present = event("ended", sentence, 0, time, past=False)  # "the talks end on March 3, 2024": no past told
    assert check_content_dates([ArticleExtraction(article=info, time_expressions=(time,), events=(present,))]) == []


def test_merge_records_the_content_issue():
    timeline = merge([article_with(date(2024, 1, 3))])
    assert [issue.code for issue in timeline.issues if issue.stage == "merge"] == ["M303"]


def dateline_article(published: date, opening: str = "June 8, 2010", *, told_first: bool = False) -> ArticleExtraction:
    """A story whose first line is its dateline ("June 8, 2010"), then "Yesterday, Jobs unveiled iPhone 4."."""
    day = DateInterval(earliest=date(2010, 6, 8), latest=date(2010, 6, 8), granularity="day")
    line = expression(opening, 0, "2010-06-08", day, "month_day").model_copy(update={"anchor": "absolute"})
    sentence = "Yesterday, Jobs unveiled iPhone 4."
    at = 0 if told_first else len(opening) + 2
    unveiled = event("unveiled", sentence, at, None)
    info = ArticleInfo(id="a", source="Wikinews", published=published, published_origin="manifest", n_chars=500)
    return ArticleExtraction(article=info, time_expressions=(line,), events=(unveiled,))


def test_content_dates_a_dateline_away_from_the_publication_date_is_reported():
    (issue,) = check_content_dates([dateline_article(date(2010, 6, 22))])
    assert issue.code == "M303" and "dateline 'June 8, 2010'" in issue.message
    assert "--published a=2010-06-08" in (issue.hint or "")


@pytest.mark.parametrize("published", [date(2010, 6, 8), date(2010, 6, 9)])
def test_content_dates_a_dateline_that_agrees_is_silent(published):
    assert check_content_dates([dateline_article(published)]) == []


def test_content_dates_a_date_inside_the_first_sentence_is_no_dateline():
    """"On June 8, 2010, Apple unveiled ..." is a story's date, not the article's."""
    assert check_content_dates([dateline_article(date(2011, 3, 1), told_first=True)]) == []


def _past_after(sentence: str, words: str, interval: DateInterval, rule: str = "month_day_year") -> list:
    time = expression(words, sentence.index(words), "X", interval, rule)
    told = event(sentence.split()[1], sentence, 0, time)
    info = ArticleInfo(id="a", published=date(2009, 6, 9), published_origin="record", n_chars=500)
    return check_content_dates([ArticleExtraction(article=info, time_expressions=(time,), events=(told,))])


def test_past_after_needs_a_day_that_dates_the_event():
    day = DateInterval(earliest=date(2009, 6, 20), latest=date(2009, 6, 20), granularity="day")
    assert _past_after("Talks ended on June 20, 2009 in Geneva.", "June 20, 2009", day)
    # a year is what a forecast or a target is about, not when the past act happened
    year = DateInterval(earliest=date(2020, 1, 1), latest=date(2020, 12, 31), granularity="year")
    assert _past_after("Airline bosses committed to a cap on emissions by 2020.", "2020", year, "year") == []
    assert _past_after("The agency trimmed its forecast for 2020.", "2020", year, "year") == []
    # a bound, and a comment's time stamp
    assert _past_after("Bosses committed to finish the line by June 20, 2009.", "June 20, 2009", day) == []
    assert _past_after("At 00:46 June 20, 2009, thedeftwriter wrote: it vanished.", "June 20, 2009", day) == []


def test_a_count_back_in_a_negated_clause_measures_a_quiet_spell():
    """"No new cases were reported in the last 21 days" begins after the last case, not at the outbreak."""
    published = date(2005, 11, 30)
    began = "The bird flu outbreak began on Nov. 2."
    nov2 = DateInterval(earliest=date(2005, 11, 2), latest=date(2005, 11, 2), granularity="day")
    start = expression("Nov. 2", began.index("Nov. 2"), "2005-11-02", nov2, "month_day")
    back = DateInterval(earliest=date(2005, 11, 9), latest=published, granularity="day")
    info = ArticleInfo(id="a", source="XIN", published=published, published_origin="record", n_chars=500)

    def article(counted: str) -> ArticleExtraction:
        past = expression("the last 21 days", 100 + counted.index("the last"), "P21D", back, "anchored_duration")
        events = (event("began", began, 0, start), event("reported", counted, 100, past))
        return ArticleExtraction(article=info, time_expressions=(start, past), events=events)

    assert check_content_dates([article("New cases were reported in the last 21 days.")])
    assert check_content_dates([article("No new cases were reported in the last 21 days.")]) == []


def test_a_round_count_is_no_exact_span():
    """"The last three decades" from August 2009 and a siege begun in April 1980: a round count, not a date error."""
    published = date(2009, 8, 25)
    began = "The siege began on 30 April 1980."
    day = DateInterval(earliest=date(1980, 4, 30), latest=date(1980, 4, 30), granularity="day")
    start = expression("30 April 1980", began.index("30 April"), "1980-04-30", day, "day_month")
    counted = "Over the last three decades it changed."
    back = DateInterval(earliest=date(1979, 8, 25), latest=published, granularity="year")
    past = expression("the last three decades", 100 + counted.index("the last"), "P30Y", back, "anchored_duration")
    info = ArticleInfo(id="a", source="bbc", published=published, published_origin="record", n_chars=500)
    events = (event("began", began, 0, start), event("changed", counted, 100, past))
    assert check_content_dates([ArticleExtraction(article=info, time_expressions=(start, past), events=events)]) == []

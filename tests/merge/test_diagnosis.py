"""Publication-date diagnosis: a consistently shifted source is named once, with its offset."""

from datetime import date, timedelta

import pytest

from timeline.merge import merge
from timeline.merge.diagnosis import LISTING_CLOCK_TIMES
from timeline.models import ArticleExtraction, ArticleInfo, DateInterval, EventMention, Span, TimeExpression

SENTENCES = [
    "Blinken left the Middle East with public divisions between the United States and Israel",
    "Hamas delivered its response to a ceasefire and hostage release proposal from Egypt and Qatar",
    "In Qatar both the prime minister and Blinken said the proposal had promise as a starting point",
    "Blinken said late that there was space to continue to pursue an agreement with Hamas",
    "Israeli planes bombed parts of Rafah killing at least eleven people in two houses",
]


def article(article_id: str, published: date, origin: str) -> ArticleInfo:
    return ArticleInfo(
        id=article_id, source=f"Source {article_id}", published=published, published_origin=origin, n_chars=5000
    )


def mention(article_id: str, index: int, day: date, dct: date, rule: str = "weekday") -> EventMention:
    sentence = f"{SENTENCES[index]} on Thursday, {article_id} reports."  # each source in its own words
    start = 1000 * index
    at = start + sentence.index("Thursday")
    time = TimeExpression(
        id=f"t{at}",
        span=Span(start=at, end=at + 8),
        text="Thursday",
        type="DATE",
        value=day.isoformat(),
        interval=DateInterval(earliest=day, latest=day, granularity="day"),
        anchor="dct",
        anchor_date=dct,
        rule=rule,
    )
    return EventMention(
        id=f"{article_id}#e{start}",
        article_id=article_id,
        title=SENTENCES[index][:30],
        trigger=sentence.split()[1],
        trigger_span=Span(start=start + 7, end=start + 11),
        sentence=sentence,
        sentence_span=Span(start=start, end=start + len(sentence)),
        time=time,
        time_source="explicit",
        confidence=0.8,
    )


def corpus(shift: int, rule: str = "weekday") -> list[ArticleExtraction]:
    dct = date(2024, 2, 8)
    wrong = dct + timedelta(days=shift)
    days = [dct - timedelta(days=n) for n in (0, 2, 2, 1, 0)]
    good = ArticleExtraction(
        article=article("good", dct, "manifest"),
        events=tuple(mention("good", i, d, dct, rule) for i, d in enumerate(days)),
    )
    bad = ArticleExtraction(
        article=article("bad", wrong, "header-line"),
        events=tuple(mention("bad", i, d + timedelta(days=shift), wrong, rule) for i, d in enumerate(days)),
    )
    return [good, bad]


@pytest.mark.parametrize("shift", [-36, -10, 9, 30])
def test_diagnosis_names_the_shifted_article_and_offset(shift):
    timeline = merge(corpus(shift))
    (issue,) = [i for i in timeline.issues if i.code == "M301"]
    assert issue.article_id == "bad"
    assert f"sit {abs(shift)} days" in issue.message
    assert ("before" if shift < 0 else "after") in issue.message
    assert "--published bad=2024-02-08" in (issue.hint or "")
    assert len(timeline.conflicts) == 5
    assert all(conflict.explanation and "bad" in conflict.explanation.lower() for conflict in timeline.conflicts)


def test_diagnosis_silent_when_dates_agree():
    timeline = merge(corpus(0))
    assert not [i for i in timeline.issues if i.code == "M301"]
    assert timeline.conflicts == ()


def test_diagnosis_ignores_year_completed_dates():
    timeline = merge(corpus(-36, rule="month_day"))
    assert not [i for i in timeline.issues if i.code == "M301"]


def _absolute(event: EventMention) -> EventMention:
    """The same claim in absolute words ("February 8, 2024"): no publication date moves it."""
    time = event.time.model_copy(update={"anchor": "absolute", "anchor_date": None, "rule": "month_day_year"})
    return event.model_copy(update={"time": time})


def test_diagnosis_names_the_article_shifted_against_absolute_dates_even_when_equally_trusted():
    good, bad = corpus(-21)
    good = good.model_copy(
        update={
            "article": good.article.model_copy(update={"published_origin": "header-line"}),
            "events": tuple(_absolute(e) for e in good.events),
        }
    )
    timeline = merge([good, bad])
    (issue,) = [i for i in timeline.issues if i.code == "M301"]
    assert issue.article_id == "bad" and "one of them is wrong" not in issue.message
    assert "sit 21 days" in issue.message and "no publication date moves" in issue.message


def test_diagnosis_three_sources_one_issue_for_the_one_shifted_against_both_others():
    good, bad = corpus(30)
    third = ArticleExtraction(
        article=article("third", good.article.published, "header-line"),
        events=tuple(
            e.model_copy(update={"id": e.id.replace("good", "third"), "article_id": "third"}) for e in good.events
        ),
    )
    bad = bad.model_copy(update={"article": bad.article.model_copy(update={"published_origin": "manifest"})})
    for order in ([good, bad, third], [third, bad, good]):
        timeline = merge(order)
        (issue,) = [i for i in timeline.issues if i.code == "M301"]
        assert issue.article_id == "bad" and "one of them is wrong" not in issue.message
        assert "Source good" in issue.message and "Source third" in issue.message
        assert "sit 30 days" in issue.message


def test_diagnosis_a_shift_of_days_needs_more_events_than_a_shift_of_weeks():
    few = [ArticleExtraction(article=e.article, events=e.events[:3]) for e in corpus(-3)]
    assert not [i for i in merge(few).issues if i.code == "M301"]  # three events three days apart: chance
    (issue,) = [i for i in merge(corpus(-3)).issues if i.code == "M301"]  # five events: the date
    assert issue.article_id == "bad" and "sit 3 days" in issue.message
    weeks = [ArticleExtraction(article=e.article, events=e.events[:2]) for e in corpus(-21)]
    assert [i.article_id for i in merge(weeks).issues if i.code == "M301"] == ["bad"]


def _retold(extraction: ArticleExtraction, sentence_of) -> ArticleExtraction:  # noqa: ANN001
    """The article with each mention's sentence replaced (date words kept at their place)."""
    events = []
    for event in extraction.events:
        sentence = sentence_of(event)
        at = event.sentence_span.start + sentence.index("Thursday")
        time = event.time.model_copy(update={"span": Span(start=at, end=at + 8)})
        events.append(
            event.model_copy(
                update={
                    "sentence": sentence,
                    "sentence_span": Span(
                        start=event.sentence_span.start, end=event.sentence_span.start + len(sentence)
                    ),
                    "time": time,
                }
            )
        )
    return extraction.model_copy(update={"events": tuple(events)})


def test_diagnosis_a_sentence_an_outlet_copies_word_for_word_is_no_evidence():
    """A page that carries its outlet's older paragraph word for word: its "Thursday" was written for the older date."""
    good, bad = corpus(-21)
    same = {i: e.sentence for i, e in enumerate(good.events)}
    bad = _retold(bad, lambda e: same[int(e.id.split("#e")[1]) // 1000])
    assert [i.article_id for i in merge([good, bad]).issues if i.code == "M301"] == ["bad"]  # two outlets: a copy
    one_outlet = [e.model_copy(update={"article": e.article.model_copy(update={"source": "bbc"})}) for e in (good, bad)]
    assert not [i for i in merge(one_outlet).issues if i.code == "M301"]


def test_diagnosis_words_in_a_quote_or_beside_a_full_date_are_no_evidence():
    good, bad = corpus(-21)
    quoted_bad = _retold(bad, lambda e: e.sentence.replace(" on Thursday", ' "on Thursday').rstrip(".") + '".')
    assert not [i for i in merge([good, quoted_bad]).issues if i.code == "M301"]
    stamped = _retold(bad, lambda e: e.sentence.replace("Thursday", "Thursday, 4 January 2024"))
    assert not [i for i in merge([good, stamped]).issues if i.code == "M301"]


def test_diagnosis_one_sentence_is_one_reading_however_many_events_hang_on_it():
    good, bad = corpus(-21)
    two = [ArticleExtraction(article=e.article, events=e.events[:2]) for e in (good, bad)]
    assert [i.article_id for i in merge(two).issues if i.code == "M301"] == ["bad"]
    # the bad article's second event told in the first one's sentence, with the same date words
    first = two[1].events[0]
    shared = two[1].events[1].model_copy(update={"sentence": first.sentence, "sentence_span": first.sentence_span,
                                                 "time": first.time})
    one_reading = two[1].model_copy(update={"events": (first, shared)})
    assert not [i for i in merge([two[0], one_reading]).issues if i.code == "M301"]


def test_diagnosis_last_weekdays_a_week_late_are_the_last_tuesday_ambiguity():
    """"last Thursday" readings alone, a week after the others: the writer may mean the week before."""
    good, bad = corpus(7)
    last = _retold(bad, lambda e: e.sentence.replace(" on Thursday", " last Thursday"))
    events = tuple(
        e.model_copy(update={"time": e.time.model_copy(update={"text": "last Thursday"})}) for e in last.events
    )
    last = last.model_copy(update={"events": events})
    assert not [i for i in merge([good, last]).issues if i.code == "M301"]
    assert [i.article_id for i in merge([good, bad]).issues if i.code == "M301"] == ["bad"]  # "on Thursday": a date off


def test_diagnosis_a_weekday_naming_an_event_a_week_late_is_that_ambiguity():
    """ "Thursday's talks" names the event by its day, and is still said a week later: no wrong date."""
    good, bad = corpus(7)
    named = _retold(bad, lambda e: e.sentence.replace(" on Thursday", " at Thursday's meeting"))
    assert not [i for i in merge([good, named]).issues if i.code == "M301"]
    assert [i.article_id for i in merge([good, bad]).issues if i.code == "M301"] == ["bad"]


def test_states_told_with_now_make_no_conflict():
    """ "has now been found in 18 countries" holds on each report's day: two days, no disagreement."""
    assert len(merge(corpus(-21)).conflicts) == 5
    assert merge(corpus(-21, rule="reference")).conflicts == ()


def _timed(extraction: ArticleExtraction, words: str, rule: str = "clock") -> ArticleExtraction:
    """The article's claims told with other date words ("at 5 p.m.") of another tagger rule."""
    events = tuple(
        e.model_copy(
            update={
                "sentence": e.sentence.replace("on Thursday", words),
                "time": e.time.model_copy(
                    update={"text": words.removeprefix("at "), "rule": rule, "span": _span_of(e, words)}
                ),
            }
        )
        for e in extraction.events
    )
    return extraction.model_copy(update={"events": events})


def _span_of(event: EventMention, words: str) -> Span:
    at = event.sentence_span.start + event.sentence.replace("on Thursday", words).index(words.removeprefix("at "))
    return Span(start=at, end=at + len(words.removeprefix("at ")))


def test_diagnosis_a_clock_time_naming_no_day_is_no_evidence():
    """ "at 5 p.m." names no day: the tagger puts it on the text's last day, which no publication date may move."""
    good, bad = corpus(-21)
    assert not [i for i in merge([good, _timed(bad, "at 5 p.m.")]).issues if i.code == "M301"]
    named = [i.article_id for i in merge([good, _timed(bad, "at 5 p.m. Thursday")]).issues if i.code == "M301"]
    assert named == ["bad"]  # a clock time with its day moves with the date


def test_diagnosis_a_listing_of_programmes_by_the_hour_measures_no_publication_date():
    """A radio schedule ("7.00-11.00 pm ... Tonight, ...") says "tonight" of the day it lists, not of its date."""
    good, bad = corpus(-21)
    hours = tuple(
        TimeExpression(
            id=f"c{h}",
            span=Span(start=9000 + 20 * h, end=9004 + 20 * h),
            text=f"{h % 12 + 1} pm",
            type="TIME",
            value=f"2024-02-08T{h % 12 + 13:02d}:00",
            rule="clock",
        )
        for h in range(LISTING_CLOCK_TIMES)
    )
    assert not [i for i in merge([good, bad.model_copy(update={"time_expressions": hours})]).issues if i.code == "M301"]
    fewer = bad.model_copy(update={"time_expressions": hours[1:]})  # a live page's few stamps: still measured
    assert [i.article_id for i in merge([good, fewer]).issues if i.code == "M301"] == ["bad"]

"""The extract stage on real text (spaCy model): events, their dates, spans and issues."""

from datetime import date

import pytest

from timeline.config import Settings
from timeline.extract import extract_articles, split_chunks
from timeline.models import Article

TEXT = (
    "U.S. Secretary of State Antony Blinken left the Middle East on Thursday with public divisions.\n"
    "The Associated Press\n"
    "Jordan’s King Abdullah also embarked on a diplomatic mission, due to meet U.S. President Joe Biden on Monday.\n"
    "June 8, 2010\n"
)


@pytest.fixture(scope="module")
def extraction():
    (result,) = extract_articles([Article(id="a", text=TEXT, published=date(2024, 2, 8))])
    return result


def test_extract_events_have_dates_and_titles(extraction):
    by_date = {e.time.value: e for e in extraction.events if e.time_source == "explicit"}
    assert set(by_date) == {"2024-02-08", "2024-02-12"}
    assert not [e for e in extraction.events if e.sentence.strip() in ("June 8, 2010", "The Associated Press")]
    # the title names the actor; "U.S. Secretary of State" is the actor's title, not part of the event's
    assert by_date["2024-02-08"].title == "Antony Blinken left the Middle East"
    assert by_date["2024-02-12"].factuality == "planned"


def test_extract_spans_slice_the_article(extraction):
    for expression in extraction.time_expressions:
        assert TEXT[expression.span.start : expression.span.end] == expression.text
    for mention in extraction.mentions:
        assert TEXT[mention.span.start : mention.span.end] == mention.text
    for event in extraction.events:
        assert TEXT[event.sentence_span.start : event.sentence_span.end] == event.sentence
        assert TEXT[event.trigger_span.start : event.trigger_span.end] == event.trigger


def test_extract_actors_are_grouped(extraction):
    names = {actor.name for actor in extraction.actors}
    assert {"Antony Blinken", "Joe Biden", "United States"} <= names


def test_extract_actors_carry_their_titles(extraction):
    titles = {actor.name: actor.titles for actor in extraction.actors}
    assert titles["Antony Blinken"] == ("U.S. Secretary of State",)
    assert titles["Joe Biden"] == ("U.S. President",)
    assert titles["Abdullah"] == ("King of Jordan",)


def test_extract_without_dct_records_issue_and_unresolved_times():
    (result,) = extract_articles([Article(id="nodate", text="He left on Thursday.", path="x.txt")])
    assert [issue.code for issue in result.issues] == ["E201"]
    assert "--published nodate=" in (result.issues[0].hint or "")
    assert all(event.time.interval is None for event in result.events)


def test_extract_header_chars_are_not_narrative():
    text = "date 2024-01-03 Caption line\n\nHe left on Thursday."
    article = Article(id="h", text=text, published=date(2024, 1, 3), header_chars=len("date 2024-01-03"))
    (result,) = extract_articles([article])
    assert [e.text for e in result.time_expressions] == ["Thursday"]


@pytest.mark.parametrize(("doc_type", "value"), [("narrative", "1919-04-16"), ("news", "2010-04-16")])
def test_extract_doc_type_setting_reaches_the_tagger(doc_type, value):
    text = "In 1919 the army crossed the river. On April 16 the town fell."
    article = Article(id="w", text=text, published=date(2009, 12, 19))
    (result,) = extract_articles([article], settings=Settings(doc_type=doc_type))
    assert {t.text: t.value for t in result.time_expressions}["April 16"] == value


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("a\nb\n", 100, [(0, "a"), (2, "b")]),
        ("\n\nabc", 100, [(2, "abc")]),
        ("abcdef", 4, [(0, "abcd"), (4, "ef")]),
    ],
)
def test_extract_split_chunks(text, limit, expected):
    assert split_chunks(text, limit) == expected


def test_extract_a_noun_that_starts_a_name_is_no_event():
    text = "Steve Jobs spoke in San Francisco on Monday.\nJobs welcomed everyone and said the jobs were safe."
    article = Article(id="jobs", text=text, published=date(2005, 6, 6))
    (extraction,) = extract_articles([article])
    starts = [e.trigger_span.start for e in extraction.events if e.trigger.lower() == "jobs"]
    assert starts == [text.index("the jobs") + 4]

"""Anaphoric expressions resolve against the last date the text mentioned, not the DCT; rule pre-filters."""

import re
from datetime import date

import pytest

from timeline.timex.tagger import tag_times
from timeline.timex.words import load_time_rules

DCT = date(1998, 10, 28)


def _values(text: str) -> dict[str, str]:
    return {t.text: t.value for t in tag_times(text, dct=DCT)}


def test_time_anaphora_follows_the_last_mentioned_date():
    found = _values("The clinic opened in 1995. The following year it moved. On Oct. 23 it was bombed; later that day")
    assert found["The following year"] == "1996"
    assert found["later that day"] == "1998-10-23"


def test_time_anaphora_without_an_earlier_day_is_not_a_date():
    assert "that day" not in _values("Shares closed higher that day, traders said.")


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, example) for rule in load_time_rules().rules if rule.requires for example in rule.examples],
    ids=lambda value: getattr(value, "name", None) or getattr(value, "words", ""),
)
def test_time_rule_prefilter_accepts_its_examples(rule, example):
    assert re.search(rule.requires, example.words, re.IGNORECASE), (rule.name, example.words)


def test_time_anaphora_quarter_in_passing_does_not_change_the_reported_quarter():
    text = (
        "Kimberly-Clark posted a 20% gain in third-quarter net income. After a flat second quarter, "
        "the company attributed the gain to prices. Interest expense was lower than a year ago."
    )
    found = {t.text: t.value for t in tag_times(text, dct=date(1989, 11, 1))}
    assert found["a year ago"] == "1988-Q3"


def test_time_anaphora_future_quarter_does_not_change_the_reported_quarter():
    text = (
        "Travelers's third-quarter net income rose 11%. The earthquake will result in a fourth-quarter "
        "charge. Earnings fell, compared with earnings of $6.1 million a year ago."
    )
    found = {t.text: t.value for t in tag_times(text, dct=date(1989, 11, 2))}
    assert found["a year ago"] == "1988-Q3"


def test_time_anaphora_without_an_earlier_date_keeps_a_partial_value():
    found = {t.text: t.value for t in tag_times("The following year it moved; that month it closed.", dct=None)}
    assert found == {"The following year": "XXXX", "that month": "XXXX-XX"}


def test_time_anaphora_month_of_next_year_takes_that_year_and_stays_two_expressions():
    text = "Dealerships whose franchises won't be renewed after October of next year will get a letter."
    found = {t.text: t.value for t in tag_times(text, dct=date(2009, 5, 15))}
    assert found == {"October": "2010-10", "next year": "2010"}


def test_time_anaphora_bare_clock_takes_the_day_written_after_it_in_its_clause():
    text = "The bomb went off on Monday. In a press conference at 16:15 UTC, June 1st, the chief spoke."
    found = {t.text: t.value for t in tag_times(text, dct=date(2009, 6, 4))}
    assert found["16:15 UTC"] == "2009-06-01T16:15Z"

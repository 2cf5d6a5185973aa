"""Time expressions: the resource examples, the seed cases, anchoring rules, no-DCT behaviour."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.timex import calendar as cal
from timeline.timex.tagger import clause_is_future, tag_times
from timeline.timex.words import load_time_rules, load_time_words

EXAMPLES = load_time_words().examples


def _found(text: str, dct: date | None) -> dict[str, tuple[str, str | None, str | None]]:
    return {
        t.text: (t.value, t.interval and t.interval.earliest.isoformat(), t.interval and t.interval.latest.isoformat())
        for t in tag_times(text, dct=dct)
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.words for e in EXAMPLES])
def test_times_resource_examples(example):
    found = _found(example.text, example.dct)
    assert example.words in found, f"{example.words!r} not found in {found}"
    assert found[example.words][0] == example.value


NOT_TIMES = load_time_words().not_times + tuple(e for rule in load_time_rules().rules for e in rule.not_times)


@pytest.mark.parametrize("example", NOT_TIMES, ids=[e.text[:30] for e in NOT_TIMES])
def test_times_resource_counter_examples(example):
    assert example.words not in _found(example.text, date(2024, 2, 8))


SEED_000 = date(2024, 2, 8)


@pytest.mark.parametrize(
    ("text", "words", "value", "earliest", "latest"),
    [
        ("Blinken left the Middle East on Thursday with", "Thursday", "2024-02-08", "2024-02-08", "2024-02-08"),
        ("the response the militant group delivered Tuesday to", "Tuesday", "2024-02-06", "2024-02-06", "2024-02-06"),
        ("Mr. Blinken said late Wednesday.", "late Wednesday", "2024-02-07", "2024-02-07", "2024-02-07"),
        ("agreement put forward late last month.", "late last month", "2024-01", "2024-01-21", "2024-01-31"),
        ("due to meet U.S. President Joe Biden on Monday.", "Monday", "2024-02-12", "2024-02-12", "2024-02-12"),
        ("took part in the Oct. 7 Hamas attack", "Oct. 7", "2023-10-07", "2023-10-07", "2023-10-07"),
        ("over the past four months, Israel has", "the past four months", "P4M", "2023-10-08", "2024-02-08"),
        ("a week-long ceasefire in November in which", "November", "2023-11", "2023-11-01", "2023-11-30"),
        ("that was endorsed last month by Egypt", "last month", "2024-01", "2024-01-01", "2024-01-31"),
        ("troops had killed over the past day", "the past day", "P1D", "2024-02-07", "2024-02-08"),
    ],
)
def test_times_seed_sentences(text, words, value, earliest, latest):
    assert _found(text, SEED_000)[words] == (value, earliest, latest)


@pytest.mark.parametrize(
    "text",
    [
        "we see space to continue",
        "which he said may be a war crime",
        "Emad, 55, a father of six",
        "more than 27,000 Palestinians",
        "March on Washington",
    ],
)
def test_times_not_dates(text):
    assert _found(text, SEED_000) == {}


def test_times_same_words_resolve_against_another_dct():
    found = _found("Blinken left the Middle East on Thursday; the plan of late last month", date(2024, 1, 3))
    assert found["Thursday"][0] == "2023-12-28"
    assert found["late last month"][0] == "2023-12"


def test_times_without_dct_keep_partial_value_and_no_interval():
    found = {t.text: t for t in tag_times("He left on Thursday, after talks in October.", dct=None)}
    assert found["Thursday"].value == "XXXX-WXX-4"
    assert found["Thursday"].interval is None
    assert found["Thursday"].anchor == "none"
    assert found["October"].value == "XXXX-10"


def test_times_absolute_date_without_dct_is_resolved():
    (expression,) = tag_times("It opened on June 7, 2010.", dct=None)
    assert expression.value == "2010-06-07"
    assert expression.anchor == "absolute"


@pytest.mark.parametrize(
    ("anchor", "weekday", "past", "future"),
    [
        (date(2024, 2, 8), 4, date(2024, 2, 8), date(2024, 2, 15)),  # the DCT's own weekday
        (date(2024, 2, 8), 1, date(2024, 2, 5), date(2024, 2, 12)),
        (date(2025, 1, 1), 7, date(2024, 12, 29), date(2025, 1, 5)),  # Sunday from Wednesday 1 January
    ],
)
def test_calendar_weekdays(anchor, weekday, past, future):
    assert cal.weekday_on_or_before(anchor, weekday) == past
    assert cal.weekday_after(anchor, weekday) == future


@pytest.mark.parametrize(
    ("anchor", "month", "day", "future", "year"),
    [
        (date(2024, 2, 8), 10, 7, False, 2023),
        (date(2010, 6, 16), 6, 24, False, 2010),
        (date(2024, 2, 8), 2, 30, False, None),
        (date(2024, 12, 30), 1, 2, True, 2025),
    ],
)
def test_calendar_year_completion(anchor, month, day, future, year):
    assert cal.day_year_near(anchor, month, day, future=future) == year


def test_clause_future_detection():
    text = "Jordan's King Abdullah embarked on a mission, due to meet U.S. President Joe Biden on Monday."
    assert clause_is_future(text, text.index("Monday"))
    text = "Mr. Blinken left the Middle East on Thursday."
    assert not clause_is_future(text, text.index("Thursday"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.none() | st.dates())
def test_times_property_spans_slice_text_and_intervals_are_ordered(text, dct):
    for expression in tag_times(text, dct=dct):
        assert text[expression.span.start : expression.span.end] == expression.text
        if expression.interval is not None:
            assert expression.interval.earliest <= expression.interval.latest


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "Thursday",
                "late",
                "last",
                "month",
                "Oct.",
                "7",
                "2024",
                "the",
                "past",
                "four",
                "months",
                "ago",
                "two",
                "weeks",
                "in",
                "May",
                "-",
                ",",
                "next",
                "year",
                "early",
            ]
        ),
        max_size=30,
    ),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)
def test_times_property_time_words_soup(words, dct):
    text = " ".join(words)
    for expression in tag_times(text, dct=dct):
        assert text[expression.span.start : expression.span.end] == expression.text


RULE_EXAMPLES = [(rule.name, example) for rule in load_time_rules().rules for example in rule.examples]


@pytest.mark.parametrize(("rule", "example"), RULE_EXAMPLES, ids=[f"{r}:{e.words}" for r, e in RULE_EXAMPLES])
def test_times_rule_examples(rule, example):
    found = {t.text: t for t in tag_times(example.text, dct=example.dct)}
    assert example.words in found, f"{example.words!r} not found in {sorted(found)}"
    assert found[example.words].value == example.value
    assert found[example.words].rule == rule


def test_times_every_rule_has_examples_and_a_normaliser():
    from timeline.timex.normalise import _HANDLERS

    for rule in load_time_rules().rules:
        assert rule.examples, rule.name
        assert rule.name in _HANDLERS, rule.name


def test_times_weekday_with_a_part_of_day_is_a_time():
    """TimeML: "Wednesday night" is a TIME with its part of day, as "Wednesday evening" is."""
    (expression,) = tag_times("Castro declared Wednesday night that it is a matter of days", dct=date(2000, 4, 5))
    assert (expression.text, expression.type, expression.value) == ("Wednesday night", "TIME", "2000-04-05TNI")
    (expression,) = tag_times("Castro spoke on Wednesday evening", dct=date(2000, 4, 5))
    assert (expression.type, expression.value) == ("TIME", "2000-04-05TEV")


def test_times_title_and_rate_are_not_times():
    found = _found('Baker said on ABC-TV\'s "This Week With David Brinkley" it saves $2 million a year', SEED_000)
    assert found == {}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("the singer June Carter said", "June"),
        ("the March on Washington", "March"),
        ("prices may rise", "may"),
    ],
)
def test_times_bare_month_needs_more_than_a_capital(text, words):
    assert words not in _found(text, SEED_000)


def test_times_deadline_and_plan_look_ahead():
    found = _found("The INS has given the relatives until 9 a.m. Tuesday to sign.", SEED_000)
    assert found["9 a.m. Tuesday"][0] == "2024-02-13T09:00"
    found = _found("Protesters planned a large demonstration on Saturday.", SEED_000)
    assert found["Saturday"][0] == "2024-02-10"


@pytest.mark.parametrize(
    "text",
    ["It happened on January 1, 99999.", "On Jan. 1st, 99999 they met", "the 1st of January 20245", "January 12345"],
)
def test_times_a_year_of_five_digits_is_no_date(text):
    """Not the month and day alone (a prefix read as this year's January 1), not the year 9999."""
    assert tag_times(text, dct=date(2025, 3, 1)) == ()


def test_times_a_long_number_after_a_full_date_or_a_year_is_not_its_year():
    found = _found("On January 1, 2025 12345 people marched; in 2024, 10000 more.", SEED_000)
    assert {words: value for words, (value, _, _) in found.items()} == {"January 1, 2025": "2025-01-01", "2024": "2024"}


def test_the_fall_of_a_name_is_an_event_not_autumn():
    dct = date(2009, 12, 19)
    assert [x.text for x in tag_times("It lasted until the fall of Budapest in February 1945.", dct=dct)] == [
        "February 1945"
    ]
    assert tag_times("Paris cheered the fall of the Bastille.", dct=dct) == ()
    assert [x.value for x in tag_times("In the fall of 2007 troops left.", dct=dct)] == ["2007-FA"]


def test_times_weekday_before_a_day_first_date_is_one_date():
    """A weekday before a day-first date is part of it, not a day resolved on its own (a false alarm if they differ)."""
    found = tag_times("The ship sank on Tuesday, 12 January, off the coast.", dct=date(2010, 1, 14))
    assert [(t.text, t.value) for t in found] == [("Tuesday, 12 January", "2010-01-12")]


def test_times_in_a_number_of_units_ahead_is_the_date_then():
    """ "Would be redeemed in five years" places the event: a DATE that far after the DCT, not a length."""
    dct = date(1989, 11, 2)
    found = tag_times("The stock would be redeemed in five years, subject to its debt.", dct=dct)
    assert [(t.text, t.type, t.value) for t in found] == [("five years", "DATE", "1994")]
    assert found[0].interval is not None and found[0].interval.earliest == date(1994, 1, 1)
    # a past clause, "within", "the next ..." and a modifier keep measuring a length
    for text in (
        "The plant was built in two years.",
        "The agency will finish its work within two years.",
        "It will be done in the next two years.",
        "It will be done in about two years.",
    ):
        assert [(t.type, t.value) for t in tag_times(text, dct=dct)] == [("DURATION", "P2Y")], text


def test_times_quarter_placed_ahead_by_a_future_clause_is_the_coming_one():
    """A year-less quarter later than the DCT's is last year's, unless a future clause places an event in it."""
    dct = date(2006, 8, 19)
    ahead = tag_times("Ford will close ten plants during the fourth quarter.", dct=dct)
    assert [t.value for t in ahead] == ["2006-Q4"]
    past = tag_times("Ford closed ten plants during the fourth quarter.", dct=dct)
    assert [t.value for t in past] == ["2005-Q4"]
    results = tag_times("GM will report a loss for the fourth quarter.", dct=date(2010, 1, 20))
    assert [t.value for t in results] == ["2009-Q4"]


def test_times_season_in_a_future_clause_is_the_coming_one():
    """A season already over at the DCT is the last one, unless the clause looks ahead."""
    dct = date(2009, 12, 19)
    assert [t.value for t in tag_times("Democrats plan to push the bill this spring.", dct=dct)] == ["2010-SP"]
    assert [t.value for t in tag_times("Democrats pushed the bill this spring.", dct=dct)] == ["2009-SP"]
    assert [t.value for t in tag_times("The troops will leave in the summer.", dct=dct)] == ["2010-SU"]


def test_times_one_end_of_a_named_period_is_a_vague_duration():
    """ "The first hours of the ground war" is a DURATION; "the early hours of Thursday morning" is the day's."""
    dct = date(1991, 2, 25)
    found = tag_times("Prisoners were taken in the first hours of the ground war.", dct=dct)
    assert [(t.text, t.type, t.value) for t in found] == [("the first hours", "DURATION", "PTXH")]
    found = tag_times("The last days of this battle ended mobile warfare.", dct=dct)
    assert [(t.text, t.value) for t in found] == [("The last days", "PXD")]
    found = tag_times("He was arrested in the early hours of Thursday morning.", dct=dct)
    assert [t.text for t in found] == ["Thursday morning"]

"""Every event gets a time and the reason for it: explicit, inherited, publication date, or none."""

from datetime import date

import pytest

from timeline.extract import extract_articles
from timeline.extract.event_time import PUBLICATION_RULE
from timeline.extract.noise import load_event_words
from timeline.merge import merge
from timeline.models import Article

DCT = date(2024, 2, 8)


def events_of(text: str, published: date | None = DCT):
    (extraction,) = extract_articles([Article(id="t", text=text, published=published)])
    return {event.trigger: event for event in extraction.events}


def test_event_time_explicit_words_win():
    event = events_of("Hamas said on Tuesday that it accepted the plan.")["said"]
    assert event.time_source == "explicit" and event.time.text == "Tuesday"
    assert event.time.interval.earliest == date(2024, 2, 6)


@pytest.mark.parametrize(
    ("text", "trigger", "earliest"),
    [
        ("Apple launches a new phone.", "launches", date(2024, 2, 8)),
        ("The ministry says 40 people died.", "says", date(2024, 2, 8)),
        ("Hamas has rejected the plan.", "rejected", date(2024, 2, 6)),
        ("Officials said the talks had stalled.", "said", date(2024, 2, 6)),
        ("Apple is recalling the phone.", "recalling", date(2024, 2, 8)),
    ],
)
def test_event_time_undated_news_takes_the_publication_date(text, trigger, earliest):
    event = events_of(text)[trigger]
    assert event.time_source == "publication"
    assert event.time.rule == PUBLICATION_RULE and event.time.anchor_date == DCT
    assert (event.time.interval.earliest, event.time.interval.latest) == (earliest, DCT)
    assert text[event.time.span.start : event.time.span.end] == event.time.text == trigger
    assert event.confidence < 0.5


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The phone was popular.", "was"),  # a state of some time before the paper
        ("Apple will release the phone.", "release"),  # planned
        ("Apple did not release the phone.", "release"),  # negated
        ("The company released a phone.", "released"),  # simple past, no date, no narrative
        ("The SDK allows developers to create applications.", "create"),  # infinitive
    ],
)
def test_event_time_other_events_are_kept_undated(text, trigger):
    event = events_of(text)[trigger]
    assert event.time is None and event.time_source == "none"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The phone costs $99.", "costs"),
        ("The iPhone 4 has a new steel frame.", "has"),
        ("Apple is the leader.", "is"),
        ("The antenna is a metal strip that wraps around the side of the device.", "wraps"),  # present relative
        ("Apple introduced the MacBook line, which includes the MacBook Pro.", "includes"),
    ],
)
def test_event_time_a_present_state_holds_at_the_publication_date(text, trigger):
    event = events_of(text)[trigger]
    assert event.time_source == "state" and event.time.rule == PUBLICATION_RULE
    assert (event.time.interval.earliest, event.time.interval.latest) == (DCT, DCT)
    assert event.confidence < 0.3


def test_event_time_present_tense_report_content_holds_at_the_publication_date():
    events = events_of("Apple Corps claims that the store violates an agreement.")
    assert events["violates"].time_source == "state"
    assert events["violates"].time.interval.earliest == DCT
    past = events_of("Residents said planes bombed the city.")
    assert past["bombed"].time_source == "none"  # past content: its time is the report's


def test_event_time_a_state_stays_off_the_timeline():
    (extraction,) = extract_articles([Article(id="t", text="The phone costs $99.", published=DCT)])
    timeline = merge([extraction])
    assert [m.trigger for m in timeline.unplaced] == ["costs"] and not timeline.events


def test_event_time_a_gerund_happens_when_its_clause_does():
    events = events_of("Steve Jobs unveiled the phone on Tuesday by walking onto the stage.")
    assert events["unveiled"].time_source == "explicit"
    assert events["walking"].time_source == "inherited" and events["walking"].time == events["unveiled"].time


def test_event_time_no_publication_date_no_publication_time():
    event = events_of("The ministry says 40 people died.", published=None)["says"]
    assert event.time is None and event.time_source == "none"


def test_event_time_past_main_verb_inherits_the_day_told_before():
    events = events_of("Blinken met Netanyahu on Wednesday.\nMr. Netanyahu rejected the plan.")
    assert events["rejected"].time_source == "inherited"
    assert events["rejected"].time.interval.earliest == date(2024, 2, 7)


def test_event_time_a_month_of_background_is_not_inherited():
    events = events_of("The war began in October.\nMr. Netanyahu rejected the plan.")
    assert events["began"].time_source == "explicit"
    # not October: a named actor's undated past act is a publication-day guess, never the month told before
    assert events["rejected"].time_source == "publication"
    assert events["rejected"].time.interval.earliest == date(2024, 2, 6)


@pytest.mark.parametrize(
    "text",
    [
        "Apple unveiled the phone in Cupertino.",  # a named subject
        "Steve Jobs spoke in San Francisco.\nHe demoed the new phone.",  # "he" resolved to Jobs
    ],
)
def test_event_time_an_actors_undated_past_act_is_a_publication_day_guess(text):
    event = [e for e in events_of(text).values() if e.trigger in ("unveiled", "demoed")][0]
    assert event.time_source == "publication" and event.time.rule == PUBLICATION_RULE
    assert (event.time.interval.earliest, event.time.interval.latest) == (date(2024, 2, 6), DCT)


def test_event_time_a_day_after_publication_is_no_narrative_time():
    # a deadline is not the day the next past-tense sentence happened on
    events = events_of("Buyers can get a free case until February 20, 2024.\nMr. Jobs admitted the fault.")
    assert events["admitted"].time_source == "publication"
    assert events["admitted"].time.interval.latest == DCT


@pytest.mark.parametrize(
    ("text", "trigger", "factuality"),
    [
        ("They agreed to raise prices on 10 January 2024.", "raise", "planned"),
        ("The fighting began to spread on Monday.", "spread", "asserted"),
        ("Apple will ship the phone in June.", "ship", "planned"),
        # "plans" as the object tells no future of the announcing: it was announced, and dated Friday
        ("General Motors announced plans Friday to shut down 1,100 dealerships.", "announced", "reported"),
        ("GM plans to shut down 1,100 dealerships.", "shut", "planned"),
    ],
)
def test_event_time_infinitives_are_aimed_at_not_done(text, trigger, factuality):
    assert events_of(text)[trigger].factuality == factuality


def test_event_time_a_verb_takes_the_date_of_its_dated_object_event():
    events = events_of("Smith announced the company's move on Wednesday.")
    assert events["announced"].time_source == "explicit"
    assert events["announced"].time.interval == events["move"].time.interval


def test_event_time_present_perfect_progressive_runs_up_to_the_publication_day():
    event = events_of("However it has in recent years been struggling with poor profitability.")["struggling"]
    assert event.time_source == "publication"
    assert (event.time.interval.earliest, event.time.interval.latest) == (date(2024, 2, 6), DCT)


def test_event_time_present_progressive_report_content_holds_at_the_publication_day():
    event = events_of("The White House has said that it is considering using the money.")["considering"]
    assert event.time_source == "state" and event.time.interval.earliest == DCT


def test_event_time_a_date_premodifying_a_noun_does_not_date_the_verb():
    events = events_of("The automaker has a March 1 deadline to finish a restructuring plan.")
    assert events["has"].time_source == "state" and events["has"].time.interval.earliest == DCT


def test_event_time_a_later_date_on_a_present_state_dates_its_infinitive():
    text = "Chrysler LLC has said that it wants to eliminate 789, or about a quarter, of its 3,200 dealers"
    text += " by early June."
    events = events_of(text)
    assert events["wants"].time_source == "state" and events["wants"].time.interval.earliest == DCT
    assert events["eliminate"].time.text == "early June"


def test_event_time_date_words_beat_a_clock_time_of_the_same_event():
    text = "In a New York press conference at 16:15 UTC, June 1st, Fritz Henderson outlined a plan."
    event = events_of(text, published=date(2024, 6, 4))["conference"]
    assert event.time.interval.earliest == date(2024, 6, 1)


def test_event_time_a_present_tense_report_is_of_the_publication_day_whatever_its_content_dates():
    text = "Apple Corps claims that the store violates an agreement reached between the two companies in 1991."
    event = events_of(text)["claims"]
    assert event.time_source == "publication" and event.time.interval.earliest == DCT


def test_event_time_a_past_period_before_a_present_tense_report_dates_what_is_reported():
    events = events_of("For the final quarter of 2023, Ford says it made profits of $868 million.")
    assert events["says"].time_source == "publication" and events["says"].time.interval.earliest == DCT
    assert events["made"].time.text == "the final quarter of 2023"


def test_event_time_a_past_report_of_long_past_content_is_news_of_the_day():
    events = events_of("Apple Corps argued that the iTunes Music Store was a breach of the 1991 settlement.")
    assert events["argued"].time_source == "publication" and events["argued"].time.interval.latest == DCT
    recent = events_of("Residents said planes bombed the city on Tuesday.")["said"]
    assert recent.time is None  # the bombing's day may be the report's: no guess


MARKET_EXAMPLES = load_event_words().market_examples


@pytest.mark.parametrize("example", MARKET_EXAMPLES, ids=[e["text"][:30] for e in MARKET_EXAMPLES])
def test_event_time_an_undated_market_report_is_the_days_session(example):
    event = events_of(example["text"])[example["trigger"]]
    assert event.time_source == "publication"
    assert event.time.interval.earliest < event.time.interval.latest == DCT


def test_event_time_past_reports_after_a_dated_lead_are_of_its_occasion():
    # the lead dates the press conference three days before publication: "he stated" is of that day
    text = (
        "In a New York press conference on June 1st, Fritz Henderson, the CEO of General Motors, outlined a plan.\n"
        "Speaking to the press, Henderson described the day as a defining moment.\n"
        "He stated that the process would take 60 days."
    )
    events = events_of(text, published=date(2024, 6, 4))
    for trigger in ("described", "stated"):
        assert events[trigger].time.interval.earliest == events[trigger].time.interval.latest == date(2024, 6, 1)
    assert events["stated"].time_source == "publication"  # still a guess, of the occasion's day


def test_event_time_a_lead_dated_long_before_publication_names_no_occasion():
    text = "On May 1st, Fritz Henderson outlined a plan.\nHe also stated that the process would take 60 days."
    event = events_of(text, published=date(2024, 6, 4))["stated"]
    assert event.time_source == "publication" and event.time.interval.latest == date(2024, 6, 4)


def test_event_time_a_verb_set_in_a_dated_occasion_happens_then():
    text = "In a New York press conference at 16:15 UTC, June 1st, Fritz Henderson, the CEO, outlined a plan."
    event = events_of(text, published=date(2024, 6, 4))["outlined"]
    assert event.time.interval.earliest == event.time.interval.latest == date(2024, 6, 1)


def test_event_time_a_coordinated_past_verb_shares_the_guess_not_the_date_words():
    events = events_of("Obama stated that he refused the plan, and described the bankruptcy as quick.")
    assert events["described"].time_source == "publication"
    assert events["described"].time.interval == events["stated"].time.interval
    born = events_of("Mr. Smith was born in 1955 and founded the company.")["founded"]
    assert born.time is None or born.time.interval.earliest.year != 1955


def test_event_time_a_when_clause_on_a_date_happened_then():
    text = "The figures are an improvement from 2008, when the car company posted a loss of $15 billion."
    event = events_of(text, published=date(2010, 1, 28))["posted"]
    assert event.time_source == "explicit" and event.time.interval.earliest.year == 2008

"""Hand-checked expected events of seed article 000 (dated 2024-02-08): the events a reader would list."""

from datetime import date
from pathlib import Path

import pytest

from timeline.extract import extract_articles
from timeline.models import Article

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_ed205d56d064a430.txt"

# (words in the sentence, trigger, earliest, latest, how the time was found, factuality or None)
EXPECTED = [
    ("left the Middle East on Thursday", "left", "2024-02-08", "2024-02-08", "explicit", "asserted"),
    ("the militant group delivered Tuesday", "delivered", "2024-02-06", "2024-02-06", "explicit", None),
    ("In Qatar on Tuesday", "said", "2024-02-06", "2024-02-06", "explicit", "reported"),
    ("we see space to continue to pursue an agreement", "said", "2024-02-07", "2024-02-07", "explicit", "reported"),
    ("calling it “delusional”", "took", "2024-02-07", "2024-02-07", "inherited", None),
    ("arrived in Cairo on Thursday", "arrived", "2024-02-08", "2024-02-08", "explicit", "asserted"),
    ("killing at least 11 people", "bombed", "2024-02-08", "2024-02-08", "explicit", "asserted"),
    ("its troops had killed more than 20 militants", "killed", "2024-02-07", "2024-02-08", "explicit", None),
    ("due to meet U.S. President Joe Biden on Monday", "meet", "2024-02-12", "2024-02-12", "explicit", "planned"),
    ("took part in the Oct. 7 Hamas attack", "attack", "2023-10-07", "2023-10-07", "explicit", None),
    ("war against Hamas in Gaza began in October", "began", "2023-10-01", "2023-10-31", "explicit", None),
    ("a week-long ceasefire in November", "ceasefire", "2023-11-01", "2023-11-30", "explicit", None),
    ("endorsed last month by Egypt", "endorsed", "2024-01-01", "2024-01-31", "explicit", None),
    # undated reports: the publication day, and for a past-tense one the two days before it too
    ("who said the war would continue", "said", "2024-02-06", "2024-02-08", "publication", "reported"),
    ("Gaza’s health ministry says at least 27,840", "says", "2024-02-08", "2024-02-08", "publication", "reported"),
]


@pytest.fixture(scope="module")
def events():
    if not SEED.exists():
        pytest.skip(f"seed articles not found at {SEED.parent} (../shared/seeds)")
    text = SEED.read_text(encoding="utf-8")
    (extraction,) = extract_articles([Article(id="000", text=text, published=date(2024, 2, 8))])
    return extraction.events


@pytest.mark.parametrize(
    ("words", "trigger", "earliest", "latest", "source", "factuality"), EXPECTED, ids=[row[0][:30] for row in EXPECTED]
)
def test_seed_000_expected_event(events, words, trigger, earliest, latest, source, factuality):
    found = [e for e in events if words in e.sentence and e.trigger == trigger]
    assert found, f"no event with trigger {trigger!r} in the sentence with {words!r}"
    (event,) = found
    assert event.time is not None and event.time.interval is not None
    assert event.time.interval.earliest.isoformat() == earliest
    assert event.time.interval.latest.isoformat() == latest
    assert event.time_source == source
    if factuality:
        assert event.factuality == factuality


def test_seed_000_blinken_is_the_agent_of_leaving(events):
    # every clause is an event now ("with nowhere left to run" too): take the leaving of the Middle East
    (event,) = [e for e in events if e.trigger == "left" and "left the Middle East" in e.sentence]
    assert any(a.name == "Antony Blinken" and a.role == "agent" for a in event.actors)
    assert event.title.endswith("Antony Blinken left the Middle East")


# (words in the sentence, trigger, the title a reader would write): short clauses, actors by name,
# pronouns and role nouns resolved ("he said" is Mr. Blinken, "the militant group" is Hamas)
TITLES = [
    ("left the Middle East on Thursday", "left", "Antony Blinken left the Middle East"),
    ("his first four post-Oct. 7 trips", "trips", "First four trips to the Middle East"),  # no "post-" left over
    (
        "the militant group delivered Tuesday",
        "delivered",
        "Hamas delivered the response to a ceasefire and hostage release proposal",
    ),
    ("arrived in Cairo on Thursday", "arrived", "A Hamas delegation arrived in Cairo"),
    ("due to meet U.S. President Joe Biden on Monday", "meet", "Abdullah to meet U.S. President Joe Biden"),
    ("calling it “delusional”", "took", "Benjamin Netanyahu took direct aim"),
    ("we see space to continue to pursue an agreement", "said", "Antony Blinken said we see space"),
    (
        "endorsed last month by Egypt",
        "endorsed",
        "Hostage release proposal was endorsed by Egypt, Qatar, the U.S. and Israel",
    ),
    (
        "dehumanized in the most horrific way on Oct. 7",
        "said",
        "Antony Blinken said Israelis were dehumanized in the most horrific way",
    ),
    ("Israel says it takes steps", "takes", "Israel takes steps to avoid civilian casualties"),
]


@pytest.mark.parametrize(("words", "trigger", "title"), TITLES, ids=[row[2][:30] for row in TITLES])
def test_seed_000_titles_read_as_short_clauses(events, words, trigger, title):
    (event,) = [e for e in events if words in e.sentence and e.trigger == trigger]
    assert event.title == title


def test_seed_000_pronoun_subject_is_the_agent(events):
    # "“Israelis were dehumanized …,” he said." follows a sentence whose subject is Mr. Blinken
    (event,) = [e for e in events if e.trigger == "said" and "dehumanized in the most horrific way" in e.sentence]
    assert [(a.name, a.role) for a in event.actors if a.role == "agent"] == [("Antony Blinken", "agent")]


def test_seed_000_actors_have_titles_not_in_their_names():
    if not SEED.exists():
        pytest.skip(f"seed articles not found at {SEED.parent} (../shared/seeds)")
    (extraction,) = extract_articles(
        [Article(id="000", text=SEED.read_text(encoding="utf-8"), published=date(2024, 2, 8))]
    )
    titles = {actor.name: actor.titles for actor in extraction.actors if actor.titles}
    assert titles["Antony Blinken"] == ("U.S. Secretary of State",)
    assert titles["Benjamin Netanyahu"] == ("Israeli Prime Minister",)
    assert titles["Sameh Shoukry"] == ("Egyptian Foreign Minister",)
    assert titles["Abdullah"] == ("King of Jordan",)


def test_seed_000_no_event_from_bylines(events):
    assert not [e for e in events if e.sentence.strip() in ("The Associated Press", "With files from Reuters.")]


def test_seed_000_undated_events_are_kept_without_a_date(events):
    (event,) = [e for e in events if e.trigger == "wept"]
    assert "Mourners wept over bodies" in event.sentence
    assert event.time is None and event.time_source == "none"


def test_seed_000_every_clause_is_an_event(events):
    sentence = [e for e in events if "Mourners wept over bodies" in e.sentence]
    assert {"wept", "killed", "strike", "hit"} <= {e.trigger for e in sentence}


# (words in the sentence, trigger, {actor name: role}) for the events of the list that name actors
EXPECTED_ACTORS = [
    ("left the Middle East on Thursday", "left", {"Antony Blinken": "agent", "the Middle East": "patient"}),
    ("the militant group delivered Tuesday", "delivered", {"Hamas": "agent"}),
    ("we see space to continue to pursue an agreement", "said", {"Antony Blinken": "agent"}),
    ("calling it “delusional”", "took", {"Benjamin Netanyahu": "agent"}),
    ("arrived in Cairo on Thursday", "arrived", {"Hamas": "agent", "Cairo": "location"}),
    ("bombed areas in the southern border city of Rafah", "bombed", {"Israel": "agent", "Rafah": "location"}),
    ("its troops had killed more than 20 militants", "killed", {"Khan Younis": "location"}),
    ("due to meet U.S. President Joe Biden on Monday", "meet", {"Abdullah": "agent", "Joe Biden": "patient"}),
    ("endorsed last month by Egypt", "endorsed", {"Egypt": "agent", "Qatar": "agent", "Israel": "agent"}),
]


@pytest.mark.parametrize(("words", "trigger", "roles"), EXPECTED_ACTORS, ids=[row[0][:30] for row in EXPECTED_ACTORS])
def test_seed_000_expected_actors(events, words, trigger, roles):
    found = [e for e in events if words in e.sentence and e.trigger == trigger]
    assert found, f"no event with trigger {trigger!r} in the sentence with {words!r}"
    actual = {actor.name: actor.role for event in found for actor in event.actors}
    assert {name: actual.get(name) for name in roles} == roles


@pytest.mark.parametrize(
    ("words", "trigger", "past"),
    [
        ("left the Middle East on Thursday", "left", True),
        ("Israel has taken important steps", "taken", True),
        ("due to meet U.S. President Joe Biden on Monday", "meet", False),
        ("Gaza’s health ministry says at least 27,840", "says", False),
        ("a week-long ceasefire in November", "ceasefire", False),
    ],
)
def test_seed_000_events_told_in_the_past(events, words, trigger, past):
    (event,) = [e for e in events if words in e.sentence and e.trigger == trigger]
    assert event.past is past

"""Event roles: agents of subjectless clauses, locations, names inside a person's title (examples run)."""

from datetime import date

import pytest

from timeline.extract import extract_articles
from timeline.extract.noise import load_event_words
from timeline.models import Article

EXAMPLES = load_event_words().location_examples


def _events(text: str):
    (extraction,) = extract_articles([Article(id="a", text=text, published=date(2024, 2, 8))])
    return extraction.events


def _roles(event) -> dict[str, str]:
    return {actor.name: actor.role for actor in event.actors}


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:30] for e in EXAMPLES])
def test_event_roles_location_examples(example):
    (event,) = [e for e in _events(example["text"]) if e.trigger == example["trigger"]]
    assert _roles(event).get(example["location"]) == "location"


def test_event_roles_a_subjectless_clause_shares_the_subject_above_it():
    text = "Jordan’s King Abdullah embarked on a mission to Western capitals, due to meet U.S. President Joe Biden."
    (meet,) = [e for e in _events(text) if e.trigger == "meet"]
    roles = _roles(meet)
    assert roles["Abdullah"] == "agent"
    assert roles["Joe Biden"] == "patient"


def test_event_roles_a_gerund_after_a_preposition_shares_the_subject():
    text = "Apple CEO Steve Jobs unveiled the device by walking onto the stage."
    (walking,) = [e for e in _events(text) if e.trigger == "walking"]
    assert _roles(walking)["Steve Jobs"] == "agent"


def test_event_roles_an_event_noun_object_takes_the_verbs_subject_and_time():
    text = "Apple Corps filed a lawsuit against Apple Computer on Tuesday."
    events = {e.trigger: e for e in _events(text)}
    assert _roles(events["lawsuit"])["Apple Corps"] == "agent"
    assert events["lawsuit"].time == events["filed"].time and events["lawsuit"].time.text == "Tuesday"


def test_event_roles_names_in_a_title_are_not_the_agent():
    text = "U.S. Secretary of State Antony Blinken left the Middle East on Thursday."
    (left,) = [e for e in _events(text) if e.trigger == "left"]
    agents = [a.name for a in left.actors if a.role == "agent"]
    assert agents == ["Antony Blinken"]
    assert _roles(left)["the Middle East"] == "patient"


def test_event_roles_the_object_of_a_place_phrase_is_not_the_place():
    text = "Israeli planes bombed the city on Thursday, killing 11 people."
    (kill,) = [e for e in _events(text) if e.trigger == "killing"]
    assert _roles(kill).get("Israel") == "agent"  # Israeli planes kill: the subject of the clause above


def test_event_roles_a_possessor_inside_a_participant_is_not_one():
    # SemEval-2015 TimeLine (gold of corpus 2): "GM's sales fell" is no GM event, "GM's decision" is
    events = {e.trigger: e for e in _events("The British government welcomed General Motors' decision.")}
    assert _roles(events["welcomed"])["General Motors"] == "other"
    assert _roles(events["decision"])["General Motors"] == "agent"
    (fell,) = [e for e in _events("General Motors' sales fell 45% in March.") if e.trigger == "fell"]
    assert _roles(fell)["General Motors"] == "other"
    (slipped,) = [e for e in _events("General Motors shares slipped 1.6% on Wednesday.") if e.trigger == "slipped"]
    assert _roles(slipped)["General Motors"] == "other"
    # a group acting for its possessor is the possessor at work
    (said,) = [e for e in _events("Israel's government said it would go on.") if e.trigger == "said"]
    assert _roles(said)["Israel"] == "agent"


def test_event_roles_an_event_noun_after_for_takes_the_verbs_subject_and_time():
    text = "General Motors filed for bankruptcy and Chapter 11 protection on Monday."
    events = {e.trigger: e for e in _events(text)}
    for noun in ("bankruptcy", "protection"):
        assert _roles(events[noun])["General Motors"] == "agent", noun
        assert events[noun].time == events["filed"].time and events[noun].time.text == "Monday", noun


def test_event_roles_a_name_in_an_unnamed_persons_title_is_not_the_agent():
    text = "The market is starting to show signs of life, said the vice president and chairman of Chrysler."
    (said,) = [e for e in _events(text) if e.trigger == "said"]
    assert _roles(said).get("Chrysler") == "other"

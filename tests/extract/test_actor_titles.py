"""Actor titles and roles from the text: before the name, inside the NER span, or in an apposition."""

import pytest

from timeline.extract.actor_titles import split_title, tidy_title
from timeline.extract.actor_words import load_actor_words
from timeline.extract.actors import extract_actors, group_actors
from timeline.extract.nlp import load_nlp

EXAMPLES = load_actor_words().title_examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_actor_titles_resource_examples(example):
    raw = extract_actors(load_nlp()(example["text"]))
    _, actors = group_actors("a", raw)
    (actor,) = [a for a in actors if a.name == example["name"]]
    assert actor.titles == ((example["title"],) if example["title"] else ())
    assert all(word not in actor.name.split() for word in ("Secretary", "Minister", "CEO", "King"))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Apple CEO Steve Jobs", ("Apple CEO", "Steve Jobs")),
        ("Secretary of State Antony Blinken", ("Secretary of State", "Antony Blinken")),
        ("Steve Jobs", ("", "Steve Jobs")),
        ("Chief", ("", "Chief")),
        ("Minister of the interior", ("", "Minister of the interior")),
    ],
)
def test_actor_titles_split_title_from_name(name, expected):
    assert split_title(name) == expected


@pytest.mark.parametrize(
    ("words", "title"),
    [
        (["Apple", "'s", "chief", "executive"], "chief executive of Apple"),
        (["the", "Israeli", "Prime", "Minister"], "Israeli Prime Minister"),
        (["Mr."], ""),
        (["a", "father", "of", "six"], ""),
    ],
)
def test_actor_titles_tidy(words, title):
    assert tidy_title(words) == title


def test_actor_titles_gather_on_one_actor_with_aliases():
    doc = load_nlp()("U.S. Secretary of State Antony Blinken left on Thursday. Mr. Blinken said the talks would go on.")
    mentions, actors = group_actors("a", extract_actors(doc))
    (blinken,) = [a for a in actors if a.type == "PERSON"]
    assert blinken.name == "Antony Blinken" and blinken.titles == ("U.S. Secretary of State",)
    assert {m.actor_id for m in mentions if m.label == "PERSON"} == {blinken.id}

"""Pronoun and role coreference inside an article: the resolved actor takes part in the event."""

from datetime import date

import pytest

from timeline.extract import extract_articles
from timeline.extract.actors import extract_actors, group_actors
from timeline.extract.coref import ArticleCoreference, load_coref_words
from timeline.extract.nlp import load_nlp
from timeline.models import Article

EXAMPLES = load_coref_words().examples


def _extract(text: str):
    (extraction,) = extract_articles([Article(id="c", text=text, published=date(2024, 2, 8))])
    return extraction


def _references(text: str) -> list[tuple[str, str]]:
    """Return (referring words, actor name) for every reference the resolver finds in the text."""
    doc = load_nlp()(text)
    mentions, actors = group_actors("c", extract_actors(doc))
    names = {actor.id: actor.name for actor in actors}
    coref = ArticleCoreference(actors)
    found = []
    for sentence in doc.sents:
        inside = [m for m in mentions if sentence.start_char <= m.span.start < sentence.end_char]
        found.extend((m.text, names[m.actor_id]) for m in coref.resolve(sentence, 0, inside))
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:40] for e in EXAMPLES])
def test_coref_resource_examples(example):
    assert (example["words"], example["actor"]) in _references(example["text"])


def test_coref_pronoun_subject_becomes_agent_and_title_names_it():
    extraction = _extract("Antony Blinken left Israel on Thursday.\nHe said the talks would go on.")
    (said,) = [e for e in extraction.events if e.trigger == "said"]
    assert [(a.name, a.role) for a in said.actors if a.role == "agent"] == [("Antony Blinken", "agent")]
    assert said.title.startswith("Antony Blinken said the talks")


def test_coref_pronouns_do_not_add_named_mentions():
    extraction = _extract("Antony Blinken left Israel on Thursday. He said the talks would go on.")
    assert [m.text for m in extraction.mentions if m.label == "PERSON"] == ["Antony Blinken"]


@pytest.mark.parametrize(
    "text",
    [
        "It was not clear whether Apple would ship the phone.",  # expletive "it"
        "Emad, a father of six, said his home was destroyed.",  # "his" is Emad, who is no actor
        "The military said it had apprehended dozens of suspected militants.",  # "it" is the military
        "Blinken met officials.",  # no reference at all
    ],
)
def test_coref_leaves_unresolvable_references_alone(text):
    found = _references("Antony Blinken and Apple met in Israel on Monday. " + text)
    assert [words for words, _ in found if words.lower() in ("it", "his")] == []


def test_coref_object_pronoun_is_not_its_own_verbs_subject():
    extraction = _extract("Joe Biden met Antony Blinken on Monday.\nBiden told him the talks would go on.")
    (told,) = [e for e in extraction.events if e.trigger == "told"]
    roles = {(a.name, a.role) for a in told.actors}
    assert ("Joe Biden", "agent") in roles and ("Joe Biden", "patient") not in roles


def test_coref_a_nationality_government_is_no_earlier_organisation():
    found = _references("General Motors cut 10,000 jobs. The British government said it was sorry.")
    assert [words for words, _ in found if "government" in words] == []

"""Event triggers: every clause's verb and the nouns that name happenings (resource examples run)."""

import pytest

from timeline.extract.nlp import load_nlp
from timeline.extract.noise import load_event_words
from timeline.extract.triggers import is_nominalisation, is_trigger, singular_forms, tells_happening

EXAMPLES = load_event_words().trigger_examples
EVENTIVE = load_event_words().eventive_examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:30] for e in EXAMPLES])
def test_triggers_resource_examples(example):
    doc = load_nlp()(example["text"])
    assert [t.text for t in doc if is_trigger(t)] == example["triggers"].split()


@pytest.mark.parametrize(
    ("word", "form"),
    [("sales", "sale"), ("controversies", "controversy"), ("crashes", "crash"), ("talks", "talk")],
)
def test_triggers_plural_nouns_have_their_singular(word, form):
    assert form in singular_forms(word)


def test_triggers_plural_es_is_not_cut_after_a_vowel():
    assert "plan" not in singular_forms("planes")


def test_triggers_auxiliaries_adjectival_verbs_and_months_are_not_events():
    doc = load_nlp()("According to Apple, the long awaited phone has been released in March.")
    assert [t.text for t in doc if is_trigger(t)] == ["released"]


@pytest.mark.parametrize(
    "example", EVENTIVE, ids=[f"{e['trigger']}-{e['eventive']}-{e['text'][:24]}" for e in EVENTIVE]
)
def test_triggers_tell_a_happening_or_not(example):
    doc = load_nlp()(example["text"])
    (trigger,) = [t for t in doc if t.text == example["trigger"]]
    assert is_trigger(trigger)
    assert tells_happening(trigger) is example["eventive"]


NOMINAL_EXAMPLES = load_event_words().nominal_examples


@pytest.mark.parametrize("example", NOMINAL_EXAMPLES, ids=[e["text"][:30] for e in NOMINAL_EXAMPLES])
def test_triggers_nominalisations_of_verbs_are_events(example):
    doc = load_nlp()(example["text"])
    assert [t.text for t in doc if is_trigger(t)] == example["triggers"].split()


def test_triggers_nominalisation_needs_a_verb_stem_and_no_stop_word():
    assert is_nominalisation("reorganization") and is_nominalisation("failure")
    assert not is_nominalisation("station") and not is_nominalisation("government")

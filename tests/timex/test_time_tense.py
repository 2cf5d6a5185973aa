"""The word-level tense detector: the examples of `resources/en/time_tense.yml`."""

import pytest

from timeline.timex.tense import clause_tense, load_tense_words

EXAMPLES = load_tense_words().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.text[:40] for e in EXAMPLES])
def test_time_tense_resource_examples(example):
    start = example.text.index(example.words)
    tense = clause_tense(example.text, start, start + len(example.words))
    assert (tense or "none") == example.tense


def test_time_tense_capitalised_ed_word_is_a_name_not_a_verb():
    text = "the father would be traveling to the United States Thursday"
    assert clause_tense(text, text.index("Thursday")) == "future"
    text = "the delegation from the United Arab Emirates on Thursday"
    assert clause_tense(text, text.index("Thursday")) is None

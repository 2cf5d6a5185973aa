"""Trigger synonym groups: a lemma's groups found by the word index are those that hold it."""

from timeline.merge.triggers import load_trigger_words, trigger_sense


def test_a_lemmas_groups_are_every_group_holding_it():
    words = load_trigger_words()
    assert any(sum(word in group for group in words.groups) > 1 for word in words.vocabulary)  # some are in two
    for word in [*sorted(words.vocabulary), "unheard-of", "said", "Concluded", "wrapped"]:
        lemma, groups = trigger_sense(word)
        assert groups == {number for number, group in enumerate(words.groups) if lemma in group}, word

"""Trigger synonyms: "left", "concluded" and "wrapped up" name the same happening.

Paraphrase and machine translation change the verb more often than the facts, so the merger asks
whether two triggers share a synonym group (`resources/en/triggers.yml`) rather than whether they
are the same word. Inflections are undone by a small suffix lemmatiser checked against the groups'
own vocabulary, so it cannot invent a lemma: a word it cannot place matches only itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

from timeline.resources import load_yaml


@dataclass(frozen=True)
class TriggerWords:
    """The synonym groups, the words that start a period, the irregular forms and the examples."""

    groups: tuple[frozenset[str], ...]
    beginnings: frozenset[str]
    irregular: dict[str, str]
    examples: tuple[dict, ...]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Every base form the resource knows: the lemmatiser only returns one of these (made once)."""
        return frozenset().union(*self.groups, self.beginnings)


@cache
def load_trigger_words() -> TriggerWords:
    """Read and validate `triggers.yml` (once)."""
    text = resources.files("timeline.resources").joinpath("en", "triggers.yml").read_text(encoding="utf-8")
    data = load_yaml(text)
    groups = tuple(frozenset(str(word).lower() for word in group) for group in data["groups"])
    irregular = {str(form).lower(): str(base).lower() for form, base in data["irregular"].items()}
    beginnings = frozenset(str(word).lower() for word in data["beginnings"])
    examples = tuple(data.get("examples", ()))
    return TriggerWords(groups=groups, beginnings=beginnings, irregular=irregular, examples=examples)


def _candidates(word: str) -> tuple[str, ...]:
    """Possible base forms of an inflected word, most literal first ("wrapped" → wrapped, wrappe, wrapp, wrap)."""
    found = [word]
    for suffix in ("s", "es", "d", "ed", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"]
            if len(stem) >= 4 and stem[-1] == stem[-2]:  # wrapped → wrap, planning → plan
                found.append(stem[:-1])
    return tuple(found)


@lru_cache(maxsize=65536)
def trigger_lemma(word: str) -> str:
    """Return the base form of a trigger word if the synonym groups know it, else the word lower-cased."""
    words = load_trigger_words()
    lowered = word.lower().strip()
    if lowered in words.irregular:
        return words.irregular[lowered]
    vocabulary = words.vocabulary
    return next((candidate for candidate in _candidates(lowered) if candidate in vocabulary), lowered)


@lru_cache(maxsize=65536)
def _groups_of(lemma: str) -> frozenset[int]:
    return _group_index().get(lemma, frozenset())


@cache
def _group_index() -> dict[str, frozenset[int]]:
    """{word: the indexes of the synonym groups holding it}, made once: not every group searched for each lemma."""
    index: dict[str, set[int]] = {}
    for number, group in enumerate(load_trigger_words().groups):
        for word in group:
            index.setdefault(word, set()).add(number)
    return {word: frozenset(numbers) for word, numbers in index.items()}


def trigger_sense(word: str) -> tuple[str, frozenset[int]]:
    """Return a trigger's lemma and the indexes of its synonym groups: what `same_trigger` compares.

    The merge finds these once per mention and compares them for each of its candidate pairs.
    """
    lemma = trigger_lemma(word)
    return lemma, _groups_of(lemma)


def same_trigger(left: str, right: str) -> bool:
    """True when two trigger words are one word or share a synonym group ("left" / "concluded")."""
    left_lemma, right_lemma = trigger_lemma(left), trigger_lemma(right)
    if left_lemma == right_lemma:
        return True
    return bool(_groups_of(left_lemma) & _groups_of(right_lemma))


def is_beginning(word: str) -> bool:
    """True for a trigger that starts a period: "began", "sparked", "erupted"."""
    return trigger_lemma(word) in load_trigger_words().beginnings

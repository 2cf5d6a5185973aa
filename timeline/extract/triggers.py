"""Which words tell an event: every clause's verb, and the nouns that name happenings.

News annotation (TimeML, MEANTIME) calls an event anything that happens, holds or is said: main
and subordinate verbs ("released", "to create"), copulas ("is"), reporting verbs ("said"), and
event nouns ("the launch", "sales", "a lawsuit", "the Worldwide Developers Conference"). Auxiliaries
("has", "will"), verbs used as adjectives ("the long awaited kit") or prepositions ("according
to") tell none. The word lists are data (`resources/en/events.yml`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from spacy.tokens import Token

from timeline.extract.actor_words import load_actor_words
from timeline.extract.noise import load_event_words

_VERBAL = ("VERB", "AUX")
_ES_PLURALS = ("ses", "xes", "zes", "ches", "shes")
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})


def singular_forms(word: str) -> tuple[str, ...]:
    """Return the word and its possible singulars: "sales" -> sale, "controversies" -> controversy."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    elif word.endswith(_ES_PLURALS) and len(word) > 4:
        forms.append(word[:-2])  # "crashes", "taxes"; not "planes" -> "plan"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
    return tuple(forms)


def is_event_noun(token: Token) -> bool:
    """True for a noun that names a happening ("the launch", "sales")."""
    nouns = load_event_words().event_nouns
    return any(form in nouns for form in singular_forms(token.lower_))


def is_trigger(token: Token) -> bool:
    """True when the token is an event trigger (see the module docstring)."""
    if not token.text[:1].isalpha():
        return False  # "-", "’s" and other pieces a tokenizer cut off
    if token.pos_ in _VERBAL:
        if token.dep_ in load_event_words().trigger_skip_deps:
            return False
        return not (token.ent_type_ in _NAME_LABELS and token.pos_ == "VERB")  # "Presiding" in a name
    if token.pos_ == "NOUN":
        if token.dep_ == "compound" and not is_event_noun(token.head):
            return False  # "a software development kit" is a kit; "the ceasefire talks" are talks
        return is_event_noun(token)
    if token.pos_ == "PROPN":  # the head of a named event: "Worldwide Developers Conference"
        return token.lower_ in load_actor_words().event_name_heads and token.i > token.sent.start
    return False


def is_verbal(token: Token) -> bool:
    """True for a verb or copula trigger (a clause), False for an event noun."""
    return token.pos_ in _VERBAL


def has_own_subject(token: Token) -> bool:
    """True for a clause with a subject of its own (or an expletive "there")."""
    return any(child.dep_ in ("nsubj", "nsubjpass", "expl") for child in token.children)


def governing_heads(token: Token, deps: Collection[str], steps: int = 4) -> Iterator[Token]:
    """Yield the clauses a subjectless clause hangs on, nearest first, climbing only through ``deps``.

    "King Abdullah embarked on a mission, due to meet Biden": from "meet" (xcomp of "due", prep of
    "embarked") this yields "due", then "embarked". A clause reaches its governor in a few steps, or
    it hangs on nothing it shares a subject or a time with.
    """
    current = token
    for _ in range(steps):
        if current.dep_ not in deps or current.head.i == current.i:
            return
        current = current.head
        yield current

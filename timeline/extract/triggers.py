"""Which words tell an event: every clause's verb, and the nouns that name happenings.

News annotation (TimeML, MEANTIME) calls an event anything that happens, holds or is said: main
and subordinate verbs ("released", "to create"), copulas ("is"), reporting verbs ("said"), and
event nouns ("the launch", "sales", "a lawsuit", "the Worldwide Developers Conference"). Auxiliaries
("has", "will"), verbs used as adjectives ("the long awaited kit") or prepositions ("according
to") tell none. The word lists are data (`resources/en/events.yml`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import lru_cache

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
    """True for a noun that names a happening ("the launch", "sales", "protection")."""
    nouns = load_event_words().event_nouns
    return any(form in nouns or is_nominalisation(form) for form in singular_forms(token.lower_))


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    """The verbs of the model's lemmatizer index (empty when the model has none: the rule is then off)."""
    from timeline.extract.nlp import load_nlp  # noqa: PLC0415 (spaCy is loaded by whoever parses)

    nlp = load_nlp()
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", ()))


@lru_cache(maxsize=8192)
def is_nominalisation(word: str) -> bool:
    """True for a noun derived from a verb by a suffix ("protection" <- protect, "approval" <- approve).

    The suffixes and stem endings are data (`nominal_suffixes` in `resources/en/events.yml`); the verb
    check is the model's lemma index, so "station" or "signal" need a stop list only when their stem
    is a verb too ("nominal_not_events").
    """
    words = load_event_words()
    if word in words.nominal_not_events:
        return False
    verbs = _verb_lemmas()
    for suffix, endings in words.nominal_suffixes.items():
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= words.nominal_min_stem:
            if any(stem + ending in verbs for ending in endings):
                return True
    return False


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


_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_PARTICIPANT_DEPS = frozenset(
    {"dobj", "attr", "dative", "agent", "oprd", "acomp", "ccomp", "xcomp", "prep", "advcl", "prt"}
)
"""What completes a light verb: an object, a complement, or a particle ("it has kept up")."""
_CONTENT_DEPS = ("ccomp", "xcomp", "parataxis")
_RELATIVE = frozenset({"which", "that", "who", "whom", "what"})


def tells_happening(trigger: Token, *, dated: bool = False) -> bool:
    """Say whether a trigger tells something happening, worth a line on the timeline.

    An event noun names one ("the attack"). A verb does when it has a participant or a time of its
    own, and it is none of: an existential about nothing ("there are things", "there is always coming
    and going"), a fragment with no subject to borrow ("Which is desperately needed."), a light verb
    with neither object nor complement ("It has made"), a condition ("if the war ends"), a feeling or
    wish ("we wish", "Gazans are hoping") or what is wished, or a report of any of these ("there are
    things ..., Mr. Blinken said"). Such clauses stay extracted (MEANTIME counts them as events, and
    they hold context), but the merger keeps them off the timeline. ``dated`` is True when the
    trigger has time words of its own.
    """
    if not is_verbal(trigger):
        return True
    return _happening(trigger, dated, depth=0)


def _happening(verb: Token, dated: bool, depth: int) -> bool:
    words = load_event_words()
    if verb.lower_ in words.feeling_verbs or _wished(verb, words.feeling_verbs):
        return False
    if _conditional(verb, words.condition_marks):
        return False
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if verb.dep_ == "conj" and not subjects and is_verbal(verb.head) and depth < 4:
        return _happening(verb.head, dated, depth + 1)  # "coming and going" share a subject
    if any(c.dep_ == "expl" for c in subjects):
        return dated or any(
            c.dep_ in ("attr", "nsubj", "dobj") and c.lower_ not in words.empty_nouns for c in verb.children
        )
    complements = [c for c in verb.children if c.dep_ in _PARTICIPANT_DEPS]
    if words.reporting_verbs and verb.lower_ in words.reporting_verbs and not dated:
        contents = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and is_verbal(c)]
        others = [c for c in complements if c.dep_ not in _CONTENT_DEPS and c.dep_ != "prep"]
        if not others:
            return bool(contents) and any(_happening(c, False, depth + 1) for c in contents)
    if dated:
        return True
    if not subjects and verb.dep_ in ("ROOT", "parataxis") and not complements:
        return False  # a fragment: nothing to borrow a subject from
    if subjects and subjects[0].lower_ in _RELATIVE and verb.dep_ in ("ROOT", "parataxis"):
        return False  # "Which is desperately needed.": a relative clause cut off its noun
    pronoun = subjects and subjects[0].lower_ in words.empty_nouns
    return not (pronoun and verb.lower_ in words.light_verbs and not complements)


def _wished(verb: Token, feelings: Collection[str]) -> bool:
    """True for what a feeling verb is about ("we wish the morning won't come": "come")."""
    current = verb
    for _ in range(3):
        if current.dep_ not in _CONTENT_DEPS or current.head.i == current.i:
            return False
        current = current.head
        if current.lower_ in feelings:
            return True
    return False


def _conditional(verb: Token, marks: Collection[str]) -> bool:
    """True for a clause opened by "if" (or "unless", "provided"), or joined by "and" to one that is."""
    current = verb
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in current.children):
            return True
        if current.head.lower_ in marks and current.dep_ in ("ccomp", "pcomp", "advcl"):
            return True  # "provided the war ends", parsed as a preposition and its clause
        if current.dep_ != "conj" or current.head.i == current.i:
            return False
        current = current.head
    return False

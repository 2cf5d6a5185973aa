"""Who "he", "it", "the company" and "the secretary" are: cheap in-article coreference for event actors.

News names an actor once and then refers back: "He announced …", "the company said", "the prime
minister said". Without resolution such an event has no actor, and a reader (or the SemEval
TimeLine selection, which picks a target's events by actor) loses it. The rules are the classic
salience ones, with no model:

- "he"/"she"/"his"/"her" is the latest compatible PERSON that was the subject of a verb before it
  in the same sentence ("Blinken said he …"); else the subject of the nearest earlier sentence that
  has a PERSON subject (main clause first); else the latest PERSON named at all. Gender is known
  only from honorifics and titles ("Mr.", "King", "spokeswoman"); an unknown gender fits both.
- "it"/"its" is the nearest subject before it in the sentence (or the name in its apposition:
  "Another automaker, General Motors, announced that it seeks …"), else the main subject of the sentence
  before, when that is an organisation or country ("Israel says it takes steps"; in "the military
  said it …" it is the military, no actor); expletive "it" ("it seems", "it was not clear
  whether") refers to nothing.
- "the company"/"the militant group" is the latest organisation actor, as a possessive too ("the
  firm's decision": the possessor of an event noun is its agent, `event_roles`); "the secretary"/"the prime
  minister" is the latest actor whose title holds those words (`actor_titles`).

Only the previous `window_sentences` sentences are searched. The words are data
(`resources/en/actors.yml`, `coreference:`). Resolved references are returned as `Mention`s for event
actors only: they never enter the article's named mentions, so entity scores do not change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, ConfigDict
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from timeline.extract.actor_words import load_actor_words
from timeline.models import Actor, EntityLabel, Mention, Span

_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_GROUP_TYPES = ("ORG", "GPE")
_MODIFIER_DEPS = ("compound", "amod", "nmod")


class CorefWords(BaseModel):
    """The validated `coreference:` block of `resources/en/actors.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    person_pronouns: dict[str, str]
    group_pronouns: frozenset[str]
    group_nouns: frozenset[str]
    male_words: frozenset[str]
    female_words: frozenset[str]
    expletive_verbs: frozenset[str]
    window_sentences: int
    examples: tuple[dict[str, str], ...] = ()


@lru_cache(maxsize=1)
def load_coref_words() -> CorefWords:
    """Read the coreference words once per process."""
    return CorefWords.model_validate(load_actor_words().coreference)


@dataclass(frozen=True)
class _Seen:
    """An actor named or referred to: where, and whether it was a (main-clause) subject."""

    sentence: int
    start: int
    actor_id: str
    label: str
    subject: bool
    main: bool
    head: int
    """The token index of the word it depends on (a pronoun object never refers to its own verb's subject)."""


def _gender(actor: Actor, words: CorefWords) -> str | None:
    found = set()
    for text in (*actor.aliases, *actor.titles):
        for word in text.lower().replace(".", " ").split():
            if word in words.male_words:
                found.add("m")
            elif word in words.female_words:
                found.add("f")
    return found.pop() if len(found) == 1 else None


class ArticleCoreference:
    """Resolve the references of one article's sentences, in reading order (it keeps what it has seen)."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.words = load_coref_words()
        self.actors = {actor.id: actor for actor in actors}
        self.genders = {actor.id: _gender(actor, self.words) for actor in actors}
        self.title_words = {
            actor.id: {w.lower().rstrip(".") for title in actor.titles for w in title.split()} for actor in actors
        }
        self.seen: list[_Seen] = []
        self.sentence = 0
        self.previous_main: str | None = None
        self.unnamed_person = False
        """A person the article does not keep as an actor was named earlier in the current sentence."""

    def resolve(self, sentence: SpacySpan, offset: int, mentions: Sequence[Mention]) -> list[Mention]:
        """Return a `Mention` for every pronoun or role noun of the sentence that refers to an actor.

        ``mentions`` are the sentence's named mentions (article offsets); ``offset`` maps the parsed
        chunk to the article.
        """
        self.sentence += 1
        named = sorted(mentions, key=lambda m: m.span.start)
        actor_at: dict[int, str] = {}
        covered: set[int] = set()
        for mention in named:
            start, end = mention.span.start - offset, mention.span.end - offset
            span = sentence.doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                actor_at[span.root.i] = mention.actor_id
                covered.update(range(span.start, span.end))
        self.unnamed_person = False
        subjects: list[str | None] = []  # the actor (or None) of each subject so far in this sentence
        references: list[Mention] = []
        for token in sentence:
            found = self._reference(token, subjects)
            if found is not None:
                actor_id, first = found
                actor = self.actors[actor_id]
                span = Span(start=first.idx + offset, end=token.idx + len(token.text) + offset)
                text = sentence.doc.text[first.idx : token.idx + len(token.text)]
                references.append(Mention(span=span, text=text, label=actor.type, actor_id=actor_id))
                actor_at[token.i] = actor_id
            if token.i in actor_at:
                self._remember(token, token.idx + offset, actor_at[token.i], self.actors[actor_at[token.i]].type)
            if token.dep_ in _SUBJECT_DEPS:
                subjects.append(actor_at.get(token.i, _apposed(token, actor_at)))
            if token.ent_type_ == "PERSON" and token.i not in covered:
                self.unnamed_person = True  # "Emad, … fleeing his home": his is Emad, who is no actor
        mains = [t for t in sentence if t.dep_ in _SUBJECT_DEPS and t.head.dep_ == "ROOT"]
        self.previous_main = actor_at.get(mains[0].i) if mains else None
        return references

    def _remember(self, token: Token, at: int, actor_id: str, label: EntityLabel | str) -> None:
        subject = token.dep_ in _SUBJECT_DEPS
        main = subject and token.head.dep_ == "ROOT"
        self.seen.append(_Seen(self.sentence, at, actor_id, label, subject, main, token.head.i))

    def _reference(self, token: Token, subjects: list[str | None]) -> tuple[str, Token] | None:
        """Return (actor id, first token of the referring words) for a pronoun or role noun, else None."""
        lower = token.lower_
        if token.pos_ == "PRON" and lower in self.words.person_pronouns:
            if self.unnamed_person:
                return None
            gender = self.words.person_pronouns[lower]
            own_verb = token.head.i if token.dep_ not in (*_SUBJECT_DEPS, "poss") else -1  # "Blinken told him"
            found = self._salient(
                lambda s: s.label == "PERSON"
                and self.genders.get(s.actor_id) in (None, gender)
                and not (s.sentence == self.sentence and s.subject and s.head == own_verb)
            )
            return (found, token) if found else None
        if token.pos_ == "PRON" and lower in self.words.group_pronouns:
            if token.dep_ not in (*_SUBJECT_DEPS, "poss") or _expletive(token, self.words):
                return None
            # the nearest subject before it in the sentence, else the last sentence's main subject:
            # "Israel says it …", but "The military said it …" is the military, which is no actor
            found = subjects[-1] if subjects else self.previous_main
            if found is None or self.actors[found].type not in _GROUP_TYPES:
                return None
            return found, token
        if token.pos_ == "NOUN" and token.dep_ != "compound":
            return self._role_noun(token)
        return None

    def _role_noun(self, token: Token) -> tuple[str, Token] | None:
        """Resolve "the company", "the militant group", "the prime minister"."""
        children = list(token.lefts)
        if not children or children[0].lower_ != "the" or children[0].dep_ != "det":
            return None
        modifiers = [c for c in children[1:] if c.dep_ in _MODIFIER_DEPS]
        if len(modifiers) != len(children) - 1 or any(c.pos_ == "PROPN" or c.ent_type_ for c in modifiers):
            return None  # "the Apple company", "the British government": a name is there already
        lower = token.lower_
        if lower in self.words.group_nouns:
            found = self._salient(lambda s: s.label == "ORG")
        elif lower in load_actor_words().title_words:
            wanted = {lower, *(c.lower_ for c in modifiers)}
            found = self._salient(lambda s: s.label == "PERSON" and wanted <= self.title_words.get(s.actor_id, set()))
        else:
            return None
        return (found, children[0]) if found else None

    def _salient(self, fits) -> str | None:  # noqa: ANN001
        """Return the actor id of the most salient earlier actor that ``fits``, or None."""
        oldest = self.sentence - self.words.window_sentences
        recent = [s for s in self.seen if s.sentence >= oldest and fits(s)]
        here = [s for s in recent if s.sentence == self.sentence and s.subject]
        if here:
            return here[-1].actor_id
        before = [s for s in recent if s.sentence < self.sentence and s.subject]
        if before:
            last = max(s.sentence for s in before)
            in_last = [s for s in before if s.sentence == last]
            mains = [s for s in in_last if s.main]
            return (mains or in_last)[0].actor_id
        return recent[-1].actor_id if recent else None


def _apposed(token: Token, actor_at: dict[int, str]) -> str | None:
    """The actor a subject names in an apposition ("Another automaker, General Motors, said it …")."""
    return next((actor_at[c.i] for c in token.children if c.dep_ == "appos" and c.i in actor_at), None)


def _expletive(token: Token, words: CorefWords) -> bool:
    """True for an "it" that refers to nothing: "it seems", "it was not clear whether …"."""
    head = token.head
    if head.lower_ in words.expletive_verbs:
        return True
    deps = {child.dep_ for child in head.children}
    return bool(deps & {"acomp", "attr"} and deps & {"ccomp", "xcomp", "csubj"}) or (
        token.dep_ == "nsubjpass" and "ccomp" in deps
    )

"""Who takes part in an event, and how: agent, patient, location or other.

The roles come from the dependency parse around the trigger:
- agent: the subject, a `by`-phrase of a passive, a possessive ("Israel's offensive"); for a verb
  without a subject of its own, the subject of the clause it hangs on ("King Abdullah embarked on a
  mission, due to meet Joe Biden": Abdullah is the one due to meet; "planes bombed the city, killing
  11": the planes kill); for an event noun that is a verb's object, the verb's subject ("Apple Corps
  filed a lawsuit": Apple Corps sues);
- patient: the object, a passive subject;
- location: a place named in a locative phrase of the event ("arrived in Cairo", "strikes in the
  southern city of Rafah"), with the prepositions of `resources/en/events.yml`
  (`locative_prepositions`);
- other: everyone else the clause names. A name inside a person's title ("U.S." and "State" in
  "U.S. Secretary of State Antony Blinken", "Jordan" in "Jordan's King Abdullah") describes the person
  and is never the agent itself.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from timeline.extract.actor_words import load_actor_words
from timeline.extract.coref import load_coref_words
from timeline.extract.noise import load_event_words
from timeline.extract.triggers import governing_heads, has_own_subject, is_verbal
from timeline.models import EventActor, Mention, Role

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
AGENT_DEPS = frozenset({"nsubj", "agent", "poss", "compound"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "pobj", "dative"})
CONTROLLED_DEPS = frozenset({"xcomp", "advcl", "conj", "prep", "acomp", "pcomp"})
"""A subjectless verb on one of these relations shares the subject of the clause above it ("unveiled
the device by walking onto the stage": pcomp under "by")."""
SUPPORTED_NOUN_DEPS = frozenset({"dobj"})
"""An event noun on this relation to a verb takes the verb's subject as its agent."""
SUPPORTING_PREPOSITIONS = frozenset({"for"})
"""An event noun after one of these, on a verb, takes the verb's subject as its agent ("filed for bankruptcy")."""
NOUN_CHAIN_DEPS = frozenset({"dobj", "pobj", "prep", "nsubjpass", "attr", "appos", "conj", "npadvmod"})
"""Relations a locative phrase may climb through to reach its event without entering another clause."""
DESCRIBING_DEPS = frozenset({"compound", "nmod", "poss", "prep", "pobj", "amod", "case"})
"""Relations by which a name sits inside a person's title ("U.S. Secretary of State Antony Blinken")."""


def event_actors(trigger: Token, mentions: list[Mention], offset: int, names: dict[str, str]) -> tuple[EventActor, ...]:
    """Return the actors of the event of ``trigger`` with their roles (agents first, then by id).

    ``mentions`` are the sentence's entity mentions and resolved references (article offsets);
    ``offset`` maps article offsets to the chunk ``trigger.doc``; ``names`` maps actor ids to names.
    """
    start = trigger.left_edge.idx + offset
    end = trigger.right_edge.idx + len(trigger.right_edge) + offset
    near = [m for m in mentions if start <= m.span.start < end] or (mentions if is_verbal(trigger) else [])
    controller = _controlling_subject(trigger)
    actors: dict[str, EventActor] = {}
    for mention in near:
        role = mention_role(mention, trigger, offset, mentions)
        _keep(actors, EventActor(actor_id=mention.actor_id, name=names[mention.actor_id], role=role))
    if controller is not None:
        for mention in _mentions_in(controller, mentions, offset):
            if not _describes_a_person(mention, trigger.doc, offset, mentions):
                _keep(actors, EventActor(actor_id=mention.actor_id, name=names[mention.actor_id], role="agent"))
    return tuple(sorted(actors.values(), key=lambda a: (a.role != "agent", a.actor_id)))


def _keep(actors: dict[str, EventActor], actor: EventActor) -> None:
    """Keep one role per actor: the first one found, unless it was only "other"."""
    known = actors.get(actor.actor_id)
    if known is None or (known.role == "other" and actor.role != "other"):
        actors[actor.actor_id] = actor


def mention_role(mention: Mention, trigger: Token, offset: int, mentions: list[Mention]) -> Role:
    """Return the role of one mention in the event of ``trigger``."""
    if _describes_a_person(mention, trigger.doc, offset, mentions):
        return "other"
    if mention.label in PLACE_LABELS and _is_locative(mention, trigger, offset):
        return "location"  # before the object: in "bombed areas in Rafah" the areas are bombed, in Rafah
    if _modifies_a_participant(mention, trigger, offset):
        return "other"
    for child in trigger.children:
        start = child.left_edge.idx + offset
        end = child.right_edge.idx + len(child.right_edge) + offset
        if start <= mention.span.start < end:
            if child.dep_ in AGENT_DEPS:
                return "agent"
            if child.dep_ in PATIENT_DEPS:
                return "patient"
    return "other"


def _modifies_a_participant(mention: Mention, trigger: Token, offset: int) -> bool:
    """True for a name that only modifies a participant.

    "welcomed the firm's decision": the decision is welcomed; "GM shares slipped": the shares slip. Not
    when that participant is a group acting for it ("the Obama administration said", "a Hamas delegation
    arrived": `coreference.group_nouns`).
    """
    root = _root(mention, trigger.doc, offset)
    if root is None or root.dep_ not in ("poss", "compound") or root.head.i == trigger.i:
        return False
    return root.head.head.i == trigger.i and root.head.lower_ not in load_coref_words().group_nouns


def _root(mention: Mention, doc: Doc, offset: int) -> Token | None:
    span = doc.char_span(mention.span.start - offset, mention.span.end - offset, alignment_mode="expand")
    return span.root if span is not None else None


def _is_locative(mention: Mention, trigger: Token, offset: int) -> bool:
    """True when the place is the object of a locative preposition that belongs to the event."""
    root = _root(mention, trigger.doc, offset)
    if root is None or root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ == "of" and preposition.head.dep_ == "pobj":  # "in the city of Rafah"
        preposition = preposition.head.head
    if preposition.lower_ not in load_event_words().locative_prepositions:
        return False
    current = preposition
    for _ in range(8):  # a phrase reaches its event in a few steps, or it is not the event's
        if current.head.i == trigger.i:
            return True
        if current.dep_ not in NOUN_CHAIN_DEPS or current.head.i == current.i:
            return False
        current = current.head
    return False


def _describes_a_person(mention: Mention, doc: Doc, offset: int, mentions: list[Mention]) -> bool:
    """True for a name inside a person's title or possessive ("Jordan's King Abdullah").

    The person may be unnamed: in "said the vice president and chairman of Chrysler" the chairman
    speaks, not Chrysler (the title words of `resources/en/actors.yml`).
    """
    if mention.label == "PERSON":
        return False
    people = [m for m in mentions if m.label == "PERSON"]
    titles = load_actor_words().title_words
    current = _root(mention, doc, offset)
    for _ in range(6):
        if current is None or current.dep_ not in DESCRIBING_DEPS or current.head.i == current.i:
            return False
        current = current.head
        position = current.idx + offset
        if current.lower_ in titles or any(person.span.start <= position < person.span.end for person in people):
            return True
    return False


def supported_noun(trigger: Token) -> bool:
    """True for an event noun that is the object of a verb ("filed a lawsuit", "gave his keynote")."""
    return not is_verbal(trigger) and trigger.dep_ in SUPPORTED_NOUN_DEPS and trigger.head.pos_ in ("VERB", "AUX")


def supporting_verb(noun: Token) -> Token | None:
    """The verb whose subject does what an event noun names, and when, if any.

    The noun is the verb's object ("filed a lawsuit"), the object of its "for" ("filed for bankruptcy",
    "applied for aid"), or joined to either by "and" ("filed for bankruptcy and Chapter 11 protection").
    """
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if supported_noun(noun):
        return noun.head
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in SUPPORTING_PREPOSITIONS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return None


def _controlling_subject(trigger: Token) -> Token | None:
    """Return the subject a subjectless verb shares with the clause it hangs on, if any.

    An event noun that is the object of a verb shares that verb's subject too ("Apple Corps filed a
    lawsuit", "Jobs gave his keynote", "made an appearance"): the subject is the one who sues, speaks.
    """
    if not is_verbal(trigger):
        verb = supporting_verb(trigger)
        return next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    if has_own_subject(trigger):
        return None
    for governor in governing_heads(trigger, CONTROLLED_DEPS):
        subjects = [c for c in governor.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


def _mentions_in(token: Token, mentions: list[Mention], offset: int) -> list[Mention]:
    start = token.left_edge.idx + offset
    end = token.right_edge.idx + len(token.right_edge) + offset
    return [m for m in mentions if start <= m.span.start < end]

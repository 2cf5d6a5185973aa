"""Event mentions of one article: who did what, when, told in which words.

Each dated time expression hangs, in the dependency parse, from the verb or event noun it dates
("left ... on Thursday", "the Oct. 7 attack"): that word is an event's trigger, so a sentence can
tell several events ("X said on Thursday that over the past day troops killed ..." is two). A
sentence without a date whose main verb is a past action by a named actor inherits the time of the
event told just before it, with a lower confidence and the reason recorded (`time_source`).
Lines that are captions, bylines or credits are skipped (`noise.py`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from timeline.extract.noise import is_noise_line, load_event_words
from timeline.extract.titles import noun_title, verb_title
from timeline.models import (
    GRANULARITY_RANK,
    EventActor,
    EventMention,
    Factuality,
    Mention,
    Role,
    Span,
    TimeExpression,
)

_EVENT_TYPES = ("DATE", "TIME", "DURATION")
INHERIT_WITHIN_LINES = 1
"""An undated sentence inherits the time of an event told in its own paragraph (line) or the one before."""


@dataclass(frozen=True)
class ArticleContext:
    """What every sentence of one article needs: ids, actor names, and the narrative time so far."""

    article_id: str
    offset: int
    actor_names: dict[str, str]


def _time_tokens(sentence: SpacySpan, expression: TimeExpression, offset: int) -> list[Token]:
    return [t for t in sentence if expression.span.start <= t.idx + offset < expression.span.end]


def _usable(expression: TimeExpression) -> bool:
    if expression.type not in _EVENT_TYPES:
        return False
    if expression.interval is None:
        return not (expression.value.endswith("_REF") or expression.type == "DURATION")
    return True


def find_trigger(time_tokens: list[Token]) -> Token | None:
    """Return the verb or event noun the time expression dates, walking up from its head token."""
    inside = {t.i for t in time_tokens}
    head = next((t for t in time_tokens if t.head.i not in inside or t.head.i == t.i), time_tokens[0])
    nouns = load_event_words().event_nouns
    current = head
    while True:
        if current.i not in inside and (current.pos_ in ("VERB", "AUX") or current.lower_ in nouns):
            return current
        if current.head.i == current.i:
            return None
        current = current.head


def _specificity(expression: TimeExpression) -> tuple[int, int]:
    rank = GRANULARITY_RANK[expression.interval.granularity] if expression.interval else 99
    return (rank, expression.span.start)


def _factuality(trigger: Token) -> Factuality:
    words = load_event_words()
    children = {c.lower_ for c in trigger.children}
    if any(c.dep_ == "neg" for c in trigger.children) or children & words.negation_words - {"no"}:
        return "negated"
    chain = [trigger, *trigger.ancestors][:4]
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in trigger.children):
        return "hypothetical"
    if children & words.future_words or any(t.lower_ in words.future_words for t in chain[1:]):
        return "planned"
    if trigger.lower_ in words.reporting_verbs:
        return "reported"
    return "asserted"


def _role(mention: Mention, trigger: Token, offset: int) -> Role:
    for child in trigger.children:
        start = child.left_edge.idx + offset
        end = child.right_edge.idx + len(child.right_edge) + offset
        if start <= mention.span.start < end:
            if child.dep_ in ("nsubj", "agent", "poss", "compound"):
                return "agent"
            if child.dep_ in ("dobj", "nsubjpass", "pobj", "dative"):
                return "patient"
    return "other"


def _actors(trigger: Token, mentions: list[Mention], ctx: ArticleContext) -> tuple[EventActor, ...]:
    start = trigger.left_edge.idx + ctx.offset
    end = trigger.right_edge.idx + len(trigger.right_edge) + ctx.offset
    near = [m for m in mentions if start <= m.span.start < end] or mentions
    actors: dict[str, EventActor] = {}
    for mention in near:
        role = _role(mention, trigger, ctx.offset)
        known = actors.get(mention.actor_id)
        if known is None or (known.role == "other" and role != "other"):
            actors[mention.actor_id] = EventActor(
                actor_id=mention.actor_id, name=ctx.actor_names[mention.actor_id], role=role
            )
    return tuple(sorted(actors.values(), key=lambda a: (a.role != "agent", a.actor_id)))


def event_id(article_id: str, trigger: Span) -> str:
    """Return a stable event id: article, trigger offset and a short content hash."""
    digest = hashlib.sha1(f"{article_id}:{trigger.start}:{trigger.end}".encode()).hexdigest()[:10]
    return f"{article_id}#e{trigger.start}-{digest}"


def _event(
    trigger: Token,
    sentence: SpacySpan,
    time: TimeExpression | None,
    mentions: list[Mention],
    ctx: ArticleContext,
    avoid: list[Span],
    *,
    inherited: bool = False,
) -> EventMention:
    trigger_span = Span(start=trigger.idx + ctx.offset, end=trigger.idx + len(trigger.text) + ctx.offset)
    reporting = trigger.lower_ in load_event_words().reporting_verbs
    is_verb = trigger.pos_ in ("VERB", "AUX")
    title = (
        verb_title(trigger, avoid, ctx.offset, reporting=reporting)
        if is_verb
        else noun_title(trigger, avoid, ctx.offset)
    )
    confidence = 0.5 if inherited else (0.8 if time is not None and time.interval is not None else 0.4)
    return EventMention(
        id=event_id(ctx.article_id, trigger_span),
        article_id=ctx.article_id,
        title=title or trigger.text,
        trigger=trigger.text,
        trigger_span=trigger_span,
        sentence=sentence.text,
        sentence_span=Span(start=sentence.start_char + ctx.offset, end=sentence.end_char + ctx.offset),
        actors=_actors(trigger, mentions, ctx),
        factuality=_factuality(trigger),
        time=time,
        time_source=("inherited" if inherited else "explicit") if time is not None else "none",
        confidence=confidence,
    )


def dated_events(
    sentence: SpacySpan, expressions: list[TimeExpression], mentions: list[Mention], ctx: ArticleContext
) -> list[EventMention]:
    """Return one event per trigger that a time expression of the sentence dates."""
    by_trigger: dict[int, tuple[Token, TimeExpression]] = {}
    for expression in expressions:
        tokens = _time_tokens(sentence, expression, ctx.offset)
        trigger = find_trigger(tokens) if tokens else None
        if trigger is None:
            continue
        known = by_trigger.get(trigger.i)
        if known is None or _specificity(expression) < _specificity(known[1]):
            by_trigger[trigger.i] = (trigger, expression)
    avoid = [expression.span for expression in expressions]
    return [_event(trigger, sentence, time, mentions, ctx, avoid) for trigger, time in by_trigger.values()]


def inherited_event(
    sentence: SpacySpan, mentions: list[Mention], ctx: ArticleContext, narrative: TimeExpression | None
) -> EventMention | None:
    """Return the event of an undated sentence that continues the narrative, or None.

    Only a past-tense main verb with a named actor as its subject continues the story ("Mr.
    Netanyahu took direct aim at the Hamas response" after "... Blinken said late Wednesday").
    """
    if narrative is None:
        return None
    root = sentence.root
    if root.pos_ not in ("VERB", "AUX") or root.tag_ not in ("VBD", "VBN"):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    start, end = subject.left_edge.idx + ctx.offset, subject.right_edge.idx + len(subject.right_edge) + ctx.offset
    if not any(start <= m.span.start < end for m in mentions):
        return None
    return _event(root, sentence, narrative, mentions, ctx, [], inherited=True)


def events_of_chunk(
    article_id: str,
    doc: Doc,
    offset: int,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    actor_names: dict[str, str],
    narrative: list[tuple[int, TimeExpression]] | None = None,
) -> list[EventMention]:
    """Return the events of every sentence of one parsed chunk (one line) of an article.

    ``narrative`` carries (lines since, time) of the latest dated event across chunks, so an undated
    sentence can inherit it; it is updated in place.
    """
    narrative = narrative if narrative is not None else []
    _advance(narrative)
    if is_noise_line(doc.text):
        return []
    ctx = ArticleContext(article_id=article_id, offset=offset, actor_names=actor_names)
    events: list[EventMention] = []
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        start, end = sentence.start_char + offset, sentence.end_char + offset
        inside = [e for e in expressions if start <= e.span.start and e.span.end <= end and _usable(e)]
        people = [m for m in mentions if start <= m.span.start and m.span.end <= end]
        found = dated_events(sentence, inside, people, ctx)
        if found:
            best = min((event.time for event in found if event.time is not None), key=_specificity)
            narrative[:] = [(0, best)]
        else:
            current = narrative[0][1] if narrative and narrative[0][0] <= INHERIT_WITHIN_LINES else None
            inherited = inherited_event(sentence, people, ctx, current)
            found = [inherited] if inherited else []
        events.extend(found)
    return events


def _advance(narrative: list[tuple[int, TimeExpression]]) -> None:
    if narrative:
        narrative[0] = (narrative[0][0] + 1, narrative[0][1])

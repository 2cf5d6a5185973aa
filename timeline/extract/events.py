"""Event mentions of one article, first version: one event per sentence that carries a date.

For each sentence, the time expression attached closest to the sentence's main verb is the event's
date; the verb it hangs from is the trigger; the title is built from the trigger's subject and
object. Issue #4 deepens this (several events per sentence, inherited narrative time).
"""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from timeline.models import GRANULARITY_RANK, EventActor, EventMention, Mention, Role, Span, TimeExpression

_EVENT_TYPES = ("DATE", "TIME", "DURATION")
_REPORTING_LEMMAS = frozenset({"say", "tell", "announce", "report", "state", "add", "claim", "confirm"})
_TITLE_WORDS = 14


def _time_token(sentence: SpacySpan, expression: TimeExpression, offset: int) -> Token | None:
    for token in sentence:
        if token.idx + offset >= expression.span.start and token.idx + offset < expression.span.end:
            return token
    return None


def _governing_verb(token: Token) -> tuple[Token, int]:
    """Return the verb a token hangs from and the verb's depth below the sentence root."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    depth = 0
    walker = current
    while walker.head.i != walker.i:
        walker = walker.head
        depth += 1
    return current, depth


def _pick_time(
    sentence: SpacySpan, expressions: list[TimeExpression], offset: int
) -> tuple[TimeExpression, Token] | None:
    """Choose the sentence's event time: nearest the root, then the most specific, then the first."""
    ranked = []
    for expression in expressions:
        if expression.interval is None and (expression.value.endswith("_REF") or expression.type == "DURATION"):
            continue
        token = _time_token(sentence, expression, offset)
        if token is None:
            continue
        verb, depth = _governing_verb(token)
        granularity = GRANULARITY_RANK[expression.interval.granularity] if expression.interval else 99
        ranked.append(((depth, granularity, expression.span.start), expression, verb))
    if not ranked:
        return None
    ranked.sort(key=lambda item: item[0])
    _, expression, verb = ranked[0]
    return expression, verb


def _phrase(token: Token, limit: int) -> str:
    words = [t.text for t in token.subtree if not t.is_punct or t.text in ("-", "'s")]
    return " ".join(words[:limit])


def build_title(verb: Token, time_span: Span, offset: int) -> str:
    """Return a short title: subject, verb (with particles and negation), and object or prep phrase."""
    parts: list[str] = []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        parts.append(_phrase(subjects[0], 10))
    aux = [c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    parts.extend(aux)
    parts.append(verb.text)
    parts.extend(c.text for c in verb.children if c.dep_ == "prt")
    for child in verb.children:
        inside_time = time_span.start <= child.idx + offset < time_span.end
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "prep", "acomp", "xcomp", "ccomp") and not inside_time:
            if child.dep_ == "prep" and any(time_span.start <= t.idx + offset < time_span.end for t in child.subtree):
                continue
            parts.append(_phrase(child, 8))
            break
    words = " ".join(parts).split()
    title = " ".join(words[:_TITLE_WORDS])
    title = title.replace(" 's", "'s").replace(" ’s", "’s").replace(" ,", ",")
    first = title.split(" ", 1)[0]
    if first.islower():
        return title[:1].upper() + title[1:]
    return title


def _factuality(verb: Token, future: bool) -> str:
    if any(c.dep_ == "neg" for c in verb.children):
        return "negated"
    if future or any(c.lower_ in ("will", "would", "'ll") for c in verb.children if c.dep_ == "aux"):
        return "planned"
    if verb.lemma_.lower() in _REPORTING_LEMMAS:
        return "reported"
    return "asserted"


def _role(mention: Mention, verb: Token, offset: int) -> Role:
    for child in verb.children:
        start, end = child.left_edge.idx + offset, child.right_edge.idx + len(child.right_edge) + offset
        if start <= mention.span.start < end:
            if child.dep_ in ("nsubj", "agent"):
                return "agent"
            if child.dep_ in ("dobj", "nsubjpass", "pobj"):
                return "patient"
    return "other"


def event_id(article_id: str, sentence: Span) -> str:
    """Return a stable event id: article, sentence start and a short content hash."""
    digest = hashlib.sha1(f"{article_id}:{sentence.start}:{sentence.end}".encode()).hexdigest()[:10]
    return f"{article_id}#e{sentence.start}-{digest}"


def sentence_event(
    article_id: str,
    sentence: SpacySpan,
    offset: int,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    actor_names: dict[str, str],
) -> EventMention | None:
    """Return the event told by one sentence, or None when the sentence carries no usable date."""
    candidates = [e for e in expressions if e.type in _EVENT_TYPES]
    picked = _pick_time(sentence, candidates, offset)
    if picked is None:
        return None
    expression, verb = picked
    if verb.pos_ not in ("VERB", "AUX"):
        return None  # a dateline or a heading ("June 8, 2010"): a date, but no event told
    sentence_span = Span(start=sentence.start_char + offset, end=sentence.end_char + offset)
    future = (
        expression.interval is not None
        and expression.anchor_date is not None
        and (expression.interval.earliest > expression.anchor_date)
    )
    actors: dict[str, EventActor] = {}
    for mention in mentions:
        role = _role(mention, verb, offset)
        known = actors.get(mention.actor_id)
        if known is None or (known.role == "other" and role != "other"):
            actors[mention.actor_id] = EventActor(
                actor_id=mention.actor_id, name=actor_names[mention.actor_id], role=role
            )
    return EventMention(
        id=event_id(article_id, sentence_span),
        article_id=article_id,
        title=build_title(verb, expression.span, offset),
        trigger=verb.text,
        trigger_span=Span(start=verb.idx + offset, end=verb.idx + len(verb.text) + offset),
        sentence=sentence.text,
        sentence_span=sentence_span,
        actors=tuple(sorted(actors.values(), key=lambda a: (a.role != "agent", a.actor_id))),
        factuality=_factuality(verb, future),  # type: ignore[arg-type]
        time=expression,
        time_source="explicit",
        confidence=0.8 if expression.interval is not None else 0.4,
    )


def events_of_chunk(
    article_id: str,
    doc: Doc,
    offset: int,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    actor_names: dict[str, str],
) -> list[EventMention]:
    """Return the events of every sentence of one parsed chunk of an article."""
    events = []
    for sentence in doc.sents:
        start, end = sentence.start_char + offset, sentence.end_char + offset
        inside = [e for e in expressions if start <= e.span.start and e.span.end <= end]
        if not inside or not sentence.text.strip():
            continue
        people = [m for m in mentions if start <= m.span.start and m.span.end <= end]
        event = sentence_event(article_id, sentence, offset, inside, people, actor_names)
        if event is not None:
            events.append(event)
    return events

"""Event mentions of one article: who did what, when, told in which words.

Every trigger of a sentence (a clause's verb or an event noun, `triggers.py`) is an event mention,
dated or not, so "X said on Thursday that over the past day troops killed ..." is two events and
"the SDK will allow developers to create applications" is three. Each gets a title, its actors with
their roles, a factuality and a time with the reason it was chosen (`event_time.py`: explicit words,
the narrative time inherited from the sentence before, the publication date for undated reports and
present-tense news, or none). Lines that are captions, bylines or credits are skipped (`noise.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from timeline.extract.coref import ArticleCoreference
from timeline.extract.event_roles import event_actors, supported_noun, supporting_verb
from timeline.extract.event_time import (
    NO_TIME,
    Timing,
    continues_narrative,
    coordinated_timing,
    explicit_times,
    explicit_timing,
    governing_timing,
    inherited_timing,
    is_narrative_time,
    occasion_timing,
    publication_timing,
    specificity,
    usable,
    verb_tense,
)
from timeline.extract.noise import is_noise_line, load_event_words
from timeline.extract.titles import TitleContext, noun_title, verb_title
from timeline.extract.triggers import is_trigger, is_verbal, tells_happening
from timeline.models import (
    EventMention,
    Factuality,
    Mention,
    Span,
    TimeExpression,
    event_mention_id,
)

INHERIT_WITHIN_LINES = 1
"""An undated sentence inherits the time of an event told in its own paragraph (line) or the one before."""


_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "relcl", "acl", "csubj"})
"""Children that are clauses of their own: "stated that Apple is going to ..." is no plan of the stating."""


@dataclass(frozen=True)
class ArticleContext:
    """What every sentence of one article needs: ids, actor names, and the narrative time so far."""

    article_id: str
    offset: int
    actor_names: dict[str, str]
    published: date | None = None
    occasion: date | None = None
    """The day the report is about, when its first date is one of the days before publication (`lead_occasion`)."""


_NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "dative", "pobj", "npadvmod"})
"""A verb's noun arguments: "plans" as an object ("announced plans Friday") marks no future."""


def _factuality(trigger: Token) -> Factuality:
    words = load_event_words()
    children = {c.lower_ for c in trigger.children if c.dep_ not in _CLAUSE_DEPS}
    if any(c.dep_ == "neg" for c in trigger.children) or children & words.negation_words - {"no"}:
        return "negated"
    chain = [trigger, *trigger.ancestors][:4]
    if any(c.dep_ == "mark" and c.lower_ == "if" for c in trigger.children):
        return "hypothetical"
    markers = {c.lower_ for c in trigger.children if c.dep_ not in _CLAUSE_DEPS and c.dep_ not in _NOMINAL_DEPS}
    if markers & words.future_words or any(t.lower_ in words.future_words for t in chain[1:]):
        return "planned"  # "will cut", "is expected to"; not "announced plans": the plans are its object
    if _intended(trigger, words.aspectual_verbs):
        return "planned"
    if trigger.lower_ in words.reporting_verbs:
        return "reported"
    return "asserted"


def _intended(trigger: Token, aspectual: frozenset[str]) -> bool:
    """True for an infinitive that is aimed at, not told as done ("agreed to raise prices")."""
    if trigger.tag_ != "VB" or not any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
        return False
    return trigger.head.i == trigger.i or trigger.head.lower_ not in aspectual  # "began to fight" did happen


def event_id(article_id: str, trigger: Span) -> str:
    """Return a stable event id: article, trigger offset and a short content hash (`models.event_mention_id`)."""
    return event_mention_id(article_id, trigger.start, trigger.end)


def _event(
    trigger: Token, sentence: SpacySpan, timing: Timing, factuality: Factuality, mentions: list[Mention],
    ctx: ArticleContext, titling: TitleContext,
) -> EventMention:
    trigger_span = _token_span(trigger, ctx.offset)
    if is_verbal(trigger):
        reporting = trigger.lower_ in load_event_words().reporting_verbs
        title = verb_title(trigger, titling, reporting=reporting)
    else:
        title = noun_title(trigger, titling)
    return EventMention(
        id=event_id(ctx.article_id, trigger_span),
        article_id=ctx.article_id,
        title=title or trigger.text,
        trigger=trigger.text,
        trigger_span=trigger_span,
        sentence=sentence.text,
        sentence_span=Span(start=sentence.start_char + ctx.offset, end=sentence.end_char + ctx.offset),
        actors=event_actors(trigger, mentions, ctx.offset, ctx.actor_names),
        factuality=factuality,
        time=timing.time,
        time_source=timing.source,
        confidence=timing.confidence,
        past=told_in_past(trigger),
        eventive=tells_happening(trigger, dated=timing.source == "explicit"),
    )


def told_in_past(trigger: Token) -> bool:
    """True for a simple past verb ("left") or a perfect one ("has taken", "had killed")."""
    if trigger.tag_ == "VBD":
        return True
    return trigger.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in _HAVE for c in trigger.children)


_HAVE = frozenset({"has", "have", "had", "having", "'s", "’s", "'ve", "’ve", "'d", "’d"})


def _token_span(token: Token, offset: int) -> Span:
    return Span(start=token.idx + offset, end=token.idx + len(token.text) + offset)


def _named_subject(verb: Token, mentions: list[Mention], offset: int) -> bool:
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return False
    start = subjects[0].left_edge.idx + offset
    end = subjects[0].right_edge.idx + len(subjects[0].right_edge) + offset
    return any(start <= m.span.start < end for m in mentions)


def _market_subject(verb: Token) -> bool:
    """True when the subject is traded or a market ("Shares of GM closed at $1.27"): the day's session."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].lower_ in load_event_words().market_subjects


def _a_name(token: Token, mentions: list[Mention], ctx: ArticleContext) -> bool:
    """True for a capitalised noun that is an actor's name ("Jobs welcomed everyone": Steve Jobs, not jobs cut)."""
    if token.pos_ != "NOUN" or not token.text[:1].isupper():
        return False
    if any(m.span.start == token.idx + ctx.offset for m in mentions):
        return True
    return any(token.text in name.split() for name in ctx.actor_names.values())


def _actor_names(sentence: SpacySpan, mentions: list[Mention], ctx: ArticleContext) -> dict[int, str]:
    """Return {token index: actor name} for the head token of each mention or resolved reference."""
    names = {}
    for mention in mentions:
        start, end = mention.span.start - ctx.offset, mention.span.end - ctx.offset
        span = sentence.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and mention.actor_id in ctx.actor_names:
            names[span.root.i] = ctx.actor_names[mention.actor_id]
    return names


def sentence_events(
    sentence: SpacySpan,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    ctx: ArticleContext,
    narrative: TimeExpression | None,
    references: list[Mention] | None = None,
) -> list[EventMention]:
    """Return one event per trigger of the sentence.

    Each is dated explicitly, by inheritance, by the publication date or not at all (`event_time`).
    ``references`` are the sentence's pronouns and role nouns resolved to actors (`coref.py`): they
    give events actors and titles names, but not dates (a named subject decides inheritance).
    """
    explicit = explicit_times(sentence, expressions, ctx.offset, ctx.published)
    triggers = {t.i: t for t in sentence if is_trigger(t) and not _a_name(t, mentions, ctx)}
    triggers.update({i: token for i, (token, _) in explicit.items()})
    actors = sorted([*mentions, *(references or ())], key=lambda m: (m.span.start, m.span.end))
    titling = TitleContext(
        avoid=[expression.span for expression in expressions],
        offset=ctx.offset,
        names=_actor_names(sentence, actors, ctx),
    )
    factualities = {index: _factuality(trigger) for index, trigger in triggers.items()}
    timings = {
        index: _timing(trigger, factualities[index], explicit, mentions, ctx, narrative, actors)
        for index, trigger in triggers.items()
    }
    for index, trigger in triggers.items():
        verb = supporting_verb(trigger)
        if verb is None or verb.i not in timings:
            continue
        if timings[index].time is None:
            timings[index] = timings[verb.i]  # "filed a lawsuit this week", "filed for bankruptcy": the filing's
        elif supported_noun(trigger) and timings[index].source == "explicit" and timings[verb.i].time is None:
            timings[verb.i] = timings[index]  # "announced the move on Wednesday": so was the announcing
    for index, trigger in triggers.items():
        if timings[index].time is None and trigger.tag_ == "VBG" and factualities[index] in ("asserted", "reported"):
            timings[index] = governing_timing(trigger, timings) or timings[index]
    for index, trigger in triggers.items():
        if timings[index].time is None and factualities[index] in ("asserted", "reported"):
            timings[index] = occasion_timing(trigger, timings) or coordinated_timing(trigger, timings) or timings[index]
    return [
        _event(triggers[index], sentence, timings[index], factualities[index], actors, ctx, titling)
        for index in sorted(triggers)
    ]


def _timing(
    trigger: Token,
    factuality: Factuality,
    explicit: dict[int, tuple[Token, TimeExpression]],
    mentions: list[Mention],
    ctx: ArticleContext,
    narrative: TimeExpression | None,
    actors: list[Mention],
) -> Timing:
    if trigger.i in explicit:
        return explicit_timing(explicit[trigger.i][1])
    named = _named_subject(trigger, mentions, ctx.offset)
    if not explicit and narrative is not None and continues_narrative(trigger, named):
        return inherited_timing(narrative)
    content = _reported_content(trigger)  # its time is the report's; only a present tense holds on the day
    if (content and verb_tense(trigger) != "present") or not _news_of_the_day(trigger, explicit, ctx.published):
        return NO_TIME
    published = publication_timing(
        trigger,
        _token_span(trigger, ctx.offset),
        factuality,
        ctx.published,
        ctx.article_id,
        actor_subject=named or _named_subject(trigger, actors, ctx.offset) or _market_subject(trigger),
        content=content,
        occasion=ctx.occasion,
    )
    return published or NO_TIME


def lead_occasion(expression: TimeExpression, published: date | None) -> date | None:
    """The occasion of a report: its first date, when that is a day in the week before publication.

    A news report says in its lead when what it tells happened ("In a press conference on June 1st,
    Henderson outlined a plan"); its undated past-tense reports and actions after that ("he stated",
    "Henderson described") are told of that occasion, not of the day the article went out. A later or
    coarser first date (a plan, a month of background) names no occasion.
    """
    interval = expression.interval
    if published is None or interval is None or interval.granularity != "day":
        return None
    if not published - timedelta(days=RECENT_DAYS) <= interval.earliest < published:
        return None
    return interval.earliest


def _reported_content(trigger: Token) -> bool:
    """True for a trigger inside what a report says ("Apple Corps claims that the store violates ...")."""
    reporting = load_event_words().reporting_verbs
    return any(ancestor.lower_ in reporting for ancestor in trigger.ancestors)


def _news_of_the_day(
    trigger: Token, explicit: dict[int, tuple[Token, TimeExpression]], published: date | None = None
) -> bool:
    """Say whether an undated trigger may take the publication date.

    Not a past report whose content is dated in the days before ("Residents said planes bombed the city
    on Thursday": the bombing is the event; a present-tense report is of the day, "says"; a year long
    past is background, not the report's occasion), nor when that date is after the publication date:
    "Jobs announced that Leopard would ship in 2007" is an announcement of the day about a plan.
    """
    reporting = load_event_words().reporting_verbs
    if trigger.lower_ in reporting and not _reported_content(trigger):
        if trigger.tag_ in ("VBZ", "VBP"):
            return True  # "Apple Corps claims that the store violates an agreement reached in 1991": now
        return not any(
            token.i in explicit and _recent(explicit[token.i][1], published)
            for token in trigger.subtree
            if token.i != trigger.i
        )
    return True


RECENT_DAYS = 7
"""A reported event dated within this many days before the publication date may be the report's occasion."""


def _recent(expression: TimeExpression, published: date | None) -> bool:
    """True for a time that may be the occasion of the report telling it.

    Not after the publication date, and not background long before it ("argued that the store breached
    the 1991 settlement").
    """
    interval = expression.interval
    if published is None or interval is None:
        return not _after(expression, published)
    return interval.latest >= published - timedelta(days=RECENT_DAYS) and not _after(expression, published)


def _after(expression: TimeExpression, published: date | None) -> bool:
    """True for a time wholly after the publication date: announced plans date no report."""
    interval = expression.interval
    return published is not None and interval is not None and interval.earliest > published


def events_of_chunk(
    article_id: str,
    doc: Doc,
    offset: int,
    expressions: list[TimeExpression],
    mentions: list[Mention],
    actor_names: dict[str, str],
    narrative: list[tuple[int, TimeExpression]] | None = None,
    *,
    published: date | None = None,
    coref: ArticleCoreference | None = None,
    lead: list[date | None] | None = None,
) -> list[EventMention]:
    """Return the events of every sentence of one parsed chunk (one line) of an article.

    ``narrative`` carries (lines since, time) of the latest explicitly dated event across chunks, so
    an undated sentence can inherit it; it is updated in place. Only a day carries the story on: a
    sentence dated by a month or a year ("the war began in October") is background, and it ends the
    narrative time rather than passing "October" to the next sentence. ``published`` is the article's
    publication date (undated reports and present-tense news take it). ``coref`` resolves pronouns and
    role nouns to the article's actors; it reads the chunks in order and keeps what it has seen.
    ``lead`` holds the article's occasion once its first dated sentence is read (`lead_occasion`;
    ``[None]`` when it names none); it is updated in place.
    """
    lead = lead if lead is not None else []
    narrative = narrative if narrative is not None else []
    _advance(narrative)
    if is_noise_line(doc.text):
        return []
    end_of_chunk = offset + len(doc.text)
    expressions = [e for e in expressions if offset <= e.span.start < end_of_chunk and usable(e)]
    mentions = [m for m in mentions if offset <= m.span.start < end_of_chunk]
    events: list[EventMention] = []
    for sentence in doc.sents:
        if not sentence.text.strip():
            continue
        start, end = sentence.start_char + offset, sentence.end_char + offset
        inside = [e for e in expressions if start <= e.span.start and e.span.end <= end]
        people = [m for m in mentions if start <= m.span.start and m.span.end <= end]
        current = narrative[0][1] if narrative and narrative[0][0] <= INHERIT_WITHIN_LINES else None
        occasion = lead[0] if lead else None
        ctx = ArticleContext(article_id, offset, actor_names, published, occasion)
        references = coref.resolve(sentence, offset, people) if coref is not None else []
        found = sentence_events(sentence, inside, people, ctx, current, references)
        dated = [e.time for e in found if e.time_source == "explicit" and e.time is not None]
        if dated:
            best = min(dated, key=specificity)
            if not lead:
                lead.append(lead_occasion(best, published))
            narrative[:] = [(0, best)] if is_narrative_time(best, published) else []
        events.extend(found)
    return events


def _advance(narrative: list[tuple[int, TimeExpression]]) -> None:
    if narrative:
        narrative[0] = (narrative[0][0] + 1, narrative[0][1])

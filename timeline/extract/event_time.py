"""When an event happened, and why we say so: explicit, inherited, publication date, or none.

In order of trust:

1. **explicit**: a time expression of the sentence hangs, in the dependency parse, from the trigger
   ("left ... on Thursday", "the Oct. 7 attack"). Confidence 0.8 (0.4 when it cannot be placed).
2. **inherited**: a sentence with no date whose main verb is a past action of a named actor
   continues the story just told, and takes the day of the last dated sentence (the same or the
   previous paragraph; a month or a year of background, or a day after the publication date, a
   deadline, is not passed on). Confidence 0.5. Within a sentence, an undated gerund without a
   subject of its own happens when the clause it hangs on does ("unveiled the phone on Tuesday by
   walking onto the stage"), and an event noun that is a verb's object takes the verb's time ("filed
   a lawsuit this week").
3. **publication**: an undated reporting verb ("X said"), a present / present-perfect main
   clause ("Apple launches", "Hamas has rejected", "it has been struggling") or a past-tense
   main clause whose subject is an actor, named or resolved ("Jobs demoed", "He called it ...")
   is news of the day: the publication date, or for a past or perfect one the few days before it
   too (`publication_days_before` in events.yml: "said" in Thursday's paper is most often
   Wednesday or Thursday, sometimes Tuesday), so a guess never contradicts a source that gives
   the day.
   The time expression then points at the trigger itself (there are no date words) and its rule is
   ``publication``. Confidence 0.3. Plans, negations, hypotheses, conditions ("until the war
   ends") and past-tense report content get none: they did not happen on that day, or their time is
   the report's.
4. **state**: a present-tense state in a main clause ("the phone costs $99", "iPhone 4 has a steel
   frame", `stative_verbs` in events.yml), and a present-tense clause inside what a report says
   ("claims that the store violates an agreement", "has said that it is considering"), holds at
   the publication day itself, as TimeML anchors it (MEANTIME: anchor-date accuracy 54 -> 69%,
   and 72 -> 74% for report content; progressive content, with the date rules of `find_trigger`
   and `specificity`, gm 74.3 -> 81.0%); so does a present-tense relative clause, which describes
   ("a metal strip that wraps around the side": apple 74.2 -> 79.2%, gm 70.5 -> 73.3%).
   Confidence 0.25. It did not *happen* that day, so the merger keeps it off the chart, in
   `Timeline.unplaced`, with its time. A past state ("was popular") gets none.
5. **none**: everything else is kept undated (confidence 0.2); the merger lists it as unplaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from timeline.extract.noise import load_event_words
from timeline.extract.triggers import governing_heads, has_own_subject, is_trigger
from timeline.models import GRANULARITY_RANK, DateInterval, Factuality, Span, TimeExpression, TimeSource

_EVENT_TYPES = ("DATE", "TIME", "DURATION")
PUBLICATION_RULE = "publication"
"""The `TimeExpression.rule` of a date taken from the publication date (no date words)."""

CONFIDENCE: dict[str, float] = {
    "explicit": 0.8,
    "unplaced": 0.4,
    "inherited": 0.5,
    "publication": 0.3,
    "state": 0.25,
    "none": 0.2,
}
"""Confidence of each way of dating an event ("unplaced": explicit words that cannot be placed)."""

_MAIN_CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "’ve"})


@dataclass(frozen=True)
class Timing:
    """The time given to an event and how it was found."""

    time: TimeExpression | None
    source: TimeSource
    confidence: float


NO_TIME = Timing(time=None, source="none", confidence=CONFIDENCE["none"])


def usable(expression: TimeExpression) -> bool:
    """True for a time expression that can date an event (not "now", not a bare duration)."""
    if expression.type not in _EVENT_TYPES:
        return False
    if expression.interval is None:
        return not (expression.value.endswith("_REF") or expression.type == "DURATION")
    return True


def specificity(expression: TimeExpression) -> tuple[int, bool, int]:
    """Sort key: the finest granularity first, then date words before a clock time, then the earliest.

    A clock time alone ("at 16:15 UTC") takes its day from the publication date, so when date words
    date the same event ("at 16:15 UTC, June 1st") their day is the one the text gives.
    """
    rank = GRANULARITY_RANK[expression.interval.granularity] if expression.interval else 99
    return (rank, expression.type == "TIME", expression.span.start)


_NOUN_MODIFIER_DEPS = frozenset({"nmod", "compound", "amod", "poss"})


def find_trigger(time_tokens: list[Token], *, after: bool = False, past_period: bool = False) -> Token | None:
    """Return the trigger a time expression dates, walking up the parse from its head token.

    A date that premodifies a noun ("a June 1 deadline") dates that noun and nothing above it: when the
    noun is no event, "has a June 1 deadline" is not dated by it. A date ahead of the publication date
    (``after``) on a present-tense state with an infinitive ("wants to eliminate dealers by early June")
    dates the infinitive: the wanting holds now, the eliminating is what June is about. A period over
    before the publication date (``past_period``: a month, a quarter, a year) on a present-tense report
    ("For the final quarter of 2009, Ford says it made profits") dates what is reported: the saying is
    now, the present tense says so.
    """
    inside = {t.i for t in time_tokens}
    head = next((t for t in time_tokens if t.head.i not in inside or t.head.i == t.i), time_tokens[0])
    if head.dep_ in _NOUN_MODIFIER_DEPS and head.head.pos_ in ("NOUN", "PROPN") and head.head.i not in inside:
        return head.head if is_trigger(head.head) else None
    current = head
    while True:
        if current.i not in inside and is_trigger(current):
            words = load_event_words()
            present = current.tag_ in ("VBZ", "VBP")
            if after and present and current.lower_ in words.stative_verbs:
                aimed = [c for c in current.children if c.dep_ == "xcomp" and is_trigger(c)]
                if aimed:
                    return aimed[0]
            if past_period and present and current.lower_ in words.reporting_verbs:
                told = [c for c in current.children if c.dep_ == "ccomp" and is_trigger(c)]
                if told:
                    return told[0]
            return current
        if current.head.i == current.i:
            return None
        current = current.head


def explicit_times(
    sentence: SpacySpan, expressions: list[TimeExpression], offset: int, published: date | None = None
) -> dict[int, tuple[Token, TimeExpression]]:
    """Map each trigger (token index) that a time expression dates to its most specific expression."""
    by_trigger: dict[int, tuple[Token, TimeExpression]] = {}
    for expression in expressions:
        tokens = [t for t in sentence if expression.span.start <= t.idx + offset < expression.span.end]
        interval = expression.interval
        ahead = published is not None and interval is not None and interval.earliest > published
        over = published is not None and interval is not None and interval.latest < published
        past_period = over and interval.granularity not in ("day", "week")
        trigger = find_trigger(tokens, after=ahead, past_period=past_period) if tokens else None
        for dated in [trigger, *_when_clauses(tokens)]:
            if dated is None:
                continue
            known = by_trigger.get(dated.i)
            if known is None or specificity(expression) < specificity(known[1]):
                by_trigger[dated.i] = (dated, expression)
    return by_trigger


def _when_clauses(time_tokens: list[Token]) -> list[Token]:
    """Triggers of "when" clauses on the date: "an improvement from 2008, when the company posted a loss".

    A relative "when" clause says what happened at the time it describes (TimeML's SIMULTANEOUS signal).
    """
    return [
        child
        for token in time_tokens
        for child in token.children
        if child.dep_ == "relcl"
        and is_trigger(child)
        and any(c.dep_ == "advmod" and c.lower_ == "when" for c in child.children)
    ]


def explicit_timing(expression: TimeExpression) -> Timing:
    """The timing of an event dated by its own words."""
    placed = expression.interval is not None
    return Timing(time=expression, source="explicit", confidence=CONFIDENCE["explicit" if placed else "unplaced"])


def continues_narrative(trigger: Token, named_subject: bool) -> bool:
    """True for a sentence's past-tense main verb with a named actor as subject ("Mr. Netanyahu took ...")."""
    return (
        trigger.dep_ == "ROOT"
        and trigger.pos_ in ("VERB", "AUX")
        and trigger.tag_ in ("VBD", "VBN")
        and named_subject
    )


def is_narrative_time(expression: TimeExpression, published: date | None = None) -> bool:
    """True for a time that the next sentences can inherit: a placed day, not a month of background.

    Not a day after the publication date either: a deadline ("free cases until September 30") is no
    story the next past-tense sentences go on telling.
    """
    interval = expression.interval
    if interval is None or interval.granularity != "day":
        return False
    return published is None or interval.earliest <= published


def inherited_timing(narrative: TimeExpression) -> Timing:
    """The timing of an event that takes the time of the story told just before it."""
    return Timing(time=narrative, source="inherited", confidence=CONFIDENCE["inherited"])


SHARED_TIME_DEPS = frozenset({"advcl", "pcomp", "prep", "conj"})
"""Relations on which an undated gerund happens when the clause it hangs on does ("unveiled the
device by walking onto the stage", "while introducing iPhone 4, Jobs started by hinting at it")."""


def governing_timing(trigger: Token, timings: dict[int, Timing]) -> Timing | None:
    """The time of the clause an undated gerund hangs on (``timings`` by token index), or None.

    Only a gerund without a subject of its own shares it. Date words of the governing clause are not
    the gerund's own, so an explicit time is passed on as inherited.
    """
    if has_own_subject(trigger):
        return None
    for governor in governing_heads(trigger, SHARED_TIME_DEPS):
        timing = timings.get(governor.i)
        if timing is not None and timing.time is not None:
            if timing.source == "explicit":
                return Timing(time=timing.time, source="inherited", confidence=CONFIDENCE["inherited"])
            return timing
    return None


OCCASION_PREPOSITIONS = frozenset({"in", "at", "during"})
"""Prepositions that set an act inside a dated occasion ("In a press conference on June 1st, he outlined")."""


def occasion_timing(trigger: Token, timings: dict[int, Timing]) -> Timing | None:
    """The time of the dated occasion an undated verb is set in, or None.

    "In a New York press conference at 16:15 UTC, June 1st, Fritz Henderson outlined a plan": the
    outlining happened during the conference, whose day its own words give; "after the meeting on
    Monday" sets nothing inside it.
    """
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in OCCASION_PREPOSITIONS:
            continue
        for noun in prep.children:
            timing = timings.get(noun.i)
            if noun.dep_ == "pobj" and timing is not None and timing.source == "explicit" and timing.time is not None:
                return inherited_timing(timing.time)
    return None


def coordinated_timing(trigger: Token, timings: dict[int, Timing]) -> Timing | None:
    """The publication-day guess of the verb an undated past verb is coordinated with, or None.

    "He stated that he refused ... and described the bankruptcy as quick": two acts of one subject told
    as one, the same occasion. Only a guess is shared: explicit words date their own verb ("born in
    1955 and founded Apple" is no founding in 1955).
    """
    if trigger.dep_ != "conj" or trigger.tag_ != "VBD" or has_own_subject(trigger):
        return None
    timing = timings.get(trigger.head.i)
    if timing is not None and timing.source == "publication" and timing.time is not None:
        return timing
    return None


def publication_timing(
    trigger: Token,
    trigger_span: Span,
    factuality: Factuality,
    published: date | None,
    article_id: str,
    *,
    actor_subject: bool = False,
    content: bool = False,
    occasion: date | None = None,
) -> Timing | None:
    """The publication-date timing of an undated report or present-tense clause, or None.

    A past-tense main clause takes it too when its subject is an actor (``actor_subject``: named, or
    "he" / "the company" resolved): "Jobs demoed the gyroscope", not "Mourners wept". A present-tense
    clause inside what a report says (``content``: "claims that the store violates an agreement") holds
    at the publication day too, as a state: the report is the event, its content is not placed. A past
    report or act of an article whose lead dates its occasion in the days before publication
    (``occasion``: "In a press conference on June 1st, ..."; then "he stated") is of that day.
    """
    if published is None or factuality not in ("asserted", "reported"):
        return None
    words = load_event_words()
    reporting = trigger.lower_ in words.reporting_verbs
    tense = verb_tense(trigger)
    described = trigger.dep_ == "relcl" and tense == "present"  # "a strip that wraps around the side"
    if tense is None or (not reporting and not described and trigger.dep_ not in _MAIN_CLAUSE_DEPS):
        return None
    if tense == "past" and not reporting and not actor_subject:
        return None  # "Mourners wept": a scene of the story, not a named actor's news of the day
    state = content or described or (not reporting and (trigger.pos_ == "AUX" or trigger.lower_ in words.stative_verbs))
    if state and tense == "past":
        return None  # "the phone was popular": a state of some time before, not of the publication day
    if any(c.dep_ == "mark" and c.lower_ not in ("that", "as") for c in trigger.children):
        return None  # "until the war ends", "when it arrives": a condition, not news of the day
    earliest = published if state else published - timedelta(days=words.publication_days_before[tense])
    latest = published
    if occasion is not None and not state and tense == "past":
        earliest = latest = occasion
    time = TimeExpression(
        id=f"pub{trigger_span.start}-{article_id[:40]}",
        span=trigger_span,
        text=trigger.text,
        type="DATE",
        value=latest.isoformat(),
        mod=None if earliest == latest else "APPROX",
        interval=DateInterval(earliest=earliest, latest=latest, granularity="day"),
        anchor="dct",
        anchor_date=published,
        rule=PUBLICATION_RULE,
    )
    source = "state" if state else "publication"
    return Timing(time=time, source=source, confidence=CONFIDENCE[source])


def verb_tense(verb: Token) -> str | None:
    """Return "present" (also "is leaving", "is set"), "perfect" (has done), "past" or None (infinitive, future ...)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in load_event_words().future_words or a.tag_ == "MD" for a in auxiliaries):
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBG" and auxiliaries and auxiliaries[-1].tag_ in ("VBZ", "VBP"):
        return "present"  # "is stepping down", "are buzzing"
    if verb.tag_ == "VBG" and len(auxiliaries) > 1 and auxiliaries[-1].lower_ == "been":
        if auxiliaries[0].lower_ in _PERFECT_AUX:
            return "perfect"  # "has been struggling": up to the publication day
    if verb.tag_ == "VBN" and auxiliaries:
        first = auxiliaries[0]
        if first.lower_ in _PERFECT_AUX or first.lower_ in ("has", "have"):
            return "perfect"
        if first.tag_ in ("VBZ", "VBP"):
            return "present"  # "is set", "are reported"
        if first.tag_ == "VBD":
            return "past"
    return None

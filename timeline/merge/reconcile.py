"""Turn a cluster of mentions into one canonical event, its provenance, and a conflict if any.

The canonical date is the most specific interval consistent with every mention. When the mentions'
intervals do not all overlap, the sources disagree: the event takes the best-supported, most
specific claim, and a `Conflict` lists every claim, so the disagreement is shown, never hidden.
Only date words are claims: a mention dated by its article's publication day is a guess that
yields to them and never makes a conflict (two reports of "X said" on their own days disagree
about nothing).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, TypeVar

from pydantic import BaseModel

from timeline.models import (
    GRANULARITY_RANK,
    ArticleInfo,
    CanonicalEvent,
    Claim,
    Conflict,
    DateInterval,
    EventActor,
    EventMention,
    Provenance,
)

ORIGIN_TRUST = {
    "manifest": 0,
    "cli": 0,
    "record": 1,
    "front-matter": 1,
    "html-meta": 2,
    "header-line": 3,
    "inferred": 4,
    "missing": 5,
}
"""How much a publication-date origin is trusted (lower is better): a user's manifest beats a header."""


def cluster_id(members: Sequence[EventMention]) -> str:
    """Return a content-hash id from the sorted member ids (stable across runs and input order)."""
    joined = members[0].id if len(members) == 1 else "\n".join(sorted(map(_id, members)))
    return _sha1(joined.encode("utf-8")).hexdigest()[:12]


_sha1 = hashlib.sha1


def describe_anchor(mention: EventMention, article: ArticleInfo) -> str:
    """Say how the mention's date was found, for readers: "anchored to publication date ... (manifest)"."""
    time = mention.time
    if time is None:
        return NO_DATE
    return _anchor_words(time.anchor, time.anchor_date, article.published_origin)


NO_DATE = "no date in the sentence"
"""`describe_anchor` of a mention without a time."""


@lru_cache(maxsize=4096)
def _anchor_words(anchor: str, anchor_date: date | None, origin: str) -> str:
    """`describe_anchor` of a date found this way: a corpus' 30,000 provenance records say a few thousand things."""
    if anchor == "dct" and anchor_date is not None:
        return f"anchored to publication date {anchor_date.isoformat()} ({origin})"
    if anchor == "story" and anchor_date is not None:
        return f"anchored to the story's date {anchor_date.isoformat()} (an earlier date in the article)"
    if anchor == "absolute":
        return "absolute date, no anchor needed"
    return "relative date, not anchored (no publication date)"


def provenance_of(mention: EventMention, article: ArticleInfo) -> Provenance:
    """Return the provenance record of one supporting mention."""
    time = mention.time
    if time is None:
        time_text = time_span = interval = time_rule = None
        anchor = NO_DATE
    else:
        time_text, time_span, interval, time_rule = time.text, time.span, time.interval, time.rule
        anchor = _anchor_words(time.anchor, time.anchor_date, article.published_origin)  # `describe_anchor`
    return _built(
        Provenance,
        {
            "mention_id": mention.id,
            "article_id": mention.article_id,
            "source": article.source or article.id,
            "url": article.url,
            "published": article.published,
            "published_origin": article.published_origin,
            "sentence": mention.sentence,
            "sentence_span": mention.sentence_span,
            "time_text": time_text,
            "time_span": time_span,
            "interval": interval,
            "time_source": mention.time_source,
            "time_rule": time_rule,
            "anchor": anchor,
            "title": mention.title,
            "trigger_span": mention.trigger_span,
            "actors": mention.actors,
            "factuality": mention.factuality,
        },
    )


_M = TypeVar("_M", bound=BaseModel)


def _assembled(model: type[_M], **values: Any) -> _M:
    """Return ``model`` of ``values`` taken as they are, every field given, from models already validated.

    What `compact` does for the models it decodes: a corpus' merge builds some 30,000 provenance records and
    events out of validated mentions and articles, and validating them again (every span and interval in
    them too) was a third of reconciling.
    """
    return _built(model, values)


def _built(model: type[_M], values: dict[str, Any]) -> _M:
    """`_assembled` of a dict of values, which the model keeps as its own (a provenance record: no copy)."""
    built = model.__new__(model)
    _set(built, "__dict__", values)
    _set_fields_set(built, _all_fields(model))
    _set_extra(built, None)
    _set_private(built, None)
    return built


@cache
def _all_fields(model: type[BaseModel]) -> set[str]:
    """The fields set in a model built with every field given.

    One set shared by all of them, as `compact` shares its own: pydantic copies it before it changes it.
    """
    return set(model.model_fields)


def replaced(model: _M, **changes: Any) -> _M:
    """Return ``model`` with ``changes``, exactly as ``model.model_copy(update=changes)`` returns it.

    At a third of its cost: relinking a corpus' actors copies some 30,000 mentions and their actors.
    The models forbid extra fields and hold no private attributes, so there are none to copy.
    """
    copied = type(model).__new__(type(model))
    _set(copied, "__dict__", {**model.__dict__, **changes})
    fields_set = model.__pydantic_fields_set__  # shared when the changes add no field to it, as `_all_fields`
    _set_fields_set(copied, fields_set if fields_set.issuperset(changes) else {*fields_set, *changes})
    _set_extra(copied, None)
    _set_private(copied, None)
    return copied


_set = object.__setattr__
"""Sets a built model's attributes (the models are frozen)."""

_set_fields_set, _set_extra, _set_private = (
    BaseModel.__dict__[f"__pydantic_{slot}__"].__set__ for slot in ("fields_set", "extra", "private")
)
"""`_set` of pydantic's own slots, by their descriptors: found once, not on each model built (~0.3 µs each)."""


_id, _article_id = attrgetter("id"), attrgetter("article_id")


CLAIM_SOURCES = frozenset({"explicit", "inherited"})
"""Ways of dating that are a source's claim about the event. A date taken from the publication date
("X said", no date words) is the report's day, a guess: it never makes a conflict, and a claim with
date words wins over it."""


STATE_RULES = frozenset({"reference"})
"""Tagger rules of words that date a state at the time of writing ("now", "currently"): "the virus has now been
found in 18 countries" holds on each report's day, so two reports of it on different days disagree about nothing."""


def claims_a_date(mention: EventMention) -> bool:
    """Say whether the mention's date is a claim: its date words (own or inherited), not a state's "now"."""
    time = mention.time
    return mention.time_source in CLAIM_SOURCES and time is not None and time.rule not in STATE_RULES


def _intersection(intervals: Sequence[DateInterval]) -> DateInterval | None:
    if len(intervals) == 1:  # most events have one mention: its interval is the intersection, as it is
        return intervals[0]
    earliest = max(interval.earliest for interval in intervals)
    latest = min(interval.latest for interval in intervals)
    if earliest > latest:
        return None
    finest = min(intervals, key=lambda interval: GRANULARITY_RANK[interval.granularity])
    return DateInterval(earliest=earliest, latest=latest, granularity=finest.granularity)


def _claim_rank(mention: EventMention, members: Sequence[EventMention], articles: dict[str, ArticleInfo]):
    interval = mention.time.interval  # type: ignore[union-attr]
    support = sum(1 for other in members if other.time.interval.overlaps(interval))  # type: ignore[union-attr]
    origin = ORIGIN_TRUST[articles[mention.article_id].published_origin]
    guessed = mention.time_source not in CLAIM_SOURCES
    return (guessed, -support, GRANULARITY_RANK[interval.granularity], origin, mention.article_id, mention.id)


def _merge_actors(members: Sequence[EventMention]) -> tuple[EventActor, ...]:
    if len(members) == 1 and len(members[0].actors) < 2:  # most events: their one mention's actor, or none
        return members[0].actors
    merged: dict[str, EventActor] = {}
    for member in members:
        for actor in member.actors:
            known = merged.get(actor.actor_id)
            if known is None or (known.role == "other" and actor.role != "other"):
                merged[actor.actor_id] = actor
    return tuple(sorted(merged.values(), key=lambda a: (a.role != "agent", a.actor_id)))


def _conflict(event_id: str, chosen: EventMention, members, articles) -> Conflict:  # noqa: ANN001
    claims = tuple(
        Claim(
            article_id=member.article_id,
            source=articles[member.article_id].source or member.article_id,
            words=member.time.text,
            interval=member.time.interval,
            anchor=describe_anchor(member, articles[member.article_id]),
        )
        for member in members
    )
    chosen_source = articles[chosen.article_id].source or chosen.article_id
    reason = (
        f"kept {chosen_source}'s date ('{chosen.time.text}' = {chosen.time.interval.earliest.isoformat()}"
        f"..{chosen.time.interval.latest.isoformat()}): best supported, most specific, and its publication "
        f"date comes from {articles[chosen.article_id].published_origin}"
    )
    return Conflict(
        id=f"cf-{event_id[3:]}",
        event_id=event_id,
        claims=claims,
        chosen_article_id=chosen.article_id,
        reason=reason,
    )


def reconcile(
    members: Sequence[EventMention], articles: dict[str, ArticleInfo]
) -> tuple[CanonicalEvent, Conflict | None]:
    """Return the canonical event for a cluster of dated mentions, and its conflict if they disagree.

    Only the event's own date words make a conflict. A date inherited from a neighbouring clause (the
    narrative day, "Thursday morning" of the sentence before) is the extractor's inference: it yields
    to the event's own words, and two inherited dates that disagree are two guesses, not two sources
    disagreeing (on the judged timeline17-dev sample, every conflict resting on an inherited date but
    one uncertain case was a misreading).
    """
    if len(members) == 1:  # most events: one mention, whose date is the event's
        return _told_once(members[0], articles[members[0].article_id]), None
    event_id = f"ev-{cluster_id(members)}"
    timed = [m for m in members if m.time is not None and m.time.interval is not None]
    conflict = None
    if len(timed) == 1:  # most events: one dated mention, whose date is the event's
        chosen, agreed = timed[0], timed[0].time.interval  # type: ignore[union-attr]
    else:
        chosen = min(timed, key=lambda m: _claim_rank(m, timed, articles))
        claims = [member for member in timed if claims_a_date(member)] or timed
        own = [member for member in claims if member.time_source == "explicit" and claims_a_date(member)]
        agreed = _intersection([member.time.interval for member in own or claims])  # type: ignore[misc]
        if agreed is None:
            agreed = chosen.time.interval  # type: ignore[union-attr]
            if len(own) > 1:
                conflict = _conflict(event_id, chosen, own, articles)
    event = _assembled(
        CanonicalEvent,
        id=event_id,
        title=chosen.title,
        interval=agreed,
        actors=_merge_actors(members),
        n_sources=len(set(map(_article_id, members))),
        n_mentions=len(members),
        provenance=tuple([provenance_of(member, articles[member.article_id]) for member in members]),
        conflict_id=conflict.id if conflict else None,
    )
    return event, conflict


def _told_once(mention: EventMention, article: ArticleInfo) -> CanonicalEvent:
    """Return `reconcile` of one dated mention: its own date, title and actors, and one provenance record."""
    return _built(
        CanonicalEvent,
        {
            "id": f"ev-{_sha1(mention.id.encode('utf-8')).hexdigest()[:12]}",  # `cluster_id` of one mention
            "title": mention.title,
            "interval": mention.time.interval,  # type: ignore[union-attr]
            "actors": _merge_actors((mention,)),
            "n_sources": 1,
            "n_mentions": 1,
            "provenance": (provenance_of(mention, article),),
            "conflict_id": None,
        },
    )

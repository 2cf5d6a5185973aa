"""How alike two event mentions are: shared content words of their sentences and shared actors.

Dates never decide a match: a source with a wrong publication date must still meet the others,
because its events are exactly the conflicts a reader needs to see. They only nudge the score:
agreeing dates add a little, and dates more than a quarter apart (`Settings.far_date_days`) take a
penalty (look-alike events of different years, "Apple unveiled" in 2007 and in 2010), large when both
dates are absolute.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from timeline.merge.triggers import same_trigger
from timeline.models import EventMention

_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*\d|\d")


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Lower-case, drop a possessive and a plural -s, so "Blinken’s" = "blinken" and "talks" = "talk"."""
    lowered = word.lower().replace("’", "'")
    if lowered.endswith("'s"):
        lowered = lowered[:-2]
    lowered = lowered.rstrip("'")
    if len(lowered) > 4 and lowered.endswith("s") and not lowered.endswith("ss"):
        lowered = lowered[:-1]
    return lowered


@lru_cache(maxsize=262144)
def content_words(text: str) -> frozenset[str]:
    """Return the normalised content words of a text (no stop words, no one-letter tokens).

    Cached: a title is compared with every candidate of its mention (the merge's hot spot at 100k mentions).
    """
    words = (normalise_word(match.group()) for match in _WORD.finditer(text))
    return frozenset(word for word in words if len(word) > 1 and word not in STOP_WORDS)


def mention_words(mention: EventMention) -> frozenset[str]:
    """Return the content words of a mention's sentence."""
    return content_words(mention.sentence)


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """Return |A ∩ B| / |A ∪ B|, 0 for two empty sets."""
    union = len(left | right)
    return len(left & right) / union if union else 0.0


def overlap_coefficient(left: frozenset[str], right: frozenset[str]) -> float:
    """Return |A ∩ B| / min(|A|, |B|): high when one sentence says a subset of the other."""
    smaller = min(len(left), len(right))
    return len(left & right) / smaller if smaller else 0.0


def _intervals(left: EventMention, right: EventMention):  # noqa: ANN202
    if left.time is None or right.time is None:
        return None, None
    return left.time.interval, right.time.interval


def _absolute(mention: EventMention) -> bool:
    return mention.time_source == "explicit" and mention.time is not None and mention.time.anchor == "absolute"


_NO_OWN_WORDS = frozenset({"publication", "inherited"})
"""Dates without date words in the mention's own clause: the paper's day, or a day told before."""


def _far_penalty(left: EventMention, right: EventMention, absolute: float, relative: float, guessed: float) -> float:
    if _absolute(left) and _absolute(right):
        return absolute
    if left.time_source in _NO_OWN_WORDS or right.time_source in _NO_OWN_WORDS:
        return guessed
    return relative


def mention_similarity(
    left: EventMention,
    right: EventMention,
    left_words: frozenset[str],
    right_words: frozenset[str],
    *,
    far_days: int = 90,
    far_penalty: float = 0.3,
    far_relative_penalty: float = 0.15,
    far_guessed_penalty: float = 0.25,
) -> float:
    """Return a 0–1 score from the sentence, the event's own words, actors, trigger and dates.

    The sentence says two mentions come from the same passage; the title (the trigger's own clause)
    tells apart two events of one sentence ("delivered Tuesday" and "endorsed last month"). Triggers
    match when they are synonyms ("left" / "concluded", see `triggers.py`). Agreeing
    dates add a small bonus, never a requirement: a source with a wrong date must still match.
    Dates more than ``far_days`` apart take a penalty: ``far_penalty`` when both are absolute ("in
    2007", "in 2010": probably two look-alike events), the smaller ``far_relative_penalty`` when one
    is relative to a publication date, which may be the wrong one, and ``far_guessed_penalty`` when one
    has no date words of its own (a publication-day guess, a day inherited from an earlier sentence);
    none is a block.
    """
    sentence = 0.5 * jaccard(left_words, right_words) + 0.5 * overlap_coefficient(left_words, right_words)
    left_title, right_title = content_words(left.title), content_words(right.title)
    title = 0.5 * jaccard(left_title, right_title) + 0.5 * overlap_coefficient(left_title, right_title)
    left_actors = frozenset(actor.actor_id for actor in left.actors)
    right_actors = frozenset(actor.actor_id for actor in right.actors)
    actors = jaccard(left_actors, right_actors)
    same_word = normalise_word(left.trigger) == normalise_word(right.trigger)
    trigger = 1.0 if same_word or same_trigger(left.trigger, right.trigger) else 0.0
    score = 0.4 * sentence + 0.3 * title + 0.1 * actors + 0.1 * trigger
    a, b = _intervals(left, right)
    if a is not None and b is not None:
        if a.earliest <= b.latest and b.earliest <= a.latest:
            score += 0.1  # the dates agree
        elif max((a.earliest - b.latest).days, (b.earliest - a.latest).days) > far_days:
            score -= _far_penalty(left, right, far_penalty, far_relative_penalty, far_guessed_penalty)
    return score

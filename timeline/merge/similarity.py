"""How alike two event mentions are: shared content words of their sentences and shared actors.

Dates never decide a match: a source with a wrong publication date must still meet the others,
because its events are exactly the conflicts a reader needs to see. They only nudge the score:
agreeing dates add a little, and dates more than a quarter apart (`Settings.far_date_days`) take a
penalty (look-alike events of different years, "Apple unveiled" in 2007 and in 2010), large when both
dates are absolute.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from timeline.merge.triggers import same_trigger, trigger_sense
from timeline.models import EventMention
from timeline.resources import load_yaml

if TYPE_CHECKING:
    import numpy as np

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
    The words are made in text order by `_content_word` (cached per token), so the set is built exactly as
    by normalising and filtering one match at a time, only without a Python step per token.
    """
    return frozenset(filter(None, map(_content_word, _WORD.findall(text))))


@cache
def stop_words() -> frozenset[str]:
    """The words `content_words` leaves out (`resources/en/stop_words.yml`, spaCy's English list), read once."""
    text = resources.files("timeline.resources").joinpath("en", "stop_words.yml").read_text(encoding="utf-8")
    return frozenset(str(word) for word in load_yaml(text)["words"])


@lru_cache(maxsize=262144)
def _content_word(token: str) -> str:
    """Return a token's normalised content word, or "" for a stop word or a one-letter token."""
    word = normalise_word(token)
    return word if len(word) > 1 and word not in stop_words() else ""


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


@dataclass(frozen=True)
class MentionFeatures:
    """What `mention_similarity` reads of each mention, found once: the merge compares a mention with many.

    Sets stay Python sets (their intersections are counted per pair); the rest are arrays, one row a mention.
    """

    words: list[frozenset[str]]
    titles: list[frozenset[str]]
    actors: list[frozenset[str]]
    triggers: list[tuple[str, str, frozenset[int]]]
    """The normalised trigger word, its lemma and its synonym groups (`triggers.trigger_sense`)."""
    undated: np.ndarray
    dated: np.ndarray
    """The mention has a date interval (an undated one has no time, or a time without interval)."""
    earliest: np.ndarray
    latest: np.ndarray
    """The interval's days as ordinals (0 when not dated)."""
    absolute: np.ndarray
    no_own_words: np.ndarray

    @classmethod
    def of(cls, mentions: Sequence[EventMention], words: Sequence[frozenset[str]]) -> MentionFeatures:
        """Return the features of ``mentions``, whose sentence words are ``words``."""
        import numpy as np

        titles, actors, triggers, rows = [], [], [], []
        for mention in mentions:
            titles.append(content_words(mention.title))
            actors.append(frozenset(actor.actor_id for actor in mention.actors))
            triggers.append((normalise_word(mention.trigger), *trigger_sense(mention.trigger)))
            interval = None if mention.time is None else mention.time.interval
            rows.append(
                (
                    mention.time is None,
                    interval is not None,
                    0 if interval is None else interval.earliest.toordinal(),
                    0 if interval is None else interval.latest.toordinal(),
                    _absolute(mention),
                    mention.time_source in _NO_OWN_WORDS,
                )
            )
        columns = np.array(rows, dtype=np.int64).reshape(len(rows), 6).T
        flags = columns.astype(bool)
        return cls(
            words=list(words),
            titles=titles,
            actors=actors,
            triggers=triggers,
            undated=flags[0],
            dated=flags[1],
            earliest=columns[2],
            latest=columns[3],
            absolute=flags[4],
            no_own_words=flags[5],
        )


def pair_scores(
    features: MentionFeatures,
    left: np.ndarray,
    right: np.ndarray,
    *,
    far_days: int = 90,
    far_penalty: float = 0.3,
    far_relative_penalty: float = 0.15,
    far_guessed_penalty: float = 0.25,
) -> np.ndarray:
    """Return `mention_similarity` of the pairs of mentions ``(left[k], right[k])`` (rows of ``features``), bit for bit.

    The merge scores some 140,000 candidate pairs of 2,452 news wires: the set intersections are
    counted per pair and the arithmetic is done on arrays. Each array operation is the one IEEE
    operation that `mention_similarity` does on Python floats, in the same order (divisions of exact
    integers, ``0.5 * j + 0.5 * o``, the weighted sum left to right, then the date bonus or penalty),
    so every score equals the scalar one to the last bit (`tests/merge/test_cluster.py`).
    """
    import numpy as np

    pairs = list(zip(left.tolist(), right.tolist(), strict=True))

    def halves(sets: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
        """Return the pairs' jaccard and overlap coefficient of ``sets``."""
        shared = np.fromiter((len(sets[a] & sets[b]) for a, b in pairs), dtype=np.int64, count=len(pairs))
        sizes = np.array([len(found) for found in sets], dtype=np.int64)
        left_size, right_size = sizes[left], sizes[right]
        union, smaller = left_size + right_size - shared, np.minimum(left_size, right_size)
        jaccard_ = np.divide(shared, union, out=np.zeros(len(pairs)), where=union > 0)
        return jaccard_, np.divide(shared, smaller, out=np.zeros(len(pairs)), where=smaller > 0)

    sentence_jaccard, sentence_overlap = halves(features.words)
    sentence = 0.5 * sentence_jaccard + 0.5 * sentence_overlap
    title_jaccard, title_overlap = halves(features.titles)
    title = 0.5 * title_jaccard + 0.5 * title_overlap
    actors, _ = halves(features.actors)
    triggers = features.triggers
    trigger = np.fromiter(
        (_same_trigger_sense(triggers[a], triggers[b]) for a, b in pairs), dtype=np.float64, count=len(pairs)
    )
    score = 0.4 * sentence + 0.3 * title + 0.1 * actors + 0.1 * trigger
    earliest, latest = features.earliest, features.latest
    both = features.dated[left] & features.dated[right]
    agree = both & (earliest[left] <= latest[right]) & (earliest[right] <= latest[left])
    far = both & ~agree & (np.maximum(earliest[left] - latest[right], earliest[right] - latest[left]) > far_days)
    absolute, no_own_words = features.absolute, features.no_own_words
    penalty = np.where(
        absolute[left] & absolute[right],
        far_penalty,
        np.where(no_own_words[left] | no_own_words[right], far_guessed_penalty, far_relative_penalty),
    )
    score = np.where(agree, score + 0.1, score)
    return np.where(far, score - penalty, score)


def _same_trigger_sense(left: tuple[str, str, frozenset[int]], right: tuple[str, str, frozenset[int]]) -> float:
    """Return `mention_similarity`'s trigger term of two `MentionFeatures.triggers`."""
    same = left[0] == right[0] or left[1] == right[1] or not left[2].isdisjoint(right[2])
    return 1.0 if same else 0.0

"""How alike two event mentions are: shared content words of their sentences and shared actors.

Dates never decide a match: a source with a wrong publication date must still meet the others,
because its events are exactly the conflicts a reader needs to see. They only nudge the score:
agreeing dates add a little, and dates more than a quarter apart (`Settings.far_date_days`) take a
penalty (look-alike events of different years, "Apple unveiled" in 2007 and in 2010), large when both
dates are absolute.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar

from timeline.merge.triggers import same_trigger, trigger_sense
from timeline.models import EventMention, TimeExpression
from timeline.resources import load_yaml

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")

_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*\d|\d")
_ASCII_WORD = re.compile(r"[a-zA-Z][a-zA-Z0-9_'-]*+|[0-9](?:[0-9,.]*[0-9])?")
"""`_WORD` for a text of ASCII characters only, where it finds the same words: its classes are `_WORD`'s on ASCII
characters (``[^\\W\\d_]`` the letters, ``\\w`` the letters, digits and ``_``), spelled out, the letters' run taken
whole (nothing follows it), a number's last digit optional as a group. News wires are nearly all ASCII, and their
sentences hold some 600,000 tokens: 0.115 s for `_WORD` in ASCII mode, 0.094 s for this (2,452 wires)."""


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


_normalised = normalise_word.__wrapped__


@lru_cache(maxsize=262144)
def content_words(text: str) -> frozenset[str]:
    """Return the normalised content words of a text (no stop words, no one-letter tokens).

    Cached: a title is compared with every candidate of its mention (the merge's hot spot at 100k mentions).
    The words are made in text order by `_TOKEN_WORDS` (each token's word, found once), so the set is built
    exactly as by normalising and filtering one match at a time, only without a Python step per token.
    """
    tokens = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    return frozenset(filter(None, map(_TOKEN_WORDS.__getitem__, tokens)))


@cache
def stop_words() -> frozenset[str]:
    """The words `content_words` leaves out (`resources/en/stop_words.yml`, spaCy's English list), read once."""
    text = resources.files("timeline.resources").joinpath("en", "stop_words.yml").read_text(encoding="utf-8")
    return frozenset(str(word) for word in load_yaml(text)["words"])


class _TokenWords(dict):
    """{token: its normalised content word, or "" for a stop word or a one-letter token}, filled on demand.

    A dict looked up in C: a corpus' sentences hold some 600,000 tokens, and an `lru_cache` per token cost
    twice as much. Emptied when it holds `MAX_TOKENS` tokens, so its memory stays bounded.
    """

    MAX_TOKENS = 262144

    def __missing__(self, token: str) -> str:
        if len(self) >= self.MAX_TOKENS:
            self.clear()
        word = _normalised(token)  # not kept by `normalise_word`'s cache too: this dict keeps it
        found = self[token] = word if len(word) > 1 and word not in stop_words() else ""
        return found


_TOKEN_WORDS = _TokenWords()


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
    sentence: np.ndarray
    """Each row's sentence, numbered: rows of one number have one word set (their sentence's)."""
    titles: list[frozenset[str]]
    """Each row's title words: of the rows asked for (`titled`) when made without them."""
    title_texts: list[str]
    actors: list[frozenset[str]]
    triggers: list[tuple[str, str, frozenset[int]]]
    """The normalised trigger word, its lemma and its synonym groups (`triggers.trigger_sense`)."""
    trigger_groups: list[int]
    """The synonym groups of `triggers` as the bits of an int (`_group_bits`)."""
    undated: np.ndarray
    dated: np.ndarray
    """The mention has a date interval (an undated one has no time, or a time without interval)."""
    earliest: np.ndarray
    latest: np.ndarray
    """The interval's days as ordinals (0 when not dated)."""
    absolute: np.ndarray
    no_own_words: np.ndarray

    @classmethod
    def of(
        cls,
        mentions: Sequence[EventMention],
        words: Sequence[frozenset[str]],
        sentence: np.ndarray | None = None,
        *,
        titled: bool = True,
    ) -> MentionFeatures:
        """Return the features of ``mentions``, whose sentence words are ``words``.

        ``sentence`` numbers the mentions' sentences (one number, one sentence); by default each is its own.
        Without ``titled``, no row has its title words yet (`titled` finds those of the rows that need them).
        """
        import numpy as np

        told = list(map(_read, mentions))  # each mention read once: a pass per field waited on memory each time
        times, sources, titles, triggers, actors = zip(*told, strict=True) if told else ((),) * 5
        columns = np.array(list(map(_date_row, times, sources)), dtype=np.int64).reshape(len(told), 6).T
        flags = columns.astype(bool)
        return cls(
            words=list(words),
            sentence=np.arange(len(mentions)) if sentence is None else np.asarray(sentence, dtype=np.int64),
            titles=list(map(content_words, titles)) if titled else [_NO_WORDS] * len(told),
            title_texts=list(titles),
            actors=[frozenset(map(_actor_id, found)) for found in actors],
            triggers=(senses := list(map(_trigger_features, triggers))),
            trigger_groups=[_group_bits(found[2]) for found in senses],
            undated=flags[0],
            dated=flags[1],
            earliest=columns[2],
            latest=columns[3],
            absolute=flags[4],
            no_own_words=flags[5],
        )

    def titled(self, rows: Iterable[int]) -> MentionFeatures:
        """Return these features with the title words of ``rows`` (rows made without them: `of`)."""
        titles = list(self.titles)
        texts = self.title_texts
        for row in rows:
            titles[row] = content_words(texts[row])
        return replace(self, titles=titles)


_NO_WORDS: frozenset[str] = frozenset()


def _date_row(time: TimeExpression | None, source: str) -> tuple[bool, bool, int, int, bool, bool]:
    """A mention's date features of `MentionFeatures`: undated, dated, its days as ordinals, absolute, no own words."""
    interval = None if time is None else time.interval
    return (
        time is None,
        interval is not None,
        0 if interval is None else interval.earliest.toordinal(),
        0 if interval is None else interval.latest.toordinal(),
        source == "explicit" and time is not None and time.anchor == "absolute",  # `_absolute`
        source in _NO_OWN_WORDS,
    )


_read, _actor_id = attrgetter("time", "time_source", "title", "trigger", "actors"), attrgetter("actor_id")


@lru_cache(maxsize=65536)
def _trigger_features(trigger: str) -> tuple[str, str, frozenset[int]]:
    """Return `MentionFeatures.triggers` of a trigger word (a corpus says "said" thousands of times)."""
    return (normalise_word(trigger), *trigger_sense(trigger))


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
    counted per pair (the sentences' once per pair of sentences) and the arithmetic is done on
    arrays. Each array operation is the one IEEE operation that `mention_similarity` does on Python
    floats, in the same order (divisions of exact integers, ``0.5 * j + 0.5 * o``, the weighted sum
    left to right, then the date bonus or penalty), so every score equals the scalar one to the last
    bit (`tests/merge/test_cluster.py`).
    """
    return scores_of_terms(
        features,
        left,
        right,
        _sentence_term(features, left, right),
        _trigger_term(features, left, right),
        far_days=far_days,
        far_penalty=far_penalty,
        far_relative_penalty=far_relative_penalty,
        far_guessed_penalty=far_guessed_penalty,
    )


def score_ceilings(features: MentionFeatures, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, ...]:
    """Return a bound of `pair_scores` of each pair ``(left[k], right[k])``, read without titles, and two of its terms.

    The sentence and trigger terms are the pair's own (returned too, for `scores_of_terms`); the title term
    counts at its most (1), the actor term too when both mentions name actors (else it is 0), and the date term
    at its bonus when neither mention is undated (an undated one has none). A pair whose bound is below its
    threshold cannot link: the merge finds the title words (a set for each mention, an intersection for each
    pair: the dearest part of the features and the scoring) of the other pairs only. The bound holds in floats
    too: it adds the score's terms in the same order, each no smaller, and rounding is monotonic.
    """
    import numpy as np

    sentence, trigger = _sentence_term(features, left, right), _trigger_term(features, left, right)
    named = np.fromiter(map(bool, features.actors), dtype=bool, count=len(features.actors))
    actors = (named[left] & named[right]).astype(np.float64)
    bonus = np.where(features.undated[left] | features.undated[right], 0.0, 0.1)
    return 0.4 * sentence + 0.3 + 0.1 * actors + 0.1 * trigger + bonus, sentence, trigger


def _sentence_term(features: MentionFeatures, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    sentence_jaccard, sentence_overlap = _sentence_halves(features, left, right)
    return 0.5 * sentence_jaccard + 0.5 * sentence_overlap


def _trigger_term(features: MentionFeatures, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    shared = _per_pair(operator.and_, features.trigger_groups, left, right)
    return _same_trigger_senses(features.triggers, left, right, shared)


def scores_of_terms(
    features: MentionFeatures,
    left: np.ndarray,
    right: np.ndarray,
    sentence: np.ndarray,
    trigger: np.ndarray,
    *,
    far_days: int = 90,
    far_penalty: float = 0.3,
    far_relative_penalty: float = 0.15,
    far_guessed_penalty: float = 0.25,
) -> np.ndarray:
    """`pair_scores` of pairs whose sentence and trigger terms are known (`score_ceilings`), bit for bit."""
    import numpy as np

    title_jaccard, title_overlap = _halves(features.titles, left, right)
    title = 0.5 * title_jaccard + 0.5 * title_overlap
    actors, _ = _halves(features.actors, left, right)
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


def _per_pair(
    function: Callable[[T, T], Any], values: Sequence[T], left: np.ndarray, right: np.ndarray
) -> Iterator[Any]:
    """Yield ``function`` of each pair's two values (mapped in C: some 140,000 pairs, three sets each)."""
    return map(function, map(values.__getitem__, left.tolist()), map(values.__getitem__, right.tolist()))


def _halves(sets: Sequence[frozenset[str]], left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the jaccard and overlap coefficient of ``sets`` of the pairs ``(left[k], right[k])``."""
    import numpy as np

    count = len(left)
    shared = np.fromiter(map(len, _per_pair(operator.and_, sets, left, right)), dtype=np.int64, count=count)
    sizes = np.fromiter(map(len, sets), dtype=np.int64, count=len(sets))
    left_size, right_size = sizes[left], sizes[right]
    union, smaller = left_size + right_size - shared, np.minimum(left_size, right_size)
    jaccard_ = np.divide(shared, union, out=np.zeros(count), where=union > 0)
    return jaccard_, np.divide(shared, smaller, out=np.zeros(count), where=smaller > 0)


def _sentence_halves(features: MentionFeatures, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`_halves` of the pairs' sentence words, counted once for each pair of sentences.

    Rows of one sentence have its one word set (`MentionFeatures.sentence`): the candidate pairs of 2,452 news
    wires are some 140,000 pairs of mentions but 10,000 pairs of sentences.
    """
    import numpy as np

    sentence = features.sentence
    keys = sentence[left] * (int(sentence.max(initial=0)) + 1) + sentence[right]
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    jaccard_, overlap = _halves(features.words, left[first], right[first])
    return jaccard_[inverse], overlap[inverse]


def _same_trigger_senses(
    triggers: Sequence[tuple[str, str, frozenset[int]]], left: np.ndarray, right: np.ndarray, shared: Iterator[int]
) -> np.ndarray:
    """Return `mention_similarity`'s trigger term of the pairs (1.0 or 0.0): the same word, lemma or a group.

    ``shared`` are the pairs' `MentionFeatures.trigger_groups` in common, in pair order.
    """
    import numpy as np

    def numbered(values: list[str]) -> np.ndarray:
        """Each value's number among the distinct values: equal values, equal numbers."""
        numbers = {value: number for number, value in enumerate(dict.fromkeys(values))}
        return np.fromiter(map(numbers.__getitem__, values), dtype=np.int64, count=len(values))

    word, lemma = numbered([found[0] for found in triggers]), numbered([found[1] for found in triggers])
    in_a_group = np.fromiter(map(bool, shared), dtype=bool, count=len(left))
    return ((word[left] == word[right]) | (lemma[left] == lemma[right]) | in_a_group).astype(np.float64)


@lru_cache(maxsize=4096)
def _group_bits(groups: frozenset[int]) -> int:
    """Return synonym groups as the bits of an int: two triggers share a group when their bits meet."""
    return sum(1 << group for group in groups)

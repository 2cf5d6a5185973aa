"""Group event mentions from different articles that tell the same event.

Candidate pairs come from an inverted index of content words (blocking): only mentions sharing
enough words are compared, and words that occur in many mentions (a share of them, and at most
`MAX_BLOCK_MENTIONS`) are not used for blocking, so the cost stays near-linear. Clusters are built
greedily from the best-scoring pairs down, with at most one mention per article in a cluster and an
average-link check when clusters join; the order of the pairs is fixed by score and ids, so the
result does not depend on the order of the input.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from timeline.config import Settings
from timeline.merge.similarity import MentionFeatures, content_words, score_ceilings, scores_of_terms
from timeline.models import EventMention

if TYPE_CHECKING:
    import numpy as np

MAX_BLOCK_SHARE = 0.2
"""A word found in more than this share of mentions is too common to propose pairs."""

MAX_BLOCK_MENTIONS = 100
"""Nor is a word found in more than this many mentions: without it a word like "said" in a 100,000-mention
corpus would propose billions of pairs. Below 500 mentions the share above is the tighter limit."""


def candidate_pairs(mentions: Sequence[EventMention], settings: Settings) -> list[tuple[float, str, str]]:
    """Return (score, id, id) for every cross-article pair above the link threshold, best first.

    The pairs sharing at least ``min_shared_words`` blocking words are scored together on arrays
    (`pair_scores`, equal to `mention_similarity` to the last bit), but for the pairs whose bound without their
    titles (`score_ceilings`) cannot reach their threshold: those are dropped unscored.
    """
    ordered = _by_id(mentions)
    ids = ordered.ids
    return [(score, ids[left], ids[right]) for score, left, right in _candidate_pairs(ordered, settings)]


class _Sorted(NamedTuple):
    """Mentions sorted by id, and their ids, sentences and article ids in that order."""

    mentions: list[EventMention]
    ids: list[str]
    sentences: list[str]
    article_ids: list[str]


def _by_id(mentions: Iterable[EventMention], fields: Iterable[tuple[str, str, str]] | None = None) -> _Sorted:
    """Return the mentions sorted by id, with the fields the clustering reads of each (``fields``, when read already).

    Read in one pass: a corpus' 90,000 mentions do not fit in the CPU's caches, and each pass that reads one
    field of each of them again waits for memory about as long as it computes.
    """
    mentions = list(mentions)
    if not mentions:
        return _Sorted([], [], [], [])
    ids, sentences, article_ids = zip(*(map(mention_fields, mentions) if fields is None else fields), strict=True)
    order = sorted(range(len(mentions)), key=ids.__getitem__)
    return _Sorted(*(list(map(values.__getitem__, order)) for values in (mentions, ids, sentences, article_ids)))


def _candidate_pairs(ordered: _Sorted, settings: Settings) -> list[tuple[float, int, int]]:
    """`candidate_pairs` of mentions sorted by id, each mention by its position: the order of ids, as they are."""
    import numpy as np

    sentences, sentence_of = _numbered(ordered.sentences)
    sentence_words = [content_words(sentence) for sentence in sentences]
    _, article_of = _numbered(ordered.article_ids)
    limit = max(2, min(int(MAX_BLOCK_SHARE * len(ordered.ids)), MAX_BLOCK_MENTIONS))
    left, right = _mention_pairs(sentence_words, sentence_of, article_of, limit, settings.min_shared_words)
    used = np.unique(np.concatenate([left, right]))  # a quarter of the mentions: only theirs are read
    at_used = used.tolist()
    sentence = sentence_of[used]
    features = MentionFeatures.of(
        [ordered.mentions[at] for at in at_used],
        [sentence_words[at] for at in sentence.tolist()],
        sentence,
        titled=False,
    )
    left_row, right_row = np.searchsorted(used, left), np.searchsorted(used, right)
    ceilings, sentence_term, trigger = score_ceilings(features, left_row, right_row)
    needed = np.where(
        features.undated[left_row] | features.undated[right_row],
        settings.link_threshold + settings.undated_link_margin,
        settings.link_threshold,
    )
    hopeful = np.flatnonzero(ceilings >= needed - CEILING_SLACK)  # the others cannot link, whatever their titles
    left, right, left_row, right_row, needed, sentence_term, trigger = (
        values[hopeful] for values in (left, right, left_row, right_row, needed, sentence_term, trigger)
    )
    features = features.titled(np.unique(np.concatenate([left_row, right_row])).tolist())
    scores = scores_of_terms(
        features,
        left_row,
        right_row,
        sentence_term,
        trigger,
        far_days=settings.far_date_days,
        far_penalty=settings.far_date_penalty,
        far_relative_penalty=settings.far_relative_date_penalty,
        far_guessed_penalty=settings.far_guessed_date_penalty,
    )
    kept = np.flatnonzero(scores >= needed)
    pairs = [
        (round(score, 6), a, b)
        for score, a, b in zip(scores[kept].tolist(), left[kept].tolist(), right[kept].tolist(), strict=True)
    ]
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return pairs


mention_fields = attrgetter("id", "sentence", "article_id")
"""What the clustering reads of every mention (`_by_id`); the rest it reads of the mentions it compares only."""

CEILING_SLACK = 1e-9
"""A pair is dropped unscored when its bound (`score_ceilings`) is below its threshold by more than this: a margin
far above a score's rounding (~1e-16), besides the bound's own. Of the 144,000 candidate pairs of 2,452 news wires,
60 % go (mostly an undated mention sharing a few common words with another trigger)."""

def _numbered(values: Iterable[str]) -> tuple[list[str], np.ndarray]:
    """Return the distinct values in order of first appearance, and the number of each value among them."""
    import numpy as np

    numbers: defaultdict[str, int] = defaultdict(itertools.count().__next__)  # a new value takes the next number
    numbered = np.fromiter(map(numbers.__getitem__, values), dtype=np.int64)
    return list(numbers), numbered


def _mention_pairs(
    sentence_words: Sequence[frozenset[str]],
    sentence_of: np.ndarray,
    article_of: np.ndarray,
    limit: int,
    min_shared: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mention pairs ``(left < right)`` of different articles sharing ``min_shared`` blocking words.

    A blocking word is one held by 2 to ``limit`` mentions. Mention ``k`` has the words of sentence
    ``sentence_of[k]``. Mentions of one sentence have one word set (news wires: 3.6 mentions a sentence), so the
    words are shared between sentences, a 13th of the (pair, word) counts, and each sentence pair is then
    spread over its mentions: the pairs and counts are those of counting mention by mention.
    """
    import numpy as np

    numbers: defaultdict[str, int] = defaultdict(itertools.count().__next__)
    word_of = np.fromiter(
        map(numbers.__getitem__, itertools.chain.from_iterable(sentence_words)), dtype=np.int64
    )
    holder = np.repeat(np.arange(len(sentence_words)), [len(found) for found in sentence_words])
    mentions_of = np.bincount(sentence_of, minlength=len(sentence_words))
    held = np.bincount(word_of, weights=mentions_of[holder], minlength=len(numbers))  # mentions holding each word
    blocking = (held >= 2) & (held <= limit)
    keep = blocking[word_of]
    word_of, holder = word_of[keep], holder[keep]
    order = np.argsort(word_of, kind="stable")
    size = len(sentence_words)
    keys, counts = _shared_word_counts(holder[order], np.bincount(word_of, minlength=len(numbers)), size)
    first, second = np.divmod(keys[counts >= min_shared], size)
    alone = np.flatnonzero((np.bincount(holder, minlength=size) >= min_shared) & (mentions_of >= 2))
    first, second = np.concatenate([first, alone]), np.concatenate([second, alone])  # one sentence, two articles
    return _spread(first, second, mentions_of, sentence_of, article_of)


def _spread(
    first: np.ndarray, second: np.ndarray, sizes: np.ndarray, sentence_of: np.ndarray, article_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Return the mention pairs ``(left < right)`` of different articles of the sentence pairs ``(first, second)``.

    Sentence pairs are distinct and unordered, and may be a sentence with itself (its mentions of different
    articles); ``sizes`` are the sentences' numbers of mentions.
    """
    import numpy as np

    members = np.argsort(sentence_of, kind="stable")  # each sentence's mentions, ascending
    starts = np.cumsum(sizes) - sizes
    spread = sizes[first] * sizes[second]
    pair = np.repeat(np.arange(len(first)), spread)
    within = np.arange(int(spread.sum())) - np.repeat(np.cumsum(spread) - spread, spread)
    step, offset = np.divmod(within, sizes[second][pair])  # one division for both (half a million pairs)
    one = members[starts[first][pair] + step]
    other = members[starts[second][pair] + offset]
    kept = ((first[pair] != second[pair]) | (one < other)) & (article_of[one] != article_of[other])
    one, other = one[kept], other[kept]
    return np.minimum(one, other), np.maximum(one, other)


def _shared_word_counts(positions: np.ndarray, sizes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Return the keys ``left * size + right`` of the pairs of positions sharing a block, and how many they share.

    Keys are ascending, ``left < right < size``. The blocks are ``positions`` cut into runs of ``sizes``, each
    run ascending. The pairs of all blocks of one size are made at once as arrays and counted by sorting: a dict
    of counts took 7 s and 400 MB to add up 2,452 news wires' 6.8 million (mention pair, word) increments one by one.
    """
    import numpy as np

    starts = np.cumsum(sizes) - sizes
    found = [np.zeros(0, dtype=np.int64)]
    for block_size in np.unique(sizes[sizes >= 2]).tolist():
        block = positions[starts[sizes == block_size][:, None] + np.arange(block_size)]
        left_at, right_at = np.triu_indices(block_size, 1)  # every pair of positions, left < right
        found.append((block[:, left_at] * size + block[:, right_at]).ravel())
    keys = np.concatenate(found)
    keys.sort()  # in place: np.unique would copy the keys first
    first = np.flatnonzero(np.diff(keys, prepend=-1))  # where each run of one key starts (keys are >= 0)
    return keys[first], np.diff(np.append(first, len(keys)))


def cluster_mentions(
    mentions: Sequence[EventMention], settings: Settings, fields: Iterable[tuple[str, str, str]] | None = None
) -> list[list[EventMention]]:
    """Return clusters of mentions (each sorted by id), one article at most once per cluster.

    ``fields`` are each mention's `mention_fields`, when the caller read them as it held the mention: a corpus'
    mentions do not fit in the CPU's caches, and reading them again in a pass of their own waits for memory.

    Two clusters join only when their members are alike on average (average link over the candidate
    scores, a pair that is not a candidate counting 0), not through one good pair: otherwise "Apple
    announced" chains every launch of thirty articles into one event. Two single mentions join on
    their own score, so a two-source corpus is clustered exactly as by single link.
    """
    ordered = _by_id(mentions, fields)
    ids, at_pairs = ordered.ids, _candidate_pairs(ordered, settings)
    pairs = [(score, ids[left], ids[right]) for score, left, right in at_pairs]
    scores = {(left, right): score for score, left, right in pairs}
    paired = {ids[at]: at for _, left, right in at_pairs for at in (left, right)}  # only these can join
    cluster_of = {i: i for i in paired}
    members: dict[str, set[str]] = {i: {i} for i in paired}
    articles: dict[str, set[str]] = {i: {ordered.article_ids[at]} for i, at in paired.items()}
    for _, left, right in pairs:
        left_root, right_root = cluster_of[left], cluster_of[right]
        if left_root == right_root or articles[left_root] & articles[right_root]:
            continue
        if len(members[left_root]) > 1 or len(members[right_root]) > 1:
            total = sum(
                scores.get((a, b) if a < b else (b, a), 0.0) for a in members[left_root] for b in members[right_root]
            )
            if total < settings.link_threshold * len(members[left_root]) * len(members[right_root]):
                continue
        keep, absorb = sorted((left_root, right_root))
        for member in members[absorb]:
            cluster_of[member] = keep
        members[keep] |= members.pop(absorb)
        articles[keep] |= articles.pop(absorb)
    joined = (sorted(map(paired.__getitem__, found)) for found in members.values() if len(found) > 1)
    return _gathered(ordered.mentions, joined)


def _gathered(ordered: Sequence[EventMention], joined: Iterable[list[int]]) -> list[list[EventMention]]:
    """Return every mention alone, but the members of each of the ``joined`` clusters together.

    ``joined`` are positions in ``ordered`` (mentions sorted by id), each cluster's ascending. A cluster stands
    where its first id (its root) stands: the clusters come in the order of their roots. Most mentions join
    nobody: their lists are made in C, and only the joined clusters are placed one by one.
    """
    clusters: list[list[EventMention] | None] = list(map(list, zip(ordered)))
    for cluster in joined:
        for at in cluster:
            clusters[at] = None
        clusters[cluster[0]] = list(map(ordered.__getitem__, cluster))
    return list(filter(None, clusters))

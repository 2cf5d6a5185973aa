"""Group event mentions from different articles that tell the same event.

Candidate pairs come from an inverted index of content words (blocking): only mentions sharing
enough words are compared, and words that occur in many mentions (a share of them, and at most
`MAX_BLOCK_MENTIONS`) are not used for blocking, so the cost stays near-linear. Clusters are built
greedily from the best-scoring pairs down, with at most one mention per article in a cluster and an
average-link check when clusters join; the order of the pairs is fixed by score and ids, so the
result does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.config import Settings
from timeline.merge.similarity import MentionFeatures, mention_words, pair_scores
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
    (`pair_scores`, equal to `mention_similarity` to the last bit).
    """
    import numpy as np

    ordered = sorted(mentions, key=lambda m: m.id)
    words = [mention_words(mention) for mention in ordered]
    articles = [mention.article_id for mention in ordered]
    limit = max(2, min(int(MAX_BLOCK_SHARE * len(ordered)), MAX_BLOCK_MENTIONS))
    size = len(ordered)
    keys, counts = _shared_word_counts(*_word_blocks(words), articles, limit)
    left, right = np.divmod(keys[counts >= settings.min_shared_words], size)
    used = np.unique(np.concatenate([left, right]))  # a quarter of the mentions: only theirs are read
    features = MentionFeatures.of([ordered[at] for at in used.tolist()], [words[at] for at in used.tolist()])
    left_row, right_row = np.searchsorted(used, left), np.searchsorted(used, right)
    scores = pair_scores(
        features,
        left_row,
        right_row,
        far_days=settings.far_date_days,
        far_penalty=settings.far_date_penalty,
        far_relative_penalty=settings.far_relative_date_penalty,
        far_guessed_penalty=settings.far_guessed_date_penalty,
    )
    needed = np.where(
        features.undated[left_row] | features.undated[right_row],
        settings.link_threshold + settings.undated_link_margin,
        settings.link_threshold,
    )
    kept = np.flatnonzero(scores >= needed)
    pairs = [
        (round(score, 6), ordered[a].id, ordered[b].id)
        for score, a, b in zip(scores[kept].tolist(), left[kept].tolist(), right[kept].tolist(), strict=True)
    ]
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return pairs


def _word_blocks(words: Sequence[frozenset[str]]) -> tuple[np.ndarray, np.ndarray]:
    """Return the blocks of the inverted index: the positions of the mentions holding each word, and their sizes.

    The blocks are concatenated word after word, each one's positions ascending. Mentions of one
    sentence share their word set (`content_words` is cached), so each set is numbered once.
    """
    import numpy as np

    numbers: dict[str, int] = {}
    numbered: dict[frozenset[str], np.ndarray] = {}
    for found in words:
        if found not in numbered:
            numbered[found] = np.array([numbers.setdefault(word, len(numbers)) for word in found], dtype=np.int64)
    word_of = np.concatenate([np.zeros(0, dtype=np.int64), *(numbered[found] for found in words)])
    holder = np.repeat(np.arange(len(words), dtype=np.int64), [len(found) for found in words])
    return holder[np.argsort(word_of, kind="stable")], np.bincount(word_of, minlength=len(numbers))


def _shared_word_counts(
    positions: np.ndarray, sizes: np.ndarray, articles: Sequence[str], limit: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return the keys ``left * len(articles) + right`` of cross-article pairs sharing a block, and how many they share.

    The blocks (`_word_blocks`) are ``positions`` cut into runs of ``sizes``; those of more than ``limit``
    or fewer than 2 mentions are skipped. The pairs of all blocks of one size are made at once as arrays
    and counted by sorting: 2,452 news wires make 6.8 million (pair, word) increments, which a dict of
    counts took 7 s and 400 MB to add up one by one.
    """
    import numpy as np

    codes = {article: code for code, article in enumerate(dict.fromkeys(articles))}
    article_of = np.array([codes[article] for article in articles], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    found = [np.zeros(0, dtype=np.int64)]
    for block_size in np.unique(sizes[(sizes >= 2) & (sizes <= limit)]).tolist():
        block = positions[starts[sizes == block_size][:, None] + np.arange(block_size)]
        left_at, right_at = np.triu_indices(block_size, 1)  # every pair of positions, left < right
        left, right = block[:, left_at].ravel(), block[:, right_at].ravel()
        apart = article_of[left] != article_of[right]
        found.append(left[apart] * len(articles) + right[apart])
    keys = np.concatenate(found)
    keys.sort()  # in place: np.unique would copy the 45 MB of keys first
    first = np.flatnonzero(np.diff(keys, prepend=-1))  # where each run of one key starts (keys are >= 0)
    return keys[first], np.diff(np.append(first, len(keys)))


def cluster_mentions(mentions: Sequence[EventMention], settings: Settings) -> list[list[EventMention]]:
    """Return clusters of mentions (each sorted by id), one article at most once per cluster.

    Two clusters join only when their members are alike on average (average link over the candidate
    scores, a pair that is not a candidate counting 0), not through one good pair: otherwise "Apple
    announced" chains every launch of thirty articles into one event. Two single mentions join on
    their own score, so a two-source corpus is clustered exactly as by single link.
    """
    by_id = {mention.id: mention for mention in mentions}
    pairs = candidate_pairs(mentions, settings)
    scores = {(left, right): score for score, left, right in pairs}
    in_pairs = {i for _, left, right in pairs for i in (left, right)}
    paired = [i for i in by_id if i in in_pairs]  # only mentions in a pair can join: the others stay alone
    cluster_of = {i: i for i in paired}
    members: dict[str, set[str]] = {i: {i} for i in paired}
    articles: dict[str, set[str]] = {i: {by_id[i].article_id} for i in paired}
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
    roots = sorted([*members, *(i for i in by_id if i not in cluster_of)])
    return [
        sorted((by_id[i] for i in members[root]), key=lambda m: m.id) if root in members else [by_id[root]]
        for root in roots
    ]

"""Group event mentions from different articles that tell the same event.

Candidate pairs come from an inverted index of content words (blocking): only mentions sharing
enough words are compared, and words that occur in a large share of all mentions are not used
for blocking, so the cost stays near-linear. Clusters are built greedily from the best-scoring
pairs down, with at most one mention per article in a cluster; the order of the pairs is fixed by
score and ids, so the result does not depend on the order of the input.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from timeline.config import Settings
from timeline.merge.similarity import mention_similarity, mention_words
from timeline.models import EventMention

MAX_BLOCK_SHARE = 0.2
"""A word found in more than this share of mentions is too common to propose pairs."""


def candidate_pairs(mentions: Sequence[EventMention], settings: Settings) -> list[tuple[float, str, str]]:
    """Return (score, id, id) for every cross-article pair above the link threshold, best first."""
    words = {mention.id: mention_words(mention) for mention in mentions}
    by_id = {mention.id: mention for mention in mentions}
    index: dict[str, list[str]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: m.id):
        for word in sorted(words[mention.id]):
            index[word].append(mention.id)
    limit = max(2, int(MAX_BLOCK_SHARE * len(mentions)))
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for ids in index.values():
        if len(ids) > limit:
            continue
        for position, left in enumerate(ids):
            for right in ids[position + 1 :]:
                if by_id[left].article_id != by_id[right].article_id:
                    shared[(left, right)] += 1
    pairs = []
    for (left, right), count in shared.items():
        if count < settings.min_shared_words:
            continue
        score = mention_similarity(by_id[left], by_id[right], words[left], words[right])
        if score >= settings.link_threshold:
            pairs.append((round(score, 6), left, right))
    pairs.sort(key=lambda pair: (-pair[0], pair[1], pair[2]))
    return pairs


def cluster_mentions(mentions: Sequence[EventMention], settings: Settings) -> list[list[EventMention]]:
    """Return clusters of mentions (each sorted by id), one article at most once per cluster."""
    by_id = {mention.id: mention for mention in mentions}
    cluster_of = {mention.id: mention.id for mention in mentions}
    members: dict[str, set[str]] = {mention.id: {mention.id} for mention in mentions}
    articles: dict[str, set[str]] = {mention.id: {mention.article_id} for mention in mentions}
    for _, left, right in candidate_pairs(mentions, settings):
        left_root, right_root = cluster_of[left], cluster_of[right]
        if left_root == right_root or articles[left_root] & articles[right_root]:
            continue
        keep, absorb = sorted((left_root, right_root))
        for member in members[absorb]:
            cluster_of[member] = keep
        members[keep] |= members.pop(absorb)
        articles[keep] |= articles.pop(absorb)
    return [sorted((by_id[i] for i in ids), key=lambda m: m.id) for _, ids in sorted(members.items())]

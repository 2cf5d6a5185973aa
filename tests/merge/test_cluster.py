"""Candidate pairs of the merge: counted with arrays, the same as counting each shared word one by one."""

from __future__ import annotations

import itertools
from collections import Counter

from timeline.merge.cluster import _shared_word_counts


def _counted_one_by_one(blocks: list[list[int]], articles: list[str], limit: int) -> dict[int, int]:
    shared: Counter[int] = Counter()
    for positions in blocks:
        if 2 <= len(positions) <= limit:
            for left, right in itertools.combinations(positions, 2):
                if articles[left] != articles[right]:
                    shared[left * len(articles) + right] += 1
    return dict(shared)


def test_shared_word_counts_match_counting_one_by_one() -> None:
    articles = ["a", "a", "b", "c", "b", "c", "d"]
    blocks = [[0, 1, 2], [0, 2, 4], [1, 3, 5, 6], [2, 4], [0, 1], [3], [0, 2, 3, 4, 5, 6]]
    keys, counts = _shared_word_counts(blocks, articles, limit=4)
    found = dict(zip(keys.tolist(), counts.tolist(), strict=True))
    assert found == _counted_one_by_one(blocks, articles, limit=4)
    assert found[0 * 7 + 2] == 2  # mentions 0 and 2 share the first two words (the 6-mention block is over the limit)
    assert 0 * 7 + 1 not in found  # one article's own mentions are never a pair
    assert keys.tolist() == sorted(keys.tolist())


def test_shared_word_counts_without_any_pair() -> None:
    keys, counts = _shared_word_counts([[0], [1, 2]], ["a", "b", "b"], limit=5)
    assert keys.tolist() == [] and counts.tolist() == []

"""Candidate pairs of the merge: counted and scored with arrays, the same as one by one."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.merge.cluster import (
    CEILING_SLACK,
    _by_id,
    _gathered,
    _mention_pairs,
    _shared_word_counts,
    mention_fields,
)
from timeline.merge.similarity import (
    MentionFeatures,
    mention_similarity,
    mention_words,
    pair_scores,
    score_ceilings,
    scores_of_terms,
)
from timeline.models import DateInterval, EventActor, EventMention, Span, TimeExpression


def _counted_one_by_one(blocks: list[list[int]], size: int) -> dict[int, int]:
    shared: Counter[int] = Counter()
    for positions in blocks:
        for left, right in itertools.combinations(positions, 2):
            shared[left * size + right] += 1
    return dict(shared)


def _concatenated(blocks: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    return np.array([p for block in blocks for p in block], dtype=np.int64), np.array([len(b) for b in blocks])


def test_shared_word_counts_match_counting_one_by_one() -> None:
    blocks = [[0, 1, 2], [0, 2, 4], [1, 3, 5, 6], [2, 4], [0, 1], [3], [0, 2, 3, 4, 5, 6], []]
    keys, counts = _shared_word_counts(*_concatenated(blocks), 7)
    found = dict(zip(keys.tolist(), counts.tolist(), strict=True))
    assert found == _counted_one_by_one(blocks, 7)
    assert found[0 * 7 + 2] == 3  # positions 0 and 2 share three blocks
    assert keys.tolist() == sorted(keys.tolist())


def test_shared_word_counts_without_any_pair() -> None:
    keys, counts = _shared_word_counts(*_concatenated([[0], [], [2]]), 3)
    assert keys.tolist() == [] and counts.tolist() == []


def _mention_pairs_one_by_one(
    words: list[frozenset[str]], articles: list[str], limit: int, min_shared: int
) -> set[tuple[int, int]]:
    """The candidate pairs as counted mention by mention: blocks of 2 to ``limit`` mentions, other articles only."""
    held = Counter(word for found in words for word in found)
    pairs = set()
    for left, right in itertools.combinations(range(len(words)), 2):
        shared = [word for word in words[left] & words[right] if 2 <= held[word] <= limit]
        if articles[left] != articles[right] and len(shared) >= min_shared:
            pairs.add((left, right))
    return pairs


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from("abcd")),  # (sentence, article) of each mention
        max_size=14,
    ),
    st.lists(st.frozensets(st.sampled_from("pqrstuvw"), max_size=5), min_size=6, max_size=6),
    st.integers(2, 6),
    st.integers(1, 3),
)
def test_mention_pairs_are_those_counted_mention_by_mention(
    mentions: list[tuple[int, str]], sentences: list[frozenset[str]], limit: int, min_shared: int
) -> None:
    sentence_of = np.array([sentence for sentence, _ in mentions], dtype=np.int64)
    article_of = np.array(["abcd".index(article) for _, article in mentions], dtype=np.int64)
    left, right = _mention_pairs(sentences, sentence_of, article_of, limit, min_shared)
    found = list(zip(left.tolist(), right.tolist(), strict=True))
    words = [sentences[sentence] for sentence, _ in mentions]
    expected = _mention_pairs_one_by_one(words, [article for _, article in mentions], limit, min_shared)
    assert len(found) == len(set(found))  # each pair once
    assert set(found) == expected


WORDS = ["Blinken", "left", "Israel", "talks", "Thursday", "the", "concluded", "wrapped", "Gaza", "2,000", "a"]
TRIGGERS = ["left", "concluded", "wrapped", "leaves", "said", "bombed", "Bombing", ""]
SOURCES = ["explicit", "inherited", "publication", "none"]


def _mention(number: int, draw: st.DrawFn) -> EventMention:
    sentence = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=8)))
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4)))
    actors = draw(st.lists(st.sampled_from(["person:blinken", "gpe:israel", "org:un"]), max_size=3, unique=True))
    time = None
    if draw(st.booleans()):
        day = date(2024, 2, 8) + timedelta(days=draw(st.integers(-400, 400)))
        interval = None
        if draw(st.integers(0, 4)):
            interval = DateInterval(
                earliest=day, latest=day + timedelta(days=draw(st.integers(0, 120))), granularity="day"
            )
        anchor = draw(st.sampled_from(["absolute", "dct", "none"]))
        time = TimeExpression(
            id="t1",
            span=Span(start=0, end=1),
            text="x",
            type="DATE",
            value="2024",
            interval=interval,
            anchor=anchor,
            rule="test",
        )
    return EventMention(
        id=f"m{number}",
        article_id=f"a{number}",
        title=title,
        trigger=draw(st.sampled_from(TRIGGERS)),
        trigger_span=Span(start=0, end=1),
        sentence=sentence,
        sentence_span=Span(start=0, end=1),
        actors=tuple(EventActor(actor_id=actor, name=actor, role="agent") for actor in actors),
        time=time,
        time_source=draw(st.sampled_from(SOURCES)),
        confidence=0.5,
    )


def _all_pairs(
    mentions: list[EventMention],
) -> tuple[list[tuple[int, int]], np.ndarray, np.ndarray, list[frozenset[str]]]:
    """Every pair of the mentions (as positions, and as the two arrays `pair_scores` takes) and each one's words."""
    pairs = list(itertools.combinations(range(len(mentions)), 2))
    left, right = (np.array(side, dtype=np.int64) for side in zip(*pairs, strict=True))
    return pairs, left, right, [mention_words(mention) for mention in mentions]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_pair_scores_equal_mention_similarity_to_the_last_bit(data: st.DataObject) -> None:
    mentions = [_mention(number, data.draw) for number in range(data.draw(st.integers(2, 7)))]
    pairs, left, right, words = _all_pairs(mentions)
    far = {"far_days": 90, "far_penalty": 0.3, "far_relative_penalty": 0.15, "far_guessed_penalty": 0.25}
    found = pair_scores(MentionFeatures.of(mentions, words), left, right, **far).tolist()
    expected = [mention_similarity(mentions[a], mentions[b], words[a], words[b], **far) for a, b in pairs]
    assert [score.hex() for score in found] == [score.hex() for score in expected]


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_pair_scores_of_mentions_sharing_sentences_count_each_sentence_pair_once_and_the_same(
    data: st.DataObject,
) -> None:
    mentions = [_mention(number, data.draw) for number in range(data.draw(st.integers(2, 8)))]
    sentence = np.array([data.draw(st.integers(0, 2)) for _ in mentions], dtype=np.int64)  # three sentences
    texts = [" ".join(data.draw(st.lists(st.sampled_from(WORDS), max_size=8))) for _ in range(3)]
    mentions = [m.model_copy(update={"sentence": texts[s]}) for m, s in zip(mentions, sentence.tolist(), strict=True)]
    pairs, left, right, words = _all_pairs(mentions)
    found = pair_scores(MentionFeatures.of(mentions, words, sentence), left, right).tolist()
    expected = [mention_similarity(mentions[a], mentions[b], words[a], words[b]) for a, b in pairs]
    assert [score.hex() for score in found] == [score.hex() for score in expected]


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_score_ceilings_bound_the_scores_and_give_their_sentence_and_trigger_terms(data: st.DataObject) -> None:
    mentions = [_mention(number, data.draw) for number in range(data.draw(st.integers(2, 7)))]
    pairs, left, right, words = _all_pairs(mentions)
    scores = pair_scores(MentionFeatures.of(mentions, words), left, right)
    untitled = MentionFeatures.of(mentions, words, titled=False)
    ceilings, sentence, trigger = score_ceilings(untitled, left, right)
    assert (ceilings >= scores - CEILING_SLACK).all()  # the bound holds, its rounding well within the slack
    rows = sorted({*left.tolist(), *right.tolist()})
    found = scores_of_terms(untitled.titled(rows), left, right, sentence, trigger).tolist()
    assert [score.hex() for score in found] == [score.hex() for score in scores.tolist()]


def test_features_made_without_titles_find_those_of_the_rows_asked_for() -> None:
    mentions = [
        EventMention(
            id=f"m{number}",
            article_id="a",
            title=title,
            trigger="left",
            trigger_span=Span(start=0, end=1),
            sentence="Blinken left Israel",
            sentence_span=Span(start=0, end=1),
            confidence=0.5,
        )
        for number, title in enumerate(["Blinken left Israel", "talks ended"])
    ]
    untitled = MentionFeatures.of(mentions, [frozenset()] * 2, titled=False)
    assert untitled.titles == [frozenset(), frozenset()]
    assert untitled.titled([1]).titles == [frozenset(), {"talk", "ended"}]
    assert untitled.titled([0, 1]).titles == MentionFeatures.of(mentions, [frozenset()] * 2).titles


def test_clusters_are_gathered_in_the_order_of_their_first_ids() -> None:
    ordered = ["a", "b", "c", "d", "e"]
    assert _gathered(ordered, [[1, 3], [2, 4]]) == [["a"], ["b", "d"], ["c", "e"]]
    assert _gathered(ordered, []) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_mentions_by_id_carry_their_fields_in_the_same_order() -> None:
    mentions = [
        EventMention(
            id=f"m{number}",
            article_id=f"a{number % 2}",
            title="t",
            trigger="left",
            trigger_span=Span(start=0, end=1),
            sentence=f"sentence {number}",
            sentence_span=Span(start=0, end=1),
            confidence=0.5,
        )
        for number in (3, 1, 2)
    ]
    found = _by_id(mentions)
    assert found.mentions == sorted(mentions, key=lambda m: m.id)
    assert found.ids == [m.id for m in found.mentions]
    assert found.sentences == [m.sentence for m in found.mentions]
    assert found.article_ids == [m.article_id for m in found.mentions]
    assert _by_id([]) == ([], [], [], [])
    assert _by_id(mentions, map(mention_fields, mentions)) == found  # the fields read by the caller: the same
    assert _by_id(mentions, [("m0", "other", "a9")] * 3).sentences == ["other"] * 3  # taken as given, not read again

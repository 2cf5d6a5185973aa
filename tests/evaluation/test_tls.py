"""Timeline summarisation scores on tiny hand-made timelines, every value computed by hand."""

from datetime import date

import pytest

from timeline.errors import InputError
from timeline.evaluation.porter import stem
from timeline.evaluation.tls import (
    PRF,
    TlsScores,
    alignment_rouge,
    average_scores,
    date_scores,
    load_rouge_stopwords,
    parse_gold_timeline,
    rouge_counts,
    rouge_tokens,
    score_timeline,
    summary_length,
)

D25, D27, D28 = date(2009, 4, 25), date(2009, 4, 27), date(2009, 4, 28)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("agreed", "agre"),
        ("conflated", "conflat"),
        ("hopping", "hop"),
        ("filing", "file"),
        ("happy", "happi"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("replacement", "replac"),  # -ement goes whole (ROUGE's Step 4)
        ("adoption", "adopt"),
        ("controll", "control"),
        ("youth", "youth"),  # initial y is a consonant
        ("swine", "swine"),  # m = 1 and consonant-vowel-consonant: the e stays
    ],
)
def test_porter_stems_as_the_paper(word, expected):
    assert stem(word) == expected


def test_rouge_stopword_examples_hold():
    examples = load_rouge_stopwords().examples
    assert examples
    for example in examples:
        assert rouge_tokens(example["text"]) == example["tokens"], example


def test_rouge_tokens_split_hyphens_and_drop_other_characters():
    # "H1N1-related" -> "h1n1", "-", "related": the hyphen itself is no word; "€5" keeps "5".
    assert rouge_tokens("H1N1-related deaths cost €5") == ["h1n1", "relat", "death", "cost", "5"]


def test_rouge_counts_clip_repeated_ngrams_and_cross_sentences():
    counts = rouge_counts(["Flu flu flu spreads."], ["Flu spreads.", "Flu kills."], 1)
    # ours: flu x3, spread; gold: flu x2, spread, kill -> hits min(3,2) + 1 = 3
    assert counts == (counts.__class__(3, 4, 4))
    bigrams = rouge_counts(["Flu spreads."], ["Flu spreads.", "Flu kills."], 2)
    # gold bigrams run over the sentence break: (flu spread) (spread flu) (flu kill)
    assert (bigrams.hits, bigrams.predicted, bigrams.gold) == (1, 1, 3)


GOLD = {D25: ("Mexico reports swine flu deaths .",), D27: ("Spain confirms first case .",)}
PREDICTED = {D25: ("Swine flu deaths reported in Mexico.",), D28: ("Spain confirms a case.",)}


def test_alignment_rouge_discounts_a_day_off():
    # Tokens: gold 25 [mexico report swine flu death], gold 27 [spain confirm first case];
    # ours 25 [swine flu death report mexico], ours 28 [spain confirm case].
    # Day 28 aligns with 27 (cost (1 - 1/2) * (1 - 3/4) = 0.125 < 25's (1 - 1/4) * 1) and earns half.
    r1 = alignment_rouge(PREDICTED, GOLD, 1)
    assert r1.precision == pytest.approx((5 + 3 / 2) / (5 + 3))
    assert r1.recall == pytest.approx((5 + 3 / 2) / (5 + 4))
    r2 = alignment_rouge(PREDICTED, GOLD, 2)
    # bigram hits: (swine flu) (flu death) on 25; (spain confirm) on 28 -> 27, halved
    assert r2.precision == pytest.approx((2 + 1 / 2) / (4 + 2))
    assert r2.recall == pytest.approx((2 + 1 / 2) / (4 + 3))


def test_alignment_is_many_to_one():
    # Both predicted days align with the one gold day; the gold day takes the same-day summary.
    gold = {D27: ("Spain confirms first case .",)}
    predicted = {D27: ("Spain confirms a case.",), D28: ("Spain confirms first case.",)}
    r1 = alignment_rouge(predicted, gold, 1)
    assert r1.precision == pytest.approx((3 + 4 / 2) / (3 + 4))
    assert r1.recall == pytest.approx(3 / 4)


def test_alignment_with_an_empty_side_scores_zero():
    assert alignment_rouge({}, GOLD, 1) == PRF(0.0, 0.0)


def test_date_scores_and_f1():
    scores = date_scores([D25, D28, D28], [D25, D27])
    assert (scores.precision, scores.recall) == (0.5, 0.5)
    assert PRF(1.0, 0.5).f1 == pytest.approx(2 / 3)
    assert PRF(0.0, 0.0).f1 == 0.0


def test_score_timeline_and_average_take_f_of_the_mean_precision_and_recall():
    one = score_timeline(PREDICTED, GOLD)
    assert one.dates == PRF(0.5, 0.5)
    other = TlsScores(PRF(1.0, 0.0), PRF(0.0, 0.0), PRF(0.0, 0.0))
    mean = average_scores([one, other])
    assert mean.dates == PRF(0.75, 0.25)
    assert mean.dates.f1 == pytest.approx(2 * 0.75 * 0.25 / 1.0)


def test_parse_gold_timeline_merges_a_day_written_twice():
    text = (
        "2009-05-01\nTests confirm a case .\n-----------------\n"
        "2009-04-30\nA line .\nAnother line .\n--\n2009-05-01\nA second block .\n--------\n"
    )
    gold = parse_gold_timeline(text)
    assert list(gold) == [date(2009, 4, 30), date(2009, 5, 1)]
    assert gold[date(2009, 5, 1)] == ("Tests confirm a case .", "A second block .")
    assert summary_length(gold) == 2  # (2 + 2) / 2


def test_parse_gold_timeline_leaves_out_a_block_without_a_calendar_day():
    gold = parse_gold_timeline("2011-04-0\nJury selection begins .\n---\n2011-03-03\nThe trial is delayed .\n---\n")
    assert gold == {date(2011, 3, 3): ("The trial is delayed .",)}


def test_parse_gold_timeline_rejects_text_before_a_date():
    with pytest.raises(InputError, match="before any date"):
        parse_gold_timeline("No date here .\n2009-05-01\n")

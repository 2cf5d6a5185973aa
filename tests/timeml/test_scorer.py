"""The TempEval-3 Task A scorer, on tiny cases whose answers are known by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.timeml.samples import SMALL
from timeline.errors import InputError
from timeline.evaluation import TimexCounts, match_relaxed, score_corpus, score_document, score_timeml_folders
from timeline.models import Span
from timeline.timeml import read_timeml_file, tag_timeml, timeml_inputs


@dataclass(frozen=True)
class T:
    span: Span
    type: str
    value: str


def t(start: int, end: int, value: str = "2024-02-08", type: str = "DATE") -> T:
    return T(span=Span(start=start, end=end), type=type, value=value)


def test_perfect_match() -> None:
    gold = [t(0, 8), t(20, 29, "P1W", "DURATION")]
    score, errors = score_document("d", gold, list(gold))
    counts = score.counts
    assert (counts.strict, counts.relaxed, counts.type_correct, counts.value_correct) == (2, 2, 2, 2)
    assert counts.strict_f1 == counts.relaxed_f1 == counts.value_f1 == counts.type_f1 == 1.0
    assert errors == []


def test_partial_missed_and_spurious() -> None:
    text = "Thursday, and then for a week, or so, on Monday."
    gold = [t(0, 8), t(19, 29, "P1W", "DURATION")]
    system = [t(3, 8), t(41, 47, "2024-02-05")]
    score, errors = score_document("d", gold, system, text)
    counts = score.counts
    assert counts == TimexCounts(gold=2, system=2, strict=0, relaxed=1, type_correct=1, value_correct=1)
    assert counts.strict_precision == counts.strict_recall == counts.strict_f1 == 0.0
    assert counts.relaxed_precision == counts.relaxed_recall == counts.relaxed_f1 == 0.5
    assert counts.value_accuracy == counts.type_accuracy == 1.0
    assert counts.value_f1 == 0.5
    assert [(e.kind, e.gold_text, e.system_text) for e in errors] == [
        ("extent", "Thursday", "rsday"),
        ("missed", "for a week", None),
        ("spurious", None, "Monday"),
    ]


def test_wrong_value_and_type_are_exact_strings() -> None:
    gold = [t(0, 4, "1998-01"), t(10, 14, "P1D", "DURATION")]
    system = [t(0, 4, "1998-1"), t(10, 14, "P1D", "DATE")]
    score, errors = score_document("d", gold, system)
    counts = score.counts
    assert (counts.strict, counts.relaxed, counts.value_correct, counts.type_correct) == (2, 2, 1, 1)
    assert counts.value_accuracy == counts.type_accuracy == 0.5
    assert counts.value_f1 == pytest.approx(0.5)
    wrong = {(e.kind, e.gold_value, e.system_value) for e in errors}
    assert wrong == {("wrong_value", "1998-01", "1998-1"), ("wrong_type", "P1D", "P1D")}


def test_one_to_one_greedy_by_overlap() -> None:
    gold = [t(0, 10)]
    system = [t(0, 4), t(5, 10), t(3, 6)]
    assert match_relaxed(gold, system) == [(0, 1)]  # overlap 5 beats 4 and 3
    score, _ = score_document("d", gold, system)
    assert (score.counts.relaxed, score.counts.system) == (1, 3)
    # one system expression over two gold ones matches only one of them
    score, errors = score_document("d", [t(0, 5), t(6, 10)], [t(0, 10)])
    assert score.counts.relaxed == 1
    assert [e.kind for e in errors] == ["extent", "missed"]


def test_identical_extent_wins_a_tie() -> None:
    gold = [t(0, 10)]
    system = [t(0, 12), t(0, 10)]
    assert match_relaxed(gold, system) == [(0, 1)]
    score, _ = score_document("d", gold, system)
    assert (score.counts.strict, score.counts.relaxed) == (1, 1)


def test_result_does_not_depend_on_order() -> None:
    gold = [t(0, 10), t(12, 20, "1998"), t(30, 34, "P1W", "DURATION")]
    system = [t(0, 4), t(2, 11, "x"), t(12, 20, "1998"), t(19, 25), t(30, 34)]
    results = {
        score_document("d", list(g), list(s))[0].counts
        for g in itertools.permutations(gold)
        for s in itertools.permutations(system)
    }
    assert len(results) == 1


def test_corpus_is_micro_averaged() -> None:
    result = score_corpus(
        [
            ("a", [t(0, 4)], [t(0, 4)], None),
            ("b", [t(0, 4), t(5, 9), t(10, 14)], [], None),
        ]
    )
    assert result.counts == TimexCounts(gold=4, system=1, strict=1, relaxed=1, type_correct=1, value_correct=1)
    assert result.counts.relaxed_recall == 0.25
    assert [d.document for d in result.documents] == ["a", "b"]
    assert result.error_counts() == {"missed": 3}


def test_empty_corpus_scores_zero() -> None:
    counts = score_corpus([]).counts
    assert counts.value_f1 == counts.strict_precision == counts.relaxed_recall == 0.0


def test_score_timeml_folders(tmp_path: Path) -> None:
    gold_dir, system_dir = tmp_path / "gold", tmp_path / "system"
    gold_dir.mkdir()
    system_dir.mkdir()
    (gold_dir / "small.tml").write_text(SMALL, encoding="utf-8")
    (gold_dir / "other.tml").write_text(SMALL.replace("small", "other"), encoding="utf-8")
    (system_dir / "small.tml").write_text(tag_timeml(SMALL).text, encoding="utf-8")
    result = score_timeml_folders(gold_dir, system_dir)
    assert result.missing == ("other",)
    assert result.score.counts == TimexCounts(gold=4, system=2, strict=2, relaxed=2, type_correct=2, value_correct=2)
    (system_dir / "other.tml").write_text(SMALL.replace("sales rose", "sales fell"), encoding="utf-8")
    with pytest.raises(InputError, match="text differs"):
        score_timeml_folders(gold_dir, system_dir)


@pytest.mark.data
def test_gold_against_itself_is_perfect(tbaq: Path) -> None:
    corpus = []
    for name, path in timeml_inputs(tbaq / "TimeBank")[:20]:
        document = read_timeml_file(path)
        corpus.append((name, document.timexes, document.timexes, document.plain))
    counts = score_corpus(corpus).counts
    assert counts.gold > 100
    assert counts.strict_f1 == counts.value_f1 == 1.0

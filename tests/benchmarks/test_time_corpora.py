"""The multi-corpus time benchmark: MEANTIME documents become TE-3 input + gold on one plain text, and the
macro-average table averages each corpus's figures (HeidelTime's best mode per corpus)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.bench_time import HEIDELTIME_NARRATIVES, HEIDELTIME_NEWS, OURS, CorpusResult, Row, render_macro
from bench.time_corpora import CORPORA, meantime_gold
from tests.evaluation.cat_xml import CatBuilder
from timeline.evaluation import TimexCounts, score_corpus
from timeline.evaluation.meantime import read_meantime
from timeline.models import Span
from timeline.timeml import Timex, read_timeml


def _document():
    cat = CatBuilder()
    cat.sentence("AT&amp;T sales fall")  # the builder writes words as XML
    dateline = cat.sentence("February 03 , 2009")
    body = cat.sentence("Sales of &lt;cars&gt; fell 35 % in January .")
    cat.timex(dateline, "03-02-2009", dct=True)
    cat.timex([body[-2]], "2009-01")
    cat.sentence("Sales also fell in December .")  # no markable: after the annotated sentences
    return read_meantime(cat.xml("120578_sales"))


def test_meantime_document_becomes_te3_input_and_gold_on_the_same_text() -> None:
    document = _document()
    gold = meantime_gold(document)
    assert gold.dct == date(2009, 2, 3)  # the day-first DCT value, read as its dateline says
    assert read_timeml(gold.input_text).plain == gold.plain == document.text
    assert "AT&amp;T" in gold.input_text and "&lt;cars&gt;" in gold.input_text
    assert [(t.text, t.value) for t in gold.timexes] == [("February 03, 2009", "2009-02-03"), ("January", "2009-01")]
    assert all(gold.plain[t.span.start : t.span.end] == t.text for t in gold.timexes)


def test_meantime_scores_only_the_annotated_sentences() -> None:
    gold = meantime_gold(_document())
    december = gold.plain.index("December")
    system = [*gold.timexes, Timex(span=Span(start=december, end=december + 8), text="December", type="DATE",
                                   value="2008-12")]  # fmt: skip
    kept = gold.scored(system)
    assert kept == list(gold.timexes)
    counts = score_corpus([(gold.name, gold.timexes, kept, gold.plain)]).counts
    assert (counts.system, counts.value_correct) == (2, 2)


def _counts(correct: int) -> TimexCounts:
    return TimexCounts(gold=10, system=10, strict=10, relaxed=10, type_correct=10, value_correct=correct)


def test_macro_average_is_the_mean_of_the_corpora_and_takes_heideltimes_best_mode() -> None:
    news, narrative = CORPORA[0], CORPORA[-1]
    results = [
        CorpusResult(news, [], None, [Row(OURS, _counts(9), None), Row(HEIDELTIME_NEWS, _counts(8), None)]),
        CorpusResult(
            narrative,
            [],
            None,
            [
                Row(OURS, _counts(5), None),
                Row(HEIDELTIME_NEWS, _counts(4), None),
                Row(HEIDELTIME_NARRATIVES, _counts(8), None),
            ],
        ),
    ]
    rows = {line.split(" | ")[0].lstrip("| "): line for line in render_macro(results).splitlines()[2:]}
    assert "| 90.00 | 50.00 | **70.00** |" in rows[OURS]
    assert "| 80.00 | 40.00 | **60.00** |" in rows[HEIDELTIME_NEWS]
    assert "| 80.00 | 80.00 | **80.00** |" in rows["HeidelTime 2.2.1 (best mode ²)"]


@pytest.mark.data
@pytest.mark.parametrize(
    ("key", "documents", "timexes"),
    [("tbaq", 256, 1822), ("meantime-apple", 30, 111), ("meantime-gm", 30, 134), ("wikiwars-dev", 11, 1725)],
)
def test_every_corpus_reads_whole(key: str, documents: int, timexes: int) -> None:
    corpus = next(corpus for corpus in CORPORA if corpus.key == key)
    if not corpus.folder.is_dir():
        pytest.skip(f"{key} not found at {corpus.folder}")
    loaded = corpus.load()
    assert (len(loaded), sum(len(d.timexes) for d in loaded)) == (documents, timexes)
    for document in loaded:
        assert read_timeml(document.input_text).plain == document.plain
        assert all(document.plain[t.span.start : t.span.end] == t.text for t in document.timexes)

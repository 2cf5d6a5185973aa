"""The event, entity and anchor-date scorer, on tiny hand-made documents whose answers are known."""

from __future__ import annotations

import itertools
from datetime import date

from tests.evaluation.cat_xml import CatBuilder
from timeline.evaluation.events import (
    AnchorCounts,
    Counts,
    anchor_correct,
    match_triggers,
    score_corpus,
    score_document,
    score_entities,
    score_events,
)
from timeline.evaluation.meantime import MeantimeDocument, read_meantime
from timeline.models import (
    ArticleExtraction,
    ArticleInfo,
    DateInterval,
    EventMention,
    Mention,
    Span,
    TimeExpression,
)

BODY = "Steve Jobs announced the phone on Monday , and Apple Inc. is stepping down the company 's prices ."


def _document() -> tuple[MeantimeDocument, dict[str, int]]:
    cat = CatBuilder()
    cat.sentence("Apple unveils iPhone")
    dateline = cat.sentence("June 8 , 2010")
    body = cat.sentence(BODY)
    later = cat.sentence("Jobs left Cupertino .")
    ids = {
        "dct": cat.timex(dateline, "2010-06-08", dct=True),
        "monday": cat.timex(body[5:7], "2010-06-07"),
        "announced": cat.event(body[2:3]),
        "stepping": cat.event(body[12:14]),
        "prices": cat.event(body[17:18], pos="NOUN"),
        "jobs": cat.entity(body[0:2], "PER", "Steve Jobs"),
        "apple": cat.entity(body[9:11], "ORG", "Apple Inc."),
        "phone": cat.entity(body[3:5], "PRO", "phone", "NOM"),
        "company": cat.entity(body[14:16], "ORG", "company", "NOM"),
        "cupertino": cat.entity(later[2:3], "LOC", "", document_level=False),
    }
    cat.tlink(ids["announced"], ids["monday"], "IS_INCLUDED")
    cat.tlink(ids["stepping"], ids["dct"], "INCLUDES")
    return read_meantime(cat.xml()), ids


def _span(document: MeantimeDocument, words: str, after: int = 0) -> Span:
    start = document.text.index(words, after)
    return Span(start=start, end=start + len(words))


def _event(document: MeantimeDocument, trigger: str, interval: DateInterval | None = None, after: int = 0):
    span = _span(document, trigger, after)
    time = None
    if interval is not None:
        time = TimeExpression(
            id=f"t{span.start}", span=span, text="x", type="DATE", value="x", interval=interval, rule="test"
        )
    return EventMention(
        id=f"e{span.start}",
        article_id=document.name,
        title=trigger,
        trigger=trigger,
        trigger_span=span,
        sentence=trigger,
        sentence_span=span,
        time=time,
        time_source="explicit" if time else "none",
        confidence=0.5,
    )


def _mention(document: MeantimeDocument, words: str, label: str, after: int = 0) -> Mention:
    return Mention(span=_span(document, words, after), text=words, label=label, actor_id=words.lower())


def _day(value: str) -> DateInterval:
    day = date.fromisoformat(value)
    return DateInterval(earliest=day, latest=day, granularity="day")


def _range(first: str, last: str, granularity: str) -> DateInterval:
    return DateInterval(earliest=date.fromisoformat(first), latest=date.fromisoformat(last), granularity=granularity)


def _extraction(document: MeantimeDocument, events=(), mentions=()) -> ArticleExtraction:
    info = ArticleInfo(id=document.name, n_chars=len(document.text))
    return ArticleExtraction(article=info, events=tuple(events), mentions=tuple(mentions))


def test_counts_figures() -> None:
    counts = Counts(gold=4, system=2, matched=1)
    assert (counts.precision, counts.recall) == (0.5, 0.25)
    assert abs(counts.f1 - 1 / 3) < 1e-12
    assert Counts().f1 == 0.0
    anchors = AnchorCounts(anchored=4, dated=2, correct=1, strict=1)
    assert (anchors.accuracy, anchors.coverage, anchors.accuracy_when_dated) == (0.25, 0.5, 0.5)


def test_trigger_overlap_match() -> None:
    document, _ = _document()
    body = document.text.index("Steve")
    system = [
        _event(document, "announced"),
        _event(document, "down"),  # overlaps the second token of "stepping down"
        _event(document, "phone", after=body),  # not an annotated event
    ]
    counts, _, errors = score_events(document.name, document.scored_events(), system, document.text)
    assert (counts.gold, counts.system, counts.matched) == (3, 3, 2)
    assert {(e.kind, e.gold_text or e.system_text) for e in errors if e.kind.endswith("trigger")} == {
        ("missed_trigger", "prices"),
        ("spurious_trigger", "phone"),
    }
    missed = next(e for e in errors if e.kind == "missed_trigger")
    assert missed.gold_type == "NOUN/-"
    assert "prices" in missed.context


def test_trigger_one_to_one_and_order_independent() -> None:
    document, _ = _document()
    gold = document.scored_events()
    system = [_event(document, "stepping down"), _event(document, "stepping"), _event(document, "down")]
    pairs = match_triggers(gold, system)
    assert pairs == [(1, 0)]  # the largest overlap wins; the other two are left
    for shuffled in itertools.permutations(system):
        counts, _, errors = score_events(document.name, gold, shuffled, document.text)
        assert (counts.matched, counts.system) == (1, 3)
        assert sorted(e.system_text for e in errors if e.kind == "spurious_trigger") == ["down", "stepping"]


def test_entities_head_match_type_and_extent() -> None:
    document, _ = _document()
    mentions = [
        _mention(document, "Steve Jobs announced", "PERSON"),  # holds the head: a match, extent differs
        _mention(document, "Apple", "GPE", after=document.text.index("and")),  # "Apple Inc." head not held
        _mention(document, "phone", "ORG", after=document.text.index("Steve")),  # gold says PRO
        _mention(document, "Monday", "NORP"),  # not scored
    ]
    lenient, strict, errors = score_entities(document.name, document.scored_entities(), mentions, document.text)
    assert lenient["PER"] == Counts(gold=1, system=1, matched=1)
    assert lenient["ORG"] == Counts(gold=1, system=1, matched=0)  # "company" is NOM: out of the named scope
    assert lenient["LOC"] == Counts(gold=0, system=1, matched=0)  # Cupertino lies after the annotated sentences
    assert strict["PER"].matched == 0
    kinds = sorted((e.kind, e.gold_text, e.system_text, e.gold_type) for e in errors)
    assert kinds == [
        ("entity_extent", "Steve Jobs", "Steve Jobs announced", "PER"),
        ("missed_entity", "Apple Inc.", None, "ORG"),
        ("spurious_entity", "Apple Inc.", "Apple", "ORG"),  # says what the gold has there
        ("spurious_entity", "the phone", "phone", "PRO"),
    ]


def test_entity_wrong_type_and_strict() -> None:
    document, _ = _document()
    mentions = [_mention(document, "Apple Inc.", "GPE"), _mention(document, "Steve Jobs", "PERSON")]
    lenient, strict, errors = score_entities(document.name, document.scored_entities(), mentions, document.text)
    assert (lenient["ORG"].matched, lenient["LOC"].system, strict["PER"].matched) == (0, 1, 1)
    assert [(e.kind, e.gold_type, e.system_type) for e in errors] == [("entity_type", "ORG", "LOC")]


def test_entity_match_needs_the_last_head_token() -> None:
    document, _ = _document()
    for words, matched in (("Jobs", 1), ("Steve", 0), ("Steve Jobs", 1)):
        mentions = [_mention(document, words, "PERSON")]
        lenient, strict, _ = score_entities(document.name, document.scored_entities(), mentions)
        assert lenient["PER"].matched == matched
        assert strict["PER"].matched == (words == "Steve Jobs")


def test_entity_scope_all_counts_nominals() -> None:
    document, _ = _document()
    mentions = [_mention(document, "company", "ORG")]
    named, _, _ = score_entities(document.name, document.scored_entities(), mentions)
    everything, _, _ = score_entities(document.name, document.scored_entities(), mentions, scope="all")
    assert named["ORG"] == Counts(gold=1, system=1, matched=0)
    assert everything["ORG"] == Counts(gold=2, system=1, matched=1)


def test_anchor_correct_rules() -> None:
    day = _day("2010-06-07")
    month = _range("2010-06-01", "2010-06-30", "month")
    week = _range("2010-06-07", "2010-06-13", "week")
    assert anchor_correct(_day("2010-06-07"), day) == (True, True)
    assert anchor_correct(week, day) == (True, False)
    assert anchor_correct(_day("2010-06-08"), day) == (False, False)
    assert anchor_correct(_day("2010-06-08"), month) == (True, True)
    assert anchor_correct(_range("2010-01-01", "2010-12-31", "year"), month) == (False, False)


def test_anchor_accuracy_and_coverage() -> None:
    document, _ = _document()
    system = [
        _event(document, "announced", _range("2010-06-07", "2010-06-13", "week")),  # holds 2010-06-07
        _event(document, "stepping", None),  # gold anchor: it INCLUDES the DCT 2010-06-08; no system date
        _event(document, "prices", _day("2010-06-01")),  # no gold anchor: not counted
    ]
    _, anchors, errors = score_events(document.name, document.scored_events(), system, document.text)
    assert anchors == AnchorCounts(anchored=2, dated=1, correct=1, strict=0)
    (error,) = [e for e in errors if e.kind in ("no_date", "wrong_date")]
    assert (error.kind, error.gold_text, error.gold_value) == (
        "no_date",
        "stepping down",
        "2010-06-08 (INCLUDES, DCT)",
    )
    system[1] = _event(document, "stepping", _day("2010-06-09"))
    _, anchors, errors = score_events(document.name, document.scored_events(), system, document.text)
    assert anchors == AnchorCounts(anchored=2, dated=2, correct=1, strict=0)
    assert [e.kind for e in errors if e.kind.endswith("date")] == ["wrong_date"]


def test_score_document_ignores_unannotated_sentences() -> None:
    document, _ = _document()
    later = document.text.index("Jobs left")
    events = [_event(document, "announced", _day("2010-06-07")), _event(document, "left", after=later)]
    mentions = [_mention(document, "Cupertino", "GPE"), _mention(document, "Steve Jobs", "PERSON")]
    score, errors = score_document(document, _extraction(document, events, mentions))
    counts = score.counts
    assert (counts.triggers.system, counts.triggers.matched) == (1, 1)
    assert counts.entity_micro == Counts(gold=2, system=1, matched=1)
    assert counts.anchors == AnchorCounts(anchored=1, dated=1, correct=1, strict=1)
    assert not any(e.kind.startswith("spurious") for e in errors)


def test_score_corpus_sums_documents() -> None:
    document, _ = _document()
    extraction = _extraction(document, [_event(document, "announced")], [_mention(document, "Steve Jobs", "PERSON")])
    score = score_corpus([(document, extraction), (document, _extraction(document))])
    assert len(score.documents) == 2
    assert score.counts.triggers == Counts(gold=6, system=1, matched=1)
    assert score.counts.entity_strict_micro == Counts(gold=4, system=1, matched=1)
    assert score.error_counts()["missed_trigger"] == 5
    assert score.frequent("missed_trigger", 2) == [("prices", 2), ("stepping down", 2)]

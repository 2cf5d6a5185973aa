"""The MEANTIME CAT XML reader: detokenised text with exact token spans, gold markables, anchor dates."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import date
from pathlib import Path

import pytest

from tests.evaluation.cat_xml import CatBuilder
from timeline.errors import InputError
from timeline.evaluation.meantime import (
    read_meantime,
    read_meantime_dir,
    read_meantime_file,
    timex_interval,
)
from timeline.ingest.cat import detokenise

EXECUTIVE = "199629_Apple_executive_leaves_company.xml"


def test_detokenise_spacing_rules() -> None:
    words = ["Apple", "'s", "iPhone", "(", "new", ")", "costs", "$", "199", ",", "doesn't", "n't", "wait", "."]
    text, spans = detokenise(words)
    assert text == "Apple's iPhone (new) costs $199, doesn'tn't wait."
    assert [text[s.start : s.end] for s in spans] == words


def test_detokenise_line_breaks() -> None:
    text, spans = detokenise(["Title", "June", "8", ",", "2010", "Body", "."], frozenset({1, 5}))
    assert text == "Title\nJune 8, 2010\nBody."
    assert text[spans[5].start : spans[5].end] == "Body"


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "granularity"),
    [
        ("2010-08-09", "2010-08-09", "2010-08-09", "day"),
        ("2008-01-09TMO", "2008-01-09", "2008-01-09", "day"),
        ("2010-02", "2010-02-01", "2010-02-28", "month"),
        ("2011-06-XX", "2011-06-01", "2011-06-30", "month"),
        ("2006-Q4", "2006-10-01", "2006-12-31", "quarter"),
        ("2004", "2004-01-01", "2004-12-31", "year"),
    ],
)
def test_timex_interval(value: str, earliest: str, latest: str, granularity: str) -> None:
    interval = timex_interval(value)
    assert interval is not None
    assert (interval.earliest.isoformat(), interval.latest.isoformat(), interval.granularity) == (
        earliest,
        latest,
        granularity,
    )


@pytest.mark.parametrize("value", ["PRESENT_REF", "P1Y", "FY2007", "XXXX-XX-XX", "2010-13", "2010-02-30"])
def test_timex_interval_not_a_date(value: str) -> None:
    assert timex_interval(value) is None


def _small() -> tuple[CatBuilder, dict[str, int]]:
    cat = CatBuilder()
    title = cat.sentence("Apple unveils iPhone")
    dateline = cat.sentence("June 8 , 2010")
    body = cat.sentence("Steve Jobs announced the phone on Monday , and Apple Inc. decided or was forced to wait .")
    later = cat.sentence("Jobs left .")
    ids = {
        "dct": cat.timex(dateline, "2010-06-08", dct=True),
        "monday": cat.timex(body[5:7], "2010-06-07"),
        "unveils": cat.event(title[1:2]),
        "announced": cat.event(body[2:3]),
        "decided": cat.event(body[11:12]),
        "forced": cat.event(body[14:15]),
        "wait": cat.event(body[16:17]),
        "composite": cat.event([body[11], body[14]]),
        "left": cat.event(later[1:2], document_level=False),
        "jobs": cat.entity(body[0:2], "PER", "Steve Jobs"),
        "apple": cat.entity(body[9:11], "ORG", "Apple Inc."),
        "phone": cat.entity(body[3:5], "PRO", "phone", "NOM"),
    }
    cat.tlink(ids["announced"], ids["monday"], "IS_INCLUDED")
    cat.tlink(ids["announced"], ids["dct"], "BEFORE")
    cat.tlink(ids["dct"], ids["unveils"], "INCLUDES")
    cat.tlink(ids["decided"], ids["dct"], "SIMULTANEOUS")
    cat.tlink(ids["decided"], ids["monday"], "IS_INCLUDED")
    cat.tlink(ids["wait"], ids["dct"], "AFTER")
    return cat, ids


def test_read_small_document() -> None:
    cat, ids = _small()
    document = read_meantime(cat.xml())
    assert document.text.split("\n") == [
        "Apple unveils iPhone",
        "June 8, 2010",
        "Steve Jobs announced the phone on Monday, and Apple Inc. decided or was forced to wait. Jobs left.",
    ]
    assert document.dct == date(2010, 6, 8)
    assert document.annotated_sentences == 3
    assert document.text[: document.annotated_end].endswith("to wait.")
    events = {e.m_id: e for e in document.events}
    assert events[ids["announced"]].text == "announced"
    assert events[ids["announced"]].anchor.value == "2010-06-07"
    assert events[ids["unveils"]].anchor.reltype == "IS_INCLUDED"  # DCT INCLUDES event, read from the event
    assert events[ids["unveils"]].anchor.is_dct
    assert events[ids["decided"]].anchor.value == "2010-06-07"  # two day anchors: the text's date beats the DCT
    assert events[ids["wait"]].anchor is None  # AFTER does not anchor
    assert events[ids["composite"]].composite
    scored = {e.m_id for e in document.scored_events()}
    assert scored == {ids[k] for k in ("unveils", "announced", "decided", "forced", "wait")}
    entities = {e.m_id: e for e in document.entities}
    assert (entities[ids["jobs"]].type, entities[ids["jobs"]].head) == ("PER", "Steve Jobs")
    assert entities[ids["apple"]].head == "Apple Inc."
    assert entities[ids["phone"]].type == "PRO"


def test_anchor_prefers_finer_then_inside() -> None:
    cat = CatBuilder()
    words = cat.sentence("In June 2010 , sales rose on June 8 and grew since 2009 .")
    june = cat.timex(words[1:3], "2010-06")
    day = cat.timex(words[7:9], "2010-06-08")
    year = cat.timex(words[12:13], "2009")
    rose = cat.event(words[5:6])
    grew = cat.event(words[10:11])
    cat.tlink(rose, june, "IS_INCLUDED")
    cat.tlink(rose, day, "SIMULTANEOUS")
    cat.tlink(year, grew, "BEGINS")  # 2009 BEGINS grew: grew BEGUN_BY 2009
    document = read_meantime(cat.xml())
    events = {e.text: e for e in document.events}
    assert events["rose"].anchor.value == "2010-06-08"
    assert (events["grew"].anchor.value, events["grew"].anchor.reltype) == ("2009", "BEGUN_BY")


def test_head_when_empty() -> None:
    cat = CatBuilder()
    words = cat.sentence("the new company of The Beatles ' and Apple Inc., not Steve Jobs")
    cat.entity(words[0:3], "ORG", "", "NOM")  # not a name: the last token
    cat.entity(words[4:7], "ORG", "", "NAM")  # a name: without the article and the possessive
    cat.entity(words[8:10], "ORG", "Apple Inc.")  # the glued comma is left out
    cat.entity(words[11:13], "PER", "Jobs")  # the head the annotators gave
    document = read_meantime(cat.xml())
    assert [(e.text, e.head) for e in document.entities] == [
        ("the new company", "company"),
        ("The Beatles'", "Beatles"),
        ("Apple Inc.", "Apple Inc."),
        ("Steve Jobs", "Jobs"),
    ]
    assert [document.text[e.head_token.start : e.head_token.end] for e in document.entities] == [
        "company",
        "Beatles",
        "Inc.",
        "Jobs",
    ]


def test_bad_input() -> None:
    with pytest.raises(InputError, match="not well-formed"):
        read_meantime("<Document><token")
    with pytest.raises(InputError, match="no <token>"):
        read_meantime("<Document/>")


@pytest.mark.data
def test_real_document(meantime: Path) -> None:
    path = meantime / EXECUTIVE
    document = read_meantime_file(path)
    root = ElementTree.parse(path).getroot()
    for token in document.tokens:
        assert document.text[token.span.start : token.span.end] == token.text
    assert [t.t_id for t in document.tokens] == [int(t.get("t_id")) for t in root.iter("token")]
    markables = root.find("Markables")
    assert len(document.events) == len(markables.findall("EVENT_MENTION"))
    assert len(document.entities) == len(markables.findall("ENTITY_MENTION"))
    assert len(document.timexes) == len(markables.findall("TIMEX3"))
    assert len(document.tlinks) == len(root.find("Relations").findall("TLINK"))
    doc_level = [e for e in markables.findall("EVENT_MENTION") if "comment" in e.attrib]
    assert sum(e.document_level for e in document.events) == len(doc_level)
    assert document.text.startswith("Apple executive leaves company after iPhone 4 antenna issues\nAugust 9, 2010\n")
    assert document.dct == date(2010, 8, 9)
    assert document.annotated_sentences == 6
    events = {e.text: e for e in document.scored_events()}
    assert events["stepping down"].anchor.value == "2010-08-09"
    assert events["received"].anchor.interval.granularity == "month"
    assert all(e.span.start < document.annotated_end for e in document.scored_events())
    names = {(e.text, e.type, e.syntactic_type) for e in document.scored_entities()}
    assert ("Mark Papermaster", "PER", "NAM") in names
    assert ("Apple Inc.", "ORG", "PRE.NAM") in names


@pytest.mark.data
def test_whole_corpus_reads(meantime: Path) -> None:
    documents = read_meantime_dir(meantime)
    assert len(documents) == 30
    assert all(d.dct is not None and 5 <= d.annotated_sentences <= 6 for d in documents)
    for document in documents:
        for event in document.events:
            for span in event.token_spans:
                assert document.text[span.start : span.end] in event.text

"""TimeML in and out: reading, stripping gold annotation, writing system files byte-identically."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.timeml.samples import SMALL, SMALL_PLAIN
from timeline.errors import InputError
from timeline.models import Span
from timeline.timeml import (
    escape_attribute,
    read_timeml,
    read_timeml_file,
    remove_timex_tags,
    strip_annotations,
    tag_timeml,
    write_system_file,
)


@dataclass(frozen=True)
class Expr:
    span: Span
    type: str = "DATE"
    value: str = "1998"
    mod: str | None = None


def expr(start: int, end: int, **fields: str) -> Expr:
    return Expr(span=Span(start=start, end=end), **fields)


def test_read_small_document() -> None:
    document = read_timeml(SMALL.encode(), "small.tml")
    assert document.dct == date(1998, 1, 8)
    assert document.dct_tid == "t0"
    assert document.plain == SMALL_PLAIN
    assert document.has_tags
    assert [(t.text, t.type, t.value, t.tid) for t in document.timexes] == [
        ("Wednesday", "DATE", "1998-01-07", "t1"),
        ("1997", "DATE", "1997", "t2"),
    ]
    for timex in document.timexes:
        assert document.plain[timex.span.start : timex.span.end] == timex.text
    assert document.tids == {"t0", "t1", "t2"}


def test_offset_map_points_at_entities() -> None:
    document = read_timeml(SMALL)
    ampersand = SMALL_PLAIN.index("&")
    assert document.raw[document.raw_starts[ampersand] : document.raw_ends[ampersand]] == "&amp;"
    percent = SMALL_PLAIN.index("%")
    assert document.raw[document.raw_starts[percent] : document.raw_ends[percent]] == "&#37;"
    for index, char in enumerate(SMALL_PLAIN):
        if char not in "&%<>":
            assert document.raw[document.raw_starts[index]] == char


def test_strip_makes_an_input_file() -> None:
    stripped = strip_annotations(SMALL)
    ElementTree.fromstring(stripped)
    document = read_timeml(stripped)
    assert document.plain == SMALL_PLAIN
    assert not document.has_tags and not document.timexes
    assert "TLINK" not in stripped and "MAKEINSTANCE" not in stripped
    assert 'functionInDocument="CREATION_TIME"' in stripped
    assert "AT&amp;T said on Wednesday that sales rose 5&#37; &lt;in 1997&gt;." in stripped


def test_write_system_file_round_trip() -> None:
    stripped = strip_annotations(SMALL)
    document = read_timeml(stripped)
    plain = document.plain
    wednesday = plain.index("Wednesday")
    year = plain.index("1997")
    system = write_system_file(
        document,
        [expr(year, year + 4, value="1997"), expr(wednesday, wednesday + 9, value="1998-01-07", mod="START")],
    )
    assert system.tids == ("t2", "t1")
    assert not system.skipped
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-01-07" mod="START">Wednesday</TIMEX3>' in system.text
    assert '&lt;in <TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>&gt;' in system.text
    ElementTree.fromstring(system.text)
    assert remove_timex_tags(system.text) == stripped
    again = read_timeml(system.text)
    assert again.plain == plain
    assert [(t.text, t.value, t.mod) for t in again.timexes] == [
        ("Wednesday", "1998-01-07", "START"),
        ("1997", "1997", None),
    ]


def test_tids_skip_those_taken() -> None:
    document = read_timeml(SMALL)  # t0, t1 and t2 are taken
    start = document.plain.index("sales")
    system = write_system_file(document, [expr(start, start + 5)])
    assert system.tids == ("t3",)


def test_unsafe_expressions_are_skipped() -> None:
    document = read_timeml(SMALL)  # still has its EVENT and TIMEX3 tags
    plain = document.plain
    said = plain.index("said")
    wednesday = plain.index("Wednesday")
    expressions = [
        expr(plain.index("AT&T"), said + 4),  # crosses <EVENT>
        expr(wednesday, wednesday + 9),  # inside the gold TIMEX3: fine
        expr(wednesday + 2, wednesday + 12),  # overlaps the one before
        expr(len(plain) - 1, len(plain) + 3),  # past the end
    ]
    system = write_system_file(document, expressions)
    assert system.tids == (None, "t3", None, None)
    assert sorted(item.reason for item in system.skipped) == [
        "crosses a tag in the text",
        "outside the text",
        "overlaps an expression already tagged",
    ]
    ElementTree.fromstring(system.text)


def test_attribute_values_are_escaped() -> None:
    document = read_timeml(strip_annotations(SMALL))
    start = document.plain.index("1997")
    system = write_system_file(document, [expr(start, start + 4, value='a"<&>')])
    assert 'value="a&quot;&lt;&amp;&gt;"' in system.text
    assert read_timeml(system.text).timexes[0].value == 'a"<&>'
    assert escape_attribute("x&y") == "x&amp;y"


def test_tag_timeml_strips_gold_first() -> None:
    tagged = tag_timeml(SMALL, name="small")
    assert tagged.stripped
    assert remove_timex_tags(tagged.text) == strip_annotations(SMALL)
    assert [(e.text, e.value) for e in tagged.expressions] == [("Wednesday", "1998-01-07"), ("1997", "1997")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<TimeML><TEXT>x</TEXT>", "not well-formed XML"),
        (b"\xff\xfe<TimeML/>", "not UTF-8"),
        (b"<TimeML><TEXT>on Monday</TEXT></TimeML>", "no document creation time"),
        (
            b'<TimeML><DCT><TIMEX3 tid="t0" value="2000-01-01" functionInDocument="CREATION_TIME">x</TIMEX3>'
            b"</DCT></TimeML>",
            "no <TEXT> element",
        ),
    ],
)
def test_bad_documents(content: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        read_timeml(content, "bad.tml")
    assert str(raised.value).startswith("bad.tml")
    assert raised.value.hint


def test_cdata_is_text_but_never_tagged() -> None:
    raw = SMALL.replace("that sales", "that <![CDATA[<b>&sales]]>")
    document = read_timeml(raw)
    assert "that <b>&sales rose" in document.plain
    start = document.plain.index("<b>")
    system = write_system_file(document, [expr(start, start + 3)])
    assert system.skipped and system.text == raw
    assert "<![CDATA[<b>&sales]]>" in strip_annotations(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(SMALL_PLAIN)), st.integers(1, 12)), max_size=8))
def test_any_expressions_give_valid_xml(spans: list[tuple[int, int]]) -> None:
    for raw in (SMALL, strip_annotations(SMALL)):
        document = read_timeml(raw)
        system = write_system_file(document, [expr(start, start + length) for start, length in spans])
        ElementTree.fromstring(system.text)
        if not document.timexes:
            assert remove_timex_tags(system.text) == raw
        assert read_timeml(system.text).plain == document.plain


def _tbaq_sample(folder: Path) -> list[Path]:
    files = sorted(folder.glob("*/*.tml"))
    return [files[0], files[len(files) // 2], files[-1]]


@pytest.mark.data
def test_real_documents_round_trip(tbaq: Path) -> None:
    for path in _tbaq_sample(tbaq):
        gold = read_timeml_file(path)
        assert gold.timexes
        for timex in gold.timexes:
            assert gold.plain[timex.span.start : timex.span.end] == timex.text
        stripped = strip_annotations(gold.raw)
        ElementTree.fromstring(stripped)
        tagged = tag_timeml(stripped.encode(), path, name=path.stem)
        assert not tagged.stripped and tagged.expressions
        ElementTree.fromstring(tagged.text)
        assert remove_timex_tags(tagged.text).encode() == stripped.encode()
        system = read_timeml(tagged.text)
        assert system.plain == gold.plain
        assert len(system.timexes) == len(tagged.expressions) - len(tagged.skipped)

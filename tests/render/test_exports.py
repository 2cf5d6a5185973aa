from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import (
    default_articles,
    default_events,
    make_event,
    make_interval,
    make_provenance,
    make_timeline,
)
from timeline.compact import load_timeline
from timeline.display import neutralise_bidi
from timeline.models import Timeline
from timeline.render import exports
from timeline.render.exports import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    _pieces,
    _write,
    events_csv_pieces,
    mentions_csv_pieces,
    render_events_csv,
    render_mentions_csv,
    render_timeline_json,
    safe_cell,
)
from timeline.render.rows import mention_rows, placed_mention_rows


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_events_csv_columns_exact() -> None:
    text = render_events_csv(make_timeline())
    header = text.split("\n", 1)[0]
    assert header == (
        "event_id,date,start,end,granularity,title,actors,n_sources,n_mentions,sources,conflict,evidence,kind"
    )
    assert tuple(header.split(",")) == EVENT_COLUMNS
    assert "\r" not in text and text.endswith("\n")


def test_events_csv_rows_in_timeline_order_with_iso_dates() -> None:
    timeline = make_timeline()
    rows = _read(render_events_csv(timeline))
    assert [r["event_id"] for r in rows] == [e.id for e in timeline.events]
    assert [r["date"] for r in rows] == ["2023-11-15", "2024-01", "2024-02-08"]
    assert [(r["start"], r["end"]) for r in rows] == [
        ("2023-11-15", "2023-11-15"),
        ("2024-01-01", "2024-01-31"),
        ("2024-02-08", "2024-02-08"),
    ]
    month = rows[1]
    assert month["granularity"] == "month"
    assert month["actors"] == "Ethics Commissioner; Inquiry"
    assert month["sources"] == "The Globe and Mail; Translated copy"
    assert (month["n_sources"], month["n_mentions"]) == ("2", "2")
    assert {r["kind"] for r in rows} == {"asserted"}
    assert month["evidence"] == (
        "The inquiry published its report in January. | L'enquête a publié son rapport in January, selon la copie."
    )
    assert month["conflict"] == ""
    assert rows[2]["conflict"] == "2024-02-08 (The Globe and Mail, chosen) vs 2024-01-04 (Translated copy)"


def test_csv_injection_is_defused() -> None:
    globe, copy = default_articles()
    hostile = make_event(
        "ev-009",
        '=HYPERLINK("http://evil.example","click")',
        make_interval("2024-02-10"),
        (make_provenance(globe, "@SUM(1+1) was typed on Feb. 10.", "on Feb. 10", make_interval("2024-02-10")),),
        actors=("+44 caller", "-minus", "Plain Name"),
    )
    timeline = make_timeline(events=(*default_events((globe, copy))[0], hostile))
    row = _read(render_events_csv(timeline))[-1]
    assert row["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["actors"] == "'+44 caller; -minus; Plain Name"
    assert row["evidence"] == "'@SUM(1+1) was typed on Feb. 10."
    mention = _read(render_mentions_csv(timeline))[-2]
    assert mention["sentence"] == "'@SUM(1+1) was typed on Feb. 10."


@given(st.text())
def test_safe_cell_never_starts_a_formula(text: str) -> None:
    cell = safe_cell(text)
    shown = neutralise_bidi(text)  # bidi controls become U+FFFD, one for one
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (shown, "'" + shown)


CSV_CHARS = "ab,\"\n=+-@\t\r '\u202a\u202e\u2066\u2069\ufffd"
"""Letters, what CSV quotes, formula triggers, bidi controls and their replacement."""


@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(CSV_CHARS)), min_size=2, max_size=2)))
def test_csv_text_is_made_of_safe_cells(rows: list[list[str]]) -> None:
    # _write replaces the bidi controls in the whole text at once: the same text as cell by cell
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(["a", "b"])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    assert _write(("a", "b"), rows) == expected.getvalue()


CELL_VALUES = st.one_of(
    st.text(alphabet=st.sampled_from(CSV_CHARS)),
    st.none(),
    st.dates(),
    st.integers(min_value=-3, max_value=3),
    st.booleans(),
    st.datetimes(),
)
"""Every kind of value a CSV column holds (and some it does not), mixed in one column."""


@given(st.lists(st.lists(CELL_VALUES, min_size=3, max_size=3), max_size=6))
@example([[1, date(2024, 2, 8), "=1"], [True, datetime(2024, 2, 8, 9, tzinfo=UTC), "a,b"], [-1, None, "x\ry"]])
def test_csv_columns_of_any_values_are_written_as_csv_writer_writes_safe_cells(rows: list[list[object]]) -> None:
    # _write defuses and quotes a column at once: the same text as csv.writer on each cell's safe_cell
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(["a", "b", "c"])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    assert _write(("a", "b", "c"), rows) == expected.getvalue()


def test_long_csv_columns_of_repeated_and_distinct_values_are_written_as_csv_writer_writes_safe_cells() -> None:
    # past `_SAMPLE` rows a column of repeated texts, dates or counts is written once per distinct value, a column
    # of sentences repeated by several mentions once per distinct sentence: the bytes stay csv.writer's
    texts = ["=SUM(A1)", 'say "hi", then', "plain", "-- aside", "a\nb", "x,y", "", "\u202eevil"]
    rows = [
        (
            texts[i % len(texts)],
            f"id-{i}" if i % 3 else f"=id-{i}",
            date(2024, 1, 1 + i % 28) if i % 5 else None,
            i % 4 - 2,
            texts[(i * 7) % len(texts)] + str(i % 3),
        )
        for i in range(1000)
    ]
    header = ("a", "b", "c", "d", "e")
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    assert _write(header, rows) == expected.getvalue()


@pytest.mark.parametrize("rows", [0, 1, 2, 5])
def test_csv_pieces_join_to_the_text(rows: int) -> None:
    # the output stage writes a CSV piece after piece (the header's row with the first): the same bytes
    values = [(f"=x{i}", f"a,{i % 3}", "\u202e" if i == 3 else str(i)) for i in range(rows)]
    columns = [list(column) for column in zip(*values, strict=True)] if values else [[], [], []]
    text = _write(("a", "b", "c"), values)
    for size in (1, 2, 3, 10):
        pieces = list(_pieces(("a", "b", "c"), columns, size))
        assert "".join(pieces) == text and len(pieces) == max(1, -(-rows // size))
    assert list(_pieces(("a", "b", "c"), columns, None)) == [text]
    with pytest.raises(ValueError, match="header"):
        _pieces(("a", "b"), columns, 2)  # checked when called, not when the first piece is asked for


def test_csv_pieces_of_a_timeline_are_its_csvs(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = make_timeline()
    monkeypatch.setattr(exports, "PIECE_ROWS", 2)
    events = list(events_csv_pieces(timeline))
    mentions = list(mentions_csv_pieces(timeline, placed=placed_mention_rows(timeline)))
    assert len(events) > 1 and "".join(events) == render_events_csv(timeline)
    assert len(mentions) > 1 and "".join(mentions) == render_mentions_csv(timeline)
    assert "".join(mentions_csv_pieces(timeline)) == render_mentions_csv(timeline, mention_rows(timeline))


def test_csv_rows_must_be_as_wide_as_the_header() -> None:
    with pytest.raises(ValueError, match="header"):
        _write(("a", "b"), [("x", "y"), ("z",)])


def test_multiline_sentences_survive_csv_quoting() -> None:
    globe, _ = default_articles()
    sentence = 'Line one, "quoted";\nline two on Friday.'
    event = make_event(
        "ev-1",
        "Two lines",
        make_interval("2024-02-09"),
        (make_provenance(globe, sentence, "on Friday", make_interval("2024-02-09")),),
    )
    rows = _read(render_mentions_csv(make_timeline(events=(event,), conflicts=())))
    assert rows[0]["sentence"] == sentence


def test_mentions_csv() -> None:
    timeline = make_timeline()
    text = render_mentions_csv(timeline)
    assert tuple(text.split("\n", 1)[0].split(",")) == MENTION_COLUMNS
    rows = _read(text)
    assert len(rows) == sum(len(e.provenance) for e in timeline.events) + len(timeline.unplaced)
    first = rows[0]
    assert first["event_id"] == "ev-001" and first["source"] == "The Globe and Mail"
    assert (first["published"], first["published_origin"]) == ("2024-02-08", "manifest")
    assert first["date_words"] == "on Nov. 15"
    assert (first["start"], first["end"], first["granularity"]) == ("2023-11-15", "2023-11-15", "day")
    copy = [r for r in rows if r["event_id"] == "ev-003" and r["article_id"] == "001"][0]
    assert (copy["start"], copy["published_origin"]) == ("2024-01-04", "header-line")
    unplaced = rows[-1]
    assert unplaced["event_id"] == "" and unplaced["mention_id"] == "001-m900"
    assert unplaced["start"] == "" and unplaced["time_source"] == "none"


def test_json_round_trips() -> None:
    timeline = make_timeline()
    text = render_timeline_json(timeline)
    assert text.endswith("}\n")
    assert load_timeline(json.loads(text)) == timeline
    assert Timeline.model_validate_json(render_timeline_json(timeline, keyed=True)) == timeline


def test_exports_are_deterministic() -> None:
    a, b = make_timeline(), make_timeline()
    assert render_events_csv(a) == render_events_csv(b)
    assert render_mentions_csv(a) == render_mentions_csv(b)
    assert render_timeline_json(a) == render_timeline_json(b)


def test_empty_timeline() -> None:
    empty = Timeline(engine_version="0", settings_digest="x")
    assert render_events_csv(empty) == ",".join(EVENT_COLUMNS) + "\n"
    assert render_mentions_csv(empty) == ",".join(MENTION_COLUMNS) + "\n"

"""The compact JSON of `timeline.json` and `extractions.jsonl` (`timeline.compact`): lossless, small, readable."""

from __future__ import annotations

import gzip
import itertools
import json
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from tests.factories import make_event_mention, make_timeline
from timeline import compact
from timeline.artifacts import (
    extractions_jsonl_lines,
    read_extractions,
    read_timeline,
    render_extractions_jsonl,
    write_files_atomically,
)
from timeline.compact import (
    Decoder,
    PackedExtractions,
    StringTable,
    dump_record,
    dump_timeline,
    join_pieces,
    load_record,
    load_timeline,
    model_fields_table,
    pack,
    sentence_pieces,
)
from timeline.errors import InputError
from timeline.models import (
    Actor,
    ArticleExtraction,
    ArticleInfo,
    DateInterval,
    EventActor,
    EventMention,
    Issue,
    Mention,
    SourceTokens,
    Span,
    TimeExpression,
    Timeline,
    event_mention_id,
)
from timeline.render.exports import render_timeline_json

SENTENCE = "The minister said on Tuesday that the talks in Cairo would resume next week."


def _extraction() -> ArticleExtraction:
    article = ArticleInfo(id="AFP_ENG_1997", source="Daily", n_chars=500)
    events = tuple(
        make_event_mention(article, id=f"AFP_ENG_1997#e{start}-x", sentence=SENTENCE) for start in (10, 20, 30)
    )
    return ArticleExtraction(article=article, events=events)


def test_timeline_reads_back_equal_and_stays_so() -> None:
    timeline = make_timeline()
    text = dump_timeline(timeline)
    again = load_timeline(json.loads(text))
    assert again == timeline
    assert dump_timeline(again) == text


def test_a_repeated_sentence_and_article_id_are_written_once() -> None:
    extraction = _extraction()
    text = render_extractions_jsonl([extraction])
    assert text.count(SENTENCE) == 1
    line = json.loads(text.splitlines()[1])
    assert line["strings"].count("AFP_ENG_1997") == 1 and "AFP_ENG_1997#e10-x" not in text  # [index, "#e10-x"]
    assert "#e10-x" in text


def test_trailing_defaults_are_left_out_and_come_back() -> None:
    issue = Issue(code="E201", stage="extract", message="no date")
    table = StringTable([issue])
    row = table.encode(issue)
    assert row == ["E201", "extract", "warning", None, None, None, "no date"]  # hint (None) left out
    fields = model_fields_table(Issue)
    assert Decoder(fields).decode(Issue, row, table.strings, table.rows) == issue


def test_a_row_names_its_fields_so_an_older_file_with_fewer_fields_still_reads() -> None:
    fields = model_fields_table(Issue)
    fields["Issue"] = ["code", "stage", "message"]  # a file written before the other fields existed
    for validate in (True, False):  # built unvalidated or not, a row in another layout goes through pydantic
        issue = Decoder(fields, validate=validate).decode(Issue, ["I101", "ingest", "missing"], [], [])
        assert issue == Issue(code="I101", stage="ingest", message="missing")


def test_extractions_file_round_trips(tmp_path: Path) -> None:
    issue = Issue(code="I120", stage="ingest", article_id="a1", message="no publication date")
    path = tmp_path / "extractions.jsonl"
    path.write_text(render_extractions_jsonl([_extraction()], [issue]), encoding="utf-8")
    assert read_extractions(path) == ([_extraction()], [issue])


def test_keyed_files_of_earlier_versions_still_read(tmp_path: Path) -> None:
    timeline = make_timeline()
    old = tmp_path / "old.json"
    old.write_text(timeline.model_dump_json(indent=2), encoding="utf-8")
    assert read_timeline(old) == timeline
    lines = tmp_path / "old.jsonl"
    lines.write_text(_extraction().model_dump_json() + "\n", encoding="utf-8")
    assert read_extractions(lines) == ([_extraction()], [])


def test_gz_names_are_gzip_and_read_back(tmp_path: Path) -> None:
    timeline = make_timeline()
    path = tmp_path / "timeline.json.gz"
    write_files_atomically({path: render_timeline_json(timeline)})
    data = path.read_bytes()
    assert gzip.decompress(data).decode("utf-8") == render_timeline_json(timeline)
    assert read_timeline(path) == timeline
    write_files_atomically({path: render_timeline_json(timeline)})
    assert path.read_bytes() == data  # no time nor name inside: same bytes every run


def test_an_extractions_file_written_line_by_line_is_the_same_bytes(tmp_path: Path) -> None:
    issue = Issue(code="I120", stage="ingest", article_id="a1", message="no publication date")
    text = render_extractions_jsonl([_extraction()], [issue])
    for name in ("x.jsonl", "x.jsonl.gz"):
        whole, lines = tmp_path / f"whole-{name}", tmp_path / f"lines-{name}"
        write_files_atomically({whole: text, lines: extractions_jsonl_lines(iter([_extraction()]), [issue])})
        assert lines.read_bytes() == whole.read_bytes()
    assert gzip.decompress((tmp_path / "lines-x.jsonl.gz").read_bytes()).decode("utf-8") == text
    assert read_extractions(tmp_path / "lines-x.jsonl.gz") == ([_extraction()], [issue])


@pytest.mark.parametrize(
    "text",
    [
        '{"format":"timeline-compact/1","fields":{},"strings":[],"rows":[],"timeline":[]}',
        '{"format":"timeline-compact/1","fields":{"Timeline":["engine_version"]},"timeline":[99]}',
        '{"format":"timeline-compact/1","fields":{"Timeline":["engine_version"]},"timeline":[[1, 2]]}',
        '{"format":"timeline-compact/1","fields":[],"timeline":[]}',
    ],
)
def test_a_broken_compact_timeline_is_one_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "timeline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not a timeline file") as caught:
        read_timeline(path)
    assert "\n" not in str(caught.value)


def test_a_broken_compact_extraction_line_names_its_line(tmp_path: Path) -> None:
    text = render_extractions_jsonl([_extraction()]) + '{"extraction":[[5]]}\n'
    path = tmp_path / "extractions.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not an extraction record") as caught:
        read_extractions(path)
    assert caught.value.line == 3


def test_compact_timeline_is_a_fraction_of_the_keyed_one() -> None:
    timeline = make_timeline()
    assert isinstance(timeline, Timeline)
    assert len(dump_timeline(timeline)) < len(timeline.model_dump_json(indent=2)) / 2


def test_packed_summaries_decode_only_the_article_and_its_issues() -> None:
    issue = Issue(code="E201", stage="extract", article_id="AFP_ENG_1997", message="2 relative dates")
    with_issue = _extraction().model_copy(update={"issues": (issue,)})
    packed = PackedExtractions([pack(_extraction()), pack(with_issue)])
    assert list(packed.summaries()) == [(_extraction().article, ()), (with_issue.article, (issue,))]


def test_a_damaged_packed_item_is_one_clear_error_in_summaries_too() -> None:
    packed = PackedExtractions([pack(_extraction()), zlib.compress(b'{"extraction":[[7]]}')], source=Path("s.db"))
    with pytest.raises(InputError, match="damaged"):
        list(packed.summaries())


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Malaysian share prices dipped with the market barometer falling",
         "Malaysian share prices dipped 1.1 percent by midday, with the market barometer falling below 1,200."),
        ("The Dow's fall", "It followed the Dow's fall overnight."),  # a capital of its own first
        ("Benjamin Netanyahu compounds Mr. Blinken's dilemma", "Mr. Blinken's dilemma was compounded by him."),
        ("Nothing in common", "Quite another sentence."),
        ("", "A sentence."),
    ],
)
def test_sentence_pieces_join_back_to_the_text(title: str, sentence: str) -> None:
    pieces = sentence_pieces(title, sentence)
    assert join_pieces(pieces, sentence) == title
    assert type(pieces[0]) is list  # what tells pieces from an id written as [index, "#rest"]


def test_a_title_made_of_its_sentence_is_written_as_slices_and_the_id_not_at_all() -> None:
    article = ArticleInfo(id="AFP_ENG_1997", source="Daily", n_chars=500)
    sentence = "The minister said on Tuesday that the talks in Cairo would resume next week."
    mention = make_event_mention(article, title="The talks in Cairo would resume", sentence=sentence)
    mention = mention.model_copy(update={"id": event_mention_id(article.id, 930, 937)}, deep=True)
    mention = mention.model_copy(update={"trigger_span": Span(start=930, end=937)})
    extraction = ArticleExtraction(article=article, events=(mention,))
    text = render_extractions_jsonl([extraction])
    assert "would resume" not in text.replace(sentence, "") and "#e930" not in text
    row = json.loads(text.splitlines()[1])["extraction"][4][0]
    assert row[0] is None and row[2] == [[0, 4], [38, 65]]  # "The ", "talks in Cairo would resume"
    decoder = Decoder(model_fields_table(ArticleExtraction, Issue))
    assert load_record(decoder, json.loads(text.splitlines()[1])) == extraction


def test_an_id_that_is_not_the_computed_one_is_written_as_it_is() -> None:
    extraction = _extraction()  # ids "AFP_ENG_1997#e10-x": not event_mention_id's
    text = render_extractions_jsonl([extraction])
    assert '"#e10-x"' in text
    decoder = Decoder(model_fields_table(ArticleExtraction, Issue))
    assert load_record(decoder, json.loads(text.splitlines()[1])) == extraction


def test_a_publication_time_id_does_not_repeat_the_article_id() -> None:
    article = ArticleInfo(id="AFP_ENG_19970401.0006", source="AFP", n_chars=500)
    mention = make_event_mention(article, sentence="The minister is expected to testify.")
    time = TimeExpression(
        id=f"pub931-{article.id}", span=Span(start=931, end=938), text="testify", type="DATE", value="1997-04-01",
        rule="publication",
    )
    extraction = ArticleExtraction(article=article, events=(mention.model_copy(update={"time": time}),))
    text = render_extractions_jsonl([extraction])
    assert '["pub931-",' in text and f"pub931-{article.id}" not in text
    decoder = Decoder(model_fields_table(ArticleExtraction, Issue))
    assert load_record(decoder, json.loads(text.splitlines()[1])) == extraction


def test_timeline_mentions_are_shortened_too_and_read_back() -> None:
    timeline = make_timeline()
    text = dump_timeline(timeline)
    assert '"format":"timeline-compact/2"' in text
    assert load_timeline(json.loads(text)) == timeline


def test_a_version_1_compact_file_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "extractions.jsonl"
    text = render_extractions_jsonl([_extraction()]).replace("extractions-compact/2", "extractions-compact/1")
    path.write_text(text, encoding="utf-8")
    assert read_extractions(path) == ([_extraction()], [])


def test_spooled_packed_items_read_back_and_a_copy_changes_alone() -> None:
    issue = Issue(code="E201", stage="extract", article_id="AFP_ENG_1997", message="2 relative dates")
    first, second = _extraction(), _extraction().model_copy(update={"issues": (issue,)})
    spooled = PackedExtractions(spool=True)
    for extraction in (first, second, first):
        spooled.append_packed(pack(extraction))
    in_memory = PackedExtractions([pack(first), pack(second), pack(first)])
    assert len(spooled) == 3
    assert list(spooled) == list(in_memory) == [first, second, first]
    assert spooled[1] == second and spooled[-1] == first and spooled[1:] == [second, first]
    assert list(spooled.lines()) == list(in_memory.lines())
    assert list(spooled.summaries()) == list(in_memory.summaries())
    copied = spooled.copy()
    copied[0] = second
    assert list(copied) == [second, second, first]
    assert list(spooled) == [first, second, first]  # the copy shares the file, never its items


def _rich_extraction() -> ArticleExtraction:
    """An extraction with every kind of field: tokens, dates, actors, shared rows, computed ids, titles as slices."""
    article = ArticleInfo(
        id="APW19980227.0489", source="AP", published=date(1998, 2, 27), published_origin="record", n_chars=900,
        tokens=SourceTokens(doc_id="APW19980227.0489", tokens=((0, 0, 3), (0, 4, 12))),
    )
    day = DateInterval(earliest=date(1998, 2, 26), latest=date(1998, 2, 26), granularity="day")
    time = TimeExpression(
        id="t1", span=Span(start=40, end=49), text="yesterday", type="DATE", value="1998-02-26", interval=day,
        anchor="dct", anchor_date=date(1998, 2, 27), rule="yesterday",
    )
    actor = Actor(id="a-minister", name="the minister", type="PERSON", aliases=("minister",), article_ids=(article.id,))
    taking_part = (EventActor(actor_id=actor.id, name=actor.name, role="agent"),)
    events = tuple(
        EventMention(
            id=event_mention_id(article.id, start, start + 8), article_id=article.id, title=title, trigger="resigned",
            trigger_span=Span(start=start, end=start + 8), sentence=SENTENCE, sentence_span=Span(start=0, end=76),
            actors=taking_part, time=time, time_source="explicit", confidence=0.9, past=True,
        )
        for start, title in ((17, "The minister said the talks would resume"), (60, "Talks in Cairo"))
    )
    issue = Issue(code="E201", stage="extract", article_id=article.id, message="2 relative dates")
    mentions = (Mention(span=Span(start=4, end=12), text="minister", label="PERSON", actor_id=actor.id),)
    return ArticleExtraction(
        article=article, time_expressions=(time,), mentions=mentions, actors=(actor,), events=events, issues=(issue,)
    )


def _same_model(built: BaseModel, validated: BaseModel) -> None:
    """Assert two models are the same to pydantic and to this module: fields in order, types, pydantic's slots."""
    assert type(built) is type(validated) and built == validated and hash(built) == hash(validated)
    assert list(vars(built)) == list(vars(validated))  # the order `StringTable` writes rows in
    assert built.model_fields_set == validated.model_fields_set
    assert built.__pydantic_extra__ == validated.__pydantic_extra__
    assert built.__pydantic_private__ == validated.__pydantic_private__
    for mine, theirs in zip(vars(built).values(), vars(validated).values(), strict=True):
        assert type(mine) is type(theirs)
        if isinstance(mine, BaseModel):
            _same_model(mine, theirs)
        elif isinstance(mine, tuple):
            for item, other in zip(mine, theirs, strict=True):
                assert type(item) is type(other)
                if isinstance(item, BaseModel):
                    _same_model(item, other)


def test_packed_extractions_are_built_without_validation_into_the_same_models() -> None:
    extraction = _rich_extraction()
    line = json.loads(dump_record(extraction))
    assert line["rows"] and None in line["extraction"][4][0]  # shared rows, an id left out: all decoded
    fields = model_fields_table(ArticleExtraction, Issue)
    built = Decoder(fields, validate=False).decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"])
    validated = Decoder(fields).decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"])
    assert built == extraction
    _same_model(built, validated)
    assert list(PackedExtractions([pack(extraction)])) == [extraction]
    assert pack(built) == pack(extraction)


def test_a_built_model_leaves_its_trailing_defaults_to_the_model() -> None:
    issue = Issue(code="E201", stage="extract", message="no date")
    fields = model_fields_table(Issue)
    row = StringTable([issue]).encode(issue)
    built = Decoder(fields, validate=False).decode(Issue, row, [], [])
    _same_model(built, Decoder(fields).decode(Issue, row, [], []))
    with pytest.raises(ValueError, match="leaves out a required field"):
        Decoder(fields, validate=False).decode(Issue, row[:2], [], [])


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"end":', None),  # a span that ends before it starts
        ("0.9", "1.9"),  # a confidence above 1
        ('"record"', '"rumour"'),  # a publication date's origin that does not exist
    ],
)
def test_files_a_user_gives_are_still_validated(tmp_path: Path, old: str, new: str | None) -> None:
    extraction = _rich_extraction()
    if new is None:  # Span rows are [start, end]: swap the trigger's ends
        swapped = Span.model_construct(start=25, end=17)
        events = tuple(event.model_copy(update={"trigger_span": swapped}) for event in extraction.events)
        text = render_extractions_jsonl([extraction.model_copy(update={"events": events})])
    else:
        text = render_extractions_jsonl([extraction]).replace(old, new)
    path = tmp_path / "extractions.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="not an extraction record"):
        read_extractions(path)


def test_a_timeline_file_is_still_validated(tmp_path: Path) -> None:
    text = dump_timeline(make_timeline())
    assert '"manifest"' in text
    path = tmp_path / "timeline.json"
    path.write_text(text.replace('"manifest"', '"rumour"'), encoding="utf-8")
    with pytest.raises(InputError, match="not a timeline file"):
        read_timeline(path)


class _Left(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    at: Span


class _Right(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    at: Span


def test_equal_models_share_one_row_and_equal_fields_of_two_kinds_do_not() -> None:
    values = [_Left(name="a", at=Span(start=1, end=2)), _Left(name="a", at=Span(start=1, end=2)),
              _Right(name="a", at=Span(start=1, end=2))]  # equal values, distinct objects; a twin kind
    table = StringTable(values)
    encoded = [table._value(value) for value in values]
    assert encoded == [1, 1, ["a", 0]]  # the span's row first (it is in both kinds), then _Left's
    assert table.rows == [[1, 2], ["a", 0]]


def test_a_model_holding_none_is_numbered_by_its_value_whether_its_object_repeats_or_not() -> None:
    span = Span(start=1, end=2)
    values = [_Left(name="a", at=span), _Right(name="b", at=span), _Left(name="c", at=Span(start=1, end=2))]
    table = StringTable(values)
    numbers = table._number_models([span, Span(start=1, end=2), span, Span(start=3, end=4)])
    assert numbers[0] == numbers[1] == numbers[2] != numbers[3]
    assert [table._value(value) for value in values] == [["a", 0], ["b", 0], ["c", 0]] and table.rows == [[1, 2]]


class _Cast(BaseModel):
    model_config = ConfigDict(frozen=True)
    lefts: tuple[_Left, ...]


class _Lead(BaseModel):
    model_config = ConfigDict(frozen=True)
    left: _Left


def test_a_value_numbered_in_several_columns_counts_its_strings_once() -> None:
    smith, jones = _Left(name="Smith", at=Span(start=1, end=2)), _Left(name="Jones", at=Span(start=3, end=4))
    values = [_Cast(lefts=(smith, jones)), _Lead(left=_Left(name="Smith", at=Span(start=1, end=2)))]
    table = StringTable(values)  # _Left numbered twice: new values in _Cast's column, a repeat in _Lead's
    assert table._shared_strings == set()  # Smith is written once, in its shared row
    assert [table._value(value) for value in values] == [[[0, ["Jones", [3, 4]]]], [0]]
    assert table.rows == [["Smith", [1, 2]]]


def test_the_article_id_in_a_mention_id_counts_once_per_use_of_the_id() -> None:
    assert StringTable(["AFP_1#e1", "AFP_1#e1"])._shared_strings == {"AFP_1#e1", "AFP_1"}
    assert StringTable(["AFP_1#e1", "AFP_1#e2"])._shared_strings == {"AFP_1"}
    assert StringTable(["AFP_1#e1", "AFP_2#e1"])._shared_strings == set()
    table = StringTable(["AFP_1#e1", "AFP_1#e2", "AFP_1#e2"])
    assert [table._value(text) for text in ("AFP_1#e1", "AFP_1#e2")] == [[0, "#e1"], 1]
    assert table.strings == ["AFP_1", "AFP_1#e2"]


def _pieces_one_character_at_a_time(text: str, sentence: str) -> list[Any]:
    """`sentence_pieces` as first written: the longest match grown a character at a time."""
    pieces: list[Any] = []
    literal, start = "", 0
    while start < len(text):
        length, at, end = 0, -1, start + 4
        while end <= len(text):
            found = sentence.find(text[start:end], max(at, 0))
            if found < 0:
                break
            length, at, end = end - start, found, end + 1
        if length:
            pieces += [literal, [at, at + length]] if literal else [[at, at + length]]
            literal, start = "", start + length
        else:
            literal, start = literal + text[start], start + 1
    if literal:
        pieces.append(literal)
    if not pieces or type(pieces[0]) is not list:
        pieces.insert(0, [0, 0])
    return pieces


def test_sentence_pieces_are_the_longest_matches_left_to_right() -> None:
    sentences = ["", "ab ab aab ba", "abab c abcab", "a cab abc bca cab ab"]  # few letters: many partial matches
    for letters in itertools.product("ab c", repeat=7):
        text = "".join(letters)
        for sentence in sentences:
            assert sentence_pieces(text, sentence) == _pieces_one_character_at_a_time(text, sentence), (text, sentence)


SEED_SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "gaza-ceasefire-2024-02"


def test_the_seed_articles_built_from_packed_rows_are_the_models_a_validating_decode_gives() -> None:
    if not SEED_SAMPLE.exists():
        pytest.skip(f"seed sample not found at {SEED_SAMPLE}")
    from timeline.extract import extract_articles
    from timeline.ingest import read_articles

    extractions = extract_articles(read_articles([SEED_SAMPLE]).articles)
    fields = model_fields_table(ArticleExtraction, Issue)
    built_by, validated_by = Decoder(fields, validate=False), Decoder(fields)
    for extraction in extractions:
        line = json.loads(dump_record(extraction))
        assert line["rows"] and any(event[0] is None for event in line["extraction"][4])  # shared rows, ids left out
        built = built_by.decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"])
        _same_model(built, validated_by.decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"]))
        assert built == extraction
    assert list(PackedExtractions(pack(extraction) for extraction in extractions)) == extractions


def test_a_nested_model_in_another_layout_is_left_to_pydantic_in_a_built_decode() -> None:
    extraction = _rich_extraction()
    line = json.loads(dump_record(extraction))
    fields = model_fields_table(ArticleExtraction, Issue)
    fields["EventActor"] = [*fields["EventActor"], "weight"]  # a later version's layout: rows still read
    built = Decoder(fields, validate=False).decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"])
    _same_model(built, Decoder(fields).decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"]))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ((4, 0, 4), -1),  # a trigger span's row index below the table
        ((4, 0, 4), 10_000),  # ... beyond it
        ((4, 0, 4), "17"),  # neither a row nor an index
        ((4, 0, 4), [17]),  # a Span row without its end
        ((4, 0, 4), [17, 25, 3]),  # a Span row too long
        ((4, 0, 1), -5),  # an article id's string index below the table
        ((4, 0, 2), [[0, 999]]),  # a title's slice beyond its sentence
    ],
)
def test_a_damaged_row_is_an_error_in_a_built_decode(path: tuple[int, ...], value: Any) -> None:
    line = json.loads(dump_record(_rich_extraction()))
    row = line["extraction"]
    for at in path[:-1]:
        row = row[at]
    row[path[-1]] = value
    decoder = Decoder(model_fields_table(ArticleExtraction, Issue), validate=False)
    with pytest.raises((ValueError, TypeError, IndexError)):
        decoder.decode(ArticleExtraction, line["extraction"], line["strings"], line["rows"])


def _titled_extraction() -> ArticleExtraction:
    """Two mentions: a title written as pieces of its sentence, and one written as it is (no words in common)."""
    article = ArticleInfo(id="AFP_ENG_1997", source="Daily", n_chars=500)
    cut = make_event_mention(article, id="AFP_ENG_1997#a", title="The talks in Cairo would resume", sentence=SENTENCE)
    whole = make_event_mention(article, id="AFP_ENG_1997#b", title="Xyz qwv", sentence="Nothing alike here.")
    return ArticleExtraction(article=article, events=(cut, whole))


@pytest.fixture
def title_memo(monkeypatch: pytest.MonkeyPatch) -> dict[Any, Any]:
    """The decoder's memo of title forms, empty for the test and put back afterwards."""
    memo: dict[Any, Any] = {}
    monkeypatch.setattr(compact, "_TITLE_FORMS", memo)
    return memo


def test_titles_read_back_from_our_own_packed_rows_are_written_from_the_memo_in_the_same_bytes(
    title_memo: dict[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    extraction = _titled_extraction()
    missed = dump_record(extraction)  # the memo is empty: every title is cut
    (decoded,) = PackedExtractions([pack(extraction)])
    cut, whole = decoded.events
    assert title_memo == {(cut.title, cut.sentence): [[0, 4], [38, 65]], (whole.title, whole.sentence): whole.title}
    timeline = make_timeline().model_copy(update={"unplaced": decoded.events})
    calls: list[str] = []
    cut_title = compact.sentence_pieces
    monkeypatch.setattr(compact, "sentence_pieces", lambda title, sentence: calls.append(title) or [])
    written = dump_record(decoded), dump_timeline(timeline)  # a hit for each title: nothing cut
    assert calls == []
    monkeypatch.setattr(compact, "sentence_pieces", cut_title)
    title_memo.clear()
    assert written == (missed, dump_timeline(timeline))  # the same bytes as the titles cut again


def test_a_user_file_s_pieces_are_not_remembered(title_memo: dict[Any, Any], tmp_path: Path) -> None:
    extraction = _titled_extraction()
    text = render_extractions_jsonl([extraction])
    assert "[[0,4],[38,65]]" in text
    path = tmp_path / "extractions.jsonl"
    path.write_text(text.replace("[[0,4],[38,65]]", '[[0,4],"talks",[43,65]]'), encoding="utf-8")  # not our cut
    assert read_extractions(path) == ([extraction], [])
    assert title_memo == {}
    assert render_extractions_jsonl(read_extractions(path)[0]) == text


def test_the_title_memo_is_bounded(title_memo: dict[Any, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compact, "TITLE_MEMO_LIMIT", 3)
    for copy in range(5):
        events = tuple(event.model_copy(update={"sentence": f"{event.sentence} {copy}"}) for event in
                       _titled_extraction().events)
        list(PackedExtractions([pack(_titled_extraction().model_copy(update={"events": events}))]))
        assert 0 < len(title_memo) <= 3  # emptied when full
    assert ("Xyz qwv", "Nothing alike here. 4") in title_memo


@pytest.mark.parametrize("spool", [False, True])
def test_packed_items_put_by_position_fill_their_places(spool: bool) -> None:
    """`PackedExtractions.put_packed`: items kept where they belong in any order, places before them kept."""
    from timeline.compact import PackedExtractions

    items = PackedExtractions(spool=spool)
    items.put_packed(1, b"second")
    items.put_packed(3, b"fourth")
    assert len(items) == 4 and list(items._packed) == [b"", b"second", b"", b"fourth"]
    items.put_packed(0, b"first")
    items.put_packed(2, b"third")
    items.put_packed(4, b"fifth")
    assert list(items._packed) == [b"first", b"second", b"third", b"fourth", b"fifth"]

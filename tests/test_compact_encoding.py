"""The compact encoder (`timeline.compact.StringTable`) writes what a plain reference encoding writes.

`StringTable` numbers values a class at a time and decides most texts' forms before it writes a row, for
speed; `_Reference` is the encoding as first written, with pydantic's ``==`` and hash finding equal values,
one value at a time. Both must give the same strings, rows and text, whatever the timeline holds: equal
values as distinct objects or as one shared object, ids that repeat an article id, defaults, titles made
of their sentence's words.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.factories import make_timeline
from timeline import compact
from timeline.compact import (
    ID_MARK,
    MENTION_IDS,
    MIN_SHARED_CHARS,
    PUBLICATION_ID_HEAD,
    StringTable,
    dump_record,
    dump_timeline,
    model_fields_table,
    sentence_pieces,
    timeline_pieces,
)
from timeline.models import (
    Actor,
    ArticleExtraction,
    ArticleInfo,
    CanonicalEvent,
    Claim,
    Conflict,
    DateInterval,
    EventActor,
    EventMention,
    Issue,
    Provenance,
    Span,
    TimeExpression,
    Timeline,
    event_mention_id,
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class _Reference:
    """The compact encoding written plainly: a value at a time, models compared by pydantic's ``==``."""

    def __init__(self, values: list[Any]) -> None:
        self.string_counts: Counter[str] = Counter()
        self.model_counts: Counter[tuple[type, BaseModel]] = Counter()
        for value in values:
            self._count(value)
        self.shared_strings = {s for s, n in self.string_counts.items() if n > 1 and len(s) >= MIN_SHARED_CHARS}
        self.shared_models = {key for key, n in self.model_counts.items() if n > 1}
        self.strings: list[str] = []
        self.rows: list[Any] = []
        self.string_index: dict[str, int] = {}
        self.row_index: dict[tuple[type, BaseModel], int] = {}

    def _count(self, value: Any) -> None:
        if isinstance(value, BaseModel):
            key = (type(value), value)
            self.model_counts[key] += 1
            if self.model_counts[key] == 1:  # a value's parts count once, however often it occurs
                for field in value.__dict__.values():
                    self._count(field)
        elif type(value) is str:
            self.string_counts[value] += 1
            if ID_MARK in value:
                self.string_counts[value.partition(ID_MARK)[0]] += 1
            elif value.startswith(PUBLICATION_ID_HEAD) and "-" in value:
                self.string_counts[value.partition("-")[2]] += 1
        elif type(value) in (tuple, list):
            for item in value:
                self._count(item)
        elif type(value) is date:
            self._count(value.isoformat())

    def value(self, value: Any) -> Any:
        if type(value) is str:
            return self.text(value)
        if type(value) in (tuple, list):
            return [self.value(item) for item in value]
        if type(value) is date:
            return self.text(value.isoformat())
        if isinstance(value, BaseModel):
            key = (type(value), value)
            if key not in self.shared_models:
                return self.row(value)
            if key not in self.row_index:
                row = self.row(value)
                self.row_index[key] = len(self.rows)
                self.rows.append(row)
            return self.row_index[key]
        return value

    def row(self, model: BaseModel) -> list[Any]:
        fields = list(type(model).model_fields.values())
        values = list(model.__dict__.values())
        while values and not fields[len(values) - 1].is_required():
            default = fields[len(values) - 1].get_default(call_default_factory=True)
            if type(values[-1]) is not type(default) or values[-1] != default:
                break
            values.pop()
        row = [self.value(value) for value in values]
        if type(model) in MENTION_IDS:
            names = list(type(model).model_fields)
            id_field, span = MENTION_IDS[type(model)], getattr(model, "trigger_span")  # noqa: B009
            computed = span and event_mention_id(getattr(model, "article_id"), span.start, span.end)  # noqa: B009
            if span is not None and getattr(model, id_field) == computed:
                row[names.index(id_field)] = None
            at = names.index("title")
            if at < len(row) and type(row[at]) is str:
                pieces = sentence_pieces(row[at], getattr(model, "sentence"))  # noqa: B009
                if len(_dumps(pieces)) < len(_dumps(row[at])):
                    row[at] = pieces
        return row

    def text(self, text: str) -> Any:
        if text in self.string_index:
            return self.string_index[text]
        if text in self.shared_strings:
            self.string_index[text] = len(self.strings)
            self.strings.append(text)
            return self.string_index[text]
        prefix, mark, rest = text.partition(ID_MARK)
        if mark and prefix in self.shared_strings:
            return [self.text(prefix), mark + rest]
        head, mark, rest = text.partition("-")
        if text.startswith(PUBLICATION_ID_HEAD) and mark and rest in self.shared_strings:
            return [head + mark, self.text(rest)]
        return text


def _reference_timeline_text(timeline: Timeline) -> str:
    """`dump_timeline` as first written, over `_Reference`."""
    table = _Reference([timeline])
    row = table.row(timeline)
    parts = [
        f'{{"format":"timeline-compact/2",\n"fields":{_dumps(model_fields_table(Timeline))},\n',
        '"strings":[\n' + ",\n".join(map(_dumps, table.strings)) + "],\n",
        '"rows":[\n' + ",\n".join(map(_dumps, table.rows)) + "],\n",
        '"timeline":[',
    ]
    for position, (name, value) in enumerate(zip(Timeline.model_fields, row, strict=False)):
        separator = "," if position else ""
        if isinstance(value, list) and value and isinstance(getattr(timeline, name), tuple):
            parts.append(separator + "[\n" + ",\n".join(map(_dumps, value)) + "]")
        else:
            parts.append(separator + _dumps(value))
    parts.append("]}\n")
    return "".join(parts)


def _reference_record_line(record: ArticleExtraction) -> str:
    table = _Reference([record])
    line: dict[str, Any] = {"extraction": table.row(record)}
    if table.strings:
        line["strings"] = table.strings
    if table.rows:
        line["rows"] = table.rows
    return _dumps(line) + "\n"


SENTENCES = ("The talks in Cairo resumed on Tuesday.", "Prices fell.", "Talks resumed")
ARTICLES = ("AFP_1", "AFP_2", "NYT", "AFP#2", "pub", "X")
"""Article ids; an event mention's id made of one holds the article id whole (no ``#`` in it), or not ("AFP#2"),
is a publication time's id too ("pub..."), or holds an article id too short to be shared ("X")."""
TEXTS = ("", "ab", "other", "the talks", "Talks resumed in Cairo", "2024-01-02", "AFP_1#x", "pub3-NYT", "pub", 'é\n"')


@st.composite
def _timelines(draw: st.DrawFn) -> Timeline:  # noqa: C901 (one model after another)
    """A small timeline whose values repeat often: equal objects, one object shared, ids of shared articles."""
    text = st.sampled_from(TEXTS)
    pool: dict[str, list[BaseModel]] = {}

    def reuse(kind: str, make: st.SearchStrategy[Any]) -> Any:
        """An earlier value of the kind (the same object, or an equal copy), or a new one."""
        earlier = pool.setdefault(kind, [])
        if earlier and draw(st.booleans()):
            value = draw(st.sampled_from(earlier))
            return value.model_copy(deep=True) if draw(st.booleans()) else value
        value = draw(make)
        earlier.append(value)
        return value

    spans = st.builds(lambda at, size: Span(start=at, end=at + size), st.integers(0, 4), st.integers(1, 2))
    days = st.dates(date(2024, 1, 1), date(2024, 1, 4))
    intervals = st.builds(
        lambda day, more, granularity: DateInterval(
            earliest=day, latest=day + timedelta(more), granularity=granularity
        ),
        days,
        st.integers(0, 1),
        st.sampled_from(["day", "month"]),
    )
    actors = st.builds(EventActor, actor_id=text, name=text, role=st.sampled_from(["agent", "other"]))

    def span() -> Span:
        return reuse("span", spans)

    def interval() -> DateInterval:
        return reuse("interval", intervals)

    def maybe(value: Any) -> Any:
        return value if draw(st.booleans()) else None

    def event_actors() -> tuple[EventActor, ...]:
        return tuple(reuse("actor", actors) for _ in range(draw(st.integers(0, 2))))

    def mention_fields() -> dict[str, Any]:
        article, trigger = draw(st.sampled_from(ARTICLES)), maybe(span())
        computed = trigger is not None and draw(st.booleans())
        sentence = draw(st.sampled_from(SENTENCES))
        words = draw(st.lists(st.sampled_from(sentence.split() + ["x"]), max_size=4))
        return {
            "article_id": article,
            "id": event_mention_id(article, trigger.start, trigger.end) if computed else article + draw(text),
            "trigger_span": trigger,
            "sentence": sentence,
            "sentence_span": span(),
            "title": " ".join(words) if draw(st.booleans()) else draw(text),
            "actors": event_actors(),
            "factuality": draw(st.sampled_from(["asserted", "reported"])),
        }

    def time_expression() -> TimeExpression:
        article = draw(st.sampled_from(ARTICLES))
        return TimeExpression(
            id=draw(st.sampled_from([f"pub3-{article}", f"t{draw(st.integers(0, 2))}"])),
            span=span(),
            text=draw(text),
            type="DATE",
            value=draw(text),
            interval=maybe(interval()),
            anchor_date=maybe(draw(days)),
            rule=draw(text),
        )

    def event_mention() -> EventMention:
        fields = mention_fields()
        return EventMention(
            trigger=draw(text),
            time=maybe(time_expression()),
            confidence=draw(st.sampled_from([0.5, 1.0])),
            past=draw(st.booleans()),
            **{**fields, "trigger_span": fields["trigger_span"] or span()},
        )

    def provenance() -> Provenance:
        fields = mention_fields()
        fields["mention_id"] = fields.pop("id")
        return Provenance(
            source=draw(text),
            published=maybe(draw(days)),
            time_text=maybe(draw(text)),
            time_span=maybe(span()),
            interval=maybe(interval()),
            anchor=draw(text),
            **fields,
        )

    def event(at: int) -> CanonicalEvent:
        sources = tuple(reuse("provenance", st.builds(provenance)) for _ in range(draw(st.integers(1, 3))))
        return CanonicalEvent(
            id=f"ev{at}",
            title=draw(text),
            interval=interval(),
            actors=event_actors(),
            n_sources=1,
            n_mentions=len(sources),
            provenance=sources,
            conflict_id=maybe(draw(text)),
        )

    claims = tuple(
        Claim(
            article_id=draw(st.sampled_from(ARTICLES)),
            source=draw(text),
            words=draw(text),
            interval=interval(),
            anchor="",
        )
        for _ in range(2)
    )
    return Timeline(
        engine_version="1",
        settings_digest=draw(text),
        events=tuple(event(at) for at in range(draw(st.integers(0, 4)))),
        unplaced=tuple(reuse("mention", st.builds(event_mention)) for _ in range(draw(st.integers(0, 4)))),
        actors=tuple(
            Actor(id=draw(text), name=draw(text), type="PERSON", aliases=tuple(draw(st.lists(text, max_size=2))))
            for _ in range(draw(st.integers(0, 2)))
        ),
        articles=tuple(
            ArticleInfo(id=article, source=draw(text), published=maybe(draw(days)), n_chars=10)
            for article in draw(st.lists(st.sampled_from(ARTICLES), max_size=2))
        ),
        conflicts=tuple(
            Conflict(id="c1", event_id="ev0", claims=claims, chosen_article_id="AFP_1", reason=draw(text))
            for _ in range(draw(st.integers(0, 1)))
        ),
        issues=tuple(Issue(code=draw(text), stage="merge", message=draw(text)) for _ in range(draw(st.integers(0, 1)))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_timelines())
def test_a_timeline_is_written_as_the_reference_encoding_writes_it(timeline: Timeline) -> None:
    assert dump_timeline(timeline) == _reference_timeline_text(timeline)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(_timelines())
def test_an_extraction_line_is_written_as_the_reference_encoding_writes_it(timeline: Timeline) -> None:
    extraction = ArticleExtraction(
        article=timeline.articles[0] if timeline.articles else ArticleInfo(id="AFP_1", n_chars=1),
        events=timeline.unplaced,
        actors=timeline.actors,
        time_expressions=tuple(mention.time for mention in timeline.unplaced if mention.time is not None),
    )
    assert dump_record(extraction) == _reference_record_line(extraction)


def test_the_sample_timeline_and_its_copy_are_written_as_the_reference_writes_them() -> None:
    timeline = make_timeline()
    copy = Timeline.model_validate(timeline.model_dump())  # equal values, no object shared
    assert dump_timeline(timeline) == dump_timeline(copy) == _reference_timeline_text(timeline)


@pytest.mark.parametrize("lines", [1, 2, 2048])
def test_the_pieces_of_a_timeline_are_its_text(lines: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """`timeline_pieces` joined is `dump_timeline`'s text, however many lines a piece holds, empty tables too."""
    monkeypatch.setattr(compact, "PIECE_LINES", lines)
    empty = Timeline(engine_version="1", settings_digest="d")
    for timeline in (make_timeline(), empty):
        pieces = list(timeline_pieces(timeline))
        assert "".join(pieces) == _reference_timeline_text(timeline)
        assert all(piece.count("\n") <= lines + 2 for piece in pieces)  # a table's opening line, at most
    if lines == 1:  # a piece per string, row, event and mention
        assert len(list(timeline_pieces(make_timeline()))) > len(list(timeline_pieces(empty))) + 10


def test_a_model_the_table_was_not_made_with_is_written_whole() -> None:
    span = Span(start=1, end=2)
    table = StringTable([EventActor(actor_id="a1", name="Sam"), "Sam"])
    assert table.encode(EventActor(actor_id="a1", name="Sam")) == ["a1", 0]  # "Sam" twice: shared
    assert table.encode(span) == [1, 2]


def test_an_event_mention_id_written_null_is_still_numbered_where_it_is_first_used() -> None:
    """A computed id is written ``null``, but when it is shared (one trigger told twice, its article id shared or
    not) or holds a shared article id that is not its mention's ("AFP#2" holds "AFP"), its first use numbers that
    string, as the reference does."""

    def mention(article: str, start: int, title: str) -> EventMention:
        return EventMention(
            id=event_mention_id(article, start, start + 5),
            article_id=article,
            title=title,
            trigger="talks",
            trigger_span=Span(start=start, end=start + 5),
            sentence="The talks in Cairo resumed on Tuesday.",
            sentence_span=Span(start=0, end=38),
            confidence=0.5,
        )

    same = (mention("AFP_1", 4, "Talks resumed"), mention("AFP_1", 4, "Talks in Cairo"))
    other = (mention("AFP#2", 4, "Talks resumed"), mention("AFP#2", 10, "Talks resumed"))
    alone = (mention("X", 4, "Talks resumed"), mention("X", 4, "Talks in Cairo"))  # "X": too short to share
    for mentions, held in ((same, same[0].id), (other, "AFP"), (alone, alone[0].id)):
        timeline = Timeline(engine_version="1", settings_digest="d", unplaced=mentions)
        text = dump_timeline(timeline)
        assert text == _reference_timeline_text(timeline)
        record = json.loads(text)
        assert held in record["strings"]
        assert [row[0] for row in record["timeline"][3]] == [None, None]

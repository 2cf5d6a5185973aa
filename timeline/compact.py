"""The compact JSON form of the models: rows instead of keyed objects, repeated strings stored once.

`timeline.json` and `extractions.jsonl` were 28x and 21x the input text (TE-3 silver), because every
mention repeated its sentence, its article id, its actors' names and every key. Here a model is a JSON
array of its field values in declaration order (trailing fields at their default left out), and a
string that occurs more than once is written once in a ``strings`` table and referred to by its index
elsewhere. Field names are written once per file (``fields``), so the file says what each position
holds and a reader can decode it without this code: an integer where a text or a date belongs is an
index into ``strings``.

Decoding is driven by the model's annotations and ends in ``model_validate``, so a compact value reads
back to an equal model (the models are frozen, forbid unknown fields and round-trip exactly).
"""

from __future__ import annotations

import json
import types
import typing
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, overload

from pydantic import BaseModel

from timeline.errors import InputError
from timeline.models import (
    ArticleExtraction,
    ArticleInfo,
    EventMention,
    Issue,
    Provenance,
    Timeline,
    event_mention_id,
)

M = TypeVar("M", bound=BaseModel)

ID_MARK = "#"
"""Event mention ids are ``ARTICLE_ID#e25-46f7``: a string made of a shared string, this mark and a rest is
written as ``[index, "#rest"]``, so the article id is not repeated in every mention id."""

PUBLICATION_ID_HEAD = "pub"
"""An event's publication-date time expression has the id ``pub25-ARTICLE_ID``: written as ``["pub25-",
index]``, so the article id is not repeated in it either."""

MIN_SHARED_CHARS = 3
"""Shorter strings are written where they stand: an index would save nothing."""

MIN_PIECE_CHARS = 4
"""A title's words are taken from its sentence as ``[start, end]`` when at least this long (shorter ones
are written out: a slice would save nothing)."""


def model_fields_table(*roots: type[BaseModel]) -> dict[str, list[str]]:
    """Return ``{model name: [field names in order]}`` for the roots and every model they hold."""
    table: dict[str, list[str]] = {}
    pending = list(roots)
    while pending:
        model = pending.pop()
        if model.__name__ in table:
            continue
        table[model.__name__] = list(model.model_fields)
        for field in model.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return dict(sorted(table.items()))


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)


class StringTable:
    """The shared values of one compact document: strings and model rows that occur more than once.

    Each is written once, in order of first use, in ``strings`` or ``rows``; where it occurs again its
    index stands in its place (a mention's sentence, its article's id, a time expression that an event
    repeats, an actor's name and role).
    """

    def __init__(self, values: list[Any]) -> None:
        counts: Counter[Any] = Counter()
        for value in values:
            _count(value, counts)
        self._shared = {value for value, count in counts.items() if count > 1 and _worth_sharing(value)}
        self._index: dict[Any, int] = {}
        self.strings: list[str] = []
        self.rows: list[list[Any]] = []

    def encode(self, model: BaseModel) -> list[Any]:
        """Return the model as a row, its shared strings and rows replaced by their index."""
        return self._row(model)

    def _row(self, model: BaseModel) -> list[Any]:
        values = list(model.__dict__.values())  # pydantic keeps the fields there, in declaration order
        defaults = _defaults(type(model))
        size = len(values)
        while size and _is_default(values[size - 1], defaults[size - 1]):
            size -= 1
        row = [self._value(value) for value in values[:size]]
        if type(model) in MENTION_IDS:
            self._shorten_mention(model, row)
        return row

    def _shorten_mention(self, mention: BaseModel, row: list[Any]) -> None:
        """Leave out what an event mention repeats: its id and its title's words that its sentence holds.

        The id is written ``null`` (the reader computes it from the article and the trigger), the title as
        `sentence_pieces` when that is shorter.
        """
        names, id_field = _field_names(type(mention)), MENTION_IDS[type(mention)]
        span, article_id = getattr(mention, "trigger_span"), getattr(mention, "article_id")  # noqa: B009
        if span is not None and getattr(mention, id_field) == event_mention_id(article_id, span.start, span.end):
            row[names.index(id_field)] = None
        at = names.index("title")
        if at < len(row) and type(row[at]) is str:  # not shared: an index into ``strings`` is shorter still
            pieces = sentence_pieces(row[at], getattr(mention, "sentence"))  # noqa: B009
            if len(_json(pieces)) < len(_json(row[at])):
                row[at] = pieces

    def _value(self, value: Any) -> Any:
        kind = type(value)
        if kind is tuple or kind is list:
            return [self._value(item) for item in value]
        if kind is date:
            value = value.isoformat()
        if value not in self._shared:
            if isinstance(value, BaseModel):
                return self._row(value)
            prefix, mark, rest = value.partition(ID_MARK) if isinstance(value, str) else ("", "", "")
            if mark and prefix in self._shared:  # an id made of an article id and a suffix
                return [self._value(prefix), mark + rest]
            head, mark, rest = _publication_id(value)
            if mark and rest in self._shared:  # an id made of a head and an article id
                return [head + mark, self._value(rest)]
            return value
        index = self._index.get(value)
        if index is None:
            if isinstance(value, BaseModel):
                row = self._row(value)
                index = self._index[value] = len(self.rows)
                self.rows.append(row)
            else:
                index = self._index[value] = len(self.strings)
                self.strings.append(value)
        return index


def _worth_sharing(value: Any) -> bool:
    """Strings of a few characters are shorter than an index into a long table; a repeated model is not.

    Two-number spans too: the sentence span that every event told in a sentence repeats.
    """
    if isinstance(value, str):
        return len(value) >= MIN_SHARED_CHARS
    return isinstance(value, BaseModel)


def _publication_id(value: Any) -> tuple[str, str, str]:
    """Return ``("pub25", "-", ARTICLE_ID)`` for a publication-date time expression's id, else empty strings."""
    if type(value) is str and value.startswith(PUBLICATION_ID_HEAD):
        return value.partition("-")
    return "", "", ""


MENTION_IDS: dict[type[BaseModel], str] = {EventMention: "id", Provenance: "mention_id"}
"""The models that tell one event mention, and the field holding its id: `models.event_mention_id` of
their ``article_id`` and ``trigger_span``. Their ``title`` is made of their ``sentence``'s words."""


@cache
def _field_names(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def sentence_pieces(text: str, sentence: str) -> list[Any]:
    """Return ``text`` as pieces: ``[start, end]`` slices of ``sentence`` and the strings between them.

    An event's title is made of its sentence's words ("Malaysian share prices dipped with the market
    barometer falling" is two slices of its sentence), so it costs a few numbers instead of its
    characters. Longest slice first, left to right. The first piece is always a slice (``[0, 0]``
    when the text begins with words of its own), which tells a reader this form from a string's.
    """
    pieces: list[Any] = []
    literal, start = "", 0
    while start < len(text):
        length, at, end = 0, -1, start + MIN_PIECE_CHARS
        while end <= len(text):
            found = sentence.find(text[start:end], max(at, 0))  # a longer match starts no earlier
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


def join_pieces(pieces: list[Any], sentence: str) -> str:
    """Return the text that `sentence_pieces` cut into ``pieces``.

    Raises:
        ValueError: a piece is neither a string nor a slice of the sentence.
    """
    parts = []
    for piece in pieces:
        if type(piece) is str:
            parts.append(piece)
        elif type(piece) is list and len(piece) == 2 and all(type(n) is int for n in piece):
            if not 0 <= piece[0] <= piece[1] <= len(sentence):
                raise ValueError(f"slice {piece} is outside its sentence ({len(sentence)} characters)")
            parts.append(sentence[piece[0] : piece[1]])
        else:
            raise ValueError("a title's pieces are strings and [start, end] slices")
    return "".join(parts)


def _is_pieces(value: Any) -> bool:
    return type(value) is list and bool(value) and type(value[0]) is list


_NO_DEFAULT = object()


@cache
def _defaults(model: type[BaseModel]) -> tuple[Any, ...]:
    """Return each field's default, in order (`_NO_DEFAULT` for a required field)."""
    return tuple(
        _NO_DEFAULT if field.is_required() else field.get_default(call_default_factory=True)
        for field in model.model_fields.values()
    )


def _is_default(value: Any, default: Any) -> bool:
    """True when the field holds its default, so that a trailing one can be left out of the row."""
    return default is not _NO_DEFAULT and type(value) is type(default) and value == default


def _count(value: Any, counts: Counter[Any]) -> None:
    kind = type(value)
    if kind is str:
        counts[value] += 1
        if ID_MARK in value:
            counts[value.partition(ID_MARK)[0]] += 1
        elif _publication_id(value)[1]:
            counts[_publication_id(value)[2]] += 1
    elif kind is tuple or kind is list:
        for item in value:
            _count(item, counts)
    elif kind is date:
        counts[value.isoformat()] += 1
    elif isinstance(value, BaseModel):
        seen = counts[value] = counts[value] + 1
        if seen > 1:  # a shared model's parts are written once, in its row
            return
        for item in value.__dict__.values():
            _count(item, counts)


class Decoder:
    """Turn rows back into models, with a file's ``fields`` table and one document's tables.

    Each model's and annotation's decoding is worked out once (`_compile`), then applied to every row:
    a corpus has millions of values.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        self.fields = fields
        self._compiled: dict[Any, Callable[[Any], Any]] = {}
        self._strings: list[str] = []
        self._rows: list[Any] = []

    def decode(self, model: type[M], row: Any, strings: list[str], rows: list[Any]) -> M:
        """Return the model the row encodes.

        Raises:
            ValueError: the row does not fit the model (pydantic's ``ValidationError`` is one).
        """
        self._strings, self._rows = strings, rows
        return model.model_validate(self._compile(model)(row))

    def part(self, model: type[BaseModel]) -> Callable[[Any, list[str], list[Any]], dict[str, Any]]:
        """Return a function decoding one ``model`` row (a field of a larger row) to its fields, unvalidated."""
        compiled = self._compile(model)

        def decode(row: Any, strings: list[str], rows: list[Any]) -> dict[str, Any]:
            self._strings, self._rows = strings, rows
            return compiled(row)

        return decode

    def _compile(self, annotation: Any) -> Callable[[Any], Any]:
        compiled = self._compiled.get(annotation)
        if compiled is None:
            compiled = self._compiled[annotation] = self._build(annotation)
        return compiled

    def _build(self, annotation: Any) -> Callable[[Any], Any]:  # noqa: C901 (one case per kind of annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return self._object_decoder(annotation)
        origin = get_origin(annotation)
        if origin is tuple:
            item = get_args(annotation)[0]

            def sequence(value: Any) -> Any:
                decode = self._compile(item)
                return [decode(element) for element in value] if isinstance(value, list) else value

            return sequence
        if origin in (types.UnionType, typing.Union):
            option = next(option for option in get_args(annotation) if option is not type(None))

            def optional(value: Any) -> Any:
                return None if value is None else self._compile(option)(value)

            return optional
        if _is_text(annotation):

            def text(value: Any) -> Any:
                if type(value) is int:
                    return _entry(self._strings, value, "strings")
                if type(value) is list and len(value) == 2 and isinstance(value[1], str):
                    head = text(value[0])
                    return head + value[1] if isinstance(head, str) else value
                if type(value) is list and len(value) == 2 and type(value[0]) is str and type(value[1]) is int:
                    return value[0] + _entry(self._strings, value[1], "strings")  # ["pub25-", article id]
                return value

            return text
        return _same

    def _object_decoder(self, model: type[BaseModel]) -> Callable[[Any], Any]:
        names = self.fields.get(model.__name__)
        known = model.model_fields
        if names is None:
            message = f"the file's fields table has no {model.__name__}"

            def missing(_: Any) -> Any:
                raise ValueError(message)

            return missing
        columns = [(name, self._compile(known[name].annotation) if name in known else _same) for name in names]
        id_field = MENTION_IDS.get(model)
        if id_field is not None:
            columns = [(name, _keep_pieces(convert) if name == "title" else convert) for name, convert in columns]

        def decode(row: Any) -> Any:
            if type(row) is int:
                row = _entry(self._rows, row, "rows")
            if not isinstance(row, list) or len(row) > len(columns):
                raise ValueError(f"a {model.__name__} row must be a list of at most {len(columns)} values")
            values = {name: convert(value) for (name, convert), value in zip(columns, row, strict=False)}
            if id_field is not None:
                _restore_mention(values, id_field)
            return values

        return decode


def _keep_pieces(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Decode a title, leaving its `sentence_pieces` to `_restore_mention` (they need the sentence)."""

    def decode(value: Any) -> Any:
        return value if _is_pieces(value) else convert(value)

    return decode


def _restore_mention(values: dict[str, Any], id_field: str) -> None:
    """Put back what `StringTable._shorten_mention` left out of an event mention's row: its id and title."""
    sentence = values.get("sentence")
    if _is_pieces(values.get("title")) and isinstance(sentence, str):
        values["title"] = join_pieces(values["title"], sentence)
    span, article_id = values.get("trigger_span"), values.get("article_id")
    if id_field in values and values[id_field] is None and isinstance(span, dict) and isinstance(article_id, str):
        values[id_field] = event_mention_id(article_id, span.get("start"), span.get("end"))  # type: ignore[arg-type]


def _same(value: Any) -> Any:
    return value


def _entry(table: list[Any], index: int, name: str) -> Any:
    if not 0 <= index < len(table):
        raise ValueError(f"index {index} is outside the {name} table ({len(table)} entries)")
    return table[index]


def _is_text(annotation: Any) -> bool:
    """True for annotations whose JSON form is a string (text, dates, literals): an int there is an index."""
    if annotation in (str, date):
        return True
    return get_origin(annotation) is Literal and all(isinstance(option, str) for option in get_args(annotation))


TIMELINE_FORMAT = "timeline-compact/2"
"""The ``format`` of a compact `timeline.json` (/2: event mention ids left out, titles as slices of their
sentence; /1 files read the same way)."""

EXTRACTIONS_FORMAT = "extractions-compact/2"
"""The ``format`` of the first line of a compact `extractions.jsonl` (/2 as `TIMELINE_FORMAT`'s; /1 reads too)."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def dump_timeline(timeline: Timeline) -> str:
    """Return the compact `timeline.json` text: one shared strings and rows table for the whole timeline.

    Each table entry and each event sits on a line of its own, so the file still diffs and greps by line.
    """
    table = StringTable([timeline])
    row = table.encode(timeline)
    names = list(Timeline.model_fields)
    parts = [
        f'{{"format":{_json(TIMELINE_FORMAT)},\n"fields":{_json(model_fields_table(Timeline))},\n',
        '"strings":[\n' + ",\n".join(_json(text) for text in table.strings) + "],\n",
        '"rows":[\n' + ",\n".join(_json(entry) for entry in table.rows) + "],\n",
        '"timeline":[',
    ]
    for position, value in enumerate(row):
        separator = "," if position else ""
        if isinstance(value, list) and value and isinstance(getattr(timeline, names[position]), tuple):
            parts.append(separator + "[\n" + ",\n".join(_json(item) for item in value) + "]")
        else:
            parts.append(separator + _json(value))
    parts.append("]}\n")
    return "".join(parts)


def is_compact_timeline(record: Any) -> bool:
    """True for the parsed JSON of a compact `timeline.json`."""
    return isinstance(record, dict) and record.get("format") in (TIMELINE_FORMAT, "timeline-compact/1")


def load_timeline(record: dict[str, Any]) -> Timeline:
    """Return the timeline of a parsed compact `timeline.json`.

    Raises:
        ValueError: the record is not a compact timeline of this format.
    """
    fields, strings, rows = record.get("fields"), record.get("strings", []), record.get("rows", [])
    if not isinstance(fields, dict) or not isinstance(strings, list) or not isinstance(rows, list):
        raise ValueError("a compact timeline needs 'fields', 'strings' and 'rows' tables")
    return Decoder(fields).decode(Timeline, record.get("timeline"), strings, rows)


def extractions_header() -> str:
    """Return the first line of a compact `extractions.jsonl`: its format and the models' fields."""
    return _json({"format": EXTRACTIONS_FORMAT, "fields": model_fields_table(ArticleExtraction, Issue)}) + "\n"


def dump_record(record: ArticleExtraction | Issue) -> str:
    """Return one line of a compact `extractions.jsonl`: an extraction or an Issue, with its own tables.

    Each line stands alone (its own strings and rows), so the file can be read one line at a time and
    an article's line is the same whichever articles surround it.
    """
    table = StringTable([record])
    row = table.encode(record)
    line: dict[str, Any] = {"extraction" if isinstance(record, ArticleExtraction) else "issue": row}
    if table.strings:
        line["strings"] = table.strings
    if table.rows:
        line["rows"] = table.rows
    return _json(line) + "\n"


def is_extractions_header(record: Any) -> bool:
    """True for the parsed first line of a compact `extractions.jsonl`."""
    return isinstance(record, dict) and record.get("format") in (EXTRACTIONS_FORMAT, "extractions-compact/1")


def load_record(decoder: Decoder, record: Any) -> ArticleExtraction | Issue:
    """Return the extraction or Issue of one parsed line of a compact `extractions.jsonl`.

    Raises:
        ValueError: the line is not a compact extraction or Issue.
    """
    if not isinstance(record, dict) or not ({"extraction", "issue"} & record.keys()):
        raise ValueError("a line must hold an 'extraction' or an 'issue'")
    strings, rows = record.get("strings", []), record.get("rows", [])
    if "extraction" in record:
        return decoder.decode(ArticleExtraction, record["extraction"], strings, rows)
    return decoder.decode(Issue, record["issue"], strings, rows)


DAMAGED_HINT = "remove the store file (or the article with `timeline store remove`) and build again"


def pack(extraction: ArticleExtraction) -> bytes:
    """Return the extraction as its compact line, zlib-compressed (the form a store keeps, too)."""
    return zlib.compress(dump_record(extraction).encode("utf-8"), 6)


class PackedExtractions(Sequence[ArticleExtraction]):
    """A corpus' extractions kept packed (`pack`): about 3 KB an article instead of 230 KB of models.

    A sequence like a list: an item is decoded when it is read, so a pass over the corpus (writing
    `extractions.jsonl`, finding undated articles' dates) holds one article's models at a time.
    """

    def __init__(self, items: Iterable[bytes] = (), *, source: Path | None = None) -> None:
        self._packed = list(items)
        self._decoder = Decoder(model_fields_table(ArticleExtraction, Issue))
        self.source = source
        """The store the items came from, named when one is damaged."""

    def copy(self) -> PackedExtractions:
        """Return a new sequence of the same items (they are immutable bytes: nothing is decoded)."""
        return PackedExtractions(self._packed, source=self.source)

    def lines(self) -> Iterator[str]:
        """Yield each item's compact `extractions.jsonl` line, without decoding it."""
        for packed in self._packed:
            yield zlib.decompress(packed).decode("utf-8")

    def append(self, extraction: ArticleExtraction) -> None:
        """Pack and keep one more extraction."""
        self._packed.append(pack(extraction))

    def append_packed(self, packed: bytes) -> None:
        """Keep one more extraction already packed (read from a store)."""
        self._packed.append(packed)

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, index: int) -> ArticleExtraction: ...
    @overload
    def __getitem__(self, index: slice) -> list[ArticleExtraction]: ...
    def __getitem__(self, index: int | slice) -> ArticleExtraction | list[ArticleExtraction]:
        if isinstance(index, slice):
            return [self._unpack(packed) for packed in self._packed[index]]
        return self._unpack(self._packed[index])

    def __setitem__(self, index: int, extraction: ArticleExtraction) -> None:
        self._packed[index] = pack(extraction)

    def __iter__(self) -> Iterator[ArticleExtraction]:
        for packed in self._packed:
            yield self._unpack(packed)

    def summaries(self) -> Iterator[tuple[ArticleInfo, tuple[Issue, ...]]]:
        """Yield each item's article and Issues, decoding only those two fields (no event, no mention).

        What `timeline extract` reports (issue lines, articles dated in the future) without decoding a
        corpus of models it only writes out as they are.

        Raises:
            InputError: an item is damaged (it came from a store, which is named).
        """
        names = self._decoder.fields["ArticleExtraction"]
        at_article, at_issues = names.index("article"), names.index("issues")
        article, issue = self._decoder.part(ArticleInfo), self._decoder.part(Issue)
        for packed in self._packed:
            try:
                record = json.loads(zlib.decompress(packed))
                row, strings, rows = record["extraction"], record.get("strings", []), record.get("rows", [])
                info = ArticleInfo.model_validate(article(row[at_article], strings, rows))
                found = row[at_issues] if len(row) > at_issues else []
                issues = tuple(Issue.model_validate(issue(item, strings, rows)) for item in found)
            except (ValueError, TypeError, KeyError, IndexError, RecursionError, zlib.error) as exc:
                raise InputError("a stored extraction is damaged", path=self.source, hint=DAMAGED_HINT) from exc
            yield info, issues

    def _unpack(self, packed: bytes) -> ArticleExtraction:
        """Decode one item.

        Raises:
            InputError: the item is damaged (it came from a store, which is named).
        """
        try:
            record = load_record(self._decoder, json.loads(zlib.decompress(packed)))
        except (ValueError, TypeError, KeyError, IndexError, RecursionError, zlib.error) as exc:
            raise InputError("a stored extraction is damaged", path=self.source, hint=DAMAGED_HINT) from exc
        if not isinstance(record, ArticleExtraction):
            raise InputError("a stored extraction is not an article's", path=self.source, hint=DAMAGED_HINT)
        return record

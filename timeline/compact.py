"""The compact JSON form of the models: rows instead of keyed objects, repeated strings stored once.

`timeline.json` and `extractions.jsonl` were 28x and 21x the input text (TE-3 silver), because every
mention repeated its sentence, its article id, its actors' names and every key. Here a model is a JSON
array of its field values in declaration order (trailing fields at their default left out), and a
string that occurs more than once is written once in a ``strings`` table and referred to by its index
elsewhere. Field names are written once per file (``fields``), so the file says what each position
holds and a reader can decode it without this code: an integer where a text or a date belongs is an
index into ``strings``.

Decoding is driven by the model's annotations and ends in ``model_validate``, so a compact value reads
back to an equal model (the models are frozen, forbid unknown fields and round-trip exactly); our own
packed extractions (a store's, a worker's) are built into the same models without validating them again.
"""

from __future__ import annotations

import itertools
import json
import operator
import os
import tempfile
import types
import typing
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from functools import cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]  # json.dumps' own, in C
from pathlib import Path
from typing import Any, BinaryIO, Literal, TypeVar, get_args, get_origin, overload

from pydantic import BaseModel

from timeline.errors import InputError
from timeline.models import (
    ArticleExtraction,
    ArticleInfo,
    EventMention,
    Issue,
    Provenance,
    Span,
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

    Models are counted and looked up by a number given to each distinct value (`_number_models`), not by
    pydantic's hash and equality: those walk a model's whole tree at every look-up, 8 s of the 2,452
    articles' `timeline.json` (6 million hash calls). The numbering goes one model class at a time, over
    all the objects of that class at once (every event's provenance, then all their spans), so that
    making, hashing and numbering the keys runs in C (``zip``, ``map``) instead of a Python call per
    object: the +10 rebuild's timeline holds 670,000 model objects, 233,000 distinct values. Each
    distinct value is counted as it is first numbered (`_count_new`), and written (`_encoder`) once, from its key.
    """

    def __init__(self, values: list[Any]) -> None:
        self._numbers: dict[type[BaseModel], dict[tuple[Any, ...], int]] = {}  # per class: a value's key -> number
        self._next_number = itertools.count()
        self._given = [value for value in values if isinstance(value, BaseModel)]  # kept alive: their id()s stay theirs
        strings: Counter[Any] = Counter()
        models: Counter[Any] = Counter()
        dates: set[date] = set()
        self._counts: tuple[Counter[Any], Counter[Any], set[date]] | None = (strings, models, dates)
        numbers = self._number_models(self._given)  # counting what each new value holds (`_count_new`)
        self._counts = None  # a value numbered later (`_number_of`, a default) is not counted: not shared
        self._number_of_given = dict(zip(map(id, self._given), numbers, strict=True))
        models.update(numbers)
        for value in values:
            if not isinstance(value, BaseModel):
                self._count(value, strings)
        dates.discard(None)  # type: ignore[arg-type]
        strings.pop(None, None)  # an optional text's
        ids, parts = _count_parts_of_ids(strings)
        repeated = _repeated(strings)
        self._shared_strings = set(
            itertools.compress(repeated, map(operator.le, itertools.repeat(MIN_SHARED_CHARS), map(len, repeated)))
        )
        models.pop(None, None)  # an optional model's
        self._shared_models = set(_repeated(models))
        self._forms = self._known_forms(ids, parts, dates)
        self._written: dict[int, Any] = {}  # a number -> its index in rows (shared), or its row made ahead
        self.strings: list[str] = []
        self.rows: list[list[Any]] = []
        self._encoders: dict[type[BaseModel], Callable[[tuple[Any, ...]], list[Any]]] = {}
        self._values: dict[int, tuple[Callable[[tuple[Any, ...]], list[Any]], tuple[Any, ...], type[BaseModel]]] = {}
        while len(self._encoders) < len(self._numbers):  # (a model default is numbered as its encoder is made)
            for model in list(self._numbers):
                self._encoder_of(model)
        for model, keys in list(self._numbers.items()):  # a number -> what writes its value, its key, its class
            encoder, repeat = self._encoders[model], itertools.repeat
            self._values.update(
                zip(keys.values(), zip(repeat(encoder), keys, repeat(model), strict=False), strict=True)
            )
            if _numbers_only(model):  # its rows need no text's form: made at once (each occurs once: not shared)
                alone = map(operator.not_, map(self._shared_models.__contains__, keys.values()))
                self._written.update(itertools.compress(zip(keys.values(), map(list, keys), strict=True), alone))

    def encode(self, model: BaseModel) -> list[Any]:
        """Return the model as a row, its shared strings and rows replaced by their index."""
        encoder, key, _ = self._values[self._number_of(model)]
        return encoder(key)

    def _number_models(self, models: list[BaseModel]) -> list[int]:
        """Return the number of each model's value (equal models, pydantic's ``==``, get the same number).

        The key of a value is its fields, each model it holds replaced by its number, so a key is hashed
        and compared without walking the tree below it; each class numbers its own keys. An object found
        more than once is numbered once, unless it holds no model (a `Span`, an `EventActor`): its key is
        made as quickly as a repeat is found (the +10 rebuild's timeline refers to 138,000 span objects
        241,000 times).
        """
        classes = set(map(type, models))
        if not any(map(_holds_models, classes)):
            return self._number_distinct(classes, models)
        objects = dict(zip(map(id, models), models, strict=True))
        if len(objects) < len(models):  # the same objects more than once (a merged timeline shares them): once each
            numbers_of = dict(zip(objects, self._number_distinct(classes, list(objects.values())), strict=True))
            return list(map(numbers_of.__getitem__, map(id, models)))
        return self._number_distinct(classes, models)

    def _number_distinct(self, classes: set[type[BaseModel]], models: list[BaseModel]) -> list[int]:
        """`_number_models` of objects of these classes: one class at a time."""
        if len(classes) == 1:
            return self._number_class(next(iter(classes)), models)
        numbers = [0] * len(models)
        for model in classes:  # a field's models of several classes (subclasses): each class apart
            positions = [at for at, value in enumerate(models) if type(value) is model]
            for at, number in zip(positions, self._number_class(model, [models[at] for at in positions]), strict=True):
                numbers[at] = number
        return numbers

    def _number_class(self, model: type[BaseModel], models: list[BaseModel]) -> list[int]:
        """Number objects of one class: the models they hold first, a column (one field of all) at a time."""
        rows: Iterable[Any] = map(dict.values, map(_fields_of, models))  # pydantic keeps the fields there, in order
        held = [(at, kind is _MODELS) for at, kind in enumerate(_column_kinds(model)) if kind in _HELD]
        columns: list[Any] | None = None
        if held:
            columns = list(zip(*rows, strict=True))
            for at, many in held:
                columns[at] = self._number_column(columns[at], many)
            rows = zip(*columns, strict=True)
        else:
            rows = map(tuple, rows)
        numbers = self._numbers.setdefault(model, {})
        before = len(numbers)
        found = list(map(numbers.setdefault, rows, self._next_number))  # a new key takes the next number
        if self._counts is not None:
            self._count_new(model, numbers, before, columns if len(numbers) - before == len(models) else None)
        return found

    def _count_new(
        self, model: type[BaseModel], numbers: dict[tuple[Any, ...], int], before: int, columns: list[Any] | None
    ) -> None:
        """Count what the values of one class numbered now hold: the keys after the first ``before``.

        Each distinct value is counted once, when it is first numbered, while its fields are at hand:
        ``columns`` are the fields of the objects just numbered when each of them was a new value (their
        keys' columns: no transpose back), else None (the new keys are transposed).
        """
        if columns is None:
            columns = list(zip(*itertools.islice(numbers, before, None), strict=True))
        if columns:
            self._count_held(model, columns, *self._counts)  # type: ignore[misc]

    def _number_column(self, column: Sequence[Any], many: bool) -> list[Any]:
        """Return one field of many objects with its models (a model, None, a tuple of models) as numbers."""
        given = list(map(operator.is_not, column, itertools.repeat(None)))  # not ``None in``: no model's __eq__
        present = column if all(given) else list(itertools.compress(column, given))
        if many:
            numbers = iter(self._number_models(list(itertools.chain.from_iterable(present))))
            found = list(map(tuple, map(itertools.islice, itertools.repeat(numbers), map(len, present))))
        else:
            found = self._number_models(list(present))
        if present is column:
            return found
        again = iter(found)
        return [None if value is None else next(again) for value in column]

    def _number_of(self, model: BaseModel) -> int:
        """Return the number of one of the values given, or of another model (not counted: not shared)."""
        number = self._number_of_given.get(id(model))
        if number is not None:
            return number
        start = next(self._next_number)
        number = self._number_models([model])[0]
        for model_class, keys in list(self._numbers.items()):  # the values numbered now: their texts are not known yet
            for key, late in keys.items():
                if late > start:
                    self._values[late] = (self._encoder_of(model_class), key, model_class)
                    for kind, value in zip(_column_kinds(model_class), key, strict=True):
                        if (kind is _TEXT or kind is _DATE) and value is not None:
                            self._forms.setdefault(value, _PENDING)
        return number

    def _count_held(
        self,
        model: type[BaseModel],
        columns: Sequence[Sequence[Any]],
        strings: Counter[Any],
        models: Counter[Any],
        dates: set[date],
    ) -> None:
        """Count the strings and models that distinct values of one class hold (``columns``: their fields).

        A repeated value's parts are written once, in its row, so they count once.
        """
        for kind, column in zip(_column_kinds(model), columns, strict=False):
            if kind is _TEXT:
                strings.update(column)
            elif kind is _DATE:
                strings.update(map(date.isoformat, filter(None, column)))
                dates.update(column)
            elif kind is _MODEL:
                models.update(column)
            elif kind is _MODELS:
                models.update(itertools.chain.from_iterable(column))
            elif kind is _OTHER:
                items = list(itertools.chain.from_iterable(column)) if set(map(type, column)) == {tuple} else ()
                if items and set(map(type, items)) == {str}:  # tuples of texts (an actor's aliases): counted at once
                    strings.update(items)
                else:
                    for value in column:
                        self._count(value, strings)

    def _count(self, value: Any, strings: Counter[Any]) -> None:
        """Count a value that is not a model: a string, a date, a tuple of them."""
        kind = type(value)
        if kind is str:
            strings[value] += 1
        elif kind is tuple or kind is list:
            for item in value:
                self._count(item, strings)
        elif kind is date:
            strings[value.isoformat()] += 1

    def _known_forms(self, ids: Iterable[str], parts: Iterable[str], dates: Iterable[date]) -> dict[Any, Any]:
        """Return how each text and date counted is written, `_NEW` or `_PENDING` where it is decided in order.

        A shared string's index is its order of first use, as is that of an article id in a mention id
        (``ids``, each with the ``part`` that may be one); any other text is written as it is, whenever it
        comes (it is not in the dict). So most texts of a row are written without a call (`_encoder`).
        """
        shared = self._shared_strings
        forms: dict[Any, Any] = dict.fromkeys(shared, _NEW)  # a text not there is written as it is
        forms.update(dict.fromkeys(itertools.compress(ids, map(shared.__contains__, parts)), _PENDING))
        for day in dates:
            text = day.isoformat()
            forms[day] = _PENDING if text in shared else text
        return forms

    def _encoder_of(self, model: type[BaseModel]) -> Callable[[tuple[Any, ...]], list[Any]]:
        encoder = self._encoders.get(model)
        if encoder is None:
            encoder = self._encoders[model] = self._encoder(model)
        return encoder

    def _encoder(self, model: type[BaseModel]) -> Callable[[tuple[Any, ...]], list[Any]]:
        """Return what writes a key of the class as a row: trailing defaults left out, each field converted.

        Written once per class as Python source (`_encoder_source`) with the fields unrolled, where a
        generic encoder looped over columns and converters at every row (233,000 rows in the +10 rebuild's
        timeline). A text or date is looked up in the known forms; only a first use (`_NEW`, `_PENDING`) is
        decided by `_text`, in field order with the models held, so that strings and rows are numbered in
        the order of first use.
        """
        kinds = _column_kinds(model)
        defaults = self._key_defaults(model)
        namespace: dict[str, Any] = {
            "P": _PENDING,
            "NEW": _NEW,
            "forms": self._forms,
            "strings": self.strings,
            "form": self._forms.get,
            "text": self._text,
            "date": self._date,
            "index": self._written.get,
            "values": self._values,
            "shared_rows": self._shared_models,
            "keep": self._keep,
            "refs": self._refs,
            "value": self._value,
            "mention_id": self._mention_id,
            "event_mention_id": event_mention_id,
            "Span": Span,
            "S0": _field_positions(Span, "start", "end")[0],
            "S1": _field_positions(Span, "start", "end")[1],
            "title": _title_form,
            "known_title": _TITLE_FORMS.get,
            "shared": self._shared_strings,
            "MARK": ID_MARK,
        }
        namespace.update((f"D{at}", default) for at, default in enumerate(defaults))
        namespace.update((f"T{at}", type(default)) for at, default in enumerate(defaults))
        mention = (
            _field_positions(model, MENTION_IDS[model], "article_id", "trigger_span", "sentence", "title")
            if model in MENTION_IDS
            else None
        )
        source = _encoder_source(kinds, defaults, mention)
        exec(compile(source, f"<timeline.compact encoder of {model.__name__}>", "exec"), namespace)  # noqa: S102
        return namespace["encode"]  # type: ignore[no-any-return]

    def _key_defaults(self, model: type[BaseModel]) -> list[Any]:
        """Return each field's default as a key holds it: a model default as its number (None and () stay)."""
        defaults = list(_defaults(model))
        for at, kind in enumerate(_column_kinds(model)):
            default = defaults[at]
            if kind is _MODEL and isinstance(default, BaseModel):
                defaults[at] = self._number_models([default])[0]
            elif kind is _MODELS and type(default) is tuple and default:
                defaults[at] = tuple(self._number_models(list(default)))
        return defaults

    def _mention_id(self, article_id: str, span: int) -> str:
        """Return `models.event_mention_id` of an article id and a trigger span (its number), as a reader does."""
        _, key, model = self._values[span]
        at_start, at_end = _field_positions(model, "start", "end")
        return event_mention_id(article_id, key[at_start], key[at_end])

    def _ref(self, number: int) -> Any:
        """Return a held model's value as it is written: its row, or its index in ``rows`` when shared."""
        written = self._written.get(number)
        if written is not None:
            return written
        encoder, key, _ = self._values[number]
        row = encoder(key)  # the rows it holds come first
        return self._keep(number, row) if number in self._shared_models else row

    def _keep(self, number: int, row: list[Any]) -> int:
        """Put a shared model's row in ``rows`` (after the rows it holds) and return its index."""
        index = self._written[number] = len(self.rows)
        self.rows.append(row)
        return index

    def _refs(self, numbers: tuple[int, ...], found: list[Any]) -> list[Any]:
        """Return a tuple of held models as it is written (`_ref` of each, inlined), given those ``found`` written."""
        written, values, shared = self._written.get, self._values, self._shared_models
        row = []
        for number, done in zip(numbers, found, strict=True):
            if done is None:
                done = written(number)  # (unless an earlier one held it)
                if done is None:
                    encoder, key, _ = values[number]
                    done = encoder(key)
                    if number in shared:
                        done = self._keep(number, done)
            row.append(done)
        return row

    def _value(self, value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return self._text(value)
        if kind is tuple or kind is list:
            return [self._value(item) if type(item) not in _AS_THEY_ARE else item for item in value]
        if kind is date:
            return self._date(value)
        if isinstance(value, BaseModel):
            return self._ref(self._number_of(value))
        return value

    def _date(self, day: date) -> Any:
        form = self._forms[day] = self._text(day.isoformat())
        return form

    def _text(self, text: str) -> Any:
        """Return how a text is written, deciding it at its first use: an index, an id in two parts, itself."""
        form = self._forms.get(text, text)
        if form is not _PENDING and form is not _NEW:
            return form
        if text in self._shared_strings:
            form = self._forms[text] = len(self.strings)
            self.strings.append(text)
        else:
            form = self._id_form(text)
        self._forms[text] = form
        return form

    def _id_form(self, text: str) -> Any:
        if ID_MARK in text:
            prefix, mark, rest = text.partition(ID_MARK)
            if prefix in self._shared_strings:  # an id made of an article id and a suffix
                return [self._text(prefix), mark + rest]
        head, mark, rest = _publication_id(text)
        if mark and rest in self._shared_strings:  # an id made of a head and an article id
            return [head + mark, self._text(rest)]
        return text


_PENDING = object()
"""The form of a text that `StringTable._text` decides at its first use (an index, an id in two parts)."""

_NEW = object()
"""The form of a shared string before its first use, which gives it the next index (`_CONVERSIONS`, `_text`)."""

_AS_THEY_ARE = frozenset({int, float, bool, type(None)})
"""The types of the values a row holds as they are."""

_fields_of = operator.attrgetter("__dict__")

_TEXT, _DATE, _MODEL, _MODELS, _PLAIN, _OTHER = "text", "date", "model", "models", "plain", "other"
"""How a field is counted and written (`_column_kinds`): a text, a date, a model or a tuple of models
(their numbers in a key), a number or a boolean (as it is), anything else (looked at value by value)."""

_HELD = (_MODEL, _MODELS)


@cache
def _column_kinds(model: type[BaseModel]) -> tuple[str, ...]:
    """Return the kind of each field of the model, in order (`_TEXT` ... `_OTHER`), from its annotation."""
    return tuple(_column_kind(field.annotation) for field in model.model_fields.values())


def _column_kind(annotation: Any) -> str:
    if get_origin(annotation) in (types.UnionType, typing.Union):  # an optional value: None is left as it is
        options = [option for option in get_args(annotation) if option is not type(None)]
        if len(options) == 1:
            annotation = options[0]
    if any(_models_in(annotation)):
        return _MODELS if get_origin(annotation) is tuple else _MODEL
    if annotation is str or (
        get_origin(annotation) is Literal and all(type(option) is str for option in get_args(annotation))
    ):
        return _TEXT
    if annotation is date:
        return _DATE
    if annotation in (int, float, bool):
        return _PLAIN
    return _OTHER


_CONVERSIONS = {
    _TEXT: (  # a shared string's first use inlined (`StringTable._text`)
        "f{at} = form(v{at}, v{at})",
        "if f{at} is NEW:",
        "    f{at} = forms[v{at}] = len(strings)",
        "    strings.append(v{at})",
        "elif f{at} is P:",
        "    f{at} = text(v{at})",
    ),
    _DATE: ("f{at} = form(v{at}, v{at})", "if f{at} is P:", "    f{at} = date(v{at})"),
    _MODEL: (  # `StringTable._ref`, inlined
        "f{at} = index(v{at})",
        "if f{at} is None and v{at} is not None:",
        "    write, held, _ = values[v{at}]",
        "    f{at} = write(held)",
        "    if v{at} in shared_rows:",
        "        f{at} = keep(v{at}, f{at})",
    ),
    _MODELS: (
        "f{at} = v{at} if v{at} is None else list(map(index, v{at}))",
        "if f{at} is not None and None in f{at}:",
        "    f{at} = refs(v{at}, f{at})",
    ),
    _OTHER: ("f{at} = v{at} if v{at} is None else value(v{at})",),
    _PLAIN: (),
}
"""How `_encoder_source` writes field ``at`` of a key (``v{at}``) as it stands in a row (``f{at}``; a number
or a boolean as it is)."""


def _encoder_source(kinds: Sequence[str], defaults: Sequence[Any], mention: tuple[int, ...] | None) -> str:
    """Return the source of ``encode(key)``: a key of one class, of these field kinds and defaults, as its row.

    The fields after the last required one are left out while they hold their default (``D{at}``, of
    type ``T{at}``), so a row ends with the last field that does not; the others are converted in field
    order (`_CONVERSIONS`). ``mention``: the positions of an event mention's id, article id, trigger span,
    sentence and title, whose row leaves out what they repeat (`_mention_id_lines`).
    """
    size = len(kinds)
    floor = max((at + 1 for at, default in enumerate(defaults) if default is _NO_DEFAULT), default=0)
    lines = ["def encode(key):", "    (" + "".join(f"v{at}, " for at in range(size)) + ") = key"]
    for at in range(size - 1, floor - 1, -1):
        keep = f"v{at} is not None" if defaults[at] is None else f"type(v{at}) is not T{at} or v{at} != D{at}"
        lines += [f"    {'if' if at == size - 1 else 'elif'} {keep}:", f"        size = {at + 1}"]
    if floor < size:
        lines += ["    else:", f"        size = {floor}"]
    converted = [[line.format(at=at) for line in _CONVERSIONS[kind]] for at, kind in enumerate(kinds)]
    if mention is not None:
        converted[mention[0]] = _mention_id_lines(*mention[:3], converted[mention[0]])
    for at in range(floor):
        lines += ["    " + line for line in converted[at]]
    written = [f"{'v' if kind is _PLAIN else 'f'}{at}" for at, kind in enumerate(kinds)]
    lines.append("    row = [" + "".join(f"{name}, " for name in written[:floor]) + "]")
    for at in range(floor, size):
        lines.append(f"    if size > {at}:")
        lines += ["        " + line for line in converted[at]]
        lines.append(f"        row.append({written[at]})")
    if mention is not None:
        at_sentence, at_title = mention[3:]
        lines += [
            f"    if {f'size > {at_title} and ' if at_title >= floor else ''}type(f{at_title}) is str:",
            f"        pair = (f{at_title}, v{at_sentence})",
            f"        row[{at_title}] = known_title(pair) or title(*pair)",
        ]
    lines.append("    return row")
    return "\n".join(lines) + "\n"


def _mention_id_lines(at_id: int, at_article: int, at_span: int, conversion: list[str]) -> list[str]:
    """Return the lines that write an event mention's id: ``null`` when `mention_id` gives it, else ``conversion``.

    The id left out is not written, but its first use is: `_text` may number the article id it holds
    (or the id itself, when shared). That is left to the article id's field when it comes right after
    and the id holds it whole (no `ID_MARK` in it), so an id written ``null`` costs no `_text` call.
    """
    v_id, v_article, v_span = f"v{at_id}", f"v{at_article}", f"v{at_span}"
    used = f"{v_id} in shared or MARK in {v_article} or {v_article} not in shared"
    return [
        f"computed = None if {v_span} is None else values[{v_span}]  # the trigger span's encoder, key and class",
        f"if computed is not None and {v_id} == (",
        f"    event_mention_id({v_article}, computed[1][S0], computed[1][S1])",
        "    if computed[2] is Span",
        f"    else mention_id({v_article}, {v_span})",
        "):",
        f"    f{at_id} = None",
        f"    if form({v_id}, {v_id}) in (P, NEW){f' and ({used})' if at_article == at_id + 1 else ''}:",
        f"        text({v_id})",
        "else:",
        *("    " + line for line in conversion),
    ]


@cache
def _holds_models(model: type[BaseModel]) -> bool:
    """True for a model that has a field holding models (numbered before it: `StringTable._number_class`)."""
    return any(kind in _HELD for kind in _column_kinds(model))


@cache
def _numbers_only(model: type[BaseModel]) -> bool:
    """True for a model whose rows are its fields as they are: numbers and booleans, none with a default (a `Span`)."""
    kinds, defaults = _column_kinds(model), _defaults(model)
    return all(kind is _PLAIN for kind in kinds) and all(default is _NO_DEFAULT for default in defaults)


@cache
def _field_positions(model: type[BaseModel], *names: str) -> tuple[int, ...]:
    fields = list(model.model_fields)
    return tuple(fields.index(name) for name in names)


def _count_parts_of_ids(strings: Counter[str]) -> tuple[list[str], list[str]]:
    """Count the article id in each mention id and publication time's id (`_text` writes it apart).

    Returns those ids and the part of each that `StringTable._id_form` writes apart when it is shared (a
    publication time's id that holds the mark is there twice, with each part). ``strings`` counts each
    text's uses; its part counts once per use.
    """
    marked = list(itertools.compress(strings, map(operator.contains, strings, itertools.repeat(ID_MARK))))
    headed = list(itertools.compress(strings, map(str.startswith, strings, itertools.repeat(PUBLICATION_ID_HEAD))))
    prefixes = list(map(operator.itemgetter(0), map(operator.methodcaller("partition", ID_MARK), marked)))
    rests = list(map(operator.itemgetter(2), map(operator.methodcaller("partition", "-"), headed)))
    parts: Counter[str] = Counter(prefixes)  # once per id: most ids are used once (a mention's own)
    uses = list(map(strings.__getitem__, marked))
    again = map(operator.lt, itertools.repeat(1), uses)
    for prefix, used in itertools.compress(zip(prefixes, uses, strict=True), again):
        parts[prefix] += used - 1
    for text in headed:
        if ID_MARK not in text:
            _, mark, part = _publication_id(text)
            if mark:
                parts[part] += strings[text]
    strings.update(parts)
    return marked + headed, prefixes + rests


def _repeated(counts: Counter[Any]) -> list[Any]:
    """Return what ``counts`` counts more than once, in its order."""
    return list(itertools.compress(counts, map(operator.lt, itertools.repeat(1), counts.values())))


def _publication_id(value: Any) -> tuple[str, str, str]:
    """Return ``("pub25", "-", ARTICLE_ID)`` for a publication-date time expression's id, else empty strings."""
    if type(value) is str and value.startswith(PUBLICATION_ID_HEAD):
        return value.partition("-")
    return "", "", ""


MENTION_IDS: dict[type[BaseModel], str] = {EventMention: "id", Provenance: "mention_id"}
"""The models that tell one event mention, and the field holding its id: `models.event_mention_id` of
their ``article_id`` and ``trigger_span``. Their ``title`` is made of their ``sentence``'s words."""


def sentence_pieces(text: str, sentence: str) -> list[Any]:
    """Return ``text`` as pieces: ``[start, end]`` slices of ``sentence`` and the strings between them.

    An event's title is made of its sentence's words ("Malaysian share prices dipped with the market
    barometer falling" is two slices of its sentence), so it costs a few numbers instead of its
    characters. Longest slice first, left to right. The first piece is always a slice (``[0, 0]``
    when the text begins with words of its own), which tells a reader this form from a string's.
    """
    pieces: list[Any] = []
    start = literal = 0  # text[literal:start] is the string piece gathered so far
    size = len(text)
    while start < size:
        at, length = _longest_match(text, start, sentence)
        if length:
            if literal < start:
                pieces.append(text[literal:start])
            pieces.append([at, at + length])
            start = literal = start + length
        else:
            start += 1
    if literal < size:
        pieces.append(text[literal:])
    if not pieces or type(pieces[0]) is not list:
        pieces.insert(0, [0, 0])
    return pieces


def _longest_match(text: str, start: int, sentence: str) -> tuple[int, int]:
    """Return where the longest ``text[start:]`` prefix is first found in ``sentence``, and its length.

    ``(0, 0)`` when it is shorter than `MIN_PIECE_CHARS`. The whole rest is tried first (often a title's
    last words, or all of it), then a bisection: every prefix of a string found is found too, so a few
    searches do where growing the match a character at a time searched once per character.
    """
    low, high = MIN_PIECE_CHARS, len(text) - start  # the prefix of length low is found, none longer than high
    if high < low:
        return 0, 0
    at = sentence.find(text[start:])
    if at >= 0:
        return at, high
    at = sentence.find(text[start : start + low])
    if at < 0:
        return 0, 0
    high -= 1
    while low < high:
        middle = (low + high + 1) // 2
        found = sentence.find(text[start : start + middle])
        if found >= 0:
            low, at = middle, found
        else:
            high = middle - 1
    return at, low


def _title_form(title: str, sentence: str) -> Any:
    """Return how an event mention's title that is not shared is written: its `sentence_pieces` when shorter.

    The encoders look in `_TITLE_FORMS` first (``known_title``): the pieces our decoder read for the same title
    and sentence, which this function gave when they were written.
    """
    pieces = sentence_pieces(title, sentence)
    return pieces if len(_json(pieces)) < len(encode_basestring(title)) else title


TITLE_MEMO_LIMIT = 1 << 18
"""The most entries `_TITLE_FORMS` holds: when full, it is emptied before it takes the next, so a long-lived
process stays bounded (one that decodes many stores keeps the titles it read last). The +10 rebuild's fills 97,000."""

_TITLE_FORMS: dict[tuple[str, str], list[Any] | str] = {}
"""``(title, sentence)`` -> the title's pieces as our own decoder read them (`_joined_title`): a title is cut
from its sentence when it is written (`sentence_pieces`, 0.3 s of the +10 rebuild's `timeline.json`), then
joined when read back, then cut again into the same pieces when the timeline is written. They are what
`_title_form` gives (our encoder wrote them so), so an encoder takes them from here instead. A pure function
of the two texts: a key says all it depends on."""


def _joined_title(pieces: list[Any], sentence: str) -> str:
    """Return `join_pieces` of a title read by our own decoder, remembering its pieces in `_TITLE_FORMS`."""
    title = join_pieces(pieces, sentence)
    if len(_TITLE_FORMS) >= TITLE_MEMO_LIMIT:
        _TITLE_FORMS.clear()
    _TITLE_FORMS[title, sentence] = pieces
    return title


def _whole_title(title: str, sentence: str) -> None:
    """Remember in `_TITLE_FORMS` a title our own decoder read as it is: `_title_form` gave the title itself."""
    if len(_TITLE_FORMS) >= TITLE_MEMO_LIMIT:
        _TITLE_FORMS.clear()
    _TITLE_FORMS[title, sentence] = title


def join_pieces(pieces: list[Any], sentence: str) -> str:
    """Return the text that `sentence_pieces` cut into ``pieces``.

    Raises:
        ValueError: a piece is neither a string nor a slice of the sentence.
    """
    parts = []
    size = len(sentence)
    for piece in pieces:
        if type(piece) is str:
            parts.append(piece)
        elif type(piece) is list and len(piece) == 2 and type(piece[0]) is int and type(piece[1]) is int:
            start, end = piece
            if not 0 <= start <= end <= size:
                raise ValueError(f"slice {piece} is outside its sentence ({size} characters)")
            parts.append(sentence[start:end])
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


@cache
def _mention_layout(model: type[BaseModel]) -> tuple[str, int, int]:
    """Return an event mention model's id field and the positions of its id and title in a row (for decoding)."""
    names = list(model.model_fields)
    return MENTION_IDS[model], names.index(MENTION_IDS[model]), names.index("title")


class Decoder:
    """Turn rows back into models, with a file's ``fields`` table and one document's tables.

    Each model's and annotation's decoding is worked out once, then applied to every row: a corpus has
    millions of values.

    ``validate``: rows read from a file that a user may have written or edited (`timeline merge FILE`,
    `timeline render FILE`) become plain values that pydantic validates (``model_validate``), so a wrong
    value is one clear error. Without it, for our own encoding only (a store's or a worker's packed
    extractions, `PackedExtractions`), the models are built as they are (what ``model_construct`` does),
    by functions written for the models' own layout (`_BuilderSource`): validating 2,452 articles'
    models again took a third of their decoding, and generic loops over each row's columns half of
    what was left. A damaged row still raises (``ValueError``, ``TypeError``, ``IndexError``), but a
    wrong value within it is not found.
    """

    def __init__(self, fields: dict[str, list[str]], *, validate: bool = True) -> None:
        self.fields = fields
        self.validate = validate
        self._compiled: dict[Any, Callable[[Any], Any]] = {}
        self._builders: dict[type[BaseModel], Callable[[Any, list[str], list[Any]], Any]] = {}
        self._strings: list[str] = []
        self._rows: list[Any] = []

    def decode(self, model: type[M], row: Any, strings: list[str], rows: list[Any]) -> M:
        """Return the model the row encodes.

        Raises:
            ValueError: the row does not fit the model (pydantic's ``ValidationError`` is one).
        """
        self._strings, self._rows = strings, rows
        if self.validate:
            return model.model_validate(self._compile(model)(row))
        build = self._builders.get(model)
        if build is None:
            own = frozenset(
                held for held in _model_tree(model) if self.fields.get(held.__name__) == list(held.model_fields)
            )
            build = self._builders[model] = _builders(model, own)(self._validating)
        return build(row, strings, rows)  # type: ignore[no-any-return]

    def part(self, model: type[BaseModel]) -> Callable[[Any, list[str], list[Any]], dict[str, Any]]:
        """Return a function decoding one ``model`` row (a field of a larger row) to its fields, unvalidated."""
        compiled = self._compile(model)

        def decode(row: Any, strings: list[str], rows: list[Any]) -> dict[str, Any]:
            self._strings, self._rows = strings, rows
            return compiled(row)  # type: ignore[no-any-return]

        return decode

    def _validating(self, model: type[BaseModel]) -> Callable[[Any], BaseModel]:
        """Return what builds a model whose row has another layout in the file (an older one): pydantic does."""
        decode = self._compile(model)
        return lambda row: model.model_validate(decode(row))

    def _compile(self, annotation: Any) -> Callable[[Any], Any]:
        """Return the decoder of an annotation's values to what pydantic validates."""
        compiled = self._compiled.get(annotation)
        if compiled is None:
            self._compiled[annotation] = lambda value: self._compiled[annotation](value)  # a model holding its kind
            compiled = self._compiled[annotation] = self._build(annotation)
        return compiled

    def _build(self, annotation: Any) -> Callable[[Any], Any]:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names = self.fields.get(annotation.__name__)
            if names is None:
                return _missing(f"the file's fields table has no {annotation.__name__}")
            return self._object_decoder(annotation, names)
        origin = get_origin(annotation)
        if origin is tuple:
            item = self._compile(get_args(annotation)[0])
            if item is _same:
                return _same
            return lambda value: [item(element) for element in value] if type(value) is list else value
        if origin in (types.UnionType, typing.Union):
            option = self._compile(_option(annotation))
            return _same if option is _same else lambda value: None if value is None else option(value)
        if _is_text(annotation):
            return lambda value: _text(value, self._strings)
        return _same

    def _object_decoder(self, model: type[BaseModel], names: list[str]) -> Callable[[Any], dict[str, Any]]:
        """Return the decoder of a model's rows to their fields, for pydantic to validate."""
        known = model.model_fields
        columns = [(name, self._compile(known[name].annotation) if name in known else _same) for name in names]
        id_field = MENTION_IDS.get(model)
        if id_field is not None:
            columns = [(name, _keep_pieces(convert) if name == "title" else convert) for name, convert in columns]
        size = len(columns)

        def decode(row: Any) -> dict[str, Any]:
            if type(row) is int:
                row = self._rows[row] if 0 <= row < len(self._rows) else _outside(row, "rows")
            if type(row) is not list or len(row) > size:
                raise ValueError(f"a {model.__name__} row must be a list of at most {size} values")
            values = {name: convert(value) for (name, convert), value in zip(columns, row, strict=False)}
            if id_field is not None:
                _restore_mention(values, id_field)
            return values

        return decode


def _text(value: Any, strings: list[str]) -> Any:
    """Decode a text: itself, an index into ``strings``, or an id in two parts (`StringTable._text`)."""
    if type(value) is str:
        return value
    if type(value) is int:
        return strings[value] if 0 <= value < len(strings) else _outside(value, "strings")
    if type(value) is list and len(value) == 2:
        head, rest = value
        if isinstance(rest, str):  # [article id, "#rest"]
            head = _text(head, strings)
            return head + rest if isinstance(head, str) else value
        if type(head) is str and type(rest) is int:  # ["pub25-", article id]
            return head + _text(rest, strings)
    return value


def _option(annotation: Any) -> Any:
    """Return what an optional annotation (``X | None``) holds when it holds something."""
    return next(option for option in get_args(annotation) if option is not type(None))


def _model_tree(root: type[BaseModel]) -> list[type[BaseModel]]:
    """Return the root model and every model its fields hold, at any depth, each once."""
    found = [root]
    for model in found:
        for field in model.model_fields.values():
            found.extend(held for held in _models_in(field.annotation) if held not in found)
    return found


@cache
def _builders(root: type[BaseModel], own: frozenset[type[BaseModel]]) -> Callable[..., Any]:
    """Return the compiled `_BuilderSource` of a root model (its models of ``own`` layout built directly).

    Called with the `Decoder`'s fallback for the other models, it returns ``build(row, strings, rows)``.
    """
    source = _BuilderSource(root, own)
    namespace = source.namespace
    exec(compile(source.text(), f"<timeline.compact builders of {root.__name__}>", "exec"), namespace)  # noqa: S102
    return namespace["make"]  # type: ignore[no-any-return]


class _BuilderSource:
    """The Python source of functions that build a model tree from rows, one function per model.

    Written once per root model, then compiled: each function has its model's fields unrolled (the row
    unpacked into locals, each converted by the code its annotation needs, a dict display in field
    order), where a generic builder looped over columns and converters at every row (2,452 articles
    hold 480,000 models). Models are built as ``model_construct`` builds them. A shared row
    (an index into ``rows``) is built once per document and the same frozen model returned again.

    The source defines ``make(fallback)``; ``fallback(model)`` builds a model whose file layout is not
    the model's own (it is in ``own`` otherwise). ``make`` returns ``build(row, strings, rows)``.
    """

    def __init__(self, root: type[BaseModel], own: frozenset[type[BaseModel]]) -> None:
        self.models = _model_tree(root)
        self.own = own
        self.namespace: dict[str, Any] = {
            "new": object.__new__,
            "shared": _shared,
            "text": _text,
            "outside": _outside,
            "fromisoformat": date.fromisoformat,
            "joined_title": _joined_title,
            "whole_title": _whole_title,
            "event_mention_id": event_mention_id,
            "wrong_size": _wrong_size,
        }
        self._helpers: list[str] = []

    def text(self) -> str:
        """Return the source of ``make``."""
        names = [self._name(model) for model in self.models]
        caches = [f"B{at}" for at in range(len(self.models))]
        functions = [self._function(at, model) for at, model in enumerate(self.models) if model in self.own]
        lines = [
            "def make(fallback):",
            *(f"    {name} = fallback(M{at})" for at, name in enumerate(names) if name.startswith("F")),
            f"    S = R = {' = '.join(caches)} = None",
            *(helper.format(f"c{at}") for at, helper in enumerate(self._helpers)),
            *functions,
            "    def build(row, strings, rows):",
            f"        nonlocal S, R, {', '.join(caches)}",
            "        S, R = strings, rows",
            *(f"        {cache} = {{}}" for cache in caches),
            f"        return {names[0]}(row)",
            "    return build",
        ]
        return "\n".join(lines) + "\n"

    def _name(self, model: type[BaseModel]) -> str:
        """The name of a model's builder in the source: ``b3``, or ``F3`` for the fallback's."""
        at = self.models.index(model)
        self.namespace[f"M{at}"] = model
        return f"b{at}" if model in self.own else f"F{at}"

    def _function(self, at: int, model: type[BaseModel]) -> str:
        """Return the builder of one model, indented to sit in ``make``."""
        fields = list(model.model_fields.items())
        defaults = _defaults(model)
        size = len(fields)
        least = max((position + 1 for position, default in enumerate(defaults) if default is _NO_DEFAULT), default=0)
        self.namespace[f"FS{at}"] = [set(list(model.model_fields)[:given]) for given in range(size + 1)]
        for position in range(least, size):
            self.namespace[f"D{at}_{position}"] = defaults[position]
        mention = _mention_layout(model) if model in MENTION_IDS else None
        for slot in _SLOTS:  # set as ``model_construct`` sets them, through the slots' own descriptors: quicker
            self.namespace[f"set{at}{slot}"] = _slot(model, slot).__set__
        body = [
            f"def b{at}(row):  # {model.__name__}",
            "    if type(row) is not list:",
            f"        return shared(B{at}, b{at}, row, R, M{at})",
            "    n = len(row)",
        ]
        for given in range(size, least - 1, -1):
            unpacked = ", ".join(f"v{position}" for position in range(given)) + ("," if given == 1 else "")
            body.append(f"    {'if' if given == size else 'elif'} n == {given}:")
            body.append(f"        {unpacked} = row" if given else "        pass")
            body.extend(f"        v{position} = D{at}_{position}" for position in range(given, size))
        body += ["    else:", f"        wrong_size(M{at}, row)"]
        for position, (name, field) in enumerate(fields):
            if mention is not None and name == "title":
                continue  # after the sentence: `_mention_lines`
            lines = self._conversion(field.annotation, f"v{position}")
            if lines and position >= least:  # a field left out holds its default already
                body += [f"    if n > {position}:", *_indent(lines, 8)]
            else:
                body += _indent(lines, 4)
        if mention is not None:
            body += _indent(self._mention_lines(model, least), 4)
        values = ", ".join(f"{name!r}: v{position}" for position, (name, _) in enumerate(fields))
        body += [
            f"    instance = new(M{at})",
            f"    set{at}__dict__(instance, {{{values}}})",
            f"    set{at}__pydantic_fields_set__(instance, FS{at}[n])",
            f"    set{at}__pydantic_extra__(instance, None)",
            f"    set{at}__pydantic_private__(instance, None)",
            "    return instance",
        ]
        return "\n".join(_indent(body, 4))

    def _mention_lines(self, model: type[BaseModel], least: int) -> list[str]:
        """Put back what `StringTable._shorten_mention` left out: the title's words, then the id."""
        names = list(model.model_fields)
        id_field, at_id, at_title = _mention_layout(model)
        title, sentence = f"v{at_title}", f"v{names.index('sentence')}"
        span, article = f"v{names.index('trigger_span')}", f"v{names.index('article_id')}"
        restore = [
            f"if type({title}) is list and {title} and type({title}[0]) is list:",
            f"    {title} = joined_title({title}, {sentence})",
            f"elif type({title}) is str:  # written as it is: not shorter as pieces",
            f"    whole_title({title}, {sentence})",
            *(["else:", *_indent(converted, 4)] if (converted := self._conversion(str, title)) else []),
        ]
        lines = restore if at_title < least else [f"if n > {at_title}:", *_indent(restore, 4)]
        return [
            *lines,
            f"if v{at_id} is None and {span} is not None:",
            f"    v{at_id} = event_mention_id({article}, {span}.start, {span}.end)",
        ]

    def _helper(self, lines: list[str]) -> str:
        """Return the name of a function converting ``value`` by ``lines`` (written once: a tuple's items)."""
        function = "\n".join(_indent(["def {}(value):", *_indent(lines, 4), "    return value"], 4))
        if function not in self._helpers:
            self._helpers.append(function)
        return f"c{self._helpers.index(function)}"

    def _conversion(self, annotation: Any, var: str) -> list[str]:  # noqa: PLR0911 (one case per kind)
        """Return the statements that turn ``var``'s row value into its field value (none: as it is)."""
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return [f"{var} = {self._name(annotation)}({var})"]
        origin = get_origin(annotation)
        if origin in (types.UnionType, typing.Union):
            inner = self._conversion(_option(annotation), var)
            return [f"if {var} is not None:", *_indent(inner, 4)] if inner else []
        if origin is tuple:
            item = get_args(annotation)[0]
            if isinstance(item, type) and issubclass(item, BaseModel):
                return [f"{var} = tuple(map({self._name(item)}, {var}))"]
            inner = self._conversion(item, "value")
            if not inner:
                return [f"{var} = tuple({var})"]
            if inner == ["value = tuple(value)"]:
                return [f"{var} = tuple(map(tuple, {var}))"]
            return [f"{var} = tuple(map({self._helper(inner)}, {var}))"]
        if annotation is date:
            return [f"{var} = fromisoformat(S[{var}] if type({var}) is int and {var} >= 0 else text({var}, S))"]
        if _is_text(annotation):
            return [
                f"if type({var}) is int:",
                f'    {var} = S[{var}] if {var} >= 0 else outside({var}, "strings")',
                f"elif type({var}) is list:  # an id in two parts; other values are kept as they are",
                f"    {var} = text({var}, S)",
            ]
        return []


_SLOTS = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
"""What ``model_construct`` sets on a new model (pydantic's `BaseModel` slots)."""


def _slot(model: type[BaseModel], name: str) -> Any:
    """Return the descriptor of a model's slot (``__dict__`` is one too), from the class that defines it."""
    return next(klass.__dict__[name] for klass in model.__mro__ if name in klass.__dict__)


def _shared(
    built: dict[int, BaseModel],
    build: Callable[[list[Any]], BaseModel],
    at: Any,
    rows: list[Any],
    model: type[BaseModel],
) -> BaseModel:
    """Return the model of shared row ``at`` (an index into ``rows``), built at its first use in the document.

    The models are immutable, so every field that refers to the row holds the same one.
    """
    if type(at) is not int:
        _wrong_size(model, at)
    instance = built.get(at)
    if instance is None:
        row = rows[at] if at >= 0 else _outside(at, "rows")
        if type(row) is not list:
            _wrong_size(model, row)
        instance = built[at] = build(row)
    return instance


def _indent(lines: list[str], spaces: int) -> list[str]:
    return [" " * spaces + line for line in lines]


def _wrong_size(model: type[BaseModel], row: Any) -> None:
    """Raise the error of a row that is no list, or has too many values, or too few to hold every required field."""
    size = len(model.model_fields)
    if type(row) is not list or len(row) > size:
        raise ValueError(f"a {model.__name__} row must be a list of at most {size} values")
    raise ValueError(f"a {model.__name__} row leaves out a required field")


def _missing(message: str) -> Callable[[Any], Any]:
    def missing(_: Any) -> Any:
        raise ValueError(message)

    return missing


def _outside(index: int, name: str) -> Any:
    raise ValueError(f"index {index} is outside the {name} table")


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


_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_json_chunks = (
    c_make_encoder(None, _JSON.default, encode_basestring, None, ":", ",", False, False, True)
    if c_make_encoder is not None
    else None
)


def _json(value: Any) -> str:
    """Return ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``, json's own C encoder called directly.

    ``JSONEncoder.encode`` makes a new C encoder at each call: a timeline writes 340,000 values one by one,
    so that each sits on a line of its own. (Without the circular reference check: rows hold no cycle.)
    """
    if _json_chunks is None or isinstance(value, str):
        return _JSON.encode(value)
    return "".join(_json_chunks(value, 0))


def _json_each(values: Iterable[Any]) -> Iterable[str]:
    """Return `_json` of each value, without a Python call per value (a timeline has 100,000 events and mentions)."""
    if _json_chunks is None:
        return map(_json, values)
    return map("".join, map(_json_chunks, values, itertools.repeat(0)))


def dump_timeline(timeline: Timeline) -> str:
    """Return the compact `timeline.json` text: one shared strings and rows table for the whole timeline.

    Each table entry and each event sits on a line of its own, so the file still diffs and greps by line.
    """
    return "".join(timeline_pieces(timeline))


PIECE_LINES = 2048
"""The most table entries, events or mentions in one piece of `timeline_pieces`."""


def timeline_pieces(timeline: Timeline) -> Iterator[str]:
    """Return `dump_timeline`'s text in pieces of at most `PIECE_LINES` lines, to be written one after the other.

    A forked process writes `timeline.json` (`render.outputs`): its 19 MB (the +10 rebuild's) neither
    joined into one string nor encoded to UTF-8 at once, each a copy in new memory, a page fault per page.
    The tables are made in full first (the strings are numbered as the rows are written).
    """
    table = StringTable([timeline])
    row = table.encode(timeline)
    names = list(Timeline.model_fields)
    yield f'{{"format":{_json(TIMELINE_FORMAT)},\n"fields":{_json(model_fields_table(Timeline))},\n"strings":[\n'
    yield from _lines(map(encode_basestring, table.strings))
    yield '],\n"rows":[\n'
    yield from _lines(_json_each(table.rows))
    yield '],\n"timeline":['
    for position, value in enumerate(row):
        separator = "," if position else ""
        if isinstance(value, list) and value and isinstance(getattr(timeline, names[position]), tuple):
            yield separator + "[\n"
            yield from _lines(_json_each(value))
            yield "]"
        else:
            yield separator + _json(value)
    yield "]}\n"


def _lines(texts: Iterable[str]) -> Iterator[str]:
    r"""Return ``",\n".join(texts)`` in pieces of `PIECE_LINES` texts."""
    texts = iter(texts)
    separator = ""
    while piece := list(itertools.islice(texts, PIECE_LINES)):
        yield separator + ",\n".join(piece)
        separator = ",\n"


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


class SpooledBytes:
    """A list of byte strings kept in an anonymous temporary file: memory holds two numbers an item.

    Items are appended to the file and never overwritten, so a `copy` shares the file: replacing an
    item of the copy appends the new bytes and points the copy's position at them.
    """

    def __init__(
        self, file: BinaryIO | None = None, offsets: array | None = None, lengths: array | None = None
    ) -> None:
        self._file = file if file is not None else tempfile.TemporaryFile(prefix="timeline-packed-")  # noqa: SIM115
        self._offsets = offsets if offsets is not None else array("q")
        self._lengths = lengths if lengths is not None else array("q")

    def append(self, data: bytes) -> None:
        """Keep one more item, at the end."""
        self._offsets.append(self._write(data))
        self._lengths.append(len(data))

    def copy(self) -> SpooledBytes:
        """Return a list of the same items in the same file."""
        return SpooledBytes(self._file, array("q", self._offsets), array("q", self._lengths))

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> bytes: ...
    @overload
    def __getitem__(self, index: slice) -> list[bytes]: ...
    def __getitem__(self, index: int | slice) -> bytes | list[bytes]:
        if isinstance(index, slice):
            return [self._read(at) for at in range(len(self))[index]]
        return self._read(range(len(self))[index])

    def __setitem__(self, index: int, data: bytes) -> None:
        at = range(len(self))[index]
        self._offsets[at] = self._write(data)
        self._lengths[at] = len(data)

    def __iter__(self) -> Iterator[bytes]:
        for at in range(len(self)):
            yield self._read(at)

    def _write(self, data: bytes) -> int:
        self._file.seek(0, os.SEEK_END)
        offset = self._file.tell()
        self._file.write(data)
        return offset

    def _read(self, at: int) -> bytes:
        self._file.seek(self._offsets[at])
        return self._file.read(self._lengths[at])


class PackedExtractions(Sequence[ArticleExtraction]):
    """A corpus' extractions kept packed (`pack`): about 3 KB an article instead of 230 KB of models.

    A sequence like a list: an item is decoded when it is read, so a pass over the corpus (writing
    `extractions.jsonl`, finding undated articles' dates) holds one article's models at a time. With
    ``spool`` the packed items wait in a temporary file (`SpooledBytes`), not in memory: `timeline
    extract` then holds none of the corpus' results while it extracts it.
    """

    def __init__(self, items: Iterable[bytes] = (), *, source: Path | None = None, spool: bool = False) -> None:
        self._packed: list[bytes] | SpooledBytes
        if spool:
            self._packed = SpooledBytes()
            for item in items:
                self._packed.append(item)
        else:
            self._packed = list(items)
        self._decoder = Decoder(model_fields_table(ArticleExtraction, Issue), validate=False)  # ours: `Decoder`
        self.source = source
        """The store the items came from, named when one is damaged."""

    def copy(self) -> PackedExtractions:
        """Return a new sequence of the same items (they are immutable bytes: nothing is decoded)."""
        copied = PackedExtractions(source=self.source)
        copied._packed = self._packed.copy()
        return copied

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

    def put_packed(self, index: int, packed: bytes) -> None:
        """Keep an extraction already packed as item ``index``, the items before it that are not known yet empty.

        A store's rebuild reads its stored extractions and gets its new ones in another order than the
        articles' (`store.extract_with_store`): each is kept where it belongs as it comes, read once.
        """
        while len(self._packed) < index:
            self._packed.append(b"")  # a place kept for an item put later
        if index == len(self._packed):
            self._packed.append(packed)
        else:
            self._packed[index] = packed

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

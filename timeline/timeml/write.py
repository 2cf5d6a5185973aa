"""Write TimeML: strip gold annotation to make TempEval-3 input files, and add our TIMEX3 tags.

A TempEval-3 system file is its input file with TIMEX3 tags added and every other byte unchanged,
so writing never re-serialises the XML: tags are spliced into the raw text at the offsets the
reader's map gives. A tag is only placed where the expression's characters are one contiguous run
of raw text (no tag inside it, no half of an entity, nothing in a CDATA section); any other
expression is skipped and reported, so the output is always well-formed when the input is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from timeline.models import Span
from timeline.timeml.read import TimemlDocument

_LINK_ELEMENT = re.compile(
    r"[ \t]*<(?P<name>MAKEINSTANCE|TLINK|SLINK|ALINK)\b[^>]*?(?:/>|>.*?</(?P=name)\s*>)[ \t]*(?:\r?\n)?",
    re.DOTALL,
)
_ANY_TAG = re.compile(r"(?P<cdata><!\[CDATA\[.*?\]\]>)|<!--.*?-->|<\?.*?\?>|<[^>]*>", re.DOTALL)
_TIMEX_TAG = re.compile(r"<TIMEX3(?:\s[^>]*)?>|</TIMEX3\s*>")
_TEXT_OPEN = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE = re.compile(r"</TEXT\s*>")
_TID_NUMBER = re.compile(r"t(\d+)")


class Annotation(Protocol):
    """What a TIMEX3 tag is written from: a span on the plain text, a type, a value, maybe a mod."""

    @property
    def span(self) -> Span: ...  # noqa: D102

    @property
    def type(self) -> str: ...  # noqa: D102

    @property
    def value(self) -> str: ...  # noqa: D102

    @property
    def mod(self) -> str | None: ...  # noqa: D102


@dataclass(frozen=True)
class Skipped:
    """An expression that could not be written as a tag, and why."""

    span: Span
    text: str
    reason: str


@dataclass(frozen=True)
class SystemFile:
    """A system file's text, the tid given to each expression (None: skipped), and what was skipped."""

    text: str
    tids: tuple[str | None, ...]
    skipped: tuple[Skipped, ...]


def strip_annotations(raw: str) -> str:
    """Return a TempEval-3 input file: every tag inside ``<TEXT>`` removed, and the link elements.

    The text inside ``<TEXT>`` keeps its characters and entities exactly; ``MAKEINSTANCE``,
    ``TLINK``, ``SLINK`` and ``ALINK`` elements (which point at the removed tags) go with their line.
    The ``<DCT>`` and everything else outside ``<TEXT>`` stays as it was.
    """
    region = _text_region(raw)
    if region is None:
        return _LINK_ELEMENT.sub("", raw)
    begin, end = region
    head = _LINK_ELEMENT.sub("", raw[:begin])
    body = _ANY_TAG.sub(lambda match: match["cdata"] or "", raw[begin:end])
    tail = _LINK_ELEMENT.sub("", raw[end:])
    return head + body + tail


def remove_timex_tags(raw: str) -> str:
    """Return ``raw`` with the TIMEX3 tags inside ``<TEXT>`` removed (their text stays)."""
    region = _text_region(raw)
    if region is None:
        return raw
    begin, end = region
    return raw[:begin] + _TIMEX_TAG.sub("", raw[begin:end]) + raw[end:]


def write_system_file(document: TimemlDocument, expressions: Sequence[Annotation]) -> SystemFile:
    """Return the document's text with a TIMEX3 tag around each expression, all else byte-identical.

    Expressions are taken in text order (the longer first at equal starts); one that overlaps an
    expression already written, falls outside the text, or cannot be tagged safely (see the module
    docstring) is skipped. Tids continue after the DCT's (``t1``, ``t2``... when the DCT is ``t0``)
    and never reuse one the document already has.

    Returns:
        The system file; its ``tids`` follow the order of ``expressions`` (None for a skipped one).
    """
    order = sorted(
        range(len(expressions)),
        key=lambda index: (expressions[index].span.start, -expressions[index].span.end, index),
    )
    inserts: list[tuple[int, int, str]] = []
    tids: list[str | None] = [None] * len(expressions)
    skipped: list[Skipped] = []
    next_tid = _tid_numbers(document)
    last_end = 0
    for index in order:
        expression = expressions[index]
        start, end = expression.span.start, expression.span.end
        reason = _unsafe(document, start, end, last_end)
        if reason:
            skipped.append(Skipped(span=expression.span, text=document.plain[start:end], reason=reason))
            continue
        tid = tids[index] = next(next_tid)
        inserts.append((document.raw_starts[start], document.raw_ends[end - 1], _open_tag(tid, expression)))
        last_end = end
    pieces: list[str] = []
    position = 0
    for raw_start, raw_end, opening in inserts:
        pieces.extend((document.raw[position:raw_start], opening, document.raw[raw_start:raw_end], "</TIMEX3>"))
        position = raw_end
    pieces.append(document.raw[position:])
    return SystemFile(text="".join(pieces), tids=tuple(tids), skipped=tuple(skipped))


def escape_attribute(value: str) -> str:
    """Escape a value for a double-quoted XML attribute."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _open_tag(tid: str, expression: Annotation) -> str:
    attributes = [("tid", tid), ("type", expression.type), ("value", expression.value)]
    if expression.mod:
        attributes.append(("mod", expression.mod))
    return "<TIMEX3 " + " ".join(f'{key}="{escape_attribute(value)}"' for key, value in attributes) + ">"


def _unsafe(document: TimemlDocument, start: int, end: int, last_end: int) -> str | None:
    """Return why ``[start, end)`` cannot be tagged, or None when it can."""
    if start < 0 or end > len(document.plain) or end <= start:
        return "outside the text"
    if start < last_end:
        return "overlaps an expression already tagged"
    if not all(document.taggable[start:end]):
        return "inside a CDATA section"
    starts, ends = document.raw_starts, document.raw_ends
    if any(starts[index + 1] != ends[index] for index in range(start, end - 1)):
        return "crosses a tag in the text"
    return None


def _tid_numbers(document: TimemlDocument) -> Iterator[str]:
    """Yield free tids ``tN``, N counting up from just after the DCT's number (or from 1)."""
    match = _TID_NUMBER.fullmatch(document.dct_tid or "")
    number = int(match[1]) + 1 if match else 1
    while True:
        tid = f"t{number}"
        if tid not in document.tids:
            yield tid
        number += 1


def _text_region(raw: str) -> tuple[int, int] | None:
    opening = _TEXT_OPEN.search(raw)
    closing = _TEXT_CLOSE.search(raw, opening.end()) if opening else None
    if opening is None or closing is None:
        return None
    return opening.end(), closing.start()

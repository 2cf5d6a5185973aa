"""Web boilerplate in scraped news: marked at ingest, never cut, never read for events.

Scraped pages bring their furniture into the text: "Page last updated at 07:43 GMT", share and
retweet lines, media-player notices, comment rules and whole comment sections, bylines glued to the
story. A timeline built from them shows "Joining us" or a commenter's post as an event and the
page's update time as a date. The text stays as read (every span of an article points into it):
`boilerplate_spans` returns the ranges to leave out, kept in `Article.boilerplate`, and extraction
skips them as it skips a metadata header. The patterns are data (`resources/en/boilerplate.yml`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

from timeline.errors import ResourceError
from timeline.models import Span


class BoilerplatePattern(BaseModel):
    """One pattern with a name and the examples it must match."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    pattern: str
    examples: tuple[str, ...]


class BoilerplateRules(BaseModel):
    """The validated `resources/en/boilerplate.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    spans: tuple[BoilerplatePattern, ...]
    sections: tuple[BoilerplatePattern, ...] = ()
    not_boilerplate: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def load_boilerplate_rules() -> BoilerplateRules:
    """Read the boilerplate patterns once per process."""
    path = resources.files("timeline.resources").joinpath("en/boilerplate.yml")
    return BoilerplateRules.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    rules = load_boilerplate_rules()
    try:
        spans = tuple(re.compile(rule.pattern) for rule in rules.spans)
        sections = tuple(re.compile(rule.pattern) for rule in rules.sections)
    except re.error as error:
        raise ResourceError(f"resources/en/boilerplate.yml: bad pattern: {error}", hint="fix the regex") from error
    return spans, sections


def boilerplate_spans(text: str, start: int = 0) -> tuple[Span, ...]:
    """Return the ranges of ``text`` (from ``start``, after a metadata header) that are page furniture.

    Ranges are sorted and merged; a comment section runs from its first comment to the end.
    """
    spans, sections = _compiled()
    found: list[tuple[int, int]] = []
    for pattern in spans:
        found.extend((m.start(), m.end()) for m in pattern.finditer(text, start) if m.end() > m.start())
    for pattern in sections:
        first = pattern.search(text, start)
        if first is not None:
            found.append((first.start(), len(text)))
    merged: list[list[int]] = []
    for begin, end in sorted(found):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return tuple(Span(start=begin, end=end) for begin, end in merged)


def outside(text: str, offset: int, skipped: tuple[Span, ...]) -> list[tuple[int, str]]:
    """Return the pieces of a chunk (``text`` at ``offset``) that lie outside the ``skipped`` ranges.

    A piece after a skipped range starts at its first word; a chunk with nothing skipped is unchanged.
    """
    pieces, cursor, end = [], offset, offset + len(text)
    for span in skipped:
        if span.end <= cursor or span.start >= end:
            continue
        if span.start > cursor:
            pieces.append((cursor, text[cursor - offset : span.start - offset]))
        cursor = max(cursor, span.end)
    if cursor < end:
        pieces.append((cursor, text[cursor - offset :]))
    trimmed = [
        (at, piece) if at == offset else (at + len(piece) - len(piece.lstrip()), piece.lstrip()) for at, piece in pieces
    ]
    return [(at, piece) for at, piece in trimmed if piece.strip()]

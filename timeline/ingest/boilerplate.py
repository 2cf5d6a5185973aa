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
from typing import Any

from pydantic import BaseModel, ConfigDict

from timeline.errors import ResourceError
from timeline.models import Span
from timeline.resources import load_yaml


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
    return BoilerplateRules.model_validate(load_yaml(path.read_text(encoding="utf-8")))


Needs = tuple[tuple[str, bool], ...]
"""A pattern's needed literals: (literal, case-insensitive); every match contains one of them."""


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[tuple[re.Pattern[str], Needs], ...], tuple[tuple[re.Pattern[str], Needs], ...]]:
    rules = load_boilerplate_rules()
    try:
        spans = tuple(re.compile(rule.pattern) for rule in rules.spans)
        sections = tuple(re.compile(rule.pattern) for rule in rules.sections)
    except re.error as error:
        raise ResourceError(f"resources/en/boilerplate.yml: bad pattern: {error}", hint="fix the regex") from error
    return tuple((p, _needs(p)) for p in spans), tuple((p, _needs(p)) for p in sections)


def boilerplate_spans(text: str, start: int = 0) -> tuple[Span, ...]:
    """Return the ranges of ``text`` (from ``start``, after a metadata header) that are page furniture.

    Ranges are sorted and merged; a comment section runs from its first comment to the end. A pattern
    is run only on a text holding one of the literals it needs (`_needs`): scanning 4 MB of news with
    the twelve patterns took 1.4 s, looking for their literals a few ms, and news rarely holds any.
    """
    spans, sections = _compiled()
    lowered = text.lower() if text.isascii() else None  # an ASCII text's lower case is its case-free form
    found: list[tuple[int, int]] = []
    for pattern, needs in spans:
        if _may_match(needs, text, lowered):
            found.extend((m.start(), m.end()) for m in pattern.finditer(text, start) if m.end() > m.start())
    for pattern, needs in sections:
        first = pattern.search(text, start) if _may_match(needs, text, lowered) else None
        if first is not None:
            found.append((first.start(), len(text)))
    merged: list[list[int]] = []
    for begin, end in sorted(found):
        if merged and begin <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([begin, end])
    return tuple(Span(start=begin, end=end) for begin, end in merged)


def _may_match(needs: Needs, text: str, lowered: str | None) -> bool:
    """Return whether ``text`` holds one of the needed literals (a case-free one only in an ASCII text)."""
    if not needs:
        return True
    for literal, free in needs:
        if not free:
            if literal in text:
                return True
        elif lowered is None or literal in lowered:  # outside ASCII, case folds too many ways to tell
            return True
    return False


def _needs(pattern: re.Pattern[str]) -> Needs:
    """Return literals one of which every match of ``pattern`` contains; () when none is found (always run it).

    Read from the parsed pattern (Python's own parser), so that no list is kept by hand beside the
    patterns: a run of literal characters is needed where it stands in a sequence, a group's or a
    repeat's (at least once) needs are the sequence's, and each branch of an alternation gives its own.
    Of the candidates, the one whose shortest literal is longest is kept (the rarest in news).
    """
    try:
        from re import _constants, _parser  # Python's regex parser (3.11+); without it, every pattern runs
    except ImportError:
        return ()
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return _sequence_needs(parsed, bool(parsed.state.flags & re.IGNORECASE), _constants) or ()


def _sequence_needs(items: Any, free: bool, c: Any) -> Needs | None:  # noqa: ANN401 (the parser's own types)
    """Return the needs of a parsed sequence (``free``: case-insensitive), or None when it needs nothing."""
    candidates: list[Needs] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL and (not free or arg < 128):  # a case-free non-ASCII letter may match ASCII ones
            run.append(chr(arg).lower() if free else chr(arg))
            continue
        if run:
            candidates.append(((("".join(run)), free),))
            run = []
        if op is c.SUBPATTERN:
            _, add, delete, sub = arg
            inner = (free or bool(add & re.IGNORECASE)) and not delete & re.IGNORECASE
            candidates.append(_sequence_needs(sub, inner, c))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and arg[0] >= 1:
            candidates.append(_sequence_needs(arg[2], free, c))
        elif op is c.ASSERT:  # a lookaround's text is in the text too
            candidates.append(_sequence_needs(arg[1], free, c))
        elif op is c.BRANCH:
            branches = [_sequence_needs(branch, free, c) for branch in arg[1]]
            if all(branch is not None for branch in branches):
                candidates.append(tuple(need for branch in branches for need in branch))  # type: ignore[union-attr]
    found = [needs for needs in candidates if needs]
    return max(found, key=lambda needs: min(len(literal) for literal, _ in needs), default=None)


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

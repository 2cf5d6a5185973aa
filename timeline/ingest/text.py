"""Read plain-text and Markdown articles: optional YAML front matter, a date header line, a title line.

The article text is the file's content after the front matter, unchanged: the date header line and
the title line stay in it, so every character span found later points at the file's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.draft import Draft, derive_title, make_issue
from timeline.ingest.metadata import (
    ARTICLE_FIELDS,
    YAML_ERRORS,
    apply_fields,
    apply_published,
    load_yaml,
    split_known_fields,
)
from timeline.models import Issue

TITLE_LINE_MAX_CHARS = 150
"""A first line longer than this is text, not a title."""

_TITLE_ENDINGS = (".", "!", "?", ",", ":", ";", '"', "'", "”", "’", "»")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE)
_FRONT_MATTER_START = re.compile(r"\A---[ \t]*\n")
_HEADER_LINE = re.compile(
    r"[ \t]*(?:date|dated|published)[ \t]*:?[ \t]*"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?)"
    r"(?![\w:/-])",
    re.IGNORECASE,
)
_FRONT_MATTER_HINT = "write front matter as 'key: value' lines between two '---' lines"


@dataclass(frozen=True)
class HeaderLine:
    """A first line like ``date 2024-01-03 ...``: its index in the body, the date, and what follows."""

    index: int
    date: str
    rest: str
    end_offset: int = 0
    """Characters of the body up to the end of the date: metadata, not narrative."""


def parse_text_article(path: Path, text: str) -> tuple[list[Draft], list[Issue]]:
    """Read one ``.txt`` or ``.md`` article.

    Args:
        path: the file (its stem is the default id).
        text: its decoded text, line endings normalised.

    Returns:
        One draft (none when there is no text after the front matter) and the Issues.
    """
    meta, body, body_line, issues = split_front_matter(path, text)
    if not body.strip():
        issues.append(
            make_issue(
                "I111",
                path,
                "no text after the front matter; skipped",
                hint="add the article text below the closing '---'",
            )
        )
        return [], issues
    draft = Draft(id=path.stem, path=path, text=body)
    lines = body.split("\n")
    header = find_header_line(lines)
    if header is not None:
        draft, found = apply_published(
            draft, header.date, "header-line", where=str(path), line=body_line + header.index
        )
        issues.extend(found)
        draft = draft.with_fields(header_chars=header.end_offset)
    if meta:
        known, found = split_known_fields(meta, ARTICLE_FIELDS, where=str(path), line=1, what="front matter")
        draft, applied = apply_fields(draft, known, "front-matter", where=str(path), line=1)
        issues.extend([*found, *applied])
    if not draft.title:
        draft = draft.with_fields(title=detect_title(lines, header, markdown=path.suffix.lower() == ".md"))
    return [draft], issues


def split_front_matter(path: Path, text: str) -> tuple[dict[object, object], str, int, list[Issue]]:
    """Separate YAML front matter from the body.

    Args:
        path: the file, for messages.
        text: the whole file.

    Returns:
        The front matter mapping (empty if none), the body, the 1-based file line the body starts
        on, and the Issues (I140 when the front matter is broken: the text is then kept whole).
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        if _FRONT_MATTER_START.match(text):
            return {}, text, 1, [_bad_front_matter(path, "front matter has no closing '---' line")]
        return {}, text, 1, []
    try:
        meta = load_yaml(match.group("yaml"))
    except YAML_ERRORS as err:
        reason = " ".join(str(err).split())[:200]
        return {}, text, 1, [_bad_front_matter(path, f"front matter is not valid YAML ({reason})")]
    if meta is not None and not isinstance(meta, dict):
        return {}, text, 1, [_bad_front_matter(path, "front matter is not a mapping of keys to values")]
    body_line = text.count("\n", 0, match.end()) + 1
    return dict(meta or {}), text[match.end() :], body_line, []


def find_header_line(lines: list[str]) -> HeaderLine | None:
    """Find a publication-date header such as ``date 2024-01-03`` or ``Date: 2024-01-03``.

    Args:
        lines: the body's lines.

    Returns:
        The header when the first non-blank line starts with one, else None.
    """
    first = _first_content_line(lines, 0)
    if first is None:
        return None
    match = _HEADER_LINE.match(lines[first])
    if match is None:
        return None
    offset = sum(len(line) + 1 for line in lines[:first]) + match.end()
    return HeaderLine(index=first, date=match.group("date"), rest=lines[first][match.end() :], end_offset=offset)


def detect_title(lines: list[str], header: HeaderLine | None, *, markdown: bool) -> str:
    """Return the title line if there is one, else a title made from the first sentence.

    The first content line (after a header's date, or the next line when the header holds only a
    date) is a title when it is at most 150 characters, does not end like a sentence, and is
    followed by a blank line. Markdown ``#`` marks are removed.

    Args:
        lines: the body's lines.
        header: the date header line, if any.
        markdown: True for ``.md`` files.

    Returns:
        The title ("" for a body without words).
    """
    first = _first_content_line(lines, 0)
    if first is None:
        return ""
    candidate = lines[first]
    if header is not None:
        candidate = header.rest
        if not candidate.strip():
            first = _first_content_line(lines, header.index + 1)
            candidate = lines[first] if first is not None else ""
    candidate = candidate.strip()
    if markdown:
        candidate = candidate.lstrip("#").strip()
    if first is not None and _is_title_line(candidate, lines, first):
        return candidate
    rest = lines[first + 1 :] if first is not None else []
    return derive_title("\n".join([candidate, *rest]))


def _is_title_line(candidate: str, lines: list[str], index: int) -> bool:
    """Return True when ``candidate`` (the text of ``lines[index]``) looks like a title line."""
    followed_by_blank = index + 1 < len(lines) and not lines[index + 1].strip()
    return (
        bool(candidate)
        and len(candidate) <= TITLE_LINE_MAX_CHARS
        and not candidate.endswith(_TITLE_ENDINGS)
        and followed_by_blank
    )


def _first_content_line(lines: list[str], start: int) -> int | None:
    """Return the index of the first non-blank line at or after ``start``."""
    return next((index for index in range(start, len(lines)) if lines[index].strip()), None)


def _bad_front_matter(path: Path, message: str) -> Issue:
    """Return the I140 Issue for front matter that cannot be used."""
    return make_issue("I140", path, f"{message}; metadata ignored, text kept whole", hint=_FRONT_MATTER_HINT, line=1)

"""Read articles stored as JSON records: ``.json`` (one object or a list) and ``.jsonl`` (one per line).

A bad record or line is an Issue naming the file and line, and the others are still read: one broken
line in a scraped corpus must not cost the whole corpus.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from timeline.ingest.decode import normalise_newlines
from timeline.ingest.draft import Draft, make_issue
from timeline.ingest.metadata import ARTICLE_FIELDS, apply_fields, describe_value, split_known_fields
from timeline.models import Issue

RECORD_FIELDS = (*ARTICLE_FIELDS, "text")
"""The fields a JSON record may have."""

_JSON_ERRORS = (ValueError, RecursionError)
_TEXT_HINT = "give each record a string field 'text' with the article text"


def parse_jsonl_file(path: Path, text: str) -> tuple[list[Draft], list[Issue]]:
    """Read a JSON Lines file: one record per non-blank line.

    Args:
        path: the file (records without an id get ``<stem>-<line>``).
        text: its decoded text.

    Returns:
        A draft per usable record and the Issues (I160 a line that is not JSON, I161 not an object,
        I162 no text, I141 unknown field, I142 wrong type, I130 bad date).
    """
    drafts: list[Draft] = []
    issues: list[Issue] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except _JSON_ERRORS as err:
            issues.append(_not_json(path, number, err, "fix or remove the line"))
            continue
        draft, found = record_to_draft(value, path, line=number, default_id=f"{path.stem}-{number}")
        drafts.extend([draft] if draft else [])
        issues.extend(found)
    return drafts, issues


def parse_json_file(path: Path, text: str) -> tuple[list[Draft], list[Issue]]:
    """Read a JSON file holding one record or a list of records.

    Args:
        path: the file (a single record without an id gets the stem; listed ones ``<stem>-<line>``).
        text: its decoded text.

    Returns:
        A draft per usable record and the Issues, as for `parse_jsonl_file`; a file that is not JSON
        at all gives one I160 Issue.
    """
    try:
        value = json.loads(text)
    except _JSON_ERRORS as err:
        return [], [_not_json(path, getattr(err, "lineno", None), err, "fix the JSON syntax")]
    drafts: list[Draft] = []
    issues: list[Issue] = []
    for line, item in _records_with_lines(value, text):
        default_id = path.stem if line is None else f"{path.stem}-{line}"
        draft, found = record_to_draft(item, path, line=line, default_id=default_id)
        drafts.extend([draft] if draft else [])
        issues.extend(found)
    return drafts, issues


def record_to_draft(
    value: object, path: Path, *, line: int | None, default_id: str
) -> tuple[Draft | None, list[Issue]]:
    """Turn one JSON value into a draft.

    Args:
        value: the parsed record.
        path: its file.
        line: the line it starts on (None for the only record of a ``.json`` file).
        default_id: the id to use when the record has none.

    Returns:
        The draft (None when the record is unusable) and the Issues.
    """
    if not isinstance(value, dict):
        kind = type(value).__name__ if value is not None else "null"
        return None, [
            make_issue(
                "I161",
                path,
                f"record is a JSON {kind}, not an object; skipped",
                line=line,
                severity="error",
                hint=_TEXT_HINT,
            )
        ]
    known, issues = split_known_fields(value, RECORD_FIELDS, where=str(path), line=line, what="record")
    body = known.get("text")
    if not isinstance(body, str) or not body.strip():
        message = "record has no 'text' field;" if body is None else "record has no text in its 'text' field;"
        if body is not None and not isinstance(body, str):
            message = f"text must be a string, got {describe_value(body)}; record"
        issues.append(make_issue("I162", path, f"{message} skipped", line=line, severity="error", hint=_TEXT_HINT))
        return None, issues
    draft = Draft(id=default_id, path=path, text=normalise_newlines(body), line=line)
    draft, applied = apply_fields(draft, known, "record", where=str(path), line=line)
    return draft, [*issues, *applied]


def _records_with_lines(value: object, text: str) -> Iterator[tuple[int | None, object]]:
    """Yield the records of a ``.json`` file with the line each starts on (None for a lone object)."""
    if isinstance(value, list):
        yield from zip(_list_item_lines(text), value, strict=True)
    else:
        yield None, value


def _list_item_lines(text: str) -> list[int]:
    """Return the line each item of the (valid) top-level JSON array in ``text`` starts on."""
    decoder = json.JSONDecoder()
    index = _skip_space(text, text.index("[") + 1)
    line, counted, lines = 1, 0, []
    while text[index] != "]":
        line += text.count("\n", counted, index)
        counted = index
        lines.append(line)
        _, index = decoder.raw_decode(text, index)
        index = _skip_space(text, index)
        index = _skip_space(text, index + 1) if text[index] == "," else index
    return lines


def _skip_space(text: str, index: int) -> int:
    """Return the index of the first non-whitespace character at or after ``index``."""
    while text[index] in " \t\n\r":
        index += 1
    return index


def _not_json(path: Path, line: int | None, err: Exception, hint: str) -> Issue:
    """Return the I160 Issue for text that is not valid JSON."""
    reason = getattr(err, "msg", None) or type(err).__name__
    return make_issue("I160", path, f"not valid JSON ({reason}); skipped", line=line, severity="error", hint=hint)

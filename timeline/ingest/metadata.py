"""Metadata fields (id, source, title, url, published, language) shared by front matter, records, manifests.

One place checks and applies them, so a field means the same thing wherever it is written, and every
bad value becomes the same kind of Issue. YAML is read with every scalar kept as written (no dates, no
booleans, no numbers): ``published: 2024-02-30`` must be reported, not crash the YAML parser, and
``language: no`` is Norwegian.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime

import yaml

from timeline.ingest.dates import DATE_HINT, DateValueError, implausible_year, parse_strict_date
from timeline.ingest.draft import Draft, make_issue
from timeline.models import Issue, PublishedOrigin

ARTICLE_FIELDS = ("id", "source", "title", "url", "published", "language")
"""The metadata fields an article can be given."""

YAML_ERRORS = (yaml.YAMLError, ValueError, RecursionError)
"""What reading untrusted YAML may raise."""

NUMBER_IS_TEXT = frozenset({"id", "source", "title"})
"""Fields where a JSON number is taken as its text (a record id 42, a title 1984); a number is no
url and no language code."""

SHOWN_VALUE_CHARS = 60
"""A wrong value is quoted in its Issue up to this many characters."""


class StringScalarLoader(yaml.SafeLoader):
    """A safe YAML loader that resolves only null: every other scalar stays the string written."""


StringScalarLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str) -> object:
    """Parse one YAML document with `StringScalarLoader`.

    Args:
        text: the YAML source.

    Returns:
        The parsed value (None for an empty document).

    Raises:
        yaml.YAMLError: the text is not valid YAML (callers also catch the rest of `YAML_ERRORS`).
    """
    return yaml.load(text, Loader=StringScalarLoader)


def scalar_text(value: object, *, numbers: bool = True) -> str | None:
    """Return a metadata value as a stripped string, None when it is empty or not a scalar.

    Args:
        value: a value from YAML, JSON or CSV.
        numbers: whether a number is written back as text (else it gives None).

    Returns:
        The string; booleans, lists and mappings give None.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float) and not numbers:
        return None
    if isinstance(value, str | int | float | date | datetime):
        return str(value).strip()
    return None


def describe_value(value: object) -> str:
    """Return a wrong value as a reader would recognise it, with its kind: ``12345 (a number)``.

    The value is written as JSON (how records and YAML lists look), cut to `SHOWN_VALUE_CHARS`.

    Args:
        value: a value from YAML, JSON or CSV.

    Returns:
        The quoted value and its kind, e.g. ``["a", "b"] (a list)``, ``'06/02/2024'`` for a string.
    """
    if isinstance(value, str):
        return repr(value if len(value) <= SHOWN_VALUE_CHARS else value[: SHOWN_VALUE_CHARS - 1] + "…")
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > SHOWN_VALUE_CHARS:
        text = text[: SHOWN_VALUE_CHARS - 1] + "…"
    return f"{text} ({_kind(value)})"


def _kind(value: object) -> str:
    """Return "a number", "a list"... for a value that is not a string."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return f"a {type(value).__name__}"


def split_known_fields(
    raw: Mapping[object, object],
    allowed: tuple[str, ...],
    *,
    where: str,
    line: int | None,
    what: str,
) -> tuple[dict[str, object], list[Issue]]:
    """Keep the allowed fields of a mapping; every other key becomes an Issue (code I141).

    Args:
        raw: the mapping read from the file.
        allowed: the field names accepted here.
        where: the file, for messages.
        line: its line, if known.
        what: what the mapping is ("front matter", "record"), for messages.

    Returns:
        The allowed fields (keys lower-cased and stripped) and the Issues.
    """
    known: dict[str, object] = {}
    issues: list[Issue] = []
    for key, value in raw.items():
        name = str(key).strip().lower()
        if name in allowed:
            known[name] = value
            continue
        issues.append(
            make_issue(
                "I141",
                where,
                f"unknown {what} field {str(key)!r} ignored",
                hint=f"use only {', '.join(allowed)}",
                line=line,
            )
        )
    return known, issues


def apply_fields(
    draft: Draft,
    fields: Mapping[str, object],
    origin: PublishedOrigin,
    *,
    where: str,
    line: int | None,
) -> tuple[Draft, list[Issue]]:
    """Apply metadata fields to a draft: present values override, bad values become Issues.

    Args:
        draft: the article so far.
        fields: field name to value; names outside `ARTICLE_FIELDS` are ignored.
        origin: the origin a valid ``published`` value gets.
        where: the file the fields come from, for messages.
        line: their line, if known.

    Returns:
        The updated draft and the Issues (I142 for a value of the wrong type, I130 for a bad date).
    """
    changes: dict[str, object] = {}
    issues: list[Issue] = []
    for name in ARTICLE_FIELDS:
        if name not in fields or fields[name] is None or name == "published":
            continue
        text = scalar_text(fields[name], numbers=name in NUMBER_IS_TEXT)
        if text is None:
            issues.append(_wrong_type(name, fields[name], where, line, draft.id))
        elif text:
            changes[name] = text
    draft = draft.with_fields(**changes) if changes else draft
    if fields.get("published") not in (None, ""):
        draft, date_issues = apply_published(draft, fields["published"], origin, where=where, line=line)
        issues.extend(date_issues)
    return draft, issues


def apply_published(
    draft: Draft, value: object, origin: PublishedOrigin, *, where: str | None, line: int | None
) -> tuple[Draft, list[Issue]]:
    """Add ``value`` as the publication date from ``origin``, or an Issue if it is not a date (I130, I132).

    Args:
        draft: the article so far.
        value: the date as given.
        origin: where it came from.
        where: the file, for messages (None for a command-line value).
        line: its line, if known.

    Returns:
        The updated draft (unchanged when the value is invalid, or a year outside 1800-2200: I132)
        and the Issues.
    """
    try:
        day = parse_strict_date(value)
    except DateValueError as err:
        if where is None:
            message = f"--published {draft.id}={value!r} is not a valid date ({err}); ignored"
        else:
            reason = f" ({err})" if isinstance(value, str) else ""
            message = f"published must be a date (YYYY-MM-DD), got {describe_value(value)}{reason}; ignored"
        return draft, [make_issue("I130", where, message, hint=DATE_HINT, line=line, article_id=draft.id)]
    reason = implausible_year(day)
    if reason is not None:
        label = f"--published {draft.id}={day}" if where is None else f"published date {day}"
        message = f"{label}: {reason}, so it cannot be right; treated as missing"
        hint = f"check the date, or give the right one with --published {draft.id}=YYYY-MM-DD"
        return draft, [make_issue("I132", where, message, hint=hint, line=line, article_id=draft.id)]
    return draft.with_date(origin, day), []


def _wrong_type(name: str, value: object, where: str, line: int | None, article_id: str) -> Issue:
    """Return the I142 Issue for a field whose value is not a string: the field, the value, its kind."""
    return make_issue(
        "I142",
        where,
        f"{name} must be text, got {describe_value(value)}; ignored",
        hint=f"write {name} as a plain string",
        line=line,
        article_id=article_id,
    )

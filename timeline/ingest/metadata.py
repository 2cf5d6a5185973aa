"""Metadata fields (id, source, title, url, published, language) shared by front matter, records, manifests.

One place checks and applies them, so a field means the same thing wherever it is written, and every
bad value becomes the same kind of Issue. YAML is read with every scalar kept as written (no dates, no
booleans, no numbers): ``published: 2024-02-30`` must be reported, not crash the YAML parser, and
``language: no`` is Norwegian.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

import yaml

from timeline.ingest.dates import DATE_HINT, DateValueError, parse_strict_date
from timeline.ingest.draft import Draft, make_issue
from timeline.models import Issue, PublishedOrigin

ARTICLE_FIELDS = ("id", "source", "title", "url", "published", "language")
"""The metadata fields an article can be given."""

YAML_ERRORS = (yaml.YAMLError, ValueError, RecursionError)
"""What reading untrusted YAML may raise."""


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


def scalar_text(value: object) -> str | None:
    """Return a metadata value as a stripped string, None when it is empty or not a scalar.

    Args:
        value: a value from YAML, JSON or CSV.

    Returns:
        The string; numbers are written back as text, booleans, lists and mappings give None.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float | date | datetime):
        return str(value).strip()
    return None


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
        text = scalar_text(fields[name])
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
    """Add ``value`` as the publication date from ``origin``, or an I130 Issue if it is not a date.

    Args:
        draft: the article so far.
        value: the date as given.
        origin: where it came from.
        where: the file, for messages (None for a command-line value).
        line: its line, if known.

    Returns:
        The updated draft (unchanged when the value is invalid) and the Issues.
    """
    try:
        day = parse_strict_date(value)
    except DateValueError as err:
        label = f"--published {draft.id}=" if where is None else "published date "
        shown = value if isinstance(value, str) else type(value).__name__
        message = f"{label}{shown!r} is not a valid date ({err}); ignored"
        return draft, [make_issue("I130", where, message, hint=DATE_HINT, line=line, article_id=draft.id)]
    return draft.with_date(origin, day), []


def _wrong_type(name: str, value: object, where: str, line: int | None, article_id: str) -> Issue:
    """Return the I142 Issue for a field whose value is not a string."""
    return make_issue(
        "I142",
        where,
        f"field {name!r} should be text, not {type(value).__name__}; ignored",
        hint=f"write {name} as a plain string",
        line=line,
        article_id=article_id,
    )

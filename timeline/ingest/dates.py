"""Strict parsing of publication dates given as metadata (front matter, records, manifests, options).

A wrong publication date shifts every relative date in an article, so nothing is guessed here: only
``YYYY-MM-DD`` and full ISO 8601 datetimes are accepted, and anything else is reported.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
DATE_HINT = "use YYYY-MM-DD, e.g. 2024-02-08 (an ISO datetime such as 2024-02-08T14:30Z also works)"
"""The hint every invalid-date Issue carries."""


class DateValueError(ValueError):
    """A metadata value that is not a valid date; ``str(err)`` says why in a few words."""


def parse_strict_date(value: object) -> date:
    """Parse a publication date given as metadata, without guessing.

    Args:
        value: a ``date``/``datetime``, or a string ``YYYY-MM-DD`` or ISO 8601 datetime
            (``2024-02-08T14:30:00+01:00``). Surrounding whitespace is ignored.

    Returns:
        The calendar date. An aware datetime is converted to UTC first; a naive one keeps its date.

    Raises:
        DateValueError: the value is not a string of one of those forms, or names no real day
            (``2024-02-30``).
    """
    if isinstance(value, datetime):
        return _datetime_to_date(value)
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise DateValueError(f"expected a date string, got {type(value).__name__}")
    text = value.strip()
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
        if _DATETIME.fullmatch(text):
            return _datetime_to_date(datetime.fromisoformat(text.upper()))
    except ValueError as err:
        raise DateValueError(f"no such date: {err}") from None
    raise DateValueError("not in YYYY-MM-DD form")


def _datetime_to_date(value: datetime) -> date:
    """Return the date of ``value``, in UTC when it carries a time zone."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(UTC).date()
    return value.date()

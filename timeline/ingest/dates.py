"""Strict parsing of publication dates given as metadata (front matter, records, manifests, options).

A wrong publication date shifts every relative date in an article, so nothing is guessed here: only
``YYYY-MM-DD`` and full ISO 8601 datetimes are accepted, and anything else is reported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
PLAUSIBLE_YEARS = range(1800, 2201)
"""Publication years taken as real. A news article from 2999 or 1066 is a typo or a placeholder: such
a date is treated as missing (Issue I132), never used to place "on Thursday"."""

FAR_AFTER_OTHERS = timedelta(days=366)
"""A publication date this long after every other dated source is kept but flagged (I133) and never
used to infer another article's date: one typo (2025 for 2024) would pull the others with it."""

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


def implausible_year(day: date) -> str | None:
    """Return why ``day`` cannot be a publication date (its year is outside `PLAUSIBLE_YEARS`), else None."""
    if day.year in PLAUSIBLE_YEARS:
        return None
    return f"year {day.year} is outside {PLAUSIBLE_YEARS.start}-{PLAUSIBLE_YEARS.stop - 1}"


def far_after_others(published: Mapping[str, date]) -> dict[str, date]:
    """Return the article dated more than `FAR_AFTER_OTHERS` after every other dated article.

    Only the latest article can be, so the result holds at most one.

    Args:
        published: article id to publication date, for the dated articles only.

    Returns:
        ``{article id: the latest other article's date}``, or ``{}`` (also when fewer than two
        articles are dated: with no other source there is nothing to compare with).
    """
    ranked = sorted(published.items(), key=lambda item: (item[1], item[0]), reverse=True)
    if len(ranked) >= 2 and ranked[0][1] - ranked[1][1] > FAR_AFTER_OTHERS:
        return {ranked[0][0]: ranked[1][1]}
    return {}

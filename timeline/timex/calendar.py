"""Calendar arithmetic on whole days: month lengths, weeks, relative weekdays, sub-intervals.

Kept apart from recognition so that every date rule in the tagger is a small, tested computation.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from timeline.models import DateInterval, Granularity


def last_day_of_month(year: int, month: int) -> int:
    """Return the number of days in the month."""
    return calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by whole months, clamping the day of month (Jan 31 + 1 month = Feb 29)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, last_day_of_month(year, month)))


def day_interval(day: date) -> DateInterval:
    """Return the one-day interval for ``day``."""
    return DateInterval(earliest=day, latest=day, granularity="day")


def month_interval(year: int, month: int) -> DateInterval:
    """Return the interval covering a whole month."""
    return DateInterval(
        earliest=date(year, month, 1),
        latest=date(year, month, last_day_of_month(year, month)),
        granularity="month",
    )


def year_interval(year: int) -> DateInterval:
    """Return the interval covering a whole year."""
    return DateInterval(earliest=date(year, 1, 1), latest=date(year, 12, 31), granularity="year")


def decade_interval(first_year: int) -> DateInterval:
    """Return the interval covering a decade starting at ``first_year`` ("the 1990s")."""
    return DateInterval(earliest=date(first_year, 1, 1), latest=date(first_year + 9, 12, 31), granularity="decade")


def week_interval(day: date) -> DateInterval:
    """Return the ISO week (Monday to Sunday) that contains ``day``."""
    monday = day - timedelta(days=day.isoweekday() - 1)
    return DateInterval(earliest=monday, latest=monday + timedelta(days=6), granularity="week")


def week_value(day: date) -> str:
    """Return the TIMEX3 value of the ISO week containing ``day``, e.g. ``2024-W06``."""
    iso_year, iso_week, _ = day.isocalendar()
    return f"{iso_year}-W{iso_week:02d}"


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    """Return the latest day with ISO ``weekday`` on or before ``anchor`` (a past-tense weekday)."""
    return anchor - timedelta(days=(anchor.isoweekday() - weekday) % 7)


def weekday_after(anchor: date, weekday: int) -> date:
    """Return the next day with ISO ``weekday`` after ``anchor`` (a future-tense weekday)."""
    return anchor + timedelta(days=(weekday - anchor.isoweekday() - 1) % 7 + 1)


def month_year_near(anchor: date, month: int, *, future: bool) -> int:
    """Return the year that puts a year-less month on the right side of ``anchor``.

    A past clause takes the latest such month not after the anchor's month ("in October" written in
    February 2024 is October 2023); a future clause takes the next one on or after it.
    """
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def month_year_nearest(anchor: date, month: int, *, future: bool, past: bool = False) -> int:
    """Return the year for a year-less month: the next one in a future clause, else a past one.

    News mostly looks back ("in October" written in February is last October), except for the
    next few months ("in January" written in November is the coming January) unless the clause is
    explicitly past ("In January, a sniper killed ...").
    """
    if future or (not past and 0 < (month - anchor.month) % 12 <= SOON_MONTHS):
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def season_year(anchor: date, code: str) -> int:
    """Return the year of the season named ``code`` that contains or last preceded ``anchor``."""
    starts = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
    start = starts[code]
    if code == "WI" and anchor.month <= 2:
        return anchor.year - 1
    return anchor.year if anchor.month >= start else anchor.year - 1


def up_to(interval: DateInterval, anchor: date, *, before: bool) -> DateInterval:
    """Cut ``interval`` at ``anchor``: "earlier this year" ends at the DCT, "later this year" starts there."""
    if before:
        return DateInterval(
            earliest=interval.earliest, latest=min(anchor, interval.latest), granularity=interval.granularity
        )
    return DateInterval(
        earliest=max(anchor, interval.earliest), latest=interval.latest, granularity=interval.granularity
    )


SOON_DAYS = 120
"""A year-less day up to this far ahead of the DCT is taken as upcoming ("Dec. 15" written in November)."""

SOON_MONTHS = 3
"""A year-less month up to this many months ahead of the DCT's month is taken as upcoming."""


def day_year_near(anchor: date, month: int, day: int, *, future: bool, past: bool = False) -> int | None:
    """Return the year for a year-less month/day, or None when no such day exists (Feb 30).

    A future clause takes the next such day on or after the anchor. Otherwise a day up to four
    months ahead is upcoming ("June 24" written on June 16), unless the clause is explicitly past,
    and any other is the latest one before the anchor ("Oct. 7" written in February is last October).
    """
    candidates = []
    for year in range(anchor.year - 4, anchor.year + 5):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if future:
        ahead = [candidate for candidate in candidates if candidate >= anchor]
        return ahead[0].year if ahead else None
    if not candidates:
        return None
    ahead = [candidate for candidate in candidates if anchor < candidate <= anchor + timedelta(days=SOON_DAYS)]
    if ahead and not past:
        return ahead[0].year
    behind = [candidate for candidate in candidates if candidate <= anchor]
    return behind[-1].year if behind else None


def sub_interval(interval: DateInterval, mod: str) -> DateInterval:
    """Return the part of ``interval`` that a position modifier keeps.

    START keeps the first third, MID the middle third, END the last third (for a month: days 1–10,
    11–20, 21–end), at the same granularity: "late last month" is still a month-level claim.
    """
    total = interval.days
    third = max(total // 3, 1)
    granularity: Granularity = interval.granularity
    if mod == "START":
        return DateInterval(
            earliest=interval.earliest,
            latest=interval.earliest + timedelta(days=third - 1),
            granularity=granularity,
        )
    if mod == "MID":
        return DateInterval(
            earliest=interval.earliest + timedelta(days=third),
            latest=interval.earliest + timedelta(days=2 * third - 1),
            granularity=granularity,
        )
    if mod == "END":
        return DateInterval(
            earliest=interval.earliest + timedelta(days=2 * third),
            latest=interval.latest,
            granularity=granularity,
        )
    return interval


_FIXED_HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}
_NTH_WEEKDAY_HOLIDAYS = {  # (month, ISO weekday, n-th; -1 = last)
    "thanksgiving": (11, 4, 4),
    "thanksgiving day": (11, 4, 4),
    "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1),
}


def holiday_date(name: str, year: int) -> date:
    """Return the day of a (United States) holiday in ``year``: fixed days and n-th weekdays."""
    if name in _FIXED_HOLIDAYS:
        month, day = _FIXED_HOLIDAYS[name]
        return date(year, month, day)
    if name in ("easter", "easter sunday"):
        return easter_sunday(year)
    if name == "election day":  # the Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(1 - first.isoweekday()) % 7 + 1)
    month, weekday, nth = _NTH_WEEKDAY_HOLIDAYS[name]
    if nth < 0:
        last = date(year, month, last_day_of_month(year, month))
        return weekday_on_or_before(last, weekday)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))


def easter_sunday(year: int) -> date:
    """Return Western Easter Sunday of ``year`` (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_shift) // 433
    month = (h + weekday_shift - 7 * m + 90) // 25
    return date(year, month, (h + weekday_shift - 7 * m + 33 * month + 19) % 32)

"""Units of time: TIMEX3 duration values, shifting a day by N units, and the period around a day.

Shared by the normalisation rules ("two weeks ago", "the past four months", "next quarter").
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.models import DateInterval
from timeline.timex import calendar as cal
from timeline.timex.words import load_time_words

_TIME_UNITS = {"TH": "H", "TM": "M", "TS": "S"}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def unit_code(word: str) -> str:
    """Return our code for a unit word ("weeks" -> "W", "hour" -> "TH")."""
    lowered = word.lower()
    units = load_time_words().units
    return units.get(lowered) or units[lowered.rstrip("s")]


def amount_of(groups: dict[str, str]) -> int | None:
    """Return the number in a matched "number" group, None for vague amounts ("several")."""
    word = " ".join(groups["number"].lower().split())
    if word.isdigit():
        return int(word)
    numbers = load_time_words().numbers
    amount = numbers.get(word)
    if amount is None and len(parts := word.replace("-", " ").split()) == 2:  # "twenty-four"
        tens, ones = numbers.get(parts[0]), numbers.get(parts[1])
        amount = tens + ones if isinstance(tens, int) and isinstance(ones, int) else None
    return amount if isinstance(amount, int) else None


def spelled_year(words: str) -> int | None:
    """Return the year that broadcast transcripts spell out: "nineteen ninety-four" = 1994."""
    parts = words.lower().replace("-", " ").split()
    numbers = load_time_words().numbers
    century = {"nineteen": 1900, "eighteen": 1800}.get(parts[0]) if parts else None
    values = [numbers.get(part) for part in parts[1:]]
    if century is None or not values or not all(isinstance(value, int) for value in values):
        return None
    return century + sum(values)  # type: ignore[arg-type]


def duration_value(amount: int | None, unit: str) -> str:
    """Return the TIMEX3 duration value: P4M, P1W, PT5H, PXY."""
    if unit == "2W":
        return f"P{2 * amount}W" if amount is not None else "PXW"
    count = "X" if amount is None else str(amount)
    if unit in ("DE", "CE"):  # TimeML writes decades and centuries in years: "the past decade" = P10Y
        return f"P{10 * amount if unit == 'DE' else 100 * amount}Y" if amount is not None else "PXY"
    if unit in _TIME_UNITS:
        return f"PT{count}{_TIME_UNITS[unit]}"
    return f"P{count}{unit}"


def half_duration_value(amount: int, unit: str) -> str:
    """Return the value of "N 1/2 units": 5 1/2 hours = PT5H30M, 2 1/2 years = P2Y6M."""
    smaller = {"TM": ("TS", 30), "TH": ("TM", 30), "Y": ("M", 6), "D": ("TH", 12), "W": ("D", 3.5), "M": ("D", 15)}
    if unit not in smaller or unit == "W":
        return duration_value(amount, unit)
    small_unit, small_amount = smaller[unit]
    whole = duration_value(amount, unit)
    part = duration_value(int(small_amount), small_unit)
    if unit in _TIME_UNITS or small_unit in _TIME_UNITS:
        time_part = part.split("T", 1)[1] if "T" in part else part[1:]
        return (whole if "T" in whole else whole + "T") + time_part
    return whole + part[1:]


def shift(day: date, amount: int, unit: str, sign: int) -> date:
    """Return ``day`` moved by ``amount`` units (forward for sign 1, back for -1)."""
    if unit in _TIME_UNITS:
        return day
    if unit in ("D", "W", "2W"):
        days = {"D": 1, "W": 7, "2W": 14}[unit] * amount
        return day + timedelta(days=sign * days)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * amount
    return cal.add_months(day, sign * months)


def period_of(day: date, unit: str) -> tuple[str, DateInterval]:
    """Return the TIMEX3 value and interval of the period of size ``unit`` around ``day``."""
    if unit in ("D",) or unit in _TIME_UNITS:
        return day.isoformat(), cal.day_interval(day)
    if unit in ("W", "2W"):
        return cal.week_value(day), cal.week_interval(day)
    if unit == "M":
        return f"{day.year}-{day.month:02d}", cal.month_interval(day.year, day.month)
    return str(day.year), cal.year_interval(day.year)


def quarter_interval(year: int, quarter: int) -> DateInterval:
    """Return the interval of a calendar quarter."""
    first = date(year, 3 * quarter - 2, 1)
    last = cal.month_interval(year, 3 * quarter).latest
    return DateInterval(earliest=first, latest=last, granularity="quarter")


def season_interval(year: int, code: str) -> DateInterval:
    """Return the months of a (northern) season; winter runs from December into the next year."""
    first_month, last_month = _SEASON_MONTHS[code]
    last_year = year + 1 if code == "WI" else year
    return DateInterval(
        earliest=date(year, first_month, 1),
        latest=cal.month_interval(last_year, last_month).latest,
        granularity="season",
    )


def unit_period(dct: date, unit: str, step: int) -> tuple[str, DateInterval]:
    """Return the value and interval of the week/weekend/month/quarter/year ``step`` units from the DCT."""
    if unit in ("week", "weekend"):
        day = dct + timedelta(days=7 * step)
        week = cal.week_interval(day)
        if unit == "weekend":
            saturday = week.earliest + timedelta(days=5)
            return cal.week_value(day) + "-WE", DateInterval(earliest=saturday, latest=week.latest, granularity="day")
        return cal.week_value(day), week
    if unit == "month":
        day = cal.add_months(dct.replace(day=1), step)
        return f"{day.year}-{day.month:02d}", cal.month_interval(day.year, day.month)
    if unit == "quarter":
        year, index = divmod(dct.year * 4 + (dct.month - 1) // 3 + step, 4)
        return f"{year}-Q{index + 1}", quarter_interval(year, index + 1)
    year = dct.year + step
    return str(year), cal.year_interval(year)

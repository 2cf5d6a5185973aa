"""Turn recognised candidates into TIMEX3 values and day intervals, anchored to the publication date.

Anchoring follows news usage: a weekday in a past clause is the latest such day on or before the
publication date (the DCT's own weekday is the DCT), in a future clause the next one; a month or
month/day without a year takes the year that keeps it on the right side of the DCT. Without a DCT a
relative expression keeps a partial value ("XXXX-WXX-4") and no interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from timeline.extract import calendar as cal
from timeline.extract.time_recognise import Candidate
from timeline.extract.time_words import load_time_words
from timeline.models import DateInterval, TimexType


@dataclass(frozen=True)
class Normalised:
    """The meaning of one candidate."""

    type: TimexType
    value: str
    mod: str | None = None
    interval: DateInterval | None = None
    relative: bool = False


def normalise(candidate: Candidate, *, dct: date | None, future: bool) -> Normalised | None:
    """Return the TIMEX3 meaning of ``candidate``, or None when the words name no real date.

    Args:
        candidate: a recognised expression.
        dct: the document creation time (publication date), if known.
        future: whether the clause is about the future (changes weekday and year choices).
    """
    handler = _HANDLERS[candidate.rule]
    return handler(candidate.groups, dct, future)


def _mod(groups: dict[str, str]) -> str | None:
    word = groups.get("mod")
    if word is None:
        return None
    return load_time_words().modifiers.get(" ".join(word.lower().split()))


def _month_number(groups: dict[str, str]) -> int:
    return load_time_words().months[groups["month"].lower().rstrip(".")]


def _with_mod(interval: DateInterval | None, mod: str | None) -> DateInterval | None:
    return cal.sub_interval(interval, mod) if interval is not None and mod else interval


def _iso_date(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    try:
        day = date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day))


def _month_day(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    month, day_number = _month_number(groups), int(groups["d"])
    if "year" in groups:
        year: int | None = int(groups["year"])
    elif dct is not None:
        year = cal.day_year_near(dct, month, day_number, future=future)
    else:
        return _partial(f"XXXX-{month:02d}-{day_number:02d}") if 1 <= day_number <= 31 else None
    if year is None:
        return None
    try:
        day = date(year, month, day_number)
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative="year" not in groups)


def _month(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    month, mod = _month_number(groups), _mod(groups)
    if "year" in groups:
        year = int(groups["year"])
    elif dct is not None:
        year = cal.month_year_near(dct, month, future=future)
    else:
        return _partial(f"XXXX-{month:02d}", mod)
    interval = _with_mod(cal.month_interval(year, month), mod)
    return Normalised("DATE", f"{year}-{month:02d}", mod, interval, relative="year" not in groups)


def _decade(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    first = int(groups["decade"])
    return Normalised("DATE", str(first)[:3], interval=cal.decade_interval(first))


def _year(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    year, mod = int(groups["year"]), _mod(groups)
    return Normalised("DATE", str(year), mod, _with_mod(cal.year_interval(year), mod))


def _weekday(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    weekday = load_time_words().weekdays[groups["weekday"].lower()]
    part = _part(groups)
    mod = _mod(groups)
    if dct is None:
        return _partial(f"XXXX-WXX-{weekday}", mod)
    day = cal.weekday_after(dct, weekday) if future else cal.weekday_on_or_before(dct, weekday)
    return _day_result(day, part, mod)


def _part(groups: dict[str, str]) -> str | None:
    word = groups.get("part")
    return load_time_words().day_parts[word.lower()] if word else None


def _day_result(day: date, part: str | None, mod: str | None) -> Normalised:
    if part:
        return Normalised("TIME", f"{day.isoformat()}T{part}", mod, cal.day_interval(day), True)
    return Normalised("DATE", day.isoformat(), mod, cal.day_interval(day), True)


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _relative_day(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    word = groups["rday"].lower()
    part = _part(groups) or ("NI" if word == "tonight" else None)
    if dct is None:
        return _partial("PRESENT_REF" if word == "today" else "XXXX-XX-XX")
    return _day_result(dct + timedelta(days=_DAY_OFFSETS[word]), part, None)


def _this_part(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    if dct is None:
        return _partial("XXXX-XX-XXT" + (_part(groups) or ""))
    return _day_result(dct, _part(groups), None)


def _amount(groups: dict[str, str]) -> int | None:
    word = " ".join(groups["number"].lower().split())
    if word.isdigit():
        return int(word)
    amount = load_time_words().numbers.get(word)
    return amount if isinstance(amount, int) else None


def _unit(groups: dict[str, str], key: str = "unit") -> str:
    return load_time_words().units[groups[key].lower()]


def _duration_value(amount: int | None, unit: str) -> str:
    count = "X" if amount is None else str(amount)
    if unit == "2W":
        return f"P{2 * amount}W" if amount is not None else "PXW"
    if unit in ("DE", "CE"):
        return f"P{count}{unit}"
    return f"P{count}{unit}"


def _shift(day: date, amount: int, unit: str, sign: int) -> date:
    if unit in ("D", "W", "2W"):
        days = {"D": 1, "W": 7, "2W": 14}[unit] * amount
        return day + timedelta(days=sign * days)
    months = {"M": 1, "Y": 12, "DE": 120, "CE": 1200}[unit] * amount
    return cal.add_months(day, sign * months)


_APPROX_MODS = {
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
}


def _ago(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    """Resolve "two weeks ago" to that week; "less than two weeks ago" is any day since then."""
    amount, unit = _amount(groups), _unit(groups)
    mod = _APPROX_MODS.get(" ".join(groups.get("approx", "").lower().split()))
    if amount is None or dct is None:
        return _partial("PAST_REF", mod)
    day = _shift(dct, amount, unit, -1)
    value, interval = _period_of(day, unit)
    if mod == "LESS_THAN":
        interval = DateInterval(earliest=interval.earliest, latest=dct, granularity=interval.granularity)
    elif mod == "MORE_THAN":
        earliest = _shift(dct, 2 * amount, unit, -1)
        interval = DateInterval(earliest=earliest, latest=interval.latest, granularity=interval.granularity)
    return Normalised("DATE", value, mod, interval, relative=True)


def _period_of(day: date, unit: str) -> tuple[str, DateInterval]:
    """Return the TIMEX3 value and interval of the period of size ``unit`` around ``day``."""
    if unit == "D":
        return day.isoformat(), cal.day_interval(day)
    if unit in ("W", "2W"):
        return cal.week_value(day), cal.week_interval(day)
    if unit == "M":
        return f"{day.year}-{day.month:02d}", cal.month_interval(day.year, day.month)
    return str(day.year), cal.year_interval(day.year)


def _anchored_duration(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    amount = _amount(groups) if "number" in groups else 1
    unit = _unit(groups)
    value = _duration_value(amount, unit)
    if dct is None or amount is None:
        return Normalised("DURATION", value, relative=True)
    forward = groups["dir"].lower() in ("coming", "next")
    other = _shift(dct, amount, unit, 1 if forward else -1)
    earliest, latest = (dct, other) if forward else (other, dct)
    granularity = {"D": "day", "W": "week", "2W": "week", "M": "month"}.get(unit, "year")
    return Normalised(
        "DURATION",
        value,
        interval=DateInterval(earliest=earliest, latest=latest, granularity=granularity),
        relative=True,
    )


def _relative_unit(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    rel, unit, mod = groups["rel"].lower(), groups["runit"].lower(), _mod(groups)
    if dct is None:
        return _partial({"last": "PAST_REF", "previous": "PAST_REF"}.get(rel, "FUTURE_REF"), mod)
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[rel]
    value, interval = _unit_period(dct, unit, step)
    word = " ".join(groups.get("mod", "").lower().split())
    if word in ("earlier", "later") and step == 0:
        interval = _up_to_dct(interval, dct, before=word == "earlier")
    else:
        interval = _with_mod(interval, mod)
    return Normalised("DATE", value, mod, interval, relative=True)


def _up_to_dct(interval: DateInterval, dct: date, *, before: bool) -> DateInterval:
    if before:
        return DateInterval(earliest=interval.earliest, latest=dct, granularity=interval.granularity)
    return DateInterval(earliest=dct, latest=interval.latest, granularity=interval.granularity)


def _unit_period(dct: date, unit: str, step: int) -> tuple[str, DateInterval]:
    if unit in ("week", "weekend"):
        day = dct + timedelta(days=7 * step)
        week = cal.week_interval(day)
        if unit == "weekend":
            saturday = week.earliest + timedelta(days=5)
            interval = DateInterval(earliest=saturday, latest=week.latest, granularity="day")
            return cal.week_value(day) + "-WE", interval
        return cal.week_value(day), week
    if unit == "month":
        day = cal.add_months(dct.replace(day=1), step)
        return f"{day.year}-{day.month:02d}", cal.month_interval(day.year, day.month)
    if unit == "quarter":
        index = (dct.year * 4 + (dct.month - 1) // 3) + step
        year, quarter = divmod(index, 4)
        first = date(year, quarter * 3 + 1, 1)
        last_month = cal.month_interval(year, quarter * 3 + 3)
        return f"{year}-Q{quarter + 1}", DateInterval(
            earliest=first, latest=last_month.latest, granularity="quarter"
        )
    year = dct.year + step
    return str(year), cal.year_interval(year)


def _duration(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    amount = _amount(groups)
    return Normalised("DURATION", _duration_value(amount, _unit(groups)))


def _unit_long(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    return Normalised("DURATION", _duration_value(1, _unit(groups)))


def _vague_duration(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    unit = load_time_words().units[groups["vague"].lower().rstrip("s")]
    return Normalised("DURATION", f"PX{unit}")


_SET_UNITS = {
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "morning": "TMO",
    "night": "TNI",
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
}


def _set(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    word = (groups.get("sunit") or groups["adverb"]).lower()
    return Normalised("SET", _SET_UNITS[word])


_REFERENCES = {
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "recently": "PAST_REF",
    "in the past": "PAST_REF",
    "soon": "FUTURE_REF",
    "in the future": "FUTURE_REF",
}


def _reference(groups: dict[str, str], dct: date | None, future: bool) -> Normalised | None:
    value = _REFERENCES[" ".join(groups["ref"].lower().split())]
    interval = cal.day_interval(dct) if dct is not None and value == "PRESENT_REF" else None
    return Normalised("DATE", value, interval=interval, relative=True)


def _partial(value: str, mod: str | None = None) -> Normalised:
    return Normalised("DATE", value, mod, None, relative=True)


_HANDLERS = {
    "iso_date": _iso_date,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "decade": _decade,
    "year": _year,
    "weekday": _weekday,
    "relative_day": _relative_day,
    "this_part": _this_part,
    "ago": _ago,
    "anchored_duration": _anchored_duration,
    "relative_unit": _relative_unit,
    "duration": _duration,
    "unit_long": _unit_long,
    "vague_duration": _vague_duration,
    "set": _set,
    "reference": _reference,
}

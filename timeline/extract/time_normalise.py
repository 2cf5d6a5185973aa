"""Turn recognised candidates into TIMEX3 values and day intervals, anchored to the publication date.

Anchoring follows news usage: a weekday in a past clause is the latest such day on or before the
publication date (the DCT's own weekday is the DCT), in a future clause the next one; a month or
month/day without a year takes the year nearest the DCT. Without a DCT a relative expression keeps
a partial value ("XXXX-WXX-4") and no interval. Business news counts in quarters: "the quarter" and
"a year earlier" refer to the quarter the article is about (`Context.quarter`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from timeline.extract import calendar as cal
from timeline.extract.time_recognise import Candidate
from timeline.extract.time_units import (
    amount_of,
    duration_value,
    half_duration_value,
    period_of,
    quarter_interval,
    season_interval,
    shift,
    spelled_year,
    unit_code,
    unit_period,
)
from timeline.extract.time_words import load_time_words
from timeline.models import DateInterval, TimexType


@dataclass(frozen=True)
class Context:
    """What a candidate is resolved against.

    Attributes:
        dct: the publication date, if known.
        future: the clause speaks of the future.
        past: the clause has an explicit past-tense cue (a past verb), not just no future marker.
        quarter: (year, quarter) the text is currently about, when it talks in quarters.
        previous: the last date the text mentioned, which "the following year" refers to.
        previous_day: the last day the text mentioned, which "that day" refers to.
    """

    dct: date | None
    future: bool = False
    past: bool = False
    quarter: tuple[int, int] | None = None
    previous: DateInterval | None = None
    previous_day: DateInterval | None = None


@dataclass(frozen=True)
class Normalised:
    """The meaning of one candidate."""

    type: TimexType
    value: str
    mod: str | None = None
    interval: DateInterval | None = None
    relative: bool = False


def normalise(candidate: Candidate, context: Context) -> Normalised | None:
    """Return the TIMEX3 meaning of ``candidate``, or None when the words name no real date.

    Arithmetic that leaves the calendar ("2024 years ago" in 2000) means the words are not a date.
    """
    try:
        return _HANDLERS[candidate.rule](candidate.groups, context)
    except (ValueError, OverflowError):
        return None


def last_full_quarter(dct: date) -> tuple[int, int]:
    """Return the quarter before the DCT's: the one business news reports on."""
    index = dct.year * 4 + (dct.month - 1) // 3 - 1
    return divmod(index, 4)[0], divmod(index, 4)[1] + 1


def _mod(groups: dict[str, str]) -> str | None:
    word = groups.get("mod")
    return load_time_words().modifiers.get(" ".join(word.lower().split())) if word else None


def _month_number(groups: dict[str, str]) -> int:
    return load_time_words().months[groups["month"].lower().rstrip(".")]


def _with_mod(interval: DateInterval | None, mod: str | None) -> DateInterval | None:
    return cal.sub_interval(interval, mod) if interval is not None and mod else interval


def _partial(value: str, mod: str | None = None, type_: TimexType = "DATE") -> Normalised:
    return Normalised(type_, value, mod, None, relative=True)


def _iso_date(groups: dict[str, str], ctx: Context) -> Normalised | None:
    try:
        day = date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day))


def _month_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    month, day_number = _month_number(groups), int(groups["d"])
    if not 1 <= day_number <= 31:
        return None
    if "year" in groups:
        year: int | None = int(groups["year"])
    elif ctx.dct is not None:
        year = cal.day_year_near(ctx.dct, month, day_number, future=ctx.future)
    else:
        return _partial(f"XXXX-{month:02d}-{day_number:02d}")
    try:
        day = date(year, month, day_number) if year is not None else None
    except ValueError:
        day = None
    if day is None:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative="year" not in groups)


def _spelled_to_year(groups: dict[str, str]) -> None:
    """Put a spelled year ("nineteen ninety-four") into ``groups["year"]`` as digits."""
    year = spelled_year(groups["syear"]) if "syear" in groups else None
    if year is not None:
        groups["year"] = str(year)


def _month(groups: dict[str, str], ctx: Context) -> Normalised | None:
    month, mod = _month_number(groups), _mod(groups)
    relation = groups.get("rel", "").lower()
    _spelled_to_year(groups)
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return _partial(f"XXXX-{month:02d}", mod)
    elif "yrel" in groups:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
    elif relation in ("last", "past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif relation in ("next", "coming"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif relation == "this":
        year = ctx.dct.year
    else:
        year = cal.month_year_nearest(ctx.dct, month, future=ctx.future)
    interval = _with_mod(cal.month_interval(year, month), mod)
    return Normalised("DATE", f"{year}-{month:02d}", mod, interval, relative="year" not in groups)


_SPELLED_DECADES = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}


def _decade(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the 1990s", "the nineties", "the '80s" (the spelled ones in the 1900s)."""
    if "decade" in groups:
        first = int(groups["decade"])
    else:
        first = 1900 + (_SPELLED_DECADES[groups["sdecade"].lower()] if "sdecade" in groups else int(groups["adecade"]))
    if "mod2" in groups:
        groups["mod"] = groups["mod2"]
    return Normalised("DATE", str(first)[:3], _mod(groups), _with_mod(cal.decade_interval(first), _mod(groups)))


def _year_end(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "by year-end", "year's end": the end of the DCT's year ("since year-end": the last one)."""
    if ctx.dct is None:
        return _partial("XXXX", "END")
    year = ctx.dct.year - (1 if "yesince" in groups else 0)
    return Normalised("DATE", str(year), "END", _with_mod(cal.year_interval(year), "END"), relative=True)


def _century(groups: dict[str, str], ctx: Context) -> Normalised | None:
    number = int(groups["cnum"])
    first = (number - 1) * 100
    interval = DateInterval(earliest=date(max(first, 1), 1, 1), latest=date(first + 99, 12, 31), granularity="century")
    return Normalised("DATE", f"{number - 1:02d}", interval=interval)


_TENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def _spelled_year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "nineteen ninety-six" and "two thousand and one" (broadcast transcripts spell years)."""
    if "sy_hi" in groups:
        words = groups["sy_lo"].lower().replace("-", " ").split()
        year = (1900 if groups["sy_hi"].lower() == "nineteen" else 1800) + _TENS[words[0]]
        year += _ONES[words[1]] if len(words) > 1 else 0
    else:
        year = 2000 + _ONES.get(groups.get("sy_2k", "").lower(), 0)
    return Normalised("DATE", str(year), interval=cal.year_interval(year))


def _holiday(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve a holiday to its day in the year nearest the DCT (past, unless within four months ahead)."""
    name = " ".join(groups["holiday"].lower().split())
    if ctx.dct is None:
        return _partial("XXXX-XX-XX")
    relation = groups.get("hrel", "").lower()
    candidates = [cal.holiday_date(name, year) for year in range(ctx.dct.year - 1, ctx.dct.year + 2)]
    if relation == "last":
        day = max(c for c in candidates if c < ctx.dct)
    elif relation == "next":
        day = min(c for c in candidates if c > ctx.dct)
    else:
        ahead = [c for c in candidates if ctx.dct < c <= ctx.dct + timedelta(days=cal.SOON_DAYS)]
        day = ahead[0] if ahead else max(c for c in candidates if c <= ctx.dct)
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative=True)


def _year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    year, mod = int(groups["year"]), _mod(groups)
    return Normalised("DATE", str(year), mod, _with_mod(cal.year_interval(year), mod))


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the third quarter", "the 1988 third quarter", "next year's first quarter".

    A quarter without a year is the latest one not after the DCT's; "the year-earlier third quarter"
    is the one a year before the quarter the text is about.
    """
    quarter = _ORDINALS[groups["ord"].lower()]
    explicit = groups.get("year") or groups.get("oyear")
    relation = (groups.get("qyrel") or groups.get("qyrel2") or "").lower()
    if explicit:
        year = int(explicit)
    elif ctx.dct is None:
        return _partial(f"XXXX-Q{quarter}")
    elif relation:
        year = ctx.dct.year + _YEAR_STEPS[relation]
    else:
        current = (ctx.dct.month - 1) // 3 + 1
        year = ctx.dct.year if quarter <= current else ctx.dct.year - 1
        if "qyadj" in groups:
            year = (ctx.quarter[0] if ctx.quarter and ctx.quarter[1] == quarter else year) - 1
    return Normalised("DATE", f"{year}-Q{quarter}", interval=quarter_interval(year, quarter), relative=not explicit)


_YEAR_STEPS = {"last": -1, "this": 0, "the": 0, "next": 1, "a": -1}


def _half_year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the last half of 1989" and "the first two quarters of 1990" to 1989-H2 and 1990-H1."""
    half = 1 if groups["half"].lower() == "first" else 2
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return _partial(f"XXXX-H{half}")
    else:
        year = ctx.dct.year + _YEAR_STEPS[groups["hyrel"].lower()]
    first = date(year, 6 * half - 5, 1)
    interval = DateInterval(earliest=first, latest=cal.month_interval(year, 6 * half).latest, granularity="half")
    return Normalised("DATE", f"{year}-H{half}", interval=interval, relative="year" not in groups)


def _year_period(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the 1988 quarter", "last year's period", "the corresponding period last year".

    In business news the period is the quarter the text is about, in the year named; without such a
    quarter, "the 1988 period" is the year and "the 1988 quarter" an unknown quarter of it.
    """
    relation = (groups.get("yprel") or groups.get("yprel2") or "").lower()
    reference = ctx.quarter
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return _partial("XXXX")
    else:
        year = (reference[0] if reference else ctx.dct.year) + _YEAR_STEPS[relation]
    word = (groups.get("pword") or groups.get("pword2") or "").lower()
    if reference is not None:
        return _quarter_value(year, reference[1])
    if word == "quarter":
        return Normalised("DATE", f"{year}-QX", interval=cal.year_interval(year), relative=True)
    return Normalised("DATE", str(year), interval=cal.year_interval(year), relative="year" not in groups)


def _reference_quarter(ctx: Context) -> tuple[int, int] | None:
    if ctx.quarter is not None:
        return ctx.quarter
    return last_full_quarter(ctx.dct) if ctx.dct is not None else None


def _quarter_value(year: int, quarter: int) -> Normalised:
    return Normalised("DATE", f"{year}-Q{quarter}", interval=quarter_interval(year, quarter), relative=True)


def _quarter_ref(groups: dict[str, str], ctx: Context) -> Normalised | None:
    reference = _reference_quarter(ctx)
    if reference is None:
        return _partial("XXXX-QX")
    year, quarter = reference
    kind = " ".join(groups.get("qref", "").lower().split())
    if kind in ("latest", "most recent") and ctx.dct is not None:
        year, quarter = last_full_quarter(ctx.dct)
    if kind == "current" and ctx.dct is not None:
        year, quarter = ctx.dct.year, (ctx.dct.month - 1) // 3 + 1
    if kind in ("year-ago", "year-earlier") or groups["__text"].lower().endswith(("ago", "earlier")):
        year -= 1
    return _quarter_value(year, quarter)


def _year_ago_adjective(groups: dict[str, str], ctx: Context) -> Normalised | None:
    if ctx.dct is None:
        return _partial("PAST_REF")
    if ctx.quarter is not None:
        return _quarter_value(ctx.quarter[0] - 1, ctx.quarter[1])
    year = ctx.dct.year - 1
    return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=True)


def _season(groups: dict[str, str], ctx: Context) -> Normalised | None:
    code = load_time_words().seasons[groups["season"].lower()]
    relation = groups.get("rel", "").lower()
    _spelled_to_year(groups)
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return _partial(f"XXXX-{code}")
    else:
        current = cal.season_year(ctx.dct, code)
        inside = season_interval(current, code).latest >= ctx.dct
        if relation in ("last", "previous", "past"):
            year = current - 1 if inside else current
        elif relation in ("next", "coming"):
            year = current + 1
        elif relation == "this":  # the one of the DCT's year (a winter that began last December)
            year = ctx.dct.year - (1 if code == "WI" and ctx.dct.month <= 2 else 0)
        else:
            year = current
    return Normalised("DATE", f"{year}-{code}", interval=season_interval(year, code), relative="year" not in groups)


def _part(groups: dict[str, str]) -> str | None:
    word = groups.get("part")
    return load_time_words().day_parts[word.lower()] if word else None


def _day_result(day: date, part: str | None, mod: str | None, part_type: TimexType = "TIME") -> Normalised:
    if part:
        return Normalised(part_type, f"{day.isoformat()}T{part}", mod, cal.day_interval(day), True)
    return Normalised("DATE", day.isoformat(), mod, cal.day_interval(day), True)


def _weekday(groups: dict[str, str], ctx: Context) -> Normalised | None:
    weekday = load_time_words().weekdays[groups["weekday"].lower()]
    part, mod = _part(groups), _mod(groups)
    if ctx.dct is None:
        return _partial(f"XXXX-WXX-{weekday}", mod)
    relation = groups.get("rel", "").lower()
    if relation in ("last", "past", "previous"):
        day = cal.weekday_on_or_before(ctx.dct - timedelta(days=1), weekday)
    elif relation in ("next", "coming") or ctx.future:
        day = cal.weekday_after(ctx.dct, weekday)
    else:
        day = cal.weekday_on_or_before(ctx.dct, weekday)
    return _day_result(day, part, mod, part_type="DATE")  # TimeBank types "Wednesday night" a DATE


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def _relative_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    word = " ".join(groups["rday"].lower().split())
    mod = _mod(groups)
    part = _part(groups) or ("NI" if word in ("tonight", "last night") else None)
    if ctx.dct is None:
        return _partial("PRESENT_REF" if word == "today" else "XXXX-XX-XX")
    return _day_result(ctx.dct + timedelta(days=_DAY_OFFSETS[word]), part, mod)


def _this_part(groups: dict[str, str], ctx: Context) -> Normalised | None:
    if ctx.dct is None:
        return _partial("XXXX-XX-XXT" + (_part(groups) or ""))
    return _day_result(ctx.dct, _part(groups), None)


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


def _ago(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "two weeks ago" to that week; "less than two weeks ago" is any day since then."""
    amount, unit = amount_of(groups), unit_code(groups["unit"])
    mod = _APPROX_MODS.get(" ".join(groups.get("approx", "").lower().split()))
    if amount is None or ctx.dct is None:
        return _partial("PAST_REF", mod)
    if unit == "Y" and amount == 1 and ctx.quarter is not None and not mod:
        return _quarter_value(ctx.quarter[0] - 1, ctx.quarter[1])
    value, interval = period_of(shift(ctx.dct, amount, unit, -1), unit)
    if mod == "LESS_THAN":
        interval = DateInterval(earliest=interval.earliest, latest=ctx.dct, granularity=interval.granularity)
    elif mod == "MORE_THAN":
        earliest = shift(ctx.dct, 2 * amount, unit, -1)
        interval = DateInterval(earliest=earliest, latest=interval.latest, granularity=interval.granularity)
    return Normalised("DATE", value, mod, interval, relative=True)


def _anchored_duration(groups: dict[str, str], ctx: Context) -> Normalised | None:
    plural = groups["__text"].lower().endswith("s")
    amount = amount_of(groups) if "number" in groups else (None if plural else 1)
    unit = "Q" if "quarters" in groups else unit_code(groups["unit"])
    value = duration_value(amount, unit)
    if ctx.dct is None or amount is None:
        return Normalised("DURATION", value, relative=True)
    forward = groups["dir"].lower() in ("coming", "next")
    if "number" not in groups and not forward and unit in ("Y", "DE"):
        return _previous_year_or_decade(ctx.dct, unit)
    other = shift(ctx.dct, amount, unit, 1 if forward else -1)
    earliest, latest = (ctx.dct, other) if forward else (other, ctx.dct)
    granularity = {
        "W": "week",
        "2W": "week",
        "M": "month",
        "Q": "quarter",
        "Y": "year",
        "DE": "year",
        "CE": "year",
    }.get(unit, "day")
    interval = DateInterval(earliest=earliest, latest=latest, granularity=granularity)  # type: ignore[arg-type]
    return Normalised("DURATION", value, interval=interval, relative=True)


def _previous_year_or_decade(dct: date, unit: str) -> Normalised:
    """Return the previous calendar year or decade: "the past year", "the last decade" (a DATE)."""
    if unit == "Y":
        return Normalised("DATE", str(dct.year - 1), interval=cal.year_interval(dct.year - 1), relative=True)
    first = (dct.year // 10 - 1) * 10
    return Normalised("DATE", str(first)[:3], interval=cal.decade_interval(first), relative=True)


_ANAPHORIC_STEPS = {"": 0, "same": 0, "following": 1, "next": 1, "previous": -1}


def _anaphoric(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "that day", "the following year", "earlier that day", "the next morning".

    These refer to the date the text last mentioned, not to the publication date; with no date
    mentioned before, the value stays partial.
    """
    unit = groups["aunit"].lower()
    step = _ANAPHORIC_STEPS[groups.get("adir", "").lower()]
    part = load_time_words().day_parts.get(unit)
    daily = unit == "day" or part is not None
    previous = ctx.previous_day if daily else ctx.previous
    if previous is None and daily:
        return None  # "that day" with no day before it names an occasion, not a date
    if previous is None:
        partial = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX"}
        return _partial(partial.get(unit, "XXXX"))
    anchor = previous.earliest
    if daily:
        return _day_result(anchor + timedelta(days=step), part, None)
    value, interval = unit_period(anchor, unit, step)
    return Normalised("DATE", value, interval=interval, relative=True)


def _relative_unit(groups: dict[str, str], ctx: Context) -> Normalised | None:
    relation, unit, mod = groups["rel"].lower(), groups["runit"].lower(), _mod(groups)
    if ctx.dct is None:
        return _partial({"last": "PAST_REF", "previous": "PAST_REF"}.get(relation, "FUTURE_REF"), mod)
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[relation]
    value, interval = unit_period(ctx.dct, unit, step)
    word = " ".join(groups.get("mod", "").lower().split())
    if word in ("earlier", "later") and step == 0:
        interval = cal.up_to(interval, ctx.dct, before=word == "earlier")
    else:
        interval = _with_mod(interval, mod)
    return Normalised("DATE", value, mod, interval, relative=True)


def _the_unit(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the year", "the current fiscal year", "the week", "the weekend".

    "The year" is the DCT's year ("a high for the year"), except as a span of accounts ("the year
    ended Sept. 30" is a DURATION, P1Y). "The week" names a week the narrative is about that the
    words do not pin down: TimeML writes that as an unknown week of the DCT's year (1989-WXX).
    """
    unit = groups["tunit"].lower()
    adjective = " ".join(groups.get("tadj", "").lower().split())
    if unit == "year" and ("ending" in groups or adjective in ("entire", "whole")):
        return Normalised("DURATION", "P1Y")
    if unit == "year" and ctx.dct is not None:
        return Normalised("DATE", str(ctx.dct.year), interval=cal.year_interval(ctx.dct.year), relative=True)
    if unit == "year":
        return _partial("XXXX")
    if unit == "month":
        return Normalised("DURATION", "P1M")
    if ctx.dct is None:
        return _partial("XXXX-WXX")
    if unit == "week":
        return Normalised("DATE", f"{ctx.dct.year}-WXX", relative=True)
    step = -1 if unit == "weekend" and ctx.dct.isoweekday() < 5 else 0
    value, interval = unit_period(ctx.dct, unit, step)
    return Normalised("DATE", value, interval=interval, relative=True)


_PART_MODS = {"end": "END", "beginning": "START", "start": "START", "middle": "MID", "earlier": "START", "later": "END"}


def _part_of_unit(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the end of the year", "the beginning of next month", "earlier in the year"."""
    mod = _PART_MODS[(groups.get("eword") or groups["inmod"]).lower()]
    unit = groups["eunit"].lower()
    if ctx.dct is None:
        return _partial({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX"}[unit], mod)
    step = {"": 0, "this": 0, "next": 1, "last": -1}[groups.get("erel", "").lower()]
    value, interval = unit_period(ctx.dct, unit, step)
    return Normalised("DATE", value, mod, _with_mod(interval, mod), relative=True)


_DURATION_MODS = {
    "at least": "EQUAL_OR_MORE",
    "no less than": "EQUAL_OR_MORE",
    "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}


def _duration(groups: dict[str, str], ctx: Context) -> Normalised | None:
    amount, unit = amount_of(groups), unit_code(groups["unit"])
    words = " ".join(groups.get("approx", "").lower().split())
    mod = _DURATION_MODS.get(words) or _APPROX_MODS.get(words)
    if ("half" in groups or "half2" in groups) and amount is not None:
        return Normalised("DURATION", half_duration_value(amount, unit), mod)
    return Normalised("DURATION", duration_value(amount, unit), mod)


def _weekday_date(groups: dict[str, str], ctx: Context) -> Normalised | None:
    return _month_day(groups, ctx)


def _week_of(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the week of March 6" to the ISO week that holds that day."""
    day = _month_day(groups, ctx)
    if day is None or day.interval is None:
        return _partial("XXXX-WXX")
    first = day.interval.earliest
    return Normalised("DATE", cal.week_value(first), interval=cal.week_interval(first), relative=day.relative)


def _clock(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "9 a.m. Tuesday", "noon Thursday", "10:35 a.m." to a TIME on the day it names."""
    if "noon" in groups:
        hour, minute = (12 if groups["noon"].lower() == "noon" else 0), 0
    else:
        hour, minute = int(groups["hour"]) % 12, int(groups.get("minute", "0"))
        if groups["ampm"].lower().startswith("p"):
            hour += 12
    if ctx.dct is None:
        return _partial(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", type_="TIME")
    if "month" in groups:
        day = _month_day(groups, ctx)
        if day is None or day.interval is None:
            return None
        base = day.interval.earliest
    elif "weekday" in groups:
        day = _weekday(groups, ctx)
        if day is None or day.interval is None:
            return None
        base = day.interval.earliest
    elif "rday" in groups:
        base = ctx.dct + timedelta(days=_DAY_OFFSETS[groups["rday"].lower()])
    else:  # a bare "at 10:35 a.m." is on the day the narrative is about
        base = ctx.previous_day.earliest if ctx.previous_day is not None else ctx.dct
    return Normalised(
        "TIME", f"{base.isoformat()}T{hour:02d}:{minute:02d}", interval=cal.day_interval(base), relative=True
    )


def _unit_long(groups: dict[str, str], ctx: Context) -> Normalised | None:
    return Normalised("DURATION", duration_value(1, unit_code(groups["unit"])))


def _vague_duration(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "for months", "several quarters", "centuries", "the weeks ahead" to PXM, PXQ, PXC, PXW."""
    word = (groups.get("vague") or groups["vague2"]).lower()
    if word in ("quarters", "centuries"):
        return Normalised("DURATION", "PXQ" if word == "quarters" else "PXC")
    return Normalised("DURATION", duration_value(None, unit_code(word.rstrip("s"))))


_SET_UNITS = {
    "hourly": "PT1H",
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "morning": "TMO",
    "night": "TNI",
    "quarter": "P1Q",
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
}


def _set(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "every day", "daily" (P1D), "each July" (XXXX-07), "each Thursday", "Tuesday nights"."""
    if "month" in groups:
        return Normalised("SET", f"XXXX-{_month_number(groups):02d}")
    if "weekday" in groups or "pweekday" in groups:
        name = (groups.get("weekday") or groups["pweekday"]).lower()
        plural_part = groups.get("ppart") or groups.get("ppart2")
        part = load_time_words().day_parts[plural_part.lower()[:-1]] if plural_part else ""
        return Normalised("SET", f"XXXX-WXX-{load_time_words().weekdays[name]}" + (f"T{part}" if part else ""))
    word = (groups.get("sunit") or groups["adverb"]).lower()
    return Normalised("SET", _SET_UNITS[word])


def _reference(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "now", "these days" (the present), "the near term", "coming months" (the future), "recently"."""
    words = " ".join(groups["ref"].lower().split())
    if words.endswith(("now", "current", "currently", "nowadays", "these days")):
        value = "PRESENT_REF"
    elif words.endswith(("future", "term", "later date")) or words.startswith(("coming", "future")):
        value = "FUTURE_REF"
    else:
        value = "PAST_REF"
    interval = cal.day_interval(ctx.dct) if ctx.dct is not None and value == "PRESENT_REF" else None
    return Normalised("DATE", value, interval=interval, relative=True)


_HANDLERS = {
    "iso_date": _iso_date,
    "month_day": _month_day,
    "day_month": _month_day,
    "month": _month,
    "decade": _decade,
    "year_end": _year_end,
    "year": _year,
    "century": _century,
    "spelled_year": _spelled_year,
    "holiday": _holiday,
    "quarter": _quarter,
    "quarter_ref": _quarter_ref,
    "half_year": _half_year,
    "year_period": _year_period,
    "year_ago_adj": _year_ago_adjective,
    "season": _season,
    "weekday": _weekday,
    "weekday_date": _weekday_date,
    "week_of": _week_of,
    "clock": _clock,
    "relative_day": _relative_day,
    "this_part": _this_part,
    "ago": _ago,
    "anchored_duration": _anchored_duration,
    "relative_unit": _relative_unit,
    "anaphoric": _anaphoric,
    "the_unit": _the_unit,
    "part_of_unit": _part_of_unit,
    "duration": _duration,
    "unit_long": _unit_long,
    "vague_duration": _vague_duration,
    "set": _set,
    "reference": _reference,
}

"""Turn recognised candidates into TIMEX3 values and day intervals, anchored to the publication date.

`normalise` dispatches each rule to its resolver: days and clock times are in `days`, business
quarters in `quarters`, durations, sets and references in `spans`; months, years, decades,
seasons and "last month" / "the end of the year" are here. A month without a year takes the year
nearest the DCT. Without a DCT a relative expression keeps a partial value ("XXXX-10") and no interval.
"""

from __future__ import annotations

from datetime import date, timedelta

from timeline.models import DateInterval
from timeline.timex import calendar as cal
from timeline.timex.days import DAY_HANDLERS
from timeline.timex.era import ERA_HANDLERS
from timeline.timex.meaning import (
    Context,
    Normalised,
    month_number,
    partial,
    story_year,
    with_mod,
    word_mod,
)
from timeline.timex.quarters import QUARTER_HANDLERS
from timeline.timex.recognise import Candidate
from timeline.timex.spans import SPAN_HANDLERS
from timeline.timex.units import (
    season_interval,
    spelled_year,
    unit_period,
)
from timeline.timex.words import load_time_words


def normalise(candidate: Candidate, context: Context) -> Normalised | None:
    """Return the TIMEX3 meaning of ``candidate``, or None when the words name no real date.

    Arithmetic that leaves the calendar ("2024 years ago" in 2000) means the words are not a date.
    """
    try:
        return _HANDLERS[candidate.rule](candidate.groups, context)
    except (ValueError, OverflowError):
        return None


def _spelled_to_year(groups: dict[str, str]) -> None:
    """Put a spelled year ("nineteen ninety-four") into ``groups["year"]`` as digits."""
    year = spelled_year(groups["syear"]) if "syear" in groups else None
    if year is not None:
        groups["year"] = str(year)


def _month(groups: dict[str, str], ctx: Context) -> Normalised | None:
    month, mod = month_number(groups), word_mod(groups)
    relation = groups.get("rel", "").lower()
    _spelled_to_year(groups)
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.reference is not None and not relation and "yrel" not in groups:
        year = story_year(ctx.reference, month, forward=ctx.forward_months)
    elif ctx.reference is not None and relation in ("previous", "following"):
        year = _month_beside(ctx.reference.earliest, month, relation)
    elif ctx.dct is None:
        return partial(f"XXXX-{month:02d}", mod)
    elif "yrel" in groups:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[groups["yrel"].lower()]
    elif relation in ("last", "past", "previous"):
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif relation in ("next", "coming"):
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif relation == "this":
        year = ctx.dct.year
    else:
        year = cal.month_year_nearest(ctx.dct, month, future=ctx.future, past=ctx.past)
    interval = with_mod(cal.month_interval(year, month), mod)
    return Normalised("DATE", f"{year}-{month:02d}", mod, interval, relative="year" not in groups)


_WEEK_POSITIONS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "final": -1}


def _week_in_month(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the last week of March": the ISO week whose Thursday is the month's last (or first...) one."""
    month = _month(groups, ctx)
    if month is None or month.interval is None:
        return partial("XXXX-WXX")
    first = month.interval.earliest
    thursday = first + timedelta(days=(3 - first.weekday()) % 7)
    thursdays = [
        thursday + timedelta(weeks=k) for k in range(5) if (thursday + timedelta(weeks=k)).month == first.month
    ]
    day = thursdays[_WEEK_POSITIONS[groups["wpos"].lower()]]
    return Normalised("DATE", cal.week_value(day), interval=cal.week_interval(day), relative=month.relative)


def _month_beside(reference: date, month: int, relation: str) -> int:
    """Return the year of "the previous April" (the last one before the story's date) or "the following April"."""
    if relation == "previous":
        return reference.year if month < reference.month else reference.year - 1
    return reference.year if month > reference.month else reference.year + 1


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
        short = groups.get("adecade") or groups.get("cdecade")  # "the '80s", "the 70s and 80s"
        first = 1900 + (_SPELLED_DECADES[groups["sdecade"].lower()] if "sdecade" in groups else int(short))
    if "mod2" in groups:
        groups["mod"] = groups["mod2"]
    return Normalised("DATE", str(first)[:3], word_mod(groups), with_mod(cal.decade_interval(first), word_mod(groups)))


def _year_end(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "by year-end", "year's end": the end of the DCT's year ("since year-end": the last one)."""
    if ctx.anchor is None:
        return partial("XXXX", "END")
    year = ctx.anchor.year - (1 if "yesince" in groups else 0)
    return Normalised("DATE", str(year), "END", with_mod(cal.year_interval(year), "END"), relative=True)


_CENTURY_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()


def _century(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the 20th century", "the nineteenth century" ("twenty-first" is the 21st)."""
    if "cnum" in groups:
        number = int(groups["cnum"])
    else:
        word = groups["cword"].lower()
        number = 21 if word == "twenty-first" else _CENTURY_WORDS.index(word) + 1
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


def _year_range_end(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve the end of "1973-1975", "1957-58": a year after the start (no year-month, no phone number)."""
    first = int(groups.get("rfirst") or groups.get("rfirst2") or groups["rfirst3"])
    end = groups["ryear"]
    year = int(end) if len(end) == 4 else first // 100 * 100 + int(end)
    if not 1600 <= first < year <= first + 100 or (len(end) == 2 and int(end) <= 12):
        return None
    return Normalised("DATE", str(year), None, cal.year_interval(year))


def _year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    year, mod = int(groups["year"]), word_mod(groups)
    return Normalised("DATE", str(year), mod, with_mod(cal.year_interval(year), mod))


def _short_year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "'99": the year ending in 99 at most ten years after the anchor, the latest such one."""
    if ctx.anchor is None:
        return partial(f"XX{groups['yy']}")
    latest = ctx.anchor.year + 10
    year = latest - (latest - int(groups["yy"])) % 100
    return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=True)


_SEASON_FIRST_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(groups: dict[str, str], ctx: Context) -> Normalised | None:
    code = load_time_words().seasons[groups["season"].lower()]
    relation = groups.get("rel", "").lower()
    _spelled_to_year(groups)
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.reference is not None and relation in ("", "next", "following", "previous"):
        step = {"": 0, "next": 1, "following": 1, "previous": -1}[relation]  # "the next spring": the story's
        year = story_year(ctx.reference, _SEASON_FIRST_MONTHS[code]) + step
    elif ctx.dct is None:
        return partial(f"XXXX-{code}")
    else:
        current = cal.season_year(ctx.dct, code)
        inside = season_interval(current, code).latest >= ctx.dct
        if relation in ("last", "previous", "past"):
            year = current - 1 if inside else current
        elif relation in ("next", "coming") or (ctx.future and relation in ("", "this") and not inside):
            year = current + 1  # a future clause's "in the spring" is the coming one, as a month's is
        elif relation == "this":  # the one of the DCT's year (a winter that began last December)
            year = ctx.dct.year - (1 if code == "WI" and ctx.dct.month <= 2 else 0)
        else:
            year = current
    return Normalised("DATE", f"{year}-{code}", interval=season_interval(year, code), relative="year" not in groups)


def _relative_unit(groups: dict[str, str], ctx: Context) -> Normalised | None:
    relation, unit, mod = groups["rel"].lower(), groups["runit"].lower(), word_mod(groups)
    anchor = ctx.anchor
    if anchor is None:
        return partial({"last": "PAST_REF", "previous": "PAST_REF"}.get(relation, "FUTURE_REF"), mod)
    step = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[relation]
    value, interval = unit_period(anchor, unit, step)
    word = " ".join(groups.get("mod", "").lower().split())
    if word in ("earlier", "later") and step == 0:
        interval = cal.up_to(interval, anchor, before=word == "earlier")
    else:
        interval = with_mod(interval, mod)
    return Normalised("DATE", value, mod, interval, relative=True)


def _the_unit(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the year", "the current fiscal year", "the week", "the weekend".

    "The year" is the DCT's year ("a high for the year"), except as a span of accounts ("the year
    ended Sept. 30" is a DURATION, P1Y). "The week" names a week the narrative is about that the
    words do not pin down: TimeML writes that as an unknown week of the DCT's year (1989-WXX).
    """
    unit = groups["tunit"].lower()
    if unit == "year" and "ending" in groups:
        return Normalised("DURATION", "P1Y")
    if unit == "year" and ctx.anchor is not None and groups.get("tadj", "").lower().startswith("latest"):
        year = ctx.anchor.year - 1  # the last year completed, as "the latest quarter" is the last full quarter
        return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=True)
    if unit == "year" and ctx.anchor is not None:
        # in earnings news the year of the reported quarter ("a loss of $4.8 billion in the fourth quarter of
        # 2005 and $8.6 billion for the entire year", published in 2006: 2005)
        year = ctx.quarter[0] if ctx.quarter is not None and ctx.reference is None else ctx.anchor.year
        return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=True)
    if unit == "year":
        return partial("XXXX")
    if unit == "month":
        return Normalised("DURATION", "P1M")
    if ctx.dct is None:
        return partial("XXXX-WXX")
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
    if ctx.anchor is None:
        return partial({"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX"}[unit], mod)
    step = {"": 0, "this": 0, "next": 1, "last": -1}[groups.get("erel", "").lower()]
    value, interval = unit_period(ctx.anchor, unit, step)
    return Normalised("DATE", value, mod, with_mod(interval, mod), relative=True)


_HANDLERS = {
    **DAY_HANDLERS,
    **QUARTER_HANDLERS,
    **SPAN_HANDLERS,
    **ERA_HANDLERS,
    "month": _month,
    "week_in_month": _week_in_month,
    "decade": _decade,
    "year_end": _year_end,
    "year": _year,
    "short_year": _short_year,
    "year_range_end": _year_range_end,
    "prefixed_year": _year,
    "century": _century,
    "spelled_year": _spelled_year,
    "season": _season,
    "relative_unit": _relative_unit,
    "the_unit": _the_unit,
    "part_of_unit": _part_of_unit,
}

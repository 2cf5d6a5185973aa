"""Days and clock times: "Oct. 7", "Thursday", "yesterday", "that day", "9 a.m. Tuesday".

A weekday in a past clause is the latest such day on or before the DCT (the DCT's own weekday is the
DCT), in a future clause the next one; a month/day without a year takes the year nearest the DCT;
"that day" and "the next morning" refer to the last day the text mentioned (`Context.previous_day`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from timeline.timex import calendar as cal
from timeline.timex.meaning import (
    Context,
    Normalised,
    day_part,
    day_result,
    month_number,
    partial,
    story_year,
    word_mod,
)
from timeline.timex.units import (
    unit_period,
)
from timeline.timex.words import load_time_words


def _iso_date(groups: dict[str, str], ctx: Context) -> Normalised | None:
    try:
        day = date(int(groups["year"]), int(groups["m"]), int(groups["d"]))
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day))


def _month_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    month, day_number = month_number(groups), int(groups["d"])
    if not 1 <= day_number <= 31:
        return None
    relation = "last" if ctx.word_before == "ended" else groups.get("drel", "").lower()  # "the year ended Jan. 31"
    if "year" in groups:
        year: int | None = int(groups["year"])
    elif ctx.reference is not None and not relation:
        year = story_year(ctx.reference, month, forward=ctx.forward_months)
    elif ctx.dct is not None and relation:  # "last Oct. 23": the latest before the DCT, "next" the first after
        before = (month, day_number) < (ctx.dct.month, ctx.dct.day)
        year = ctx.dct.year - (0 if before else 1) if relation == "last" else ctx.dct.year + (0 if not before else 1)
    elif ctx.dct is not None:
        year = cal.day_year_near(ctx.dct, month, day_number, future=ctx.future)
    else:
        return partial(f"XXXX-{month:02d}-{day_number:02d}")
    try:
        day = date(year, month, day_number) if year is not None else None
    except ValueError:
        day = None
    if day is None:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative="year" not in groups)


def _second_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve the "25" of "April 24 and 25": that day of the month named right before, else no time."""
    if ctx.just_day is None:
        return None
    try:
        day = ctx.just_day.replace(day=int(groups.get("d") or groups["d1"]))
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative=True)


def _part_of_date(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the night of 20 June 1791": the day the date names, with the part of it (a TIME)."""
    number = groups.get("d") or groups.get("d2")
    if number is None:
        return None  # "the night of June" names no day
    meaning = _month_day({**groups, "d": number}, ctx)
    if meaning is None or meaning.interval is None:
        return meaning
    return replace(day_result(meaning.interval.earliest, day_part(groups), None), relative=meaning.relative)


def _range_end_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve the "9, 1918" of "March 5-9, 1918": that day of the month named right before, in its own year."""
    if ctx.just_day is None:
        return None
    try:
        day = ctx.just_day.replace(day=int(groups["d"]))
        day = day.replace(year=int(groups["year"])) if "year" in groups else day
    except ValueError:
        return None
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative="year" not in groups)


def _holiday(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve a holiday to its day in the year nearest the DCT (past, unless within four months ahead)."""
    name = " ".join(groups["holiday"].lower().split())
    relation = groups.get("hrel", "").lower()
    if ctx.reference is not None and not relation:  # a narrative's "Christmas": the story year's
        day = cal.holiday_date(name, story_year(ctx.reference, 12))
        return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative=True)
    if ctx.dct is None:
        return partial("XXXX-XX-XX")
    candidates = [cal.holiday_date(name, year) for year in range(ctx.dct.year - 1, ctx.dct.year + 2)]
    if relation == "last":
        day = max(c for c in candidates if c < ctx.dct)
    elif relation == "next":
        day = min(c for c in candidates if c > ctx.dct)
    else:
        ahead = [c for c in candidates if ctx.dct < c <= ctx.dct + timedelta(days=cal.SOON_DAYS)]
        day = ahead[0] if ahead else max(c for c in candidates if c <= ctx.dct)
    if "hweek" in groups:  # "Easter week": the week that ends on Easter Sunday
        return Normalised("DATE", cal.week_value(day), interval=cal.week_interval(day), relative=True)
    return Normalised("DATE", day.isoformat(), interval=cal.day_interval(day), relative=True)


def _weekday(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "Thursday", "last Tuesday", "next Monday"; "the previous Friday" is before the narrative's day."""
    weekday = load_time_words().weekdays[groups["weekday"].lower()]
    part, mod = day_part(groups), word_mod(groups)
    if ctx.dct is None:
        return partial(f"XXXX-WXX-{weekday}", mod)
    relation = groups.get("rel", "").lower()
    if "follow" in groups and ctx.previous_day is not None:
        day = cal.weekday_after(ctx.previous_day.earliest, weekday)
    elif relation == "previous" and ctx.previous_day is not None:
        day = cal.weekday_on_or_before(ctx.previous_day.earliest - timedelta(days=1), weekday)
    elif relation in ("last", "past", "previous"):
        day = cal.weekday_on_or_before(ctx.dct - timedelta(days=1), weekday)
    elif relation in ("next", "coming") or "follow" in groups or ctx.future:
        day = cal.weekday_after(ctx.dct, weekday)
    else:
        day = cal.weekday_on_or_before(ctx.dct, weekday)
    # TimeML: a part of day with a day is a TIME ("Friday night" 2024-02-09TNI); MEANTIME and TimeBank both
    # annotate it so (TimeBank is split on "night": the plain day in some documents, which one corpus alone).
    return day_result(day, part, mod)


def _day_beside_weekday(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the day before last Tuesday": the weekday as "last Tuesday" would be, one day off."""
    weekday = _weekday(groups, ctx)
    if weekday is None or weekday.interval is None:
        return weekday
    step = -1 if groups["beside"].lower() == "before" else 1
    return day_result(weekday.interval.earliest + timedelta(days=step), None, None)


_DAY_OFFSETS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1}


def _relative_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    word = " ".join(groups["rday"].lower().split())
    mod = word_mod(groups)
    mid = groups.get("mpart")  # "mid-afternoon yesterday"
    part = load_time_words().day_parts[mid.lower()] if mid else day_part(groups)
    part = part or ("NI" if word == "last night" else None)
    if ctx.dct is None:
        return partial("PRESENT_REF" if word == "today" else "XXXX-XX-XX")
    if word == "tonight":  # the plain day, as TimeBank's one "tonight" is (TNI, WikiWars' one, measured worse)
        return day_result(ctx.dct, None, mod)
    return day_result(ctx.dct + timedelta(days=_DAY_OFFSETS[word]), part, mod)


def _this_part(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "this morning" (the DCT's) and "in the morning" (the narrative's last day's, else the DCT's)."""
    if ctx.dct is None:
        return partial("XXXX-XX-XXT" + (day_part(groups) or ""))
    day = ctx.previous_day.earliest if "the" in groups and ctx.previous_day is not None else ctx.dct
    return day_result(day, day_part(groups), None)


def _ordinal_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "it's the second day of the offensive": in the present tense, the day is the DCT."""
    if ctx.dct is None:
        return partial("XXXX-XX-XX")
    return day_result(ctx.dct, None, None)


_ANAPHORIC_STEPS = {"": 0, "same": 0, "following": 1, "next": 1, "previous": -1}


def anaphoric(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "that day", "the following year", "earlier that day", "the next morning".

    These refer to the date the text last mentioned, not to the publication date; with no date
    mentioned before, the value stays partial.
    """
    unit = groups["aunit"].lower()
    step = _ANAPHORIC_STEPS[groups.get("adir", "").lower()]
    part = load_time_words().day_parts.get(unit)
    daily = unit == "day" or part is not None
    if daily and ctx.previous_day is None:
        return None  # "that day" with no day before it names an occasion, not a date
    if daily and ctx.previous is not None and ctx.previous.granularity == "month":
        # "killed last October ... crossed out that same day": a day of that month, which one unknown
        month = ctx.previous.earliest
        return Normalised("DATE", f"{month.year}-{month.month:02d}-XX", interval=ctx.previous, relative=True)
    previous = ctx.previous_day if daily else ctx.previous
    if previous is None:
        unknown = {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX"}
        return partial(unknown.get(unit, "XXXX"))
    anchor = previous.earliest
    if daily:
        return day_result(anchor + timedelta(days=step), part, None)
    value, interval = unit_period(anchor, unit, step)
    return Normalised("DATE", value, interval=interval, relative=True)


def _in_the_day(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the day" of "later in the day": the day the text last named, else the DCT's day."""
    day = ctx.previous_day.earliest if ctx.previous_day is not None else ctx.dct
    if day is None:
        return partial("XXXX-XX-XX")
    return day_result(day, None, None)


def _day_beside_event(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "Oct. 12, the day before the plunge": the day just named, in apposition.

    Elsewhere ("the day after his death") the event's own day is what counts, and the day the text named
    last is often another one (WikiWars "The day before Obama's speech"): left out.
    """
    if not groups.get("apposition") or ctx.previous_day is None:
        return None
    return day_result(ctx.previous_day.earliest, None, None)


def _that_time(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "at that time": the last date the text mentioned, at its precision (a day, a month, a year)."""
    previous = ctx.previous
    if previous is None or previous.granularity not in ("day", "month", "year"):
        return None
    first = previous.earliest
    value = {"day": first.isoformat(), "month": f"{first.year}-{first.month:02d}", "year": str(first.year)}
    return Normalised("DATE", value[previous.granularity], interval=previous, relative=True)


def _weekday_date(groups: dict[str, str], ctx: Context) -> Normalised | None:
    return _month_day(groups, ctx)


def _week_of(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the week of March 6" to the ISO week that holds that day."""
    day = _month_day(groups, ctx)
    if day is None or day.interval is None:
        return partial("XXXX-WXX")
    first = day.interval.earliest
    return Normalised("DATE", cal.week_value(first), interval=cal.week_interval(first), relative=day.relative)


def _clock(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "9 a.m. Tuesday", "noon Thursday", "10:35 a.m." to a TIME on the day it names."""
    second = groups.get("second") or groups.get("second24")
    if "noon" in groups:
        hour, minute = (0 if groups["noon"].lower() == "midnight" else 12), 0
    elif "hour24" in groups:
        hour, minute = int(groups["hour24"]), int(groups["minute24"])
    else:
        hour, minute = int(groups["hour"]) % 12, int(groups.get("minute", "0"))
        if groups["ampm"].lower().startswith(("p", "in the afternoon", "in the evening")):
            hour += 12
    clock = f"{hour:02d}:{minute:02d}" + (f":{second}" if second else "")
    clock += "Z" if groups.get("zone", "").upper() in ("UTC", "GMT") else ""
    if ctx.dct is None:
        return partial(f"XXXX-XX-XXT{clock}", type_="TIME")
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
    return Normalised("TIME", f"{base.isoformat()}T{clock}", interval=cal.day_interval(base), relative=True)


DAY_HANDLERS = {
    "ordinal_day": _ordinal_day,
    "iso_date": _iso_date,
    "month_day": _month_day,
    "second_day": _second_day,
    "range_day": _month_day,
    "part_of_date": _part_of_date,
    "range_end_day": _range_end_day,
    "relative_month_day": _month_day,
    "day_month": _month_day,
    "holiday": _holiday,
    "weekday": _weekday,
    "day_beside_weekday": _day_beside_weekday,
    "weekday_date": _weekday_date,
    "weekday_day_month": _weekday_date,
    "week_of": _week_of,
    "clock": _clock,
    "relative_day": _relative_day,
    "this_part": _this_part,
    "anaphoric": anaphoric,
    "in_the_day": _in_the_day,
    "day_beside_event": _day_beside_event,
    "that_time": _that_time,
}

"""Business quarters: "the third quarter", "the year-ago period", "a year earlier" in earnings news.

A quarter without a year is the latest one not after the DCT's; "the quarter", "the latest period"
and "the year-earlier period" refer to the quarter the article reports on (`Context.quarter`).
"""

from __future__ import annotations

from datetime import date

from timeline.models import DateInterval
from timeline.timex import calendar as cal
from timeline.timex.meaning import (
    Context,
    Normalised,
    last_full_quarter,
    partial,
)
from timeline.timex.units import (
    quarter_interval,
)

# "the final quarter" of a year is its fourth
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "final": 4}


def _quarter(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the third quarter", "the 1988 third quarter", "next year's first quarter".

    A quarter without a year is the latest one not after the DCT's, as earnings news reports on
    quarters past ("will report fourth-quarter results" written in January is last year's), except
    when a future clause places an event in it ("will close ten plants during the fourth quarter"
    written in August): the coming one, as a year-less month in a future clause is.
    "The year-earlier third quarter" is the one a year before the quarter the text is about.
    """
    quarter = _ORDINALS[groups["ord"].lower()]
    explicit = groups.get("year") or groups.get("oyear")
    relation = (groups.get("qyrel") or groups.get("qyrel2") or "").lower()
    if explicit:
        year = int(explicit)
    elif ctx.dct is None:
        return partial(f"XXXX-Q{quarter}")
    elif relation:
        year = ctx.dct.year + _YEAR_STEPS[relation]
    else:
        current = (ctx.dct.month - 1) // 3 + 1
        ahead = ctx.future and ctx.word_before in _PLACING_WORDS
        year = ctx.dct.year if quarter <= current or ahead else ctx.dct.year - 1
        if "qyadj" in groups:
            year = (ctx.quarter[0] if ctx.quarter and ctx.quarter[1] == quarter else year) - 1
    return Normalised("DATE", f"{year}-Q{quarter}", interval=quarter_interval(year, quarter), relative=not explicit)


_PLACING_WORDS = frozenset({"in", "during", "by"})
"""Before a quarter these place an event in it ("during the fourth quarter"), which a future clause puts ahead."""

_YEAR_STEPS = {"last": -1, "previous": -1, "this": 0, "the": 0, "next": 1, "a": -1}


def _half_year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the last half of 1989" and "the first two quarters of 1990" to 1989-H2 and 1990-H1."""
    half = 1 if groups["half"].lower() == "first" else 2
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return partial(f"XXXX-H{half}")
    else:
        year = ctx.dct.year + _YEAR_STEPS[groups["hyrel"].lower()]
    first = date(year, 6 * half - 5, 1)
    interval = DateInterval(earliest=first, latest=cal.month_interval(year, 6 * half).latest, granularity="half")
    return Normalised("DATE", f"{year}-H{half}", interval=interval, relative="year" not in groups)


def _year_period(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the 1988 quarter", "last year's period", "the corresponding period last year".

    In business news the period is the quarter the text is about, in the year named; right after a
    month ("sales rose in February compared to the same period last year") it is that month a year
    before; otherwise "the 1988 period" is the year and "the 1988 quarter" an unknown quarter of it.
    """
    relation = (groups.get("yprel") or groups.get("yprel2") or "").lower()
    reference = ctx.quarter
    previous = ctx.previous
    if "pword2" in groups and reference is None and previous is not None and previous.granularity == "month":
        # "sales rose in February compared to the same period last year": that month, a year before
        month = previous.earliest.replace(year=previous.earliest.year - 1)
        return Normalised(
            "DATE",
            f"{month.year}-{month.month:02d}",
            interval=cal.month_interval(month.year, month.month),
            relative=True,
        )
    if "year" in groups:
        year = int(groups["year"])
    elif ctx.dct is None:
        return partial("XXXX")
    else:
        year = (reference[0] if reference else ctx.dct.year) + _YEAR_STEPS[relation]
    word = (groups.get("pword") or groups.get("pword2") or "").lower()
    if word == "period" and ctx.months is not None and "year" in groups:  # "the first nine months ... the 1988 period"
        return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=False)
    if reference is not None:
        return quarter_value(year, reference[1])
    if word in ("quarter", "month"):  # a quarter or month of that year the text does not name
        unknown = "QX" if word == "quarter" else "XX"
        return Normalised("DATE", f"{year}-{unknown}", interval=cal.year_interval(year), relative=True)
    return Normalised("DATE", str(year), interval=cal.year_interval(year), relative="year" not in groups)


def _reference_quarter(ctx: Context) -> tuple[int, int] | None:
    if ctx.quarter is not None:
        return ctx.quarter
    return last_full_quarter(ctx.dct) if ctx.dct is not None else None


def quarter_value(year: int, quarter: int) -> Normalised:
    """Return the quarter ``year``-Q``quarter`` as a resolved DATE."""
    return Normalised("DATE", f"{year}-Q{quarter}", interval=quarter_interval(year, quarter), relative=True)


def _quarter_ref(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the quarter", "the latest period", "the year-ago quarter" to the reported quarter.

    Right after a span of months ("the first nine months"), "the year-earlier period" is that span.
    """
    if groups["qunit"].lower() == "period" and ctx.months is not None:
        return Normalised("DURATION", f"P{ctx.months}M")
    reference = _reference_quarter(ctx)
    if reference is None:
        return partial("XXXX-QX")
    year, quarter = reference
    kind = " ".join(groups.get("qref", "").lower().split())
    if kind in ("latest", "most recent") and ctx.dct is not None and ctx.quarter is None:
        year, quarter = last_full_quarter(ctx.dct)
    if kind == "current" and ctx.dct is not None:
        year, quarter = ctx.dct.year, (ctx.dct.month - 1) // 3 + 1
    if kind in ("year-ago", "year-earlier") or groups["__text"].lower().endswith(("ago", "earlier")):
        year -= 1
    return quarter_value(year, quarter)


def _year_ago_adjective(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "year-earlier": the reported quarter a year before, or the year after a span of months."""
    if ctx.dct is None:
        return partial("PAST_REF")
    if ctx.quarter is not None and ctx.months is None:
        return quarter_value(ctx.quarter[0] - 1, ctx.quarter[1])
    year = ctx.dct.year - 1
    return Normalised("DATE", str(year), interval=cal.year_interval(year), relative=True)


QUARTER_HANDLERS = {
    "quarter": _quarter,
    "quarter_ref": _quarter_ref,
    "half_year": _half_year,
    "year_period": _year_period,
    "year_ago_adj": _year_ago_adjective,
}

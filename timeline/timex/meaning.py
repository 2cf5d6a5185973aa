"""What a recognised time expression means: the resolution context, the result, shared helpers.

`normalise` resolves each rule's words with these (`days` the days and clock times,
`quarters` business quarters, `spans` durations, sets and references).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from timeline.models import DateInterval, TimexType
from timeline.timex import calendar as cal
from timeline.timex.words import load_time_words


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
        months: the length in months of the span the text just named ("the first nine months"),
            which "the 1988 period" and "the year-earlier period" right after it refer to.
        just_day: the expression right before was a calendar day ("the quarter ended Sept. 30"),
            which "a year earlier" right after it shifts by a year.
        word_before: the lower-cased word right before the expression: after "ended" ("the fiscal
            year ended Jan. 31") a day has passed, after "for" ("for the past few weeks") a span is a length.
        reference: the story's reference time (the last date the text mentioned) when it, not the
            DCT, anchors this expression: set in a narrative (`times.tag_times`), where "in March"
            after "In 1919" is March 1919 and "the end of the year" is 1919's.
        forward_months: how many months before the reference time's month a year-less month must be
            to fall in the next year (`story_year`); 0 when the reference time is not a month or day
            written with its year (`time_narrative.yml`, forward_months).
    """

    dct: date | None
    future: bool = False
    past: bool = False
    quarter: tuple[int, int] | None = None
    previous: DateInterval | None = None
    previous_day: DateInterval | None = None
    months: int | None = None
    just_day: date | None = None
    word_before: str = ""
    reference: DateInterval | None = None
    forward_months: int = 0

    @property
    def anchor(self) -> date | None:
        """The day relative expressions count from: the reference time's first day, else the DCT."""
        return self.reference.earliest if self.reference is not None else self.dct


@dataclass(frozen=True)
class Normalised:
    """The meaning of one candidate."""

    type: TimexType
    value: str
    mod: str | None = None
    interval: DateInterval | None = None
    relative: bool = False


def last_full_quarter(dct: date) -> tuple[int, int]:
    """Return the quarter before the DCT's: the one business news reports on."""
    index = dct.year * 4 + (dct.month - 1) // 3 - 1
    return divmod(index, 4)[0], divmod(index, 4)[1] + 1


def story_year(reference: DateInterval, month: int, *, forward: int = 0) -> int:
    """Return the year of a year-less month in a narrative: the year of the story's reference time.

    A narrative names the year once ("In 1919, ...") and then the months of that year ("On April
    16"); TimeML anchors such an expression to the reference time it depends on, not to the DCT.

    A story moves forward: a month at least ``forward`` months (when not 0) before the reference
    time's month in the calendar is the next year's ("In December 1916 ... their response of 14
    January": 1917), as a month without a year in news is the one nearest the DCT.
    """
    year = reference.earliest.year
    return year + 1 if forward and month + forward <= reference.earliest.month else year


def word_mod(groups: dict[str, str]) -> str | None:
    """Return the TIMEX3 mod of the "mod" group ("late" -> END), if any."""
    word = groups.get("mod")
    return load_time_words().modifiers.get(" ".join(word.lower().split())) if word else None


def month_number(groups: dict[str, str]) -> int:
    """Return the month number of the "month" group ("Sept." -> 9)."""
    return load_time_words().months[groups["month"].lower().rstrip(".")]


def with_mod(interval: DateInterval | None, mod: str | None) -> DateInterval | None:
    """Return the part of ``interval`` that ``mod`` keeps ("late" keeps the last third)."""
    return cal.sub_interval(interval, mod) if interval is not None and mod else interval


def partial(value: str, mod: str | None = None, type_: TimexType = "DATE") -> Normalised:
    """Return a value the words leave partial ("XXXX-WXX-4"): no DCT or no anchor to resolve it."""
    return Normalised(type_, value, mod, None, relative=True)


def day_part(groups: dict[str, str]) -> str | None:
    """Return the TIMEX3 code of the "part" group ("night" -> NI), if any."""
    word = groups.get("part")
    return load_time_words().day_parts[word.lower()] if word else None


def day_result(day: date, part: str | None, mod: str | None, part_type: TimexType = "TIME") -> Normalised:
    """Return a day, or a day with a part of it ("2024-02-08TMO", typed ``part_type``)."""
    if part:
        return Normalised(part_type, f"{day.isoformat()}T{part}", mod, cal.day_interval(day), True)
    return Normalised("DATE", day.isoformat(), mod, cal.day_interval(day), True)

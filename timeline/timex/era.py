"""Years before Christ: "490 BC", "the 4th century BC", "the 470s BC", "AD 70".

TIMEX3 writes a year BC as ``BC`` and its four digits (490 BC -> ``BC0490``, the 4th century BC ->
``BC03``). Python's `date` holds no year before 1, so a BC date has no `DateInterval` in the output:
its value is exact and the merger treats it as undated. Inside the tagger, though, a narrative about
480 BC must still count "the following year" and "September" from it, so a BC year is carried as a
surrogate year: its astronomical number (1 BC = year 0, 2 BC = -1) plus ``SURROGATE_OFFSET``, a
multiple of 400 so that the proleptic Gregorian leap years stay where they are. Every value the
tagger emits passes through `era_output`, which writes a surrogate year back as ``BC`` and drops the
interval, so a surrogate never leaves the tagger.
"""

from __future__ import annotations

import re

from timeline.timex import calendar as cal
from timeline.timex.meaning import Context, Normalised, month_number, with_mod, word_mod
from timeline.timex.units import season_interval
from timeline.timex.words import load_time_words

SURROGATE_OFFSET = 8000
"""Year 1 BC (astronomical 0) is surrogate year 8000; real years in text never come near it."""
MAX_BC_YEAR = 2000
"""BC years up to this have a surrogate interval (8001 - 2000 = 6001); older ones keep only their value."""
_SURROGATE_FLOOR = SURROGATE_OFFSET - MAX_BC_YEAR + 1


def is_bc(groups: dict[str, str]) -> bool:
    """Return True when the era words say before Christ ("BC", "B.C.", "BCE")."""
    return groups.get("era", "").lower().replace(".", "").replace(" ", "").startswith("b")


def bc_surrogate(year_bc: int) -> int:
    """Return the surrogate year of ``year_bc`` BC (490 BC -> 7511)."""
    return SURROGATE_OFFSET + 1 - year_bc


def era_year(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "490 BC" (``BC0490``, a surrogate interval) and "AD 70" / "70 AD" (``0070``)."""
    year, mod = int(groups["eyear"]), word_mod(groups)
    if year == 0:
        return None  # there is no year 0 BC or AD
    within = _within_year(groups)
    if not is_bc(groups):
        return _in_year(year, within, mod)
    if year > MAX_BC_YEAR:
        return Normalised("DATE", f"BC{year:04d}" + (f"-{within}" if within else ""), mod)
    return _in_year(bc_surrogate(year), within, mod)


def _within_year(groups: dict[str, str]) -> str | None:
    """Return the month or season code the words name in the year ("August 480 BC": "08"), if any."""
    if "month" in groups:
        return f"{month_number(groups):02d}"
    if "season" in groups:
        return load_time_words().seasons[groups["season"].lower()]
    return None


def _in_year(year: int, within: str | None, mod: str | None) -> Normalised:
    """Return the year, or its month or season ("480-08", "481-FA"), with its interval."""
    if within is None:
        return Normalised("DATE", f"{year:04d}", mod, with_mod(cal.year_interval(year), mod))
    interval = cal.month_interval(year, int(within)) if within.isdigit() else season_interval(year, within)
    return Normalised("DATE", f"{year:04d}-{within}", mod, with_mod(interval, mod))


def era_span(groups: dict[str, str], ctx: Context) -> Normalised | None:
    """Resolve "the 4th century BC" (``BC03``) and "the 470s BC" (``BC047``): values, no interval."""
    if "ecentury" in groups:
        number = int(groups["ecentury"])
        return Normalised("DATE", f"BC{number - 1:02d}", word_mod(groups)) if number > 0 else None
    return Normalised("DATE", f"BC{int(groups['edecade']) // 10:03d}", word_mod(groups))


_LEADING_YEAR = re.compile(r"(\d{4})(.*)", re.DOTALL)


def is_surrogate(meaning: Normalised) -> bool:
    """Return True when ``meaning`` lies in a surrogate (BC) year."""
    return meaning.interval is not None and meaning.interval.earliest.year >= _SURROGATE_FLOOR


def era_output(meaning: Normalised) -> Normalised:
    """Return ``meaning`` as it leaves the tagger: a surrogate year written ``BC``, without its interval.

    A value that does not begin with the year ("P1Y", "XXXX-09") keeps its words; only a year the
    surrogate produced is rewritten (7511 -> BC0490, 7511-09 -> BC0490-09).
    """
    if not is_surrogate(meaning):
        return meaning
    found = _LEADING_YEAR.fullmatch(meaning.value)
    value = meaning.value
    if found is not None and int(found.group(1)) >= _SURROGATE_FLOOR:
        astronomical = int(found.group(1)) - SURROGATE_OFFSET
        year = f"BC{1 - astronomical:04d}" if astronomical <= 0 else f"{astronomical:04d}"
        value = year + found.group(2)
    return Normalised(meaning.type, value, meaning.mod, None, meaning.relative)


ERA_HANDLERS = {"era_year": era_year, "era_range": era_year, "era_ad": era_year, "era_span": era_span}

"""The weak baseline: `dateparser.search_dates` on the plain text, anchored at the DCT.

Every date it finds is a DATE whose value is the ISO day it parsed to (times and durations are not
its business). Its matches are strings, so they are placed on the text with a moving cursor.
"""

from __future__ import annotations

from datetime import date, datetime

from dateparser.search import search_dates

from bench.heideltime_peer import PeerTimex
from timeline.models import Span


def dateparser_version() -> str:
    from importlib.metadata import version  # noqa: PLC0415

    return version("dateparser")


def tag_with_dateparser(plain: str, dct: date) -> list[PeerTimex]:
    """Return dateparser's dates in ``plain`` as DATE expressions with day values."""
    base = datetime(dct.year, dct.month, dct.day)  # noqa: DTZ001 - a naive day, as dateparser expects
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    found = search_dates(plain, languages=["en"], settings=settings) or []
    cursor = 0
    timexes = []
    for text, moment in found:
        start = plain.find(text, cursor)
        if start < 0 or not text.strip():
            continue
        cursor = start + len(text)
        timexes.append(PeerTimex(span=Span(start=start, end=cursor), type="DATE", value=moment.date().isoformat()))
    return timexes

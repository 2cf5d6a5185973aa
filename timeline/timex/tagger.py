"""Time expressions of one text: recognise, decide the clause's tense, normalise to the DCT.

This is the first version of the tagger (issue #2): rules from `resources/en/time_words.yml`, a
clause-window test for future tense, and explicit anchoring to the publication date.
"""

from __future__ import annotations

import hashlib
from datetime import date

from timeline.models import DateInterval, Span, TimeExpression
from timeline.timex.normalise import Context, Normalised, normalise
from timeline.timex.recognise import find_candidates
from timeline.timex.tense import clause_tense

TENSE_RULES = frozenset({"month_day", "day_month", "month", "weekday", "weekday_date", "clock", "week_of"})
"""The rules whose value depends on the clause's tense (the direction of a weekday, the year of a month)."""


def clause_is_future(text: str, start: int, end: int | None = None) -> bool:
    """Return True when the clause around ``start`` speaks of the future ("due to meet ... on Monday").

    See `tense.clause_tense`: the nearest tense word decides, a clause without one is not future.
    """
    return clause_tense(text, start, end) == "future"


def _word_before(text: str, start: int) -> str:
    """Return the lower-cased word right before ``start`` ("ended" in "the year ended Jan. 31"), or ""."""
    words = text[max(0, start - 12) : start].split()
    return words[-1].lower().lstrip("`'\"(") if words and text[start - 1 : start].isspace() else ""


def timex_id(article_id: str, span: Span) -> str:
    """Return a stable id for a time expression: article, offsets and a short hash."""
    digest = hashlib.sha1(f"{article_id}:{span.start}:{span.end}".encode()).hexdigest()[:8]
    return f"t{span.start}-{digest}"


def _quarter_in(
    meaning: Normalised, rule: str, text: str, current: tuple[int, int] | None, dct: date | None
) -> tuple[int, int] | None:
    """Return (year, quarter) when an expression names the quarter the text is now about.

    The first quarter named sets it; later, only a quarter named as the reported one does: the
    adjective of the figures ("second-quarter net", "the latest quarter") of a quarter that has ended
    by the DCT, not a quarter in passing ("after a flat second quarter", "a fourth-quarter charge").
    """
    if rule not in ("quarter", "quarter_ref") or "-Q" not in meaning.value or "X" in meaning.value:
        return None
    if any(word in text.lower() for word in ("ago", "earlier", "prior", "last", "next")):
        return None
    year, quarter = (int(part) for part in meaning.value.split("-Q"))
    if current is None:
        return year, quarter
    if "-quarter" not in text.lower() and "latest" not in text.lower():
        return None
    ended = meaning.interval is not None and dct is not None and meaning.interval.latest < dct
    return (year, quarter) if ended else None


_DAY_RULES = ("month_day", "relative_month_day", "day_month", "iso_date")


def _months_of(meaning: Normalised) -> int | None:
    """Return N for a span of several months ("the first nine months": P9M), else None."""
    value = meaning.value
    if meaning.type == "DURATION" and value.startswith("P") and value.endswith("M") and value[1:-1].isdigit():
        return int(value[1:-1]) if int(value[1:-1]) > 3 else None
    return None


def tag_times(text: str, *, dct: date | None, article_id: str = "") -> tuple[TimeExpression, ...]:
    """Return every time expression in ``text``, resolved against ``dct`` when it is known.

    Args:
        text: the article text (spans index into it).
        dct: the publication date; None leaves relative expressions unresolved.
        article_id: used to build stable expression ids.
    """
    found: list[TimeExpression] = []
    quarter: tuple[int, int] | None = None
    previous: DateInterval | None = None
    previous_day: DateInterval | None = None
    months: int | None = None
    just_day: date | None = None
    for candidate in find_candidates(text):
        if candidate.rule == "second_day" and not (found and text[found[-1].span.end : candidate.start] == " and "):
            continue  # the "25" of "April 24 and 25" only right after the first day
        tense = clause_tense(text, candidate.start, candidate.end) if candidate.rule in TENSE_RULES else None
        word_before = _word_before(text, candidate.start)
        if candidate.rule == "month" and word_before == "the":
            tense = None  # "the October slaying": a month naming an event has no tense of its own
        context = Context(
            dct=dct,
            future=tense == "future",
            past=tense == "past",
            quarter=quarter,
            previous=previous,
            previous_day=previous_day,
            months=months,
            just_day=just_day,
            word_before=word_before,
        )
        meaning = normalise(candidate, context)
        if meaning is None:
            continue
        if meaning.interval is not None and meaning.type in ("DATE", "TIME") and "REF" not in meaning.value:
            previous = meaning.interval
            previous_day = previous if previous.granularity == "day" else previous_day
        months = _months_of(meaning)
        just_day = meaning.interval.earliest if candidate.rule in _DAY_RULES and meaning.interval else None
        quarter = _quarter_in(meaning, candidate.rule, text[candidate.start : candidate.end], quarter, dct) or quarter
        span = Span(start=candidate.start, end=candidate.end)
        anchored = meaning.relative and dct is not None
        found.append(
            TimeExpression(
                id=timex_id(article_id, span),
                span=span,
                text=text[candidate.start : candidate.end],
                type=meaning.type,
                value=meaning.value,
                mod=meaning.mod,
                interval=meaning.interval,
                anchor="dct" if anchored else ("absolute" if not meaning.relative else "none"),
                anchor_date=dct if anchored else None,
                rule=candidate.rule,
            )
        )
    return tuple(found)

"""Time expressions of one text: recognise, decide the clause's tense, normalise to the DCT.

This is the first version of the tagger (issue #2): rules from `resources/en/time_words.yml`, a
clause-window test for future tense, and explicit anchoring to the publication date.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from timeline.extract.time_normalise import Context, Normalised, normalise
from timeline.extract.time_recognise import find_candidates
from timeline.extract.time_words import alternation, load_time_words
from timeline.models import Span, TimeExpression

# A full stop ends a clause only after a lower-case word ("U.S. President" and "Mr. Blinken" do not).
_CLAUSE_BREAK = re.compile(r"(?<=[a-z0-9]{2})\.(?=\s)|[;:!?\n,\u201c\u201d\"]|''|``")


@lru_cache(maxsize=1)
def _tense_pattern() -> re.Pattern[str]:
    """Match a future marker (group ``future``) or a past-tense verb (group ``past``)."""
    words = load_time_words()
    future = alternation(words.future_markers)
    past = alternation(words.past_verbs)
    return re.compile(rf"(?<![\w'])(?:(?P<future>{future})|(?P<past>{past}|[a-z]{{3,}}ed))(?![\w'])", re.IGNORECASE)


def clause_is_future(text: str, start: int, end: int | None = None) -> bool:
    """Return True when the clause around ``start`` speaks of the future ("due to meet ... on Monday").

    The nearest tense word before the expression, in the same clause, decides: a future marker
    ("will", "due", "expected", "as soon as") points forward, a past-tense verb ("left", "delivered")
    back. A past-tense verb right after the expression ("Thursday refused") also means the past.
    """
    end = start if end is None else end
    following = text[end : end + 25].split()[:2]
    if any(
        _tense_pattern().fullmatch(word.strip(",.;")) and _tense_pattern().fullmatch(word.strip(",.;")).group("past")
        for word in following
    ):
        return False
    window_start = max(0, start - 200)
    window = text[window_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    matches = list(_tense_pattern().finditer(clause))
    if not matches or matches[-1].group("future") is None:
        return False
    before = clause[: matches[-1].start()].lower().split()[-3:]
    return not any(word in load_time_words().past_of_future for word in before)


def timex_id(article_id: str, span: Span) -> str:
    """Return a stable id for a time expression: article, offsets and a short hash."""
    digest = hashlib.sha1(f"{article_id}:{span.start}:{span.end}".encode()).hexdigest()[:8]
    return f"t{span.start}-{digest}"


def _quarter_in(meaning: Normalised, rule: str, text: str) -> tuple[int, int] | None:
    """Return (year, quarter) when an expression names the quarter the text is now about."""
    if rule not in ("quarter", "quarter_ref") or "-Q" not in meaning.value or "X" in meaning.value:
        return None
    if rule == "quarter_ref" and any(word in text.lower() for word in ("ago", "earlier")):
        return None
    year, quarter = meaning.value.split("-Q")
    return int(year), int(quarter)


def tag_times(text: str, *, dct: date | None, article_id: str = "") -> tuple[TimeExpression, ...]:
    """Return every time expression in ``text``, resolved against ``dct`` when it is known.

    Args:
        text: the article text (spans index into it).
        dct: the publication date; None leaves relative expressions unresolved.
        article_id: used to build stable expression ids.
    """
    found: list[TimeExpression] = []
    quarter: tuple[int, int] | None = None
    for candidate in find_candidates(text):
        future = clause_is_future(text, candidate.start, candidate.end)
        context = Context(dct=dct, future=future, quarter=quarter)
        meaning = normalise(candidate, context)
        if meaning is None:
            continue
        quarter = _quarter_in(meaning, candidate.rule, text[candidate.start : candidate.end]) or quarter
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

"""Where a date's words stand in their sentence: inside a quote, beside a full date, after "until".

The date checks (`diagnosis.py`, `content_dates.py`) test a publication date with the dates an
article's events were given. Some date words do not date their event from that publication date,
whatever the tagger read:

- inside a direct quote, "today" and "Tuesday" count from the day the speaker spoke, which a later
  article quoting them does not share ('Clinton said the US would be "here today"');
- a weekday or a clock time right before a full date is part of that date, a page or comment stamp
  ("updated at 08:03 GMT, Tuesday, 26 July 2011"), and a full date right after a clock time is a
  stamp too ("At 00:46 27th Apr 2009, thedeftwriter wrote:"): pages carry comments and updates
  posted after the article;
- a count-back in a negated clause ("no new cases in the last 21 days") measures a quiet spell;
- a date after "until", "by", "before" bounds the event, it does not date it ("classes canceled
  until May 6", "committed to a cap on emissions by 2020").
"""

from __future__ import annotations

import re

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_FULL_DATE_AFTER = re.compile(
    rf"^[\s,]{{0,3}}(?:on\s+|the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)
"""A date right after some words: ", 26 July 2011", " on 19 May 2009", " 8 October" (of "Saturday 8 October")."""

_NEGATION = re.compile(r"\b(?:no|not|never|none|nobody|nothing|without)\b|n't\b", re.IGNORECASE)
"""Words that negate a clause: "no new cases were reported in the last 21 days"."""

_CLOCK_BEFORE = re.compile(
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:GMT|UTC|BST|EST|EDT|ET|UK time)?[\s,]*(?:on\s+)?"
    r"(?:[A-Z][a-z]+day,?\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)
"""A clock time right before some words: "At 00:46 ", "08:03 GMT, Tuesday, "."""

_LIMIT_BEFORE = re.compile(r"\b(?:until|till|by|before|through)\s+(?:the\s+)?$", re.IGNORECASE)
"""A word that makes the date after it a bound of the event, not its date."""


def quoted(before: str) -> bool:
    """Say whether text that follows ``before`` stands inside a direct quote (an unclosed quotation mark)."""
    curly = before.count("\u201c") - before.count("\u201d")
    return before.count('"') % 2 == 1 or curly > 0


def beside_full_date(after: str) -> bool:
    """Say whether date words followed by ``after`` are part of a date ("Tuesday, 26 July 2011")."""
    return bool(_FULL_DATE_AFTER.match(after))


def negated(before: str) -> bool:
    """Say whether the clause before some date words is negated ("No new cases were reported in ...")."""
    return bool(_NEGATION.search(before))


def after_clock(before: str) -> bool:
    """Say whether a full date preceded by ``before`` is a time stamp ("At 00:46 27th Apr 2009")."""
    return bool(_CLOCK_BEFORE.search(before))


def bounded(before: str) -> bool:
    """Say whether the date words after ``before`` are a bound ("until May 6", "by 2020")."""
    return bool(_LIMIT_BEFORE.search(before))


def around(sentence: str, sentence_start: int, start: int, end: int) -> tuple[str, str] | None:
    """The sentence's text before and after the words at [start, end) (None: the words are not in it)."""
    if not sentence_start <= start <= end <= sentence_start + len(sentence):
        return None
    return sentence[: start - sentence_start], sentence[end - sentence_start :]

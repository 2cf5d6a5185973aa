"""Context checks: is what a recognition rule matched a time expression where it stands?

The patterns in `resources/en/time_rules.yml` find words that can name a time; these checks look at
the words around them, because "March" is a verb, "fall" a season or a verb, "$1.76 a year" a rate
and "44 years old" an age.
"""

from __future__ import annotations

import re
from functools import lru_cache

from timeline.timex.words import alternation, load_time_words


@lru_cache(maxsize=1)
def _of_date() -> re.Pattern[str]:
    """Match " of " and a date's first word: a month, a weekday, a digit, "today" ("the early hours of Thursday")."""
    words = load_time_words()
    days = alternation([*words.months, *words.weekdays, "today", "yesterday", "tomorrow"])
    return re.compile(rf"\s+of\s+(?:\d|{days}\b)", re.IGNORECASE)


def accept(text: str, rule: str, match: re.Match[str]) -> bool:
    """Return True when the words a rule matched are a time expression in this context.

    ``match`` may come from a lower-cased copy of ``text`` (`recognise.lowercase_text`): the
    checks that look at capitals read ``text`` at the match's offsets.
    """
    if match.end() == match.start() or _title_cased(text[match.start() : match.end()]) or _ends_a_name(text, match):
        return False
    if _long_year_after(text, match):
        return False
    if rule == "month":
        return _month_context_ok(text, match)
    if rule == "anchored_duration":
        # "the past week", "the last four months", "past two days" are periods; "last week" is a date
        return match.group("the") is not None or match.group("number") is not None
    if rule == "vague_duration":
        return _vague_context_ok(text, match)
    if rule == "part_of_span":  # "the early hours of Thursday morning": the day is the time expression
        return _of_date().match(text, match.end()) is None
    if rule == "duration" and (_is_rate(text, match) or _measures_a_noun(text, match.end())):
        return False
    if rule == "set" and match.group("adverb") and _after_quantity(text, match.start()):
        return False  # "to rise 8.5% annually", "10,000 units annually": a rate
    if rule == "ago" and _THAN.match(text, match.end()):
        return False  # "two weeks earlier than usual": a difference of two weeks (the duration rule), no date
    if rule == "duration_first_member":  # "between 5 and 10 years old": the age is after the second member
        after = text[match.end("unit") + 1 : match.end("unit") + 6].lower()
        return not after.startswith(("-old", " old")) and not _is_age(text, match)
    if rule in ("duration", "ago", "anchored_duration"):
        return not _is_age(text, match) and match.group(0).lower() != "a second"  # "a second time"
    if rule == "relative_day" and _generic_today(text, match):
        return False
    if rule == "reference":
        return _reference_ok(text, match)
    if rule == "season":
        return _season_context_ok(text, match)
    if rule == "short_year":
        return not _after_name(text, match.start())
    if rule == "century" and text[match.end() - len("century")].isupper():
        return _NEXT_WORD.match(text, match.end()) is None  # "20th Century Fox" is a name
    return True


def _after_name(text: str, start: int) -> bool:
    """True after a capitalised word or name: the "'11" of "iLife '11", "Windows '95" is a version."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and any(ch.isupper() for ch in before[-1])


_LONG_YEAR_AFTER = re.compile(r",?[ \t]+(?:of[ \t]+)?(?:[0-3]?\d(?:st|nd|rd|th)?,?[ \t]+)?\d{5,}\b")
_DAY_SUFFIXES = ("", "st", "nd", "rd", "th")


def _long_year_after(text: str, match: re.Match[str]) -> bool:
    """True when a number of five digits or more follows a month or day where its year would stand.

    No year has five digits: "January 1, 99999" is no date, and neither "January 1" nor "January"
    alone inside it is one (a time tagger that takes a prefix would read it as this year's January 1).
    Only a match that ends in its month or day counts: "in 2024, 10000 people" keeps its year.
    """
    ends_in_slot = any(
        name in match.re.groupindex
        and match.start(name) >= 0
        and text[match.end(name) : match.end()].lower() in _DAY_SUFFIXES
        for name in ("month", "d")
    )
    return ends_in_slot and _LONG_YEAR_AFTER.match(text, match.end()) is not None


_INNER_CAPITAL = re.compile(r"(?<=\s)[A-Z][a-z]+(?:'s)?\b")


def _title_cased(matched: str) -> bool:
    """True for a title such as "This Week" (a TV show) or "60 Minutes": an inner word is capitalised.

    Inside a time expression only names are capitalised after the first word (months, weekdays,
    holidays: "Christmas Day"); a headline in capitals ("NEXT WEEK") is not title case.
    """
    names = _capitalised_names()
    return any(found.group(0).lower() not in names for found in _INNER_CAPITAL.finditer(matched))


@lru_cache(maxsize=1)
def _capitalised_names() -> frozenset[str]:
    words = load_time_words()
    return frozenset({*words.months, *words.weekdays, *words.capitalised_words})


@lru_cache(maxsize=1)
def _calendar_names() -> frozenset[str]:
    words = load_time_words()
    return frozenset({*words.months, *words.weekdays})


_NAME_BEFORE = re.compile(r"[A-Za-z][\w.&'-]*[\w&'-][ \t]+$")
_SENTENCE_OPENERS = frozenset(".!?:;\n")


def _ends_a_name(text: str, match: re.Match[str]) -> bool:
    """True for a common word capitalised inside a sentence after a name: "VOA Today", "High Noon".

    A month or weekday is capitalised anyway; "Today", "Noon", "This" are only at a sentence's start.
    """
    first = text[match.start() : match.end()].split()[0]
    if not first[:1].isupper() or first.isupper() or first.lower().rstrip(".") in _calendar_names():
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    name = _NAME_BEFORE.search(before)
    if name is None or not name.group(0)[0].isupper():
        return False
    opener = before[: name.start()].rstrip()[-1:]
    return opener not in _SENTENCE_OPENERS and opener != ""


def _generic_today(text: str, match: re.Match[str]) -> bool:
    """True for "today's world", "today's personal computers", "the people of tomorrow": an age, not a day."""
    word = match.group(0).lower()
    before = text[max(0, match.start() - 7) : match.start()].lower()
    possessive = text[match.end() : match.end() + 2] in ("'s", "\u2019s")
    if (
        word in ("tomorrow", "yesterday")
        and before.endswith(" of ")
        and not before.endswith("as of ")
        and not possessive
    ):
        return True  # "the people of tomorrow", "the world of yesterday"
    if not word.endswith("today"):
        return False
    after = text[match.end() : match.end() + 30].lower()
    if not after.startswith(("'s ", "\u2019s ")):
        return False
    words = after[3:].split()[:2]  # the noun, or an adjective and the noun
    return any(word.strip(",.") in load_time_words().generic_after_today for word in words)


def _is_rate(text: str, match: re.Match[str]) -> bool:
    """True for the "a year" of a rate, "$1.76 a year", "700 seats a week", "24 hours a day".

    TimeBank leaves these per-unit rates untagged; the quantity before them is the sign.
    """
    if match.group("number").lower() not in ("a", "an") or "approx" in match.groupdict() and match.group("approx"):
        return False
    return _after_quantity(text, match.start())


_OF_NOUN = re.compile(r"\s+of\s+([a-z-]+)(?:\s+([a-z]+))?", re.I)


def _measures_a_noun(text: str, end: int) -> bool:
    """True for "six months of base pay", "75 hours of video": the duration is an amount of something else."""
    following = _OF_NOUN.match(text, end)
    nouns = load_time_words().measured_nouns
    return following is not None and any((word or "").lower() in nouns for word in following.groups())


def _after_quantity(text: str, start: int) -> bool:
    """True when a quantity ends right before ``start``: a number, "million", or a number and a plural noun.

    The number may be spelled: "four flights a week" is a rate as "700 seats a week" is.
    """
    before = text[max(0, start - 40) : start].split()
    if not before:
        return False
    quantities = load_time_words().rate_quantities
    last = before[-1].lower().strip(",")
    if any(ch.isdigit() for ch in last) or last in quantities:
        return True
    if len(before) < 2 or not last.endswith("s"):
        return False
    count = before[-2].lower()
    return any(ch.isdigit() for ch in count) or isinstance(load_time_words().numbers.get(count), int)


_FALL_OF = re.compile(r"\s+of\s+(?!(?:the\s+)?(?:year|\d|nineteen|eighteen|twenty|this|last|next|that)\b)", re.I)


_SEASON_AND_SEASON = re.compile(r"\s+and\s+(?:early\s+|late\s+)?(?:spring|summer|autumn|fall|winter)\b", re.I)


def _season_context_ok(text: str, match: re.Match[str]) -> bool:
    """Accept a season only with "this/last/the", a year or a preposition: "fall" is a verb too.

    "The fall of Saigon", "the fall of the Bastille" are a downfall (a noun of its own), not autumn.
    """
    if match.group("season").lower() == "fall" and not match.group("year") and _FALL_OF.match(text, match.end()):
        return False
    if match.group("rel") or match.group("year") or match.group("smod") or match.group(0).lower().startswith("the"):
        return True
    if _SEASON_AND_SEASON.match(text, match.end()):
        return True  # "summer and autumn 1918": the first of two seasons
    before = text[max(0, match.start() - 12) : match.start()].split()
    return bool(before) and before[-1].lower() in {"in", "during", "by", "until", "since", "through"}


def _month_context_ok(text: str, match: re.Match[str]) -> bool:
    """A bare month name is a date unless it is a word or a name: "may", "March" the verb, "June Carter".

    "May" and "March" (`ambiguous_months`) count only after a preposition or with a year or a
    modifier; the other full names count anywhere except inside a name (a capitalised word next to
    them, "August Wilson", "Mary June").
    """
    words = load_time_words()
    month = match.group("month").lower()
    if not month.endswith(".") and month not in words.full_months:
        return False  # "Jan" alone is a name; "Jan." or "January" is a month
    if match.group("year") or match.group("mod") or match.group("rel"):
        return True
    if _month_range_start(text, match.end()):
        return True  # "(May-August 1950)": the first month of a range
    before = text[max(0, match.start() - 20) : match.start()].split()
    if before and before[-1].lower().rstrip("-") in words.month_prepositions:
        return True
    if month.rstrip(".") in words.ambiguous_months:
        return bool(before) and before[-1].lower() == "the" and _attributive_month(text, match.start(), match.end())
    return not _in_name(text, match.start(), match.end())


def _month_range_start(text: str, end: int) -> bool:
    """True when a capitalised month follows after a dash: "May" of "May-August 1950" is a month."""
    following = re.match(r"[-\u2013]([A-Z][a-z]+)\b", text[end : end + 12])
    return following is not None and following.group(1).lower() in load_time_words().full_months


def _attributive_month(text: str, start: int, end: int) -> bool:
    """True for "the March accession", "the May elections": a capitalised month before a lower-case noun."""
    following = text[end : end + 12].split()
    return (
        text[start].isupper()
        and bool(following)
        and following[0][0].islower()
        and following[0].strip(",.") not in _NOT_NOUNS
    )


_NOT_NOUNS = frozenset(
    {"of", "and", "or", "to", "for", "on", "in", "at", "against", "from", "through", "across", "into", "with", "by"}
)
"""Words after "the March" that make it the noun ("the March on Washington"), not a month before its noun."""


_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z])")
_PREVIOUS_WORD = re.compile(r"(?:^|[^.!?\"'`\s])[ \t]*\b([A-Z][a-z]+)[ \t]+$")


def _in_name(text: str, start: int, end: int) -> bool:
    """True when a capitalised word touches the span on either side (a name, not a month)."""
    if _NEXT_WORD.match(text, end):
        return True
    return _PREVIOUS_WORD.search(text[max(0, start - 30) : start]) is not None


def _vague_context_ok(text: str, match: re.Match[str]) -> bool:
    """Plural units ("months") are durations only after for/over/in/within words, or with "recent"."""
    if match.group(0).lower().startswith(("recent", "several")) or match.group("vague") == "centuries":
        return True
    before = text[max(0, match.start() - 12) : match.start()].split()
    return bool(before) and before[-1].lower() in {"for", "over", "within", "after", "in", "since"}


_THAN = re.compile(r"\s+than\b", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s+(?:of\s+)?$", re.IGNORECASE)


def _is_age(text: str, match: re.Match[str]) -> bool:
    """Tell ages ("a 6-year-old boy", "44 years old", "ages 6 months and older") apart: not time expressions."""
    after = text[match.end() : match.end() + 5].lower()
    if after.startswith(("-old", " old")):
        return True
    return _AGE_BEFORE.search(text, max(0, match.start() - 12), match.start()) is not None


_FOLLOWERS_OF_ADJECTIVES = re.compile(r"\s+(?:account|affairs|events|generations?|tense|affair|edition)\b", re.I)


def _reference_ok(text: str, match: re.Match[str]) -> bool:
    """Accept "current" alone as a reference only when it names no thing ("current account").

    "Now," opening a sentence is a discourse marker ("Now, he says, ...") rather than the present:
    TimeBank leaves all three of its sentence-opening "Now," untagged (NYT and WSJ documents; tagging
    them cost 0.07 value F1, issue #10 item 4), MEANTIME and WikiWars have none.
    """
    word = text[match.start("ref") : match.end("ref")]
    if word.lower() in ("current", "recent", "future"):
        return _FOLLOWERS_OF_ADJECTIVES.match(text, match.end()) is None
    if word == "Now" and text.startswith(",", match.end()):
        return False
    return True

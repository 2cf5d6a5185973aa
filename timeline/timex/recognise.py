"""Find time expressions in text with regular-expression rules built from the word lists.

Recognition only: each match is a `Candidate` (span, rule name, named groups). Normalisation to
TIMEX3 values and day intervals lives in `normalise.py`. Overlapping matches are resolved
leftmost-longest, so "late last month" wins over "last month".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from timeline.errors import ResourceError
from timeline.timex.context import accept
from timeline.timex.words import RULES_RESOURCE, TimeWords, alternation, load_time_rules, load_time_words


@dataclass(frozen=True)
class Candidate:
    """A recognised time expression before normalisation."""

    start: int
    end: int
    rule: str
    groups: dict[str, str]


@dataclass(frozen=True)
class Rule:
    """A named pattern; ``capitalised`` lists groups that must start with a capital letter.

    ``requires`` is a cheap pattern a text must contain for the rule to be tried at all, so that rare
    rules ("the last half of 1989") cost one search per text instead of one per window.
    """

    name: str
    pattern: re.Pattern[str]
    capitalised: tuple[str, ...] = ()
    requires: re.Pattern[str] | None = None


def _month_pattern(words: TimeWords) -> str:
    full = list(words.full_months)
    short = [name for name in words.months if name not in full]
    return rf"(?P<month>(?:{alternation(full)})|(?:(?:{alternation(short)})\.?))"


def _compound_numbers(words: TimeWords) -> str:
    """Return the pattern of "twenty-four", "forty five": a tens word and a ones word."""
    tens = [word for word, value in words.numbers.items() if isinstance(value, int) and value in range(20, 100, 10)]
    ones = [word for word, value in words.numbers.items() if isinstance(value, int) and 1 < value < 10]
    return rf"(?:{alternation(tens)})[\s-](?:{alternation(ones + ['one'])})"


def placeholders(words: TimeWords) -> dict[str, str]:
    """Return the regex pieces that rule patterns refer to as ``{month}``, ``{weekday}`` and so on."""
    tens_and_teens = alternation([w for w, v in words.numbers.items() if isinstance(v, int) and 10 <= v < 100])
    ones = alternation([w for w, v in words.numbers.items() if isinstance(v, int) and 1 <= v < 10 and " " not in w])
    return {
        "month": _month_pattern(words),
        "weekday": rf"(?P<weekday>{alternation([w for w in words.weekdays if len(w) > 4])})",
        "number": rf"(?P<number>\d+|{_compound_numbers(words)}|{alternation(list(words.numbers))})",
        "unit": rf"(?P<unit>{alternation(list(words.units))})",
        "part": rf"(?P<part>{alternation(list(words.day_parts))})",
        "modifier": rf"(?P<mod>{alternation(list(words.modifiers))})",
        "season": rf"(?P<season>{alternation(list(words.seasons))})",
        "rel": r"(?P<rel>last|next|this|coming|past|previous)",
        "year": r"(?P<year>(?:1[6-9]|20)\d\d)",
        "spelled_year": rf"(?P<syear>(?:nineteen|eighteen)\s+(?:{tens_and_teens})(?:[\s-](?:{ones}))?)",
        "ordinal": r"(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)",
    }


_ESCAPE_OR_GROUP_NAME = re.compile(r"\\.|\(\?P[<=]\w+>?")


def lowercase_pattern(pattern: str) -> str:
    r"""Return ``pattern`` with its letters in lower case, escapes such as ``\s`` and group names kept.

    Rules are written case-insensitively but matched, case-sensitively, against a lower-cased copy of
    the text (`lowercase_text`): the same matches, about 1.5 times faster than ``re.IGNORECASE``.
    """
    kept = [(found.start(), found.end()) for found in _ESCAPE_OR_GROUP_NAME.finditer(pattern)]
    pieces, last = [], 0
    for start, end in kept:
        pieces += [pattern[last:start].lower(), pattern[start:end]]
        last = end
    return "".join([*pieces, pattern[last:].lower()])


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lowercase_text(text: str) -> str:
    """Return ``text`` with ASCII capitals lowered: same length, so match offsets index ``text`` too.

    Only ASCII letters change (the rules' words are ASCII); ``str.lower`` may change a string's length.
    """
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


@lru_cache(maxsize=1)
def build_rules() -> tuple[Rule, ...]:
    """Compile the rules of `resources/en/time_rules.yml` once per process, in priority order.

    Raises:
        ResourceError: a pattern does not compile.
    """
    pieces = placeholders(load_time_words())
    rules = []
    for spec in load_time_rules().rules:
        try:
            pattern = re.compile(lowercase_pattern("".join(spec.pattern).format_map(pieces)))
            requires = re.compile(lowercase_pattern(spec.requires)) if spec.requires else None
        except (re.error, KeyError, IndexError) as exc:
            raise ResourceError(
                f"rule {spec.name!r} does not compile ({exc})",
                path=RULES_RESOURCE,
                hint="fix the pattern in the resource file",
            ) from exc
        rules.append(Rule(spec.name, pattern, tuple(spec.capitalised), requires))
    return tuple(rules)


def _capitalised_ok(text: str, match: re.Match[str], groups: tuple[str, ...]) -> bool:
    return all(match.start(name) < 0 or text[match.start(name)].isupper() for name in groups)


_ADJECTIVE_DURATION = re.compile(r"the\s+(?!year-(?:earlier|ago)\s)(?=\S+-\w)", re.IGNORECASE)


def _adjective_article(rule: str, matched: str) -> int:
    """Return how many leading characters to drop: "the" before "14-day" is not part of the timex.

    "The year-earlier nine months" keeps its "the": the adjective is not the duration.
    """
    if rule == "duration":
        found = _ADJECTIVE_DURATION.match(matched)
        return found.end() if found else 0
    return 0


WINDOW_BEFORE = 40
WINDOW_AFTER = 50
"""Rules only run near a key word, within these many characters: every expression holds a key word,
and none reaches further than this from it. Scanning windows instead of whole texts is the speed-up."""


@lru_cache(maxsize=1)
def key_words() -> frozenset[str]:
    """Return the words of which every time expression contains at least one (digits count too)."""
    words = load_time_words()
    keys = [*words.months, *words.weekdays, *words.units, *words.day_parts, *words.seasons]
    keys += [f"{unit}s" for unit in words.units] + [f"{day}s" for day in words.weekdays]
    keys += [
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
        "now",
        "current",
        "currently",
        "nowadays",
        "recently",
        "recent",
        "past",
        "future",
        "daily",
        "weekly",
        "monthly",
        "annually",
        "annual",
        "yearly",
        "quarter",
        "quarters",
        "centuries",
        "twenties",
        "thirties",
        "forties",
        "fifties",
        "sixties",
        "seventies",
        "eighties",
        "nineties",
        "period",
        "year-ago",
        "year-earlier",
        "noon",
        "midday",
        "midnight",
        "weekend",
        "decades",
        "centuries",
        "century",
        "nineteen",
        "eighteen",
        "thousand",
        "thanksgiving",
        "christmas",
        "new",
        "independence",
        "halloween",
        "valentine",
        "labor",
        "memorial",
        "hourly",
        "term",
        "date",
        "election",
        "soon",
        "easter",
    ]
    return frozenset(keys)


_TOKEN = re.compile(r"[^\W\d_]+|\d")


def key_windows(text: str) -> list[tuple[int, int]]:
    """Return merged [start, end) windows around every key word (or digit), in text order.

    Words are split at hyphens and apostrophes, so "week-long" and "Valentine's" are found by a part.
    """
    keys = key_words()
    windows: list[tuple[int, int]] = []
    size = len(text)
    for match in _TOKEN.finditer(text):
        token = match.group()
        if not (token.isdigit() or token.lower() in keys):
            continue
        start, end = max(0, match.start() - WINDOW_BEFORE), min(size, match.end() + WINDOW_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


def _matches(pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]) -> list[re.Match[str]]:
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]


def find_candidates(text: str) -> list[Candidate]:
    """Return non-overlapping candidates in text order (leftmost-longest, then rule priority)."""
    found: list[tuple[int, int, int, Candidate]] = []
    windows = key_windows(text)
    lowered = lowercase_text(text)
    for priority, rule in enumerate(build_rules()):
        if rule.requires is not None and rule.requires.search(lowered) is None:
            continue
        for match in _matches(rule.pattern, lowered, windows):
            if not _capitalised_ok(text, match, rule.capitalised) or not accept(text, rule.name, match):
                continue
            groups = {key: text[match.start(key) : match.end(key)] for key in _matched_groups(match)}
            start = match.start() + _adjective_article(rule.name, match.group(0))
            groups["__text"] = text[start : match.end()]
            candidate = Candidate(start, match.end(), rule.name, groups)
            found.append((start, -(match.end() - start), priority, candidate))
    found.sort(key=lambda item: item[:3])
    chosen: list[Candidate] = []
    last_end = -1
    for start, _, _, candidate in found:
        if start >= last_end:
            chosen.append(candidate)
            last_end = candidate.end
    return chosen


def _matched_groups(match: re.Match[str]) -> list[str]:
    return [key for key, value in match.groupdict().items() if value is not None]

"""Group a tagger's scoring errors into patterns, most frequent first, for error analysis.

A pattern is an error kind plus the *shape* of the words (lower case, numbers, month and weekday
names and number words replaced by placeholders) and, for wrong values, the shapes of the gold and
system values, so "on Tuesday"/"on Friday" with a value one week off fall into one pattern.
"""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.evaluation import TimexError

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTHS += "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_NUMBERS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    "|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a few|several"
)
_RULES = [
    (re.compile(rf"\b(?:{_MONTHS})\b\.?"), "MONTH"),
    (re.compile(rf"\b(?:{_WEEKDAYS})\b"), "WEEKDAY"),
    (re.compile(rf"\b(?:{_NUMBERS})(?:[- ](?:{_NUMBERS}))*\b"), "NUM"),
    (re.compile(r"\d+"), "N"),
    (re.compile(r"\s+"), " "),
]


def text_shape(text: str | None) -> str:
    shape = (text or "").lower().strip()
    for pattern, placeholder in _RULES:
        shape = pattern.sub(placeholder, shape)
    return shape


def value_shape(value: str | None) -> str:
    return re.sub(r"\d", "9", value or "")


def pattern_of(error: TimexError) -> str:
    gold, system = text_shape(error.gold_text), text_shape(error.system_text)
    if error.kind == "missed":
        return f"missed {error.gold_type} '{gold}'"
    if error.kind == "spurious":
        return f"spurious {error.system_type} '{system}'"
    if error.kind == "extent":
        return f"extent gold '{gold}' vs ours '{system}'"
    if error.kind == "wrong_type":
        return f"type {error.gold_type}->{error.system_type} '{gold}'"
    return f"value '{gold}' gold {value_shape(error.gold_value)} vs ours {value_shape(error.system_value)}"


def error_patterns(errors: list[TimexError], top: int = 20, examples: int = 3) -> list[tuple[str, int, list[str]]]:
    groups: dict[str, list[TimexError]] = defaultdict(list)
    for error in errors:
        groups[pattern_of(error)].append(error)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    return [(pattern, len(items), [_example(item) for item in items[:examples]]) for pattern, items in ranked]


def _example(error: TimexError) -> str:
    gold = f"gold {error.gold_text!r}={error.gold_value}" if error.gold_text is not None else ""
    ours = f"ours {error.system_text!r}={error.system_value}" if error.system_text is not None else ""
    return f"{error.document}: " + "; ".join(part for part in (gold, ours) if part)

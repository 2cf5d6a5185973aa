"""Lines that are not narrative: photo captions, bylines, wire credits ("With files from Reuters.").

They may carry metadata, but events read from them would be noise in a timeline ("(Mark
Schiefelbein/Reuters)" is not something that happened), so extraction skips them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from timeline.resources import load_yaml


class NoiseLine(BaseModel):
    """A pattern for a whole non-narrative line, with examples the tests check."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    pattern: str
    examples: tuple[str, ...]


class EventWords(BaseModel):
    """The validated `resources/en/events.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    reporting_verbs: frozenset[str]
    future_words: frozenset[str]
    negation_words: frozenset[str]
    hypothetical_words: frozenset[str]
    event_nouns: frozenset[str]
    nominal_suffixes: dict[str, tuple[str, ...]] = {}
    nominal_min_stem: int = 4
    nominal_not_events: frozenset[str] = frozenset()
    nominal_examples: tuple[dict[str, str], ...] = ()
    trigger_skip_deps: frozenset[str]
    stative_verbs: frozenset[str]
    aspectual_verbs: frozenset[str]
    publication_days_before: dict[str, int]
    noise_lines: tuple[NoiseLine, ...]
    trigger_examples: tuple[dict[str, str], ...] = ()
    locative_prepositions: frozenset[str] = frozenset()
    dateline: str = ""
    dateline_examples: tuple[dict[str, str], ...] = ()
    location_examples: tuple[dict[str, str], ...] = ()
    feeling_verbs: frozenset[str] = frozenset()
    empty_nouns: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    condition_marks: frozenset[str] = frozenset()
    eventive_examples: tuple[dict[str, str | bool], ...] = ()
    market_subjects: frozenset[str] = frozenset()
    market_examples: tuple[dict[str, str], ...] = ()


@lru_cache(maxsize=1)
def load_event_words() -> EventWords:
    """Read the event word lists once per process."""
    path = resources.files("timeline.resources").joinpath("en/events.yml")
    return EventWords.model_validate(load_yaml(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def _noise_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line.pattern, re.IGNORECASE) for line in load_event_words().noise_lines)


def is_noise_line(line: str) -> bool:
    """Return True when a whole line is a caption, a byline or a credit rather than narrative."""
    stripped = line.strip()
    return bool(stripped) and any(pattern.match(stripped) for pattern in _noise_patterns())


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str] | None:
    pattern = load_event_words().dateline
    return re.compile(pattern) if pattern else None


def dateline_length(line: str) -> int:
    """Return how many characters of ``line`` are a wire dateline ("JERUSALEM (AP) — "); 0 when none."""
    pattern = _dateline_pattern()
    found = pattern.match(line) if pattern is not None else None
    return found.end() if found else 0

"""Load and validate the English time word lists (`resources/en/time_words.yml`).

The lists are data, not code, so that a journalist or linguist can extend them without touching the
rules; the examples in the file are run by the tests.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from timeline.errors import ResourceError
from timeline.resources import load_yaml

RESOURCE = "en/time_words.yml"
RULES_RESOURCE = "en/time_rules.yml"


class TimeWordExample(BaseModel):
    """A checked example: in ``text`` with publication date ``dct``, ``words`` mean ``value``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str
    dct: date
    words: str
    value: str


class NotTimeExample(BaseModel):
    """A checked counter-example: in ``text`` the words ``words`` are no time expression of their own."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str
    words: str


class TimeWords(BaseModel):
    """The validated word lists."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    months: dict[str, int]
    full_months: tuple[str, ...]
    seasons: dict[str, str]
    weekdays: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int | str]
    modifiers: dict[str, str]
    day_parts: dict[str, str]
    future_markers: tuple[str, ...]
    past_of_future: tuple[str, ...]
    past_verbs: tuple[str, ...]
    month_prepositions: tuple[str, ...]
    ambiguous_months: tuple[str, ...]
    rate_quantities: tuple[str, ...]
    measured_nouns: tuple[str, ...]
    capitalised_words: tuple[str, ...]
    generic_after_today: tuple[str, ...]
    examples: tuple[TimeWordExample, ...]
    not_times: tuple[NotTimeExample, ...] = ()


@lru_cache(maxsize=1)
def load_time_words() -> TimeWords:
    """Read and validate the word lists once per process.

    Raises:
        ResourceError: the packaged file is missing or does not match the schema.
    """
    return _load(RESOURCE, TimeWords)


class TimeRule(BaseModel):
    """One recognition rule: a named pattern (pieces joined), groups that need a capital, examples.

    ``not_times``: counter-examples, words the rule must not tag on their own (tests run them).

    ``requires``: an optional regex that every match contains; a text without it skips the rule.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: str
    pattern: tuple[str, ...]
    capitalised: tuple[str, ...] = ()
    requires: str | None = None
    examples: tuple[TimeWordExample, ...]
    not_times: tuple[NotTimeExample, ...] = ()


class TimeRules(BaseModel):
    """The validated rule file."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    rules: tuple[TimeRule, ...]


@lru_cache(maxsize=1)
def load_time_rules() -> TimeRules:
    """Read and validate the recognition rules once per process.

    Raises:
        ResourceError: the packaged file is missing or does not match the schema.
    """
    return _load(RULES_RESOURCE, TimeRules)


def _load(name: str, schema: type[BaseModel]):  # noqa: ANN202
    path = resources.files("timeline.resources").joinpath(name)
    try:
        return schema.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ResourceError(
            f"cannot load {name}: {exc}".splitlines()[0],
            path=str(path),
            hint="reinstall timeline or fix the resource file",
        ) from exc


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Return a regex alternation of ``words``, longest first, so "sept" wins over "sep".

    Patterns are matched against lower-cased text (`recognise.lowercase_text`), so a lower-case
    first letter is enough.
    """
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    firsts = "".join(sorted({re.escape(word[0].lower()) for word in ordered}))
    body = "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)
    return f"(?=[{firsts}])(?:{body})"  # the look-ahead fails fast where no word can start

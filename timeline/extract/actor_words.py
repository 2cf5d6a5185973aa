"""The actor word lists (`resources/en/actors.yml`): honorifics, aliases, places, titles, coreference.

Their own module because `actors` (names), `actor_titles` (titles), `coref` and `triggers` all read
them: `actor_titles` imported them from `actors` while `actors` imported `actor_titles`, a circle
that forced a function-level import.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict

from timeline.resources import load_yaml


class ActorWords(BaseModel):
    """The validated `resources/en/actors.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    honorifics: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    places: tuple[str, ...]
    not_actors: tuple[str, ...]
    nationalities: dict[str, str] = {}
    """Adjective of nationality or region -> the place's canonical name ("French" -> "France")."""
    nationality_examples: tuple[dict[str, str], ...] = ()
    government_heads: frozenset[str] = frozenset()
    government_examples: tuple[dict[str, str], ...] = ()
    government_bodies: frozenset[str] = frozenset()
    nested_place_examples: tuple[dict[str, str], ...] = ()
    corporate_suffixes: frozenset[str] = frozenset()
    """Lower case, without a final full stop: "LLC", "Inc."."""
    corporate_examples: tuple[dict[str, str], ...] = ()
    organisation_nouns: frozenset[str] = frozenset()
    organisation_examples: tuple[dict[str, str], ...] = ()
    product_patterns: tuple[str, ...] = ()
    model_code_after_name: str = "(?!)"
    model_code_alone: str = "(?!)"
    product_nouns: frozenset[str] = frozenset()
    product_examples: tuple[dict[str, str], ...] = ()
    organisation_heads: frozenset[str] = frozenset()
    financial_patterns: tuple[str, ...] = ()
    financial_examples: tuple[dict[str, str], ...] = ()
    product_words: frozenset[str] = frozenset()
    """Lower case: "Macbook" is written both ways."""
    event_name_heads: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()
    """Heads of titles and roles ("secretary", "ceo"): lower case, compared without a final full stop."""
    title_examples: tuple[dict[str, str], ...] = ()
    coreference: dict[str, Any] = {}
    """Pronouns, role nouns and limits of `coref.py` (validated there)."""
    examples: tuple[dict[str, str], ...]


@lru_cache(maxsize=1)
def load_actor_words() -> ActorWords:
    """Read the actor word lists once per process."""
    path = resources.files("timeline.resources").joinpath("en/actors.yml")
    return ActorWords.model_validate(load_yaml(path.read_text(encoding="utf-8")))

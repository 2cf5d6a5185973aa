"""Article-level corrections of NER mentions: what one sentence cannot tell, the whole article can.

spaCy's small model labels each mention on its own. Read together, an article's mentions correct
each other: news introduces a person by the full name ("Steve Jobs") and then writes the surname,
so a lone "Jobs" labelled ORG (or a place: "Henderson") is that person; it introduces a company by its
full name ("Cerberus Capital Management") and then writes the first word, so a lone "Cerberus"
labelled PERSON is that company; and a one-word "person" that the article never
introduces, with no title either ("Tiger", "Safari", "Nano"), is almost always a product or a code
name mistaken for a name, not someone who acts in the story.
"""

from __future__ import annotations

from typing import NamedTuple

from timeline.extract.actor_words import load_actor_words
from timeline.models import EntityLabel, Span


class RawMention(NamedTuple):
    """A cleaned entity mention before grouping: where, the words, the clean name, the label."""

    span: Span
    text: str
    name: str
    label: EntityLabel
    titled: bool = False
    """A title or honorific came with the name ("King Abdullah"): a person even when named once."""
    title: str = ""
    """The office the text gives with this mention ("U.S. Secretary of State"), not part of the name."""


def article_rules(raw: list[RawMention]) -> list[RawMention]:
    """Return the article's mentions with surname labels fixed and unintroduced one-word persons dropped."""
    persons = {item.name for item in raw if item.label == "PERSON" and " " in item.name}
    name_words = {word for name in persons for word in name.split()}
    surnames = {name.split()[-1] for name in persons}
    titled = {item.name for item in raw if item.titled}
    short_forms = {item.name.split()[0] for item in raw if item.label == "ORG" and " " in item.name} - name_words
    places = _known_places()
    kept = []
    for item in raw:
        if item.label in ("ORG", "GPE", "LOC") and item.name in surnames and item.name not in places:
            item = item._replace(label="PERSON")  # "Henderson" after "Fritz Henderson", whatever NER says
        if item.label == "PERSON" and item.name in short_forms and item.name not in titled:
            item = item._replace(label="ORG")  # "Cerberus" after "Cerberus Capital Management"
        if item.label == "PERSON" and not _plausible_person(item.name, name_words, titled):
            continue
        kept.append(item)
    return kept


def _known_places() -> set[str]:
    words = load_actor_words()
    return {*words.places, *words.nationalities.values(), *words.aliases}


def _plausible_person(name: str, name_words: set[str], titled: set[str]) -> bool:
    if not any(c.islower() for c in name):
        return False  # "GB", "AP": an acronym, not a person's name
    if " " in name:
        return True
    return name in name_words or name in titled

"""Article-level corrections of NER mentions: what one sentence cannot tell, the whole article can.

spaCy's small model labels each mention on its own. Read together, an article's mentions correct
each other: news introduces a person by the full name ("Steve Jobs") and then writes the surname,
so a lone "Jobs" labelled ORG (or a place: "Henderson") is that person; it introduces a company by its
full name ("Cerberus Capital Management") and then writes the first word, so a lone "Cerberus"
labelled PERSON is that company; a name the article calls a product anywhere ("Taurus") is a
product wherever it stands ("Ford Taurus to be revived"); and a one-word "person" that the article never
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
    ner_product: bool = False
    """A product only because NER said so: the article's organisation names overrule it."""


def article_rules(raw: list[RawMention]) -> list[RawMention]:
    """Return the article's mentions with surname labels fixed and unintroduced one-word persons dropped."""
    persons = {item.name for item in raw if item.label == "PERSON" and " " in item.name}
    name_words = {word for name in persons for word in name.split()}
    surnames = {name.split()[-1] for name in persons}
    titled = {item.name for item in raw if item.titled}
    short_forms = {item.name.split()[0] for item in raw if item.label == "ORG" and " " in item.name} - name_words
    places = _known_places()
    organisations = {item.name for item in raw if item.label == "ORG"}
    organisations |= {name.split()[0] for name in organisations if " " in name}
    raw = [_not_a_product(item, organisations) for item in raw]
    products = {item.name for item in raw if item.label == "PRODUCT"}
    models = {name.split()[-1] for name in products if name.split()[-1].isalpha() and len(name.split()[-1]) > 2}
    kept = []
    for item in raw:
        if item.label in ("ORG", "PERSON") and (item.name in products or item.name.split()[-1] in models):
            item = item._replace(label="PRODUCT", title="")  # "Ford Taurus" where the article calls "Taurus" a product
        if item.label in ("ORG", "GPE", "LOC") and item.name in surnames and item.name not in places:
            item = item._replace(label="PERSON")  # "Henderson" after "Fritz Henderson", whatever NER says
        if item.label == "PERSON" and item.name in short_forms and item.name not in titled:
            item = item._replace(label="ORG")  # "Cerberus" after "Cerberus Capital Management"
        if item.label == "PERSON" and not _plausible_person(item.name, name_words, titled):
            continue
        kept.append(item)
    return kept


def _not_a_product(item: RawMention, organisations: set[str]) -> RawMention:
    """An organisation of the article, or its short form, is no product when only NER said so of one mention.

    "Saturn" beside "Saturn Corporation"; "the ``New GM''" beside "GM" (an article, quotes or "new" before
    a company's name still name the company).
    """
    if item.label != "PRODUCT" or not item.ner_product:
        return item
    words = [w.strip("`'\"“”") for w in item.name.split()]
    bare = [w for w in words if w and w.lower() not in ("the", "a", "an", "new")]
    return item._replace(label="ORG") if " ".join(bare) in organisations else item


def _known_places() -> set[str]:
    words = load_actor_words()
    return {*words.places, *words.nationalities.values(), *words.aliases}


def _plausible_person(name: str, name_words: set[str], titled: set[str]) -> bool:
    if not any(c.islower() for c in name):
        return False  # "GB", "AP": an acronym, not a person's name
    if " " in name:
        return True
    return name in name_words or name in titled

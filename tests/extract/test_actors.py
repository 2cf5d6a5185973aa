"""Actor names: cleanup, aliases, grouping of short names with full names."""

import pytest

from timeline.extract.actors import actor_id, clean_name, group_actors, load_actor_words
from timeline.models import Span

EXAMPLES = load_actor_words().examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"] for e in EXAMPLES])
def test_actors_resource_examples(example):
    assert clean_name(example["text"]) == example["canonical"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr.\nBlinken", "Blinken"),
        ("Netanyahu’s", "Netanyahu"),
        ("Israel,", "Israel"),
        ("U.S.", "United States"),
    ],
)
def test_actors_clean_name(text, name):
    assert clean_name(text) == name


def test_actors_short_person_name_joins_full_name():
    raw = [
        (Span(start=0, end=14), "Antony Blinken", "Antony Blinken", "PERSON"),
        (Span(start=20, end=31), "Mr. Blinken", "Blinken", "PERSON"),
        (Span(start=40, end=45), "Qatar", "Qatar", "GPE"),
    ]
    mentions, actors = group_actors("a1", raw)
    assert {m.actor_id for m in mentions[:2]} == {actor_id("Antony Blinken", "PERSON")}
    blinken = next(a for a in actors if a.name == "Antony Blinken")
    assert "Mr. Blinken" in blinken.aliases
    assert [a.name for a in actors] == sorted(a.name for a in actors) or len(actors) == 2


@pytest.mark.parametrize(("name", "product"), [("iPod", True), ("iPhone 4", True), ("iTunes", True),
                                               ("Apple", False), ("IBM", False), ("Ian Smith", False)])
def test_actors_products_are_not_actors(name, product):
    from timeline.extract.actors import is_product

    assert is_product(name) is product

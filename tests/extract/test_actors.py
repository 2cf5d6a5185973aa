"""Actor names: cleanup, aliases, grouping of short names with full names."""

import pytest

from timeline.extract.actor_rules import RawMention
from timeline.extract.actor_words import load_actor_words
from timeline.extract.actors import actor_id, clean_name, extract_actors, group_actors
from timeline.extract.nlp import load_nlp
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


@pytest.mark.parametrize(
    ("name", "product"),
    [("the MacBook Air", True), ("Macbook Pro", True), ("Mac OS X", True), ("the iPod Nano", True),
     ("the iTunes Music Store", True), ("Apple Computer", False), ("Microsoft", False)],
)
def test_actors_product_words_mark_products(name, product):
    from timeline.extract.actors import is_product

    assert is_product(name) is product


@pytest.mark.parametrize(
    ("name", "event"),
    [("the Worldwide Developers Conference", True), ("Macworld Conference", True), ("Conference", False),
     ("Apple Computer", False)],
)
def test_actors_named_events_are_not_actors(name, event):
    from timeline.extract.actors import is_event_name

    assert is_event_name(name) is event


def _raw(text: str, name: str, label: str, start: int, titled: bool = False) -> RawMention:
    return RawMention(Span(start=start, end=start + len(text)), text, name, label, titled)


def test_actors_a_surname_labelled_org_is_the_person():
    raw = [_raw("Steve Jobs", "Steve Jobs", "PERSON", 0), _raw("Jobs", "Jobs", "ORG", 50)]
    mentions, _ = group_actors("a", raw)
    assert [m.actor_id for m in mentions] == ["person:steve-jobs", "person:steve-jobs"]


def test_actors_one_word_person_never_introduced_is_dropped_unless_titled():
    raw = [
        _raw("Tiger", "Tiger", "PERSON", 0),
        _raw("GB", "GB", "PERSON", 10),
        _raw("Abdullah", "Abdullah", "PERSON", 20, titled=True),
        _raw("Mark Chandler", "Mark Chandler", "PERSON", 40),
        _raw("Chandler", "Chandler", "PERSON", 60),
    ]
    mentions, actors = group_actors("a", raw)
    assert [m.text for m in mentions] == ["Abdullah", "Mark Chandler", "Chandler"]
    assert {a.name for a in actors} == {"Abdullah", "Mark Chandler"}


def test_actors_the_plus_person_is_a_group_and_titles_make_persons():
    from timeline.extract.actors import extract_actors
    from timeline.extract.nlp import load_nlp

    doc = load_nlp()("The Beatles' label Apple Corps lost its case, Jordan's King Abdullah said.")
    found = {item.name: item for item in extract_actors(doc)}
    assert found["Beatles"].label == "ORG"  # spaCy says PERSON: "the" before a name makes it a group
    assert found["Abdullah"].label == "PERSON" and found["Abdullah"].titled


NATIONALITY_EXAMPLES = load_actor_words().nationality_examples


@pytest.mark.parametrize("example", NATIONALITY_EXAMPLES, ids=[e["text"][:30] for e in NATIONALITY_EXAMPLES])
def test_actors_nationality_adjectives_point_to_their_place(example):
    found = [m for m in extract_actors(load_nlp()(example["text"])) if m.text == example["words"]]
    assert [(m.name, m.label) for m in found] == [(example["place"], "GPE")]


def test_actors_nationality_nouns_stay_groups():
    found = extract_actors(load_nlp()("Americans voted."))
    assert [m.label for m in found] == ["NORP"]



GOVERNMENT_EXAMPLES = load_actor_words().government_examples


@pytest.mark.parametrize("example", GOVERNMENT_EXAMPLES, ids=[e["text"][:30] for e in GOVERNMENT_EXAMPLES])
def test_actors_a_countrys_government_is_the_place(example):
    found = [(m.text, m.name, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], example["place"], "GPE") in found


def test_actors_the_white_house_is_a_place():
    found = extract_actors(load_nlp()("The White House said so."))
    assert [m.label for m in found] == ["GPE"]


CORPORATE_EXAMPLES = load_actor_words().corporate_examples


@pytest.mark.parametrize("example", CORPORATE_EXAMPLES, ids=[e["text"][:30] for e in CORPORATE_EXAMPLES])
def test_actors_a_corporate_suffix_belongs_to_the_name_before_it(example):
    found = [(m.text, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], "ORG") in found


def test_actors_co_of_co_founder_is_no_corporate_suffix():
    found = [m.text for m in extract_actors(load_nlp()("Steve Wozniak, Apple Inc. co-founder, spoke."))]
    assert not any("founder" in text for text in found)


ORGANISATION_EXAMPLES = load_actor_words().organisation_examples


@pytest.mark.parametrize("example", ORGANISATION_EXAMPLES, ids=[e["text"][:30] for e in ORGANISATION_EXAMPLES])
def test_actors_a_name_an_organisation_noun_describes_is_an_organisation(example):
    found = [(m.text, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], "ORG") in found


def test_actors_time_zones_are_not_actors():
    found = extract_actors(load_nlp()("Obama presented a plan following the 12:00 UTC announcement by General Motors."))
    assert [m.name for m in found] == ["Obama", "General Motors"]  # spaCy calls "UTC" an organisation


def test_actors_a_country_labelled_org_is_a_place():
    doc = load_nlp()("President of the United States Barack Obama presented a plan.")
    assert ("United States", "GPE") in [(m.name, m.label) for m in extract_actors(doc)]


def test_actors_a_place_name_written_into_a_compound_word_covers_the_word():
    doc = load_nlp()("It was sold to New York City-based private equity firm Cerberus Capital Management.")
    places = [(m.text, m.name) for m in extract_actors(doc) if m.label == "GPE"]
    assert places == [("New York City-based", "New York City")]


def test_actors_a_surname_labelled_place_is_the_person():
    raw = [_raw("Fritz Henderson", "Fritz Henderson", "PERSON", 0), _raw("Henderson", "Henderson", "GPE", 50)]
    mentions, _ = group_actors("a", raw)
    assert [m.label for m in mentions] == ["PERSON", "PERSON"]


def test_actors_a_known_place_stays_a_place_beside_a_persons_surname():
    raw = [_raw("Kate Israel", "Kate Israel", "PERSON", 0), _raw("Israel", "Israel", "GPE", 50)]
    mentions, _ = group_actors("a", raw)
    assert [m.label for m in mentions] == ["PERSON", "GPE"]


def test_actors_a_companys_first_word_labelled_person_is_the_company():
    raw = [
        _raw("Cerberus Capital Management", "Cerberus Capital Management", "ORG", 0),
        _raw("Cerberus", "Cerberus", "PERSON", 50),
    ]
    mentions, actors = group_actors("a", raw)
    assert [m.label for m in mentions] == ["ORG", "ORG"]


PRODUCT_EXAMPLES = load_actor_words().product_examples


@pytest.mark.parametrize("example", PRODUCT_EXAMPLES, ids=[e["text"][:30] + e["words"] for e in PRODUCT_EXAMPLES])
def test_actors_products_are_a_kind_of_their_own(example):
    found = [(m.text, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], "PRODUCT") in found
    organisations = [text for text, label in found if label == "ORG"]
    assert not [text for text in organisations if example["words"].endswith(text)]


FINANCIAL_EXAMPLES = load_actor_words().financial_examples


@pytest.mark.parametrize("example", FINANCIAL_EXAMPLES, ids=[e["text"][:30] for e in FINANCIAL_EXAMPLES])
def test_actors_market_indices_are_financial_instruments(example):
    found = [(m.text, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], "FIN") in found
    assert not [text for text, label in found if label == "ORG"]


def test_actors_the_owner_before_a_possessive_in_a_product_name_is_an_organisation():
    doc = load_nlp()("Tiger, the newest version of Apple Computer's Mac OS X, will ship on Friday.")
    found = [(m.text, m.label) for m in extract_actors(doc)]
    assert ("Apple Computer", "ORG") in found
    assert [text for text, label in found if label == "PRODUCT"][0].startswith("Mac OS")  # spaCy ends it before X


def test_actors_a_name_the_article_calls_a_product_is_a_product_everywhere():
    raw = [_raw("Ford Taurus", "Ford Taurus", "ORG", 0), _raw("Ford", "Ford", "ORG", 30)]
    raw.append(_raw("Taurus", "Taurus", "PRODUCT", 60))
    mentions, _ = group_actors("a", raw)
    assert [m.label for m in mentions] == ["PRODUCT", "ORG", "PRODUCT"]


def test_actors_an_organisation_of_the_article_is_no_product_on_ners_word_alone():
    raw = [_raw("Saturn Corporation", "Saturn Corporation", "ORG", 0), _raw("GM", "GM", "ORG", 30)]
    raw += [
        RawMention(Span(start=60, end=66), "Saturn", "Saturn", "PRODUCT", ner_product=True),
        RawMention(Span(start=70, end=80), "``New GM''", "``New GM", "PRODUCT", ner_product=True),
        RawMention(Span(start=90, end=96), "Taurus", "Taurus", "PRODUCT", ner_product=True),
    ]
    mentions, _ = group_actors("a", raw)
    assert [m.label for m in mentions] == ["ORG", "ORG", "ORG", "ORG", "PRODUCT"]


NESTED_PLACE_EXAMPLES = load_actor_words().nested_place_examples


@pytest.mark.parametrize("example", NESTED_PLACE_EXAMPLES, ids=[e["text"][:30] for e in NESTED_PLACE_EXAMPLES])
def test_actors_the_place_in_front_of_a_state_body_is_a_mention_of_its_own(example):
    found = [(m.text, m.name, m.label) for m in extract_actors(load_nlp()(example["text"]))]
    assert (example["words"], example["place"], "GPE") in found


def test_actors_a_government_stays_one_mention_of_its_place():
    found = [(m.text, m.label) for m in extract_actors(load_nlp()("Shares went to the Canadian Government and Fiat."))]
    assert [text for text, label in found if label == "GPE"] == ["the Canadian Government"]


def test_actors_a_name_has_a_capital_letter():
    doc = load_nlp()("Chrysler will offer a $25,000 vehicle voucher and $50,000 with healthcare and $75,000 without.")
    assert [m.name for m in extract_actors(doc)] == ["Chrysler"]  # spaCy calls "healthcare" an organisation


def test_actors_a_regional_adjective_points_to_its_region():
    doc = load_nlp()("The jobs make up 20 percent of Ford's North American workforce.")
    assert ("North American", "North America", "GPE") in [(m.text, m.name, m.label) for m in extract_actors(doc)]

"""Actors of one article: clean NER mentions and group them ("Mr. Blinken" = "Antony Blinken").

Names are cleaned (honorifics, possessives, punctuation, line breaks), known aliases are mapped to
one canonical name, and a one-word person name joins the longer person name it ends ("Blinken" ->
"Antony Blinken"). Actor ids are built from the canonical name, so the same actor gets the same
id in every article; the merger links on them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from timeline.extract.actor_rules import RawMention, article_rules
from timeline.extract.actor_titles import mention_title, split_title
from timeline.extract.actor_words import load_actor_words
from timeline.models import Actor, EntityLabel, Mention, Span

ACTOR_LABELS: dict[str, EntityLabel] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "NORP": "NORP",
    "FAC": "FAC",
    "PRODUCT": "PRODUCT",
}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_WORD_SPLIT = re.compile(r"[\s\-/]+")
_MODIFIER_DEPS = ("amod", "compound", "nmod")


@lru_cache(maxsize=1)
def _alias_table() -> dict[str, str]:
    words = load_actor_words()
    table = {name.lower(): name for name in words.aliases}
    for canonical, variants in words.aliases.items():
        table.update({variant.lower(): canonical for variant in variants})
    return table


def clean_name(text: str) -> str:
    """Return the name without line breaks, honorifics, possessive or edge punctuation, alias-mapped."""
    name = " ".join(text.split())
    name = _POSSESSIVE.sub("", name)
    name = _alias_table().get(name.lower(), name)
    words = name.split()
    honorifics = load_actor_words().honorifics
    while len(words) > 1 and words[0].lower().rstrip(".") in honorifics:
        words = words[1:]
    name = _EDGE_PUNCT.sub("", " ".join(words)) if words else ""
    if name.endswith((".", "’", "'")) and not name.endswith("S."):
        name = name.rstrip(".’'")
    return _alias_table().get(name.lower(), name)


def actor_id(name: str, label: str) -> str:
    """Return the stable id of an actor: ``person:antony-blinken``."""
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")
    return f"{label.lower()}:{slug}"


@lru_cache(maxsize=1)
def _product_pattern() -> re.Pattern[str]:
    patterns = load_actor_words().product_patterns or ("(?!)",)
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def is_product(name: str) -> bool:
    """Return True for product names ("iPod", "iPhone 4", "the MacBook Air") that NER takes for actors.

    A name is a product when it fits a product pattern, or when one of its words is a well-known
    product name of the resource list: an organisation is never named after its own product line.
    """
    bare = _LEADING_ARTICLE.sub("", name)
    if _product_pattern().match(bare) is not None:
        return True
    words = load_actor_words().product_words
    return any(word.lower() in words for word in _WORD_SPLIT.split(bare))


@lru_cache(maxsize=1)
def _financial_pattern() -> re.Pattern[str]:
    patterns = load_actor_words().financial_patterns or ("(?!)",)
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b")


@lru_cache(maxsize=1)
def _model_codes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_actor_words()
    return re.compile(words.model_code_after_name), re.compile(words.model_code_alone)


def is_financial(name: str) -> bool:
    """Return True for a market index or other financial instrument ("the Dow Jones Industrial Average")."""
    return _financial_pattern().fullmatch(_LEADING_ARTICLE.sub("", " ".join(name.split()))) is not None


def instruments_and_models(doc: Doc, ents: tuple[SpacySpan, ...] | None = None) -> list[tuple[int, int, EntityLabel]]:
    """Return (start, end, kind) of the market indices (FIN) and model numbers (PRODUCT) of a parsed text.

    NER mostly misses both ("the Nikkei 225 index", "the A380") or takes a piece for something else
    ("Boeing" of "Boeing 787" for the maker), so they are read from the text and the parse.
    """
    found: list[tuple[int, int, EntityLabel]] = []
    for match in _financial_pattern().finditer(doc.text):
        start = match.start() + len(match.group()) - len(_LEADING_ARTICLE.sub("", match.group()))
        found.append((start, match.end(), "FIN"))
    after_name, alone = _model_codes()
    for entity in doc.ents if ents is None else ents:
        if entity.label_ == "ORG" and entity.end < len(doc) and after_name.fullmatch(doc[entity.end].text):
            found.append((entity.start_char, doc[entity.end].idx + len(doc[entity.end]), "PRODUCT"))
    taken = [(start, end) for start, end, _ in found]
    for token in doc:
        if alone.fullmatch(token.text) and not any(start <= token.idx < end for start, end in taken):
            found.append((token.idx, token.idx + len(token), "PRODUCT"))
    return sorted(found)


def entity_kind(entity: SpacySpan, name: str, makers: frozenset[str] | set[str] = frozenset()) -> EntityLabel | None:
    """Return "FIN" or "PRODUCT" for a financial instrument or a product, whatever NER called it, else None.

    A product is a name of the product rules (`is_product`), one NER itself calls a product, one that a
    product noun describes ("Ford's next model Falcon", "Falcon and Territory vehicles", "the A380
    superjumbo"), directly or through the names it is coordinated with, or a model: "the", a maker
    named in the same text (``makers``) and one more word that is no organisation's head nor a place
    ("the Chrysler Aspen", "the Ford Taurus"; not "the Chrysler Group"): a company takes no article.
    """
    if is_financial(entity.text) or is_financial(name):
        return "FIN"
    if entity.label_ == "PRODUCT" or is_product(name) or _product_context(entity.root):
        return "PRODUCT"
    return "PRODUCT" if _a_model(entity, name, makers) else None


def _ner_only(entity: SpacySpan, name: str) -> bool:
    """True when nothing but NER's own label makes the entity a product."""
    return not (is_product(name) or _product_context(entity.root))


def _owner(entity: SpacySpan) -> SpacySpan | None:
    """The owner named before a possessive inside a product's name, else None.

    "Apple Computer" of "Apple Computer's Mac OS X": the company, not part of the product.
    """
    for token in entity[1:-1]:
        if token.tag_ == "POS":
            return entity.doc[entity.start : token.i]
    return None


def _a_model(entity: SpacySpan, name: str, makers: frozenset[str] | set[str]) -> bool:
    words = load_actor_words()
    parts = _LEADING_ARTICLE.sub("", name).split()
    before = entity.doc[entity.start - 1].lower_ if entity.start > 0 else ""
    if len(parts) != 2 or parts[0] not in makers or "the" not in (entity[0].lower_, before):
        return False
    model = parts[1]
    places = {*words.places, *words.nationalities.values(), *words.aliases}
    named = model.isalpha() and model[0].isupper()
    return named and model.lower() not in words.organisation_heads and model not in places


def _product_context(token: Token) -> bool:
    """True when a product noun stands in apposition to the name, premodifies it or comes right before it.

    Or does so for the first name of its coordination ("Falcon and Territory vehicles").
    """
    nouns = load_actor_words().product_nouns
    while True:
        if token.dep_ == "appos" and token.head.lower_ in nouns:
            return True  # not a name premodifying the noun: "Ford vehicles" are the maker's
        if any(c.dep_ in ("compound", "appos", "amod", "nmod") and c.lower_ in nouns for c in token.children):
            return True
        if token.i > 0 and token.doc[token.i - 1].lower_ in nouns and token.doc[token.i - 1].dep_ != "compound":
            return True  # "model Falcon"
        if token.dep_ != "conj" or token.head.i == token.i:
            return False
        token = token.head


def is_event_name(name: str) -> bool:
    """Return True for a named event ("the Worldwide Developers Conference"): an event, not an actor."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in load_actor_words().event_name_heads


def nationality_place(entity: SpacySpan) -> str | None:
    """Return the place a nationality adjective points to ("the French carmaker": France), else None.

    Only an adjective or a name modifying a noun counts: "the French" or "Americans" are people.
    """
    if entity.label_ != "NORP" or entity.root.dep_ not in _MODIFIER_DEPS:
        return None
    return load_actor_words().nationalities.get(" ".join(entity.text.split()))


def _government(entity: SpacySpan, name: str, label: EntityLabel | None) -> tuple[int, int, str, str] | None:
    """(start, end, place name, "GPE") for a country's government ("the US government"), else None.

    The place comes first: a place entity followed by the head ("the US government"), or an
    organisation entity whose last word is the head and whose other words are a place or a
    nationality ("the Canadian Government").
    """
    words = load_actor_words()
    doc = entity.doc
    start = entity.start_char
    if label == "GPE" and entity.end < len(doc) and doc[entity.end].lower_ in words.government_heads:
        before = doc[entity.start - 1] if entity.start > 0 else None
        if before is not None and before.lower_ == "the":
            start = before.idx
        return start, doc[entity.end].idx + len(doc[entity.end]), name, "GPE"
    parts = _LEADING_ARTICLE.sub("", " ".join(entity.text.split())).split()
    if label != "ORG" or len(parts) < 2 or parts[-1].lower() not in words.government_heads:
        return None
    rest = " ".join(parts[:-1])
    place = words.nationalities.get(rest) or clean_name(rest)
    if place not in words.nationalities.values() and place not in _alias_table().values() and place not in words.places:
        return None
    return start, entity.end_char, clean_name(place), "GPE"


def _label(entity: SpacySpan, name: str) -> EntityLabel | None:
    label = ACTOR_LABELS.get(entity.label_)
    if label is None:
        return None
    if _LEADING_ARTICLE.sub("", name) in load_actor_words().places:
        return "GPE"  # "the White House" too
    if label == "PERSON" and _after_article(entity):
        return "ORG"  # "the Beatles", "the Clintons": a group, never one person
    return label


def _after_article(entity: SpacySpan) -> bool:
    first = entity[0]
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    return first.lower_ == "the" or (before is not None and before.lower_ == "the")


def _titled(entity: SpacySpan) -> bool:
    """True when a title or honorific comes with the name ("King Abdullah", "Mr. Blinken")."""
    titles = load_actor_words().person_titles | set(load_actor_words().honorifics)
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    first = entity[0].lower_.rstrip(".")
    return first in titles or (before is not None and before.lower_.rstrip(".") in titles)


def _canonical_names(raw: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each (name, label) to its canonical name: one-word persons join the full name they end.

    An organisation's acronym or short form ("GM") is joined to its full name by the merger
    (`merge/actors.py`), not here: joined in the article, the merger's event clusters grew across
    articles and SemEval gm lost 0.3 F1 (General Motors 18.5 -> 17.6).
    """
    persons = sorted({name for name, label in raw if label == "PERSON" and " " in name})
    mapping: dict[tuple[str, str], str] = {}
    for name, label in raw:
        canonical = name
        if label == "PERSON" and " " not in name:
            fuller = [full for full in persons if full.split()[-1] == name]
            if len(fuller) == 1:
                canonical = fuller[0]
        mapping[(name, label)] = canonical
    return mapping


def extract_actors(doc: Doc, offset: int = 0) -> list[RawMention]:
    """Return cleaned entity mentions of a parsed chunk (span in article, text, name, label, titled, title).

    Products and named events are left out. A person's title is taken out of the name ("Apple CEO
    Steve Jobs" is "Steve Jobs") and kept with the mention (`actor_titles`).
    """
    found: list[RawMention] = []
    not_actors = load_actor_words().not_actors
    ents = doc.ents  # built anew at each access: once
    suffix_ents = {
        suffix.i for entity in ents if (suffix := _corporate_suffix(entity)) is not None and suffix.ent_type_
    }
    makers = {e.text for e in ents if e.label_ == "ORG" and len(e) == 1}
    instruments = instruments_and_models(doc, ents)
    for start, end, kind in instruments:
        text = doc.text[start:end]
        found.append(RawMention(Span(start=offset + start, end=offset + end), text, clean_name(text), kind))
    for entity in ents:
        if any(start < entity.end_char and entity.start_char < end for start, end, _ in instruments):
            continue  # "Boeing" of "Boeing 787", "Dow Jones" of "the Dow Jones Industrial Average"
        name = clean_name(entity.text)
        label = _label(entity, name)
        place = nationality_place(entity)
        if place is not None:
            name, label = clean_name(place), "GPE"
        start, end = entity.start_char, entity.end_char
        if label == "ORG" and entity.start in suffix_ents:
            continue  # "LLC" of "Chrysler LLC", taken with the name before it
        suffix = _corporate_suffix(entity) if label == "ORG" else None
        if suffix is not None:
            end = suffix.idx + len(suffix)
            name = clean_name(doc.text[start:end])
        government = _government(entity, name, label)
        if government is not None:
            start, end, name, label = government
        end = _word_end(doc.text, end)
        kind = entity_kind(entity, name, makers) if label not in (None, "GPE", "NORP") else None
        label = kind or label
        owner = _owner(entity) if kind == "PRODUCT" else None
        if owner is not None:  # "Apple Computer's Mac OS X": the company's, and the product
            owner_span = Span(start=offset + start, end=offset + owner.end_char)
            found.append(RawMention(owner_span, owner.text, clean_name(owner.text), "ORG"))
            start = doc[owner.end + 1].idx  # the product, after the possessive
            name = clean_name(doc.text[start:end])
        title = ""
        if label == "PERSON":
            name = clean_name(split_title(name)[1])
            title = mention_title(entity, name)
        if label is None or len(name) < 2 or name in not_actors or not any(c.isupper() for c in name):
            continue  # a name has a capital letter: not "healthcare", not "2009"
        if is_event_name(name):
            continue
        span = Span(start=offset + start, end=offset + end)
        text = doc.text[start:end]
        ner_product = label == "PRODUCT" and entity.label_ == "PRODUCT" and _ner_only(entity, name)
        found.append(RawMention(span, text, name, label, _titled(entity) or bool(title), title, ner_product))
        if label in ("ORG", "GPE") and (place := _place_of_body(text)) is not None:
            words, place_name, at = place
            inside = Span(start=span.start + at, end=span.start + at + len(words))
            found.append(RawMention(inside, words, place_name, "GPE"))
    for token in _described_organisations(doc):
        span = Span(start=offset + token.idx, end=offset + token.idx + len(token))
        found.append(RawMention(span, token.text, clean_name(token.text), "ORG"))
    found = _coordinated_products(doc, offset, found)
    return sorted(found, key=lambda item: (item.span.start, item.span.end))


def _coordinated_products(doc: Doc, offset: int, found: list[RawMention]) -> list[RawMention]:
    """Names coordinated with a product are products ("the Chrysler Aspen, PT Cruiser, and Durango")."""
    roots = {}
    for index, item in enumerate(found):
        span = doc.char_span(item.span.start - offset, item.span.end - offset, alignment_mode="expand")
        if span is not None:
            roots[span.root.i] = index
    products = {i for i, index in roots.items() if found[index].label == "PRODUCT"}
    changed = True
    while changed:
        changed = False
        for i, index in roots.items():
            token = doc[i]
            if i in products or found[index].label not in ("ORG", "PERSON"):
                continue
            linked = {c.i for c in token.children if c.dep_ == "conj"}
            if token.dep_ == "conj":
                linked.add(token.head.i)
            if linked & products:
                found[index] = found[index]._replace(label="PRODUCT", title="")
                products.add(i)
                changed = True
    return found


def _place_of_body(text: str) -> tuple[str, str, int] | None:
    """The place named in front of a state's body, as (words, place name, offset in ``text``), else None.

    "the United States Senate": ("United States", "United States", 4); "the US Treasury": ("US", "United
    States", 4). The body is the mention; the place is a mention of its own inside it. Not a government:
    "the Canadian Government" is the place itself (`_government`).
    """
    words = load_actor_words()
    bare = _LEADING_ARTICLE.sub("", text)
    parts = bare.split()
    head = parts[-1].lower() if parts else ""
    if len(parts) < 2 or head not in words.government_bodies or head in words.government_heads:
        return None  # a government is named by its place already (`_government`)
    for size in range(min(3, len(parts) - 1), 0, -1):
        candidate = " ".join(parts[:size])
        place = words.nationalities.get(candidate) or _alias_table().get(candidate.lower())
        if place is None and candidate in words.places:
            place = candidate
        if place is not None:
            at = len(text) - len(bare)
            return text[at : at + len(candidate)], place, at
    return None


def _corporate_suffix(entity: SpacySpan) -> Token | None:
    """The legal form right after an organisation's name that NER left out ("LLC" of "Chrysler LLC"), or None."""
    doc = entity.doc
    if entity.label_ != "ORG" or entity.end >= len(doc):
        return None
    after = doc[entity.end]
    hyphen = doc.text[after.idx + len(after) :][:1] == "-"  # "co" of "co-founder"
    if after.lower_.rstrip(".") not in load_actor_words().corporate_suffixes or hyphen:
        return None
    return after if after.ent_type_ in ("", "ORG") and (not after.ent_type_ or after.ent_iob_ == "B") else None


def _word_end(text: str, end: int) -> int:
    """Extend a mention that ends inside a hyphenated word to the word's end ("New York City-based").

    A name written into a compound adjective is annotated with the whole word (MEANTIME's tokens are
    whitespace words), and the word names the place or company.
    """
    if end < len(text) and text[end] == "-":
        stop = end + 1
        while stop < len(text) and (text[stop].isalnum() or text[stop] == "-"):
            stop += 1
        if stop > end + 1:
            return stop
    return end


def _described_organisations(doc: Doc) -> list[Token]:
    """Proper nouns outside any entity that an organisation noun describes.

    The noun in apposition ("its European division, Opel") or right before the name ("automaker GM").
    """
    nouns = load_actor_words().organisation_nouns
    found = []
    for token in doc:
        if token.ent_type_ or token.pos_ != "PROPN" or not token.text[:1].isupper() or len(token) < 2:
            continue
        if token.dep_ == "compound" or any(
            c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in nouns for c in token.children
        ):
            continue  # part of a longer name NER did not take
        before = doc[token.i - 1].lower_ if token.i > 0 else ""
        described = (token.dep_ == "appos" and token.head.lower_ in nouns) or before in nouns
        if described:
            found.append(token)
    return found


def group_actors(
    article_id: str, raw: list[RawMention] | list[tuple]
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """Group cleaned mentions into actors with a canonical name, aliases and titles (see `actor_rules`)."""
    kept = article_rules([RawMention(*item) for item in raw])
    canonical = _canonical_names([(item.name, item.label) for item in kept])
    mentions: list[Mention] = []
    aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    titles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in kept:
        full = canonical[(item.name, item.label)]
        mentions.append(Mention(span=item.span, text=item.text, label=item.label, actor_id=actor_id(full, item.label)))
        aliases[(full, item.label)].add(" ".join(item.text.split()))
        if item.title:
            titles[(full, item.label)].add(item.title)
    actors = [
        Actor(
            id=actor_id(full, label),
            name=full,
            type=label,  # type: ignore[arg-type]
            aliases=tuple(sorted(aliases[(full, label)] - {full})),
            titles=tuple(sorted(titles[(full, label)])),
            article_ids=(article_id,),
        )
        for full, label in sorted(aliases)
    ]
    return tuple(sorted(mentions, key=lambda m: (m.span.start, m.span.end))), tuple(actors)

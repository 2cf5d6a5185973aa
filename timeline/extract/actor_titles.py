"""A person's title or role as the text gives it: "U.S. Secretary of State", "chief executive of Apple".

News introduces people with their office, either before the name ("Israeli Prime Minister Benjamin
Netanyahu", "Apple CEO Steve Jobs") or in an apposition ("Tim Cook, Apple's chief executive,").
The office is not part of the name (the actor is "Benjamin Netanyahu" wherever a source writes it),
but it is what a reader, and a later "the prime minister", refers to. A phrase counts as a title
only when its head is a title word of `resources/en/actors.yml` (`title_words`): "Resident
Mohammed Abu Habib" has none, "a father of six" is not an office. A possessive owner moves behind
the title ("Jordan's King" -> "King of Jordan"), as a reader would say it.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from timeline.extract.actor_words import load_actor_words

TITLE_MAX_WORDS = 8
"""Longer phrases before a name are descriptions ("a father of six sheltering in Rafah"), not titles."""

_PREMODIFIER_DEPS = ("compound", "nmod", "amod", "poss", "det")
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj"})
_POSSESSIVE = ("'s", "’s", "'", "’")


def _word(text: str) -> str:
    return text.lower().rstrip(".")


def is_title_word(text: str) -> bool:
    """True for the head of a title ("secretary", "minister", "CEO", "spokesman")."""
    return _word(text) in load_actor_words().title_words


def split_title(name: str) -> tuple[str, str]:
    """Split a person name that still holds its title: "Apple CEO Steve Jobs" -> ("Apple CEO", "Steve Jobs").

    The name starts after the last title word ("Secretary of State" takes its "of" phrase along); a
    name of one title word, or with no capitalised word left, is returned unchanged.
    """
    words = name.split()
    last = -1
    for index, word in enumerate(words[:-1]):
        if is_title_word(word):
            last = index
    if last < 0:
        return "", name
    cut = last + 1
    if cut + 1 < len(words) and words[cut] == "of":
        cut += 2  # "Secretary of State Antony Blinken"
    rest = words[cut:]
    if not rest or not all(word[:1].isupper() for word in rest):
        return "", name
    return " ".join(words[:cut]), " ".join(rest)


def tidy_title(words: list[str]) -> str:
    """Return title words as a phrase: no leading article or courtesy word, a possessive owner moved last."""
    courtesy = set(load_actor_words().honorifics) - load_actor_words().title_words
    words = [w for w in words if _word(w) not in courtesy]
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    for index, word in enumerate(words):
        if word in _POSSESSIVE or word.endswith(("'s", "’s")):
            owner = words[:index] if word in _POSSESSIVE else [*words[:index], word[:-2]]
            rest = words[index + 1 :]
            if owner and rest:
                words = [*rest, "of", *owner]
            break
    if not words or len(words) > TITLE_MAX_WORDS or not any(is_title_word(w) for w in words):
        return ""
    return " ".join(words)


def _tokens_before(entity: SpacySpan) -> list[Token]:
    """Return the modifiers right before the entity that belong to its noun phrase ("U.S. Secretary of State")."""
    root = entity.root
    found: list[Token] = []
    for token in (root, *entity):
        for child in token.lefts:
            if child.i < entity.start and child.dep_ in _PREMODIFIER_DEPS:
                found.extend(t for t in child.subtree if t.i < entity.start)
    indexes = sorted({t.i for t in found})
    block: list[int] = []
    for index in reversed(indexes):  # only the unbroken run that ends at the name
        if index != (block[-1] - 1 if block else entity.start - 1):
            break
        block.append(index)
    return [entity.doc[i] for i in reversed(block) if not entity.doc[i].is_punct or entity.doc[i].text == "."]


def _apposition(entity: SpacySpan) -> list[Token]:
    """Return the words of an apposition naming the office: "Tim Cook, Apple's chief executive,"."""
    root = entity.root
    if root.dep_ == "appos" and is_title_word(root.head.text) and root.head.i < entity.start:
        head = root.head  # "Apple's chief executive, Tim Cook,"
    else:
        heads = [c for c in root.rights if c.dep_ == "appos" and is_title_word(c.text)]
        if not heads:
            return []
        head = heads[0]
    inside = set(range(entity.start, entity.end))
    return [t for t in _trimmed_subtree(head) if t.i not in inside and not t.is_punct]


def _trimmed_subtree(head: Token) -> list[Token]:
    """Return a noun phrase without its clauses, appositions and coordinations."""
    tokens = []
    for token in head.subtree:
        chain = token
        cut = False
        while chain.i != head.i and chain.head.i != chain.i:
            if chain.dep_ in _CUT_DEPS:
                cut = True
                break
            chain = chain.head
        if not cut:
            tokens.append(token)
    return tokens


def mention_title(entity: SpacySpan, name: str) -> str:
    """Return the title a person mention comes with ("" when none): before the name, inside it, or in apposition."""
    text = " ".join(entity.text.split())
    at = text.rfind(name)
    inside = text[:at].split() if at > 0 else []
    before = [t.text for t in _tokens_before(entity)]
    title = tidy_title([*before, *_split_possessives(inside)])
    return title or tidy_title([t.text for t in _apposition(entity)])


def _split_possessives(words: list[str]) -> list[str]:
    """Split "Jordan’s" into "Jordan", "’s", as the tokenizer does, so `tidy_title` sees the owner."""
    out: list[str] = []
    for word in words:
        if word.endswith(("'s", "’s")) and len(word) > 2:
            out.extend((word[:-2], word[-2:]))
        else:
            out.append(word)
    return out

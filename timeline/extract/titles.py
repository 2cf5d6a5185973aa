"""Short event titles from the parse: "Blinken left the Middle East", "the Hamas attack".

A verb's title is its subject, auxiliaries, the verb and its first object or complement; a reporting
verb's title adds the gist of what was said; an event noun's title is its noun phrase. Time words
are left out (the date is shown beside the title), and the title is cut at a word limit.
"""

from __future__ import annotations

from spacy.tokens import Token

from timeline.models import Span

TITLE_WORDS = 14
_OBJECT_DEPS = ("dobj", "attr", "prep", "acomp", "xcomp", "ccomp", "oprd", "dative")
_SKIP_DEPS = ("punct", "cc", "advmod", "mark", "npadvmod")
_NOUN_SKIP_DEPS = ("punct", "relcl", "acl", "appos", "cc", "conj")


def _inside(token: Token, spans: list[Span], offset: int) -> bool:
    at = token.idx + offset
    return any(span.start <= at < span.end for span in spans)


def _words(tokens: list[Token], limit: int) -> list[str]:
    return [t.text for t in tokens if not t.is_punct or t.text in ("-",)][:limit]


_RELATIVE_PRONOUNS = ("that", "which", "who", "whom")
_TRAILING_WORDS = (
    "in",
    "on",
    "at",
    "of",
    "to",
    "for",
    "by",
    "from",
    "with",
    "as",
    "that",
    "than",
    "and",
    "or",
    "the",
    "a",
    "an",
    "late",
    "early",
    "since",
    "until",
    "during",
    "over",
    "about",
    "before",
    "after",
)


def _phrase(token: Token, limit: int, avoid: list[Span], offset: int) -> list[str]:
    subtree = list(token.subtree)
    if token.dep_ in ("ccomp", "xcomp"):  # start a clause at its subject: drop "But, at the same time,"
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            subtree = [t for t in subtree if t.i >= subjects[0].left_edge.i]
    tokens = [t for t in subtree if not _inside(t, avoid, offset) and t.dep_ not in ("relcl", "appos")]
    return _words(tokens, limit)


def _noun_core(noun: Token, avoid: list[Span], offset: int) -> list[str]:
    """Return a noun with its determiners, compounds and adjectives: "the framework ceasefire agreement"."""
    tokens = [t for t in noun.lefts if t.dep_ in ("det", "compound", "amod", "nummod", "poss")]
    tokens = [t2 for t in tokens for t2 in t.subtree if not _inside(t2, avoid, offset)]
    return _words([*tokens, noun], 8)


def _subject_words(verb: Token, avoid: list[Span], offset: int) -> list[str]:
    """Return the subject of a verb; relative and non-finite clauses borrow it from their head."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects and subjects[0].lower_ not in _RELATIVE_PRONOUNS:
        return _phrase(subjects[0], 8, avoid, offset)
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        return _noun_core(verb.head, avoid, offset)
    current = verb
    for _ in range(3):  # "due to meet" / "vowing that": take the governing verb's subject
        if current.head.i == current.i:
            break
        current = current.head
        found = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found and found[0].lower_ not in _RELATIVE_PRONOUNS:
            return _phrase(found[0], 8, avoid, offset)
    return []


def verb_title(verb: Token, avoid: list[Span], offset: int, *, reporting: bool) -> str:
    """Return the title of a verb event; ``avoid`` holds the time-expression spans to leave out."""
    parts: list[str] = _subject_words(verb, avoid, offset)
    parts.extend(c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)
    parts.append(verb.text)
    parts.extend(c.text for c in verb.children if c.dep_ == "prt")
    complements = [c for c in verb.children if c.i != verb.i and c.dep_ in _OBJECT_DEPS]
    if reporting:
        complements.sort(key=lambda c: (c.dep_ != "ccomp", c.i))
    else:
        complements.sort(key=lambda c: (c.i < verb.i, c.i))
    for child in complements:
        words = _phrase(child, 9, avoid, offset)
        if child.dep_ == "prep" and len(words) < 2:
            continue
        if words:
            parts.extend(words)
            break
    return finish_title(parts)


def noun_title(noun: Token, avoid: list[Span], offset: int) -> str:
    """Return the title of an event noun: its noun phrase without time words or relative clauses."""
    tokens = [
        t
        for t in noun.subtree
        if not _inside(t, avoid, offset)
        and not any(a.dep_ in _NOUN_SKIP_DEPS and a.i != noun.i for a in _ancestors_until(t, noun))
    ]
    if tokens and tokens[0].dep_ == "poss" and tokens[0].text.lower() in ("its", "their", "his", "her"):
        tokens = tokens[1:]
    return finish_title(_words(tokens, TITLE_WORDS))


def _ancestors_until(token: Token, stop: Token) -> list[Token]:
    chain = []
    current = token
    while current.i != stop.i and current.head.i != current.i:
        chain.append(current)
        current = current.head
    return chain


def finish_title(parts: list[str]) -> str:
    """Join words, tidy spacing around possessives and commas, cap the length, capitalise."""
    words = " ".join(parts).split()[:TITLE_WORDS]
    while len(words) > 2 and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    title = " ".join(words)
    for before, after in ((" 's", "'s"), (" ’s", "’s"), (" ,", ","), (" n't", "n't"), ("“ ", "“"), (" ”", "”")):
        title = title.replace(before, after)
    title = title.strip(' ,;:-“”"')
    first = title.split(" ", 1)[0] if title else ""
    return title[:1].upper() + title[1:] if first.islower() else title

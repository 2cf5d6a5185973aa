"""Short event titles from the parse: "Antony Blinken left the Middle East", "the Hamas attack".

A verb's title is a short clause built from its own subtree: the subject, auxiliaries and negation,
the verb and its first object or complement; a reporting verb's complement is the gist of what was
said, itself cut down to such a clause ("Antony Blinken said we see space to continue to pursue an
agreement"). An event noun's title is its noun phrase. What makes long titles unreadable is left
out whole, not word by word: relative clauses, appositions, adverbial clauses and asides ("Emad,
55, a father of six sheltering in Rafah, said …" is "Emad said …"). A subject that is an actor
(named, or a pronoun or role noun resolved by `coref.py`) is written as the actor's name, so "he
said" reads "Volker Turk said". Time words are left out (the date is shown beside the title), and a
phrase longer than its limit is cut before a preposition, conjunction or clause, never mid-phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from timeline.models import Span

TITLE_WORDS = 12
SUBJECT_WORDS = 8
COMPLEMENT_WORDS = 10
SHORT_CLAUSE_WORDS = 5
"""A clause shorter than this takes a second complement when it follows at once."""
_OBJECT_DEPS = ("dobj", "attr", "prep", "acomp", "xcomp", "ccomp", "oprd", "dative", "agent")
_CLAUSE_CUT = frozenset({"relcl", "appos", "advcl", "parataxis", "punct", "mark", "npadvmod", "meta", "dep"})
"""Subtrees left out of a complement."""
_SUBJECT_CUT = _CLAUSE_CUT | {"acl", "conj", "cc", "advmod"}
"""Subtrees left out of a subject (a subject is a name or a short noun phrase)."""
_NOUN_SKIP_DEPS = ("punct", "relcl", "acl", "appos", "cc", "conj", "advcl")
_BOUNDARY_DEPS = frozenset({"prep", "cc", "conj", "mark", "relcl", "acl", "advcl", "agent", "dative", "punct"})
_RELATIVE_PRONOUNS = ("that", "which", "who", "whom")
_CONTRACTIONS = ("'s", "’s", "n't", "n’t", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'m", "’m", "'d", "’d")
_TRAILING_WORDS = frozenset(
    "in on at of to for by from with as that than and or the a an late early since until during over about "
    "before after its their his her our your my".split()
)


@dataclass(frozen=True)
class TitleContext:
    """What title building needs beyond the parse: time spans to leave out, offsets, actors' names."""

    avoid: list[Span]
    offset: int
    names: dict[int, str] = field(default_factory=dict)
    """Token index -> actor name, for tokens that head an actor mention or a resolved reference."""


def _inside(token: Token, ctx: TitleContext) -> bool:
    at = token.idx + ctx.offset
    return any(span.start <= at < span.end for span in ctx.avoid)


def _kept(head: Token, cut: frozenset[str], ctx: TitleContext) -> list[Token]:
    """Return the head's subtree without the subtrees hanging on a ``cut`` relation, and no time words."""
    kept = []
    subtree = list(head.subtree)
    clear = {head.i: True}  # token index -> no relation on its way up to the head is cut (memo: one walk)

    def reaches(token: Token) -> bool:
        found = clear.get(token.i)
        if found is None:
            found = clear[token.i] = token.dep_ not in cut and token.head.i != token.i and reaches(token.head)
        return found

    for token in subtree:
        hyphen = token.i != head.i and (_joining_hyphen(token) or _listing(token))
        if reaches(token.head if hyphen else token) and not _inside(token, ctx) and (hyphen or not token.is_punct):
            kept.append(token)
    return _whole_words(kept, head, ctx, {t.i for t in subtree})


def _listing(token: Token) -> bool:
    """True for a comma between coordinated words ("Egypt, Qatar, the U.S. and Israel")."""
    return token.text == "," and any(c.dep_ == "conj" and c.i > token.i for c in token.head.children)


def _whole_words(kept: list[Token], head: Token, ctx: TitleContext, inside: set[int]) -> list[Token]:
    """Keep hyphenated words whole ("week-long", "Israel-Hamas"), or drop the hyphen when a piece is missing.

    A word joined to a time expression ("post-Oct. 7 trips") goes with it: the date is shown apart.
    ``inside`` holds the indexes of the head's subtree (the caller has walked it already).
    """
    indexes = {t.i for t in kept}
    indexes -= {t.i for t in kept if t.text == "," and t.i + 1 not in indexes}  # no comma before a cut
    for _ in range(3):  # "Deir-Al-Balah": pieces joined by several hyphens
        for token in [t for t in kept if _joining_hyphen(t)]:
            pieces = {token.i - 1, token.i + 1}
            if any(_inside(head.doc[i], ctx) for i in pieces if 0 <= i < len(head.doc)):
                indexes -= pieces | {token.i}
            elif pieces <= inside and pieces & indexes:
                indexes |= pieces
            elif not pieces <= indexes:
                indexes.discard(token.i)
    return [head.doc[i] for i in sorted(indexes)]


def _joining_hyphen(token: Token) -> bool:
    """True for the hyphen inside a word ("four-nation"): kept, although it is punctuation."""
    if token.text not in ("-", "–") or token.whitespace_ or token.i == 0:
        return False
    return not token.doc[token.i - 1].whitespace_


def _cut(tokens: list[Token], limit: int) -> list[Token]:
    """Cut a phrase to at most ``limit`` words before a preposition, conjunction or clause when it can."""
    ends, words = [], 0
    for token in tokens:
        words += 0 if _joining_hyphen(token) or token.is_punct else 1
        ends.append(words)
    if words <= limit:
        return tokens
    fits = [j for j in range(len(tokens)) if ends[j] <= limit]
    boundaries = [
        j for j in range(2, len(fits) + 1)
        if j < len(tokens) and tokens[j].dep_ in _BOUNDARY_DEPS and not _joining_hyphen(tokens[j])
    ]
    return tokens[: boundaries[-1]] if boundaries else tokens[: len(fits)]


def _join(tokens: list[Token]) -> str:
    """Join tokens as the text spaced them ("We’re", "Israel-Hamas"), with a space where words were left out."""
    out = []
    for index, token in enumerate(tokens):
        out.append(token.text)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and (token.whitespace_ or following.i != token.i + 1):
            out.append(" ")
    return "".join(out)


def _named(token: Token, ctx: TitleContext) -> str | None:
    return ctx.names.get(token.i)


def _phrase(token: Token, limit: int, ctx: TitleContext) -> str:
    """Return a complement as words: a clause is cut down like a title ("But, at the same time," goes).

    Inside a complement, pronouns stay as written ("Israel says it takes steps"): only the event's
    own subject is replaced by its actor's name.
    """
    if token.dep_ in ("ccomp", "xcomp") and token.pos_ in ("VERB", "AUX"):
        inner = TitleContext(avoid=ctx.avoid, offset=ctx.offset)
        borrowed = token.dep_ == "xcomp" and _is_to_clause(token)
        return clause(token, inner, limit=limit, subject=not borrowed, climb=False)
    return _join(_cut(_kept(token, _CLAUSE_CUT, ctx), limit))


def _noun_core(noun: Token, ctx: TitleContext) -> str:
    """Return a noun with its determiners, compounds and adjectives: "the framework ceasefire agreement"."""
    tokens = [t for t in noun.lefts if t.dep_ in ("det", "compound", "amod", "nummod", "poss")]
    tokens = [t2 for t in tokens for t2 in t.subtree if not _inside(t2, ctx)]
    return _join([*tokens, noun][-8:])


def _subject(verb: Token, ctx: TitleContext, *, climb: bool = True) -> str:
    """Return the subject of a verb; relative and non-finite clauses borrow it from their head."""
    head = _subject_head(verb, climb=climb)
    if head is None:
        return ""
    if head.i == verb.head.i and verb.dep_ in ("relcl", "acl"):
        return _named(head, ctx) or _noun_core(head, ctx)
    return _subject_phrase(head, ctx)


def _subject_head(verb: Token, *, climb: bool = True) -> Token | None:
    """Return the token heading a verb's subject, its own or borrowed from the clause it hangs on."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
    if subjects and subjects[0].lower_ not in _RELATIVE_PRONOUNS:
        return subjects[0]
    if not climb:
        return None
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
        return verb.head
    current = verb
    for _ in range(3):  # "due to meet" / "vowing that": take the governing verb's subject
        if current.head.i == current.i:
            break
        current = current.head
        found = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found and found[0].lower_ not in _RELATIVE_PRONOUNS:
            return found[0]
    return None


_PLURAL_PRONOUNS = frozenset({"we", "they", "you", "i"})
_IRREGULAR = {"be": ("is", "are"), "have": ("has", "have"), "do": ("does", "do"), "go": ("goes", "go")}


def _plural(subject: Token | None) -> bool:
    if subject is None:
        return False
    if subject.lower_ in _PLURAL_PRONOUNS or any(c.dep_ == "conj" for c in subject.children):
        return True
    return subject.tag_ in ("NNS", "NNPS")


def _headline_verb(verb: Token, subject: Token | None) -> list[str]:
    """Return the verb as a headline writes it: a dangling participle becomes a finite verb.

    "Compounding Mr. Blinken's dilemma, Mr. Netanyahu ..." reads "Benjamin Netanyahu compounds Mr.
    Blinken's dilemma" (the headline present), "the tulips provided by ..." reads "the tulips were
    provided by ...". A verb with auxiliaries, or a finite one, stays as written; a capital that only
    opened the sentence goes.
    """
    text = verb.text if verb.pos_ == "PROPN" or verb.i != verb.sent.start else verb.text.lower()
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children) or verb.tag_ not in ("VBG", "VBN"):
        return [text]
    if verb.tag_ == "VBN":
        if verb.dep_ not in ("acl", "ROOT") or subject is None:
            return [text]
        return ["were" if _plural(subject) else "was", text]
    if subject is None or verb.dep_ in ("pobj", "csubj", "nsubj", "dobj"):
        return [text]  # a gerund used as a noun ("since launching an operation")
    base = _base_form(verb)
    if base is None:
        return [text]
    plural = _plural(subject)
    if base in _IRREGULAR:
        return [_IRREGULAR[base][1 if plural else 0]]
    return [base if plural else _third_person(base)]


def _base_form(verb: Token) -> str | None:
    """Return a verb's base form from the model's own lemmatizer tables (the pipe is off for speed)."""
    from timeline.extract.nlp import load_nlp

    try:
        lemmas = load_nlp().get_pipe("lemmatizer").rule_lemmatize(verb)
    except (KeyError, ValueError):
        return None
    base = lemmas[0].lower() if lemmas else ""
    return base if base.isalpha() and base != verb.lower_ else None


def _third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        return base + "es"
    if base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def _subject_phrase(subject: Token, ctx: TitleContext) -> str:
    """Return an actor's name for a subject that is one, else the subject's short noun phrase."""
    name = _named(subject, ctx)
    if name and not any(c.dep_ == "conj" for c in subject.children):
        return name
    return _join(_cut(_kept(subject, _SUBJECT_CUT - {"conj", "cc"}, ctx), SUBJECT_WORDS))


def _complements(verb: Token, reporting: bool) -> list[Token]:
    complements = [c for c in verb.children if c.dep_ in _OBJECT_DEPS]
    if reporting:
        complements.sort(key=lambda c: (c.dep_ != "ccomp", c.i))
    else:
        complements.sort(key=lambda c: (c.i < verb.i, c.dep_ == "prep", c.i))
    return complements


def clause(
    verb: Token,
    ctx: TitleContext,
    *,
    limit: int = TITLE_WORDS,
    reporting: bool = False,
    subject: bool = True,
    climb: bool = True,
) -> str:
    """Return a verb's short clause: subject, auxiliaries, verb, particle and its first object or complement.

    A short first complement takes the next one along when it follows at once ("see space" + "to
    continue to pursue an agreement"). ``climb`` lets a clause with no subject borrow its governing
    verb's ("due to meet": the king's); a reported clause never does.
    """
    parts = [_subject(verb, ctx, climb=climb) if subject else ""]
    parts.extend(c.text for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i)
    parts.extend(_headline_verb(verb, _subject_head(verb, climb=climb) if subject and parts[0] else None))
    parts.extend(c.text for c in verb.children if c.dep_ == "prt")
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in _RELATIVE_PRONOUNS]
    if verb.dep_ == "relcl" and not objects and verb.head.pos_ in ("NOUN", "PROPN") and _object_gap(verb):
        parts.append(_noun_core(verb.head, ctx))  # "the response the militant group delivered"
    used = len(" ".join(parts).split())
    last: Token | None = None
    for child in _complements(verb, reporting):
        if child.lower_ in _RELATIVE_PRONOUNS or (last is not None and child.left_edge.i != last.right_edge.i + 1):
            continue
        words = _phrase(child, max(3, min(COMPLEMENT_WORDS, limit - used)), ctx)
        if child.dep_ == "prep" and len(words.split()) < 2:
            continue
        if words:
            parts.append(words)
            used += len(words.split())
            if last is not None or used >= SHORT_CLAUSE_WORDS or child.right_edge.i < verb.i:
                break
            last = child
    return " ".join(p for p in parts if p)


def _is_to_clause(verb: Token) -> bool:
    """True for "to pursue" under "continue": its subject is the governing verb's, left out of a gist."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _object_gap(verb: Token) -> bool:
    """True when a relative clause's head noun is its object ("the response the group delivered")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _RELATIVE_PRONOUNS for c in verb.children
    )


def verb_title(verb: Token, ctx: TitleContext, *, reporting: bool) -> str:
    """Return the title of a verb event."""
    return finish_title([clause(verb, ctx, reporting=reporting)])


def noun_title(noun: Token, ctx: TitleContext) -> str:
    """Return the title of an event noun: its noun phrase without time words or relative clauses."""
    subtree = list(noun.subtree)
    tokens = [
        t
        for t in subtree
        if not _inside(t, ctx)
        and not (t.is_punct and t.text not in "-–")
        and not any(a.dep_ in _NOUN_SKIP_DEPS and a.i != noun.i for a in _ancestors_until(t, noun))
    ]
    if tokens and tokens[0].dep_ == "poss" and tokens[0].lower_ in ("its", "their", "his", "her"):
        tokens = tokens[1:]
    kept = {t.i for t in _whole_words(tokens, noun, ctx, {t.i for t in subtree})}
    return finish_title([_join(_cut([t for t in tokens if t.i in kept], TITLE_WORDS))])


def _ancestors_until(token: Token, stop: Token) -> list[Token]:
    chain = []
    current = token
    while current.i != stop.i and current.head.i != current.i:
        chain.append(current)
        current = current.head
    return chain


def finish_title(parts: list[str]) -> str:
    """Join words, tidy spacing around possessives and contractions, cap the length, capitalise."""
    words = " ".join(parts).split()
    while words and words[0] in ("'s", "’s", "'", "’"):
        words.pop(0)  # a possessive whose owner was a time word or an aside: "'s Apple Conference"
    words = words[:TITLE_WORDS]
    while len(words) > 2 and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    title = " ".join(words)
    for ending in _CONTRACTIONS:
        title = title.replace(f" {ending} ", f"{ending} ")
        if title.endswith(f" {ending}"):
            title = title[: -len(ending) - 1] + ending
    for before, after in ((" ,", ","), ("“ ", "“"), (" ”", "”")):
        title = title.replace(before, after)
    title = title.strip(' ,;:-–“”"')
    first = title.split(" ", 1)[0] if title else ""
    return title[:1].upper() + title[1:] if first.islower() else title

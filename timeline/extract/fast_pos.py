"""Coarse parts of speech (VERB, AUX, NOUN ...) from the tagger's fine tags, fast.

en_core_web_sm sets ``Token.pos_`` with an `AttributeRuler`: a token `Matcher` over 179 patterns
that also writes morphology and pronoun lemmas we never read. On news it takes about a sixth of
the whole extract stage. This component reads the same model's patterns when the model loads,
keeps the single-token rules that set POS, and applies them with dictionary look-ups, the later
rule winning as in the ruler, so ``pos_`` is the same (a test compares both on real text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "timeline_pos"
_KEYS = frozenset({"TAG", "LOWER", "DEP", "ORTH", "IS_SPACE"})

CACHE_ENTRIES = 20_000
"""Decisions a `FastPos` remembers, the first ones met (common words come first): ~4 MB, full after ~200 news
articles, so a worker stays the same size whatever the corpus (issue #13). Over 1,024 news articles it answers
64 % of the tokens, a cache of 200,000 entries 75 %; but a decision takes ~6 us and a full cache no longer
checks whether a new one may be kept (~2.6 us a miss), so both cost the same ~0.75 ms an article."""


@dataclass(frozen=True)
class _Rule:
    """One POS rule: its order, its constraints on the token (tag, forms, dependency) and the ones before."""

    order: int
    tag: object
    spec: dict
    pos: str
    before: tuple[dict, ...] = ()
    """Constraints on the tokens just before, nearest last ("there" before "is": VERB, not AUX)."""


def _accepts(constraint: object, value: str) -> bool:
    if constraint is None:
        return True
    if isinstance(constraint, str):
        return value == constraint
    if isinstance(constraint, dict):
        if "IN" in constraint and value not in constraint["IN"]:
            return False
        return not ("NOT_IN" in constraint and value in constraint["NOT_IN"])
    return False


def _token_accepts(spec: dict, token: Token) -> bool:
    return (
        _accepts(spec.get("TAG"), token.tag_)
        and _accepts(spec.get("LOWER"), token.lower_)
        and _accepts(spec.get("ORTH"), token.text)
        and _accepts(spec.get("DEP"), token.dep_)
        and ("IS_SPACE" not in spec or spec["IS_SPACE"] == token.is_space)
    )


def _matches(rule: _Rule, token: Token) -> bool:
    if not _token_accepts(rule.spec, token):
        return False
    start = token.i - len(rule.before)
    if start < 0:
        return False
    return all(_token_accepts(spec, token.doc[start + n]) for n, spec in enumerate(rule.before))


def compile_rules(patterns: Iterable[dict]) -> tuple[dict[str, list[_Rule]], list[_Rule]]:
    """Return the POS rules of attribute-ruler patterns: by exact tag, and those that match any tag.

    Raises:
        ValueError: a POS pattern uses a token attribute this component does not read.
    """
    by_tag: dict[str, list[_Rule]] = {}
    general: list[_Rule] = []
    for order, pattern in enumerate(patterns):
        pos = pattern.get("attrs", {}).get("POS")
        if pos is None:
            continue
        for tokens in pattern["patterns"]:
            index = pattern.get("index", 0) % len(tokens)
            if index != len(tokens) - 1 or not all(set(spec) <= _KEYS for spec in tokens):
                raise ValueError(f"attribute-ruler POS pattern not supported: {tokens}")
            spec = tokens[-1]
            rule = _Rule(order, spec.get("TAG"), dict(spec), pos, tuple(tokens[:-1]))
            if isinstance(rule.tag, str):
                by_tag.setdefault(rule.tag, []).append(rule)
            else:
                general.append(rule)
    return by_tag, general


class FastPos:
    """Set ``Token.pos_`` from the tag, the lower-case form and the dependency label."""

    def __init__(self, patterns: list[dict]) -> None:
        self.by_tag, self.general = compile_rules(patterns)
        self._cache: dict[tuple[str, str, str], str] = {}

    def pos_of(self, token: Token) -> str:
        """Return the coarse part of speech the ruler would give this token."""
        before = token.doc[token.i - 1] if token.i > 0 else None
        return self._pos(token, token.dep_, before.dep_ if before is not None else "")

    def _pos(self, token: Token, dep: str, before_dep: str) -> str:
        """`pos_of`, given the token's dependency and the previous token's (a document pass knows both)."""
        key = (token.tag_, token.text, dep, before_dep, token.is_space)
        found = self._cache.get(key)
        if found is None:
            found = self._decide(token)
            if len(self._cache) < CACHE_ENTRIES and self._context_free(token):
                self._cache[key] = found
        return found

    def _context_free(self, token: Token) -> bool:
        """True when no rule for this tag looks at more than the previous token's dependency."""
        rules = (*self.by_tag.get(token.tag_, ()), *self.general)
        return all(all(set(spec) <= {"DEP"} for spec in rule.before[-1:]) and len(rule.before) <= 1 for rule in rules)

    def _decide(self, token: Token) -> str:
        best: _Rule | None = None
        for rule in (*self.by_tag.get(token.tag_, ()), *self.general):
            if (best is None or rule.order > best.order) and _matches(rule, token):
                best = rule
        return best.pos if best is not None else ""

    def __call__(self, doc: Doc) -> Doc:
        """Set the coarse part of speech of every token of the document."""
        before_dep = ""
        for token in doc:
            dep = token.dep_
            pos = self._pos(token, dep, before_dep)
            if pos:
                token.pos_ = pos
            before_dep = dep
        return doc


@Language.factory(COMPONENT)
def make_fast_pos(nlp: Language, name: str) -> FastPos:
    """Build the component from the pipeline's attribute ruler, which must still be there (spaCy factory).

    Raises:
        ValueError: no attribute ruler, or one of its POS patterns is beyond this component.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        raise ValueError("fast POS needs the model's attribute_ruler to read its rules")
    return FastPos(list(nlp.get_pipe("attribute_ruler").patterns))

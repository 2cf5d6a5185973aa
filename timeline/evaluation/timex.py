"""Score time expressions against gold annotation, with the TempEval-3 Task A definitions.

Per document, system and gold TIMEX3 are compared on the same plain text. A *strict* match has
the identical extent; a *relaxed* match overlaps. Matching is one-to-one: strict matches are the
identical extents (each used once); relaxed matches are chosen greedily by the largest overlap,
ties broken by identical extent, then by the closer length, then by position, so the result never
depends on input order. Type and value accuracy are computed over the relaxed matches, values
compared as exact strings (as the official scorer does), and the headline figure is
**value F1 = relaxed F1 x value accuracy**. Counts are micro-averaged over the corpus.

Besides the figures, every error is listed (missed, spurious, partial extent, wrong type, wrong
value, with gold and system side by side) so the tagger can be improved from them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from timeline.models import Span

ErrorKind = Literal["missed", "spurious", "extent", "wrong_type", "wrong_value"]


class Annotated(Protocol):
    """A time expression to score: a span on the document's plain text, a type and a value."""

    @property
    def span(self) -> Span: ...  # noqa: D102

    @property
    def type(self) -> str: ...  # noqa: D102

    @property
    def value(self) -> str: ...  # noqa: D102


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TimexCounts(_Frozen):
    """Counts of one document or of a corpus, and the TempEval-3 figures computed from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def __add__(self, other: TimexCounts) -> TimexCounts:
        fields = type(self).model_fields
        return TimexCounts(**{name: getattr(self, name) + getattr(other, name) for name in fields})

    @property
    def strict_precision(self) -> float:
        """Strict matches over system expressions."""
        return _ratio(self.strict, self.system)

    @property
    def strict_recall(self) -> float:
        """Strict matches over gold expressions."""
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        """Harmonic mean of strict precision and recall."""
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        """Relaxed matches over system expressions."""
        return _ratio(self.relaxed, self.system)

    @property
    def relaxed_recall(self) -> float:
        """Relaxed matches over gold expressions."""
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        """Harmonic mean of relaxed precision and recall."""
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        """Relaxed matches with the gold type, over relaxed matches."""
        return _ratio(self.type_correct, self.relaxed)

    @property
    def value_accuracy(self) -> float:
        """Relaxed matches with the gold value (exact string), over relaxed matches."""
        return _ratio(self.value_correct, self.relaxed)

    @property
    def type_f1(self) -> float:
        """Relaxed F1 times type accuracy."""
        return self.relaxed_f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        """Relaxed F1 times value accuracy: the TempEval-3 headline figure."""
        return self.relaxed_f1 * self.value_accuracy


class TimexError(_Frozen):
    """One scoring error, with the gold and the system side (either may be missing)."""

    document: str
    kind: ErrorKind
    gold_span: Span | None = None
    gold_text: str | None = None
    gold_type: str | None = None
    gold_value: str | None = None
    system_span: Span | None = None
    system_text: str | None = None
    system_type: str | None = None
    system_value: str | None = None


class DocumentScore(_Frozen):
    """The counts of one document."""

    document: str
    counts: TimexCounts


class TimexScore(_Frozen):
    """The corpus result: micro-averaged counts, one entry per document, and every error."""

    counts: TimexCounts
    documents: tuple[DocumentScore, ...] = ()
    errors: tuple[TimexError, ...] = ()

    def error_counts(self) -> dict[str, int]:
        """Return the number of errors of each kind."""
        return dict(sorted(Counter(error.kind for error in self.errors).items()))


def match_relaxed(gold: Sequence[Annotated], system: Sequence[Annotated]) -> list[tuple[int, int]]:
    """Return one-to-one ``(gold index, system index)`` pairs of overlapping extents, greedy by overlap."""
    candidates = []
    for g, gold_item in enumerate(gold):
        for s, system_item in enumerate(system):
            overlap = min(gold_item.span.end, system_item.span.end) - max(gold_item.span.start, system_item.span.start)
            if overlap > 0:
                identical = _extent(gold_item) == _extent(system_item)
                length_gap = abs(_length(gold_item) - _length(system_item))
                candidates.append((-overlap, not identical, length_gap, _extent(gold_item), _extent(system_item), g, s))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, g, s in candidates:
        if g in used_gold or s in used_system:
            continue
        used_gold.add(g)
        used_system.add(s)
        pairs.append((g, s))
    return sorted(pairs)


def count_strict(gold: Sequence[Annotated], system: Sequence[Annotated]) -> int:
    """Return the number of one-to-one identical extents."""
    matched = Counter(_extent(item) for item in gold) & Counter(_extent(item) for item in system)
    return sum(matched.values())


def score_document(
    name: str, gold: Sequence[Annotated], system: Sequence[Annotated], text: str | None = None
) -> tuple[DocumentScore, list[TimexError]]:
    """Score one document's system expressions against its gold ones.

    Args:
        name: the document's name (carried into errors).
        gold: the gold expressions, spans on the plain text.
        system: the system expressions, spans on the same plain text.
        text: the plain text, to quote the words of each error (optional).
    """
    gold = sorted(gold, key=_order)
    system = sorted(system, key=_order)
    pairs = match_relaxed(gold, system)
    errors: list[TimexError] = []
    type_correct = value_correct = 0
    for g, s in pairs:
        gold_item, system_item = gold[g], system[s]
        type_correct += gold_item.type == system_item.type
        value_correct += gold_item.value == system_item.value
        if _extent(gold_item) != _extent(system_item):
            errors.append(_error(name, "extent", text, gold_item, system_item))
        if gold_item.type != system_item.type:
            errors.append(_error(name, "wrong_type", text, gold_item, system_item))
        if gold_item.value != system_item.value:
            errors.append(_error(name, "wrong_value", text, gold_item, system_item))
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    errors.extend(_error(name, "missed", text, item, None) for g, item in enumerate(gold) if g not in matched_gold)
    errors.extend(
        _error(name, "spurious", text, None, item) for s, item in enumerate(system) if s not in matched_system
    )
    errors.sort(key=_error_order)
    counts = TimexCounts(
        gold=len(gold),
        system=len(system),
        strict=count_strict(gold, system),
        relaxed=len(pairs),
        type_correct=type_correct,
        value_correct=value_correct,
    )
    return DocumentScore(document=name, counts=counts), errors


def score_corpus(
    documents: Iterable[tuple[str, Sequence[Annotated], Sequence[Annotated], str | None]],
) -> TimexScore:
    """Score a corpus: ``(name, gold, system, text)`` per document; counts are summed (micro average)."""
    scores: list[DocumentScore] = []
    errors: list[TimexError] = []
    total = TimexCounts()
    for name, gold, system, text in documents:
        score, document_errors = score_document(name, gold, system, text)
        scores.append(score)
        errors.extend(document_errors)
        total = total + score.counts
    return TimexScore(counts=total, documents=tuple(scores), errors=tuple(errors))


def _error(
    name: str, kind: ErrorKind, text: str | None, gold: Annotated | None, system: Annotated | None
) -> TimexError:
    fields: dict[str, object] = {"document": name, "kind": kind}
    for side, item in (("gold", gold), ("system", system)):
        if item is None:
            continue
        fields[f"{side}_span"] = Span(start=item.span.start, end=item.span.end)
        fields[f"{side}_text"] = text[item.span.start : item.span.end] if text is not None else None
        fields[f"{side}_type"] = item.type
        fields[f"{side}_value"] = item.value
    return TimexError.model_validate(fields)


def _error_order(error: TimexError) -> tuple[int, int, str]:
    span = error.gold_span or error.system_span
    return (span.start if span else 0, span.end if span else 0, error.kind)


def _order(item: Annotated) -> tuple[int, int, str, str]:
    return (item.span.start, item.span.end, item.type, item.value)


def _extent(item: Annotated) -> tuple[int, int]:
    return (item.span.start, item.span.end)


def _length(item: Annotated) -> int:
    return item.span.end - item.span.start


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0

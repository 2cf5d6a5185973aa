"""Score extracted events, entity mentions and event dates against MEANTIME gold annotation.

Only the fully annotated part of a document counts (its first sentences, see `meantime`): gold and
system items that start after `MeantimeDocument.annotated_end` are left out on both sides.

**Event triggers.** A system event matches a gold event mention when its trigger span overlaps one
of the gold mention's anchor tokens. Matching is one-to-one and greedy: the pairs with the most
overlapping characters first, then by gold position, then by system position, so the result never
depends on input order. Composite gold mentions (a coordination over other mentions) are not scored.

**Entity mentions** (PER, ORG, LOC). System labels map to gold types: PERSON → PER, ORG → ORG,
GPE, LOC and FAC → LOC; NORP (nationalities, groups) and EVENT have no MEANTIME counterpart and are
left out, and so are PRODUCT and FIN, whose counterparts (PRO, FIN) are not scored. Gold mentions of
other types (PRO products, FIN, MIX, or none) are not scored, but a system mention landing on one is
still spurious, and its error says what the gold has there.
By default only *named* gold mentions count (``syntactic_type`` NAM, or PRE.NAM for a name used as
a modifier, "Apple executive"): a named-entity recogniser does not find "the company" or "he".
``entity_scope="all"`` scores every gold mention except the containers (APP appositions, CONJ
coordinations) instead. A match has the same type and a system span that contains the gold
mention's head token (its last head token, `GoldEntity.head_token`: "Papermaster" of "Mark
Papermaster", so "Papermaster" alone matches but "Apple" does not match "Apple Inc."), one-to-one,
greedy: identical extents first, then the closest length, then position. *Strict* counts only
identical extents of the same type.

**Anchor dates.** Among gold events that have a gold anchor date (`meantime.GoldAnchor`) and are
matched by a system event, a system date is *correct* when its interval
(`EventMention.time.interval`) contains the gold day, or, for a coarser gold value (YYYY-MM, YYYY,
YYYY-Qn), lies inside the gold interval (equal at the gold granularity). *Strict* correctness asks
the system interval to lie inside the gold interval for a day too (so "2010" for 2010-08-09 is
correct but not strict). *Coverage* is the share of those events with any system date.

Counts are summed over documents (micro average). Every error is listed, with its words, so the
extractors can be improved from them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from timeline.evaluation.meantime import GoldEntity, GoldEvent, MeantimeDocument
from timeline.models import ArticleExtraction, DateInterval, EventMention, Mention, Span

EntityScope = Literal["named", "all"]
ErrorKind = Literal[
    "missed_trigger",
    "spurious_trigger",
    "missed_entity",
    "spurious_entity",
    "entity_type",
    "entity_extent",
    "no_date",
    "wrong_date",
]

ENTITY_TYPES = ("PER", "ORG", "LOC")
"""The gold entity types scored."""

LABEL_TYPES: dict[str, str] = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
"""System entity label → MEANTIME type. NORP, EVENT, PRODUCT and FIN are not scored."""

NAMED_SYNTACTIC_TYPES = frozenset({"NAM", "PRE.NAM"})
"""Gold syntactic types of named mentions (the default entity scope)."""

CONTAINER_SYNTACTIC_TYPES = frozenset({"APP", "CONJ"})
"""Gold mentions made of other mentions: never scored."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Counts(_Frozen):
    """Gold items, system items and one-to-one matches; precision, recall and F1 from them."""

    gold: int = 0
    system: int = 0
    matched: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            gold=self.gold + other.gold, system=self.system + other.system, matched=self.matched + other.matched
        )

    @property
    def precision(self) -> float:
        """Matches over system items."""
        return _ratio(self.matched, self.system)

    @property
    def recall(self) -> float:
        """Matches over gold items."""
        return _ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class AnchorCounts(_Frozen):
    """Anchor-date counts over matched gold events that have a gold anchor date."""

    anchored: int = 0
    dated: int = 0
    correct: int = 0
    strict: int = 0

    def __add__(self, other: AnchorCounts) -> AnchorCounts:
        fields = type(self).model_fields
        return AnchorCounts(**{name: getattr(self, name) + getattr(other, name) for name in fields})

    @property
    def accuracy(self) -> float:
        """Correct system dates over anchored matched gold events (no system date counts as wrong)."""
        return _ratio(self.correct, self.anchored)

    @property
    def strict_accuracy(self) -> float:
        """System intervals inside the gold interval, over anchored matched gold events."""
        return _ratio(self.strict, self.anchored)

    @property
    def coverage(self) -> float:
        """Anchored matched gold events that have any system date."""
        return _ratio(self.dated, self.anchored)

    @property
    def accuracy_when_dated(self) -> float:
        """Correct system dates over the events that have one."""
        return _ratio(self.correct, self.dated)


class EventCounts(_Frozen):
    """Every count of one document or of a corpus."""

    triggers: Counts = Counts()
    entities: dict[str, Counts] = {name: Counts() for name in ENTITY_TYPES}
    entities_strict: dict[str, Counts] = {name: Counts() for name in ENTITY_TYPES}
    anchors: AnchorCounts = AnchorCounts()

    def __add__(self, other: EventCounts) -> EventCounts:
        return EventCounts(
            triggers=self.triggers + other.triggers,
            entities={name: self.entities[name] + other.entities[name] for name in ENTITY_TYPES},
            entities_strict={name: self.entities_strict[name] + other.entities_strict[name] for name in ENTITY_TYPES},
            anchors=self.anchors + other.anchors,
        )

    @property
    def entity_micro(self) -> Counts:
        """Head-match entity counts summed over PER, ORG and LOC."""
        return sum((self.entities[name] for name in ENTITY_TYPES), Counts())

    @property
    def entity_strict_micro(self) -> Counts:
        """Exact-extent entity counts summed over PER, ORG and LOC."""
        return sum((self.entities_strict[name] for name in ENTITY_TYPES), Counts())


class EventError(_Frozen):
    """One scoring error: the gold side, the system side (either may be missing) and the sentence."""

    document: str
    kind: ErrorKind
    gold_span: Span | None = None
    gold_text: str | None = None
    gold_type: str | None = None
    """Entity type, or the gold event's POS attribute and class ("VERB/OTHER")."""
    gold_value: str | None = None
    """The gold anchor value (date errors), or the gold entity's syntactic type."""
    system_span: Span | None = None
    system_text: str | None = None
    system_type: str | None = None
    system_value: str | None = None
    """The system date interval (date errors)."""
    context: str = ""


class DocumentEventScore(_Frozen):
    """The counts of one document."""

    document: str
    counts: EventCounts


class EventScore(_Frozen):
    """The corpus result: summed counts, one entry per document, and every error."""

    counts: EventCounts
    documents: tuple[DocumentEventScore, ...] = ()
    errors: tuple[EventError, ...] = ()

    def error_counts(self) -> dict[str, int]:
        """Return the number of errors of each kind."""
        return dict(sorted(Counter(error.kind for error in self.errors).items()))

    def frequent(self, kind: ErrorKind, top: int = 15) -> list[tuple[str, int]]:
        """Return the most frequent words of one kind of error (lower case), most frequent first."""
        words = Counter(_error_words(error).lower() for error in self.errors if error.kind == kind)
        return sorted(words.items(), key=lambda item: (-item[1], item[0]))[:top]


def system_type(mention: Mention) -> str | None:
    """Return the MEANTIME type of a system mention (None when it is not scored)."""
    return LABEL_TYPES.get(mention.label)


def match_triggers(gold: Sequence[GoldEvent], system: Sequence[EventMention]) -> list[tuple[int, int]]:
    """Return one-to-one ``(gold index, system index)`` pairs of overlapping triggers, greedy by overlap."""
    candidates = []
    for g, event in enumerate(gold):
        for s, mention in enumerate(system):
            overlap = sum(_overlap(span, mention.trigger_span) for span in event.token_spans)
            if overlap > 0:
                candidates.append((-overlap, event.span.start, event.m_id, mention.trigger_span.start, s, g))
    return _greedy(candidates)


def match_entities(
    gold: Sequence[GoldEntity], system: Sequence[Mention], *, use_type: bool = True
) -> list[tuple[int, int]]:
    """Return one-to-one ``(gold index, system index)`` pairs: the system span holds the gold head token.

    With ``use_type`` the mapped system type must equal the gold type.
    """
    candidates = []
    for g, entity in enumerate(gold):
        for s, mention in enumerate(system):
            if use_type and system_type(mention) != entity.type:
                continue
            if mention.span.start <= entity.head_token.start and entity.head_token.end <= mention.span.end:
                identical = (mention.span.start, mention.span.end) == (entity.span.start, entity.span.end)
                gap = abs((mention.span.end - mention.span.start) - (entity.span.end - entity.span.start))
                candidates.append((not identical, gap, entity.span.start, entity.m_id, mention.span.start, s, g))
    return _greedy(candidates)


def anchor_correct(system: DateInterval, gold: DateInterval) -> tuple[bool, bool]:
    """Return (correct, strict) for a system interval against a gold anchor interval.

    Correct: a gold day inside the system interval, or a system interval inside a coarser gold one.
    Strict: the system interval inside the gold interval.
    """
    inside = gold.earliest <= system.earliest and system.latest <= gold.latest
    if gold.granularity == "day":
        return system.earliest <= gold.earliest <= system.latest, inside
    return inside, inside


def score_events(
    name: str,
    gold: Sequence[GoldEvent],
    system: Sequence[EventMention],
    text: str | None = None,
) -> tuple[Counts, AnchorCounts, list[EventError]]:
    """Score one document's event triggers and anchor dates (both sides already restricted)."""
    gold = sorted(gold, key=lambda e: (e.span.start, e.span.end, e.m_id))
    system = sorted(system, key=lambda e: (e.trigger_span.start, e.trigger_span.end, e.id))
    pairs = match_triggers(gold, system)
    errors: list[EventError] = []
    anchors = AnchorCounts()
    for g, s in pairs:
        event, mention = gold[g], system[s]
        if event.anchor is None:
            continue
        interval = mention.time.interval if mention.time is not None else None
        correct, strict = anchor_correct(interval, event.anchor.interval) if interval else (False, False)
        anchors = anchors + AnchorCounts(anchored=1, dated=interval is not None, correct=correct, strict=strict)
        if not correct:
            errors.append(
                _event_error(
                    name,
                    "wrong_date" if interval else "no_date",
                    text,
                    event,
                    mention,
                    gold_value=f"{event.anchor.value} ({event.anchor.reltype}{', DCT' if event.anchor.is_dct else ''})",
                    system_value=_interval_text(interval, mention),
                )
            )
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    errors.extend(
        _event_error(name, "missed_trigger", text, event, None) for g, event in enumerate(gold) if g not in matched_gold
    )
    errors.extend(
        _event_error(name, "spurious_trigger", text, None, mention)
        for s, mention in enumerate(system)
        if s not in matched_system
    )
    return Counts(gold=len(gold), system=len(system), matched=len(pairs)), anchors, errors


def score_entities(
    name: str,
    gold: Sequence[GoldEntity],
    system: Sequence[Mention],
    text: str | None = None,
    *,
    scope: EntityScope = "named",
) -> tuple[dict[str, Counts], dict[str, Counts], list[EventError]]:
    """Score one document's entity mentions: head-match and strict counts per type, and the errors.

    ``gold`` may hold every gold mention of the document (any type, any syntactic type): the ones
    out of scope are not counted, but name what a spurious system mention landed on.
    """
    everything = sorted(gold, key=lambda e: (e.span.start, e.span.end, e.m_id))
    scored = [e for e in everything if _in_scope(e, scope)]
    system = sorted((m for m in system if system_type(m) is not None), key=lambda m: (m.span.start, m.span.end, m.text))
    pairs = match_entities(scored, system)
    errors: list[EventError] = []
    for g, s in pairs:
        entity, mention = scored[g], system[s]
        if (entity.span.start, entity.span.end) != (mention.span.start, mention.span.end):
            errors.append(_entity_error(name, "entity_extent", text, entity, mention))
    strict = Counter((e.type, e.span.start, e.span.end) for e in scored) & Counter(
        (system_type(m), m.span.start, m.span.end) for m in system
    )
    matched_gold = {g for g, _ in pairs}
    matched_system = {s for _, s in pairs}
    left_gold = [e for g, e in enumerate(scored) if g not in matched_gold]
    left_system = [m for s, m in enumerate(system) if s not in matched_system]
    retyped = match_entities(left_gold, left_system, use_type=False)
    for g, s in retyped:
        errors.append(_entity_error(name, "entity_type", text, left_gold[g], left_system[s]))
    retyped_gold = {g for g, _ in retyped}
    retyped_system = {s for _, s in retyped}
    errors.extend(
        _entity_error(name, "missed_entity", text, entity, None)
        for g, entity in enumerate(left_gold)
        if g not in retyped_gold
    )
    for s, mention in enumerate(left_system):
        if s in retyped_system:
            continue
        landed = _landing(everything, mention)
        errors.append(_entity_error(name, "spurious_entity", text, landed, mention, landed_only=True))
    lenient: dict[str, Counts] = {}
    exact: dict[str, Counts] = {}
    for kind in ENTITY_TYPES:
        gold_n = sum(e.type == kind for e in scored)
        system_n = sum(system_type(m) == kind for m in system)
        lenient[kind] = Counts(gold=gold_n, system=system_n, matched=sum(scored[g].type == kind for g, _ in pairs))
        exact[kind] = Counts(
            gold=gold_n, system=system_n, matched=sum(n for key, n in strict.items() if key[0] == kind)
        )
    return lenient, exact, errors


def score_document(
    document: MeantimeDocument, extraction: ArticleExtraction, *, entity_scope: EntityScope = "named"
) -> tuple[DocumentEventScore, list[EventError]]:
    """Score one MEANTIME document against the extraction of its text."""
    end = document.annotated_end
    events = [e for e in extraction.events if e.trigger_span.start < end]
    mentions = [m for m in extraction.mentions if m.span.start < end]
    triggers, anchors, event_errors = score_events(document.name, document.scored_events(), events, document.text)
    lenient, strict, entity_errors = score_entities(
        document.name, document.scored_entities(), mentions, document.text, scope=entity_scope
    )
    errors = sorted(event_errors + entity_errors, key=_error_order)
    counts = EventCounts(triggers=triggers, entities=lenient, entities_strict=strict, anchors=anchors)
    return DocumentEventScore(document=document.name, counts=counts), errors


def score_corpus(
    pairs: Iterable[tuple[MeantimeDocument, ArticleExtraction]], *, entity_scope: EntityScope = "named"
) -> EventScore:
    """Score every ``(document, extraction)`` pair; counts are summed (micro average)."""
    documents: list[DocumentEventScore] = []
    errors: list[EventError] = []
    total = EventCounts()
    for document, extraction in pairs:
        score, document_errors = score_document(document, extraction, entity_scope=entity_scope)
        documents.append(score)
        errors.extend(document_errors)
        total = total + score.counts
    return EventScore(counts=total, documents=tuple(documents), errors=tuple(errors))


def _in_scope(entity: GoldEntity, scope: EntityScope) -> bool:
    if entity.type not in ENTITY_TYPES or entity.syntactic_type in CONTAINER_SYNTACTIC_TYPES:
        return False
    return scope == "all" or entity.syntactic_type in NAMED_SYNTACTIC_TYPES


def _landing(gold: Sequence[GoldEntity], mention: Mention) -> GoldEntity | None:
    """The gold mention a spurious system mention sits on: its head inside, the closest extent first."""
    inside = [
        e
        for e in gold
        if e.syntactic_type not in CONTAINER_SYNTACTIC_TYPES
        and mention.span.start <= e.head_token.start
        and e.head_token.end <= mention.span.end
    ]
    if not inside:
        inside = [
            e for e in gold if e.syntactic_type not in CONTAINER_SYNTACTIC_TYPES and _overlap(e.span, mention.span) > 0
        ]
    if not inside:
        return None
    length = mention.span.end - mention.span.start
    return min(inside, key=lambda e: (abs((e.span.end - e.span.start) - length), e.span.start, e.m_id))


def _greedy(candidates: list[tuple]) -> list[tuple[int, int]]:
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for *_, s, g in candidates:
        if g in used_gold or s in used_system:
            continue
        used_gold.add(g)
        used_system.add(s)
        pairs.append((g, s))
    return sorted(pairs)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _context(text: str | None, span: Span | None) -> str:
    """The line (paragraph) around a span, cut to 160 characters around it."""
    if text is None or span is None:
        return ""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end == -1 else end
    start, end = max(start, span.start - 80), min(end, span.end + 80)
    return text[start:end]


def _interval_text(interval: DateInterval | None, mention: EventMention) -> str | None:
    if interval is None:
        return None
    days = interval.earliest.isoformat()
    if interval.latest != interval.earliest:
        days += ".." + interval.latest.isoformat()
    words = f" '{mention.time.text}'" if mention.time is not None else ""
    return f"{days}{words} ({mention.time_source})"


def _event_error(
    name: str,
    kind: ErrorKind,
    text: str | None,
    event: GoldEvent | None,
    mention: EventMention | None,
    *,
    gold_value: str | None = None,
    system_value: str | None = None,
) -> EventError:
    fields: dict[str, object] = {"document": name, "kind": kind, "gold_value": gold_value, "system_value": system_value}
    if event is not None:
        fields.update(
            gold_span=event.span, gold_text=event.text, gold_type=f"{event.pos or '-'}/{event.event_class or '-'}"
        )
    if mention is not None:
        fields.update(system_span=mention.trigger_span, system_text=mention.trigger, system_type=mention.time_source)
    fields["context"] = _context(text, event.span if event is not None else mention.trigger_span if mention else None)
    return EventError.model_validate(fields)


def _entity_error(
    name: str,
    kind: ErrorKind,
    text: str | None,
    entity: GoldEntity | None,
    mention: Mention | None,
    *,
    landed_only: bool = False,
) -> EventError:
    fields: dict[str, object] = {"document": name, "kind": kind}
    if entity is not None:
        fields.update(
            gold_span=entity.span,
            gold_text=entity.text,
            gold_type=entity.type or "none",
            gold_value=entity.syntactic_type or None,
        )
    if mention is not None:
        fields.update(
            system_span=mention.span, system_text=mention.text, system_type=system_type(mention) or mention.label
        )
    anchor = (
        mention.span if mention is not None and (landed_only or entity is None) else entity.span if entity else None
    )
    fields["context"] = _context(text, anchor)
    return EventError.model_validate(fields)


def _error_words(error: EventError) -> str:
    if error.kind in ("spurious_trigger", "spurious_entity"):
        return error.system_text or ""
    return error.gold_text or ""


def _error_order(error: EventError) -> tuple[int, int, str]:
    span = error.gold_span or error.system_span
    return (span.start if span else 0, span.end if span else 0, error.kind)


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0

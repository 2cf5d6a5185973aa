"""Read a MEANTIME document (NewsReader CAT XML): text, DCT, gold events, entities, TIMEX3 and TLINKs.

A CAT file holds ``<token t_id sentence number>`` words, then ``<Markables>`` (ENTITY_MENTION,
EVENT_MENTION, TIMEX3, and the ENTITY / EVENT *instances* the mentions refer to) and ``<Relations>``
(TLINK, HAS_PARTICIPANT, REFERS_TO, ...). Markables point at tokens with ``<token_anchor t_id>``.

**Plain text.** The tokens are joined into one deterministic text, and every token keeps its
character span in it: one space between tokens, except none before ``, . ; : ! ? ' ) ] % ''`` and
the clitics (``'s n't 're 've 'll 'd 'm``) and none after ``( [ $ US$ £ € ``\u0060\u0060`` ``. The
title (sentence 0) and the dateline (a sentence made only of TIMEX3 tokens, "August 9 , 2010") sit
on lines of their own, as in the published page; the body sentences follow one another on one line
separated by a space (the corpus has no paragraph marks, and the extractor must split sentences
itself).

**What is annotated.** MEANTIME annotates everything (events, entities, TIMEX3, TLINKs) only in the
first sentences of each article (title, dateline and the first four body sentences); the later
sentences carry only the cross-document mentions of a few target entities and events. Those
document-level markables are the ones with a ``comment`` attribute. An event mention made only of the
tokens of smaller ones (a coordination, "decided or was forced") is marked ``composite`` and not
scored, since its parts are. ``annotated_end`` is the end of
the last sentence holding a document-level markable: scores only count what lies before it, and
the cross-document markables are read (``document_level=False``) but not scored.

**Types.** An ENTITY_MENTION has no type of its own: it gets the ``ent_type`` (PER, ORG, LOC, PRO,
FIN, MIX) of the ENTITY instance it REFERS_TO, or None when it refers to none. Its ``head``
attribute holds the head words (``"Mark Papermaster"``, ``"company"``); the head tokens are the last
run of the mention's tokens that spells it. When it is empty or not found (most names have an
empty one), a name's (NAM, PRE.NAM) head is the whole name without a leading article or a trailing
possessive ("The Beatles '" → "Beatles"), and another mention's head is its last token. The last
head token (``head_token``: "Papermaster" of "Mark Papermaster", "Corps" of "Apple Corps") is what
a system mention must hold to match. A comma glued to a last token (the corpus has the token
"Inc.,") is left out of the spans. An
EVENT_MENTION gets the ``class`` of its EVENT instance (OTHER, SPEECH_COGNITIVE,
GRAMMATICAL, MIX).

**Anchor dates.** A gold event's anchor date comes from a TLINK, in either direction, between the
event mention and a TIMEX3 of type DATE or TIME whose value names a calendar date (``2010-08-09``,
``2010-07``, ``2010``, ``2006-Q4``, ``2011-06-XX`` read as the month, ``2008-01-09TMO`` as the day),
the DCT included. The relation must say the two share time: SIMULTANEOUS, IDENTITY, DURING,
IS_INCLUDED, INCLUDES, BEGINS, BEGUN_BY, ENDS, ENDED_BY. BEFORE, AFTER, IBEFORE, IAFTER and MEASURE
do not anchor. Only direct links count (no chaining through event-event links). With several
anchoring links, the finest granularity wins, then the relations that put the event inside the time
(SIMULTANEOUS, IDENTITY, IS_INCLUDED, DURING, BEGINS, ENDS), then a TIMEX3 of the text over the DCT,
then the lowest TIMEX3 id.
"""

from __future__ import annotations

import calendar
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.errors import InputError
from timeline.ingest.cat import CatError, read_cat_text
from timeline.models import GRANULARITY_RANK, DateInterval, Span

ANCHOR_RELATIONS = frozenset(
    {"SIMULTANEOUS", "IDENTITY", "DURING", "IS_INCLUDED", "INCLUDES", "BEGINS", "BEGUN_BY", "ENDS", "ENDED_BY"}
)
"""TLINK types that make an event share time with a TIMEX3 (either direction)."""

INSIDE_RELATIONS = frozenset({"SIMULTANEOUS", "IDENTITY", "DURING", "IS_INCLUDED", "BEGINS", "ENDS"})
"""Anchor relations that put the event inside the time (preferred when an event has several)."""

_INVERSE = {
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
}
"""A TLINK read from the other end (TIMEX3 to event becomes event to TIMEX3)."""

_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVES = frozenset({"'s", "'", "\u2019s"})

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-XX)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Token:
    """One token of the document: its id, sentence, position and character span in the plain text."""

    t_id: int
    sentence: int
    number: int
    text: str
    span: Span


@dataclass(frozen=True)
class GoldTimex:
    """A TIMEX3 markable. ``span`` is None for a TIMEX3 without tokens (a DCT not in the text)."""

    m_id: int
    type: str
    value: str
    function: str
    span: Span | None
    text: str
    t_ids: tuple[int, ...]
    document_level: bool

    @property
    def is_dct(self) -> bool:
        """True for the document creation time."""
        return self.function == "CREATION_TIME"


@dataclass(frozen=True)
class GoldAnchor:
    """The date a gold event is anchored to, and the TLINK type that says so (read event to TIMEX3)."""

    timex_id: int
    value: str
    reltype: str
    interval: DateInterval
    is_dct: bool


@dataclass(frozen=True)
class GoldEvent:
    """An EVENT_MENTION: its anchor tokens (possibly not contiguous) and what the corpus says of it."""

    m_id: int
    t_ids: tuple[int, ...]
    token_spans: tuple[Span, ...]
    span: Span
    text: str
    sentence: int
    pos: str
    event_class: str | None
    document_level: bool
    anchor: GoldAnchor | None = None
    composite: bool = False
    """True for a mention made only of the tokens of smaller event mentions ("decided or was forced" over
    "decided" and "forced"): not scored, since its parts are."""


@dataclass(frozen=True)
class GoldEntity:
    """An ENTITY_MENTION: the span of all its tokens, the span of its head tokens, and its type."""

    m_id: int
    t_ids: tuple[int, ...]
    span: Span
    text: str
    head_span: Span
    head: str
    head_token: Span
    """The last head token (an English name or noun phrase ends with its head): what a match must hold."""
    type: str | None
    syntactic_type: str
    instance_id: str | None
    sentence: int
    document_level: bool


@dataclass(frozen=True)
class Tlink:
    """A TLINK between two markables (events or TIMEX3), by markable id."""

    r_id: int
    source: int
    target: int
    reltype: str


@dataclass(frozen=True)
class MeantimeDocument:
    """One MEANTIME document read from CAT XML, every span on ``text``.

    Attributes:
        doc_id: the ``doc_id`` attribute (a Wikinews id).
        name: the ``doc_name`` attribute (file name without ``.xml``).
        url: the Wikinews address.
        text: the detokenised plain text.
        tokens: every token, in order.
        sentence_spans: the character span of each sentence, by sentence number.
        dct: the document creation time, None when the file has no readable one.
        dct_id: the markable id of the DCT's TIMEX3.
        events, entities, timexes, tlinks: the gold annotation.
        annotated_sentences: the number of leading sentences that are fully annotated.
        annotated_end: the character offset where the fully annotated sentences end.
    """

    doc_id: str
    name: str
    url: str
    text: str
    tokens: tuple[Token, ...]
    sentence_spans: tuple[Span, ...]
    dct: date | None
    dct_id: int | None
    events: tuple[GoldEvent, ...]
    entities: tuple[GoldEntity, ...]
    timexes: tuple[GoldTimex, ...]
    tlinks: tuple[Tlink, ...]
    annotated_sentences: int
    annotated_end: int

    def scored_events(self) -> tuple[GoldEvent, ...]:
        """The document-level gold events inside the annotated sentences."""
        return tuple(
            e for e in self.events if e.document_level and not e.composite and e.span.start < self.annotated_end
        )

    def scored_entities(self) -> tuple[GoldEntity, ...]:
        """The document-level gold entity mentions inside the annotated sentences."""
        return tuple(e for e in self.entities if e.document_level and e.span.start < self.annotated_end)


def timex_interval(value: str) -> DateInterval | None:
    """Return the days a TIMEX3 value names (day, month, quarter or year), or None."""
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return DateInterval(earliest=day, latest=day, granularity="day")
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return DateInterval(earliest=date(year, month, 1), latest=date(year, month, last), granularity="month")
        if match := _QUARTER.match(value):
            year, quarter = int(match[1]), int(match[2])
            first = 3 * quarter - 2
            last_day = calendar.monthrange(year, first + 2)[1]
            return DateInterval(
                earliest=date(year, first, 1), latest=date(year, first + 2, last_day), granularity="quarter"
            )
        if match := _YEAR.match(value):
            year = int(match[1])
            return DateInterval(earliest=date(year, 1, 1), latest=date(year, 12, 31), granularity="year")
    except ValueError:
        return None
    return None


def read_meantime_file(path: Path) -> MeantimeDocument:
    """Read one MEANTIME CAT XML file.

    Raises:
        InputError: the file cannot be read or is not a CAT document.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", path=path) from error
    return read_meantime(data, path)


def read_meantime_dir(folder: Path, limit: int | None = None) -> list[MeantimeDocument]:
    """Read every ``*.xml`` of a folder, sorted by file name (the first ``limit`` when given)."""
    paths = sorted(folder.glob("*.xml"))
    return [read_meantime_file(path) for path in (paths[:limit] if limit else paths)]


def read_meantime(data: bytes | str, path: Path | str | None = None) -> MeantimeDocument:
    """Read a MEANTIME CAT XML document from its bytes or text.

    Raises:
        InputError: malformed XML, or no ``<token>`` elements, or a markable naming an unknown token.
    """
    try:
        cat = read_cat_text(data)
    except CatError as error:
        hint = None if "XML" in str(error) else "give a MEANTIME CAT XML file"
        raise InputError(str(error), path=path, hint=hint) from error
    root = cat.root
    markables = root.find("Markables")
    relations = root.find("Relations")
    markable_list = list(markables) if markables is not None else []
    relation_list = list(relations) if relations is not None else []
    text = cat.text
    tokens = tuple(
        Token(t_id=t_id, sentence=sentence, number=index, text=word, span=span)
        for index, (t_id, sentence, word, span) in enumerate(
            zip(cat.t_ids, cat.sentences, cat.words, cat.spans, strict=True)
        )
    )
    by_id = {token.t_id: token for token in tokens}
    sentence_spans = _sentence_spans(tokens)

    def anchors(element: ElementTree.Element) -> tuple[Token, ...]:
        found = []
        for anchor in element.iter("token_anchor"):
            t_id = int(anchor.get("t_id", "0"))
            if t_id not in by_id:
                raise InputError(f"markable {element.get('m_id')} names an unknown token {t_id}", path=path)
            found.append(by_id[t_id])
        return tuple(sorted(set(found), key=lambda token: token.number))

    refers = _refers_to(relation_list)
    instances = {
        int(element.get("m_id", "0")): element for element in markable_list if element.tag in ("ENTITY", "EVENT")
    }
    timexes = tuple(_timex(element, anchors(element), text) for element in markable_list if element.tag == "TIMEX3")
    tlinks = tuple(
        Tlink(
            r_id=int(element.get("r_id", "0")),
            source=int(_end(element, "source")),
            target=int(_end(element, "target")),
            reltype=element.get("reltype", ""),
        )
        for element in relation_list
        if element.tag == "TLINK" and _end(element, "source") and _end(element, "target")
    )
    events_raw = []
    entities = []
    for element in markable_list:
        if element.tag not in ("EVENT_MENTION", "ENTITY_MENTION"):
            continue
        chosen = anchors(element)
        if not chosen:
            continue
        m_id = int(element.get("m_id", "0"))
        instance = instances.get(refers.get(m_id, -1))
        if element.tag == "EVENT_MENTION":
            events_raw.append((element, m_id, chosen, instance))
        else:
            entities.append(_entity(element, m_id, chosen, instance, text))
    anchors_by_event = _anchors(tlinks, timexes)
    composites = _composites([tuple(token.t_id for token in chosen) for _, _, chosen, _ in events_raw])
    events = tuple(
        GoldEvent(
            m_id=m_id,
            t_ids=tuple(token.t_id for token in chosen),
            token_spans=tuple(token.span for token in chosen),
            span=Span(start=chosen[0].span.start, end=chosen[-1].span.end),
            text=" ".join(token.text for token in chosen),
            sentence=chosen[0].sentence,
            pos=element.get("pos", ""),
            event_class=instance.get("class") if instance is not None and instance.tag == "EVENT" else None,
            document_level="comment" in element.attrib,
            anchor=anchors_by_event.get(m_id),
            composite=index in composites,
        )
        for index, (element, m_id, chosen, instance) in enumerate(events_raw)
    )
    dct_timex = next((timex for timex in timexes if timex.is_dct), None)
    dct_interval = timex_interval(dct_timex.value) if dct_timex is not None else None
    annotated = _annotated_sentences(markable_list, by_id)
    annotated_end = max((span.end for number, span in enumerate(sentence_spans) if number < annotated), default=0)
    return MeantimeDocument(
        doc_id=root.get("doc_id", ""),
        name=root.get("doc_name", "") or (Path(path).stem if path else ""),
        url=root.get("url", ""),
        text=text,
        tokens=tokens,
        sentence_spans=sentence_spans,
        dct=dct_interval.earliest if dct_interval is not None and dct_interval.granularity == "day" else None,
        dct_id=dct_timex.m_id if dct_timex is not None else None,
        events=tuple(sorted(events, key=lambda e: (e.span.start, e.span.end, e.m_id))),
        entities=tuple(sorted(entities, key=lambda e: (e.span.start, e.span.end, e.m_id))),
        timexes=timexes,
        tlinks=tlinks,
        annotated_sentences=annotated,
        annotated_end=annotated_end,
    )


def _composites(token_sets: list[tuple[int, ...]]) -> set[int]:
    """Indexes of the event mentions whose tokens are all tokens of smaller mentions inside them."""
    found = set()
    for index, tokens in enumerate(token_sets):
        whole = set(tokens)
        if len(whole) < 2:
            continue
        parts = [set(other) for other in token_sets if set(other) < whole]
        if parts and set().union(*parts) == whole:
            found.add(index)
    return found


def _sentence_spans(tokens: tuple[Token, ...]) -> tuple[Span, ...]:
    bounds: dict[int, tuple[int, int]] = {}
    for token in tokens:
        start, end = bounds.get(token.sentence, (token.span.start, token.span.end))
        bounds[token.sentence] = (min(start, token.span.start), max(end, token.span.end))
    last = max(bounds)
    spans = []
    for number in range(last + 1):
        start, end = bounds.get(number, (0, 1))
        spans.append(Span(start=start, end=end))
    return tuple(spans)


def _annotated_sentences(markables: list[ElementTree.Element], by_id: dict[int, Token]) -> int:
    """One more than the last sentence holding a document-level markable (0 when there is none)."""
    last = -1
    for element in markables:
        if "comment" not in element.attrib:
            continue
        for anchor in element.iter("token_anchor"):
            token = by_id.get(int(anchor.get("t_id", "0")))
            if token is not None:
                last = max(last, token.sentence)
    return last + 1


def _end(element: ElementTree.Element, side: str) -> str:
    found = element.find(side)
    return found.get("m_id", "") if found is not None else ""


def _refers_to(relations: list[ElementTree.Element]) -> dict[int, int]:
    """Map each mention id to the instance it REFERS_TO (the first such link)."""
    refers: dict[int, int] = {}
    for element in relations:
        if element.tag != "REFERS_TO":
            continue
        target = _end(element, "target")
        if not target:
            continue
        for source in element.findall("source"):
            refers.setdefault(int(source.get("m_id", "0")), int(target))
    return refers


def _timex(element: ElementTree.Element, tokens: tuple[Token, ...], text: str) -> GoldTimex:
    span = Span(start=tokens[0].span.start, end=tokens[-1].span.end) if tokens else None
    return GoldTimex(
        m_id=int(element.get("m_id", "0")),
        type=element.get("type", ""),
        value=element.get("value", ""),
        function=element.get("functionInDocument", ""),
        span=span,
        text=text[span.start : span.end] if span is not None else "",
        t_ids=tuple(token.t_id for token in tokens),
        document_level="comment" in element.attrib,
    )


def _entity(
    element: ElementTree.Element,
    m_id: int,
    tokens: tuple[Token, ...],
    instance: ElementTree.Element | None,
    text: str,
) -> GoldEntity:
    head = element.get("head", "")
    head_tokens = _head_tokens(tokens, head, named=element.get("syntactic_type", "") in ("NAM", "PRE.NAM"))
    span = _trim(Span(start=tokens[0].span.start, end=tokens[-1].span.end), text)
    head_span = _trim(Span(start=head_tokens[0].span.start, end=head_tokens[-1].span.end), text)
    entity_type = instance.get("ent_type") if instance is not None and instance.tag == "ENTITY" else None
    return GoldEntity(
        m_id=m_id,
        t_ids=tuple(token.t_id for token in tokens),
        span=span,
        text=text[span.start : span.end],
        head_span=head_span,
        head=text[head_span.start : head_span.end],
        head_token=_trim(head_tokens[-1].span, text),
        type=entity_type or None,
        syntactic_type=element.get("syntactic_type", ""),
        instance_id=instance.get("instance_id") if instance is not None else None,
        sentence=tokens[0].sentence,
        document_level="comment" in element.attrib,
    )


def _trim(span: Span, text: str) -> Span:
    """Leave out a comma or semicolon glued to the last token ("Inc.," is one token in the corpus)."""
    end = span.end
    while end - 1 > span.start and text[end - 1] in ",;":
        end -= 1
    return Span(start=span.start, end=end)


def _head_tokens(tokens: tuple[Token, ...], head: str, *, named: bool) -> tuple[Token, ...]:
    """The last run of tokens that spells ``head`` (spaces ignored); else the name, or the last token."""
    wanted = "".join(head.split()).lower()
    if wanted:
        for start in range(len(tokens) - 1, -1, -1):
            spelled = ""
            for stop in range(start, len(tokens)):
                spelled += tokens[stop].text.lower().rstrip(",;")
                if spelled == wanted:
                    return tokens[start : stop + 1]
                if not wanted.startswith(spelled):
                    break
    if named:
        first, last = 0, len(tokens)
        while first < last - 1 and tokens[first].text.lower() in _ARTICLES:
            first += 1
        while last - 1 > first and tokens[last - 1].text.lower() in _POSSESSIVES:
            last -= 1
        return tokens[first:last]
    return tokens[-1:]


def _anchors(tlinks: tuple[Tlink, ...], timexes: tuple[GoldTimex, ...]) -> dict[int, GoldAnchor]:
    """Map each event markable id to its best anchoring TIMEX3 (see the module docstring)."""
    dated = {}
    for timex in timexes:
        if timex.type in ("DATE", "TIME"):
            interval = timex_interval(timex.value)
            if interval is not None:
                dated[timex.m_id] = (timex, interval)
    candidates: dict[int, list[tuple[tuple[int, bool, bool, int], GoldAnchor]]] = {}
    for link in tlinks:
        if link.reltype not in ANCHOR_RELATIONS:
            continue
        if link.target in dated and link.source not in dated:
            event, (timex, interval), reltype = link.source, dated[link.target], link.reltype
        elif link.source in dated and link.target not in dated:
            event, (timex, interval), reltype = (
                link.target,
                dated[link.source],
                _INVERSE.get(link.reltype, link.reltype),
            )
        else:
            continue
        anchor = GoldAnchor(
            timex_id=timex.m_id, value=timex.value, reltype=reltype, interval=interval, is_dct=timex.is_dct
        )
        key = (GRANULARITY_RANK[interval.granularity], reltype not in INSIDE_RELATIONS, timex.is_dct, timex.m_id)
        candidates.setdefault(event, []).append((key, anchor))
    return {event: min(options, key=lambda item: item[0])[1] for event, options in candidates.items()}

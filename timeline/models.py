"""The data model: pydantic models that every stage reads and writes.

Pure data, no I/O. Every model is frozen and forbids unknown fields, collections are tuples, so a
value can be hashed, compared and round-tripped through JSON exactly. Text is owned by `Article`;
everything found in it points back with character spans (`Span`) into `Article.text`.

Dates are never bare datetimes: a resolved time is a `DateInterval` of whole days, both ends
inclusive, with the granularity the text actually gave ("in October" is a month, not October 1st).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Granularity = Literal["day", "week", "month", "quarter", "half", "season", "year", "decade", "century"]
"""How precise a resolved date is, from the finest to the coarsest."""

GRANULARITY_RANK: dict[str, int] = {
    name: rank
    for rank, name in enumerate(("day", "week", "month", "quarter", "season", "half", "year", "decade", "century"))
}
"""Order of granularities, finest first: used to prefer the more specific of two claims."""

PublishedOrigin = Literal[
    "manifest", "cli", "record", "front-matter", "header-line", "html-meta", "inferred", "missing"
]
"""Where an article's publication date came from (shown in every output, so readers can judge it)."""

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
DocType = Literal["news", "narrative"]
"""How a text is anchored: news to its publication date, a narrative (history, Wikipedia) to the story's own dates."""
Stage = Literal["ingest", "extract", "merge", "render"]
Severity = Literal["error", "warning", "info"]
EntityLabel = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "FIN"]
"""Entity kinds: spaCy's, plus PRODUCT (aircraft and car models, devices) and FIN (financial instruments:
market indices), which news treats as their own kinds, not organisations (MEANTIME's PRO and FIN)."""
TimeSource = Literal["explicit", "inherited", "publication", "state", "none"]
Factuality = Literal["asserted", "reported", "planned", "negated", "hypothetical"]
Role = Literal["agent", "patient", "location", "other"]


class Model(BaseModel):
    """Base for all models: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(Model):
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _check_order(self) -> Span:
        if self.end <= self.start:
            raise ValueError(f"span end {self.end} must be greater than start {self.start}")
        return self


class DateInterval(Model):
    """The days a time expression can mean: ``earliest`` to ``latest``, both inclusive.

    ``granularity`` is the precision the text gave: "in October 2023" is the interval
    2023-10-01..2023-10-31 with granularity ``month``.
    """

    earliest: date
    latest: date
    granularity: Granularity

    @model_validator(mode="after")
    def _check_order(self) -> DateInterval:
        if self.latest < self.earliest:
            raise ValueError(f"interval latest {self.latest} is before earliest {self.earliest}")
        return self

    def overlaps(self, other: DateInterval) -> bool:
        """Return True when the two intervals share at least one day."""
        return self.earliest <= other.latest and other.earliest <= self.latest

    @property
    def days(self) -> int:
        """Number of days in the interval."""
        return (self.latest - self.earliest).days + 1


SourceToken = tuple[int, int, int]
"""A token of a tokenised source (CAT XML): its sentence number and its start and end in the article's text."""


class SourceTokens(Model):
    """The tokens of a tokenised source (MEANTIME / SemEval CAT XML).

    Exports name a mention by its document, sentence and token words (``docid-sentence-word``, the
    SemEval-2015 TimeLine format).
    """

    doc_id: str
    tokens: tuple[SourceToken, ...] = ()


class Article(Model):
    """One input article: its metadata, its text, and where its publication date came from."""

    id: str = Field(min_length=1)
    source: str = ""
    title: str = ""
    url: str | None = None
    language: str = "en"
    published: date | None = None
    published_origin: PublishedOrigin = "missing"
    path: str | None = None
    header_chars: int = Field(default=0, ge=0)
    """Leading characters of ``text`` that are metadata (a ``date 2024-01-03`` header): not narrative."""
    boilerplate: tuple[Span, ...] = ()
    """Ranges of ``text`` that are web page furniture ("Page last updated at ...", comment sections),
    marked at ingest (`ingest/boilerplate.py`) and never read for events or times."""
    tokens: SourceTokens | None = None
    """The source's own tokens, when it came tokenised (CAT XML)."""
    text: str


class ArticleInfo(Model):
    """An article without its text: what the merger and the report need to cite it."""

    id: str
    source: str = ""
    title: str = ""
    url: str | None = None
    language: str = "en"
    published: date | None = None
    published_origin: PublishedOrigin = "missing"
    path: str | None = None
    tokens: SourceTokens | None = None
    n_chars: int = Field(ge=0)


class TimeExpression(Model):
    """A TIMEX3-style time expression found in an article.

    ``value`` is the TIMEX3 value ("2024-02-08", "2024-01", "P4M", "PRESENT_REF", "XXXX-WXX-4");
    ``interval`` is None when it cannot be placed in time (no publication date, or a duration that
    nothing anchors). ``anchor`` says what a relative expression was resolved against: the
    publication date (``dct``) or, in a narrative, the story's last date (``story``, ``anchor_date``).
    """

    id: str
    span: Span
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    interval: DateInterval | None = None
    anchor: Literal["dct", "story", "absolute", "none"] = "none"
    anchor_date: date | None = None
    rule: str


class Mention(Model):
    """A named-entity mention in an article (a person, an organisation, a place, a group)."""

    span: Span
    text: str
    label: EntityLabel
    actor_id: str


class Actor(Model):
    """A person, organisation or place, with the names it goes by."""

    id: str
    name: str
    type: EntityLabel
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()


class EventActor(Model):
    """An actor taking part in an event, with its role."""

    actor_id: str
    name: str
    role: Role = "other"


def event_mention_id(article_id: str, start: int, end: int) -> str:
    """Return the id of the event mention whose trigger is at ``start:end``: article, offset, a short hash.

    A function of the article and the trigger alone, so that the compact stage files (`timeline.compact`)
    need not write it: they write ``null`` and the reader computes it again.
    """
    digest = hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:10]
    return f"{article_id}#e{start}-{digest}"


class EventMention(Model):
    """One event told in one article: what, who, when, and the exact words that say so."""

    id: str
    article_id: str
    title: str
    trigger: str
    trigger_span: Span
    sentence: str
    sentence_span: Span
    actors: tuple[EventActor, ...] = ()
    factuality: Factuality = "asserted"
    time: TimeExpression | None = None
    time_source: TimeSource = "none"
    confidence: float = Field(ge=0.0, le=1.0)
    past: bool = False
    """Told in the past tense: the trigger is a simple past or perfect verb ("left", "has taken")."""
    eventive: bool = True
    """Tells something happening (`extract/triggers.tells_happening`); False for a fragment, an empty
    existential, a feeling or a report of one: kept as data, listed in `Timeline.unplaced`, never charted."""


class Issue(Model):
    """A recorded problem: shown in every output, never swallowed."""

    code: str
    stage: Stage
    severity: Severity = "warning"
    article_id: str | None = None
    path: str | None = None
    line: int | None = None
    message: str
    hint: str | None = None


class ArticleExtraction(Model):
    """Everything extracted from one article; the merger's only input."""

    article: ArticleInfo
    time_expressions: tuple[TimeExpression, ...] = ()
    mentions: tuple[Mention, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[EventMention, ...] = ()
    issues: tuple[Issue, ...] = ()


class Provenance(Model):
    """One source's support for a canonical event: where, in which words, and how it was dated."""

    mention_id: str
    article_id: str
    source: str
    url: str | None = None
    published: date | None = None
    published_origin: PublishedOrigin = "missing"
    sentence: str
    sentence_span: Span
    time_text: str | None = None
    time_span: Span | None = None
    interval: DateInterval | None = None
    time_source: TimeSource = "none"
    time_rule: str | None = None
    """The tagger rule that read the date words (tells DCT-relative days from year-completed dates)."""
    anchor: str
    title: str = ""
    """The mention's own title (its clause): who did what in this source's words."""
    trigger_span: Span | None = None
    actors: tuple[EventActor, ...] = ()
    """The mention's actors and roles, as extracted (named or resolved by coreference)."""
    factuality: Factuality = "asserted"
    """How the source tells the event (the mention's `EventMention.factuality`): the report styles planned,
    negated and hypothetical events apart and can lay the chart out by it."""


class Claim(Model):
    """What one source says about when an event happened."""

    article_id: str
    source: str
    words: str
    interval: DateInterval
    anchor: str


class Conflict(Model):
    """Sources disagree about an event's date: their intervals do not overlap."""

    id: str
    event_id: str
    claims: tuple[Claim, ...] = Field(min_length=2)
    chosen_article_id: str
    reason: str
    explanation: str | None = None


class CanonicalEvent(Model):
    """An event reconciled across sources, with every mention that supports it."""

    id: str
    title: str
    interval: DateInterval
    actors: tuple[EventActor, ...] = ()
    n_sources: int = Field(ge=1)
    n_mentions: int = Field(ge=1)
    provenance: tuple[Provenance, ...] = Field(min_length=1)
    conflict_id: str | None = None


class Timeline(Model):
    """The merged result: canonical events, the evidence for each, and everything that went wrong."""

    engine_version: str
    settings_digest: str
    events: tuple[CanonicalEvent, ...] = ()
    unplaced: tuple[EventMention, ...] = ()
    actors: tuple[Actor, ...] = ()
    articles: tuple[ArticleInfo, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    issues: tuple[Issue, ...] = ()

"""Builders for model values in tests: construct models directly, no pipeline.

`make_timeline()` returns a small but complete story: two articles ("000" from The Globe and Mail,
dated by the manifest; "001" a translated copy dated from a header line), three canonical events
(one of month granularity, one with a conflict 2024-02-08 vs 2024-01-04), an unplaced mention and
two issues. Every builder takes keyword overrides so a test can change exactly what it is about.
"""

from __future__ import annotations

from datetime import date

from timeline.models import (
    ArticleInfo,
    CanonicalEvent,
    Claim,
    Conflict,
    DateInterval,
    EventActor,
    EventMention,
    Issue,
    Provenance,
    Span,
    TimeExpression,
    Timeline,
)

GLOBE = "000"
COPY = "001"


def _day(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def make_interval(
    earliest: date | str, latest: date | str | None = None, granularity: str = "day"
) -> DateInterval:
    first = _day(earliest)
    return DateInterval(earliest=first, latest=_day(latest) if latest else first, granularity=granularity)


def make_article_info(
    id: str = GLOBE,
    *,
    source: str = "The Globe and Mail",
    title: str = "Minister resigns after inquiry",
    url: str | None = "https://www.theglobeandmail.com/politics/article-minister-resigns/",
    published: date | str | None = "2024-02-08",
    published_origin: str = "manifest",
    n_chars: int = 2400,
) -> ArticleInfo:
    return ArticleInfo(
        id=id,
        source=source,
        title=title,
        url=url,
        published=_day(published) if published else None,
        published_origin=published_origin,
        n_chars=n_chars,
    )


def default_articles() -> tuple[ArticleInfo, ArticleInfo]:
    return (
        make_article_info(),
        make_article_info(
            COPY,
            source="Translated copy",
            title="Le ministre démissionne",
            url=None,
            published="2024-01-03",
            published_origin="header-line",
            n_chars=1800,
        ),
    )


def make_provenance(
    article: ArticleInfo,
    sentence: str,
    time_text: str | None,
    interval: DateInterval | None,
    *,
    mention_id: str | None = None,
    sentence_start: int = 100,
    time_source: str = "explicit",
    anchor: str | None = None,
    time_span: Span | None = None,
) -> Provenance:
    """Build a provenance entry; the time span is found in the sentence unless given."""
    if time_span is None and time_text:
        offset = sentence.index(time_text)
        time_span = Span(start=sentence_start + offset, end=sentence_start + offset + len(time_text))
    if anchor is None:
        anchor = f"anchored to publication date {article.published} ({article.published_origin})"
    return Provenance(
        mention_id=mention_id or f"{article.id}-m{sentence_start}",
        article_id=article.id,
        source=article.source,
        url=article.url,
        published=article.published,
        published_origin=article.published_origin,
        sentence=sentence,
        sentence_span=Span(start=sentence_start, end=sentence_start + len(sentence)),
        time_text=time_text,
        time_span=time_span,
        interval=interval,
        time_source=time_source,
        anchor=anchor,
    )


def make_event(
    id: str,
    title: str,
    interval: DateInterval,
    provenance: tuple[Provenance, ...],
    *,
    actors: tuple[str, ...] = (),
    conflict_id: str | None = None,
) -> CanonicalEvent:
    return CanonicalEvent(
        id=id,
        title=title,
        interval=interval,
        actors=tuple(
            EventActor(actor_id=f"a-{name.lower().replace(' ', '-')}", name=name) for name in actors
        ),
        n_sources=len({p.article_id for p in provenance}),
        n_mentions=len(provenance),
        provenance=provenance,
        conflict_id=conflict_id,
    )


def make_claim(article: ArticleInfo, words: str, interval: DateInterval, anchor: str | None = None) -> Claim:
    if anchor is None:
        anchor = f"anchored to publication date {article.published} ({article.published_origin})"
    return Claim(article_id=article.id, source=article.source, words=words, interval=interval, anchor=anchor)


def make_conflict(
    id: str,
    event_id: str,
    claims: tuple[Claim, ...],
    *,
    chosen_article_id: str | None = None,
    reason: str = "publication date from the manifest is more reliable than one read from a header line",
    explanation: str | None = "The copy's header date is probably the translation date.",
) -> Conflict:
    return Conflict(
        id=id,
        event_id=event_id,
        claims=claims,
        chosen_article_id=chosen_article_id or claims[0].article_id,
        reason=reason,
        explanation=explanation,
    )


def make_event_mention(
    article: ArticleInfo,
    *,
    id: str = "001-m900",
    title: str = "Minister expected to testify",
    sentence: str = "The minister is expected to testify at some point.",
    sentence_start: int = 900,
    time_text: str | None = None,
) -> EventMention:
    time = None
    if time_text:
        offset = sentence_start + sentence.index(time_text)
        time = TimeExpression(
            id=f"{id}-t",
            span=Span(start=offset, end=offset + len(time_text)),
            text=time_text,
            type="DATE",
            value="FUTURE_REF",
            rule="test",
        )
    trigger = "testify"
    t_off = sentence_start + sentence.index(trigger) if trigger in sentence else sentence_start
    return EventMention(
        id=id,
        article_id=article.id,
        title=title,
        trigger=trigger,
        trigger_span=Span(start=t_off, end=t_off + len(trigger)),
        sentence=sentence,
        sentence_span=Span(start=sentence_start, end=sentence_start + len(sentence)),
        time=time,
        time_source="explicit" if time else "none",
        confidence=0.8,
    )


def make_issue(
    code: str = "published-from-header",
    *,
    stage: str = "ingest",
    severity: str = "warning",
    article_id: str | None = COPY,
    message: str = "publication date read from a header line",
    hint: str | None = "add the date to the manifest",
) -> Issue:
    return Issue(code=code, stage=stage, severity=severity, article_id=article_id, message=message, hint=hint)


def default_events(
    articles: tuple[ArticleInfo, ...],
) -> tuple[tuple[CanonicalEvent, ...], tuple[Conflict, ...]]:
    globe, copy = articles[0], articles[1]
    thursday_globe = make_interval("2024-02-08")
    thursday_copy = make_interval("2024-01-04")
    january = make_interval("2024-01-01", "2024-01-31", "month")
    e1 = make_event(
        "ev-001",
        "Opposition calls for an inquiry",
        make_interval("2023-11-15"),
        (
            make_provenance(
                globe,
                "The opposition called for an inquiry on Nov. 15, citing the leaked memo.",
                "on Nov. 15",
                make_interval("2023-11-15"),
                sentence_start=40,
                anchor="absolute date",
            ),
        ),
        actors=("Opposition",),
    )
    e2 = make_event(
        "ev-002",
        "Inquiry report published",
        january,
        (
            make_provenance(globe, "The inquiry published its report in January.", "in January", january),
            make_provenance(
                copy, "L'enquête a publié son rapport in January, selon la copie.", "in January", january
            ),
        ),
        actors=("Inquiry", "Ethics Commissioner"),
    )
    e3 = make_event(
        "ev-003",
        "Minister announces resignation",
        thursday_globe,
        (
            make_provenance(
                globe,
                "The minister announced on Thursday that she would resign.",
                "on Thursday",
                thursday_globe,
                sentence_start=300,
            ),
            make_provenance(
                copy,
                "Le ministre a annoncé on Thursday sa démission.",
                "on Thursday",
                thursday_copy,
                sentence_start=300,
            ),
        ),
        actors=("Jane Doe", "Cabinet"),
        conflict_id="cf-001",
    )
    conflict = make_conflict(
        "cf-001",
        "ev-003",
        (
            make_claim(globe, "on Thursday", thursday_globe),
            make_claim(copy, "on Thursday", thursday_copy),
        ),
        chosen_article_id=globe.id,
    )
    return (e1, e2, e3), (conflict,)


def make_timeline(
    *,
    articles: tuple[ArticleInfo, ...] | None = None,
    events: tuple[CanonicalEvent, ...] | None = None,
    conflicts: tuple[Conflict, ...] | None = None,
    unplaced: tuple[EventMention, ...] | None = None,
    issues: tuple[Issue, ...] | None = None,
) -> Timeline:
    """Build the sample timeline; any part can be replaced."""
    articles = articles if articles is not None else default_articles()
    default_evs, default_conflicts = default_events(articles)
    return Timeline(
        engine_version="0.1.0",
        settings_digest="0123456789abcdef",
        events=events if events is not None else default_evs,
        unplaced=unplaced if unplaced is not None else (make_event_mention(articles[1]),),
        articles=articles,
        conflicts=conflicts if conflicts is not None else default_conflicts,
        issues=issues
        if issues is not None
        else (
            make_issue(),
            make_issue(
                "no-time-expression",
                stage="extract",
                severity="info",
                message="an event mention has no date and was not placed",
                hint=None,
            ),
        ),
    )

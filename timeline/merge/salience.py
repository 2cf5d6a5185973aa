"""Key events: the days an editor would put in the story's timeline, each told in one or two sentences.

`timeline build --top N` keeps N days. Days are ranked with the signals the timeline-summarisation
literature found strong (Tran et al. 2013; Martschat & Markert 2018; Gholipour Ghalandari & Ifrim 2020):

- **date mentions**: how many articles name the day in their text ("on Thursday", "June 25"), which
  says more than how many were published on it; an article naming a day it was published after counts
  most, because a later look back is an editor's choice of what mattered;
- **sources**: how many distinct sources report events of the day;
- **publications**: how many articles came out that day (news breaks on the day);
- **burstiness**: the day's attention against its neighbours' (the day before and after), independent
  of how recent the day is.

Each kept day is told by its most central events: the events whose sentences share most words with
everything said about the day (the centroid of the day's sentences).

The key events of the chart (`key_slots`, `render.keyview`) are chosen among the key days and the
periods of at most a month that the articles name ("a week-long ceasefire in November", "over the
past day"), ranked like days; within a slot, an event's own importance (`event_weight`) orders them:
how many sources tell it, whether its sentence names its time, whether it has a participant, and
whether that participant is one of the story's central actors. The kept events stay in date
order, their conflicts stay with them, and an info Issue (M302) says how many were left out, so a
shortened timeline never looks complete when it is not.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import chain

from timeline.merge.similarity import content_words
from timeline.models import ArticleExtraction, CanonicalEvent, Issue, Provenance, TimeExpression, Timeline


@dataclass(frozen=True)
class KeyDate:
    """One day of the key timeline: its score, its most central events and their sentences."""

    day: date
    score: float
    events: tuple[CanonicalEvent, ...]
    sentences: tuple[str, ...]


def day_of(event: CanonicalEvent) -> date | None:
    """The event's day, when its date is one day."""
    interval = event.interval
    return interval.earliest if interval.granularity == "day" and interval.earliest == interval.latest else None


def _events_by_day(timeline: Timeline, window: tuple[date, date] | None) -> dict[date, list[CanonicalEvent]]:
    days: dict[date, list[CanonicalEvent]] = defaultdict(list)
    for event in timeline.events:
        day = day_of(event)
        if day is not None and (window is None or window[0] <= day <= window[1]):
            days[day].append(event)
    return days


def _explicit_mentions(events: Iterable[CanonicalEvent]) -> dict[date, dict[str, float]]:
    """Articles that name each event's day in their text (explicit time words, not the publication date)."""
    days: dict[date, dict[str, float]] = defaultdict(dict)
    for event in events:
        day = day_of(event)
        for p in event.provenance:
            if day is not None and p.time_source == "explicit":
                days[day][p.article_id] = 1.0
    return days


_ONE_DAY = timedelta(days=1)

_CALENDAR_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
"""A TIMEX3 value that names a calendar day ("2009-04-27", "2009-04-27T15:00"). "now", "currently"
(PRESENT_REF) and "the past 24 hours" (PT24H) are placed on the publication day but name no date:
TimeML gives them no calendar value, and HeidelTime, whose day-level dates DATEWISE counts, neither."""

_PAIR_FIRST, _PAIR_LAST = "range_day", "range_end_day"
"""The tagger's rules for the first day of a pair or range ("1 and 2 April", "22-25 April": its
partner is the next expression) and for the last day of one ("March 5-9": its partner is the one
before)."""


def calendar_day(expression: TimeExpression) -> date | None:
    """The day a time expression names: one day, valued as a calendar day (`_CALENDAR_DAY`)."""
    interval = expression.interval
    if interval is None or interval.granularity != "day" or interval.earliest != interval.latest:
        return None
    return interval.earliest if _CALENDAR_DAY.match(expression.value) else None


def _named_days(extraction: ArticleExtraction) -> dict[date, float]:
    """The days an article's text names, each weighed 1, or 1/2 when named only in a pair or range.

    One mention is one unit of attention: "the events of 1 and 2 April" names the two days once
    together, so each gets half an article, as fractional counting shares one citation among the
    works it names; a day the article also names on its own counts whole.
    """
    expressions = sorted(extraction.time_expressions, key=lambda t: t.span.start)
    days: dict[date, float] = {}
    for index, expression in enumerate(expressions):
        day = calendar_day(expression)
        if day is None:
            continue
        before = expressions[index - 1].rule if index > 0 else None
        after = expressions[index + 1].rule if index + 1 < len(expressions) else None
        paired = expression.rule in (_PAIR_FIRST, _PAIR_LAST) or before == _PAIR_FIRST or after == _PAIR_LAST
        weight = 0.5 if paired else 1.0
        days[day] = max(days.get(day, 0.0), weight)
    return days


def date_mentions(extractions: Iterable[ArticleExtraction]) -> dict[date, dict[str, float]]:
    """The articles whose text names each day (a time expression valued that calendar day), with weights.

    The weight is 1, or 1/2 for a day named only as one of a pair or range (`_named_days`).
    """
    days: dict[date, dict[str, float]] = defaultdict(dict)
    for extraction in extractions:
        for day, weight in _named_days(extraction).items():
            days[day][extraction.article.id] = weight
    return days


def day_scores(
    timeline: Timeline,
    window: tuple[date, date] | None = None,
    extractions: Sequence[ArticleExtraction] = (),
    *,
    burst: bool = True,
) -> dict[date, float]:
    """Each day's salience and its burst: the day's attention, plus how far it stands above its neighbours'.

    A day's attention: articles naming it, those of them published after it, articles published on
    it. Day mentions come from the extractions' time expressions when given (every date the text
    names), else from the events' explicit dates. Only days in the window (when given) with some
    event are scored.

    The burst (Chieu & Lee 2004; Swan & Allan 2000: an important date is a peak of reporting, not
    only a large count) is the day's attention minus the mean of the day before's and the day
    after's. News of a day spills onto the next (DATEWISE collects a day's sentences from its
    articles and the next day's, news-tls ``pub_end=2``), so the day after a big one is busy without
    being an event of its own; the burst takes that spill-over back. A neighbour outside the window
    is not observed and does not count. On timeline17-dev the immediate neighbours (one day each
    side) are the window: two days each side lowers MJ_bbc (0.459 -> 0.432). ``burst=False`` gives
    the attention alone, on the scale of `_period_scores` (a period has no neighbours to stand out from).
    """
    by_day = _events_by_day(timeline, window)
    mentions = date_mentions(extractions) if extractions else _explicit_mentions(timeline.events)
    published = {a.id: a.published for a in timeline.articles}
    publications = Counter(day for day in published.values() if day is not None)

    def attention(day: date) -> float:
        mentioning = mentions.get(day, {})
        later = sum(weight for article, weight in mentioning.items() if (published.get(article) or day) > day)
        return float(sum(mentioning.values()) + later + publications[day])

    scores = {}
    for day in by_day:
        own = attention(day)
        neighbours = [
            attention(other)
            for other in (day - _ONE_DAY, day + _ONE_DAY)
            if window is None or window[0] <= other <= window[1]
        ]
        above = own - sum(neighbours) / len(neighbours) if burst and neighbours else 0.0
        scores[day] = own + above
    return scores


def ranked_days(timeline: Timeline, scores: dict[date, float]) -> list[date]:
    """The scored days, most salient first; a tie goes to the day with more articles the day after.

    News of a day is published on it and on the next (DATEWISE collects a day's sentences from the
    articles of that day and the next, news-tls ``pub_end=2``), so among days named as often, the
    one whose next day brought more articles is more likely to be what they report. Then the earlier.
    """
    publications = Counter(a.published for a in timeline.articles if a.published is not None)
    return sorted(scores, key=lambda day: (-scores[day], -publications[day + _ONE_DAY], day))


def _sentence_provenance(events: Sequence[CanonicalEvent]) -> dict[str, list[Provenance]]:
    sentences: dict[str, list[Provenance]] = defaultdict(list)
    for event in events:
        for provenance in event.provenance:
            sentences[provenance.sentence.strip()].append(provenance)
    return sentences


def _cosine(left: Counter[str], right: Counter[str]) -> float:
    dot = sum(count * right[word] for word, count in left.items())
    norm = math.sqrt(sum(v * v for v in left.values())) * math.sqrt(sum(v * v for v in right.values()))
    return dot / norm if norm else 0.0


def _by_centrality(sentences: Sequence[str]) -> list[str]:
    """The sentences, closest to the centroid of all of them first.

    The cosine of each sentence's words (each counted once) with the centroid, as `_cosine` gives it:
    the centroid's norm is worked out once, not once per sentence (a day of 500 sentences has a
    centroid of thousands of words).
    """
    vectors = {sentence: content_words(sentence) for sentence in sentences}
    centroid = Counter(chain.from_iterable(vectors.values()))
    norm = math.sqrt(sum(v * v for v in centroid.values()))

    def closeness(sentence: str) -> float:
        words = vectors[sentence]
        both = math.sqrt(len(words)) * norm
        return sum(map(centroid.__getitem__, words)) / both if both else 0.0  # every word is in the centroid

    return sorted(sentences, key=lambda s: (-closeness(s), s))


def _central(sentences: Sequence[str], k: int) -> list[str]:
    """The k sentences closest to the centroid of all of them, no two saying nearly the same."""
    vectors = {sentence: Counter(content_words(sentence)) for sentence in sentences}
    ranked = _by_centrality(sentences)
    chosen: list[str] = []
    for sentence in ranked:
        if len(chosen) == k:
            break
        if len(vectors[sentence]) < 3 or any(_cosine(vectors[sentence], vectors[c]) > 0.5 for c in chosen):
            continue
        chosen.append(sentence)
    return chosen


def central_sentences(timeline: Timeline, day: date, k: int) -> tuple[str, ...]:
    """The day's k most central event sentences (none when no event is dated to the day)."""
    events = _events_by_day(timeline, (day, day)).get(day, [])
    return tuple(_central(list(_sentence_provenance(events)), k))


def key_dates(
    timeline: Timeline,
    n: int,
    *,
    sentences: int = 1,
    window: tuple[date, date] | None = None,
    extractions: Sequence[ArticleExtraction] = (),
) -> list[KeyDate]:
    """The n most salient days (in date order), each with its ``sentences`` most central events."""
    scores = day_scores(timeline, window, extractions)
    by_day = _events_by_day(timeline, window)
    top = ranked_days(timeline, scores)[:n]
    result = []
    for day in sorted(top):
        provenance = _sentence_provenance(by_day[day])
        chosen = _central(list(provenance), sentences)
        event_ids = {p.mention_id for s in chosen for p in provenance[s]}
        events = tuple(e for e in by_day[day] if any(p.mention_id in event_ids for p in e.provenance))
        result.append(KeyDate(day, scores[day], events, tuple(chosen)))
    return result


PERIOD_MAX_DAYS = 31
"""A period of at most a month ("in November", "last month", "over the past day") can be a key slot:
editors date an event to its month when the month is all the sources say. A longer one (a year, "the
past four months") is a span the story runs through, not an event of it."""


@dataclass(frozen=True)
class KeySlot:
    """A key day or named period, its salience and its events, most important first."""

    earliest: date
    latest: date
    score: float
    events: tuple[CanonicalEvent, ...]


def central_actors(timeline: Timeline) -> frozenset[str]:
    """The story's central actors: those in at least a quarter as many events as the most frequent one.

    Entity salience (the actors a story keeps returning to) is what a reader's summary of the story is
    about; a quarter of the top actor keeps the few protagonists (a war's two sides and its mediators)
    and leaves out the once-quoted.
    """
    counts = Counter(actor_id for event in timeline.events for actor_id in {a.actor_id for a in event.actors})
    return _most_frequent(counts)


def _most_frequent(counts: Counter[str]) -> frozenset[str]:
    """The actors of `central_actors`, given how many events each is in."""
    if not counts:
        return frozenset()
    most = max(counts.values())
    return frozenset(actor for actor, count in counts.items() if 4 * count >= most)


def _names_its_time(provenance: Provenance) -> bool:
    """The mention's own words date it ("on Thursday", "in November"); "now" is a present reference, no date."""
    return provenance.time_source == "explicit" and provenance.time_rule != "reference"


def _sentence_key(provenance: Provenance) -> tuple[str, int]:
    return (provenance.article_id, provenance.sentence_span.start)


def event_weight(
    event: CanonicalEvent, central: frozenset[str], reports_of_others: frozenset[str] = frozenset()
) -> int:
    """An event's own importance within its day: the signals of event salience in news.

    One point for each further source that tells it (redundancy across sources: Tran et al. 2013),
    one when its sentence names its time (an editor's timeline dates every entry), one when it has a
    participant (an agent or patient: an eventive predicate with its arguments), one when its agent is
    a central actor of the story (`central_actors`). A report ("the military said ...") whose sentence
    tells another event (its content, "its troops had killed ...") loses a point: what was reported is
    the happening (TimeML's REPORTING events vs the occurrences they report); ``reports_of_others``
    holds the ids of such reports.
    """
    weight = len({p.article_id for p in event.provenance}) - 1
    weight += any(_names_its_time(p) for p in event.provenance)
    weight += any(a.role in ("agent", "patient") for a in event.actors)
    weight += any(a.role == "agent" and a.actor_id in central for a in event.actors)
    weight -= event.id in reports_of_others
    return weight


def _asserted_sentences(events: Sequence[CanonicalEvent]) -> frozenset[tuple[str, int]]:
    """The sentences (`_sentence_key`) that tell some event other than as a report."""
    return frozenset(
        (p.article_id, p.sentence_span.start)
        for event in events
        for p in event.provenance
        if p.factuality != "reported"
    )


def _reports_of_others(
    events: Sequence[CanonicalEvent], asserted: frozenset[tuple[str, int]] | None = None
) -> frozenset[str]:
    """Events told only as reports whose sentence tells another, unreported event.

    ``asserted``: `_asserted_sentences` of the whole timeline, when ``events`` are only some of its events.
    """
    if asserted is None:
        asserted = _asserted_sentences(events)
    return frozenset(
        event.id
        for event in events
        if all(p.factuality == "reported" and _sentence_key(p) in asserted for p in event.provenance)
    )


def _period_scores(timeline: Timeline, window: tuple[date, date] | None) -> dict[tuple[date, date], float]:
    """Each named period of more than a day and at most `PERIOD_MAX_DAYS`, scored as days are.

    The articles naming it in their text, twice when published after it. Periods no text names (dated
    only by publication days, "in the last few days") are not slots.
    """
    published = {a.id: a.published for a in timeline.articles}
    naming: dict[tuple[date, date], set[str]] = defaultdict(set)
    for event in timeline.events:
        interval = event.interval
        if not 1 < interval.days <= PERIOD_MAX_DAYS:
            continue
        if window is not None and not (window[0] <= interval.earliest and interval.latest <= window[1]):
            continue
        naming[(interval.earliest, interval.latest)].update(
            p.article_id for p in event.provenance if _names_its_time(p)
        )
    return {
        period: float(len(articles) + sum(1 for a in articles if (published.get(a) or period[1]) > period[1]))
        for period, articles in naming.items()
        if articles
    }


Slot = tuple[date, date]
"""A key slot's first and last day."""


@dataclass
class _KeySignals:
    """What `key_slots` reads of every event of a timeline, gathered in one pass (`_key_signals`)."""

    scores: dict[Slot, float]
    """Each slot's score: `day_scores` without the burst, and `_period_scores`."""
    members: dict[Slot, list[CanonicalEvent]]
    """The events of each scored slot, in the timeline's order."""
    central: frozenset[str]
    """`central_actors`."""
    asserted: frozenset[tuple[str, int]]
    """`_asserted_sentences` of all the events."""


def _key_signals(timeline: Timeline, window: tuple[date, date] | None) -> _KeySignals:
    """The scores of `key_slots`, every event by slot, the central actors and the asserted sentences.

    One pass over the events for what `day_scores`, `_period_scores`, the grouping, `central_actors` and
    `_asserted_sentences` read in five (a big story has 28,000 events, and reading an event's fields is
    most of the time: an event read again is no longer in the processor's cache): the same values, the
    scores each a count of articles.
    """
    published = {a.id: a.published for a in timeline.articles}
    publications = Counter(day for day in published.values() if day is not None)
    events_at: dict[Slot, list[CanonicalEvent]] = defaultdict(list)
    naming_day: dict[date, set[str]] = defaultdict(set)  # `_explicit_mentions`
    naming_period: dict[Slot, set[str]] = defaultdict(set)  # `_period_scores`' naming
    days: dict[date, None] = {}  # the days `_events_by_day` has, in its order
    actor_ids: list[str] = []  # each event's actors, once each: `central_actors`' counts, counted at the end
    asserted: set[tuple[str, int]] = set()
    for event in timeline.events:
        actors = event.actors
        if len(actors) == 1:
            actor_ids.append(actors[0].actor_id)
        elif actors:
            actor_ids.extend({a.actor_id for a in actors})
        provenance = event.provenance
        for p in provenance:
            if p.factuality != "reported":
                asserted.add((p.article_id, p.sentence_span.start))
        interval = event.interval
        earliest, latest = interval.earliest, interval.latest
        events_at[(earliest, latest)].append(event)
        inside = window is None or (window[0] <= earliest and latest <= window[1])
        if earliest == latest:
            if interval.granularity == "day":
                explicit = [p.article_id for p in provenance if p.time_source == "explicit"]
                if explicit:
                    naming_day[earliest].update(explicit)
                if inside:
                    days[earliest] = None
        elif latest - earliest < _PERIOD_SPAN and inside:
            # `_names_its_time` of each mention, inlined: a call per mention of every short period added up
            naming_period[(earliest, latest)].update(
                [p.article_id for p in provenance if p.time_source == "explicit" and p.time_rule != "reference"]
            )
    scores: dict[Slot, float] = {}
    for day in days:
        naming = naming_day.get(day, set())
        later = sum(1 for article in naming if (published.get(article) or day) > day)
        scores[(day, day)] = float(len(naming) + later + publications[day])
    for period, articles in naming_period.items():
        if articles:
            later = sum(1 for article in articles if (published.get(article) or period[1]) > period[1])
            scores[period] = float(len(articles) + later)
    members = {slot: events_at[slot] for slot in scores}
    return _KeySignals(scores, members, _most_frequent(Counter(actor_ids)), frozenset(asserted))


_PERIOD_SPAN = timedelta(days=PERIOD_MAX_DAYS)
"""From a period's first day to its last: less than this for a period of at most `PERIOD_MAX_DAYS`."""


def key_slots(timeline: Timeline, window: tuple[date, date] | None = None) -> Iterator[KeySlot]:
    """The story's days and named periods (at most a month) with events, most salient first.

    Days are scored by `day_scores` without the burst, periods by `_period_scores` on the same scale
    (a burst is a day's peak over the days around it; a named period has no such neighbours); a day
    comes before a period of the same score (the more specific date, as `reconcile` prefers it). Each slot's events
    are ordered by `event_weight`, then by how central their sentence is to the slot's sentences.

    Lazily, slot by slot: ordering a slot's events compares the words of all its sentences, and the chart
    reads only as many slots as it titles (25 of the 700 slots of a 2,452-article story).
    """
    signals = _key_signals(timeline, window)
    scores, central = signals.scores, signals.central
    for slot in sorted(scores, key=lambda s: (-scores[s], s[1] != s[0], s)):
        events = signals.members[slot]
        reports = _reports_of_others(events, signals.asserted)
        rank = {sentence: i for i, sentence in enumerate(_by_centrality(list(_sentence_provenance(events))))}

        def order(
            event: CanonicalEvent, rank: dict[str, int] = rank, reports: frozenset[str] = reports
        ) -> tuple[int, int, str]:
            best = min(rank[p.sentence.strip()] for p in event.provenance)
            return (-event_weight(event, central, reports), best, event.id)

        yield KeySlot(slot[0], slot[1], scores[slot], tuple(sorted(events, key=order)))


def auto_top(timeline: Timeline) -> int:
    """How many days ``--top auto`` keeps: grows with the square root of the story's dated days."""
    days = len({day for event in timeline.events if (day := day_of(event)) is not None})
    return max(5, min(40, round(2 * math.sqrt(days))))


def select_top(timeline: Timeline, top: int | str, extractions: Sequence[ArticleExtraction] = ()) -> Timeline:
    """Return the timeline with only the events of its ``top`` key days (``"auto"``: `auto_top`).

    ``extractions`` (the merged articles') give every day their texts name; without them only the
    events' dates count.
    """
    if top == "auto":
        top = auto_top(timeline)
    assert isinstance(top, int)
    if top <= 0:
        return timeline
    chosen = key_dates(timeline, top, sentences=2, extractions=extractions)
    kept_ids = {event.id for key in chosen for event in key.events}
    if len(kept_ids) == len(timeline.events):
        return timeline
    events = tuple(event for event in timeline.events if event.id in kept_ids)
    conflicts = tuple(conflict for conflict in timeline.conflicts if conflict.event_id in kept_ids)
    left_out = len(timeline.events) - len(events)
    note = Issue(
        code="M302",
        stage="merge",
        severity="info",
        message=f"kept {len(events)} key events on the {len(chosen)} most salient days of {len(timeline.events)} "
        f"events (--top {top}); {left_out} events are left out",
        hint="raise --top or leave it out to see every event",
    )
    return timeline.model_copy(update={"events": events, "conflicts": conflicts, "issues": (*timeline.issues, note)})

"""Entity timelines: the events a named entity takes part in.

One logic serves ``timeline build --about NAME`` (the timeline keeps those events) and ``timeline
export --format semeval --about NAME`` (the SemEval-2015 TimeLine file).

**Names.** An entity is found under its name as given, its short form (without a company-form word at
its end: "Airbus SAS" -> "Airbus"), its acronym ("General Motors" -> "GM"), its words joined
("Daimler Chrysler" -> "DaimlerChrysler"), and the names and aliases
of the timeline's actors that are one of these forms or whose own short form or acronym is the name
("GM" is General Motors, "Airbus SAS" is Airbus); for a person (an actor of type PERSON under that name),
the surname alone too. Names match as whole words, case-sensitive unless the name is given in lower
case, with a plural or possessive ("GM's"). The words are data: `resources/en/about.yml`.

**Taking part.** The entity takes part in a mention when it is one of the mention's actors (under its
whole name: the product "Ford Taurus" is not Ford) as agent,
patient or location, named or referred to ("he", "the company": `extract/coref.py` resolves those to
actors), or, when it is none of the mention's actors and the mention is no report, when its title (the
trigger's clause) names it outside the name of another of its actors ("Atlanta makes the Ford Taurus"
is no Ford event). An actor in another role ("in Jobs' place") does not take part, and what a
report names takes part in the reported content, not in the report ("Jobs announced ... iTunes"). An
event involves the entity when one of its mentions does, or when it is a participant among the event's
merged actors; an event selected through one mention brings all its mentions (the merger's
cross-document coreference).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from timeline.errors import ResourceError
from timeline.models import (
    Actor,
    ArticleInfo,
    CanonicalEvent,
    Conflict,
    DateInterval,
    EventActor,
    EventMention,
    Provenance,
    Span,
    Timeline,
)
from timeline.resources import load_yaml

PARTICIPANT_ROLES = frozenset({"agent", "patient", "location"})
"""Roles of an entity that takes part in an event; "other" is a name elsewhere in the clause."""

UNDATED = "XXXX-XX-XX"
NOT_HAPPENED = frozenset({"planned", "hypothetical", "negated"})
"""Factualities of what has not happened: the task's timeline places what did ("GM will cut jobs in 2010"
is a plan told now, not a cut in 2010), so such mentions are listed undated."""
WEEK_DAYS = 7


class AboutExample(BaseModel):
    """A sentence and whether it names the entity (checked by the tests)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    about: str
    text: str
    named: bool
    person: bool = False


class AboutWords(BaseModel):
    """The validated `resources/en/about.yml`."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    legal_forms: tuple[str, ...]
    business_words: tuple[str, ...]
    acronym_skips: frozenset[str]
    examples: tuple[AboutExample, ...] = ()


@lru_cache(maxsize=1)
def load_about_words() -> AboutWords:
    """Read `about.yml` once per process.

    Raises:
        ResourceError: the file does not match its schema.
    """
    path = resources.files("timeline.resources").joinpath("en/about.yml")
    try:
        return AboutWords.model_validate(load_yaml(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as error:
        raise ResourceError(f"about.yml is invalid: {error}".splitlines()[0]) from error


@lru_cache(maxsize=1)
def _company_words() -> tuple[frozenset[str], frozenset[str]]:
    """The legal forms and business words of `about.yml`, lower-cased: built once, not per name."""
    table = load_about_words()
    return frozenset(form.lower() for form in table.legal_forms), frozenset(w.lower() for w in table.business_words)


def short_form(name: str) -> str:
    """The name without its legal form ("Airbus SAS" -> "Airbus"; "Ford Motor Co." -> "Ford"), else the name."""
    legal, business = _company_words()
    words = name.replace(",", " ").split()
    dropped = False
    while len(words) > 1 and (words[-1].lower() in legal or (dropped and words[-1].lower() in business)):
        dropped = True
        words.pop()
    return " ".join(words)


def acronym(name: str) -> str | None:
    """The initials of a name of two or more capitalised words ("United Automobile Workers" -> "UAW")."""
    return _initials(short_form(name).split())


def _initials(words: list[str]) -> str | None:
    """`acronym` of a short form's words."""
    skips = load_about_words().acronym_skips
    words = [w for w in words if w.lower() not in skips]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def joined(name: str) -> str | None:
    """The name of two or more capitalised words written as one ("Daimler Chrysler" -> "DaimlerChrysler").

    Companies born of a merger are written both ways ("DaimlerChrysler", "ExxonMobil"); a word that is
    no name ("of", "&") keeps the name apart.
    """
    return _joined_words(short_form(name).split())


def _joined_words(words: list[str]) -> str | None:
    """`joined` of a short form's words."""
    if len(words) < 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return None
    return "".join(words)


def fuller_names(name: str, names: Iterable[str]) -> list[str]:
    """The other names of which ``name`` is the acronym, the short form or the words joined.

    "GM" of "General Motors", "Airbus" of "Airbus SAS", "DaimlerChrysler" of "Daimler Chrysler": the
    same organisation named in full (the extractor and the merger join them).
    """
    return [full for full in names if full != name and name in _forms(full)]


@lru_cache(maxsize=8192)
def _forms(name: str) -> frozenset[str]:
    """The name, its short form, acronym and words joined.

    Cached: the report's About filter asks for every actor's forms once per entity it offers.
    """
    short = short_form(name)
    found = {name.strip(), short}
    words = short.split()
    if len(words) > 1:  # an acronym and the words joined need two words: most names are one
        for other in (_initials(words), _joined_words(words)):
            if other is not None:
                found.add(other)
    return frozenset(form for form in found if form)


@dataclass(frozen=True)
class Entity:
    """An entity to follow: its name and every form it is matched under."""

    name: str
    forms: tuple[str, ...]
    pattern: re.Pattern[str]

    def named_in(self, text: str) -> bool:
        """True when the text names the entity."""
        return self.pattern.search(text) is not None

    def is_named(self, name: str) -> bool:
        """True when an actor's whole name is the entity's.

        "Ford" and "Ford Motor Co." are Ford; the product "Ford Taurus" is not.
        """
        return self.pattern.fullmatch(name.strip()) is not None


def entity(name: str, actors: Iterable[Actor] = ()) -> Entity:
    """Return the entity a name means in a timeline whose actors are given (see the module docstring)."""
    return _entity(name, _actor_forms(actors))


ActorForms = list[tuple[Actor, set[str], frozenset[str]]]
"""Each actor, its names (name and aliases), and every form of them (`_forms`)."""


def _actor_forms(actors: Iterable[Actor]) -> ActorForms:
    """The forms of every actor's names, worked out once for all the entities looked up in a timeline.

    A story of 2,452 articles has 14,000 actor names: `_forms`' cache cannot hold them all, and the
    report's About filter looks up 30 entities among them.
    """
    found = []
    for actor in actors:
        names = {actor.name, *actor.aliases}
        found.append((actor, names, frozenset().union(*(_forms(other) for other in names))))
    return found


def _entity(name: str, actors: ActorForms, by_form: dict[str, list[int]] | None = None) -> Entity:
    """The entity a name means among these actors; ``by_form`` (`_actors_by_form` of them) finds them faster.

    The actors are read in their order, each once, as the forms grow: an actor joins when one of its
    forms is among those found so far (an alias added by an earlier actor counts, a later one's not).
    """
    forms = set(_forms(name))
    for index in _actors_with_forms(forms, actors, by_form):
        actor, names, _ = actors[index]
        for other in names:
            forms |= {other, short_form(other)}
        if actor.type == "PERSON" and len(actor.name.split()) > 1 and actor.name in forms:
            forms.add(actor.name.split()[-1])
    ordered = tuple(sorted(forms, key=lambda form: (-len(form), form)))
    lower = name == name.lower()
    body = "|".join(_form_pattern(form, ignore_case=lower) for form in ordered)
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?:s|'s|’s|')?(?![\w-])")
    return Entity(name=name, forms=ordered, pattern=pattern)


def _actors_by_form(actors: ActorForms) -> dict[str, list[int]]:
    """The positions in ``actors`` of the actors having each form (in order)."""
    found: dict[str, list[int]] = {}
    for index, (_, _, actor_forms) in enumerate(actors):
        for form in actor_forms:
            found.setdefault(form, []).append(index)
    return found


def _actors_with_forms(forms: set[str], actors: ActorForms, by_form: dict[str, list[int]] | None) -> Iterator[int]:
    """The positions of the actors one of whose forms is in ``forms``, in order, as ``forms`` grows.

    ``forms`` may grow between two steps; an actor is judged once, by the forms found when its turn comes.
    Without ``by_form`` every actor's forms are intersected with ``forms``; with it, only the actors
    having one of the forms are visited (a story of 2,452 articles has 14,000 actors, an entity a few).
    """
    if by_form is None:
        yield from (index for index, (_, _, actor_forms) in enumerate(actors) if actor_forms & forms)
        return
    seen: set[str] = set()
    queue: list[int] = []
    last = -1
    while True:
        for form in forms - seen:
            for index in by_form.get(form, ()):
                if index > last:
                    heapq.heappush(queue, index)
        seen |= forms
        while queue and queue[0] <= last:
            heapq.heappop(queue)
        if not queue:
            return
        last = heapq.heappop(queue)
        yield last


def _form_pattern(form: str, *, ignore_case: bool) -> str:
    """A form as a regex, in any case when it has several words or the entity was named in lower case.

    "iTunes store" is "iTunes Store", but one word is matched as written: "Jobs" is not "jobs".
    """
    words = re.escape(form).replace(r"\ ", r"\s+")
    return f"(?i:{words})" if ignore_case or len(form.split()) > 1 else words


def takes_part(about: Entity, title: str, actors: Sequence[EventActor], factuality: str) -> bool:
    """True when the entity takes part in a mention with this title, these actors and this factuality."""
    roles = {actor.role for actor in actors if about.is_named(actor.name)}
    if roles:
        return bool(roles & PARTICIPANT_ROLES)
    if factuality == "reported":
        return False
    for actor in sorted(actors, key=lambda a: -len(a.name)):
        title = title.replace(actor.name, " ")  # "makes the Ford Taurus": a product's name is not Ford
    return about.named_in(title)


def provenance_takes_part(about: Entity, claim: Provenance) -> bool:
    """`takes_part` for one supporting mention of a canonical event."""
    return takes_part(about, claim.title, claim.actors, claim.factuality)


def mention_takes_part(about: Entity, mention: EventMention) -> bool:
    """`takes_part` for an extracted (or unplaced) mention."""
    return takes_part(about, mention.title, mention.actors, mention.factuality)


def event_involves(about: Entity, event: CanonicalEvent) -> bool:
    """True when the entity takes part in the event (one of its mentions, or a participant of the merge)."""
    if any(actor.role in PARTICIPANT_ROLES and about.is_named(actor.name) for actor in event.actors):
        return True
    return any(provenance_takes_part(about, claim) for claim in event.provenance)


def entities(names: Sequence[str], timeline: Timeline) -> list[Entity]:
    """The entities the names mean in this timeline."""
    return [entity(name, timeline.actors) for name in names]


def about_timeline(timeline: Timeline, names: Sequence[str]) -> Timeline:
    """Return the timeline of the events any of the named entities takes part in (``build --about``).

    Unplaced mentions are kept the same way; conflicts go with their events; actors, articles and
    issues are kept whole.
    """
    if not names:
        return timeline
    wanted = entities(names, timeline)
    events = tuple(e for e in timeline.events if any(event_involves(w, e) for w in wanted))
    kept = {event.id for event in events}
    conflicts: tuple[Conflict, ...] = tuple(c for c in timeline.conflicts if c.event_id in kept)
    unplaced = tuple(m for m in timeline.unplaced if any(mention_takes_part(w, m) for w in wanted))
    return timeline.model_copy(update={"events": events, "conflicts": conflicts, "unplaced": unplaced})


_RUN = re.compile(r"[\w-]+")
"""A run of word characters and hyphens: where an entity's name starts and ends (`_entity`'s pattern)."""


def _form_words(about: Entity) -> list[tuple[bool, list[str]]] | None:
    """Each form's words as a text that may name it has them as runs (`_WordIndex`), and whether in lower case.

    None when a form cannot be looked up so: it starts with no word character, or it is matched in any
    case and is not ASCII.
    """
    found = []
    any_case = about.name == about.name.lower()
    for form in about.forms:
        if _RUN.match(form) is None:
            return None
        lower = any_case or len(form.split()) > 1  # as `_form_pattern` matches it
        if lower and not form.isascii():
            return None
        words = form.lower() if lower else form
        runs = [first.group() for part in words.split(" ") if (first := _RUN.match(part))]
        found.append((lower, [*runs, runs[-1] + "s"]))
    return found


class _WordIndex:
    """The texts that have each word: which texts may name an entity, without searching them all.

    An entity's pattern matches a form where a text's runs (`_RUN`) are the form's words: each word of
    the form (between its spaces, which the pattern matches as spaces) starts a run, after the start
    of the text, a character that is no word character (the pattern's look-behind) or a space, and the
    run is the word's leading run, the last one with an "s" or not, since what comes after it in the
    form (a space, "&", ".") or the end of the match ends the run. So a text that may name a form has
    a run for each of its words (`_form_words`). A form matched in any case is looked up in lower case;
    a text with a run that is not ASCII may name it in a case `str.lower` does not give ("ı" is "i" to
    `re`), and is always searched. The texts found are then searched as before: the same answer, faster.
    Only the words of the given entities are indexed.
    """

    def __init__(self, texts: Sequence[str], entities: Iterable[Entity]) -> None:
        self.size = len(texts)
        keys: tuple[set[str], set[str]] = (set(), set())
        for about in entities:
            for lower, runs in _form_words(about) or ():
                keys[lower].update(runs)
        self.having: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        self.always: set[int] = set()
        exact, lowered = keys
        having, having_lower = self.having
        runs_of = _RUN.findall
        for i, text in enumerate(texts):  # a hot loop (28,000 texts in a big story): the names bound once
            runs = set(runs_of(text))
            if not text.isascii() and not all(run.isascii() for run in runs):
                self.always.add(i)
            for run in runs.intersection(exact):
                having.setdefault(run, set()).add(i)
            if lowered:
                for run in lowered.intersection(map(str.lower, runs)):
                    having_lower.setdefault(run, set()).add(i)

    def may_name(self, about: Entity) -> Iterable[int]:
        """The indexes, in order, of the texts that may name the entity: those its pattern may match."""
        forms = _form_words(about)
        if forms is None:
            return range(self.size)
        found = set(self.always)
        for lower, runs in forms:
            having = self.having[lower]
            last = having.get(runs[-2], set()) | having.get(runs[-1], set())  # the last word, or with an "s"
            each = sorted([last, *(having.get(run, set()) for run in runs[:-2])], key=len)
            found |= each[0].intersection(*each[1:])
        return sorted(found)


ABOUT_CHOICES = 30
"""How many entities the report's About filter offers: the actors taking part in the most events."""


def about_choices(timeline: Timeline, limit: int = ABOUT_CHOICES) -> list[tuple[str, list[int]]]:
    """The report's About filter: (entity name, indexes in ``timeline.events`` of the events it takes part in).

    The same logic as ``build --about NAME`` (`event_involves`), computed once here so that the page only
    looks the indexes up. The candidates are the actors that are participants of the most events (ties
    by name); each is offered under its actor name, with every form `entity` gives it, and names that
    select the same events ("GM", "General Motors") are one choice, under the longest.
    """
    counts = Counter(  # one count for all events, not an update per event
        name for event in timeline.events for name in {a.name for a in event.actors if a.role in PARTICIPANT_ROLES}
    )
    chosen = sorted(counts, key=lambda name: (-counts[name], name))[:limit]
    # every name `event_involves` reads, once per event: an entity none of them names is left out at once
    words = [
        "\n".join(
            [
                *(a.name for a in e.actors),
                *(p.title for p in e.provenance),
                *(a.name for p in e.provenance for a in p.actors),
            ]
        )
        for e in timeline.events
    ]
    actors = _actor_forms(timeline.actors)
    by_form = _actors_by_form(actors)
    wanted = [_entity(name, actors, by_form) for name in chosen]
    index = _WordIndex(words, wanted)
    events = timeline.events
    by_events: dict[tuple[int, ...], str] = {}
    for name, about in zip(chosen, wanted, strict=True):
        found = tuple(i for i in index.may_name(about) if about.named_in(words[i]) and event_involves(about, events[i]))
        if found and (found not in by_events or len(name) > len(by_events[found])):
            by_events[found] = name  # "GM" and "General Motors" are one entity: its longest name
    return sorted(((name, list(found)) for found, name in by_events.items()), key=lambda item: (-len(item[1]), item[0]))


# SemEval-2015 TimeLine export -------------------------------------------------------------------------


def date_value(interval: DateInterval) -> str | None:
    """The task's anchor for an interval: ``YYYY-MM-DD``, ``YYYY-MM-XX`` or ``YYYY-XX-XX`` (None when wider).

    A week across two months is the month of its Thursday, as ISO weeks go.
    """
    if interval.granularity == "day" and interval.earliest == interval.latest:
        return interval.earliest.isoformat()
    if interval.granularity == "week" and (interval.latest - interval.earliest).days == WEEK_DAYS - 1:
        return (interval.earliest + timedelta(days=3)).isoformat()[:7] + "-XX"
    if interval.earliest.year != interval.latest.year:
        return None
    if interval.granularity in ("day", "week", "month") and interval.earliest.month == interval.latest.month:
        return interval.earliest.isoformat()[:7] + "-XX"
    return f"{interval.earliest.year}-XX-XX"


def mention_id(article: ArticleInfo | None, article_id: str, sentence: str, sentence_span: Span, trigger: Span) -> str:
    """A mention as the task names it: ``docid-sentence-word``.

    By the source's tokens for CAT XML input, else ``articleid-offset-word`` (the trigger's character
    offset in its article).
    """
    words = sentence[trigger.start - sentence_span.start : trigger.end - sentence_span.start]
    if article is None or article.tokens is None or not article.tokens.tokens:
        return f"{article_id}-{trigger.start}-{'_'.join(words.split())}"
    found = [(s, a, b) for s, a, b in article.tokens.tokens if a < trigger.end and b > trigger.start]
    if not found:
        return f"{article.tokens.doc_id}-0-{'_'.join(words.split())}"
    text = "_".join(sentence[a - sentence_span.start : b - sentence_span.start] for _, a, b in found)
    return f"{article.tokens.doc_id}-{found[0][0]}-{text}"


def semeval_timeline(timeline: Timeline, name: str) -> str:
    """Write the entity's timeline in the SemEval-2015 TimeLine format (its name on the first line).

    Dated events, one line each (its mentions tab-separated), numbered by date from 1, events of one date
    sharing a position; an event dated only by publication-day guesses ("GM said", no date words) takes
    its article's story day (the day its date words give most often) when that lies in the guess, else
    the publication day; a mention whose own date words, or own publication-day guess, tell another day
    than the event's keeps that day.
    A state the merger leaves off the chart ("GM has 6,246 dealers") is anchored at the day it holds, the
    publication day, as TimeML anchors it. Undated mentions go to position 0 with ``XXXX-XX-XX``, and so
    do mentions of what has not happened (`NOT_HAPPENED`: a plan, a hypothesis, a negation), whatever date
    they are told with.
    """
    about = entity(name, timeline.actors)
    articles = {article.id: article for article in timeline.articles}
    story_days = _story_days(timeline)
    groups: dict[str | None, list[tuple[str, ...]]] = {}
    bounds: dict[str, tuple[date, date]] = {}

    def add(interval: DateInterval | None, found: tuple[str, ...]) -> None:
        value = date_value(interval) if interval is not None else None
        groups.setdefault(value, []).append(found)
        if value is not None and interval is not None:
            bound = (interval.earliest, interval.latest)
            bounds[value] = min(bounds.get(value, bound), bound)

    for event in timeline.events:
        if not event_involves(about, event):
            continue
        for interval, claims in _dated_parts(event):
            done = [p for p in claims if p.factuality not in NOT_HAPPENED]
            found = _mention_ids(done, articles)
            if found:
                timed = [p for p in done if p.interval is not None]
                if interval.granularity == "day" and timed and all(p.time_source == "publication" for p in timed):
                    interval = _guessed_day(interval, story_days.get(done[0].article_id))
                add(interval, found)
            plans = _mention_ids([p for p in claims if p.factuality in NOT_HAPPENED], articles)
            if plans:
                add(None, plans)  # "GM will cut 10,000 jobs in 2010": listed, not placed at 2010
    for mention in timeline.unplaced:
        if mention_takes_part(about, mention):
            article = articles.get(mention.article_id)
            found = (
                mention_id(article, mention.article_id, mention.sentence, mention.sentence_span, mention.trigger_span),
            )
            held = mention.time.interval if mention.time is not None and mention.time_source == "state" else None
            add(held if held is not None and held.granularity == "day" else None, found)
    lines = [name] + [
        f"{position}\t{value}\t" + "\t".join(found) for position, value, found in _entries(groups, bounds)
    ]
    return "\n".join(lines) + "\n"


def _mention_ids(claims: Sequence[Provenance], articles: dict[str, ArticleInfo]) -> tuple[str, ...]:
    """The task's ids of the mentions, by article and position."""
    return tuple(
        mention_id(articles.get(p.article_id), p.article_id, p.sentence, p.sentence_span, p.trigger_span)
        for p in sorted(claims, key=lambda p: (p.article_id, p.trigger_span.start if p.trigger_span else 0))
        if p.trigger_span is not None
    )


def _dated_parts(event: CanonicalEvent) -> list[tuple[DateInterval, list[Provenance]]]:
    """The event's mentions by the date each is told at.

    A mention whose own date words give a day outside the event's date keeps that day: the task anchors a
    mention where its text does, and two sources telling "GM announced on Wednesday" of two Wednesdays
    (joined by the merger on their words) are two anchors. So does a publication-day guess that cannot
    hold the event's date ("GM announced a loss" in the paper of May 7, joined to an announcement of May
    15): its own paper says it happened by then. The other mentions take the event's date.
    """
    own: dict[DateInterval, list[Provenance]] = {}
    rest: list[Provenance] = []
    for claim in event.provenance:
        told = claim.interval
        apart = told is not None and (told.latest < event.interval.earliest or told.earliest > event.interval.latest)
        if claim.time_source in ("explicit", "publication") and told is not None and apart:
            own.setdefault(told, []).append(claim)
        else:
            rest.append(claim)
    parts = [(event.interval, rest)] if rest else []
    return parts + sorted(own.items(), key=lambda item: (item[0].earliest, item[0].latest))


def _story_days(timeline: Timeline) -> dict[str, date]:
    """Each article's story day: the day its own date words give most often (the latest on a tie)."""
    counts: dict[str, Counter[date]] = {}
    for event in timeline.events:
        for claim in event.provenance:
            interval = claim.interval
            if claim.time_source == "explicit" and interval is not None and interval.earliest == interval.latest:
                counts.setdefault(claim.article_id, Counter())[interval.earliest] += 1
    return {article: max(days, key=lambda day: (days[day], day)) for article, days in counts.items()}


def _guessed_day(interval: DateInterval, story_day: date | None) -> DateInterval:
    """The day of a publication-day guess: the story day when it lies in the guess, else the publication day."""
    inside = story_day is not None and interval.earliest <= story_day <= interval.latest
    day = story_day if inside and story_day is not None else interval.latest
    return DateInterval(earliest=day, latest=day, granularity="day")


def _entries(
    groups: dict[str | None, list[tuple[str, ...]]], bounds: dict[str, tuple[date, date]]
) -> list[tuple[int, str, tuple[str, ...]]]:
    """Number the dated groups by date (position 1 up), undated at 0; each mention once."""
    seen: set[str] = set()
    entries = []

    def add(position: int, value: str, found: tuple[str, ...]) -> None:
        fresh = tuple(m for m in dict.fromkeys(found) if m not in seen)
        seen.update(fresh)
        if fresh:
            entries.append((position, value, fresh))

    dated = sorted((value for value in groups if value is not None), key=lambda v: (bounds[v], v))
    for position, value in enumerate(dated, start=1):
        for found in sorted(groups[value]):
            add(position, value, found)
    for found in sorted(groups.get(None, [])):
        add(0, UNDATED, found)
    return sorted(entries, key=lambda e: (e[0], e[2]))

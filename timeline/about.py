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
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, filterfalse, repeat
from operator import attrgetter
from typing import Any

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
    return " ".join(_short_words(name))


def _short_words(name: str) -> list[str]:
    """The words of `short_form` (split once for every form `_forms` makes of them)."""
    legal, business = _company_words()
    words = name.replace(",", " ").split()
    dropped = False
    while len(words) > 1 and (words[-1].lower() in legal or (dropped and words[-1].lower() in business)):
        dropped = True
        words.pop()
    return words


def acronym(name: str) -> str | None:
    """The initials of a name of two or more capitalised words ("United Automobile Workers" -> "UAW")."""
    return _initials(short_form(name).split())


def _initials(words: list[str]) -> str | None:
    """`acronym` of a short form's words (each one or more characters, as `str.split` gives them)."""
    skips = load_about_words().acronym_skips
    firsts = [w[0] for w in words if w.lower() not in skips]
    if len(firsts) < 2 or not all(map(str.isupper, firsts)):
        return None
    return "".join(firsts)


def joined(name: str) -> str | None:
    """The name of two or more capitalised words written as one ("Daimler Chrysler" -> "DaimlerChrysler").

    Companies born of a merger are written both ways ("DaimlerChrysler", "ExxonMobil"); a word that is
    no name ("of", "&") keeps the name apart.
    """
    return _joined_words(short_form(name).split())


def _joined_words(words: list[str]) -> str | None:
    """`joined` of a short form's words."""
    if len(words) < 2 or not (all(map(str.isalpha, words)) and all(map(str.isupper, [w[0] for w in words]))):
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
    """The name, its short form, acronym and words joined."""
    words = _short_words(name)
    found = {name.strip(), " ".join(words)}
    if len(words) > 1:  # an acronym and the words joined need two words: most names are one
        for other in (_initials(words), _joined_words(words)):
            if other is not None:
                found.add(other)
    found.discard("")
    return frozenset(found)


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
        found.append((actor, names, frozenset().union(*map(_forms, names))))
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
    return about.named_in(outside_names(title, [actor.name for actor in actors]))


def outside_names(title: str, names: Sequence[str]) -> str:
    """The title with the names in it blanked, the longest first: "makes the Ford Taurus" does not name Ford."""
    for name in sorted(names, key=len, reverse=True) if len(names) > 1 else names:  # a stable sort: ties in order
        title = title.replace(name, " ")
    return title


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


@lru_cache(maxsize=64)
def _form_words(about: Entity) -> list[tuple[bool, list[str]]] | None:
    """Each form's words as a text that may name it has them as runs (`_WordIndex`), and whether in lower case.

    None when a form cannot be looked up so: it starts with no word character, or it is matched in any
    case and is not ASCII. Cached (not to be changed): an index asks for an entity's several times, and the
    report's About filter builds two indexes of the same 30 entities.
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
    a run for each of its words (`_form_words`), and in particular for the rarest of them: only that one is
    looked up ("serie" of "Serie A", not "a"). A form matched in any case is looked up in lower case;
    a text with a run that is not ASCII may name it in a case `str.lower` does not give ("ı" is "i" to
    `re`), and is always searched. The texts found are then searched as before: the same answer, faster.
    Only the words of the given entities are indexed; each distinct text is read once (`_Runs`).
    """

    def __init__(self, texts: Sequence[str], entities: Iterable[Entity]) -> None:
        entities = list(entities)
        keys: tuple[set[str], set[str]] = (set(), set())
        for about in entities:
            for lower, runs in _form_words(about) or ():
                keys[lower].update(runs)
        runs = _Runs(list(dict.fromkeys(texts)), *keys)
        self.counts = runs.counts
        wanted: tuple[set[str], set[str]] = (set(), set())
        for about in entities:
            for lower, words in self._rarest(about):
                wanted[lower].update(words)
        found = runs.having(*wanted)
        self.size = len(texts)
        self.having: tuple[dict[str, set[int]], dict[str, set[int]]] = ({}, {})
        for index, text in compress(enumerate(texts), map(found.__contains__, texts)):  # the texts having a word
            for lower, word in found[text]:
                self.having[lower].setdefault(word, set()).add(index)
        self.always: set[int] = set(compress(range(len(texts)), map(runs.always.__contains__, texts)))

    def _rarest(self, about: Entity) -> list[tuple[bool, list[str]]]:
        """For each form of the entity, whether in lower case and its words to look up.

        Its rarest word, or its last one with and without an "s".
        """
        found = []
        for lower, runs in _form_words(about) or ():
            counts = self.counts[lower]
            each = [runs[-2:], *([run] for run in runs[:-2])]
            found.append((lower, min(each, key=lambda words: sum(counts.get(word, 0) for word in words))))
        return found

    def may_name(self, about: Entity) -> Iterable[int]:
        """The indexes, in order, of the texts that may name the entity: those its pattern may match."""
        if _form_words(about) is None:
            return range(self.size)
        found = set(self.always)
        for lower, words in self._rarest(about):
            having = self.having[lower]
            found = found.union(*(having.get(word, ()) for word in words))
        return sorted(found)


KeyRuns = dict[str, set[tuple[bool, str]]]
"""The runs of each text that are words looked up: (False, run) as written, (True, run) in lower case."""


_NOT_RUN = str.maketrans({chr(c): " " for c in range(1, 128) if not (chr(c).isalnum() or chr(c) in "_-")})
"""Every ASCII character that ends a run (`_RUN`) but the one that ends a text in `_Runs`, as a space."""


class _Runs:
    """The runs of distinct texts that are words looked up (`_WordIndex`), and how many texts have each.

    The ASCII texts (most of a story's) are read as one string: their runs split out by two C calls (the
    characters that are no word character nor hyphen made spaces), and the words picked out by a C-level
    filter, with no Python step per text, only per word found. ASCII lower-cases run by run as it does the
    whole string. The other texts (and all of them when one holds the character that ends a text there) are
    read one by one; those with a run that is not ASCII are ``always`` (`_WordIndex`).
    """

    def __init__(self, texts: list[str], exact: set[str], lowered: set[str]) -> None:
        self.plain = list(compress(texts, map(str.isascii, texts)))
        joined = " \0 ".join(self.plain).translate(_NOT_RUN)
        rest = list(filterfalse(str.isascii, texts))
        if joined.count("\0") >= len(self.plain):  # a text holds it: "\0" does not end each text
            self.plain, joined, rest = [], "", texts
        self.hits = (
            list(filter({*exact, "\0"}.__contains__, joined.split())),
            list(filter({*lowered, "\0"}.__contains__, joined.lower().split())) if lowered else [],
        )
        """The runs of the ASCII texts that are words looked up, as written and in lower case, and each text's end."""
        self.rest = [(text, set(_RUN.findall(text))) for text in rest]
        self.always = {text for text, runs in self.rest if not all(run.isascii() for run in runs)}
        self.counts: tuple[Counter[str], Counter[str]] = (Counter(self.hits[0]), Counter(self.hits[1]))
        """How often each word is a run, as written and in lower case."""
        for _, runs in self.rest:
            self.counts[0].update(runs.intersection(exact))
            self.counts[1].update(lowered.intersection(map(str.lower, runs)))

    def having(self, exact: set[str], lowered: set[str]) -> KeyRuns:
        """The words each text has as runs (texts with none left out)."""
        found: KeyRuns = {}
        for lower, hits, words in ((False, self.hits[0], exact), (True, self.hits[1], lowered)):
            text = 0
            for run in hits:
                if run == "\0":
                    text += 1
                elif run in words:
                    found.setdefault(self.plain[text], set()).add((lower, run))
        for text, runs in self.rest:
            for run in runs.intersection(exact):
                found.setdefault(text, set()).add((False, run))
            for run in lowered.intersection(map(str.lower, runs)):
                found.setdefault(text, set()).add((True, run))
        return found


_ACTORS_AND_CLAIMS, _CLAIM_PARTS = attrgetter("actors", "provenance"), attrgetter("title", "factuality", "actors")
_NAME_AND_ROLE = attrgetter("name", "role")


class _EventParts:
    """What `event_involves` reads of every event, flattened once into lists: an event's parts are a slice.

    Built by C-level maps and chains in one pass over the events, not a Python loop over 30,000 events and
    their 120,000 actors; the events an entity may take part in are then judged on these lists, which are
    compact (an event's objects lie scattered in memory: visiting them out of order is what costs).
    """

    def __init__(self, events: Sequence[CanonicalEvent]) -> None:
        actors_of, claims_of = _columns(map(_ACTORS_AND_CLAIMS, events), 2)
        claims = list(chain.from_iterable(claims_of))
        self.actor_names, self.actor_roles = _columns(map(_NAME_AND_ROLE, chain.from_iterable(actors_of)), 2)
        self.actor_start = list(accumulate(map(len, actors_of), initial=0))
        """Event ``i``'s actors are ``actor_names[actor_start[i]:actor_start[i + 1]]`` (and their roles)."""
        self.titles, self.factualities, mention_actors = _columns(map(_CLAIM_PARTS, claims), 3)
        self.claim_start = list(accumulate(map(len, claims_of), initial=0))
        """Event ``i``'s mentions (their titles, factualities) are ``claim_start[i]`` to ``claim_start[i + 1]``."""
        self.mention_names, self.mention_roles = _columns(map(_NAME_AND_ROLE, chain.from_iterable(mention_actors)), 2)
        self.mention_start = list(accumulate(map(len, mention_actors), initial=0))
        """Mention ``j``'s actors are ``mention_names[mention_start[j]:mention_start[j + 1]]`` (and their roles)."""
        self.actor_events = list(_repeated(range(len(events)), map(len, actors_of)))
        """The event of each of ``actor_names``."""

    def claim_event(self, claim: int) -> int:
        """The event of mention ``claim``: the last one whose mentions start at or before it."""
        return bisect_right(self.claim_start, claim) - 1

    def mention_participants(self, names: set[str]) -> dict[str, set[int]]:
        """The mentions of which each of ``names`` is an actor in a participant role."""
        found: dict[str, set[int]] = {}
        roles, start = self.mention_roles, self.mention_start
        for place in compress(range(len(self.mention_names)), map(names.__contains__, self.mention_names)):
            if roles[place] in PARTICIPANT_ROLES:
                found.setdefault(self.mention_names[place], set()).add(bisect_right(start, place) - 1)
        return found

    def mention_names_of(self, claim: int) -> tuple[str, ...]:
        """The names of mention ``claim``'s actors."""
        return self.mention_names[self.mention_start[claim] : self.mention_start[claim + 1]]

    def has_named(self, event: int, named: set[str]) -> bool:
        """True when one of the event's names, or of its mentions', is in ``named``."""
        actors = self.actor_names[self.actor_start[event] : self.actor_start[event + 1]]
        mentions = slice(self.mention_start[self.claim_start[event]], self.mention_start[self.claim_start[event + 1]])
        return not (named.isdisjoint(actors) and named.isdisjoint(self.mention_names[mentions]))

    def words(self, event: int) -> str:
        """Every name and title `event_involves` reads of the event, one a line: an entity none names is left out."""
        claims = slice(self.claim_start[event], self.claim_start[event + 1])
        mentions = slice(self.mention_start[claims.start], self.mention_start[claims.stop])
        actors = self.actor_names[self.actor_start[event] : self.actor_start[event + 1]]
        return "\n".join([*actors, *self.titles[claims], *self.mention_names[mentions]])


def _participants(owners: Iterable[int], names: Iterable[str], roles: Iterable[str]) -> set[tuple[int, str]]:
    """(owner, name) of each actor in a participant role."""
    return set(compress(zip(owners, names, strict=True), map(PARTICIPANT_ROLES.__contains__, roles)))


def _by_name(pairs: Iterable[tuple[int, str]], names: set[str]) -> dict[str, set[int]]:
    """The owners of each of ``names`` among the (owner, name) pairs."""
    found: dict[str, set[int]] = {}
    for owner, name in pairs:
        if name in names:
            found.setdefault(name, set()).add(owner)
    return found


def _columns(rows: Iterable[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    """The columns of the rows (``width`` of them, empty when there are no rows)."""
    return list(zip(*rows, strict=True)) or [()] * width


def _repeated(values: Iterable[int], counts: Iterable[int]) -> Iterator[int]:
    """Each value repeated its count times."""
    return chain.from_iterable(map(repeat, values, counts))


ABOUT_CHOICES = 30
"""How many entities the report's About filter offers: the actors taking part in the most events."""


def about_choices(timeline: Timeline, limit: int = ABOUT_CHOICES) -> list[tuple[str, list[int]]]:
    """The report's About filter: (entity name, indexes in ``timeline.events`` of the events it takes part in).

    The same logic as ``build --about NAME`` (`event_involves`), computed once here so that the page only
    looks the indexes up. The candidates are the actors that are participants of the most events (ties
    by name); each is offered under its actor name, with every form `entity` gives it, and names that
    select the same events ("GM", "General Motors") are one choice, under the longest. An event is kept
    when it involves the entity and its names and titles name it (`_EventParts.words`).

    Done by index, once per distinct value, not by a test of every event for every entity: the events are
    read once (`_EventParts`); each entity's pattern is matched against the distinct names that may be its
    (`_WordIndex`) to find the names it has (`Entity.is_named`); the events and mentions having one of those
    as a participant involve it (and name it); only the other mentions are read, those whose title outside
    their actors' names (`outside_names`, worked out once for all the entities) may name it (`_WordIndex`).
    """
    events = timeline.events
    parts = _EventParts(events)
    participants = _participants(parts.actor_events, parts.actor_names, parts.actor_roles)
    counts = Counter(name for _, name in participants)  # the events each name is a participant of
    chosen = sorted(counts, key=lambda name: (-counts[name], name))[:limit]
    actors = _actor_forms(timeline.actors)
    by_form = _actors_by_form(actors)
    wanted = [_entity(name, actors, by_form) for name in chosen]
    names = list(dict.fromkeys([*parts.actor_names, *parts.mention_names]))
    names_index = _WordIndex(names, wanted)
    named_by = [{names[i] for i in names_index.may_name(about) if about.is_named(names[i])} for about in wanted]
    some_named = set().union(*named_by)
    events_of = _by_name(participants, some_named)
    claims_of = parts.mention_participants(some_named)
    told = list(compress(range(len(parts.titles)), map("reported".__ne__, parts.factualities)))  # no reports
    outside = [outside_names(parts.titles[claim], parts.mention_names_of(claim)) for claim in told]
    outside_index = _WordIndex(outside, wanted)
    by_events: dict[tuple[int, ...], str] = {}
    for name, about, named in zip(chosen, wanted, named_by, strict=True):
        found = set().union(*(events_of.get(actor, ()) for actor in named))  # `event_involves`' first test
        found.update(map(parts.claim_event, chain.from_iterable(claims_of.get(actor, ()) for actor in named)))
        for index in outside_index.may_name(about):  # a mention that does not name the entity among its actors
            claim = told[index]
            event = parts.claim_event(claim)
            if (
                event not in found
                and named.isdisjoint(parts.mention_names_of(claim))
                and about.named_in(outside[index])
                and (parts.has_named(event, named) or about.named_in(parts.words(event)))
            ):
                found.add(event)
        key = tuple(sorted(found))
        if key and (key not in by_events or len(name) > len(by_events[key])):
            by_events[key] = name  # "GM" and "General Motors" are one entity: its longest name
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

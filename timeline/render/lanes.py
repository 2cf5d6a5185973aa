"""The chart's lanes for each way of laying it out: by source, by actor or by kind of event.

A fact-checker asks "who says when?" (source lanes, the default: a merged lane on top, then one lane
per source, so agreement shows as vertical alignment and each source's own date is visible); a
reader following people asks "what did each actor do, when?" (actor lanes); an analyst separating
what happened from what was announced asks "what is fact, what is plan?" (kind lanes). This module
decides, for a mode, which lanes exist, in which order, and which marks each holds; `plot` packs
them into tracks and draws them. Every canonical event is in at least one lane in every mode.

* **source**: the merged lane (each event once, at its reconciled date), then one lane per source
  (each source's mark at the date that source gives); a conflict's claims sit in their sources' lanes.
* **actor**: an event sits in the lane of each of its main actors: its agents, else its patients,
  else everyone it names (a reader looking at one actor's lane expects every event that actor
  did, not only those where it happens to be listed first). The `MAX_ACTOR_LANES` actors with the
  most events get lanes, sorted by name; an event none of whose main actors has a lane goes to
  "other actors", an event naming nobody to "no actor".
* **kind**: one lane per event kind (`rows.KIND_ORDER`: asserted, reported, planned, hypothetical,
  negated), each event in the lane of the kind most of its sources give it.

In the actor and kind modes an event is drawn at its reconciled date; a conflicted event also gets
a mark for each source's claim in its first lane, so the conflict trace can join the claims there.
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, count, repeat
from operator import attrgetter
from typing import Literal, NamedTuple

from timeline.models import CanonicalEvent, Conflict, DateInterval, EventActor, Factuality, Timeline
from timeline.render.hover import merged_hover, source_hover
from timeline.render.rows import (
    KIND_ORDER,
    central_span,
    claim_label,
    conflict_finder,
    conflict_summary,
    event_kind,
    find_conflict,
)
from timeline.render.values import source_label

LaneMode = Literal["source", "actor", "kind"]
LANE_MODES: tuple[LaneMode, ...] = ("source", "actor", "kind")
"""The ways the chart of all events can be laid out; the first is the default."""

ChartMode = Literal["key", "source", "actor", "kind"]
CHART_MODES: tuple[ChartMode, ...] = ("key", *LANE_MODES)
"""What the chart shows: the key events, titled (`keyview`, the default), or every event in lanes."""

MERGED_LANE = "All sources (merged)"
"""Label of the top lane in source mode, which shows each canonical event once at its reconciled date."""

OTHER_ACTORS_LANE = "other actors"
NO_ACTOR_LANE = "no actor"

MAX_ACTOR_LANES = 20
"""Actors given a lane of their own in actor mode (those in the most events); a chart stays readable."""

MERGED_COLOR = "#000000"
LANE_COLORS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442")
"""Okabe-Ito colours (colour-blind safe) for lanes, cycled; vermillion is kept for conflicts."""

REST_COLOR = "#6b6b6b"
"""Colour of the catch-all lanes ("other actors", "no actor")."""

LANE_NOTES: dict[ChartMode, str] = {
    "key": (
        "the key events (the days the articles name and report most) titled, the other events as grey dots; "
        "each conflict is one row joining every source's date; long vague periods are faint, in a band of their own"
    ),
    "source": "one lane per source; the top lane is the merged timeline",
    "actor": (
        f"one lane per actor (the {MAX_ACTOR_LANES} in the most events); an event is in the lane of each of "
        "its main actors (its agents, else the others it names); 'other actors' and 'no actor' hold the rest"
    ),
    "kind": "one lane per kind of event: asserted, reported, planned, hypothetical ('if'), negated ('not')",
}
"""How to read the lanes of each mode: the report's legend, the embed's caption, the images' key."""

LANE_TITLES: dict[ChartMode, str] = {"key": "key events", "source": "source", "actor": "actor", "kind": "event kind"}
"""What the lanes are, in the page's lane control."""


class Item(NamedTuple):
    """One mark: an event at an interval in a lane, with its hover text and which provenance it shows.

    Built by `new_item`, which works out once what packing asks of every item in every lane: the ordinal
    days of its bounds and its dates as a key (a big story's charts pack 116,000 items, the events' own
    marks in all three lane modes). A named tuple: built in one call, fields read as fast as a tuple's.
    """

    event_id: str
    title: str
    interval: DateInterval
    hover: str
    ref: int
    """Index of the provenance entry the mark shows in its event's ``provenance`` (-1: the event itself)."""
    kind: Factuality
    first: int
    """``interval.earliest.toordinal()``."""
    last: int
    """``interval.latest.toordinal()``."""
    dates: tuple[date, date, str]
    """``(earliest, latest, granularity)``: the interval's fields (equal exactly when the intervals are)."""
    key: tuple[str, date, date, str]
    """`item_key` of its event and interval: a lane holds one item per key."""


def new_item(
    event_id: str, title: str, interval: DateInterval, hover: str, ref: int, kind: Factuality = "asserted"
) -> Item:
    """Return the `Item` of an event at an interval (its packing fields worked out from the interval)."""
    earliest, latest, granularity = interval.earliest, interval.latest, interval.granularity
    return _NEW_ITEM(  # the tuple built at once, not through the named tuple's own Python ``__new__``
        Item,
        (
            event_id,
            title,
            interval,
            hover,
            ref,
            kind,
            earliest.toordinal(),
            latest.toordinal(),
            (earliest, latest, granularity),
            (event_id, earliest, latest, granularity),
        ),
    )


_NEW_ITEM = tuple.__new__
_ITEM_KEY = attrgetter("key")
_EVENT_ID = attrgetter("event_id")
_ID = attrgetter("id")


def item_key(event_id: str, interval: DateInterval) -> tuple[str, date, date, str]:
    """Key of an item in a lane: its event and its interval's fields (equal exactly when the intervals are)."""
    return (event_id, interval.earliest, interval.latest, interval.granularity)


@dataclass
class Lane:
    """What one lane draws, and where: its items, their marks and tracks, the lane's first row."""

    key: str
    label: str
    color: str
    items: list[Item] = field(default_factory=list)
    seen: set[tuple[str, date, date, str]] | None = None
    """`item_key` of each item: an interval's fields, not the interval (hashing a pydantic model is slow). Built
    when first asked (`keys`): a lane filled once with items known to be distinct never needs it."""
    marks: list = field(default_factory=list)
    """`plot.Mark`s, filled by packing: each holds its item and the items stacked under it."""
    tracks: dict[tuple[str, date, date, str], int] | None = None
    """Track of the items `y` can be asked about, by `item_key`: from the marks, by `index_tracks`."""
    n_tracks: int = 1
    offset: float = 0.0
    merged: bool = False
    """True for the merged lane of source mode (its marks are "merged" in the page's data)."""

    def keys(self) -> set[tuple[str, date, date, str]]:
        """Return `seen`, the `item_key` of every item (worked out from the items the first time)."""
        if self.seen is None:
            self.seen = set(map(_ITEM_KEY, self.items))
        return self.seen

    def add(self, item: Item) -> None:
        """Add an item once per (event, interval): copies from one source collapse to one mark."""
        key = item.key
        seen = self.keys()
        if key not in seen:
            seen.add(key)
            self.items.append(item)

    def extend(self, items: Iterable[Item], *, distinct: bool = False) -> None:
        """`add` each item, in order (one call for a lane's many items).

        A lane is mostly filled once, with items of distinct keys (an event's mark in the merged, actor or
        kind lanes): then they are checked and added as a whole, no Python step per item. ``distinct``: the
        caller knows their keys differ (`distinct_events`' marks): the first fill of a lane checks nothing
        then, and `seen` is built only if an item is added later (a conflict's claim).
        """
        items = list(items)
        if distinct and not self.items:
            self.items = items
            self.seen = None
            return
        keys = list(map(_ITEM_KEY, items))
        fresh = set(keys)
        seen = self.keys()
        if len(fresh) == len(keys) and fresh.isdisjoint(seen):
            seen |= fresh
            self.items += items
            return
        kept = self.items
        for key, item in zip(keys, items, strict=True):
            if key not in seen:
                seen.add(key)
                kept.append(item)

    def index_tracks(self, event_ids: AbstractSet[str] | None = None) -> None:
        """Find the track of each item of these events (None: of every item) in the packed marks, for `y`.

        Packing keeps no track per item: only the conflicts' claims ask, about a few events of a lane that
        holds thousands. A mark is looked into only when it or the items stacked under it (asked in C) hold one.
        """
        if event_ids is None:
            self.tracks = {item.key: mark.track for mark in self.marks for item in (mark.item, *mark.stacked)}
            return
        self.tracks = {
            item.key: mark.track
            for mark in self.marks
            if mark.item.event_id in event_ids or not event_ids.isdisjoint(map(_EVENT_ID, mark.stacked))
            for item in (mark.item, *mark.stacked)
            if item.event_id in event_ids
        }

    def y(self, event_id: str, interval: DateInterval) -> float:
        """Return the y of an item (its lane's first track when the lane does not hold it); once packed.

        Of an item of the events last given to `index_tracks`, or of any item when it was not called.
        """
        if self.tracks is None:
            self.index_tracks()
        return self.offset + self.tracks.get(item_key(event_id, interval), 0)  # type: ignore[union-attr]

    @property
    def center(self) -> float:
        """The y of the lane's label: the middle of its tracks."""
        return self.offset + (self.n_tracks - 1) / 2


@dataclass
class LanePlan:
    """A mode's lanes, top to bottom, and the lane key of every conflict claim (None: no lane holds it)."""

    lanes: list[Lane]
    claim_lanes: list[list[str | None]]

    def lane(self, key: str | None) -> Lane | None:
        """Return the lane with this key."""
        return next((lane for lane in self.lanes if lane.key == key), None) if key is not None else None


def _casefold_key(text: str) -> tuple[str, str]:
    return (text.casefold(), text)


def lane_labels(timeline: Timeline, mentioned: Iterable[str] | None = None) -> list[str]:
    """Return the source lanes (without the merged lane), sorted case-insensitively.

    A lane exists for every article, every provenance source and every conflict claim, labelled by
    source name, or by article id when the source is unnamed. ``mentioned``: the labels of the provenance
    sources, when the caller has them (the ``source`` of the timeline's `rows.placed_mention_rows`).
    """
    if mentioned is None:
        mentioned = {source_label(p.source, p.article_id) for event in timeline.events for p in event.provenance}
    return _lane_labels(timeline, mentioned)


def _lane_labels(timeline: Timeline, mentioned: Iterable[str]) -> list[str]:
    """Return `lane_labels`, given the labels of the provenance sources (``mentioned``)."""
    labels = {source_label(a.source, a.id) for a in timeline.articles}
    labels.update(mentioned)
    for conflict in timeline.conflicts:
        labels.update(claim_label(c) for c in conflict.claims)
    return sorted(labels, key=_casefold_key)


def main_actors(event: CanonicalEvent) -> tuple[EventActor, ...]:
    """Return an event's main actors: its agents, else its patients, else every actor it names."""
    return _main_of(event.actors)


def _main_of(actors: tuple[EventActor, ...]) -> tuple[EventActor, ...]:
    """Return `main_actors` of an event's actors."""
    if len(actors) < 2:  # most events: the one actor is the main one whatever its role
        return actors
    for role in ("agent", "patient"):
        chosen = [a for a in actors if a.role == role]
        if chosen:
            return tuple(chosen)
    return actors


def _event_item(
    timeline: Timeline,
    event: CanonicalEvent,
    *,
    hover: bool,
    kind: Factuality | None = None,
    find: Callable[[CanonicalEvent], Conflict | None] | None = None,
) -> Item:
    """The mark of an event drawn once, at its reconciled date (``kind`` and ``find`` when already at hand)."""
    kind = kind or event_kind(event)
    text = ""
    if hover:
        conflict = find(event) if find else find_conflict(timeline, event)
        text = merged_hover(event, conflict_summary(conflict) if conflict else "", kind)
    return new_item(event.id, event.title, event.interval, text, -1, kind)


@dataclass
class EventFacts:
    """What every chart of a timeline asks of each of its events, worked out once for all the charts.

    The report draws four charts of one timeline; each asked every event its kind (28,641 events,
    four times) and built its mark anew.
    """

    kinds: list[Factuality]
    """`rows.event_kind` of each event, in the timeline's order."""
    items: dict[bool, list[Item]] = field(default_factory=dict)
    """The event's mark at its reconciled date (`_event_item`), per ``hover``, in the timeline's order."""
    view: tuple[date, date] | None = None
    """The charts' first zoom (`plot.initial_range` of the dated mentions), once ``has_view``."""
    has_view: bool = False
    index: dict[str, int] | None = None
    """Each event's index in the timeline's events by its id (the last of an id), once asked (`event_index`)."""
    in_conflict: dict[str, int] | None = None
    """The same of the events conflicts are about, once asked (`disputed`)."""
    window: tuple[date, date] | None = None
    """`rows.story_window` (the page header's span, and the charts' first zoom with a margin), once ``has_window``."""
    has_window: bool = False

    def disputed(self, timeline: Timeline) -> dict[str, int]:
        """Return the index in ``timeline.events`` of each conflict's event, by its id (found once; to look up)."""
        if self.in_conflict is None:
            index = event_index(timeline)
            wanted = {conflict.event_id for conflict in timeline.conflicts}
            self.in_conflict = {event_id: index[event_id] for event_id in wanted if event_id in index}
        return self.in_conflict


_FACTS: list[tuple[weakref.ref[Timeline], EventFacts]] = []
"""The last timeline's facts: charts of one timeline come one after another (a weak reference: the
timeline is not kept alive, its facts go with it, and a new timeline, even an equal one, gets its own)."""


def event_facts(timeline: Timeline) -> EventFacts:
    """Return the timeline's `EventFacts` (the last timeline's are kept; timelines are immutable)."""
    if _FACTS and _FACTS[0][0]() is timeline:
        return _FACTS[0][1]
    # `rows.event_kind` of each event; most are told once, and that telling's factuality is their kind
    facts = EventFacts([p[0].factuality if len(p := e.provenance) == 1 else event_kind(e) for e in timeline.events])
    _FACTS[:] = [(weakref.ref(timeline, _forget), facts)]
    return facts


def event_index(timeline: Timeline) -> dict[str, int]:
    """Return each event's index in ``timeline.events`` by its id, worked out once per timeline (do not change it).

    The page's four charts name their events by index (`report.figure_data`), each asked the same 28,700 ids.
    """
    facts = event_facts(timeline)
    if facts.index is None:
        # the events' marks, when made, hold their ids in order: read there, not from each event again
        made = next(iter(facts.items.values()), None)
        ids = map(_EVENT_ID, made) if made is not None else map(_ID, timeline.events)
        facts.index = dict(zip(ids, count()))  # the last of an id, as a dict of them all
    return facts.index


def story_window(timeline: Timeline) -> tuple[date, date] | None:
    """Return `rows.story_window` of the timeline, worked out once per timeline.

    The page's header shows it and every chart opens on it (`plot.chart_view`): one pass over the 30,000
    mentions' intervals, not one in the page and one in the charts' code. The intervals of
    `rows.mention_intervals` (every event has a mention: its fallback is never needed), read one at a time.
    """
    facts = event_facts(timeline)
    if not facts.has_window:
        dated = (p.interval or event.interval for event in timeline.events for p in event.provenance)
        facts.window, facts.has_window = central_span(dated), True
    return facts.window


def distinct_events(timeline: Timeline) -> bool:
    """Say whether the timeline's events have distinct ids: their `event_items` then have distinct `item_key`s."""
    return len(event_index(timeline)) == len(timeline.events)


def _forget(ref: weakref.ref[Timeline]) -> None:
    """Drop a timeline's facts when it is gone (its marks would hold its titles and intervals)."""
    if _FACTS and _FACTS[0][0] is ref:
        _FACTS.clear()


def event_items(timeline: Timeline, *, hover: bool) -> list[Item]:
    """Return each event's mark at its reconciled date, in the timeline's order (see `EventFacts`)."""
    facts = event_facts(timeline)
    items = facts.items.get(hover)
    if items is None and not hover:  # the page's charts: `_event_item` without a hover text, inlined
        items = facts.items[hover] = [
            new_item(event.id, event.title, event.interval, "", -1, kind)
            for event, kind in zip(timeline.events, facts.kinds, strict=True)
        ]
    elif items is None:
        find = conflict_finder(timeline)
        items = facts.items[hover] = [
            _event_item(timeline, event, hover=hover, kind=kind, find=find)
            for event, kind in zip(timeline.events, facts.kinds, strict=True)
        ]
    return items


def _source_plan(timeline: Timeline, *, hover: bool) -> LanePlan:
    # each source's marks, by its lane's label: the labels the mentions give are found on the way
    added: defaultdict[str, list[Item]] = defaultdict(list)
    for event in timeline.events:
        for ref, prov in enumerate(event.provenance):
            interval = prov.interval or event.interval
            text = source_hover(event, prov, interval) if hover else ""
            item = new_item(event.id, event.title, interval, text, ref, prov.factuality)
            added[source_label(prov.source, prov.article_id)].append(item)
    merged = Lane(MERGED_LANE, MERGED_LANE, MERGED_COLOR, merged=True)
    lanes = {MERGED_LANE: merged}
    for i, label in enumerate(_lane_labels(timeline, added)):
        lanes.setdefault(label, Lane(label, label, LANE_COLORS[i % len(LANE_COLORS)]))
    merged.extend(event_items(timeline, hover=hover), distinct=distinct_events(timeline))
    for label, lane in lanes.items():
        if label in added:
            lane.extend(added[label])
    claim_lanes: list[list[str | None]] = [[claim_label(c) for c in conflict.claims] for conflict in timeline.conflicts]
    return LanePlan(list(lanes.values()), claim_lanes)


_ACTOR_ID = attrgetter("actor_id")
_ACTORS = attrgetter("actors")


def _actor_lanes(timeline: Timeline) -> tuple[list[Lane], list[tuple[str, ...]]]:
    """Return the actor lanes and, per event (in the timeline's order), the keys of its lanes (in lane order)."""
    # each event's main actors' ids, once each, then counted (an event of one actor or none, most, has no call)
    ids_of = [
        (a[0].actor_id,) if len(a) == 1 else tuple(dict.fromkeys(map(_ACTOR_ID, _main_of(a)))) if a else ()
        for a in map(_ACTORS, timeline.events)
    ]
    ids = list(chain.from_iterable(ids_of))
    counts = Counter(ids)
    # only an actor in at least as many events as the one ranked last can be ranked: the others need no sort key
    least = sorted(counts.values(), reverse=True)[MAX_ACTOR_LANES - 1] if len(counts) > MAX_ACTOR_LANES else 0
    ranked = [a for a, n in counts.items() if n >= least]
    # an id's name is the one it has (its last actor of that id) in the first event naming it: for the ranked only
    owners = chain.from_iterable(map(repeat, range(len(ids_of)), map(len, ids_of)))  # the event of each of ``ids``
    first = dict(zip(reversed(ids), reversed(list(owners)), strict=True))
    events = timeline.events
    names = {a: [actor for actor in main_actors(events[first[a]]) if actor.actor_id == a][-1].name for a in ranked}
    top = sorted(ranked, key=lambda a: (-counts[a], *_casefold_key(names[a]), a))[:MAX_ACTOR_LANES]
    top.sort(key=lambda a: (*_casefold_key(names[a]), a))
    same_name = Counter(names[a] for a in top)
    lanes = [
        Lane(
            f"actor:{a}",
            names[a] if same_name[names[a]] == 1 else f"{names[a]} ({a})",
            LANE_COLORS[i % len(LANE_COLORS)],
        )
        for i, a in enumerate(top)
    ]
    lanes.append(Lane("other-actors", OTHER_ACTORS_LANE, REST_COLOR))
    lanes.append(Lane("no-actor", NO_ACTOR_LANE, REST_COLOR))
    # an actor's lane as its index in `top` (the lanes' order), and each lane's keys as one shared tuple
    own = {a: i for i, a in enumerate(top)}
    alone = [(lane.key,) for lane in lanes]
    other, nobody = alone[-2], alone[-1]
    keys: list[tuple[str, ...]] = []
    for event_ids in ids_of:
        if len(event_ids) == 1:  # most events: one lane, their actor's or the others'
            index = own.get(event_ids[0])
            keys.append(other if index is None else alone[index])
            continue
        mine = {own[a] for a in event_ids if a in own}
        if len(mine) > 1:
            keys.append(tuple(lanes[i].key for i in sorted(mine)))
        else:
            keys.append(alone[mine.pop()] if mine else other if event_ids else nobody)
    return lanes, keys


def _kind_lanes(timeline: Timeline) -> tuple[list[Lane], list[tuple[str, ...]]]:
    """Return the kind lanes (only kinds that occur, in `KIND_ORDER`) and each event's lane key (in order)."""
    kinds = event_facts(timeline).kinds
    present = set(kinds)
    # a kind keeps its colour whichever kinds occur
    lanes = [
        Lane(kind, kind, LANE_COLORS[i % len(LANE_COLORS)]) for i, kind in enumerate(KIND_ORDER) if kind in present
    ]
    own = {kind: (kind,) for kind in present}
    return lanes, list(map(own.__getitem__, kinds))


def _claim_ref(event: CanonicalEvent, article_id: str, interval: DateInterval) -> int:
    """Return the index of the provenance entry behind a claim (-1 when none matches)."""
    refs = [i for i, p in enumerate(event.provenance) if p.article_id == article_id]
    exact = [i for i in refs if (event.provenance[i].interval or event.interval) == interval]
    return (exact or refs or [-1])[0]


def _grouped_plan(timeline: Timeline, mode: LaneMode, *, hover: bool) -> LanePlan:
    """Actor or kind lanes: each event at its reconciled date in each of its lanes, its claims in the first."""
    lanes, keys = _actor_lanes(timeline) if mode == "actor" else _kind_lanes(timeline)
    by_key = {lane.key: lane for lane in lanes}
    added: dict[str, list[Item]] = {key: [] for key in by_key}
    for item, lane_keys in zip(event_items(timeline, hover=hover), keys, strict=True):
        for key in lane_keys:
            added[key].append(item)
    distinct = distinct_events(timeline)  # an event is once in each of its lanes
    for key, items in added.items():
        by_key[key].extend(items, distinct=distinct)
    disputed = event_facts(timeline).disputed(timeline)
    claim_lanes: list[list[str | None]] = []
    for conflict in timeline.conflicts:
        index = disputed.get(conflict.event_id)
        key = keys[index][0] if index is not None else None
        claim_lanes.append([key] * len(conflict.claims))
        if index is None or key is None:
            continue
        event = timeline.events[index]
        for claim in conflict.claims:
            ref = _claim_ref(event, claim.article_id, claim.interval)
            prov = event.provenance[ref] if ref >= 0 else None
            text = source_hover(event, prov, claim.interval) if hover and prov else ""
            kind = prov.factuality if prov else event_kind(event)
            by_key[key].add(new_item(event.id, event.title, claim.interval, text, ref, kind))
    shown = [lane for lane in lanes if lane.items]
    return LanePlan(shown, claim_lanes)


def build_lanes(timeline: Timeline, mode: LaneMode = "source", *, hover: bool = True) -> LanePlan:
    """Return the lanes of a mode with their items (not yet packed into tracks).

    Args:
        timeline: the merged timeline.
        mode: "source" (default), "actor" or "kind" (see the module docstring).
        hover: write each item's hover text (False leaves them empty: the page builds them).

    Returns:
        The lanes, top to bottom, and where each conflict claim is drawn.

    Raises:
        ValueError: for an unknown mode.
    """
    if mode == "source":
        return _source_plan(timeline, hover=hover)
    if mode in ("actor", "kind"):
        return _grouped_plan(timeline, mode, hover=hover)
    raise ValueError(f"lanes must be one of {', '.join(LANE_MODES)}, not {mode!r}")

"""The chart's lanes by source, actor and kind: every event present in every mode, conflicts joined, kinds styled."""

from __future__ import annotations

import gc
import json
import weakref
from collections import Counter
from typing import Any

import pytest

from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
from timeline.models import CanonicalEvent, EventActor, Timeline
from timeline.render import lanes as lanes_module
from timeline.render.figure import build_figure, figure_json
from timeline.render.lanes import (
    CHART_MODES,
    LANE_MODES,
    NO_ACTOR_LANE,
    OTHER_ACTORS_LANE,
    build_lanes,
    event_facts,
    main_actors,
)
from timeline.render.plot import CHOSEN_LEGEND, CONFLICT_LEGEND, KIND_PATTERNS, KIND_SYMBOLS
from timeline.render.report import render_embed, render_report
from timeline.render.rows import event_kind


def _told_as(event: CanonicalEvent, *kinds: str) -> CanonicalEvent:
    """Return the event with its provenance entries told with these factualities, in order."""
    provenance = tuple(p.model_copy(update={"factuality": k}) for p, k in zip(event.provenance, kinds, strict=True))
    return event.model_copy(update={"provenance": provenance})


def _with_actors(event: CanonicalEvent, *actors: tuple[str, str]) -> CanonicalEvent:
    """Return the event with these (name, role) actors."""
    listed = tuple(EventActor(actor_id=f"a-{name.lower()}", name=name, role=role) for name, role in actors)
    return event.model_copy(update={"actors": listed})


def _story() -> Timeline:
    """The sample story with actors and roles, a planned event and one that a source says did not happen."""
    timeline = make_timeline()
    globe, copy = timeline.articles
    e1, e2, e3 = timeline.events
    summit = make_event(
        "ev-004",
        "Summit to be held",
        make_interval("2024-03-01", "2024-03-31", "month"),
        (
            make_provenance(
                globe, "A summit will be held in March.", "in March", make_interval("2024-03-01", "2024-03-31", "month")
            ),
        ),
    )
    vote = make_event(
        "ev-005",
        "Vote",
        make_interval("2024-02-20"),
        (
            make_provenance(globe, "The vote was held on Feb. 20.", "on Feb. 20", make_interval("2024-02-20")),
            make_provenance(copy, "Le vote n'a pas eu lieu on Feb. 20.", "on Feb. 20", make_interval("2024-02-20")),
        ),
    )
    events = (
        _with_actors(e1, ("Opposition", "agent"), ("Minister", "patient")),
        _with_actors(_told_as(e2, "reported", "reported")),
        _with_actors(e3, ("Minister", "agent"), ("Cabinet", "agent"), ("Press", "other")),
        _with_actors(_told_as(summit, "planned"), ("Minister", "agent")),
        _with_actors(_told_as(vote, "asserted", "negated"), ("Council", "patient"), ("Press", "other")),
    )
    return timeline.model_copy(update={"events": events})


def _marks(fig: dict[str, Any]) -> list[tuple[str, str, int]]:
    """Return (lane, event id, provenance ref) of every mark of the lanes, stacked ones included."""
    out = []
    for trace in fig["data"]:
        meta = trace["meta"]
        if meta["kind"] not in ("merged", "lane"):
            continue
        for i, event_id in enumerate(trace["customdata"]):
            out.append((meta["lane"], event_id, meta["refs"][i]))
            for stacked_id, ref in meta.get("stacks", {}).get(str(i), []):
                out.append((meta["lane"], stacked_id, ref))
    return out


def _lean(timeline: Timeline, mode: str) -> dict[str, Any]:
    return build_figure(timeline, hover=False, lanes=mode).to_dict()


@pytest.mark.parametrize("mode", LANE_MODES)
def test_lanes_every_event_is_drawn_in_every_mode(mode: str) -> None:
    timeline = _story()
    events = {e.id for e in timeline.events}
    whole = {event_id for _, event_id, ref in _marks(_lean(timeline, mode)) if ref == -1}
    assert whole == events  # each event drawn at its reconciled date at least once


@pytest.mark.parametrize("mode", LANE_MODES)
def test_lanes_every_event_is_drawn_in_every_mode_of_a_crowded_day(mode: str) -> None:
    globe, copy = default_articles()
    day = make_interval("2024-02-09")
    events = tuple(
        make_event(f"ev-{i:03d}", f"Event {i}", day, (make_provenance(globe, f"On Friday ({i}).", "On Friday", day),))
        for i in range(30)
    )
    timeline = make_timeline(articles=(globe, copy), events=events, conflicts=())
    whole = Counter(event_id for _, event_id, ref in _marks(_lean(timeline, mode)) if ref == -1)
    assert whole == Counter({e.id: 1 for e in events})  # stacked past the track limit, none lost


def test_lanes_by_actor_follow_the_main_actors() -> None:
    timeline = _story()
    fig = _lean(timeline, "actor")
    assert fig["layout"]["yaxis"]["ticktext"] == ["Cabinet", "Council", "Minister", "Opposition", NO_ACTOR_LANE]
    lanes_of = {}
    for lane, event_id, ref in _marks(fig):
        if ref == -1:
            lanes_of.setdefault(event_id, []).append(lane)
    assert lanes_of["ev-001"] == ["Opposition"]  # its agent, not the minister it acts on
    assert sorted(lanes_of["ev-003"]) == ["Cabinet", "Minister"]  # both agents, not the press
    assert lanes_of["ev-005"] == ["Council"]  # no agent: its patient
    assert lanes_of["ev-004"] == ["Minister"]
    assert lanes_of["ev-002"] == [NO_ACTOR_LANE]


@pytest.mark.parametrize(
    ("actors", "expected"),
    [
        ((("A", "agent"), ("B", "patient"), ("C", "other")), ["A"]),
        ((("B", "patient"), ("C", "other")), ["B"]),
        ((("C", "other"), ("D", "other")), ["C", "D"]),
        ((("E", "other"),), ["E"]),
        ((("F", "patient"),), ["F"]),
        ((), []),
    ],
)
def test_lanes_main_actors(actors: tuple[tuple[str, str], ...], expected: list[str]) -> None:
    event = _with_actors(make_timeline().events[0], *actors)
    assert [a.name for a in main_actors(event)] == expected


def test_lanes_actors_past_the_limit_share_a_lane(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lanes_module, "MAX_ACTOR_LANES", 1)
    timeline = _story()
    plan = build_lanes(timeline, "actor", hover=False)
    labels = [lane.label for lane in plan.lanes]
    assert labels == ["Minister", OTHER_ACTORS_LANE, NO_ACTOR_LANE]  # the minister is in the most events
    other = next(lane for lane in plan.lanes if lane.label == OTHER_ACTORS_LANE)
    assert sorted({it.event_id for it in other.items}) == ["ev-001", "ev-005"]


def test_an_actor_lane_is_named_as_the_first_event_naming_the_actor_names_it() -> None:
    """The first event's name (its last actor of that id there), whatever later events call the actor."""
    base = make_timeline().events
    named = [
        ("Mrs. Smith", "Jane Smith", "Smith"),  # the first event names her twice: the last of the two counts
        ("J. Smith",),
        ("Smith",),
    ]
    events = tuple(
        event.model_copy(
            update={"actors": tuple(EventActor(actor_id="a-smith", name=name, role="agent") for name in names)}
        )
        for event, names in zip(base, named, strict=True)
    )
    timeline = make_timeline(events=events, conflicts=())
    plan = build_lanes(timeline, "actor", hover=False)
    assert [lane.label for lane in plan.lanes] == ["Smith"]
    assert [it.event_id for it in plan.lanes[0].items] == [e.id for e in events]
    reordered = make_timeline(events=(events[1], events[0], events[2]), conflicts=())
    assert [lane.label for lane in build_lanes(reordered, "actor", hover=False).lanes] == ["J. Smith"]


def test_lanes_by_kind_use_the_majority_kind() -> None:
    timeline = _story()
    fig = _lean(timeline, "kind")
    assert fig["layout"]["yaxis"]["ticktext"] == ["asserted", "reported", "planned"]
    lane_of = {event_id: lane for lane, event_id, ref in _marks(fig) if ref == -1}
    assert lane_of == {
        "ev-001": "asserted",
        "ev-002": "reported",
        "ev-003": "asserted",
        "ev-004": "planned",
        "ev-005": "asserted",  # one source says it happened, one that it did not: a tie goes to asserted
    }


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (("asserted",), "asserted"),
        (("planned", "planned", "asserted"), "planned"),
        (("negated", "hypothetical"), "hypothetical"),
        (("reported", "planned"), "reported"),
    ],
)
def test_lanes_event_kind(kinds: tuple[str, ...], expected: str) -> None:
    globe, _ = default_articles()
    day = make_interval("2024-02-09")
    provenance = tuple(
        make_provenance(globe, f"It happens on Friday ({i}).", "on Friday", day, sentence_start=10 * i)
        for i in range(len(kinds))
    )
    event = _told_as(make_event("ev-x", "X", day, provenance), *kinds)
    assert event_kind(event) == expected


@pytest.mark.parametrize("mode", LANE_MODES)
def test_lanes_conflicts_are_joined_and_marked_in_every_mode(mode: str) -> None:
    timeline = _story()
    fig = _lean(timeline, mode)
    layout = fig["layout"]
    conflict = next(t for t in fig["data"] if t["name"] == CONFLICT_LEGEND)
    kept = next(t for t in fig["data"] if t["name"] == CHOSEN_LEGEND)
    assert conflict["x"] == ["2024-02-08", "2024-01-04"] and conflict["line"]["dash"] == "dash"
    assert conflict["marker"]["symbol"] == "x"
    assert kept["x"] == ["2024-02-08"] and kept["y"] == conflict["y"][:1]
    # each claim sits on a drawn mark of the event at the claim's date
    marks = {
        (x, y)
        for t in fig["data"]
        if t["meta"]["kind"] in ("merged", "lane") and t["type"] == "scatter"
        for x, y, event_id in zip(t["x"], t["y"], t["customdata"], strict=True)
        if event_id == "ev-003"
    }
    assert set(zip(conflict["x"], conflict["y"], strict=True)) <= marks
    ticks = layout["yaxis"]["tickvals"]
    lanes = {
        layout["yaxis"]["ticktext"][min(range(len(ticks)), key=lambda i: abs(ticks[i] - y))] for y in conflict["y"]
    }
    expected = {
        "source": {"The Globe and Mail", "Translated copy"},
        "actor": {"Cabinet"},  # the event's first lane
        "kind": {"asserted"},
    }[mode]
    assert lanes == expected


def test_lanes_kinds_are_styled_not_only_by_colour() -> None:
    fig = _lean(_story(), "source")
    symbols = []
    patterns = []
    for trace in fig["data"]:
        if trace["meta"]["kind"] not in ("merged", "lane"):
            continue
        marker = trace["marker"]
        if trace["type"] == "scatter":
            symbol = marker["symbol"]
            symbols.extend(symbol if isinstance(symbol, list) else [symbol] * len(trace["x"]))
        else:
            patterns.extend(marker.get("pattern", {}).get("shape", [""] * len(trace["x"])))
    assert KIND_SYMBOLS["negated"] in symbols  # the copy says the vote did not happen
    assert KIND_PATTERNS["planned"] in patterns  # the March summit, a month: a hatched bar
    assert set(KIND_SYMBOLS.values()) >= {"circle", "circle-open"}
    assert len({KIND_SYMBOLS[k] for k in ("planned", "hypothetical", "negated")}) == 3


def test_lanes_planned_point_is_hollow_with_a_visible_outline() -> None:
    globe, copy = default_articles()
    day = make_interval("2024-02-12")
    event = _told_as(
        make_event("ev-p", "Talks", day, (make_provenance(globe, "Talks on Monday.", "on Monday", day),)), "planned"
    )
    fig = _lean(make_timeline(articles=(globe, copy), events=(event,), conflicts=()), "kind")
    trace = next(t for t in fig["data"] if t["type"] == "scatter")
    assert trace["marker"]["symbol"] == ["circle-open"]
    assert trace["marker"]["line"]["width"] == [2]


@pytest.mark.parametrize("mode", LANE_MODES)
def test_lanes_output_is_deterministic(mode: str) -> None:
    first = render_report(_story(), plotlyjs="cdn", lanes=mode)
    second = render_report(_story(), plotlyjs="cdn", lanes=mode)
    assert first == second
    assert render_embed(_story(), lanes=mode) == render_embed(_story(), lanes=mode)
    assert build_figure(_story(), lanes=mode).to_json() == build_figure(_story(), lanes=mode).to_json()


def test_lanes_unknown_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="source, actor, kind"):
        build_lanes(_story(), "outlet")  # type: ignore[arg-type]


def test_lanes_hover_texts_name_the_kind() -> None:
    hovers = [h for t in build_figure(_story(), lanes="kind").to_dict()["data"] for h in t["hovertext"] if h]
    assert any(h.startswith("<b>Summit to be held</b>") and "kind: planned" in h for h in hovers)
    assert not any("kind: asserted" in h or "kind: reported" in h for h in hovers)


def _crowded_story() -> Timeline:
    """The sample story plus a crowded day (past the track limit: stacked marks) and long periods."""
    timeline = _story()
    globe, _ = timeline.articles
    day = make_interval("2024-02-09")
    crowd = [
        make_event(
            f"ev-c{i:02d}", f"Crowd {i} & <co>", day, (make_provenance(globe, f"On Friday {i}.", "On Friday", day),)
        )
        for i in range(16)
    ]
    year = make_interval("2023-01-01", "2023-12-31", "year")
    decade = make_interval("1990-01-01", "1999-12-31", "decade")
    periods = [
        make_event(f"ev-p{i}", f"Period {i}", iv, (make_provenance(globe, "In those years.", "years", iv),))
        for i, iv in enumerate((year, year, decade))
    ]
    return timeline.model_copy(update={"events": (*timeline.events, *crowd, *periods)})


@pytest.mark.parametrize("mode", CHART_MODES)
@pytest.mark.parametrize("hover", [True, False])
@pytest.mark.parametrize("story", [_story, _crowded_story, lambda: Timeline(engine_version="0", settings_digest="x")])
def test_figure_json_is_what_plotly_makes_of_the_figure(mode: str, hover: bool, story: Any) -> None:
    """The report's charts skip plotly's graph objects: their JSON must be, value for value, plotly's own.

    A plotly upgrade that validates a value differently (a number's type, a template's content, an
    array's form) fails here instead of changing the page unseen.
    """
    timeline = story()
    ours = figure_json(timeline, hover=hover, lanes=mode)
    plotly = build_figure(timeline, hover=hover, lanes=mode).to_plotly_json()
    assert json.dumps(ours, sort_keys=True) == json.dumps(plotly, sort_keys=True)


def test_charts_of_one_timeline_share_its_facts_and_another_timeline_gets_its_own() -> None:
    """Kinds, marks and first zoom are worked out once per timeline; a copy or a changed one gets its own."""
    story = _story()
    retold = story.model_copy(update={"events": (_told_as(story.events[0], "hypothetical"), *story.events[1:])})
    assert event_facts(story) is event_facts(story)
    first = json.dumps(figure_json(story, hover=True, lanes="kind"), sort_keys=True)
    changed = json.dumps(figure_json(retold, hover=True, lanes="kind"), sort_keys=True)
    assert changed != first and "hypothetical" in changed and "hypothetical" not in first
    assert json.dumps(figure_json(story, hover=True, lanes="kind"), sort_keys=True) == first
    assert event_facts(story.model_copy()) is not event_facts(story)


def test_a_timeline_s_facts_go_with_it() -> None:
    story = _story()
    figure_json(story, hover=False, lanes="actor")
    gone = weakref.ref(story)
    del story
    gc.collect()
    assert gone() is None and not lanes_module._FACTS


def test_lane_items_know_their_dates_and_a_lane_keeps_one_per_event_and_dates() -> None:
    month = make_interval("2024-01-01", "2024-01-31", "month")
    item = lanes_module.new_item("ev-1", "Inquiry", month, "", -1, "planned")
    assert (item.first, item.last) == (month.earliest.toordinal(), month.latest.toordinal())
    assert item.dates == (month.earliest, month.latest, "month") and item.kind == "planned"
    same_days_as_weeks = month.model_copy(update={"granularity": "week"})
    items = [
        item,
        lanes_module.new_item("ev-1", "Inquiry", month, "copy", 0),  # the same event and dates: not again
        lanes_module.new_item("ev-1", "Inquiry", same_days_as_weeks, "", 1),
        lanes_module.new_item("ev-2", "Other", month, "", -1),
    ]
    added, extended = lanes_module.Lane("a", "a", "#000000"), lanes_module.Lane("b", "b", "#000000")
    for one in items:
        added.add(one)
    extended.extend(items)
    assert added.items == extended.items == [items[0], items[2], items[3]]


def test_a_lane_filled_with_distinct_items_still_keeps_one_per_event_and_dates() -> None:
    month = make_interval("2024-01-01", "2024-01-31", "month")
    day = make_interval("2024-01-09")
    first = [lanes_module.new_item("ev-1", "Inquiry", month, "", -1), lanes_module.new_item("ev-2", "Vote", day, "", 0)]
    lane = lanes_module.Lane("a", "a", "#000000")
    lane.extend(first, distinct=True)
    assert lane.items == first and lane.items is not first
    claim = lanes_module.new_item("ev-1", "Inquiry", month, "claim", 0)  # a claim at its event's dates: not again
    lane.add(claim)
    lane.extend([claim, lanes_module.new_item("ev-2", "Vote", day, "claim", 1)], distinct=True)  # not the first fill
    assert lane.items == first
    lane.add(lanes_module.new_item("ev-1", "Inquiry", day, "claim", 1))
    assert [item.key for item in lane.items] == [first[0].key, first[1].key, ("ev-1", day.earliest, day.latest, "day")]


def test_distinct_events_says_whether_every_event_id_is_another() -> None:
    story = _story()
    assert lanes_module.distinct_events(story)
    twice = story.model_copy(update={"events": (*story.events, story.events[0])})
    assert not lanes_module.distinct_events(twice)


def test_actor_lanes_of_events_with_one_actor_none_or_several() -> None:
    globe, copy = default_articles()
    day = make_interval("2024-02-09")

    def event(i: int, *actors: tuple[str, str]) -> CanonicalEvent:
        prov = make_provenance(globe, f"On Friday {i}.", "On Friday", day)
        base = make_event(f"ev-{i}", f"Event {i}", day, (prov,))
        cast = tuple(EventActor(actor_id=f"a-{name}", name=name.title(), role=role) for name, role in actors)
        return base.model_copy(update={"actors": cast})

    events = (
        event(0, ("israel", "agent")),
        event(1),
        event(2, ("hamas", "patient"), ("israel", "agent"), ("israel", "agent")),  # its agent, once
        event(3, ("qatar", "other"), ("egypt", "other")),  # no agent nor patient: everyone it names
    )
    story = make_timeline(articles=(globe, copy), events=events, conflicts=())
    lanes, keys = lanes_module._actor_lanes(story)
    assert keys == [("actor:a-israel",), ("no-actor",), ("actor:a-israel",), ("actor:a-egypt", "actor:a-qatar")]
    assert [lane.label for lane in lanes] == ["Egypt", "Israel", "Qatar", "other actors", "no actor"]


@pytest.mark.parametrize("marks_first", [False, True])
def test_event_index_is_each_id_s_last_position_read_from_the_events_or_their_marks(marks_first: bool) -> None:
    story = _story()
    twice = story.model_copy(update={"events": (*story.events, story.events[0])})
    if marks_first:
        lanes_module.event_items(twice, hover=False)
    expected = {event.id: i for i, event in enumerate(twice.events)}
    assert lanes_module.event_index(twice) == expected and expected[story.events[0].id] == len(story.events)

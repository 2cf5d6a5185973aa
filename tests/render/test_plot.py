from __future__ import annotations

import json
from datetime import date
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
from timeline.models import Timeline
from timeline.render import plot
from timeline.render.figure import build_figure
from timeline.render.plot import (
    CHOSEN_LEGEND,
    CONFLICT_LEGEND,
    DENSE_MARKS,
    LONG_BAR_WIDTH,
    LONG_OPACITY,
    MAX_TRACKS,
    MERGED_LANE,
    PERIOD_TRACKS,
    chart_view,
    initial_range,
)

LANES = [MERGED_LANE, "The Globe and Mail", "Translated copy"]


def _traces(timeline: Timeline | None = None, **kwargs: Any) -> list[dict[str, Any]]:
    return build_figure(timeline or make_timeline(), **kwargs).to_dict()["data"]


def _lane_of(layout: dict[str, Any], y: float) -> str:
    """Return the lane label whose tick is nearest to y."""
    ticks = layout["yaxis"]["tickvals"]
    best = min(range(len(ticks)), key=lambda i: abs(ticks[i] - y))
    return layout["yaxis"]["ticktext"][best]


def _day_events(n: int, day: str = "2024-02-09") -> Timeline:
    globe, copy = default_articles()
    events = tuple(
        make_event(
            f"ev-{i:03d}",
            f"Event {i}",
            make_interval(day),
            (make_provenance(globe, f"It happened on Friday {i}.", "on Friday", make_interval(day)),),
        )
        for i in range(n)
    )
    return make_timeline(articles=(globe, copy), events=events, conflicts=())


def test_lane_traces_in_lane_order_and_lanes_labelled_on_the_axis() -> None:
    fig = build_figure(make_timeline()).to_dict()
    layout = fig["layout"]
    assert layout["yaxis"]["ticktext"] == LANES
    ticks = layout["yaxis"]["tickvals"]
    assert ticks == sorted(ticks)  # merged lane first, at the top (the axis is reversed)
    assert layout["yaxis"]["range"][0] > layout["yaxis"]["range"][1]
    lane_traces = [t for t in fig["data"] if t.get("legendgroup") != "conflicts"]
    assert list(dict.fromkeys(t["name"] for t in lane_traces)) == LANES
    for trace in lane_traces:
        assert {_lane_of(layout, y) for y in trace["y"]} == {trace["name"]}
        assert trace["showlegend"] is False  # lanes are named on the axis; the legend explains conflicts


def test_day_events_are_markers_month_events_are_range_bars() -> None:
    traces = _traces()
    merged_points = next(t for t in traces if t["type"] == "scatter" and t["name"] == MERGED_LANE)
    assert merged_points["mode"] == "markers"
    assert merged_points["x"] == ["2023-11-15", "2024-02-08"]
    bars = [t for t in traces if t["type"] == "bar"]
    assert {t["name"] for t in bars} == set(LANES)
    for bar in bars:
        assert bar["orientation"] == "h"
        assert bar["base"] == ["2024-01-01"]
        assert bar["x"] == [31 * 86_400_000]  # 2024-01-01 to 2024-02-01 (latest + 1 day)
        assert bar["customdata"] == ["ev-002"]


def test_same_day_events_get_their_own_tracks() -> None:
    fig = build_figure(_day_events(3)).to_dict()
    points = [t for t in fig["data"] if t["type"] == "scatter" and t["name"] == MERGED_LANE][0]
    assert len(set(points["y"])) == 3  # three events on one day: three tracks, none hidden
    assert sorted(points["customdata"]) == ["ev-000", "ev-001", "ev-002"]


def test_past_the_track_limit_events_are_stacked_not_lost() -> None:
    n = MAX_TRACKS + 4
    timeline = _day_events(n)
    fig = build_figure(timeline).to_dict()
    merged = next(t for t in fig["data"] if t["name"] == MERGED_LANE)
    assert len(merged["x"]) == MAX_TRACKS
    assert "+4 more here" in "".join(merged["hovertext"])
    lean = build_figure(timeline, hover=False).to_dict()["data"]
    merged = next(t for t in lean if t["name"] == MERGED_LANE)
    stacked = [e for stack in merged["meta"]["stacks"].values() for e, _ in stack]
    assert sorted(merged["customdata"] + stacked) == [f"ev-{i:03d}" for i in range(n)]


def test_long_periods_are_thin_and_do_not_set_the_zoom() -> None:
    globe, copy = default_articles()
    past = make_interval("2023-10-08", "2024-02-08", "month")  # "the past four months"
    events = (
        make_event("ev-long", "Long war", past, (make_provenance(globe, "for the past four months", "past", past),)),
        make_event(
            "ev-day",
            "Talks",
            make_interval("2024-02-06"),
            (make_provenance(globe, "on Tuesday", "on Tuesday", make_interval("2024-02-06")),),
        ),
        make_event(
            "ev-day2",
            "Visit",
            make_interval("2024-02-08"),
            (make_provenance(globe, "on Thursday", "on Thursday", make_interval("2024-02-08")),),
        ),
    )
    fig = build_figure(make_timeline(articles=(globe, copy), events=events, conflicts=())).to_dict()
    thin = [t for t in fig["data"] if t["type"] == "bar"]
    assert thin and all(t["width"] == LONG_BAR_WIDTH for t in thin)
    first, last = fig["layout"]["xaxis"]["range"]
    assert "2024-01-25" <= first <= "2024-02-06"  # the two days and a margin, not October
    assert "2024-02-09" <= last <= "2024-02-20"


def test_long_vague_periods_are_a_faint_band_at_the_bottom_of_each_lane() -> None:
    """A big story's months, years and decades do not fill the lanes: at most PERIOD_TRACKS faint rows below."""
    globe, copy = default_articles()
    periods = [make_interval("2024-01-01", "2024-01-31", "month")]
    periods += [make_interval(f"{y}-01-01", f"{y}-12-31", "year") for y in range(2015, 2024)]
    periods += [make_interval(f"{d}-01-01", f"{d + 9}-12-31", "decade") for d in (1990, 2000, 2010)]
    events = [
        make_event(f"ev-p{i:02d}", f"Period {i}", p, (make_provenance(globe, f"It went on then {i}.", "then", p),))
        for i, p in enumerate(periods)
    ]
    events += [
        make_event(f"ev-d{i}", f"Day {i}", day, (make_provenance(globe, f"It came on Friday {i}.", "on Friday", day),))
        for i, day in enumerate(make_interval(f"2024-02-0{n}") for n in (6, 6, 8))
    ]
    for mode in ("source", "kind", "actor"):
        fig = build_figure(make_timeline(articles=(globe, copy), events=tuple(events), conflicts=()), lanes=mode)
        traces = fig.to_dict()["data"]
        faint = [t for t in traces if t["type"] == "bar" and t["width"] == LONG_BAR_WIDTH]
        days = [t for t in traces if t["type"] == "scatter" and t["name"] in {f["name"] for f in faint}]
        assert {e for t in faint for e in t["customdata"]} == {f"ev-p{i:02d}" for i in range(len(periods))}
        for trace in faint:
            assert trace["marker"]["opacity"] == LONG_OPACITY
            lane_days = [y for t in days if t["name"] == trace["name"] for y in t["y"]]
            assert len(set(trace["y"])) <= PERIOD_TRACKS
            assert min(trace["y"]) > max(lane_days)  # below the lane's days (the y axis runs downwards)
        dotted = [s for s in fig.to_dict()["layout"]["shapes"] if s["type"] == "line"]
        assert len(dotted) == len(faint)  # a dotted line sets each lane's band of periods apart


def test_initial_range_trims_stray_dates_on_big_timelines() -> None:
    days = [make_interval(date(2024, 1, 1 + i % 28).isoformat()) for i in range(200)]
    days.append(make_interval("1948-05-14"))
    first, last = initial_range(days)
    assert first >= date(2023, 12, 1) and last <= date(2024, 2, 10)
    assert initial_range([]) is None


def test_chart_view_is_the_initial_range_of_the_dated_mentions() -> None:
    from timeline.render.rows import mention_intervals

    globe, copy = default_articles()
    undated = make_provenance(copy, "It happened later.", None, None)  # dated by its event
    late = make_event("ev-late", "Late", make_interval("2024-03-20"), (undated,))
    alone = make_timeline(articles=(globe, copy), events=(late,), conflicts=())
    for timeline in (make_timeline(), _day_events(3), alone):
        assert chart_view(timeline) == initial_range(mention_intervals(timeline)) is not None
    assert chart_view(alone)[0] < date(2024, 3, 20) < chart_view(alone)[1]
    assert chart_view(make_timeline(articles=(globe, copy), events=(), conflicts=())) is None


def test_conflict_traces() -> None:
    fig = build_figure(make_timeline()).to_dict()
    traces = fig["data"]
    conflict = [t for t in traces if t["name"] == CONFLICT_LEGEND]
    assert len(conflict) == 1
    trace = conflict[0]
    assert trace["x"] == ["2024-02-08", "2024-01-04"]
    assert [_lane_of(fig["layout"], y) for y in trace["y"]] == ["The Globe and Mail", "Translated copy"]
    assert trace["line"]["dash"] == "dash"
    assert trace["marker"]["symbol"] == "x"
    assert trace["customdata"] == ["ev-003", "ev-003"]
    chosen = next(t for t in traces if t["name"] == CHOSEN_LEGEND)
    assert chosen["x"] == ["2024-02-08"] and chosen["y"] == trace["y"][:1]
    # the conflict traces are drawn last, over the lanes
    assert [t["legendgroup"] for t in traces[-2:]] == ["conflicts", "conflicts"]


def test_all_conflicts_are_one_trace_with_gaps() -> None:
    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    second = conflict.model_copy(update={"id": "cf-2"})
    traces = _traces(timeline.model_copy(update={"conflicts": (conflict, second)}))
    trace = next(t for t in traces if t["name"] == CONFLICT_LEGEND)
    assert trace["x"][2] is None and len(trace["x"]) == 5
    assert trace["customdata"][2] is None


def test_customdata_is_the_canonical_event_id() -> None:
    timeline = make_timeline()
    ids = {e.id for e in timeline.events}
    for trace in _traces(timeline):
        assert len(trace["customdata"]) == len(trace["x"])
        assert set(trace["customdata"]) - {None} <= ids


def test_lean_figure_has_refs_instead_of_hover_texts() -> None:
    traces = _traces(hover=False)
    for trace in traces:
        assert "hovertext" not in trace
        assert len(trace["meta"]["refs"]) == len(trace["x"])
    kinds = [t["meta"]["kind"] for t in traces]
    assert kinds[0] == "merged" and kinds[-2:] == ["conflict", "kept"]
    translated = [t for t in traces if t["meta"].get("lane") == "Translated copy"]
    assert all(ref == 1 for t in translated for ref in t["meta"]["refs"])  # its provenance index
    assert next(t for t in traces if t["meta"]["kind"] == "conflict")["meta"]["refs"] == [[0, 0], [0, 1]]


def test_hover_text_is_escaped_and_informative() -> None:
    globe, _ = default_articles()
    event = make_event(
        "ev-x",
        "<b onmouseover=alert(1)>Title</b>",
        make_interval("2024-02-09"),
        (make_provenance(globe, "It was <i>Friday</i> then.", "<i>Friday</i>", make_interval("2024-02-09")),),
    )
    traces = _traces(make_timeline(events=(event,), conflicts=()))
    hovers = [h for t in traces for h in t["hovertext"]]
    assert hovers and all("<b onmouseover" not in h and "<i>" not in h for h in hovers)
    assert any("&lt;b onmouseover=alert(1)&gt;Title&lt;/b&gt;" in h for h in hovers)
    source_hover = next(h for t in traces if t["name"] == "The Globe and Mail" for h in t["hovertext"])
    assert "date as written: &lt;i&gt;Friday&lt;/i&gt;" in source_hover
    assert "resolved: 2024-02-09" in source_hover
    assert "1 source(s)" in source_hover
    merged_hover = next(h for t in traces if t["name"] == "All sources (merged)" for h in t["hovertext"])
    assert "date as written: &lt;i&gt;Friday&lt;/i&gt;<br>resolved: 2024-02-09" in merged_hover


def test_layout_is_fixed() -> None:
    layout = build_figure(make_timeline()).to_dict()["layout"]
    assert layout["xaxis"]["rangeslider"]["visible"] is True
    assert layout["xaxis"]["type"] == "date"
    assert layout["uirevision"] == "timeline"
    assert layout["height"] >= 360


def test_dense_charts_are_drawn_lean() -> None:
    timeline = _day_events(DENSE_MARKS // 2 + 10)
    fig = build_figure(timeline, hover=False).to_dict()
    assert fig["layout"]["xaxis"]["rangeslider"]["visible"] is True  # marks stack: few drawn
    days = [date(2020, 1, 1).fromordinal(date(2020, 1, 1).toordinal() + 3 * i).isoformat() for i in range(900)]
    globe, copy = default_articles()
    events = tuple(
        make_event(f"ev-{i:04d}", f"E{i}", make_interval(d), (make_provenance(globe, "x", "x", make_interval(d)),))
        for i, d in enumerate(days)
    )
    fig = build_figure(make_timeline(articles=(globe, copy), events=events, conflicts=()), hover=False).to_dict()
    assert fig["layout"]["xaxis"]["rangeslider"]["visible"] is True  # issue #6: always a range slider
    assert all(t["marker"]["line"]["width"] == 0 for t in fig["data"] if t["type"] == "scatter")


def test_figure_is_deterministic() -> None:
    assert build_figure(make_timeline()).to_json() == build_figure(make_timeline()).to_json()


def test_empty_timeline_builds() -> None:
    fig = build_figure(Timeline(engine_version="0", settings_digest="x"))
    assert fig.to_dict()["data"] == []


def test_merged_hover_lists_the_distinct_date_words_up_to_a_few() -> None:
    from timeline.render.hover import WRITTEN_SHOWN, written_line

    globe, copy = default_articles()
    words = ["on Friday", "Friday", "on Friday", "9 February", "that day", "Feb. 9"]
    provenance = tuple(
        make_provenance(globe if i % 2 else copy, f"It happened {w}.", w, make_interval("2024-02-09"))
        for i, w in enumerate(words)
    )
    event = make_event("ev-w", "Talks", make_interval("2024-02-09"), provenance)
    assert WRITTEN_SHOWN == 3
    assert written_line(event) == "date as written: on Friday; Friday; 9 February; …"
    undated = make_event("ev-u", "Talks", make_interval("2024-02-09"), (make_provenance(globe, "Talks.", None, None),))
    assert written_line(undated) == "date as written: (no date words)"


def test_packing_stacks_a_crowded_day_under_its_first_mark_and_knows_every_item_s_track() -> None:
    from timeline.render.lanes import Lane, new_item
    from timeline.render.plot import _pack

    day = make_interval("2024-02-09")
    as_week = day.model_copy(update={"granularity": "week"})  # the same bounds, other dates: a mark of its own
    lane = Lane("lane", "lane", "#000000")
    lane.extend(new_item(f"ev-{i:02d}", f"Event {i}", day, "", -1) for i in range(MAX_TRACKS + 5))
    lane.extend([new_item("ev-00", "Event 0", as_week, "", 0), new_item("ev-99", "Event 99", as_week, "", 0)])
    _pack(lane, 0.5, MAX_TRACKS)
    days = [m for m in lane.marks if m.item.dates[2] == "day"]
    weeks = [m for m in lane.marks if m.item.dates[2] == "week"]
    assert len(lane.marks) == MAX_TRACKS and lane.n_tracks == MAX_TRACKS
    # ev-00 at the week comes right after ev-00 at the day (the same bounds and event: in the order added) and
    # takes a track; ev-99 at the week is stacked under it, the days past the limit under the first day mark
    assert [m.item.event_id for m in weeks] == ["ev-00"] and [i.event_id for i in weeks[0].stacked] == ["ev-99"]
    assert [i.event_id for i in days[0].stacked] == [f"ev-{i:02d}" for i in range(MAX_TRACKS - 1, MAX_TRACKS + 5)]
    lane.offset = 10.0
    assert lane.y("ev-16", day) == 10.0 + days[0].track
    assert lane.y("ev-99", as_week) == 10.0 + weeks[0].track
    assert lane.y("ev-03", day) == 10.0 + days[3].track
    assert lane.y("ev-missing", day) == 10.0
    lane.index_tracks({"ev-99"})  # only the conflicts' events are asked about
    assert lane.y("ev-99", as_week) == 10.0 + weeks[0].track
    assert lane.y("ev-03", day) == 10.0
    lane.index_tracks({"ev-16", "ev-00"})  # one stacked under a mark; one a mark's own item, at two dates
    assert lane.y("ev-16", day) == 10.0 + days[0].track
    assert lane.y("ev-00", day) == 10.0 + days[0].track and lane.y("ev-00", as_week) == 10.0 + weeks[0].track
    assert lane.y("ev-99", as_week) == 10.0 and lane.y("ev-03", day) == 10.0


def test_a_template_plotly_ships_is_read_from_its_file_as_plotly_loads_it_and_another_is_asked_of_plotly() -> None:
    plot._template_json.cache_clear()
    for name in ("plotly_white", "plotly_dark"):
        assert json.loads(plot._template_json(name)) == pio.templates[name].to_plotly_json()
    pio.templates["timeline_test"] = go.layout.Template(layout={"font": {"size": 30}})
    try:
        assert json.loads(plot._template_json("timeline_test"))["layout"]["font"]["size"] == 30
    finally:
        del pio.templates["timeline_test"]
        plot._template_json.cache_clear()


def test_prepare_charts_makes_once_what_every_chart_asks_and_changes_no_chart() -> None:
    from timeline.render.lanes import event_facts
    from timeline.render.report import figure_data
    from timeline.render.rows import mention_intervals, story_window

    prepared, fresh = make_timeline(), make_timeline()  # equal timelines, each with its own facts
    plot.prepare_charts(prepared)
    facts = event_facts(prepared)
    assert False in facts.items and facts.index is not None and facts.in_conflict and facts.has_view
    assert facts.view == initial_range(mention_intervals(prepared)) is not None
    assert facts.window == story_window(fresh) is not None  # `views.story_span` reads it: the header's span
    made = {mode: figure_data(prepared, mode) for mode in ("key", "source", "actor", "kind")}
    assert event_facts(prepared) is facts and facts.items[False] is event_facts(prepared).items[False]
    assert made == {mode: figure_data(fresh, mode) for mode in ("key", "source", "actor", "kind")}

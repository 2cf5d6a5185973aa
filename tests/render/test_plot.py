from __future__ import annotations

from typing import Any

from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
from timeline.models import Timeline
from timeline.render.plot import CHOSEN_LEGEND, CONFLICT_LEGEND, MERGED_LANE, build_figure

LANES = [MERGED_LANE, "The Globe and Mail", "Translated copy"]


def _traces(timeline: Timeline | None = None) -> list[dict[str, Any]]:
    return build_figure(timeline or make_timeline()).to_dict()["data"]


def test_a_trace_per_lane_in_lane_order() -> None:
    traces = _traces()
    lane_traces = [t for t in traces if t.get("legendgroup") != "conflicts"]
    assert all(len(set(t["y"])) == 1 for t in lane_traces)
    assert list(dict.fromkeys(t["y"][0] for t in lane_traces)) == LANES
    assert [t["name"] for t in lane_traces if t.get("showlegend", True)] == LANES


def test_lanes_are_categories_top_down() -> None:
    layout = build_figure(make_timeline()).to_dict()["layout"]
    assert layout["yaxis"]["categoryarray"] == LANES
    assert layout["yaxis"]["range"] == [2.5, -0.5]


def test_day_events_are_markers_month_events_are_range_bars() -> None:
    traces = _traces()
    merged_points = next(t for t in traces if t["type"] == "scatter" and t["y"][0] == MERGED_LANE)
    assert merged_points["mode"] == "markers"
    assert merged_points["x"] == ["2023-11-15", "2024-02-08"]
    bars = [t for t in traces if t["type"] == "bar"]
    assert {t["y"][0] for t in bars} == set(LANES)
    for bar in bars:
        assert bar["orientation"] == "h"
        assert bar["base"] == ["2024-01-01"]
        assert bar["x"] == [31 * 86_400_000]  # 2024-01-01 to 2024-02-01 (latest + 1 day)
        assert bar["customdata"] == ["ev-002"]


def test_conflict_traces() -> None:
    traces = _traces()
    conflict = [t for t in traces if t["name"] == CONFLICT_LEGEND]
    assert len(conflict) == 1
    trace = conflict[0]
    assert trace["x"] == ["2024-02-08", "2024-01-04"]
    assert trace["y"] == ["The Globe and Mail", "Translated copy"]
    assert trace["line"]["dash"] == "dash"
    assert trace["marker"]["symbol"] == "x"
    assert trace["customdata"] == ["ev-003", "ev-003"]
    assert trace["showlegend"] is True
    chosen = next(t for t in traces if t["name"] == CHOSEN_LEGEND)
    assert (chosen["x"], chosen["y"]) == (["2024-02-08"], ["The Globe and Mail"])
    # the conflict traces are drawn last, over the lanes
    assert [t["legendgroup"] for t in traces[-2:]] == ["conflicts", "conflicts"]


def test_customdata_is_the_canonical_event_id() -> None:
    timeline = make_timeline()
    ids = {e.id for e in timeline.events}
    for trace in _traces(timeline):
        assert len(trace["customdata"]) == len(trace["x"])
        assert set(trace["customdata"]) <= ids


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
    source_hover = next(h for t in traces if t["y"][0] == "The Globe and Mail" for h in t["hovertext"])
    assert "date as written: &lt;i&gt;Friday&lt;/i&gt;" in source_hover
    assert "resolved: 2024-02-09" in source_hover
    assert "1 source(s)" in source_hover


def test_layout_is_fixed() -> None:
    layout = build_figure(make_timeline()).to_dict()["layout"]
    assert layout["xaxis"]["rangeslider"]["visible"] is True
    assert layout["xaxis"]["type"] == "date"
    assert layout["uirevision"] == "timeline"


def test_figure_is_deterministic() -> None:
    assert build_figure(make_timeline()).to_json() == build_figure(make_timeline()).to_json()


def test_empty_timeline_builds() -> None:
    fig = build_figure(Timeline(engine_version="0", settings_digest="x"))
    assert fig.to_dict()["data"] == []

"""The chart's lane control in a real browser: each layout shows every event and every conflict, with no errors."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.browser.support import BROWSER_MARKS
from timeline.render.plot import LONG_BAR_WIDTH, LONG_OPACITY, PERIOD_TRACKS

pytestmark = BROWSER_MARKS

MARKS = """() => {
  const gd = document.getElementById('timeline-chart');
  return gd.data.map((t) => ({
    kind: t.meta.kind,
    ids: t.customdata,
    refs: t.meta.refs,
    stacks: t.meta.stacks || {},
    symbols: Array.isArray(t.marker && t.marker.symbol) ? t.marker.symbol : null,
    selected: t.selectedpoints || null,
    drawn: t.type === 'scatter' ? (t.x || []).filter((x) => x !== null).length : t.x.length,
  }));
}"""

DRAWN_POINTS = """() => Array.from(document.querySelectorAll('#timeline-chart .point'))
  .filter((p) => !p.closest('.rangeslider-container')).length"""


def _switch(page, mode: str) -> None:
    page.select_option("#chart-lanes", mode)
    page.wait_for_function(f"document.getElementById('timeline-chart').getAttribute('data-lanes') === '{mode}'")


def _whole_events(traces: list[dict]) -> Counter:
    """Marks of an event drawn at its reconciled date (provenance ref -1), stacked ones included."""
    counts: Counter = Counter()
    for trace in traces:
        if trace["kind"] not in ("merged", "lane"):
            continue
        for i, event_id in enumerate(trace["ids"]):
            if trace["refs"][i] == -1:
                counts[event_id] += 1
            for stacked_id, ref in trace["stacks"].get(str(i), []):
                if ref == -1:
                    counts[stacked_id] += 1
    return counts


def _per_event(traces: list[dict], kind: str) -> Counter:
    return Counter(e for t in traces if t["kind"] == kind for e in t["ids"] if e is not None)


@pytest.mark.parametrize("mode", ["actor", "kind", "source"])
def test_every_lane_mode_shows_every_event_and_conflict(gaza_report, open_report, mode: str) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    if mode == "source":  # back to the default after another layout
        _switch(page, "kind")
    _switch(page, mode)
    traces = page.evaluate(MARKS)
    events = {e["id"] for e in gaza_report.timeline["events"]}
    shown = _whole_events(traces)
    assert set(shown) == events
    if mode != "actor":  # by source (the merged lane) and by kind an event is drawn once
        assert set(shown.values()) == {1}
    conflicts = gaza_report.timeline["conflicts"]
    assert _per_event(traces, "conflict") == Counter({c["event_id"]: len(c["claims"]) for c in conflicts})
    assert _per_event(traces, "kept") == Counter({c["event_id"]: 1 for c in conflicts})
    assert page.evaluate(DRAWN_POINTS) == sum(t["drawn"] for t in traces)  # every mark is an SVG element
    ticks = page.evaluate("() => document.getElementById('timeline-chart').layout.yaxis.ticktext.length")
    assert page.locator("#lanes-status").inner_text().startswith(f"{ticks} lane")
    notes = page.locator(".legend .lane-note:visible").all_inner_texts()
    assert len(notes) == 1 and notes[0].startswith("one lane per")
    assert opened.errors == []


def test_lanes_switch_by_keyboard_and_keep_filters(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    page.check("#filter-conflicts")
    page.focus("#chart-lanes")
    page.keyboard.press("ArrowDown")
    page.wait_for_function("document.getElementById('timeline-chart').getAttribute('data-lanes') === 'actor'")
    conflicted = {c["event_id"] for c in gaza_report.timeline["conflicts"]}
    traces = page.evaluate(MARKS)
    for trace in traces:
        if trace["kind"] != "lane":
            continue
        for i in trace["selected"] or []:
            stacked = {entry[0] for entry in trace["stacks"].get(str(i), [])}  # a same-day overflow mark
            # the "conflicts only" filter dims the new layout too; a stacked mark stays while one of its events does
            assert ({trace["ids"][i]} | stacked) & conflicted
    page.uncheck("#filter-conflicts")
    assert all(t["selected"] is None for t in page.evaluate(MARKS))
    assert opened.errors == []


def test_clicking_a_mark_in_actor_lanes_opens_the_event(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    _switch(page, "actor")
    event_id, x, y = page.evaluate(
        """() => {
          const gd = document.getElementById('timeline-chart');
          const t = gd.data.find((d) => d.type === 'scatter' && d.meta.kind === 'lane');
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
          return [t.customdata[0], box.left + xa._offset + xa.d2p(t.x[0]), box.top + ya._offset + ya.d2p(t.y[0])];
        }"""
    )
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_selector("#detail-panel:not([hidden])")
    title = next(e["title"] for e in gaza_report.timeline["events"] if e["id"] == event_id)
    assert page.locator("#detail-title").inner_text() == title
    assert opened.errors == []


def test_planned_events_are_hollow(browser, tmp_path) -> None:
    from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
    from timeline.render.report import render_report

    globe, copy = default_articles()
    day, month = make_interval("2024-02-12"), make_interval("2024-03-01", "2024-03-31", "month")
    talks = make_event("ev-1", "Talks", day, (make_provenance(globe, "Talks on Monday.", "on Monday", day),))
    summit = make_event("ev-2", "Summit", month, (make_provenance(globe, "A summit in March.", "in March", month),))
    planned = tuple(
        e.model_copy(update={"provenance": (e.provenance[0].model_copy(update={"factuality": "planned"}),)})
        for e in (talks, summit)
    )
    path = tmp_path / "planned.html"
    timeline = make_timeline(articles=(globe, copy), events=planned, conflicts=())
    path.write_text(render_report(timeline, lanes="source"), "utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline-chart[data-drawn-ms]")
        fills = page.evaluate(
            """() => Array.from(document.querySelectorAll('#timeline-chart .scatterlayer .point'))
              .filter((p) => !p.closest('.rangeslider-container')).map((p) => p.style.fill)"""
        )
        assert fills and all(fill in ("none", "transparent", "rgba(0, 0, 0, 0)") for fill in fills)
        patterns = page.evaluate("() => document.querySelectorAll('#timeline-chart pattern').length")
        assert patterns > 0  # the planned month is a hatched bar
    finally:
        page.close()


BANDS = """() => {
  const gd = document.getElementById('timeline-chart');
  const lanes = {};
  for (const t of gd.data) {
    if (!t.meta || !['merged', 'lane'].includes(t.meta.kind)) continue;
    const lane = lanes[t.meta.lane] || (lanes[t.meta.lane] = {periods: [], others: [], opacity: null});
    const faint = t.type === 'bar' && t.width === %s;
    (faint ? lane.periods : lane.others).push(...t.y);
    if (faint) lane.opacity = t.marker.opacity;
  }
  const dotted = (gd.layout.shapes || []).filter((s) => s.type === 'line' && s.line.dash === 'dot').length;
  return {lanes, dotted};
}"""


@pytest.mark.parametrize("mode", ["source", "actor", "kind"])
def test_long_vague_periods_are_a_faint_band_at_the_bottom_of_each_lane(gaza_report, open_report, mode: str) -> None:
    """The seeds' months ("in January", "the past four months") no longer take the top rows of the lanes."""
    page = open_report(gaza_report).page
    _switch(page, mode)
    found = page.evaluate(BANDS % LONG_BAR_WIDTH)
    with_periods = {name: lane for name, lane in found["lanes"].items() if lane["periods"]}
    assert with_periods  # the seeds name months: every mode draws some
    for name, lane in with_periods.items():
        assert len(set(lane["periods"])) <= PERIOD_TRACKS, name
        assert lane["opacity"] == LONG_OPACITY
        if lane["others"]:
            assert min(lane["periods"]) > max(lane["others"]), name  # below the days (the y axis runs down)
    assert found["dotted"] == sum(1 for lane in with_periods.values() if lane["others"])

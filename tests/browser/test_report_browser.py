"""The report in a real browser: no errors, every event on the chart, clicks, filters, no script injection."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

CHART_MARKS = """() => {
  const gd = document.getElementById('timeline-chart');
  return gd.data.map((t) => ({
    kind: t.meta.kind,
    lane: t.meta.lane || null,
    ids: t.customdata,
    stacks: t.meta.stacks || {},
    drawn: t.type === 'scatter' ? (t.x || []).filter((x) => x !== null).length : t.x.length,
  }));
}"""

ROW_IDS = "() => Array.from(document.querySelectorAll('#events-body tr')).map((r) => r.dataset.eventId)"


def _label(prov: dict[str, Any]) -> str:
    return prov["source"].strip() or prov["article_id"]


def _marks_per_event(traces: list[dict[str, Any]], kinds: set[str]) -> Counter:
    counts: Counter = Counter()
    for trace in traces:
        if trace["kind"] not in kinds:
            continue
        for i, event_id in enumerate(trace["ids"]):
            if event_id is None:
                continue
            counts[event_id] += 1
            for stacked_id, _ in trace["stacks"].get(str(i), []):
                counts[stacked_id] += 1
    return counts


def _open_panel_text(page) -> dict[str, Any]:
    page.wait_for_selector("#detail-panel:not([hidden])")
    return page.evaluate(
        """() => ({
          title: document.getElementById('detail-title').textContent,
          marks: Array.from(document.querySelectorAll('#detail-body blockquote mark')).map((m) => m.textContent),
          quotes: Array.from(document.querySelectorAll('#detail-body blockquote')).map((q) => q.textContent),
          body: document.getElementById('detail-body').textContent,
        })"""
    )


def test_loads_without_errors(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    opened.page.wait_for_timeout(200)
    assert opened.errors == []
    assert opened.page.evaluate("typeof window.Plotly") == "object"


def test_chart_shows_every_event(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    traces = opened.page.evaluate(CHART_MARKS)
    events = gaza_report.timeline["events"]
    merged = _marks_per_event(traces, {"merged"})
    assert merged == Counter({e["id"]: 1 for e in events})  # every event once in the merged lane
    lanes = _marks_per_event(traces, {"lane"})
    expected = Counter()
    for event in events:  # one mark per (source, date) that a source gives the event
        expected[event["id"]] = len({(_label(p), str(p["interval"] or event["interval"])) for p in event["provenance"]})
    assert lanes == expected
    # every mark of the data is an SVG element in the plot (not counting the range slider's copy)
    drawn = opened.page.evaluate(
        """() => Array.from(document.querySelectorAll('#timeline-chart .point'))
          .filter((p) => !p.closest('.rangeslider-container')).length"""
    )
    assert drawn == sum(t["drawn"] for t in traces)


def test_conflict_markers_for_every_conflict(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    traces = opened.page.evaluate(CHART_MARKS)
    conflicts = gaza_report.timeline["conflicts"]
    assert len(conflicts) >= 5  # the seed story: five or more dates moved by the wrong publication date
    marks = _marks_per_event(traces, {"conflict"})
    assert marks == Counter({c["event_id"]: len(c["claims"]) for c in conflicts})
    kept = _marks_per_event(traces, {"kept"})
    assert kept == Counter({c["event_id"]: 1 for c in conflicts})
    legend = opened.page.locator("#timeline-chart .legendtext").all_text_contents()
    assert "conflicting dates" in legend and "date kept (conflict)" in legend
    callout = opened.page.locator("header .conflict-callout").inner_text()
    assert callout.startswith(f"{len(conflicts)} events where sources disagree about the date.")


def test_clicking_a_conflicted_event_in_the_chart_opens_its_provenance(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    # a conflicted event drawn as a point of its own in the merged lane (a span of days is a bar; past
    # the track limit, events of one day share a mark)
    points = page.evaluate(
        """() => document.getElementById('timeline-chart').data
          .filter((t) => t.meta.kind === 'merged' && t.type === 'scatter')
          .flatMap((t) => t.customdata.filter((id, i) => !(t.meta.stacks || {})[String(i)]))"""
    )
    conflict = next(c for c in gaza_report.timeline["conflicts"] if c["event_id"] in points)
    event = next(e for e in gaza_report.timeline["events"] if e["id"] == conflict["event_id"])
    # where plotly drew the event's mark in the merged lane, in page coordinates
    x, y = page.evaluate(
        """(id) => {
          const gd = document.getElementById('timeline-chart');
          const i = gd.data.findIndex(
            (t) => t.meta.kind === 'merged' && t.type === 'scatter' && t.customdata.includes(id));
          const t = gd.data[i], j = t.customdata.indexOf(id);
          const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
          return [box.left + xa._offset + xa.d2p(t.x[j]), box.top + ya._offset + ya.d2p(t.y[j])];
        }""",
        event["id"],
    )
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    panel = _open_panel_text(page)
    assert panel["title"] == event["title"]
    sentences = [p["sentence"] for p in event["provenance"]]
    assert len({p["article_id"] for p in event["provenance"]}) == 2
    assert panel["quotes"] == sentences  # both sources' sentences
    assert panel["marks"] == [p["time_text"] for p in event["provenance"]]  # date words in <mark>
    assert "Sources disagree on the date" in panel["body"]
    for claim in conflict["claims"]:
        assert claim["source"] in panel["body"]
    page.keyboard.press("Escape")
    page.wait_for_selector("#detail-panel", state="hidden")


def test_clicking_a_table_row_opens_the_panel(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    first = gaza_report.timeline["events"][0]
    page.locator("#events-body tr").first.click()
    panel = _open_panel_text(page)
    assert panel["title"] == first["title"]
    assert panel["quotes"] == [p["sentence"] for p in first["provenance"]]
    page.locator("#detail-close").click()
    page.wait_for_selector("#detail-panel", state="hidden")
    assert opened.errors == []


def test_search_and_conflict_filters(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    events = gaza_report.timeline["events"]
    assert page.evaluate(ROW_IDS) == [e["id"] for e in events]

    query = "blinken"
    expected = [
        e["id"]
        for e in events
        if query
        in " ".join(
            [e["title"], *(a["name"] for a in e["actors"]), *(_label(p) for p in e["provenance"])]
            + [p["sentence"] for p in e["provenance"]]
            + [p["time_text"] or "" for p in e["provenance"]]
        ).lower()
    ]
    assert 0 < len(expected) < len(events)
    page.fill("#filter-text", "BLINKEN")
    assert page.evaluate(ROW_IDS) == expected
    assert page.locator("#filter-count").inner_text() == f"Showing {len(expected)} of {len(events)} events"

    page.fill("#filter-text", "")
    page.check("#filter-conflicts")
    conflicted = [c["event_id"] for c in gaza_report.timeline["conflicts"]]
    assert sorted(page.evaluate(ROW_IDS)) == sorted(conflicted)
    assert page.locator("#filter-count").inner_text() == f"Showing {len(conflicted)} of {len(events)} events"
    # the chart dims what the filter hides: each merged-lane mark kept holds a conflicted event (a mark
    # may hold several events of one day, stacked), and every conflicted event is in a kept mark
    kept = page.evaluate(
        """() => {
          const gd = document.getElementById('timeline-chart');
          const out = [];
          gd.data.forEach((t) => {
            if (t.meta.kind !== 'merged') { return; }
            (t.selectedpoints || []).forEach((i) => {
              out.push([t.customdata[i]].concat(((t.meta.stacks || {})[String(i)] || []).map((e) => e[0])));
            });
          });
          return out;
        }"""
    )
    assert all(set(mark) & set(conflicted) for mark in kept)
    assert set(conflicted) <= {event_id for mark in kept for event_id in mark}

    page.uncheck("#filter-conflicts")
    assert len(page.evaluate(ROW_IDS)) == len(events)
    assert opened.errors == []


def test_about_filter_keeps_the_events_build_about_keeps(gaza_report, open_report) -> None:
    from tests.render.htmltree import block_json, parse
    from timeline.about import about_timeline
    from timeline.models import Timeline

    timeline = Timeline.model_validate(gaza_report.timeline)
    opened = open_report(gaza_report)
    page = opened.page
    names = page.evaluate("() => Array.from(document.querySelectorAll('#filter-about option')).map((o) => o.value)")
    page_file = parse((gaza_report.out / "timeline.html").read_text(encoding="utf-8"))
    choices = block_json(page_file.root.by_id("timeline-data"))["about"]  # the data block is deflated
    assert names == ["", *(str(i) for i in range(len(choices)))] and len(choices) >= 3
    for index in (0, len(choices) - 1):
        name = choices[index]["name"]
        expected = [e.id for e in about_timeline(timeline, [name]).events]
        assert expected and len(expected) < len(timeline.events), name
        page.select_option("#filter-about", str(index))
        assert page.evaluate(ROW_IDS) == expected, name
        shown = f"Showing {len(expected)} of {len(timeline.events)} events"
        assert page.locator("#filter-count").text_content() == shown
        label = page.evaluate("(i) => document.querySelectorAll('#filter-about option')[i + 1].textContent", index)
        assert label.startswith(name + " (")
    page.select_option("#filter-about", "")
    assert len(page.evaluate(ROW_IDS)) == len(timeline.events)
    assert opened.errors == []


def test_about_filter_shows_hostile_names_as_text(browser, tmp_path) -> None:
    from tests.browser.support import XSS_IMG, XSS_SCRIPT
    from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
    from timeline.models import EventActor
    from timeline.render.report import render_report

    globe, copy = default_articles()
    names = (XSS_SCRIPT, f"Evil {XSS_IMG} Corp")
    events = tuple(
        make_event(
            f"ev-{i}",
            f"Event {i}",
            make_interval("2024-02-09"),
            (make_provenance(globe, f"It happened on Friday ({i}).", "on Friday", make_interval("2024-02-09")),),
        ).model_copy(update={"actors": (EventActor(actor_id=f"a{i % 2}", name=names[i % 2], role="agent"),)})
        for i in range(3)
    )
    path = tmp_path / "about.html"
    path.write_text(render_report(make_timeline(articles=(globe, copy), events=events, conflicts=())), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#events-body tr")
        labels = page.evaluate("() => Array.from(document.querySelectorAll('#filter-about option')).map((o) => o.text)")
        assert labels == ["Anyone", f"{XSS_SCRIPT} (2 events)", f"Evil {XSS_IMG} Corp (1 event)"]
        page.select_option("#filter-about", "1")
        assert page.evaluate(ROW_IDS) == ["ev-1"]
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, [onload], [onerror]').length") == 0
    finally:
        page.close()


@pytest.mark.parametrize("step", ["load", "panel", "hover", "actor"])
def test_hostile_article_executes_nothing(hostile_report, open_report, step: str) -> None:
    assert hostile_report.timeline["events"], "the hostile article must give at least one event"
    opened = open_report(hostile_report)
    page = opened.page
    if step in ("panel", "hover"):
        page.locator("#events-body tr").first.click()
        panel = _open_panel_text(page)
        assert "<script>window.__xss=1</script>" in panel["body"] or "<script>" in "".join(panel["quotes"])
        assert "window.__xss" in panel["body"]
    if step == "actor":  # the actor box's suggestions are built from article text
        page.focus("#filter-actor")
        page.fill("#filter-actor", "<")
        page.wait_for_timeout(100)
    if step == "hover":  # plotly draws hover labels from the (escaped) hover texts
        page.evaluate(
            """() => {
              const gd = document.getElementById('timeline-chart');
              gd.data.forEach((t, i) => { if (t.customdata && t.customdata.length) {
                window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}]);
              } });
            }"""
        )
        page.wait_for_timeout(100)
        page.mouse.move(10, 10)
    page.wait_for_timeout(100)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.evaluate("document.querySelectorAll('img, [onload], [onerror]').length") == 0
    assert not [e for e in opened.errors if "__xss" in e]


def test_a_stacked_mark_lists_its_events(browser, tmp_path) -> None:
    from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
    from timeline.render.plot import MAX_TRACKS
    from timeline.render.report import render_report

    globe, copy = default_articles()
    n = MAX_TRACKS + 3
    events = tuple(
        make_event(
            f"ev-{i:03d}",
            f"Event number {i}",
            make_interval("2024-02-09"),
            (make_provenance(globe, f"It happened on Friday ({i}).", "on Friday", make_interval("2024-02-09")),),
        )
        for i in range(n)
    )
    path = tmp_path / "stacked.html"
    timeline = make_timeline(articles=(globe, copy), events=events, conflicts=())
    path.write_text(render_report(timeline, lanes="source"), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline-chart[data-drawn-ms]")
        x, y, stacked = page.evaluate(
            """() => {
              const gd = document.getElementById('timeline-chart');
              const t = gd.data.find((d) => d.meta.kind === 'merged' && d.meta.stacks);
              const j = +Object.keys(t.meta.stacks)[0];
              const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
              return [box.left + xa._offset + xa.d2p(t.x[j]), box.top + ya._offset + ya.d2p(t.y[j]),
                      1 + t.meta.stacks[String(j)].length];
            }"""
        )
        assert stacked == 4  # MAX_TRACKS marks, the last holding 4 events
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        page.wait_for_selector("#detail-panel:not([hidden])")
        assert page.locator("#detail-title").inner_text().startswith("4 events at one spot")
        buttons = page.locator("#detail-body .stack-list button")
        assert buttons.count() == 4
        title = buttons.nth(2).inner_text().split(" — ", 1)[1]
        buttons.nth(2).click()
        assert page.locator("#detail-title").inner_text() == title
    finally:
        page.close()


def test_folded_conflicts_are_built_when_opened(browser, tmp_path) -> None:
    from tests.factories import make_timeline
    from timeline.render.report import render_report
    from timeline.render.views import CONFLICTS_OPEN

    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    many = tuple(conflict.model_copy(update={"id": f"cf-{i:02d}"}) for i in range(CONFLICTS_OPEN + 3))
    path = tmp_path / "conflicts.html"
    path.write_text(render_report(timeline.model_copy(update={"conflicts": many})), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline-chart[data-drawn-ms]")
        cards = page.locator("#conflicts article.conflict-card")
        assert cards.count() == CONFLICTS_OPEN
        page.locator("#more-conflicts > summary").click()
        total = CONFLICTS_OPEN + 3  # the folded cards are built on the toggle event: wait for them
        page.wait_for_function(f"document.querySelectorAll('#conflicts article.conflict-card').length === {total}")
        assert cards.count() == total
        last = cards.nth(CONFLICTS_OPEN + 2)
        assert last.locator("p.explanation").inner_text() == conflict.explanation
        assert last.locator("tbody tr").count() == len(conflict.claims)
        last.locator("button.open-event").click()
        page.wait_for_selector("#detail-panel:not([hidden])")
        assert page.locator("#detail-title").inner_text() == "Minister announces resignation"
    finally:
        page.close()

"""Run the report's script under node against a minimal fake DOM (skipped when node is absent).

No browser is needed: the fake DOM implements only what the script touches, so this checks the
panel, keyboard, filter and chart-linking logic, and that text is inserted as text.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.factories import make_timeline
from tests.render.htmltree import parse
from timeline.render.lanes import CHART_MODES
from timeline.render.report import render_report

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")

FAKE_DOM = r"""
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
class El {
  constructor(tag, attrs) {
    this.tagName = tag.toUpperCase(); this.attrs = Object.assign({}, attrs || {}); this.children = [];
    this.listeners = {}; this.hidden = false; this.value = ""; this.checked = false; this.className = "";
    this.style = {};
    const self = this;
    this.classList = { toggle(name, on) { const s = new Set(self.className.split(" ").filter(Boolean));
      if (on) { s.add(name); } else { s.delete(name); } self.className = [...s].join(" "); } };
  }
  appendChild(child) {
    if (child.tagName === "#FRAGMENT") { child.children.forEach((c) => this.children.push(c)); child.children = []; }
    else { this.children.push(child); }
    return child;
  }
  get textContent() { return this.children.map((c) => c.textContent).join(""); }
  set textContent(v) { this.children = v === "" ? [] : [new Text(String(v))]; }
  set innerHTML(v) { throw new Error("innerHTML must not be used"); }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) { this.attrs[n] = String(v); }
  removeAttribute(n) { delete this.attrs[n]; }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  fire(type, ev) {
    ev = Object.assign({ preventDefault() {} }, ev || {});
    (this.listeners[type] || []).forEach((f) => f(ev));
  }
  focus() { doc.activeElement = this; }
  on(type, fn) { this.addEventListener(type, fn); }
  markup() {
    const tag = this.tagName.toLowerCase();
    return `<${tag}>` + this.children.map((c) => c.markup()).join("") + `</${tag}>`;
  }
}
class Text { constructor(t) { this.textContent = t; } markup() { return this.textContent; } }
const byId = {};
function make(id, tag) { const e = new El(tag || "div", { id }); byId[id] = e; return e; }
["detail-panel", "detail-title", "detail-body", "detail-close", "filter-text", "filter-source",
 "filter-conflicts", "filter-count", "filters", "events-more", "chart-controls", "lanes-status", "filter-actor",
 "actor-list"]
  .forEach((id) => make(id));
make("events-body", "tbody");
Object.keys(input.blocks).forEach((id) => {
  const block = make(id, "script");
  block.textContent = input.blocks[id].text;
  if (input.blocks[id].encoding) { block.setAttribute("data-encoding", input.blocks[id].encoding); }
});
const allButton = make("chart-all", "button");
Object.assign(allButton.attrs, { "aria-pressed": input.allPressed, "data-all": "Show all", "data-key": "Show key" });
const lanes = make("chart-lanes", "select");
lanes.options = input.modes.map((m) => { const o = new El("option"); o.textContent = m[1]; o.value = m[0]; return o; });
lanes.selectedIndex = 0;
lanes.value = "source";
byId["detail-panel"].hidden = true;
const chart = make("timeline-chart");
const restyles = [];
const reacts = [];
let plotted = null;
let plottedLayout = null;
const doc = {
  readyState: "complete", activeElement: null, listeners: {},
  getElementById(id) { return byId[id] || null; },
  querySelectorAll(sel) { return []; },
  createElement(tag) { return new El(tag); },
  createDocumentFragment() { return new El("#fragment"); },
  createTextNode(t) { return new Text(t); },
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); },
  fire(type, ev) {
    (this.listeners[type] || []).forEach((f) => f(Object.assign({ preventDefault() {} }, ev)));
  },
  body: { contains() { return true; } },
};
global.document = doc;
global.window = {
  Plotly: {
    restyle(gd, update) { restyles.push(update); },
    newPlot(gd, data, layout, config) {
      gd.data = data; plotted = data; plottedLayout = layout; return { then(f) { f(); } };
    },
    react(gd, data, layout, config) { gd.data = data; reacts.push({ data, layout }); return { then(f) { f(); } }; },
  },
  addEventListener() {},
};
require("vm").runInThisContext(input.script);
/* the data block and the charts not shown first are deflated: the page reads them asynchronously */
const settle = async (done) => {
  for (let i = 0; i < 400 && !done(); i += 1) { await new Promise((r) => setTimeout(r, 5)); }
  if (!done()) { throw new Error("the page did not get there"); }
};
(async () => {
await settle(() => plotted !== null);

const rows = () => byId["events-body"].children;
const ids = () => rows().map((r) => r.getAttribute("data-event-id"));
const panel = byId["detail-panel"];
const out = {};
out.initial = ids();
out.hovers = plotted.map((t) => t.hovertext);
out.start = { lanes: chart.getAttribute("data-lanes"), status: byId["lanes-status"].textContent,
  labels: (plottedLayout.annotations || []).map((a) => a.name) };
rows()[2].fire("keydown", { key: "Enter" });
out.opened = { hidden: panel.hidden, title: byId["detail-title"].textContent,
  body: byId["detail-body"].markup(), focus: doc.activeElement === byId["detail-title"],
  active: rows().map((r) => r.className) };
const opener = rows()[2];
doc.fire("keydown", { key: "Escape" });
out.closed = { hidden: panel.hidden, focusBack: doc.activeElement === opener };
byId["filter-conflicts"].checked = true; byId["filter-conflicts"].fire("change");
out.conflictsOnly = { rows: ids(), count: byId["filter-count"].textContent };
byId["filter-conflicts"].checked = false;
byId["filter-text"].value = "INQUIRY"; byId["filter-text"].fire("input");
out.text = { rows: ids(), count: byId["filter-count"].textContent };
byId["filter-text"].value = "";
byId["filter-source"].value = "Translated copy"; byId["filter-source"].fire("change");
out.source = ids();
byId["filter-source"].value = ""; byId["filter-source"].fire("change");
byId["filter-actor"].fire("focus");
out.actorList = byId["actor-list"].children.map((o) => [o.value, o.label]);
byId["filter-actor"].value = "jane doe"; byId["filter-actor"].fire("input");
out.actorExact = ids();
byId["filter-actor"].value = "INQ"; byId["filter-actor"].fire("input");
out.actorPart = ids();
byId["filter-actor"].value = ""; byId["filter-actor"].fire("input");
out.restyles = restyles.slice();
chart.fire("plotly_click", { points: [{ customdata: "ev-002", data: plotted[0], pointNumber: 0 }] });
out.clicked = { hidden: panel.hidden, title: byId["detail-title"].textContent };
out.firstDraw = { lanes: chart.getAttribute("data-lanes"), drawn: chart.getAttribute("data-drawn-ms") !== null,
  status: byId["lanes-status"].textContent };
byId["filter-conflicts"].checked = true; byId["filter-conflicts"].fire("change");
const before = restyles.length;
lanes.value = "kind"; lanes.selectedIndex = 2; lanes.fire("change");
await settle(() => chart.getAttribute("data-lanes") === "kind");
out.switched = { lanes: chart.getAttribute("data-lanes"), status: byId["lanes-status"].textContent,
  height: chart.style.height, reacts: reacts.length,
  ticks: reacts.length ? reacts[0].layout.yaxis.ticktext : null,
  hovers: reacts.length ? reacts[0].data.map((t) => t.hovertext) : [],
  resynced: restyles.slice(before).map((r) => r.selectedpoints) };
chart.fire("plotly_click", { points: [{ customdata: "ev-002", data: reacts[0].data[0], pointNumber: 0 }] });
out.clickedAfterSwitch = { title: byId["detail-title"].textContent, body: byId["detail-body"].markup() };
doc.fire("keydown", { key: "Escape" });
chart.fire("plotly_clickannotation", { annotation: { name: "key:ev-001" } });
out.labelClicked = { hidden: panel.hidden, title: byId["detail-title"].textContent };
allButton.fire("click");
await settle(() => chart.getAttribute("data-lanes") === "key");
out.toggled = { lanes: chart.getAttribute("data-lanes"), pressed: allButton.getAttribute("aria-pressed"),
  text: allButton.textContent };
console.log(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"""


def _planned_timeline():
    """The sample timeline with the inquiry report (ev-002) told as planned by both sources."""
    timeline = make_timeline()
    events = list(timeline.events)
    provenance = tuple(p.model_copy(update={"factuality": "planned"}) for p in events[1].provenance)
    events[1] = events[1].model_copy(update={"provenance": provenance})
    return timeline.model_copy(update={"events": tuple(events)})


def _run(lanes: str = "source") -> dict:
    timeline = _planned_timeline()
    page = render_report(timeline, plotlyjs="cdn", lanes=lanes)
    doc = parse(page)
    scripts = doc.root.find_all("script")
    ids = ["timeline-data", *(f"timeline-figure-{mode}" for mode in CHART_MODES)]
    nodes = {id_: doc.root.by_id(id_) for id_ in ids}
    blocks = {id_: {"text": node.text, "encoding": node.attrs.get("data-encoding")} for id_, node in nodes.items()}
    pressed = doc.root.by_id("chart-all").attrs["aria-pressed"]
    modes = [[o.attrs["value"], o.text] for o in doc.root.by_id("chart-lanes").find_all("option")]
    script = scripts[-1].text
    payload = json.dumps({"blocks": blocks, "modes": modes, "script": script, "allPressed": pressed})
    result = subprocess.run(
        [NODE, "-e", FAKE_DOM], input=payload, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def js() -> dict:
    """The page built to open on all events in source lanes (``--lanes source``)."""
    return _run()


@pytest.fixture(scope="module")
def js_key() -> dict:
    """The page as built by default: it opens on the key events."""
    return _run("key")


def test_page_opens_on_the_key_events_and_shows_all_on_request(js_key: dict) -> None:
    start = js_key["start"]
    assert start["lanes"] == "key"
    # ev-002 is January, named by both sources: a month period is a key slot (`salience.key_slots`)
    assert start["status"] == "3 key events titled; 0 other events untitled (hover or click them)"
    assert {"key:ev-001", "key:ev-002", "key:ev-003"} <= set(start["labels"])
    assert js_key["labelClicked"] == {"hidden": False, "title": "Opposition calls for an inquiry"}
    # the lanes were switched to "kind" by the select, which shows all events; the button goes back to key
    assert js_key["switched"]["lanes"] == "kind"
    assert js_key["toggled"] == {"lanes": "key", "pressed": "false", "text": "Show all"}
    hovers = [h for trace in js_key["hovers"] for h in (trace or []) if h]
    assert any(h.startswith("<b>Minister announces resignation</b>") for h in hovers)
    assert any(h.startswith("<b>Conflicting dates: Minister announces resignation</b>") for h in hovers)


def test_rows_are_rendered_from_the_data(js: dict) -> None:
    assert js["initial"] == ["ev-001", "ev-002", "ev-003"]


def test_hover_texts_are_built_and_escaped(js: dict) -> None:
    hovers = [h for trace in js["hovers"] for h in trace if h]
    merged = "<b>Minister announces resignation</b><br>date as written: on Thursday<br>resolved: 2024-02-08 (day)"
    assert any(h.startswith(merged) for h in hovers)
    assert any("date as written: on Thursday" in h and "source: Translated copy" in h for h in hovers)
    assert any(h.startswith("<b>Conflicting dates: Minister announces resignation</b>") for h in hovers)


def test_enter_opens_the_panel_with_highlighted_sources(js: dict) -> None:
    opened = js["opened"]
    assert opened["hidden"] is False and opened["focus"] is True
    assert opened["title"] == "Minister announces resignation"
    body = opened["body"]
    assert "<mark>on Thursday</mark>" in body
    assert "The Globe and Mail" in body and "published 2024-02-08 (manifest)" in body
    assert "published 2024-01-03 (header-line)" in body
    assert "'on Thursday' → 2024-01-04, anchored to publication date 2024-01-03 from the article's header line" in body
    assert "Sources disagree on the date" in body and "kept" in body
    assert "The copy's header date is probably the translation date." in body
    assert opened["active"] == ["event-row", "event-row", "event-row active"]


def test_escape_closes_and_returns_focus(js: dict) -> None:
    assert js["closed"] == {"hidden": True, "focusBack": True}


def test_filters_change_rows_and_dim_chart(js: dict) -> None:
    assert js["conflictsOnly"] == {"rows": ["ev-003"], "count": "Showing 1 of 3 events"}
    assert js["text"]["rows"] == ["ev-001", "ev-002"]  # "inquiry" is in ev-001 and ev-002
    assert js["source"] == ["ev-002", "ev-003"]
    first = js["restyles"][0]["selectedpoints"]
    assert first[0] == [1]  # merged-lane points: ev-001, ev-003 -> only ev-003 kept
    assert js["restyles"][-1]["selectedpoints"][0] is None  # filters cleared: nothing dimmed


def test_actor_filter_suggests_actors_and_matches_them(js: dict) -> None:
    timeline = _planned_timeline()
    actors = {a.name for e in timeline.events for a in e.actors}
    assert {name for name, _ in js["actorList"]} == actors
    assert all(label.endswith(("event", "events")) for _, label in js["actorList"])
    named = [e.id for e in timeline.events if any(a.name.lower() == "jane doe" for a in e.actors)]
    assert named and js["actorExact"] == named
    part = [e.id for e in timeline.events if any("inq" in a.name.lower() for a in e.actors)]
    assert js["actorPart"] == part


def test_chart_click_opens_the_event(js: dict) -> None:
    assert js["clicked"] == {"hidden": False, "title": "Inquiry report published"}


def test_lanes_switch_redraws_with_hover_texts_and_filters(js: dict) -> None:
    assert js["firstDraw"] == {"lanes": "source", "drawn": True, "status": "3 lanes by source"}
    switched = js["switched"]
    assert switched["lanes"] == "kind" and switched["reacts"] == 1
    assert switched["ticks"] == ["asserted", "planned"]
    assert switched["status"] == "2 lanes by event kind"
    assert switched["height"].endswith("px")
    hovers = [h for trace in switched["hovers"] for h in trace if h]
    assert any("kind: planned" in h for h in hovers)
    assert any(h.startswith("<b>Conflicting dates: Minister announces resignation</b>") for h in hovers)
    # the "conflicts only" filter still on: the new figure is dimmed the same way
    assert switched["resynced"] and all(sel is not None for sel in switched["resynced"][-1])
    clicked = js["clickedAfterSwitch"]
    assert clicked["title"] == "Inquiry report published"
    assert "<p>Kind: planned (announced or expected, not yet happened)</p>" in clicked["body"]
    assert "Told as planned (announced or expected, not yet happened)" in clicked["body"]

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
from tests.render.htmltree import Document, Node, block_json, parse
from timeline.models import Timeline
from timeline.render import report
from timeline.render.figure import figure_json
from timeline.render.lanes import CHART_MODES, LANE_NOTES
from timeline.render.report import (
    PLOTLY_BASIC_VERSION,
    deflated_json,
    embed_chart_id,
    figure_data,
    plotly_basic_js,
    render_embed,
    render_report,
    script_json,
    script_json_bytes,
)
from timeline.render.views import CONFLICTS_OPEN


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    return make_timeline()


@pytest.fixture(scope="module")
def page(timeline: Timeline) -> str:
    return render_report(timeline, plotlyjs="cdn")


@pytest.fixture(scope="module")
def doc(page: str) -> Document:
    return parse(page)


def _data(doc: Document) -> dict:
    node = doc.root.by_id("timeline-data")
    assert node.attrs["type"] == "application/octet-stream" and node.attrs["data-encoding"] == "deflate"
    return block_json(node)


def _rows(table: Node) -> list[Node]:
    return table.find("tbody").find_all("tr")


def test_well_formed_with_all_sections(doc: Document) -> None:
    assert doc.errors == []
    for section in ("chart", "events", "conflicts", "unplaced", "articles", "issues"):
        assert doc.root.by_id(section).tag == "section"
    assert doc.root.by_id("timeline-chart").tag == "div"
    panel = doc.root.by_id("detail-panel")
    assert panel.attrs["role"] == "dialog" and "hidden" in panel.attrs
    assert doc.root.find("html").attrs["lang"] == "en"


def test_header_span_and_counts(doc: Document) -> None:
    header = doc.root.find("header")
    assert "Story span: 2023-11-15 to 2024-02-08" in " ".join(header.text.split())
    counts = " ".join(header.find("ul", class_="counts").text.split())
    assert counts == "3 events 2 articles from 2 sources 1 conflict 2 issues 1 undated mention"
    assert doc.root.find("title").text == "Story timeline"


def test_events_table_is_filled_from_the_data(doc: Document, timeline: Timeline) -> None:
    table = doc.root.by_id("events").find("table")
    assert table.find("tbody").attrs["id"] == "events-body" and not _rows(table)  # the script fills it
    assert doc.root.by_id("events-more").tag == "button"
    events = _data(doc)["events"]
    assert [e["id"] for e in events] == [e.id for e in timeline.events]
    month = events[1]
    assert (month["date"], month["start"], month["end"]) == ("2024-01", "2024-01-01", "2024-01-31")
    assert month["title"] == "Inquiry report published"
    assert month["actors"] == ["Ethics Commissioner", "Inquiry"]
    assert events[2]["conflict"] == 0 and events[0]["conflict"] is None
    assert "Showing 3 of 3 events" in doc.root.by_id("filter-count").text


@pytest.mark.parametrize("mode", CHART_MODES)
def test_figure_blocks_hold_the_lean_chart_of_every_lane_mode(doc: Document, timeline: Timeline, mode: str) -> None:
    node = doc.root.by_id(f"timeline-figure-{mode}")
    assert node.attrs["data-lanes"] == mode
    # the chart the page opens on is plain JSON; the others are deflated until the reader asks for them
    opened = mode == "key"
    assert node.attrs["type"] == ("application/json" if opened else "application/octet-stream")
    assert node.attrs.get("data-encoding") == (None if opened else "deflate")
    figure = block_json(node)
    assert set(figure) == {"config", "data", "layout"}
    assert all("hovertext" not in t for t in figure["data"])
    assert all("refs" in t["meta"] for t in figure["data"] if "customdata" in t)  # not the key chart's leaders
    assert figure["data"] == json.loads(json.dumps(figure_data(timeline, mode)["data"]))
    # marks name their event by its index in the data block (the page's script puts the ids back)
    drawn = {timeline.events[i].id for t in figure["data"] for i in t.get("customdata", []) if i is not None}
    assert drawn == {e.id for e in timeline.events}
    if mode == "key":  # the chart opens on the key events: the div is sized for it
        chart = doc.root.by_id("timeline-chart")
        assert f"height:{figure['layout']['height']}px" in chart.attrs["style"]


@pytest.mark.parametrize("mode", ["source", "actor", "kind"])
def test_figure_data_names_marks_and_stacked_events_by_index(mode: str) -> None:
    day = make_interval("2024-02-09")
    globe, copy = default_articles()
    events = tuple(
        make_event(f"ev-{i:03d}", f"Event {i}", day, (make_provenance(globe, f"On Friday {i}.", "On Friday", day),))
        for i in reversed(range(16))  # more than a lane's tracks on one day: some are stacked
    )
    timeline = make_timeline(articles=(globe, copy), events=events, conflicts=())
    by_id = figure_json(timeline, hover=False, lanes=mode)["data"]
    by_index = figure_data(timeline, mode)["data"]
    position = {event.id: i for i, event in enumerate(timeline.events)}
    stacked = 0
    for named, indexed in zip(by_id, by_index, strict=True):
        assert indexed["customdata"] == [position[e] for e in named["customdata"]]
        stacks = named["meta"].get("stacks", {})
        assert indexed["meta"].get("stacks", {}) == {
            k: [[position[e], ref] for e, ref in pairs] for k, pairs in stacks.items()
        }
        stacked += sum(map(len, stacks.values()))
    assert stacked > 0


def test_lane_control_is_a_labelled_select(doc: Document) -> None:
    select = doc.root.by_id("chart-lanes")
    assert select.tag == "select"
    assert [(o.attrs["value"], o.text) for o in select.find_all("option")] == [
        ("source", "source"),
        ("actor", "actor"),
        ("kind", "event kind"),
    ]
    assert "selected" in select.find_all("option")[0].attrs
    labels = [n for n in doc.root.iter() if n.tag == "label" and n.attrs.get("for") == "chart-lanes"]
    assert len(labels) == 1 and labels[0].text.strip().startswith("Lanes by")
    notes = [n for n in doc.root.iter() if "lane-note" in n.classes]
    assert [n.attrs["data-lanes"] for n in notes] == list(CHART_MODES)
    assert ["hidden" in n.attrs for n in notes] == [False, True, True, True]
    assert notes[0].text == LANE_NOTES["key"]
    # the page opens on the key events; one button shows every event in lanes
    button = doc.root.by_id("chart-all")
    assert button.tag == "button" and button.attrs["aria-pressed"] == "false"
    assert button.text == "Show all 3 events in lanes"


@pytest.mark.parametrize("mode", ["actor", "kind"])
def test_initial_lane_mode(timeline: Timeline, mode: str) -> None:
    doc = parse(render_report(timeline, plotlyjs="cdn", lanes=mode))
    options = doc.root.by_id("chart-lanes").find_all("option")
    assert [o.attrs["value"] for o in options if "selected" in o.attrs] == [mode]
    figure = json.loads(doc.root.by_id(f"timeline-figure-{mode}").text)  # the chart it opens on: plain JSON
    assert f"height:{figure['layout']['height']}px" in doc.root.by_id("timeline-chart").attrs["style"]
    notes = {n.attrs["data-lanes"]: "hidden" in n.attrs for n in doc.root.iter() if "lane-note" in n.classes}
    assert notes == {m: m != mode for m in CHART_MODES}
    assert doc.root.by_id("chart-all").attrs["aria-pressed"] == "true"


def test_unknown_lane_mode_is_refused(timeline: Timeline) -> None:
    with pytest.raises(ValueError, match="source, actor, kind"):
        render_report(timeline, lanes="outlet")  # type: ignore[arg-type]


def test_legend_names_planned_negated_hypothetical(doc: Document) -> None:
    legend = doc.root.find("ul", class_="legend").text
    for word in ("planned", "hypothetical", "negated", "conflicting dates", "the date kept"):
        assert word in legend


def test_filters(doc: Document) -> None:
    select = doc.root.by_id("filter-source")
    assert [o.attrs["value"] for o in select.find_all("option")] == [
        "",
        "The Globe and Mail",
        "Translated copy",
    ]
    assert doc.root.by_id("filter-conflicts").attrs["type"] == "checkbox"
    assert doc.root.by_id("filter-text").attrs["type"] == "search"
    actor = doc.root.by_id("filter-actor")
    assert actor.attrs["type"] == "search" and actor.attrs["list"] == "actor-list"
    assert doc.root.by_id("actor-list").tag == "datalist"  # filled by the script, from the data
    assert doc.root.find("label", for_="filter-actor") is not None


def test_conflict_section_lists_both_claims(doc: Document) -> None:
    card = doc.root.by_id("conflicts").find("article", class_="conflict-card")
    assert card.find("button").attrs["data-event-id"] == "ev-003"
    rows = _rows(card.find("table"))
    assert [r.find_all("td")[0].text for r in rows] == ["The Globe and Mail", "Translated copy"]
    assert [r.find("time").text for r in rows] == ["2024-02-08", "2024-01-04"]
    assert [r.find_all("td")[1].text for r in rows] == ["on Thursday", "on Thursday"]
    assert rows[0].classes == {"chosen"} and rows[0].find("span", class_="badge kept").text == "kept"
    assert not rows[1].classes
    assert "manifest is more reliable" in card.text
    assert "translation date" in card.text
    anchors = [r.find_all("td")[3].text for r in rows]
    assert anchors[0] == "anchored to publication date 2024-02-08 from the manifest"
    assert anchors[1] == "anchored to publication date 2024-01-03 from the article's header line"


def test_articles_table_shows_origins_and_safe_links(doc: Document) -> None:
    rows = _rows(doc.root.by_id("articles").find("table"))
    assert [r.find_all("td")[-1].text for r in rows] == ["manifest", "header-line"]
    assert [r.find_all("td")[3].text for r in rows] == ["2024-02-08", "2024-01-03"]
    link = rows[0].find("a")
    assert link.attrs["href"].startswith("https://www.theglobeandmail.com/")
    assert not rows[1].find_all("a")


def test_non_http_urls_are_not_links() -> None:
    globe, copy = default_articles()
    bad = globe.model_copy(update={"url": "javascript:alert(1)"})
    data = globe.model_copy(update={"id": "002", "url": "data:text/html,<script>alert(1)</script>"})
    doc = parse(render_report(make_timeline(articles=(bad, copy, data)), plotlyjs="cdn"))
    hrefs = [attrs.get("href") or "" for tag, attrs in doc.start_tags if tag == "a"]
    assert hrefs and not any(h.lower().startswith(("javascript:", "data:")) for h in hrefs)
    panel_urls = [a["url"] for a in _data(doc)["articles"]]
    assert not any(u and not u.startswith("https://") for u in panel_urls)


def test_issues_section_sorted_by_severity(doc: Document) -> None:
    rows = _rows(doc.root.by_id("issues").find("table"))
    assert [r.find_all("td")[0].text for r in rows] == ["warning", "info"]
    first = [c.text for c in rows[0].find_all("td")]
    assert first == [
        "warning",
        "published-from-header",
        "ingest",
        "001",
        "publication date read from a header line",
        "add the date to the manifest",
    ]


def test_unplaced_section(doc: Document) -> None:
    rows = _rows(doc.root.by_id("unplaced").find("table"))
    assert len(rows) == 1
    assert rows[0].find_all("td")[0].text == "Translated copy"
    assert "expected to testify" in rows[0].text


def test_unplaced_section_lists_a_bounded_number_and_says_where_the_rest_are(timeline: Timeline) -> None:
    from tests.factories import make_event_mention
    from timeline.render.views import UNPLACED_SHOWN

    article = timeline.articles[0]
    many = tuple(
        make_event_mention(article, id=f"{article.id}-m{i:05d}", sentence_start=1000 + 100 * i)
        for i in range(UNPLACED_SHOWN + 7)
    )
    page = parse(render_report(timeline.model_copy(update={"unplaced": many})))
    section = page.root.by_id("unplaced")
    assert len(_rows(section.find("table"))) == UNPLACED_SHOWN
    assert f"the first {UNPLACED_SHOWN} of {UNPLACED_SHOWN + 7} are listed here" in " ".join(section.text.split())
    assert "mentions.csv" in section.text


def test_panel_data_has_every_provenance_with_highlight(doc: Document, timeline: Timeline) -> None:
    data = _data(doc)
    assert [e["id"] for e in data["events"]] == [e.id for e in timeline.events]
    resignation = data["events"][2]
    assert data["conflicts"][resignation["conflict"]]["claims"][0]["chosen"] is True
    articles = data["articles"]
    assert [articles[m["article"]]["source"] for m in resignation["mentions"]] == [
        "The Globe and Mail",
        "Translated copy",
    ]
    globe = resignation["mentions"][0]
    lo, hi = globe["mark"]
    sentence = globe["sentence"]
    assert (sentence[:lo], sentence[lo:hi], sentence[hi:]) == (
        "The minister announced ",
        "on Thursday",
        " that she would resign.",
    )
    assert articles[globe["article"]]["published"] == "2024-02-08"
    assert articles[globe["article"]]["origin"] == "manifest"
    assert globe["anchor_text"] == (
        "'on Thursday' → 2024-02-08, anchored to publication date 2024-02-08 from the manifest"
    )
    assert globe["words"] == "on Thursday"
    assert "date" not in globe and "time_source" not in globe  # the event's date, explicit date words
    copy = resignation["mentions"][1]  # the copy reads the date differently: its own interval is kept
    assert (copy["date"], copy["start"], copy["end"], copy["granularity"]) == (
        "2024-01-04",
        "2024-01-04",
        "2024-01-04",
        "day",
    )


def test_highlight_offsets_count_utf16_units() -> None:
    """JavaScript slices strings in UTF-16 code units: an emoji before the date words counts twice."""
    globe, copy = default_articles()
    sentence = "Fans 🎉 cheered on Friday."
    event = make_event(
        "ev-1",
        "Cheers",
        make_interval("2024-02-09"),
        (make_provenance(globe, sentence, "on Friday", make_interval("2024-02-09")),),
    )
    doc = parse(render_report(make_timeline(articles=(globe, copy), events=(event,), conflicts=()), plotlyjs="cdn"))
    mention = _data(doc)["events"][0]["mentions"][0]
    utf16 = sentence.encode("utf-16-le")
    lo, hi = mention["mark"]
    assert utf16[2 * lo : 2 * hi].decode("utf-16-le") == "on Friday"


def test_conflicts_are_summarised_at_the_top_with_their_explanation(doc: Document) -> None:
    callout = doc.root.find("header").find("div", class_="conflict-callout")
    text = " ".join(callout.text.split())
    assert text.startswith("1 event where sources disagree about the date.")
    assert callout.find("a").attrs["href"] == "#conflicts"
    assert callout.find("p", class_="explanation").text == "The copy's header date is probably the translation date."
    card = doc.root.by_id("conflicts").find("article", class_="conflict-card")
    assert card.find("p", class_="explanation").text == "The copy's header date is probably the translation date."
    sections = [n.attrs["id"] for n in doc.root.find("main").find_all("section")]
    assert sections.index("conflicts") < sections.index("events")


def test_many_conflicts_fold_after_the_first_ones() -> None:
    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    many = tuple(conflict.model_copy(update={"id": f"cf-{i:02d}"}) for i in range(CONFLICTS_OPEN + 3))
    doc = parse(render_report(timeline.model_copy(update={"conflicts": many}), plotlyjs="cdn"))
    section = doc.root.by_id("conflicts")
    details = section.find("details", class_="more-conflicts")
    assert "Show the other 3 conflicts" in details.find("summary").text
    assert details.attrs["data-from"] == str(CONFLICTS_OPEN)  # the script builds those cards when opened
    assert not details.find_all("article", class_="conflict-card")
    assert len(section.find_all("article", class_="conflict-card")) == CONFLICTS_OPEN
    assert "13 events where sources disagree about the date." in doc.root.find("header").text
    # one distinct explanation is shown once at the top
    assert len(doc.root.find("header").find_all("p", class_="explanation")) == 1


def test_no_conflicts_no_callout() -> None:
    doc = parse(render_report(make_timeline(conflicts=()), plotlyjs="cdn"))
    assert not doc.root.find("header").find_all("div", class_="conflict-callout")
    assert "No conflicting dates" in doc.root.by_id("conflicts").text


def test_script_json_escapes_markup_characters() -> None:
    payload = {"t": "</script><!-- & \u2028 <b>"}
    text = str(script_json(payload))
    assert not any(ch in text for ch in "<>&\u2028")
    assert json.loads(text) == payload


def test_deflated_json_is_base64_of_the_script_json_and_much_smaller() -> None:
    payload = {
        "events": [
            {"title": f"</script> event {i % 7}", "sentence": "The minister resigned on Thursday."} for i in range(500)
        ]
    }
    text = str(deflated_json(payload))
    assert re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", text)  # nothing that could close its script element
    assert zlib.decompress(base64.b64decode(text)).decode("utf-8") == str(script_json(payload))
    assert len(text) * 10 < len(str(script_json(payload)))
    assert str(deflated_json(payload)) == text


def test_json_of_a_payload_in_key_order_is_the_script_json() -> None:
    # pydantic-core writes the page's data (its keys already in order) as json.dumps does, escapes replaced
    text = '</script><!-- & \u2028 \u2029 <b> "quoted" back\\slash \x00\x1f\x7f é ✓ 😀 \n\t'
    payload = {"a": [text, 1, -20, None, True, False], "b": {"c": [], "d": {}}, "é": 10**20}
    expected = str(script_json(payload)).encode("utf-8")
    assert script_json_bytes(payload, in_key_order=True) == expected
    assert script_json_bytes(payload) == expected
    assert str(deflated_json(payload, in_key_order=True)) == str(deflated_json(payload))
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate fails as it did
        script_json_bytes({"a": "\ud800"}, in_key_order=True)


@pytest.mark.parametrize("text", ["</script> & <b>", "plain", "\u2028 line", "\u2029 & é", "é <", "✓\u2028\u2029"])
def test_json_bytes_escape_ascii_and_other_text_alike(text: str) -> None:
    # ASCII JSON skips the search for the line separators (which it cannot hold), and only it
    for in_key_order in (True, False):
        data = script_json_bytes({"t": text}, in_key_order=in_key_order)
        assert data == str(script_json({"t": text})).encode("utf-8")
        assert not any(char.encode("utf-8") in data for char in "<>&\u2028\u2029")


@pytest.mark.parametrize("items", [1, 2, 3, 1000])
def test_deflated_json_in_pieces_is_the_whole_deflated(monkeypatch: pytest.MonkeyPatch, items: int) -> None:
    # the data block's JSON is written and deflated a few list items at a time: the bytes of the whole's deflate
    monkeypatch.setattr(report, "_PIECE_ITEMS", items)
    texts = ["</script> & é", "\u2028", "plain", '"q"', "✓ \u2029 <"]
    payload = {
        "a": [{"n": i, "t": texts[i % 5]} for i in range(7)],
        "b <": [],
        "c": [[1, 2], [3]],
        "d": {"e": texts},
        "f": list(range(4)),
        "é": "x",
    }
    whole = base64.b64encode(zlib.compress(script_json_bytes(payload, in_key_order=True), 6)).decode("ascii")
    assert str(deflated_json(payload, in_key_order=True)) == whole == str(deflated_json(payload))
    assert b"".join(report._json_pieces(payload)) == script_json_bytes(payload, in_key_order=True)
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate fails as it did, in any piece
        deflated_json({"a": ["x", "y", "\ud800"]}, in_key_order=True)


def _in_key_order(value: object) -> bool:
    if isinstance(value, dict):
        return list(value) == sorted(value) and all(_in_key_order(v) for v in value.values())
    if isinstance(value, list):
        return all(_in_key_order(v) for v in value)
    return True


def test_page_data_is_built_in_key_order() -> None:
    # `deflated_json(..., in_key_order=True)` writes it unsorted: every object must be built in sorted order
    from timeline.render.views import page_data

    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    event = next(e for e in timeline.events if e.id == conflict.event_id)
    planned = event.provenance[0].model_copy(update={"factuality": "planned", "time_source": "inferred"})
    odd = event.model_copy(update={"id": "odd", "provenance": (*event.provenance, planned)})
    data = page_data(timeline.model_copy(update={"events": (*timeline.events, odd)}))
    assert data["conflicts"] and data["articles"] and data["events"]
    assert any("kind" in m and "time_source" in m for e in data["events"] for m in e["mentions"])
    assert any("start" in m for e in data["events"] for m in e["mentions"])  # a mention of its own date
    assert _in_key_order(data)


def test_title_is_escaped() -> None:
    doc = parse(render_report(make_timeline(), plotlyjs="cdn", title="Budget <i>leak</i> & fallout"))
    assert doc.root.find("title").text == "Budget <i>leak</i> & fallout"
    assert doc.root.find("h1").text == "Budget <i>leak</i> & fallout"
    assert not doc.root.find("h1").find_all("i")


def test_rendering_is_deterministic(page: str) -> None:
    assert render_report(make_timeline(), plotlyjs="cdn") == page
    rebuilt = Timeline.model_validate_json(make_timeline().model_dump_json())
    assert render_report(rebuilt, plotlyjs="cdn") == page
    assert render_embed(make_timeline()) == render_embed(rebuilt)


def test_cdn_is_small_and_inline_embeds_plotly_basic(page: str) -> None:
    assert len(page.encode("utf-8")) < 200_000
    assert 'src="https://cdn.plot.ly/' in page and 'integrity="sha384-' in page
    inline = render_report(make_timeline())
    assert 1_000_000 < len(inline.encode("utf-8")) < 1_500_000
    assert f"plotly.js (basic - minified) v{PLOTLY_BASIC_VERSION}" in inline
    assert 'src="https://cdn.plot.ly' not in inline
    assert inline == render_report(make_timeline())


def test_vendored_plotly_basic_matches_plotly_py() -> None:
    """The basic bundle must be the plotly.js version plotly.py builds figures for (update both together)."""
    from plotly.offline import get_plotlyjs_version

    assert get_plotlyjs_version() == PLOTLY_BASIC_VERSION
    bundle = plotly_basic_js()
    assert f"v{PLOTLY_BASIC_VERSION}" in bundle[:200]
    assert "</script" not in bundle.lower() and "<!--" not in bundle


def test_bad_plotlyjs_mode() -> None:
    with pytest.raises(ValueError, match="plotlyjs"):
        render_report(make_timeline(), plotlyjs="local")  # type: ignore[arg-type]


def test_embed_is_a_fragment() -> None:
    fragment = render_embed(make_timeline())
    lowered = fragment.lower()
    assert "<html" not in lowered and "<body" not in lowered and "<!doctype" not in lowered
    doc = parse(fragment)
    assert doc.errors == []
    chart_id = embed_chart_id(make_timeline(), "key")
    assert re.fullmatch(r"timeline-chart-[0-9a-f]{10}", chart_id)
    assert doc.root.by_id(chart_id).tag == "div"
    assert f'document.getElementById("{chart_id}")' in fragment  # plotly draws into that element
    caption = " ".join(doc.root.find("figcaption").text.split())
    assert "2023-11-15 to 2024-02-08" in caption and "1 conflict." in caption
    assert len(fragment) < 200_000
    titled = parse(render_embed(make_timeline(), title="Cabinet <crisis>")).root.find("figcaption").text
    assert titled.startswith("Cabinet <crisis>, 2023-11-15 to 2024-02-08")


def test_embeds_of_different_timelines_or_lanes_have_different_chart_ids() -> None:
    timeline = make_timeline()
    other = timeline.model_copy(update={"events": timeline.events[:2], "conflicts": ()})
    ids = {embed_chart_id(timeline, "source"), embed_chart_id(timeline, "actor"), embed_chart_id(other, "source")}
    assert len(ids) == 3
    assert embed_chart_id(timeline, "source") == embed_chart_id(make_timeline(), "source")  # deterministic


def test_empty_timeline_renders() -> None:
    doc = parse(render_report(Timeline(engine_version="0", settings_digest="x"), plotlyjs="cdn"))
    assert doc.errors == []
    assert "No dated events." in doc.root.find("header").text
    assert _data(doc) == {"articles": [], "conflicts": [], "events": [], "about": []}


def test_the_conflicts_views_title_their_events_as_a_dict_of_every_events_title_would() -> None:
    # `views._conflict_titles` finds only the conflicts' events (by index): the last event of an id, as a dict would
    from timeline.render.views import page_context, page_data

    timeline = make_timeline()
    conflict = timeline.conflicts[0]
    event = next(e for e in timeline.events if e.id == conflict.event_id)
    renamed = event.model_copy(update={"title": "the later event of that id"})
    lost = conflict.model_copy(update={"id": "cf-lost", "event_id": "no-such-event"})
    doubled = timeline.model_copy(update={"events": (*timeline.events, renamed), "conflicts": (conflict, lost)})
    titles = {e.id: e.title for e in doubled.events}
    views = page_context(doubled)["conflicts"]
    assert [(v["title"], v["has_event"]) for v in views] == [
        (titles.get(c.event_id, c.event_id), c.event_id in titles) for c in doubled.conflicts
    ]
    assert views[0]["title"] == "the later event of that id" and views[1] == {**views[1], "title": "no-such-event"}
    assert page_data(doubled)["conflicts"] == views


def test_the_page_context_is_the_same_read_from_the_rows() -> None:
    # given the rows, `page_context` reads the sources' labels and the full span from them, not from the events
    from timeline.render.rows import event_rows, mention_rows, placed_mention_rows
    from timeline.render.views import page_context

    timeline = make_timeline()
    stray = timeline.unplaced[0].model_copy(update={"article_id": "not-an-article"})  # its row's source: that id
    early = timeline.events[0].model_copy(update={"id": "ev-early", "interval": make_interval("1999-12-31")})
    timeline = timeline.model_copy(
        update={"unplaced": (*timeline.unplaced, stray), "events": (*timeline.events, early)}
    )
    context = page_context(timeline)
    assert "not-an-article" not in context["sources"] and context["full_span"][0] == "1999-12-31"
    assert page_context(timeline, mention_rows(timeline), event_rows(timeline)) == context
    assert page_context(timeline, placed_mention_rows(timeline), event_rows(timeline)) == context

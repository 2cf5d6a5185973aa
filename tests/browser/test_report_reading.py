"""What a reader does with the sample report in a real browser: sees the conflict at once, filters by actor,
works it from the keyboard, prints it; and the second setting of the seeds (both articles on one date)."""

from __future__ import annotations

import re

from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

LAPTOP = {"width": 1366, "height": 768}
ROW_IDS = "() => Array.from(document.querySelectorAll('#events-body tr')).map((r) => r.dataset.eventId)"
FOCUSED = "() => { const e = document.activeElement; return [e.tagName, e.id, e.dataset.eventId || null]; }"


def _open(browser, report, viewport=LAPTOP):
    page = browser.new_page(viewport=viewport)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.url)
    page.wait_for_selector("#timeline-chart[data-drawn-ms]")
    page.wait_for_function("document.querySelectorAll('#events-body tr').length > 0")
    return page, errors


def test_the_five_week_conflict_and_its_explanation_are_on_the_first_screen(browser, gaza_report) -> None:
    page, errors = _open(browser, gaza_report)
    try:
        callout = page.locator("header .conflict-callout")
        box = callout.bounding_box()
        assert box is not None and box["y"] + box["height"] <= LAPTOP["height"]  # no scrolling needed
        text = callout.inner_text()
        assert "events where sources disagree about the date" in text
        blamed = r"publication date 2024-01-03 \(header-line\) looks wrong( \([^)]*\))?: .* \(about 5 weeks\)"
        assert re.search(blamed, text)
        # its link leads to the conflict cards, each with the same explanation
        callout.get_by_role("link", name="See the conflicting dates").click()
        first_card = page.locator("#conflicts article.conflict-card").first
        assert "about 5 weeks" in first_card.locator("p.explanation").inner_text()
        assert errors == []
    finally:
        page.close()


def test_the_time_axis_has_zoom_and_a_range_slider(browser, gaza_report) -> None:
    page, errors = _open(browser, gaza_report)
    try:
        assert page.locator("#timeline-chart .rangeslider-container").count() == 1
        assert page.evaluate("document.getElementById('timeline-chart')._fullLayout.xaxis.type") == "date"
        titles = page.evaluate(
            "() => Array.from(document.querySelectorAll('#timeline-chart .modebar-btn'))"
            ".map((b) => b.getAttribute('data-title'))"
        )
        assert {"Zoom", "Pan", "Zoom in", "Zoom out", "Reset axes"} <= set(titles)
        before = page.evaluate("document.getElementById('timeline-chart')._fullLayout.xaxis.range.slice()")
        page.locator("#timeline-chart .modebar-btn[data-title='Zoom in']").click()
        page.wait_for_function(
            "(r) => document.getElementById('timeline-chart')._fullLayout.xaxis.range[0] !== r[0]", arg=before
        )
        assert errors == []
    finally:
        page.close()


def test_same_date_setting_shows_both_articles_events_and_no_conflict(browser, gaza_same_date_report) -> None:
    report = gaza_same_date_report
    page, errors = _open(browser, report)
    try:
        assert report.timeline["conflicts"] == []
        assert page.locator("header .conflict-callout").count() == 0
        events = report.timeline["events"]
        assert page.evaluate(ROW_IDS) == [e["id"] for e in events]
        articles = {p["article_id"] for e in events for p in e["provenance"]}
        assert articles == {a["id"] for a in report.timeline["articles"]}  # both articles' events
        assert any(len({p["article_id"] for p in e["provenance"]}) == 2 for e in events)
        lanes = page.evaluate(
            "() => document.getElementById('timeline-chart').data.filter((t) => t.meta.kind === 'lane')"
            ".map((t) => t.meta.lane)"
        )
        sources = {p["source"] for e in events for p in e["provenance"]}
        assert sources <= set(lanes)  # a lane of marks for each source
        merged = page.evaluate(
            "() => document.getElementById('timeline-chart').data.filter((t) => t.meta.kind === 'merged')"
            ".flatMap((t) => t.customdata.concat(Object.values(t.meta.stacks || {}).flat().map((s) => s[0])))"
        )
        assert sorted(merged) == sorted(e["id"] for e in events)
        assert errors == []
    finally:
        page.close()


def test_actor_filter_suggests_actors_and_narrows_table_and_chart(browser, gaza_report) -> None:
    page, errors = _open(browser, gaza_report)
    try:
        events = gaza_report.timeline["events"]
        page.focus("#filter-actor")
        suggestions = page.evaluate(
            "() => Array.from(document.querySelectorAll('#actor-list option')).map((o) => o.value)"
        )
        actors = {a["name"] for e in events for a in e["actors"]}
        assert set(suggestions) == actors
        page.fill("#filter-actor", "israel")  # an actor's exact name: that actor only, not "Israeli"
        exact = [e["id"] for e in events if any(a["name"].lower() == "israel" for a in e["actors"])]
        assert 0 < len(exact) < len(events)
        assert page.evaluate(ROW_IDS) == exact
        page.fill("#filter-actor", "blink")  # part of a name: every actor containing it
        part = [e["id"] for e in events if any("blink" in a["name"].lower() for a in e["actors"])]
        assert page.evaluate(ROW_IDS) == part
        assert page.locator("#filter-count").inner_text() == f"Showing {len(part)} of {len(events)} events"
        page.check("#filter-conflicts")  # filters combine
        conflicted = {c["event_id"] for c in gaza_report.timeline["conflicts"]}
        assert page.evaluate(ROW_IDS) == [i for i in part if i in conflicted]
        dimmed = page.evaluate(
            "() => document.getElementById('timeline-chart').data.filter((t) => t.meta.kind === 'merged')"
            ".every((t) => Array.isArray(t.selectedpoints))"
        )
        assert dimmed
        page.fill("#filter-actor", "")
        page.uncheck("#filter-conflicts")
        assert len(page.evaluate(ROW_IDS)) == len(events)
        assert errors == []
    finally:
        page.close()


def test_keyboard_tab_to_an_event_and_enter_opens_its_sources(browser, gaza_report) -> None:
    page, errors = _open(browser, gaza_report)
    try:
        first = gaza_report.timeline["events"][0]
        for _ in range(80):
            page.keyboard.press("Tab")
            tag, _, event_id = page.evaluate(FOCUSED)
            if tag == "TR":
                break
        assert (tag, event_id) == ("TR", first["id"])  # the events table's first row, by Tab alone
        page.keyboard.press("Enter")
        page.wait_for_selector("#detail-panel:not([hidden])")
        assert page.evaluate(FOCUSED)[1] == "detail-title"
        assert page.locator("#detail-title").inner_text() == first["title"]
        body = page.locator("#detail-body").inner_text()
        # the source that dates it shows its anchor (an undated supporting source may come first)
        dated = next(p for p in first["provenance"] if p["interval"])
        assert f"anchored to publication date {dated['published']}" in body
        page.keyboard.press("Escape")
        page.wait_for_selector("#detail-panel", state="hidden")
        assert page.evaluate(FOCUSED) == ["TR", "", first["id"]]  # focus back on the row
        page.keyboard.press("Space")
        page.wait_for_selector("#detail-panel:not([hidden])")
        assert errors == []
    finally:
        page.close()


def test_print_shows_the_content_without_the_controls(browser, gaza_report) -> None:
    page, errors = _open(browser, gaza_report)
    try:
        page.locator("#events-body tr").first.click()
        page.wait_for_selector("#detail-panel:not([hidden])")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['#filters', '#chart-controls', '#detail-panel', '.skip']
              .map((s) => getComputedStyle(document.querySelector(s)).display)"""
        )
        assert hidden == ["none"] * 4
        shown = page.evaluate(
            """() => ['#chart', '#conflicts', '#events', '#articles', '#issues']
              .map((s) => getComputedStyle(document.querySelector(s)).contentVisibility)"""
        )
        assert shown == ["visible"] * 5
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        assert errors == []
    finally:
        page.close()


def test_printing_shows_every_matching_event_and_every_conflict(browser, tmp_path) -> None:
    from datetime import date, timedelta

    from tests.factories import default_articles, make_event, make_interval, make_provenance, make_timeline
    from timeline.render.report import render_report
    from timeline.render.views import CONFLICTS_OPEN

    globe, copy = default_articles()
    days = [(date(2023, 1, 1) + timedelta(days=i)).isoformat() for i in range(230)]
    events = tuple(
        make_event(f"ev-{i:03d}", f"Event {i}", make_interval(d), (make_provenance(globe, f"On {d}.", d, None),))
        for i, d in enumerate(days)
    )
    base = make_timeline()
    conflict = base.conflicts[0]
    conflicts = tuple(
        conflict.model_copy(update={"id": f"cf-{i:02d}", "event_id": f"ev-{i:03d}"}) for i in range(CONFLICTS_OPEN + 2)
    )
    timeline = make_timeline(articles=(globe, copy), events=events, conflicts=conflicts)
    path = tmp_path / "big.html"
    path.write_text(render_report(timeline), encoding="utf-8")
    page = browser.new_page(viewport=LAPTOP)
    try:
        page.goto(path.as_uri())
        page.wait_for_selector("#timeline-chart[data-drawn-ms]")
        rows = page.locator("#events-body tr")
        cards = page.locator("#conflicts article.conflict-card")
        assert (rows.count(), cards.count()) == (200, CONFLICTS_OPEN)  # a page of rows on screen
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert (rows.count(), cards.count()) == (230, CONFLICTS_OPEN + 2)
        page.emulate_media(media="print")
        assert page.evaluate("getComputedStyle(document.querySelector('.more-rows')).display") == "none"
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")
        assert rows.count() == 200
        page.fill("#filter-text", "event 1")  # printing a filtered table prints what matches
        matching = sum(1 for i in range(230) if "event 1" in f"event {i}")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert rows.count() == matching
    finally:
        page.close()

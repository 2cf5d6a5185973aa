"""The seeds' report opens on the key events, titled on the chart: read without hovering, in Chromium."""

from __future__ import annotations

from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

LABELS = """() => Array.from(document.querySelectorAll('#timeline-chart g.annotation')).map((g) => {
  const r = g.querySelector('rect.bg').getBoundingClientRect();
  const style = getComputedStyle(g);
  return {text: g.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
          shown: style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0};
})"""


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    ]


def test_seeds_open_on_titled_key_events_with_dumbbells(gaza_report, open_report) -> None:
    opened = open_report(gaza_report)
    page = opened.page
    assert page.get_attribute("#timeline-chart", "data-lanes") == "key"
    boxes = page.evaluate(LABELS)
    chart = page.locator("#timeline-chart").bounding_box()
    assert chart is not None
    titles = [b for b in boxes if " · " in b["text"]]  # "Feb 8 · Antony Blinken left the Middle East"
    assert 5 <= len(titles) <= 25
    assert all(b["shown"] and chart["x"] <= b["x"] and b["x"] + b["w"] <= chart["x"] + chart["width"] for b in boxes)
    assert _overlaps(boxes) == []  # no label box over another, conflict lines included
    # every conflict is one row (a dumbbell) with its line of text
    conflicts = gaza_report.timeline["conflicts"]
    notes = [b for b in boxes if "(kept)" in b["text"] or b not in titles]
    assert len(notes) >= len(conflicts) and conflicts
    rows = page.evaluate(
        "() => { const gd = document.getElementById('timeline-chart');"
        " const t = gd.data.find((d) => d.name === 'conflicting dates');"
        " return t.y.filter((y) => y !== null); }"
    )
    assert len(set(rows)) == len(conflicts)
    # a label opens its event; the button shows every event in lanes
    page.locator("#timeline-chart g.annotation").first.click()
    page.wait_for_selector("#detail-panel:not([hidden])")
    page.keyboard.press("Escape")
    page.click("#chart-all")
    page.wait_for_function("document.getElementById('timeline-chart').dataset.lanes === 'source'")
    assert page.get_attribute("#chart-all", "aria-pressed") == "true"
    assert opened.errors == []


def test_seeds_png_is_the_labelled_view(gaza_report) -> None:
    from timeline.artifacts import read_timeline
    from timeline.render.static import static_figure

    timeline = read_timeline(gaza_report.out / "timeline.json")
    fig = static_figure(timeline, title="Seeds").to_dict()
    titled = [a for a in fig["layout"]["annotations"] if a.get("name", "").startswith("key:")]
    assert 5 <= len(titled) <= 25

"""The seeds' report opens on the key events, titled on the chart: read without hovering, in Chromium."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS

LABELS = """() => Array.from(document.querySelectorAll('#timeline-chart g.annotation')).map((g) => {
  const bg = g.querySelector('rect.bg');
  if (!bg) { return null; }  // off the first zoom: plotly hides it
  const r = bg.getBoundingClientRect();
  const style = getComputedStyle(g);
  return {text: g.textContent, x: r.x, y: r.y, w: r.width, h: r.height,
          shown: style.display !== 'none' && style.visibility !== 'hidden' && r.width > 0};
}).filter((b) => b !== null)"""


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


def test_seeds_open_on_titled_key_events_with_dumbbells(gaza_key_report, open_report) -> None:
    gaza_report = gaza_key_report
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


def test_seeds_embed_is_the_labelled_view(gaza_key_report, browser, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["render", str(gaza_key_report.out / "timeline.json"), "--out", str(tmp_path), "--embed", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    brief = tmp_path / "brief.html"
    fragment = (tmp_path / "embed.html").read_text(encoding="utf-8")
    brief.write_text(f"<!DOCTYPE html><html><body><main style='width:1100px'>{fragment}</main></body></html>")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(brief.as_uri())
        page.wait_for_selector(".timeline-embed g.annotation")
        boxes = page.evaluate(LABELS.replace("#timeline-chart", ".timeline-embed"))
        assert 5 <= len([b for b in boxes if " · " in b["text"]]) <= 25
        assert all(b["shown"] for b in boxes) and _overlaps(boxes) == []
    finally:
        page.close()

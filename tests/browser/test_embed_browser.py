"""`timeline render --embed`: the fragment pasted into a brief's page draws its chart and legend, and an
article full of script-injection payloads executes nothing there either."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


def _brief(report, folder: Path) -> Path:
    """Render the report's embed.html (plotly.js inline: no network) and paste it into a page."""
    out = folder / "out"
    args = ["render", str(report.out / "timeline.json"), "--out", str(out), "--embed", "--title", "Brief chart"]
    result = CliRunner().invoke(app, [*args, "--quiet"])
    assert result.exit_code == 0, result.output
    fragment = (out / "embed.html").read_text(encoding="utf-8")
    page = folder / "brief.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Brief</title></head>'
        f"<body><h1>Research brief</h1><p>Text before.</p>{fragment}<p>Text after.</p></body></html>",
        encoding="utf-8",
    )
    return page


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(path.as_uri())
    page.wait_for_selector("#timeline-chart .main-svg")
    return page, errors


def test_embed_draws_its_chart_and_legend_in_a_brief(browser, gaza_report, tmp_path: Path) -> None:
    page, errors = _open(browser, _brief(gaza_report, tmp_path))
    try:
        caption = page.locator("figure.timeline-embed figcaption").inner_text()
        n_events = len(gaza_report.timeline["events"])
        assert caption.startswith("Brief chart, ") and f"{n_events} events" in caption
        assert "conflicting dates" in caption and "date kept" in caption
        # the merged lane holds every event once: a mark each, or stacked under a mark ("+3 more here")
        merged = page.evaluate(
            """() => document.getElementById('timeline-chart').data
              .filter((t) => t.name === 'All sources (merged)')
              .map((t) => [t.customdata, t.hovertext])"""
        )
        ids = [i for customdata, _ in merged for i in customdata]
        stacked = sum(int(m) for _, texts in merged for t in texts for m in re.findall(r"\+(\d+) more here", t))
        assert len(set(ids)) == len(ids) and len(ids) + stacked == n_events
        assert errors == []
    finally:
        page.close()


def test_hostile_embed_executes_nothing(browser, hostile_report, tmp_path: Path) -> None:
    page, errors = _open(browser, _brief(hostile_report, tmp_path))
    try:
        page.evaluate(
            """() => {
              const gd = document.getElementById('timeline-chart');
              gd.data.forEach((t, i) => { if (t.customdata && t.customdata.length) {
                window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}]);
              } });
            }"""
        )
        page.wait_for_timeout(100)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, [onload], [onerror]').length") == 0
        assert "<script>" in page.locator("#timeline-chart").inner_text() or "window.__xss" in page.evaluate(
            "JSON.stringify(document.getElementById('timeline-chart').data.map((t) => t.hovertext))"
        )
        assert not [e for e in errors if "__xss" in e]
    finally:
        page.close()

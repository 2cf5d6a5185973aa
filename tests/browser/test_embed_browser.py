"""`timeline render --embed`: the fragment pasted into a brief's page draws its chart and legend, and an
article full of script-injection payloads executes nothing there either."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


CHART = "figure.timeline-embed .js-plotly-plot"


def _fragment(report, out: Path, *args: str) -> str:
    """Render the report's embed.html (plotly.js inline: no network) and return it."""
    command = ["render", str(report.out / "timeline.json"), "--out", str(out), "--embed", "--quiet", *args]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    return (out / "embed.html").read_text(encoding="utf-8")


def _brief(report, folder: Path, *more: str) -> Path:
    """Paste the report's embed (and any more fragments) into a brief's page."""
    fragment = _fragment(report, folder / "out", "--title", "Brief chart", "--lanes", "source")
    page = folder / "brief.html"
    page.write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Brief</title></head>'
        f"<body><h1>Research brief</h1><p>Text before.</p>{fragment}<p>Text after.</p>{''.join(more)}</body></html>",
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
    page.wait_for_selector(f"{CHART} .main-svg")
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
            """(sel) => document.querySelector(sel).data
              .filter((t) => t.name === 'All sources (merged)')
              .map((t) => [t.customdata, t.hovertext])""",
            CHART,
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
            """(sel) => {
              const gd = document.querySelector(sel);
              gd.data.forEach((t, i) => { if (t.customdata && t.customdata.length) {
                window.Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: 0}]);
              } });
            }""",
            CHART,
        )
        page.wait_for_timeout(100)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.evaluate("document.querySelectorAll('img, [onload], [onerror]').length") == 0
        hovers = page.evaluate(
            "(sel) => JSON.stringify(document.querySelector(sel).data.map((t) => t.hovertext))", CHART
        )
        assert "window.__xss" in hovers  # the payloads are there, as text
        assert not [e for e in errors if "__xss" in e]
    finally:
        page.close()


def test_two_embeds_share_a_brief(browser, gaza_report, tmp_path: Path) -> None:
    second = _fragment(gaza_report, tmp_path / "actor", "--lanes", "actor")
    page, errors = _open(browser, _brief(gaza_report, tmp_path, second))
    try:
        page.wait_for_function(f"document.querySelectorAll('{CHART} .main-svg').length >= 2")
        charts = page.evaluate(
            f"() => Array.from(document.querySelectorAll('{CHART}')).map((gd) => [gd.id, gd.data.length])"
        )
        assert len(charts) == 2 and charts[0][0] != charts[1][0] and all(n > 0 for _, n in charts)
        assert errors == []
    finally:
        page.close()

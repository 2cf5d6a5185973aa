"""`--plotlyjs cdn` in a real browser: the full plotly.js from cdn.plot.ly passes its integrity check and
draws the chart; offline, the page says why there is no chart and the tables still work."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import BROWSER_MARKS

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def cdn_page(gaza_report, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cdn") / "out"
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(gaza_report.out / "timeline.json"),
            "--out",
            str(out),
            "--plotlyjs",
            "cdn",
            "--lanes",
            "source",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    page = out / "timeline.html"
    assert page.stat().st_size < 1_000_000  # no plotly.js inside
    return page


def _open(browser, path: Path, *, serve_cdn: bool):
    from plotly.offline import get_plotlyjs

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    if serve_cdn:  # cdn.plot.ly's file is plotly.py's bundle, byte for byte (npm plotly.js-dist-min, same version)
        page.route(
            "https://cdn.plot.ly/**",
            lambda route: route.fulfill(
                status=200,
                body=get_plotlyjs(),
                content_type="application/javascript",
                headers={"Access-Control-Allow-Origin": "*"},
            ),
        )
    else:
        page.route("https://cdn.plot.ly/**", lambda route: route.abort("internetdisconnected"))
    page.goto(path.as_uri())
    return page, errors


def test_cdn_report_draws_when_the_cdn_answers(browser, cdn_page: Path, gaza_report) -> None:
    page, errors = _open(browser, cdn_page, serve_cdn=True)
    try:
        page.wait_for_selector("#timeline-chart[data-drawn-ms]")  # the integrity hash matched
        assert page.evaluate("window.Plotly.version") == page.evaluate(
            "document.querySelector('script[src^=\"https://cdn.plot.ly/\"]').src.match(/plotly-(.*)\\.min\\.js/)[1]"
        )
        merged = page.evaluate(
            "() => document.getElementById('timeline-chart').data.filter((t) => t.meta.kind === 'merged')"
            ".flatMap((t) => t.customdata.concat(Object.values(t.meta.stacks || {}).flat().map((s) => s[0])))"
        )
        assert sorted(merged) == sorted(e["id"] for e in gaza_report.timeline["events"])
        assert errors == []
    finally:
        page.close()


def test_cdn_report_offline_says_why_and_keeps_the_tables(browser, cdn_page: Path, gaza_report) -> None:
    page, errors = _open(browser, cdn_page, serve_cdn=False)
    try:
        page.wait_for_function("document.querySelectorAll('#events-body tr').length > 0")
        page.wait_for_selector("#timeline-chart p.empty")
        assert "plotly.js did not load" in page.locator("#timeline-chart").inner_text()
        assert page.locator("#events-body tr").count() == len(gaza_report.timeline["events"])
        assert [e for e in errors if not e.startswith("Failed to load resource")] == []
    finally:
        page.close()

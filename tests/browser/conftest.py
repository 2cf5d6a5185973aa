"""Fixtures for the tests that open reports in a real headless Chromium, driven by Playwright.

They need Debian's chromium at /usr/bin/chromium and the `playwright` package (the `dev` extra);
`playwright install` is never run: the system browser is used. Without either, every test here is
skipped with the reason. Reports are built once per session with the command line.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import CHROMIUM, GAZA, LAUNCH_ARGS, XSS_IMG, XSS_SCRIPT, XSS_SVG
from timeline.compact import load_timeline

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page


@dataclass
class Report:
    """A report built by `timeline build`: its folder, parsed timeline.json, and its page's URL."""

    out: Path
    timeline: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return (self.out / "timeline.html").as_uri()


def _build(inputs: Path, out: Path, *args: str) -> Report:
    result = CliRunner().invoke(app, ["build", str(inputs), "--out", str(out), "--quiet", *args])
    assert result.exit_code == 0, result.output
    record = json.loads((out / "timeline.json").read_text(encoding="utf-8"))
    return Report(out=out, timeline=load_timeline(record).model_dump(mode="json"))


@pytest.fixture(scope="session")
def gaza_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The Gaza sample built with the CLI (plotly.js inline, so the page needs no network), opening on
    all events in source lanes (``--lanes source``), whose marks most tests here check one by one."""
    return _build(GAZA, tmp_path_factory.mktemp("gaza") / "out", "--lanes", "source")


@pytest.fixture(scope="session")
def gaza_key_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The Gaza sample as `timeline build` writes it by default: the page opens on the key events."""
    return _build(GAZA, tmp_path_factory.mktemp("gaza-key") / "out")


@pytest.fixture(scope="session")
def gaza_same_date_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The Gaza sample with both articles dated 2024-02-08 (the second setting of `make report`)."""
    out = tmp_path_factory.mktemp("gaza-same-date") / "out"
    return _build(GAZA, out, "--published", "001_c8628ad196c7de24=2024-02-08", "--lanes", "source")


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A report of one article whose title, source and text carry script-injection payloads."""
    folder = tmp_path_factory.mktemp("hostile")
    front = yaml.safe_dump(
        {
            "title": f"Council {XSS_SCRIPT} {XSS_IMG} {XSS_SVG}",
            "source": f"Evil {XSS_SVG} {XSS_IMG} Times {XSS_SCRIPT}",
            "published": "2024-02-07",
            "url": "javascript:window.__xss=1",
        },
        allow_unicode=True,
    )
    body = (
        f"On 5 February 2024, the city council {XSS_SCRIPT} voted {XSS_IMG} to close the old bridge {XSS_SVG}.\n"
        f"The mayor said on 6 February 2024 that repairs {XSS_SVG} would start in March 2024.\n"
    )
    (folder / "articles").mkdir()
    (folder / "articles" / "evil.md").write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    shutil.rmtree(folder / "out", ignore_errors=True)
    return _build(folder / "articles", folder / "out", "--lanes", "source")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session (the system one: nothing is downloaded)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@dataclass
class OpenPage:
    """A loaded report page and everything it logged."""

    page: Page
    errors: list[str]


@pytest.fixture
def open_report(browser: Browser) -> Iterator[Callable[[Report], OpenPage]]:
    """Return a function opening a report and waiting until its chart and table are drawn."""
    pages: list[Page] = []

    def _open(report: Report) -> OpenPage:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                errors.append(f"console: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
        page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
        page.goto(report.url)
        page.wait_for_function(
            "document.querySelector('#timeline-chart.js-plotly-plot[data-drawn-ms]') !== null"
            " && document.querySelectorAll('#events-body tr').length > 0",
            timeout=20_000,
        )
        return OpenPage(page=page, errors=errors)

    yield _open
    for page in pages:
        page.close()

"""`timeline render --png --svg`: the chart drawn by kaleido in the system Chromium."""

from __future__ import annotations

import struct
from pathlib import Path

from typer.testing import CliRunner

from cli.app import app
from tests.browser.support import BROWSER_MARKS, CHROMIUM
from timeline.render.static import IMAGE_WIDTH, PNG_SCALE

pytestmark = BROWSER_MARKS


def test_render_writes_png_and_svg(gaza_report, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", CHROMIUM)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["render", str(gaza_report.out / "timeline.json"), "--out", str(out), "--png", "--svg", "--title", "Gaza"]
    )
    assert result.exit_code == 0, result.output
    png = (out / "timeline.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == IMAGE_WIDTH * PNG_SCALE and height > 600
    svg = (out / "timeline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "conflicting dates" in svg and "Gaza" in svg
    assert "The Globe and Mail" in svg  # lane labels
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv",
        "mentions.csv",
        "timeline.html",
        "timeline.json",
        "timeline.png",
        "timeline.svg",
    ]
    assert f"wrote {out / 'timeline.png'}" in result.output

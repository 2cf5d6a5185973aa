"""`timeline build`'s chart options: --lanes, and --png/--svg (which need a browser, looked for first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import ARTICLE_A, run

import cli.commands.render as render_module


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "bridge.md"
    path.write_text(ARTICLE_A, encoding="utf-8")
    return path


def test_build_png_without_chromium_fails_before_any_work(
    article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "find_chromium", lambda: None)
    out = tmp_path / "out"
    result = run("build", article, "--out", out, "--png")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.strip()] == [
        "error: cannot write PNG: no Chromium found; install Debian's chromium package "
        "(apt-get install chromium) or set BROWSER_PATH to a Chrome or Chromium executable"
    ]
    assert not out.exists()


def test_build_lanes_and_images(article: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.render.outputs as outputs_module

    def draw(timeline, image_format, *, browser, title, lanes):  # noqa: ANN001, ANN202
        return f"{image_format} {lanes} {len(timeline.events)}".encode()

    monkeypatch.setattr(render_module, "find_chromium", lambda: "/x/chromium")
    monkeypatch.setattr(outputs_module, "render_chart_image", draw)
    out = tmp_path / "out"
    result = run("build", article, "--out", out, "--plotlyjs", "cdn", "--lanes", "actor", "--svg", "-q")
    assert result.exit_code == 0, result.output
    assert '<option value="actor" selected>' in (out / "timeline.html").read_text(encoding="utf-8")
    assert (out / "timeline.svg").read_bytes().startswith(b"svg actor ")
    assert not (out / "timeline.png").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        "events.csv",
        "extractions.jsonl",
        "mentions.csv",
        "timeline.html",
        "timeline.json",
        "timeline.svg",
    ]

"""`timeline export` (through a local typer app until it is registered) and `timeline render`'s image options."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import cli.commands.render as render_module
from cli.commands.export import export_command
from cli.commands.render import render_command
from tests.factories import make_timeline
from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.timelinejs import render_timelinejs

app = typer.Typer()
app.command("export")(export_command)
app.command("render")(render_command)


def _run(*args: object):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


@pytest.fixture
def timeline_file(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(render_timeline_json(make_timeline()), encoding="utf-8")
    return path


def test_export_timelinejs_is_the_default(timeline_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "story.json"
    result = _run("export", timeline_file, "--out", out, "--title", "Minister resigns")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_timelinejs(make_timeline(), title="Minister resigns")
    assert json.loads(out.read_text(encoding="utf-8"))["events"][0]["unique_id"] == "ev-001"
    assert "wrote" in result.output and "3 events (timelinejs)" in result.output


@pytest.mark.parametrize(
    ("fmt", "render"),
    [
        ("csv", render_events_csv),
        ("mentions-csv", render_mentions_csv),
        ("json", lambda timeline: render_timeline_json(timeline, keyed=True)),
    ],
)
def test_export_other_formats_reuse_the_renderers(timeline_file: Path, tmp_path: Path, fmt, render) -> None:
    out = tmp_path / f"out.{fmt}"
    result = _run("export", timeline_file, "--format", fmt, "--out", out, "--quiet")
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render(make_timeline())
    assert result.output == ""


def test_export_errors(timeline_file: Path, tmp_path: Path) -> None:
    result = _run("export", timeline_file, "--out", tmp_path)
    assert result.exit_code == 1 and "--out is a folder, not a file" in result.output
    result = _run("export", tmp_path / "missing.json", "--out", tmp_path / "x.json")
    assert result.exit_code in (1, 2)
    assert _run("export", timeline_file, "--out", tmp_path / "x", "--format", "pdf").exit_code == 2
    assert not (tmp_path / "x.json").exists() and not (tmp_path / "x").exists()


def test_render_png_without_chromium_fails_cleanly(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(render_module, "find_chromium", lambda: None)
    out = tmp_path / "report"
    result = _run("render", timeline_file, "--out", out, "--png", "--svg")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        "error: cannot write PNG and SVG: no Chromium found; install Debian's chromium package "
        "(apt-get install chromium) or set BROWSER_PATH to a Chrome or Chromium executable"
    ]
    assert not out.exists()


def test_render_rejects_a_bad_browser_path(timeline_file: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-chromium"))
    result = _run("render", timeline_file, "--out", tmp_path / "report", "--svg")
    assert result.exit_code == 1 and "BROWSER_PATH is not an executable file" in result.output
    assert not (tmp_path / "report").exists()


def test_find_chromium_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert render_module.find_chromium() == str(fake)
    monkeypatch.delenv("BROWSER_PATH")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert render_module.find_chromium() == str(fake)
    monkeypatch.setattr(render_module, "BROWSER_PATHS", ())
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert render_module.find_chromium() is None


def test_render_without_images_writes_no_image(timeline_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = _run("render", timeline_file, "--out", out, "--plotlyjs", "cdn", "--quiet")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "mentions.csv", "timeline.html", "timeline.json"]


def test_render_lanes_sets_the_initial_layout_and_the_embed(timeline_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = _run("render", timeline_file, "--out", out, "--plotlyjs", "cdn", "--lanes", "kind", "--embed", "-q")
    assert result.exit_code == 0, result.output
    page = (out / "timeline.html").read_text(encoding="utf-8")
    assert '<option value="kind" selected>' in page
    embed = (out / "embed.html").read_text(encoding="utf-8")
    assert "One lane per kind of event" in embed
    assert _run("render", timeline_file, "--out", tmp_path / "x", "--lanes", "outlet").exit_code == 2
    assert not (tmp_path / "x").exists()


def test_render_image_failure_writes_nothing(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed image leaves the previous outputs as they were: the text files are not written either."""
    import timeline.render.outputs as outputs_module
    from timeline.errors import ImageExportError

    def fail(*args: object, **kwargs: object) -> bytes:
        raise ImageExportError("cannot write PNG: the browser at /x failed to draw the chart (Boom)")

    monkeypatch.setattr(render_module, "find_chromium", lambda: "/x/chromium")
    monkeypatch.setattr(outputs_module, "render_chart_image", fail)
    out = tmp_path / "report"
    out.mkdir()
    (out / "timeline.html").write_text("old report", encoding="utf-8")
    result = _run("render", timeline_file, "--out", out, "--png")
    assert result.exit_code == 1
    assert result.output.strip() == "error: cannot write PNG: the browser at /x failed to draw the chart (Boom)"
    assert sorted(p.name for p in out.iterdir()) == ["timeline.html"]
    assert (out / "timeline.html").read_text(encoding="utf-8") == "old report"


def test_render_images_are_written_with_the_text_outputs(
    timeline_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import timeline.render.outputs as outputs_module

    drawn: list[tuple[str, str, str]] = []

    def draw(timeline, image_format, *, browser, title, lanes):  # noqa: ANN001, ANN202
        drawn.append((image_format, str(browser), lanes))
        return b"\x89PNG fake" if image_format == "png" else b"<svg/>"

    monkeypatch.setattr(render_module, "find_chromium", lambda: "/x/chromium")
    monkeypatch.setattr(outputs_module, "render_chart_image", draw)
    out = tmp_path / "report"
    result = _run("render", timeline_file, "--out", out, "--png", "--svg", "--lanes", "actor", "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    assert drawn == [("png", "/x/chromium", "actor"), ("svg", "/x/chromium", "actor")]
    assert (out / "timeline.png").read_bytes() == b"\x89PNG fake"
    assert (out / "timeline.svg").read_bytes() == b"<svg/>"
    assert f"wrote {out / 'timeline.svg'}" in result.output

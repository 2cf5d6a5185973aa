"""`extract` → `merge` → `render` gives what `build` gives; render's options."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import GAZA, Built, load_json, run

from timeline.render.report import plotly_basic_js

RENDERED = ("timeline.html", "events.csv", "mentions.csv", "timeline.json")


@pytest.fixture(scope="module")
def stages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run extract and merge on the Gaza sample once; return the folder holding ex.jsonl and t.json."""
    folder = tmp_path_factory.mktemp("stages")
    extracted = run("extract", GAZA, "--out", folder / "ex.jsonl", "-q")
    assert extracted.exit_code == 0, extracted.output
    merged = run("merge", folder / "ex.jsonl", "--out", folder / "t.json", "-q")
    assert merged.exit_code == 0, merged.output
    return folder


def test_extract_writes_what_build_writes(stages: Path, gaza_build: Built) -> None:
    assert (stages / "ex.jsonl").read_bytes() == (gaza_build.out / "extractions.jsonl").read_bytes()


def test_merge_gives_the_build_timeline(stages: Path, gaza_build: Built) -> None:
    merged = load_json(stages / "t.json")
    built = gaza_build.timeline
    assert merged["events"] == built["events"]
    assert merged == built


@pytest.mark.parametrize("jobs", [None, "1", "2"])
def test_render_writes_the_four_files(stages: Path, gaza_build: Built, tmp_path: Path, jobs: str | None) -> None:
    out = tmp_path / "report"
    result = run("render", stages / "t.json", "--out", out, *(["--jobs", jobs] if jobs else []))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == sorted(RENDERED)
    for name in RENDERED:
        assert (out / name).read_bytes() == (gaza_build.out / name).read_bytes(), name


def test_render_embed_and_cdn(stages: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = run("render", stages / "t.json", "--out", out, "--embed", "--plotlyjs", "cdn", "-q",
                 "--title", "Blinken <leaves> & Co")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    embed = (out / "embed.html").read_text(encoding="utf-8")
    assert "<html" not in embed.lower()
    assert "<figure" in embed
    html = (out / "timeline.html").read_text(encoding="utf-8")
    assert "<html" in html
    # plotly.js is not inlined: the page is far smaller than plotly's basic bundle alone (1.2 MB)
    assert len(html.encode("utf-8")) < len(plotly_basic_js()) // 2
    assert "cdn.plot.ly" in html
    assert "Blinken &lt;leaves&gt; &amp; Co" in html
    assert "<leaves>" not in html
    assert sorted(path.name for path in out.iterdir()) == sorted((*RENDERED, "embed.html"))

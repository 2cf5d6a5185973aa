"""--strict, and how outputs are written: atomically, fully replaced, never half-written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import ARTICLE_A, ARTICLE_B, load_json, run, stderr_lines

Write = Callable[[str, str | bytes], Path]
UNDATED = "The council voted on Monday to close the old bridge. Repairs start in March.\n"
BUILD_OUTPUTS = {"timeline.html", "events.csv", "mentions.csv", "timeline.json", "extractions.jsonl"}


@pytest.fixture
def dated(write: Write) -> Path:
    """An input folder with two dated articles (no issue at all)."""
    write("in/a.md", ARTICLE_A)
    return write("in/b.md", ARTICLE_B).parent


def test_strict_fails_on_a_warning_and_writes_nothing(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", UNDATED)
    out = tmp_path / "out"
    result = run("build", article, "--out", out, "--strict", "--plotlyjs", "cdn")
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert any("[I120]" in line for line in lines), lines
    assert lines[-1] == "error: --strict: issues found, no output written"
    assert not out.exists()


def test_strict_keeps_an_existing_output_folder_untouched(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", UNDATED)
    out = tmp_path / "out"
    out.mkdir()
    (out / "timeline.json").write_text("stale", encoding="utf-8")
    result = run("build", article, "--out", out, "--strict", "-q")
    assert result.exit_code == 1, result.output
    assert sorted(path.name for path in out.iterdir()) == ["timeline.json"]
    assert (out / "timeline.json").read_text(encoding="utf-8") == "stale"


def test_without_strict_a_warning_still_succeeds(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", UNDATED)
    out = tmp_path / "out"
    result = run("build", article, "--out", out, "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    assert {path.name for path in out.iterdir()} == BUILD_OUTPUTS
    assert any(issue["code"] == "I120" for issue in load_json(out / "timeline.json")["issues"])


def test_strict_passes_when_only_info_issues(dated: Path, write: Write, tmp_path: Path) -> None:
    write("in/manifest.csv", "id,source\na,Daily Bugle\n")  # found in the folder: an I100 info
    out = tmp_path / "out"
    result = run("build", dated, "--out", out, "--strict", "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    assert [issue["code"] for issue in load_json(out / "timeline.json")["issues"]] == ["I100"]


def test_extract_strict_fails_on_a_warning_and_writes_nothing(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", UNDATED)
    target = tmp_path / "ex.jsonl"
    result = run("extract", article, "--out", target, "--strict", "-q")
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert any("[I120]" in line for line in lines)
    assert lines[-1] == "error: --strict: issues found, no output written"
    assert not target.exists()


def test_merge_strict_fails_on_a_warning_and_writes_nothing(write: Write, tmp_path: Path) -> None:
    article = write("undated.txt", UNDATED)
    extractions, target = tmp_path / "ex.jsonl", tmp_path / "t.json"
    assert run("extract", article, "--out", extractions, "-q").exit_code == 0
    assert run("merge", extractions, "--out", target, "-q").exit_code == 0
    target.unlink()
    result = run("merge", extractions, "--out", target, "--strict", "-q")
    assert result.exit_code == 1, result.output
    assert stderr_lines(result)[-1] == "error: --strict: issues found, no output written"
    assert not target.exists()


def test_out_is_an_existing_file(dated: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    result = run("build", dated, "--out", target, "-q")
    assert result.exit_code == 1, result.output
    assert stderr_lines(result) == [
        f"error: {target}: --out is an existing file, not a folder; "
        "give a folder for the outputs (it is created if needed)"
    ]
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "report.html"]


def test_render_out_is_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    result = run("render", tmp_path / "timeline.json", "--out", target)
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith(f"error: {target}: --out is an existing file"), lines
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("command", ["extract", "merge"])
def test_stage_out_is_an_existing_folder(dated: Path, tmp_path: Path, command: str) -> None:
    source = dated if command == "extract" else tmp_path / "ex.jsonl"
    result = run(command, source, "--out", dated, "-q")
    assert result.exit_code == 1, result.output
    assert stderr_lines(result) == [
        f"error: {dated}: --out is a folder, not a file; give the path of the file to write"
    ]
    assert sorted(path.name for path in dated.iterdir()) == ["a.md", "b.md"]


def test_out_below_an_existing_file_fails_cleanly(dated: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("keep me", encoding="utf-8")
    out = target / "sub"
    result = run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn")
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"error: {out}: cannot write output")
    assert "writable" in lines[0]
    assert target.read_text(encoding="utf-8") == "keep me"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "report.html"]


def test_stale_outputs_are_replaced_and_no_temp_file_is_left(dated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ("timeline.json", "events.csv", "timeline.html"):
        (out / name).write_text("stale", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn")
    assert result.exit_code == 0, result.output
    assert {path.name for path in out.iterdir()} == BUILD_OUTPUTS | {"notes.txt"}
    timeline = load_json(out / "timeline.json")
    assert {article["id"] for article in timeline["articles"]} == {"a", "b"}
    assert (out / "events.csv").read_text(encoding="utf-8").startswith("event_id,")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert not [path for path in out.iterdir() if path.name.startswith(".") or path.suffix == ".tmp"]


def _full_disk(dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, Path]:
    """Rebuild over an old report while the disk fills up at the third file of the new one.

    With one job every file is written by `publish` here (with two, the forked renderers write theirs:
    tests/render/test_outputs.py and tests/test_output_folder.py fail those).
    """
    from timeline import output_folder

    out = tmp_path / "out"
    out.mkdir()
    for name in ("timeline.html", "events.csv", "timeline.json"):
        (out / name).write_text("stale", encoding="utf-8")
    written: list[Path] = []
    real_write = output_folder.write_synced

    def write(path: Path, content: str | bytes) -> None:
        if len(written) == 2:
            raise OSError(28, "No space left on device", str(path))
        written.append(path)
        real_write(path, content)

    monkeypatch.setattr(output_folder, "write_synced", write)
    return run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn", "--jobs", "1"), out


def test_failed_write_exits_1_and_leaves_no_temp_file(
    dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, out = _full_disk(dated, tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    lines = stderr_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error: ") and "cannot write output" in lines[0], lines
    assert "No space left on device" in lines[0]
    assert sorted(path.name for path in out.iterdir()) == ["events.csv", "timeline.html", "timeline.json"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]


def test_failed_write_replaces_no_output(dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, out = _full_disk(dated, tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    for name in ("timeline.html", "events.csv", "timeline.json"):
        assert (out / name).read_text(encoding="utf-8") == "stale", name


def test_failed_write_names_the_output_folder(dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result, out = _full_disk(dated, tmp_path, monkeypatch)
    line = stderr_lines(result)[0]
    assert ".new-" not in line and ".tmp" not in line
    assert line.startswith(f"error: {out}: ")


def test_rebuild_with_out_inside_the_input_folder(dated: Path) -> None:
    out = dated / "out"
    first = run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn")
    assert first.exit_code == 0, first.output
    before = (out / "timeline.json").read_text(encoding="utf-8")
    second = run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn")
    assert second.exit_code == 0, second.output
    assert stderr_lines(second) == []
    assert {article["id"] for article in load_json(out / "timeline.json")["articles"]} == {"a", "b"}
    assert (out / "timeline.json").read_text(encoding="utf-8") == before

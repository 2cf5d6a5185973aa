"""`--out` of build and render: checked and locked before any work, replaced whole, interrupts told in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_support import ARTICLE_A, ARTICLE_B, run, stderr_lines

from timeline.output_folder import ReportFolder

Write = Callable[[str, str | bytes], Path]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def dated(write: Write) -> Path:
    """An input folder with two dated articles (no issue at all)."""
    write("in/a.md", ARTICLE_A)
    return write("in/b.md", ARTICLE_B).parent


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the build reads or extracts anything."""
    import timeline.pipeline

    def build(*args: object, **kwargs: object) -> None:
        raise AssertionError("the build started before --out was checked")

    monkeypatch.setattr(timeline.pipeline, "build", build)


def _build(dated: Path, out: Path | str, *extra: object):  # noqa: ANN202
    return run("build", dated, "--out", out, "-q", "--plotlyjs", "cdn", *extra)


def test_empty_out_is_a_usage_error(dated: Path, no_work: None) -> None:
    result = _build(dated, "")
    assert result.exit_code == 2
    assert "must not be empty" in result.output


@pytest.mark.parametrize("where", [".", ".."])
def test_out_holding_the_current_folder_is_refused(
    dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_work: None, where: str
) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    result = _build(dated, where)
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert len(lines) == 1 and "current folder" in lines[0] and "--out report" in lines[0], lines


def test_a_folder_of_other_files_needs_force(dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "thesis"
    out.mkdir()
    (out / "chapter1.docx").write_text("my work", encoding="utf-8")
    with monkeypatch.context() as patch:
        import timeline.pipeline

        patch.setattr(timeline.pipeline, "build", lambda *a, **k: pytest.fail("built before the check"))
        refused = _build(dated, out)
    assert refused.exit_code == 1
    lines = stderr_lines(refused)
    assert len(lines) == 1 and lines[0].startswith(f"error: {out}: --out is a folder with 1 other file(s)"), lines
    assert "--force" in lines[0]
    assert sorted(path.name for path in out.iterdir()) == ["chapter1.docx"]
    forced = _build(dated, out, "--force")
    assert forced.exit_code == 0, forced.output
    assert (out / "chapter1.docx").read_text(encoding="utf-8") == "my work"
    assert (out / "timeline.json").is_file()
    again = _build(dated, out)  # now it holds a report: no --force needed
    assert again.exit_code == 0, again.output


def test_out_below_a_file_fails_before_any_work(dated: Path, tmp_path: Path, no_work: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = _build(dated, blocker / "out")
    assert result.exit_code == 1
    assert "cannot write output" in stderr_lines(result)[0]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_read_only_out_fails_before_any_work(dated: Path, tmp_path: Path, no_work: None) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        result = _build(dated, parent / "out")
    finally:
        parent.chmod(0o755)
    assert result.exit_code == 1
    assert "cannot write output" in stderr_lines(result)[0]


def test_a_second_build_into_the_same_folder_fails_at_once(dated: Path, tmp_path: Path, no_work: None) -> None:
    out = tmp_path / "out"
    with ReportFolder(out):
        result = _build(dated, out)
    assert result.exit_code == 1
    lines = stderr_lines(result)
    assert lines == [
        f"error: {out}: another timeline command (pid {os.getpid()}) is writing this folder; "
        "wait for it to finish, or choose another --out"
    ]


def test_stale_files_of_an_older_build_go_with_it(dated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(dated, out, "--embed").exit_code == 0
    assert (out / "embed.html").is_file()
    (out / ".timeline.html.1a2b3c4d.tmp").write_text("left by a killed run of an older version", encoding="utf-8")
    (tmp_path / ".out.new-4242").mkdir()  # a dead run's staging folder
    (tmp_path / ".out.new-4242" / "timeline.html").write_text("half", encoding="utf-8")
    assert _build(dated, out).exit_code == 0
    assert sorted(path.name for path in out.iterdir()) == [
        "events.csv", "extractions.jsonl", "mentions.csv", "timeline.html", "timeline.json"
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]


def test_render_keeps_the_builds_extractions(dated: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _build(dated, out).exit_code == 0
    extractions = (out / "extractions.jsonl").read_bytes()
    result = run("render", out / "timeline.json", "--out", out, "-q", "--plotlyjs", "cdn", "--embed")
    assert result.exit_code == 0, result.output
    assert (out / "extractions.jsonl").read_bytes() == extractions
    assert (out / "embed.html").is_file()


def test_ctrl_c_says_the_previous_report_is_unchanged(
    dated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert _build(dated, out).exit_code == 0
    before = {path.name: path.read_bytes() for path in out.iterdir()}
    import timeline.pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(timeline.pipeline, "build", interrupted)
    result = _build(dated, out)
    assert result.exit_code == 130
    assert stderr_lines(result) == [f"interrupted; the previous report in {out} is unchanged"]
    assert {path.name: path.read_bytes() for path in out.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out"]


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_real_signal_ends_the_build_with_one_line(dated: Path, tmp_path: Path, signum: int, code: int) -> None:
    """Signal a real `timeline build` once it holds its lock (before spaCy has loaded)."""
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-c", "from cli.app import main; main()", "build", str(dated), "--out", str(out), "-q"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lock = tmp_path / ".out.lock"
    deadline = time.monotonic() + 60
    while not lock.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signum)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == code, errors
    assert errors.strip().splitlines() == [f"interrupted; nothing was written to {out}"]
    assert "Traceback" not in errors
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in"]

"""The report folder is replaced as a whole: killed at any step, it holds exactly one complete report."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from timeline import output_folder
from timeline.errors import InputError
from timeline.forked import CAN_FORK
from timeline.output_folder import ReportFolder, Staged, write_synced

REPO = Path(__file__).resolve().parents[1]
OLD = {"timeline.html": "old page", "events.csv": "old events", "timeline.json": "old json", "embed.html": "old"}
NEW = {"timeline.html": "new page", "events.csv": "new events", "timeline.json": "new json", "mentions.csv": "new"}
OWNED = ("timeline.html", "events.csv", "mentions.csv", "timeline.json", "embed.html")
STEPS = [
    "staging",
    *(f"wrote {name}" for name in NEW),
    "staged",
    "switched",
    "done",
]
FALLBACK_STEPS = ["staged", "moved aside", "switched"]

# Publish NEW over the folder and die (like kill -9) at one step of the switch.
CRASH_SCRIPT = """
import os, sys
from pathlib import Path
from timeline import output_folder

step, fallback, out = sys.argv[1], sys.argv[2] == "fallback", Path(sys.argv[3])
if fallback:
    output_folder._exchange = lambda first, second: False
def checkpoint(name):
    if name == step:
        os._exit(9)
output_folder._checkpoint = checkpoint
folder = output_folder.ReportFolder(out)
folder.open()
folder.publish({NEW!r}, owned={OWNED!r})
folder.close()
"""


def _old_report(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    for name, text in OLD.items():
        (out / name).write_text(text, encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    return out


def _contents(out: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(out.iterdir())}


def _crash_at(step: str, out: Path, *, fallback: bool = False) -> int:
    script = CRASH_SCRIPT.replace("{NEW!r}", repr(NEW)).replace("{OWNED!r}", repr(OWNED))
    done = subprocess.run(
        [sys.executable, "-c", script, step, "fallback" if fallback else "exchange", str(out)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode


def _one_whole_report(out: Path) -> str:
    """Return "old" or "new" when the folder holds exactly that report (and the user's file)."""
    contents = _contents(out)
    if contents == {**OLD, "notes.txt": "mine"}:
        return "old"
    if contents == {**NEW, "notes.txt": "mine"}:
        return "new"
    raise AssertionError(f"a mixed or incomplete report: {contents}")


@pytest.mark.parametrize("step", STEPS)
def test_killed_at_any_step_leaves_one_complete_report(tmp_path: Path, step: str) -> None:
    out = _old_report(tmp_path)
    assert _crash_at(step, out) == 9
    expected = "new" if step in ("switched", "done") else "old"
    assert _one_whole_report(out) == expected
    # the next run cleans up what the dead one left and publishes normally
    with ReportFolder(out) as folder:
        left = [path.name for path in tmp_path.iterdir() if path.name.startswith(".out.") and "lock" not in path.name]
        assert not left
        folder.publish(NEW, owned=OWNED)
    assert _one_whole_report(out) == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize("step", FALLBACK_STEPS)
def test_two_rename_fallback_is_recovered_by_the_next_run(tmp_path: Path, step: str) -> None:
    out = _old_report(tmp_path)
    assert _crash_at(step, out, fallback=True) == 9
    folder = ReportFolder(out)
    folder.open()  # puts a moved-aside old report back
    try:
        assert _one_whole_report(out) == ("new" if step == "switched" else "old")
    finally:
        folder.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_publish_keeps_other_files_and_drops_stale_owned_ones(tmp_path: Path) -> None:
    out = _old_report(tmp_path)
    (out / "sub").mkdir()
    (out / "sub" / "kept.txt").write_text("deep", encoding="utf-8")
    (out / ".timeline.html.a1b2c3d4.tmp").write_text("left by a killed run", encoding="utf-8")
    with ReportFolder(out) as folder:
        assert folder.had_report
        folder.publish(NEW, owned=OWNED)
    names = sorted(path.name for path in out.iterdir())
    assert names == ["events.csv", "mentions.csv", "notes.txt", "sub", "timeline.html", "timeline.json"]
    assert (out / "sub" / "kept.txt").read_text(encoding="utf-8") == "deep"


def test_new_folder_is_created_whole(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "report"
    with ReportFolder(out) as folder:
        assert not out.exists()  # nothing appears before the report is ready
        folder.publish(NEW)
    assert _contents(out) == NEW
    assert sorted(path.name for path in out.parent.iterdir()) == ["report"]


def test_a_second_writer_fails_at_once_naming_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with ReportFolder(out):
        with pytest.raises(InputError) as caught:
            ReportFolder(out).open()
    assert f"another timeline command (pid {os.getpid()}) is writing this folder" in str(caught.value)
    assert str(out) in str(caught.value)
    with ReportFolder(out) as folder:  # released: the next one gets it
        folder.publish(NEW)


def test_a_lock_left_by_a_killed_process_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom timeline.output_folder import ReportFolder\n"
            "ReportFolder(Path(sys.argv[1])).open()\nprint('locked', flush=True)\ntime.sleep(60)",
            str(out),
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(InputError, match=f"pid {holder.pid}"):
            ReportFolder(out).open()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        holder.kill()
        holder.wait()
    assert (tmp_path / ".out.lock").exists()  # left behind by the killed holder
    with ReportFolder(out) as folder:
        folder.publish(NEW)
    assert _contents(out) == NEW
    assert not (tmp_path / ".out.lock").exists()


def test_non_empty_folder_without_a_report_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "draft.docx").write_text("my draft", encoding="utf-8")
    with pytest.raises(InputError, match="no timeline report") as caught:
        ReportFolder(out).open()
    assert "--force" in str(caught.value)
    with ReportFolder(out, force=True) as folder:
        folder.publish(NEW)
    assert _contents(out) == {**NEW, "draft.docx": "my draft"}


@pytest.mark.parametrize("where", [".", ".."])
def test_the_current_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    with pytest.raises(InputError, match="current folder"):
        ReportFolder(Path(where)).open()


def test_a_symlinked_out_replaces_its_target(tmp_path: Path) -> None:
    out = _old_report(tmp_path)
    link = tmp_path / "latest"
    link.symlink_to(out)
    with ReportFolder(link) as folder:
        folder.publish(NEW, owned=OWNED)
    assert link.is_symlink() and _one_whole_report(link) == "new"


def test_publish_needs_open(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError):
        ReportFolder(tmp_path / "out").publish(NEW)


def test_files_written_into_the_staging_folder_are_switched_in_with_the_rest(tmp_path: Path) -> None:
    out = _old_report(tmp_path)
    with ReportFolder(out) as folder:
        stage = folder.staging()
        assert folder.staging() == stage and stage.parent == tmp_path and stage.name.startswith(".out.new-")
        write_synced(stage / "timeline.json", "new json")
        write_synced(stage / "mentions.csv", ["ne", "w"])  # pieces, written one after the other
        folder.publish({**NEW, "timeline.json": Staged(), "mentions.csv": Staged()}, owned=OWNED)
    assert _one_whole_report(out) == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_a_staged_file_that_is_missing_fails_the_publish(tmp_path: Path) -> None:
    out = _old_report(tmp_path)
    with ReportFolder(out) as folder, pytest.raises(InputError, match="cannot write output"):
        folder.publish({**NEW, "timeline.json": Staged()}, owned=OWNED)
    assert _one_whole_report(out) == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def _pieces(*texts: str) -> list[str]:
    return list(texts)


def _unwritable(_: str) -> str:
    raise PermissionError(13, "Permission denied", "timeline.json")


@pytest.mark.parametrize("fork", [True, False] if CAN_FORK else [False])
def test_a_file_staged_apart_is_published_once_complete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    monkeypatch.setattr(output_folder, "CAN_FORK", fork)
    out = _old_report(tmp_path)
    with ReportFolder(out) as folder:
        folder.stage_apart("timeline.json", _pieces, "new ", "json")
        folder.publish({name: text for name, text in NEW.items() if name != "timeline.json"}, owned=OWNED)
    assert _one_whole_report(out) == "new"  # published, though the files did not name it


@pytest.mark.parametrize("fork", [True, False] if CAN_FORK else [False])
def test_a_file_that_cannot_be_staged_apart_leaves_the_old_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool
) -> None:
    monkeypatch.setattr(output_folder, "CAN_FORK", fork)
    out = _old_report(tmp_path)
    with pytest.raises(InputError, match="Permission denied"), ReportFolder(out) as folder:
        folder.stage_apart("timeline.json", _unwritable, "new json")
        folder.publish({**NEW, "timeline.json": Staged()}, owned=OWNED)
    assert _one_whole_report(out) == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


@pytest.mark.skipif(not CAN_FORK, reason="written at once where the system cannot fork")
def test_closing_ends_a_process_still_staging_a_file(tmp_path: Path) -> None:
    out = _old_report(tmp_path)
    with ReportFolder(out) as folder:
        folder.stage_apart("timeline.json", time.sleep, 60)
        writer = folder._writers["timeline.json"]
        assert writer.alive
    assert not writer.alive
    assert _one_whole_report(out) == "old"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out"]


def test_checkpoint_is_a_no_op_by_default() -> None:
    assert output_folder._checkpoint("staged") is None


def test_readers_never_see_a_mix_while_a_report_is_replaced(tmp_path: Path) -> None:
    """A reader polling the folder during 30 switches always finds one whole report."""
    out = _old_report(tmp_path)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import os, sys, time
                from pathlib import Path
                out = Path(sys.argv[1]); end = time.monotonic() + 20
                while time.monotonic() < end and not (out.parent / "stop").exists():
                    try:
                        folder = os.open(out, os.O_RDONLY)
                    except FileNotFoundError:
                        print("missing", flush=True); continue
                    texts = set()
                    try:
                        for name in os.listdir(folder):
                            if name != "notes.txt":
                                with os.fdopen(os.open(name, os.O_RDONLY, dir_fd=folder)) as f:
                                    texts.add(f.read()[:3])
                    except FileNotFoundError:
                        pass  # the old report was removed while we read it: it was still one report
                    finally:
                        os.close(folder)
                    if len(texts) > 1: print("mixed", texts, flush=True)
                """
            ),
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for round_ in range(30):
            files = NEW if round_ % 2 == 0 else dict.fromkeys(OLD, "old")
            with ReportFolder(out) as folder:
                folder.publish(files, owned=OWNED)
            time.sleep(0.01)
    finally:
        (tmp_path / "stop").write_text("", encoding="utf-8")
        output, _ = reader.communicate(timeout=30)
    assert "mixed" not in output and "missing" not in output, output

"""A `timeline build` that is killed or interrupted while its workers extract leaves no process behind.

Worker processes (about 180 MB each) and the multiprocessing resource tracker must end with the build
on SIGTERM (`kill`), SIGKILL (`kill -9`) and SIGINT (Ctrl-C, sent to the whole process group as a
terminal does). Real processes only: the build runs as a subprocess and /proc says who is alive.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import REPO_ROOT

from timeline.extract import PARALLEL_MIN_ARTICLES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads the process tree from /proc")

STARTUP_DEADLINE = 180.0
"""Seconds the build may take to have its workers parsing (imports and model loads on a busy machine)."""

CLEANUP_DEADLINE = 20.0
"""Seconds every process of the build has to be gone after the signal: generous, not a speed test. Far
less than the work left: without the cleanup, workers would still be parsing (or blocked) by then."""

Proc = tuple[int, int]
"""A process: (pid, start time in clock ticks since boot), so that a reused pid is not mistaken for it."""


def _stat(pid: int) -> tuple[str, int, int] | None:
    """Return (state, parent pid, start time) of a live, non-zombie process, else None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (command) "
    state, ppid, start = fields[0], int(fields[1]), int(fields[19])
    return None if state in ("Z", "X") else (state, ppid, start)


def _descendants(root: int) -> set[Proc]:
    """Return every live process below ``root`` (children, recursively), with its start time."""
    parents: dict[int, list[tuple[int, int]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := _stat(int(entry.name))) is not None:
            parents.setdefault(stat[1], []).append((int(entry.name), stat[2]))
    found: set[Proc] = set()
    todo = [root]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child[0])
    return found


def _alive(proc: Proc) -> bool:
    stat = _stat(proc[0])
    return stat is not None and stat[2] == proc[1]


def _parsing(pid: int) -> bool:
    """Whether the process has loaded spaCy: a worker that is extracting its shard."""
    try:
        return "/spacy/" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


def _write_articles(folder: Path, count: int) -> None:
    """Write ``count`` distinct, dated articles, each the text of all samples: much more work than the
    test waits for (a build left running would still be extracting when the test looks)."""
    samples = sorted([*(REPO_ROOT / "samples").glob("*/*.txt"), *(REPO_ROOT / "samples").glob("*/wikinews-*.md")])
    text = "\n".join(path.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for path in samples)
    folder.mkdir()
    for index in range(count):
        header = f"---\npublished: 2024-02-{1 + index % 20:02d}\n---\nReport number {index}.\n"
        (folder / f"a{index:03d}.txt").write_text(header + text, encoding="utf-8")


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("interrupted") / "articles"
    _write_articles(folder, PARALLEL_MIN_ARTICLES + 28)  # four shards for two workers
    return folder


BUILD_COMMAND = [
    sys.executable,
    "-c",
    # Ctrl-C raises KeyboardInterrupt in the build even if this test runs with SIGINT ignored (`pytest &`)
    "import signal; signal.signal(signal.SIGINT, signal.default_int_handler); from cli.app import main; main()",
    "build",
]


def _start_build(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    """Start ``timeline build ARGS`` in its own process group (a Ctrl-C reaches this build only), stderr to ``log``."""
    with log.open("w", encoding="utf-8") as stderr:
        return subprocess.Popen(
            [*BUILD_COMMAND, *args],
            cwd=REPO_ROOT,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )


def _signal_and_wait(build: subprocess.Popen[bytes], processes: set[Proc], signum: signal.Signals) -> None:
    """Send ``signum`` as a user would (Ctrl-C to the whole group), then wait until the build and ``processes``
    are gone or `CLEANUP_DEADLINE` has passed."""
    if signum == signal.SIGINT:
        os.killpg(build.pid, signum)
    else:
        build.send_signal(signum)
    deadline = time.monotonic() + CLEANUP_DEADLINE
    while (build.poll() is None or any(map(_alive, processes))) and time.monotonic() < deadline:
        time.sleep(0.2)


def _kill_left(build: subprocess.Popen[bytes], processes: set[Proc]) -> None:
    """End whatever the test left running."""
    for pid, start in processes:
        if _alive((pid, start)):
            os.kill(pid, signal.SIGKILL)
    build.kill()
    build.wait()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT], ids=lambda s: s.name)
def test_a_killed_build_leaves_no_process(articles: Path, tmp_path: Path, signum: signal.Signals):
    log = tmp_path / "stderr.txt"
    processes: set[Proc] = set()
    build = _start_build([str(articles), "--out", str(tmp_path / "out"), "--jobs", "2"], log)
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE
        while sum(_parsing(pid) for pid, _ in _descendants(build.pid)) < 2:
            assert build.poll() is None, f"the build ended before its workers started:\n{log.read_text()}"
            assert time.monotonic() < deadline, "the two workers did not start parsing"
            time.sleep(0.2)
        processes = _descendants(build.pid)  # the two workers and the resource tracker
        assert len(processes) >= 3, processes

        _signal_and_wait(build, processes, signum)
        left = [pid for pid, start in processes if _alive((pid, start))]
        assert build.poll() is not None, "the build is still running"
        assert not left, f"{len(left)} of {len(processes)} processes of the build are still running"
        if signum == signal.SIGINT:
            assert "Traceback" not in log.read_text()
    finally:
        _kill_left(build, processes)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL, signal.SIGINT], ids=lambda s: s.name)
def test_a_killed_rebuild_leaves_no_early_worker(tmp_path: Path, signum: signal.Signals):
    """A rebuild's worker is forked before ingest (`store.ApartWorker`): it ends with the build, mid-load or idle."""
    from timeline.pipeline import extract_inputs

    story = tmp_path / "story"
    story.mkdir()
    (story / "a.txt").write_text("---\npublished: 2024-02-09\n---\nTalks began in Cairo on Monday.\n", encoding="utf-8")
    db = tmp_path / "story.db"
    extract_inputs([story], store=db)  # the store exists: the next build is a rebuild
    (story / "b.txt").write_text("---\npublished: 2024-02-10\n---\nThe talks ended on Friday.\n", encoding="utf-8")
    log = tmp_path / "stderr.txt"
    build = _start_build([str(story), "--out", str(tmp_path / "out"), "--jobs", "2", "--store", str(db), "-q"], log)
    processes: set[Proc] = set()
    try:
        deadline = time.monotonic() + STARTUP_DEADLINE
        while not (processes := _descendants(build.pid)):
            assert build.poll() is None, f"the build ended before its worker started:\n{log.read_text()}"
            assert time.monotonic() < deadline, "no worker started"
            time.sleep(0.02)
        _signal_and_wait(build, processes, signum)
        assert build.poll() is not None, "the build is still running"
        assert not [proc for proc in processes if _alive(proc)], "the worker is still running"
        assert "Traceback" not in log.read_text()
    finally:
        _kill_left(build, processes)

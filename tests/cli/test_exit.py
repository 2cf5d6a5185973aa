"""How `cli.app.main` ends the process: the command's status, atexit handlers run, output flushed, no teardown."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import cli.app

REPO = Path(__file__).resolve().parents[2]


class _Exited(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace `os._exit` (raises `_Exited`) and the atexit run (recorded) of `cli.app.leave`."""
    ran: list[str] = []

    def exit_now(status: int) -> None:
        raise _Exited(status)

    monkeypatch.setattr(cli.app.os, "_exit", exit_now)
    monkeypatch.setattr(cli.app.atexit, "_run_exitfuncs", lambda: ran.append("atexit"))
    return ran


@pytest.fixture
def alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main thread alone (an earlier test may have left a daemon thread in this process)."""
    monkeypatch.setattr(cli.app.threading, "active_count", lambda: 1)


@pytest.mark.parametrize(("code", "status"), [(None, 0), (0, 0), (1, 1), (130, 130), ("bad input", 1)])
def test_leave_exits_with_the_status_sys_exit_gives(
    exits: list[str], alone: None, capsys: pytest.CaptureFixture[str], code: object, status: int
) -> None:
    with pytest.raises(_Exited) as done:
        cli.app.leave(SystemExit(code))
    assert done.value.status == status
    assert exits == ["atexit"]
    assert capsys.readouterr().err == ("bad input\n" if isinstance(code, str) else "")


def test_leave_exits_normally_while_another_thread_runs(exits: list[str]) -> None:
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with pytest.raises(SystemExit) as done:
            cli.app.leave(SystemExit(3))
    finally:
        release.set()
        other.join()
    assert done.value.code == 3
    assert exits == []


def test_main_ends_a_real_process_with_its_status_output_and_atexit_handlers() -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('atexit ran', file=sys.stderr))\n"
        "sys.argv = ['timeline', *sys.argv[1:]]\n"
        "from cli.app import main\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = [sys.executable, "-c", code]
    options = {"cwd": REPO, "env": env, "capture_output": True, "text": True, "check": False}
    version = subprocess.run([*run, "--version"], **options)
    assert version.returncode == 0
    assert version.stdout.startswith("timeline ")
    assert version.stderr == "atexit ran\n"
    store = str(REPO / "no-such.db")
    missing = subprocess.run([*run, "store", "info", store], **options)
    assert missing.returncode == 1
    assert missing.stderr.startswith("error: ") and missing.stderr.endswith("atexit ran\n")

"""How `cli.app.main` ends the process: the command's status, atexit handlers run, output flushed, no teardown."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import typer

import cli.app
from cli.common import output_folder
from cli.interrupt import Interrupted, interruption

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


class _InterruptedWhileNamed:
    """A descriptor whose `__set_name__` meets Ctrl-C: what a signal does to a class created while a module imports."""

    def __set_name__(self, owner: type, name: str) -> None:
        raise Interrupted(signal.SIGINT)


def _class_created_during_ctrl_c() -> None:
    class _Late:  # Python 3.11 wraps the Interrupted in "RuntimeError: Error calling __set_name__"
        attribute = _InterruptedWhileNamed()


def test_interruption_finds_ctrl_c_behind_the_error_python_wraps_it_in() -> None:
    with pytest.raises(BaseException) as raised:
        _class_created_during_ctrl_c()
    found = interruption(raised.value)
    assert isinstance(found, Interrupted) and found.signum == signal.SIGINT
    assert interruption(RuntimeError("a bug")) is None
    hidden = RuntimeError("raised from None while handling")
    hidden.__context__, hidden.__suppress_context__ = Interrupted(signal.SIGTERM), True
    assert interruption(hidden) is None


def test_main_ends_a_wrapped_interruption_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rebuild that failed CI: SIGINT landed while `timeline.pipeline` imported, inside a class's creation."""
    monkeypatch.setattr(cli.app.signal, "signal", lambda *_: None)  # keep pytest's own Ctrl-C handler
    monkeypatch.setattr(cli.app, "app", _class_created_during_ctrl_c)
    with pytest.raises(SystemExit) as done:
        cli.app.main()
    assert done.value.code == 128 + signal.SIGINT
    assert capsys.readouterr().err == "interrupted; no output was written\n"

    def a_bug() -> None:
        raise RuntimeError("a bug is not an interruption")

    monkeypatch.setattr(cli.app, "app", a_bug)
    with pytest.raises(RuntimeError, match="a bug"):
        cli.app.main()


def test_the_report_folder_says_what_became_of_it_after_a_wrapped_interruption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    with pytest.raises(typer.Exit) as done, output_folder(out, force=False):
        _class_created_during_ctrl_c()
    assert done.value.exit_code == 128 + signal.SIGINT
    assert capsys.readouterr().err == f"interrupted; nothing was written to {out}\n"
    assert not out.exists()


_CTRL_C_WHILE_IMPORTING = """
import os, signal, sys

class CtrlCWhenTyperLoads:
    '''Press Ctrl-C the moment the commands' imports reach typer, as a user may right after pressing Enter.'''

    def find_spec(self, name, path=None, target=None):
        if name == "typer":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.argv = ["timeline", "--version"]
sys.meta_path.insert(0, CtrlCWhenTyperLoads())
from cli.{module} import main
main()
"""


@pytest.mark.parametrize("module", ["console", "app"])
def test_the_console_script_ends_a_ctrl_c_while_it_imports_with_one_line(module: str) -> None:
    """`timeline` is `cli.console:main`: its handlers are in place before the commands import; `cli.app`'s are not."""
    run = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_IMPORTING.replace("{module}", module)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    if module == "console":
        assert (run.returncode, run.stdout, run.stderr) == (130, "", "interrupted; no output was written\n")
    else:  # what the console script was before: Python's KeyboardInterrupt, with its traceback
        assert run.returncode != 0
        assert "Traceback" in run.stderr and "KeyboardInterrupt" in run.stderr


def test_the_installed_timeline_command_is_the_console_module() -> None:
    (script,) = [entry for entry in entry_points(group="console_scripts") if entry.name == "timeline"]
    assert script.value == "cli.console:main"

"""`Forked`: a function run in a forked process, and its result (or its error) when it is wanted.

The output stage renders `timeline.json` and the CSVs in forked processes while this one builds the page
(`render.outputs`), and a build writes `extractions.jsonl` in one while it merges
(`output_folder.ReportFolder.stage_apart`). Forking shares the corpus' models with the child as they are:
spawning would pickle them, which costs more than it saves. A forked process copies the pages it writes to
(reference counts included), and it ends with `os._exit` (multiprocessing's), so it never frees the
parent's objects one by one.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
"""Where the system can fork (not on Windows); elsewhere the callers do the work themselves."""


class Forked:
    """``work(*args)`` in a forked process, and its result (or its error) when it is wanted."""

    def __init__(self, work: Callable[..., Any], *args: Any) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._name = getattr(work, "__name__", "work")
        self._process = context.Process(target=_work_and_send, args=(work, args, send), daemon=True)
        self._process.start()
        send.close()
        self._received: tuple[bool, Any] | None = None

    def result(self) -> Any:  # noqa: ANN401 (what the work returns)
        """Wait for the work's result (later calls return it again); raise its error, or RuntimeError if it died."""
        if self._received is None:
            try:
                self._received = self._receive.recv()
            except EOFError:
                self._process.join()
                code = self._process.exitcode
                raise RuntimeError(f"the process forked for {self._name} ended with code {code}") from None
            finally:
                self._receive.close()
            self._process.join()
        failed, value = self._received
        if failed:
            raise value
        return value

    def stop(self) -> None:
        """End the process without waiting for its result."""
        self._receive.close()
        self._process.terminate()
        self._process.join()

    @property
    def alive(self) -> bool:
        """Whether the process still runs."""
        return self._process.is_alive()


def _work_and_send(work: Callable[..., Any], args: tuple[Any, ...], send: Connection) -> None:
    # the parent handles Ctrl-C (the terminal sends it to the whole group) and ends this process with SIGTERM:
    # neither may run the parent's handlers here (`cli.common.raise_interrupted` would print a traceback)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        message: tuple[bool, Any] = (False, work(*args))
    except Exception as error:  # noqa: BLE001 (raised again in the parent)
        message = (True, error)
    send.send(message)
    send.close()

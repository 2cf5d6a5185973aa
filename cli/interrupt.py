"""Ctrl-C and SIGTERM as one exception, `Interrupted`, that ends a command with one line and never a traceback.

This module imports nothing but `sys`, so that `cli.console` can install the handlers before the commands'
imports (typer, pydantic, the library: a few tenths of a second) begin.
"""

from __future__ import annotations

import sys


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: a BaseException, so only `main` and `output_folder` catch it (exit 128 + signal)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def raise_interrupted(signum: int, _frame: object) -> None:
    """Signal handler: unwind the command (worker pools and staging folders are cleaned up on the way)."""
    raise Interrupted(signum)


def interruption(error: BaseException) -> Interrupted | None:
    """The `Interrupted` that ``error`` is or was raised from, else None.

    Python wraps some exceptions on their way out: a signal that lands while a class is being created
    (a module still importing, as a rebuild does while its worker starts) surfaces as "RuntimeError:
    Error calling __set_name__", raised from the `Interrupted`. That is still Ctrl-C or SIGTERM, and
    ends the command with one line like any other interruption, never a traceback.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, Interrupted):
            return current
        seen.add(id(current))
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return None


def end_if_interrupted(error: BaseException) -> None:
    """End the process (exit 128 + signal, one line) when ``error`` is or wraps Ctrl-C or SIGTERM; else return."""
    stop = interruption(error)
    if stop is not None:
        print("interrupted; no output was written", file=sys.stderr)
        sys.exit(128 + stop.signum)

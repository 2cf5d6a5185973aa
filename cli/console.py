"""The `timeline` console script: Ctrl-C and SIGTERM end it with one line from its first instant.

Importing the commands (typer, pydantic, rich, the library) takes a few tenths of a second, and a
Ctrl-C in that time would print a KeyboardInterrupt traceback. So this module imports nothing heavy:
it installs the handlers of `cli.app.main`, then imports and runs it.
"""

from __future__ import annotations

import signal

from cli.interrupt import Interrupted, end_if_interrupted, raise_interrupted


def main() -> None:
    """Install the Ctrl-C and SIGTERM handlers, then import and run the command line (`cli.app.main`)."""
    signal.signal(signal.SIGINT, raise_interrupted)
    signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        from cli.app import main as run_command_line
    except (Interrupted, Exception) as error:
        end_if_interrupted(error)
        raise
    run_command_line()

"""The `timeline` application: registers the commands."""

from __future__ import annotations

import atexit
import os
import signal
import sys
import threading
from typing import Annotated, NoReturn

import typer

from cli.commands.build import build_command
from cli.commands.export import export_command
from cli.commands.extract import extract_command
from cli.commands.merge import merge_command
from cli.commands.render import render_command
from cli.commands.store import store_app
from cli.commands.tag import tag_command
from cli.interrupt import Interrupted, end_if_interrupted, raise_interrupted
from timeline import __version__

app = typer.Typer(
    name="timeline",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    help="Reconstruct one canonical, sourced timeline of a news story from many articles.",
)


def _print_version(value: bool) -> None:
    """Print ``timeline VERSION`` and stop, before any command runs (an eager option)."""
    if value:
        typer.echo(f"timeline {__version__}")
        raise typer.Exit()


@app.callback()
def _app_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """The options of `timeline` itself (before any command): --version."""


app.command("build")(build_command)
app.command("export")(export_command)
app.command("extract")(extract_command)
app.command("merge")(merge_command)
app.command("render")(render_command)
app.command("tag")(tag_command)
app.add_typer(store_app, name="store")


def main() -> None:
    """Run the command line; Ctrl-C and SIGTERM end it with one line, no traceback (exit 130 / 143)."""
    signal.signal(signal.SIGINT, raise_interrupted)
    signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        app()
    except (Interrupted, Exception) as error:
        end_if_interrupted(error)
        raise
    except SystemExit as done:  # how typer ends every command
        leave(done)


def leave(done: SystemExit) -> NoReturn:
    """End the process with ``done``'s status, leaving the command's objects to the system instead of freeing them.

    When a command ends, what it built is still alive (the exception that ends it holds its frame): after
    a build, the corpus' millions of models, ~1 GB. A normal exit frees them one by one, 0.2 s of CPU on
    a 2,452-article rebuild that is otherwise done, while the system takes a process' memory back at once.
    So, as `sys.exit` would, this runs the `atexit` handlers (multiprocessing's, temporary folders'
    finalizers), flushes stdout and stderr and exits with the same status, then skips the interpreter's
    teardown (`os._exit`). With another thread still running, the exit is the normal one, which waits for it.
    """
    if threading.active_count() > 1:
        raise done
    code = done.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # as the interpreter prints a message given to sys.exit
    status = code if isinstance(code, int) else 0 if code is None else 1
    atexit._run_exitfuncs()  # noqa: SLF001 (the handlers a normal exit runs)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe (`timeline store list | head`): as Python's own exit
            status = status or 120
    os._exit(status)

"""The `timeline` application: registers the commands."""

from __future__ import annotations

import signal
import sys
from typing import Annotated

import typer

from cli.commands.build import build_command
from cli.commands.export import export_command
from cli.commands.extract import extract_command
from cli.commands.merge import merge_command
from cli.commands.render import render_command
from cli.commands.store import store_app
from cli.commands.tag import tag_command
from cli.common import Interrupted, raise_interrupted, stderr
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
    except Interrupted as stop:
        stderr.print("interrupted; no output was written", markup=False)
        sys.exit(128 + stop.signum)

"""Run `timeline tag` from a private typer app, for when the command is not registered in `cli.app` yet.

Usage: ``python -m bench.run_tag --timeml IN_DIR OUT_DIR`` (the same arguments as `timeline tag`).
"""

from __future__ import annotations

import typer

from cli.commands.tag import tag_command

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("tag")(tag_command)


@app.command("version", hidden=True)
def _version() -> None:
    """A second command, so that `tag` stays a sub-command."""


def main() -> None:
    import sys  # noqa: PLC0415

    app(["tag", *sys.argv[1:]])


if __name__ == "__main__":
    main()

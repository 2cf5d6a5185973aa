"""The `timeline` command line: a thin typer layer over the `timeline` library."""

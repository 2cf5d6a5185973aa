"""`timeline merge`: extractions in, `timeline.json` out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import (
    QuietOption,
    StrictOption,
    check_out_file,
    command_errors,
    exit_code_for,
    refuse_strict_output,
    report_issues,
)
from cli.options import AboutOption, TopOption
from timeline.artifacts import read_extractions, write_files_atomically


def merge_command(
    extractions: Annotated[
        list[Path],
        typer.Argument(help="extractions.jsonl files written by `timeline extract`.", dir_okay=False),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The timeline.json file to write.")],
    top: TopOption = "0",
    about: AboutOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
) -> None:
    """Merge the articles' events into one canonical timeline with provenance and conflicts."""
    with command_errors():
        from timeline.pipeline import merge_extractions  # lazy: spaCy, plotly load on use
        from timeline.render.exports import render_timeline_json

        check_out_file(out)
        records, issues = [], []
        for path in extractions:
            found, found_issues = read_extractions(path)
            records.extend(found)
            issues.extend(found_issues)
        timeline = merge_extractions(records, issues, top=top, about=about or ())
        report_issues(timeline.issues, quiet=quiet)
        code = exit_code_for(timeline.issues, strict=strict)
        if strict and code:
            raise refuse_strict_output()
        write_files_atomically({out: render_timeline_json(timeline)})
    raise typer.Exit(code)

"""`timeline render`: `timeline.json` in, HTML report, CSVs (and an embeddable fragment) out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cli.common import QuietOption, check_out_folder, command_errors, stderr
from cli.options import OutDirOption, PlotlyJs, PlotlyJsOption, TitleOption
from timeline.artifacts import read_timeline, write_files_atomically


def render_command(
    timeline_file: Annotated[
        Path,
        typer.Argument(
            help="A timeline.json written by `timeline merge` or `build`.", dir_okay=False, metavar="TIMELINE"
        ),
    ],
    out: OutDirOption,
    title: TitleOption = None,
    plotlyjs: PlotlyJsOption = PlotlyJs.inline,
    embed: Annotated[bool, typer.Option("--embed", help="Also write embed.html, a fragment for briefs.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Render a timeline as timeline.html, events.csv, mentions.csv and timeline.json in --out."""
    with command_errors():
        from timeline.pipeline import render_outputs  # lazy: spaCy, plotly load on use

        check_out_folder(out)
        timeline = read_timeline(timeline_file)
        files = render_outputs(timeline, out, plotlyjs=plotlyjs.value, title=title, embed=embed)
        write_files_atomically(files)
    if not quiet:
        stderr.print(f"wrote {out / 'timeline.html'}: {len(timeline.events)} events", markup=False)

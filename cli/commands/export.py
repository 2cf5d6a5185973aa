"""`timeline export`: `timeline.json` in, one file in another format out (TimelineJS, CSV, JSON)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cli.common import QuietOption, check_out_file, command_errors, stderr
from timeline.about import semeval_timeline
from timeline.artifacts import read_timeline, write_files_atomically
from timeline.errors import InputError


class ExportFormat(StrEnum):
    """What `timeline export` writes."""

    timelinejs = "timelinejs"
    csv = "csv"
    mentions_csv = "mentions-csv"
    json = "json"
    semeval = "semeval"


def export_command(
    timeline_file: Annotated[
        Path,
        typer.Argument(
            help="A timeline.json written by `timeline merge` or `build`.", dir_okay=False, metavar="TIMELINE"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write (replaced if it exists).")],
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="timelinejs: TimelineJS3 JSON; csv: one row per event; mentions-csv: one row per source "
            "mention; json: the whole timeline, every field named; semeval: the --about entity's SemEval-2015 "
            "TimeLine file.",
        ),
    ] = ExportFormat.timelinejs,
    about: Annotated[
        str | None,
        typer.Option("--about", metavar="NAME", help="The entity whose timeline --format semeval writes."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Headline of the TimelineJS title slide.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Export a timeline to one file: TimelineJS3 JSON (default), events CSV, mentions CSV or JSON.

    The TimelineJS file loads in Knight Lab's TimelineJS (timeline.knightlab.com): one slide per
    event with every source's sentence, the date words marked, and the conflicts. --title sets its
    title slide. --format semeval --about NAME writes NAME's timeline in the SemEval-2015 TimeLine
    format: the events NAME takes part in, one line each (position, anchor YYYY-MM-DD / YYYY-MM-XX /
    YYYY-XX-XX, mentions), mentions named by the CAT token words when the input was CAT XML.
    """
    with command_errors():
        from timeline.render import (  # lazy: plotly loads on use
            render_events_csv,
            render_mentions_csv,
            render_timeline_json,
            render_timelinejs,
        )
        from timeline.render.report import DEFAULT_TITLE

        if export_format is ExportFormat.semeval and not (about or "").strip():
            raise InputError("--format semeval needs --about NAME", hint='e.g. --about "General Motors"')
        check_out_file(out)
        timeline = read_timeline(timeline_file)
        if export_format is ExportFormat.timelinejs:
            text = render_timelinejs(timeline, title=title or DEFAULT_TITLE)
        elif export_format is ExportFormat.csv:
            text = render_events_csv(timeline)
        elif export_format is ExportFormat.mentions_csv:
            text = render_mentions_csv(timeline)
        elif export_format is ExportFormat.semeval:
            text = semeval_timeline(timeline, (about or "").strip())
        else:
            text = render_timeline_json(timeline, keyed=True)
        write_files_atomically({out: text})
    if not quiet:
        stderr.print(f"wrote {out}: {len(timeline.events)} events ({export_format.value})", markup=False)

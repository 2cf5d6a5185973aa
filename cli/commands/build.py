"""`timeline build`: articles in, report + CSV + JSON out, in one command."""

from __future__ import annotations

import typer

from cli.commands.render import image_browser
from cli.common import (
    ArticleProgress,
    QuietOption,
    StrictOption,
    check_out_folder,
    command_errors,
    counted,
    exit_code_for,
    report_issues,
    stderr,
)
from cli.options import (
    EmbedOption,
    InputsArgument,
    JobsOption,
    Lanes,
    LanesOption,
    ManifestOption,
    OutDirOption,
    PlotlyJs,
    PlotlyJsOption,
    PngOption,
    PublishedOption,
    SvgOption,
    TitleOption,
    TopOption,
    settings_for_jobs,
)
from timeline.artifacts import render_extractions_jsonl, write_files_atomically
from timeline.ingest import parse_published_option


def build_command(
    inputs: InputsArgument,
    out: OutDirOption,
    manifest: ManifestOption = None,
    published: PublishedOption = None,
    title: TitleOption = None,
    plotlyjs: PlotlyJsOption = PlotlyJs.inline,
    lanes: LanesOption = Lanes.source,
    embed: EmbedOption = False,
    png: PngOption = False,
    svg: SvgOption = False,
    top: TopOption = "0",
    strict: StrictOption = False,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
) -> None:
    """Build a story's timeline from articles: report, CSVs and JSON in one go.

    Writes timeline.html, events.csv, mentions.csv, timeline.json and extractions.jsonl into --out
    (and embed.html, timeline.png, timeline.svg on request), all together or not at all.

    INPUTS are article files (.txt, .md, .html, .json, .jsonl), folders or glob patterns. A
    manifest.csv or manifest.yml inside an input folder is used automatically. --png and --svg need
    a local Chrome or Chromium, looked for before any work (as in `timeline render`).
    """
    formats, browser = image_browser(png, svg)
    with command_errors():
        from timeline.pipeline import build  # lazy: spaCy, plotly load on use
        from timeline.render.outputs import render_output_files

        check_out_folder(out)
        overrides = parse_published_option(published or [])
        with ArticleProgress(quiet=quiet) as progress:
            result = build(
                list(inputs),
                settings=settings_for_jobs(jobs),
                manifest=manifest,
                published=overrides,
                on_start=progress.start,
                on_article=progress.advance,
                top=top,
            )
        timeline = result.timeline
        report_issues(timeline.issues, quiet=quiet)
        code = exit_code_for(timeline.issues, strict=strict)
        if strict and code:
            stderr.print("error: --strict: issues found, no output written", markup=False)
            raise typer.Exit(code)
        files = render_output_files(
            timeline,
            out,
            plotlyjs=plotlyjs.value,
            title=title,
            embed=embed,
            lanes=lanes.value,
            images=formats,
            browser=browser,
        )
        files[out / "extractions.jsonl"] = render_extractions_jsonl(result.extractions, result.ingest.issues)
        write_files_atomically(files)
    if not quiet:
        stderr.print(
            f"wrote {out / 'timeline.html'}: {counted(len(timeline.events), 'event')}, "
            f"{counted(len(timeline.conflicts), 'conflict')}, {counted(len(timeline.articles), 'article')}, "
            f"{counted(len(timeline.issues), 'issue')}",
            markup=False,
        )
        for fmt in formats:
            stderr.print(f"wrote {out / f'timeline.{fmt}'}", markup=False)
    raise typer.Exit(code)

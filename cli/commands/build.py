"""`timeline build`: articles in, report + CSV + JSON out, in one command."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from cli.commands.render import image_browser
from cli.common import (
    ArticleProgress,
    QuietOption,
    StrictOption,
    command_errors,
    counted,
    exit_code_for,
    extraction_engine,
    output_folder,
    report_issues,
    stderr,
    warn_future_dates,
)
from cli.options import (
    AboutOption,
    DocTypeOption,
    EmbedOption,
    Engine,
    EngineOption,
    ForceOption,
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
    SchedulerOption,
    StoreOption,
    SvgOption,
    TitleOption,
    TopOption,
    settings_for_jobs,
)
from timeline.artifacts import extractions_jsonl_lines
from timeline.ingest import parse_published_option
from timeline.models import ArticleExtraction, Issue
from timeline.output_folder import Staged

if TYPE_CHECKING:
    from timeline.config import Settings

BUILD_FILES = (
    "timeline.html",
    "events.csv",
    "mentions.csv",
    "timeline.json",
    "extractions.jsonl",
    "embed.html",
    "timeline.png",
    "timeline.svg",
)
"""Every file a build may write: an old one the new build does not write is dropped with its report."""


def rebuild_worker(store: Path | None, settings: Settings, engine: Engine) -> AbstractContextManager[Any]:
    """Start a rebuild's worker now (`store.ApartWorker`, closed on leaving the ``with``), else do nothing.

    A rebuild (an existing store, local workers) extracts its new articles in a worker process that
    first loads spaCy (~1.5 s of CPU) while this process reads the inputs. Started here, before this
    process imports the pipeline and the renderers, it is ready sooner: the decode of the stored
    extractions then no longer waits for it. `pipeline.build` closes it when it is not needed.
    """
    if store is None or engine != Engine.local or settings.workers < 2 or not store.is_file():
        return nullcontext()
    from timeline.store import ApartWorker

    return ApartWorker(settings)


def import_renderers() -> None:
    """Import the output stage (plotly, Jinja2 and the renderers: ~0.05 s of CPU), and load the merge's tools.

    `pipeline.build` calls it while this process would wait for a rebuild's worker (``idle``), so that
    the renderers load then instead of before ingest, where every build waits for them, and what the
    merge loads on first use (`merge.load_ahead`, ~0.12 s) then instead of in the merge, where the other core idles.
    """
    import timeline.render.outputs  # noqa: F401
    from timeline.merge import load_ahead

    load_ahead()


def build_command(
    inputs: InputsArgument,
    out: OutDirOption,
    manifest: ManifestOption = None,
    published: PublishedOption = None,
    title: TitleOption = None,
    plotlyjs: PlotlyJsOption = PlotlyJs.inline,
    lanes: LanesOption = Lanes.key,
    embed: EmbedOption = False,
    png: PngOption = False,
    svg: SvgOption = False,
    top: TopOption = "0",
    about: AboutOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
    force: ForceOption = False,
    doc_type: DocTypeOption = None,
    store: StoreOption = None,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
) -> None:
    """Build a story's timeline from articles: report, CSVs and JSON in one go.

    Writes timeline.html, events.csv, mentions.csv, timeline.json and extractions.jsonl into --out
    (and embed.html, timeline.png, timeline.svg on request), all together or not at all.

    INPUTS are article files (.txt, .md, .html, .json, .jsonl, CAT .xml), folders or glob patterns. A
    manifest.csv or manifest.yml inside an input folder is used automatically. --png and --svg need
    a local Chrome or Chromium, looked for before any work (as in `timeline render`). --about NAME keeps
    the events NAME takes part in (repeatable).

    --out is checked and locked before any article is read, and replaced as a whole when the new
    report is ready: a reader sees the old report or the new one, never a mix. A second command
    writing the same folder meanwhile fails at once.
    """
    formats, browser = image_browser(png, svg)
    with command_errors(), output_folder(out, force=force) as folder:
        overrides = parse_published_option(published or [])
        settings = settings_for_jobs(jobs, doc_type)
        early = rebuild_worker(store, settings, engine)  # entered below: nothing that fails comes between
        from timeline.pipeline import build  # lazy: spaCy, plotly load on use

        # extractions.jsonl is written by a process forked before the merge: never beside a Dask client's threads
        apart = settings.workers > 1 and engine == Engine.local

        def stage_extractions(extractions: Sequence[ArticleExtraction], issues: Sequence[Issue]) -> None:
            progress.stop()  # extraction is over: the bar's refresh thread ends before the fork
            folder.stage_apart("extractions.jsonl", extractions_jsonl_lines, extractions, issues)

        with (
            early as worker,
            extraction_engine(engine, scheduler, settings.workers) as extract,
            ArticleProgress(quiet=quiet) as progress,
        ):
            result = build(
                list(inputs),
                settings=settings,
                manifest=manifest,
                published=overrides,
                on_start=progress.start,
                on_article=progress.advance,
                store=store,
                extract=extract,
                top=top,
                about=about or (),
                on_extracted=stage_extractions if apart else None,
                worker=worker,
                idle=import_renderers,
            )
        timeline = result.timeline
        report_issues(timeline.issues, quiet=quiet)
        warn_future_dates(timeline.articles)
        code = exit_code_for(timeline.issues, strict=strict)
        if strict and code:
            stderr.print("error: --strict: issues found, no output written", markup=False)
            raise typer.Exit(code)
        from timeline.render.outputs import render_output_files  # imported already if the build waited

        files = render_output_files(
            timeline,
            out,
            plotlyjs=plotlyjs.value,
            title=title,
            embed=embed,
            lanes=lanes.value,
            images=formats,
            browser=browser,
            jobs=settings.workers,
            stage=folder.staging(),  # the forked renderers write their files there
        )
        extractions = Staged() if apart else extractions_jsonl_lines(result.extractions, result.ingest.issues)
        folder.publish({**files, out / "extractions.jsonl": extractions}, owned=BUILD_FILES)
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

"""`timeline extract`: articles in, `extractions.jsonl` out (the first stage artifact)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from cli.common import (
    ArticleProgress,
    QuietOption,
    StrictOption,
    check_out_file,
    command_errors,
    exit_code_for,
    extraction_engine,
    future_dated,
    refuse_strict_output,
    report_issues,
    warn_future_dates,
)
from cli.options import (
    DocTypeOption,
    Engine,
    EngineOption,
    InputsArgument,
    JobsOption,
    ManifestOption,
    PublishedOption,
    SchedulerOption,
    StoreOption,
    settings_for_jobs,
)
from timeline.artifacts import extractions_jsonl_lines, write_files_atomically
from timeline.ingest import parse_published_option
from timeline.models import ArticleInfo


def extract_command(
    inputs: InputsArgument,
    out: Annotated[Path, typer.Option("--out", "-o", help="The extractions.jsonl file to write.")],
    manifest: ManifestOption = None,
    published: PublishedOption = None,
    strict: StrictOption = False,
    quiet: QuietOption = False,
    jobs: JobsOption = 0,
    doc_type: DocTypeOption = None,
    store: StoreOption = None,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
) -> None:
    """Extract time expressions, actors and events from each article into a JSONL file.

    Each line is one article's extraction; problems met while reading come first, one issue per line.
    `timeline merge` reads this file.
    """
    with command_errors():
        from timeline.pipeline import extract_inputs  # lazy: spaCy, plotly load on use

        check_out_file(out)
        overrides = parse_published_option(published or [])
        settings = settings_for_jobs(jobs, doc_type)
        with (
            extraction_engine(engine, scheduler, settings.workers) as extract,
            ArticleProgress(quiet=quiet) as progress,
        ):
            ingest, extractions = extract_inputs(
                list(inputs),
                settings=settings,
                manifest=manifest,
                published=overrides,
                on_start=progress.start,
                on_article=progress.advance,
                store=store,
                extract=extract,
                packed=True,  # one article's models at a time: memory does not grow with the corpus
            )
        issues = list(ingest.issues)

        def read_issues() -> Iterator[ArticleInfo]:
            for article, found in extractions.summaries():  # packed: the rest of each extraction stays packed
                issues.extend(found)
                yield article

        late = future_dated(read_issues())  # the articles dated after today, not every article's metadata
        report_issues(issues, quiet=quiet)
        warn_future_dates(late)
        code = exit_code_for(issues, strict=strict)
        if strict and code:
            raise refuse_strict_output()
        write_files_atomically({out: extractions_jsonl_lines(extractions, ingest.issues)})  # line by line
    raise typer.Exit(code)

"""What every command shares: error handling, issue lines, progress bars, exit codes.

Exit codes: 0 = done; 1 = failed (bad input that stops the command, an input that could not be
read, or, with --strict, any recorded issue); 2 = wrong usage (typer).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.interrupt import Interrupted, interruption
from timeline.display import neutralise_bidi
from timeline.errors import InputError, TimelineError
from timeline.models import ArticleInfo, Issue
from timeline.output_folder import ReportFolder

EXIT_FAILED = 1

EARLIEST_UTC_OFFSET = timedelta(hours=14)
"""Today somewhere on Earth: an article from Kiribati may carry tomorrow's date of a reader in Europe."""


class NeutralConsole(Console):
    """A rich console that prints every string with its bidirectional controls neutralised.

    A file or source name holding U+202E would otherwise print reversed ("gnp.exe" read "exe.png");
    see `timeline.display`. Every line the commands print goes through `stderr`.
    """

    def print(self, *objects: Any, **kwargs: Any) -> None:
        """Print like `Console.print`, strings neutralised."""
        super().print(*(neutralise_bidi(o) if isinstance(o, str) else o for o in objects), **kwargs)


stderr = NeutralConsole(stderr=True, highlight=False, soft_wrap=True)

QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no info lines.")]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Treat every recorded issue (even a warning) as a failure: exit 1.")
]


@contextlib.contextmanager
def command_errors() -> Iterator[None]:
    """Turn a `TimelineError` into one clear line on stderr and exit code 1 (never a traceback)."""
    try:
        yield
    except TimelineError as error:
        stderr.print(f"error: {error}", markup=False)
        raise typer.Exit(EXIT_FAILED) from None


@contextlib.contextmanager
def output_folder(out: Path, *, force: bool) -> Iterator[ReportFolder]:
    """Check and lock the report folder before any work; on Ctrl-C or SIGTERM say what became of it.

    The folder is replaced as a whole at the end (`timeline.output_folder`), so an interrupted
    command leaves the previous report exactly as it was.
    """
    folder = ReportFolder(out, force=force)
    try:
        folder.open()
        yield folder
    except (KeyboardInterrupt, Exception, Interrupted) as error:
        stop = error if isinstance(error, KeyboardInterrupt) else interruption(error)
        if stop is None:
            raise
        folder.close()
        if folder.switched:
            state = f"the new report in {out} is complete"
        elif folder.had_report:
            state = f"the previous report in {out} is unchanged"
        else:
            state = f"nothing was written to {out}"
        stderr.print(f"interrupted; {state}", markup=False)
        signum = stop.signum if isinstance(stop, Interrupted) else signal.SIGINT
        raise typer.Exit(128 + signum) from None
    finally:
        folder.close()


@contextlib.contextmanager
def extraction_engine(engine: str, scheduler: str | None, workers: int) -> Iterator[Any]:
    """Yield what extracts articles: None (this machine, `extract_articles`) or an open Dask engine.

    The Dask scheduler is ``--scheduler``, else ``$TIMELINE_DASK_SCHEDULER``, else a local cluster of
    ``workers`` processes (the library never reads the environment; the CLI does, here).
    """
    from cli.options import SCHEDULER_ENV

    if engine != "dask":
        if scheduler:
            raise InputError("--scheduler is the address of a Dask cluster", hint="add --engine dask")
        yield None
        return
    from timeline.dask_engine import DaskEngine

    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    with DaskEngine(address, workers=workers) as opened:
        yield opened


def check_out_file(out: Path) -> None:
    """Fail before any work (exit 1) when --out names an existing folder instead of a file."""
    if out.is_dir():
        raise InputError("--out is a folder, not a file", path=out, hint="give the path of the file to write")


def refuse_strict_output() -> typer.Exit:
    """Print why nothing is written under --strict and return the exit to raise."""
    stderr.print("error: --strict: issues found, no output written", markup=False)
    return typer.Exit(EXIT_FAILED)


def counted(count: int, noun: str) -> str:
    """Return "1 event" / "5 events"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_issue(issue: Issue) -> str:
    """Return the one-line form of an issue: ``warning [I120] path: message; hint``."""
    message = issue.message
    if issue.article_id and not (issue.path and message.startswith(issue.path)):
        message = f"{issue.article_id}: {message}"
    line = f"{issue.severity} [{issue.code}] {message}"
    return f"{line}; {issue.hint}" if issue.hint else line


def report_issues(issues: Sequence[Issue], *, quiet: bool) -> None:
    """Print one line per issue on stderr (info lines only when not quiet)."""
    for issue in issues:
        if issue.severity == "info" and quiet:
            continue
        stderr.print(format_issue(issue), markup=False)


def warn_future_dates(articles: Iterable[ArticleInfo], *, today: date | None = None) -> None:
    """Print one warning line per article dated after today (the library has no clock; the CLI does).

    Args:
        articles: the articles (an `Article` or `ArticleInfo` each).
        today: the latest date that is not in the future; default: today's date in the earliest
            time zone (UTC+14), so no article is flagged for a time zone ahead of the reader's.
    """
    for article in future_dated(articles, today=today):
        where = f" ({article.path})" if article.path else ""
        stderr.print(
            f"warning: article {article.id}{where} is dated {article.published} "
            f"({article.published_origin}), after today; check the date or pass "
            f"--published {article.id}=YYYY-MM-DD",
            markup=False,
        )


def future_dated(articles: Iterable[ArticleInfo], *, today: date | None = None) -> list[ArticleInfo]:
    """Return the articles dated after today (``today``: as `warn_future_dates` takes it), keeping only those.

    `timeline extract` reads each article's metadata once, as it goes: it keeps these few, not the corpus'.
    """
    today = today or (datetime.now(UTC) + EARLIEST_UTC_OFFSET).date()  # noqa: TID251 - the CLI may read the clock
    return [article for article in articles if article.published is not None and article.published > today]


def exit_code_for(issues: Sequence[Issue], *, strict: bool) -> int:
    """Return 1 when an issue is an error (or any issue with --strict), else 0."""
    if any(issue.severity == "error" for issue in issues):
        return EXIT_FAILED
    if strict and any(issue.severity != "info" for issue in issues):
        return EXIT_FAILED
    return 0


class ArticleProgress:
    """A rich progress bar over articles, on stderr; silent when quiet or not a terminal."""

    def __init__(self, *, quiet: bool) -> None:
        self._progress = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=stderr,
            transient=True,
            disable=quiet or not stderr.is_terminal,
        )
        self._task: int | None = None

    def __enter__(self) -> ArticleProgress:
        self._progress.__enter__()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Remove the bar and end its refresh thread (again: nothing)."""
        self._progress.stop()

    def start(self, total: int) -> None:
        """Set the number of articles."""
        self._task = self._progress.add_task("extract", total=total)

    def advance(self, _: object = None) -> None:
        """Count one article done."""
        if self._task is not None:
            self._progress.advance(self._task)

"""Typer argument and option declarations shared by several commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

InputsArgument = Annotated[
    list[Path],
    typer.Argument(
        metavar="INPUT",
        help="Article files (.txt .md .html .json .jsonl), folders or glob patterns.",
        show_default=False,
    ),
]


def _out_path(value: str) -> Path:
    """Refuse an empty --out (it would mean the current folder)."""
    if not value.strip():
        raise typer.BadParameter("must not be empty; give a folder such as --out report")
    return Path(value)


OutDirOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        parser=_out_path,
        help="Output folder, created if needed and replaced as a whole when the report is ready "
        "(other files in it are kept).",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write into an --out folder that holds other files but no timeline report (they are kept).",
    ),
]
ManifestOption = Annotated[
    Path | None,
    typer.Option(
        "--manifest",
        "-m",
        help="CSV or YAML manifest setting per-article id, source, title, url, published, language.",
        dir_okay=False,
    ),
]
PublishedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--published",
        "-p",
        metavar="ID=DATE",
        help="Set an article's publication date (YYYY-MM-DD); repeat for several articles.",
    ),
]
TitleOption = Annotated[str | None, typer.Option("--title", help="Title shown at the top of the report.")]


class PlotlyJs(StrEnum):
    """How the report gets plotly.js."""

    inline = "inline"
    cdn = "cdn"


PlotlyJsOption = Annotated[
    PlotlyJs,
    typer.Option(
        "--plotlyjs",
        help="inline: one offline file (plotly.js's basic bundle inlined, 1.2 MB); "
        "cdn: a small file that loads plotly.js online.",
    ),
]


class Lanes(StrEnum):
    """What the chart shows: the key events, titled, or every event in lanes by source, actor or kind."""

    key = "key"
    source = "source"
    actor = "actor"
    kind = "kind"


LanesOption = Annotated[
    Lanes,
    typer.Option(
        "--lanes",
        help="key: the key events titled on the chart, conflicts as dumbbells (the default); source, actor, "
        "kind: every event in lanes by source, actor or event kind. The report's initial chart (its page can "
        "switch), and the chart of embed.html and the images.",
    ),
]
EmbedOption = Annotated[bool, typer.Option("--embed", help="Also write embed.html, a fragment for briefs.")]
PngOption = Annotated[
    bool, typer.Option("--png", help="Also write timeline.png, the chart as an image (needs Chromium).")
]
SvgOption = Annotated[
    bool, typer.Option("--svg", help="Also write timeline.svg, the chart as a vector image (needs Chromium).")
]


def _top_value(value: str | None) -> int | str:
    """``--top``: a number of days (0 keeps every event) or ``auto``; anything else is a usage error."""
    if value is None:
        return 0
    text = value.strip().lower()
    if text == "auto":
        return "auto"
    if not text.isdigit():
        raise typer.BadParameter(f"{value!r} is neither a number of days nor 'auto'")
    return int(text)


AboutOption = Annotated[
    list[str] | None,
    typer.Option(
        "--about",
        metavar="NAME",
        help="Keep only the events NAME takes part in (any role; named, by short form or acronym such as GM "
        "for General Motors, or referred to: he, the company). Repeat for several entities.",
    ),
]
TopOption = Annotated[
    str,
    typer.Option(
        "--top",
        metavar="N|auto",
        callback=_top_value,
        help="Keep only the events of the N key days (days the articles name and report most, each told by "
        "its one or two most central events); auto picks N from the story's length; 0 keeps all.",
    ),
]
StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="A corpus store (SQLite file, created if missing): articles read before are not extracted again, "
        "new ones are added. The output is the same as without it. See `timeline store`.",
        dir_okay=False,
    ),
]
JobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        max=64,
        help="Processes that extract articles at once; 0 (the default) uses one per CPU core, at most 4. "
        "Only inputs of 100 articles or more are split. The output does not depend on it.",
    ),
]


class Engine(StrEnum):
    """`--engine`: where articles are extracted."""

    local = "local"
    dask = "dask"


EngineOption = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="local: --jobs processes on this machine; dask: tasks over shards of articles on a Dask cluster "
        "(--scheduler, or a local cluster of --jobs workers; needs pip install 'timeline[dask]'). "
        "The output does not depend on it.",
    ),
]
SCHEDULER_ENV = "TIMELINE_DASK_SCHEDULER"
SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="ADDRESS",
        help=f"The Dask scheduler of --engine dask (tcp://host:8786, from `dask scheduler`); default: "
        f"${SCHEDULER_ENV}, else a local cluster.",
        show_default=False,
    ),
]


class DocTypeChoice(StrEnum):
    """`--doc-type`: what anchors the year of a year-less date."""

    news = "news"
    narrative = "narrative"


DocTypeOption = Annotated[
    DocTypeChoice | None,
    typer.Option(
        "--doc-type",
        help="news: year-less dates ('in March', 'June 4') count from the publication date; narrative "
        "(history, Wikipedia): from the story's last date ('In 1919 ... On April 16'). Default: decided per text.",
        show_default=False,
    ),
]


RenderJobsOption = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        max=64,
        help="1 renders every output in this process; above 1, timeline.json, and the CSVs with the charts the "
        "page does not open on, are rendered in two forked processes meanwhile. 0 (the default): 1 on a "
        "one-core machine, else 2. The output does not depend on it.",
    ),
]


def settings_for_jobs(jobs: int, doc_type: DocTypeChoice | None = None):  # noqa: ANN201 (timeline.config on use)
    """Return pipeline settings with ``jobs`` worker processes (0: one per core, at most 4) and ``doc_type``."""
    import os

    from timeline.config import Settings

    return Settings(workers=jobs or max(1, min(4, os.cpu_count() or 1)), doc_type=doc_type.value if doc_type else None)

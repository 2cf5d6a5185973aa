"""`timeline render`: `timeline.json` in, HTML report, CSVs (an embeddable fragment, chart images) out."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated, Literal

import typer

from cli.common import EXIT_FAILED, QuietOption, command_errors, output_folder, stderr
from cli.options import (
    EmbedOption,
    ForceOption,
    Lanes,
    LanesOption,
    OutDirOption,
    PlotlyJs,
    PlotlyJsOption,
    PngOption,
    RenderJobsOption,
    SvgOption,
    TitleOption,
)
from timeline.artifacts import read_timeline
from timeline.errors import InputError

RENDER_FILES = (
    "timeline.html",
    "events.csv",
    "mentions.csv",
    "timeline.json",
    "embed.html",
    "timeline.png",
    "timeline.svg",
)
"""Every file render may write: an old one it does not write again is dropped (extractions.jsonl is kept)."""

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
"""Executables searched on PATH for image export, in order (after $BROWSER_PATH)."""

BROWSER_PATHS = ("/usr/bin/chromium", "/usr/lib/chromium/chromium")
"""Where Debian's chromium package puts the browser, tried last."""


def _executable(path: str) -> bool:
    return bool(path) and Path(path).is_file() and os.access(path, os.X_OK)


def find_chromium() -> str | None:
    """Return a Chrome or Chromium to draw images with: $BROWSER_PATH, else PATH, else Debian's path.

    Nothing is downloaded: without a browser, image export fails with a clear message.

    Raises:
        InputError: $BROWSER_PATH is set but is not an executable file.
    """
    chosen = os.environ.get("BROWSER_PATH", "")
    if chosen:
        if not _executable(chosen):
            raise InputError(
                "BROWSER_PATH is not an executable file", path=chosen, hint="point it at Chromium or unset it"
            )
        return chosen
    candidates = [shutil.which(name) or "" for name in BROWSER_NAMES]
    candidates.extend(BROWSER_PATHS)
    return next((candidate for candidate in candidates if _executable(candidate)), None)


def image_browser(png: bool, svg: bool) -> tuple[list[Literal["png", "svg"]], str | None]:
    """Return the image formats asked for and the browser to draw them; exit 1 at once without one.

    Called before any work, so `timeline build --png` does not extract a whole corpus first and then
    fail: without a browser nothing is written and one line says how to get one.

    Raises:
        typer.Exit: images are asked for and no Chromium is found (exit 1).
    """
    formats: list[Literal["png", "svg"]] = [*(["png"] if png else []), *(["svg"] if svg else [])]
    with command_errors():
        browser = find_chromium() if formats else None
    if formats and browser is None:
        what = " and ".join(f.upper() for f in formats)
        stderr.print(
            f"error: cannot write {what}: no Chromium found; install Debian's chromium package "
            "(apt-get install chromium) or set BROWSER_PATH to a Chrome or Chromium executable",
            markup=False,
        )
        raise typer.Exit(EXIT_FAILED)
    return formats, browser


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
    lanes: LanesOption = Lanes.key,
    embed: EmbedOption = False,
    png: PngOption = False,
    svg: SvgOption = False,
    quiet: QuietOption = False,
    force: ForceOption = False,
    jobs: RenderJobsOption = 0,
) -> None:
    """Render a timeline as timeline.html, events.csv, mentions.csv and timeline.json in --out.

    --png and --svg also draw the chart as timeline.png / timeline.svg with kaleido in a local
    Chrome or Chromium ($BROWSER_PATH, else chromium on PATH, else /usr/bin/chromium). Nothing is
    downloaded; without a browser the command writes nothing and exits 1. All files are written
    together or not at all: --out is replaced as a whole (its other files, such as extractions.jsonl,
    are kept), so a reader never sees a mix of two reports.
    """
    formats, browser = image_browser(png, svg)
    with command_errors(), output_folder(out, force=force) as folder:
        from timeline.render.outputs import render_output_files  # lazy: plotly loads on use

        timeline = read_timeline(timeline_file)
        files = render_output_files(
            timeline,
            out,
            plotlyjs=plotlyjs.value,
            title=title,
            embed=embed,
            lanes=lanes.value,
            images=formats,
            browser=browser,
            jobs=jobs or min(2, os.cpu_count() or 1),
            stage=folder.staging(),  # the forked renderers write their files there
        )
        folder.publish(files, owned=RENDER_FILES)
    if not quiet:
        stderr.print(f"wrote {out / 'timeline.html'}: {len(timeline.events)} events", markup=False)
        for fmt in formats:
            stderr.print(f"wrote {out / f'timeline.{fmt}'}", markup=False)

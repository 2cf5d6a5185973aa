"""`timeline render`: `timeline.json` in, HTML report, CSVs (an embeddable fragment, chart images) out."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from cli.common import EXIT_FAILED, QuietOption, check_out_folder, command_errors, stderr
from cli.options import OutDirOption, PlotlyJs, PlotlyJsOption, TitleOption
from timeline.artifacts import read_timeline, write_files_atomically
from timeline.errors import InputError

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


def write_bytes_atomically(files: Mapping[Path, bytes]) -> None:
    """Write binary files, each through a temp file renamed into place: never a partial file.

    Raises:
        InputError: a file cannot be written (nothing is left behind for it).
    """
    for path, content in files.items():
        temp_name = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(temp_name, 0o644)
            os.replace(temp_name, path)
        except OSError as exc:
            if temp_name:
                Path(temp_name).unlink(missing_ok=True)
            raise InputError(f"cannot write the file: {exc.strerror or exc}", path=path) from exc


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
    png: Annotated[
        bool, typer.Option("--png", help="Also write timeline.png, the chart as an image (needs Chromium).")
    ] = False,
    svg: Annotated[
        bool, typer.Option("--svg", help="Also write timeline.svg, the chart as a vector image (needs Chromium).")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Render a timeline as timeline.html, events.csv, mentions.csv and timeline.json in --out.

    --png and --svg also draw the chart as timeline.png / timeline.svg with kaleido in a local
    Chrome or Chromium ($BROWSER_PATH, else chromium on PATH, else /usr/bin/chromium). Nothing is
    downloaded; without a browser the command writes nothing and exits 1.
    """
    formats = [name for name, wanted in (("png", png), ("svg", svg)) if wanted]
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
    with command_errors():
        from timeline.pipeline import render_outputs  # lazy: spaCy, plotly load on use
        from timeline.render.report import DEFAULT_TITLE
        from timeline.render.static import render_chart_image

        check_out_folder(out)
        timeline = read_timeline(timeline_file)
        files = render_outputs(timeline, out, plotlyjs=plotlyjs.value, title=title, embed=embed)
        images = {
            out / f"timeline.{fmt}": render_chart_image(
                timeline, fmt, browser=browser or "", title=title or DEFAULT_TITLE
            )
            for fmt in formats
        }
        write_files_atomically(files)
        write_bytes_atomically(images)
    if not quiet:
        stderr.print(f"wrote {out / 'timeline.html'}: {len(timeline.events)} events", markup=False)
        for path in images:
            stderr.print(f"wrote {path}", markup=False)

"""Every file `timeline build` and `timeline render` write, as one batch of ``{path: text or bytes}``.

The commands hand the batch to `artifacts.write_files_atomically`, so the report, the CSVs, the JSON,
the embed fragment and the chart images are written all or nothing: if an image cannot be drawn
(no browser, kaleido fails), it fails before anything is written, never after the text outputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from timeline.errors import ImageExportError
from timeline.models import Timeline
from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.lanes import ChartMode
from timeline.render.report import DEFAULT_TITLE, PlotlyJs, render_embed, render_report
from timeline.render.static import ImageFormat, render_chart_image


def render_output_files(
    timeline: Timeline,
    out_dir: Path,
    *,
    plotlyjs: PlotlyJs = "inline",
    title: str | None = None,
    embed: bool = False,
    lanes: ChartMode = "key",
    images: Sequence[ImageFormat] = (),
    browser: str | Path | None = None,
) -> dict[Path, str | bytes]:
    """Return ``{path: content}`` for the report, the CSVs, the JSON, and on request the embed and images.

    Args:
        timeline: the merged timeline.
        out_dir: the output folder (nothing is written here).
        plotlyjs: "inline" or "cdn", for the report and the embed.
        title: the report's title (and the embed's and the images').
        embed: also render ``embed.html``.
        lanes: the report's initial chart, the embed's and the images': "key" (the key events, titled)
            or a lane mode.
        images: "png" and/or "svg": also draw ``timeline.png`` / ``timeline.svg``.
        browser: the Chrome or Chromium that draws the images (required when ``images`` is not empty).

    Returns:
        The files, text as ``str`` and images as ``bytes``.

    Raises:
        ImageExportError: an image cannot be drawn (no browser given, kaleido missing, the browser fails).
        ValueError: an unknown ``plotlyjs``, ``lanes`` or image format.
    """
    files: dict[Path, str | bytes] = {
        out_dir / "timeline.html": render_report(timeline, plotlyjs=plotlyjs, title=title, lanes=lanes),
        out_dir / "events.csv": render_events_csv(timeline),
        out_dir / "mentions.csv": render_mentions_csv(timeline),
        out_dir / "timeline.json": render_timeline_json(timeline),
    }
    if embed:
        files[out_dir / "embed.html"] = render_embed(timeline, plotlyjs=plotlyjs, lanes=lanes, title=title)
    if images and not browser:
        raise ImageExportError(
            f"cannot write {' and '.join(f.upper() for f in images)}: no browser to draw the chart",
            hint="install Debian's chromium package",
        )
    for image_format in images:
        files[out_dir / f"timeline.{image_format}"] = render_chart_image(
            timeline, image_format, browser=browser or "", title=title or DEFAULT_TITLE, lanes=lanes
        )
    return files

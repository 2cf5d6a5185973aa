"""Every file `timeline build` and `timeline render` write, as one batch of ``{path: text or bytes}``.

The commands hand the batch to `artifacts.write_files_atomically`, so the report, the CSVs, the JSON,
the embed fragment and the chart images are written all or nothing: if an image cannot be drawn
(no browser, kaleido fails), it fails before anything is written, never after the text outputs.

A rebuild of a big stored story redoes every output of the whole story, and the outputs are CPU work
that need nothing from each other: with ``jobs`` > 1, `timeline.json` (about as long to encode as the
report and the CSVs together, on 2,452 articles) is rendered in a forked process while this one renders
the others (each file is the same function of the same timeline, so the bytes are those of a serial
run). The cyclic garbage collector is held off meanwhile: rendering makes millions of short-lived
objects while the timeline's millions of models stay alive, and every full collection would walk them
all for nothing (the models hold no cycles).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from timeline.collector import gc_paused
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
    jobs: int = 1,
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
        jobs: processes to render in: above 1, ``timeline.json`` is rendered in a second one where the
            system can fork (not on Windows), the same bytes in less time.

    Returns:
        The files, text as ``str`` and images as ``bytes``.

    Raises:
        ImageExportError: an image cannot be drawn (no browser given, kaleido missing, the browser fails).
        ValueError: an unknown ``plotlyjs``, ``lanes`` or image format.
    """
    if images and not browser:
        raise ImageExportError(
            f"cannot write {' and '.join(f.upper() for f in images)}: no browser to draw the chart",
            hint="install Debian's chromium package",
        )
    with gc_paused():
        forked = _Child(render_timeline_json, timeline) if jobs > 1 and _CAN_FORK else None
        try:
            files: dict[Path, str | bytes] = {
                out_dir / "timeline.html": render_report(timeline, plotlyjs=plotlyjs, title=title, lanes=lanes),
                out_dir / "events.csv": render_events_csv(timeline),
                out_dir / "mentions.csv": render_mentions_csv(timeline),
            }
        except BaseException:
            if forked:
                forked.stop()
            raise
        files[out_dir / "timeline.json"] = forked.result() if forked else render_timeline_json(timeline)
        if embed:
            files[out_dir / "embed.html"] = render_embed(timeline, plotlyjs=plotlyjs, lanes=lanes, title=title)
    for image_format in images:
        files[out_dir / f"timeline.{image_format}"] = render_chart_image(
            timeline, image_format, browser=browser or "", title=title or DEFAULT_TITLE, lanes=lanes
        )
    return files


_CAN_FORK = "fork" in multiprocessing.get_all_start_methods()
"""Forking shares the timeline with the child as it is: spawning would pickle it, which costs more than it saves."""


class _Child:
    """``render(timeline)`` in a forked process, and its result (or its error) when it is wanted."""

    def __init__(self, render: Callable[[Timeline], Any], timeline: Timeline) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_render_and_send, args=(render, timeline, send), daemon=True)
        self._process.start()
        send.close()

    def result(self) -> Any:
        """Wait for the child's result; raise its error, or RuntimeError when it died without one."""
        try:
            failed, value = self._receive.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the process rendering the outputs ended with code {self._process.exitcode}") from None
        finally:
            self._receive.close()
        self._process.join()
        if failed:
            raise value
        return value

    def stop(self) -> None:
        """End the child without waiting for its result."""
        self._receive.close()
        self._process.terminate()
        self._process.join()


def _render_and_send(render: Callable[[Timeline], Any], timeline: Timeline, send: Connection) -> None:
    try:
        message: tuple[bool, Any] = (False, render(timeline))
    except Exception as error:  # noqa: BLE001 (raised again in the parent)
        message = (True, error)
    send.send(message)
    send.close()

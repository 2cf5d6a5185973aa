"""Every file `timeline build` and `timeline render` write, as one batch of ``{path: text or bytes}``.

The commands hand the batch to `artifacts.write_files_atomically`, so the report, the CSVs, the JSON,
the embed fragment and the chart images are written all or nothing: if an image cannot be drawn
(no browser, kaleido fails), it fails before anything is written, never after the text outputs.

A rebuild of a big stored story redoes every output of the whole story, and the outputs are CPU work
that need little from each other. The page's data block and the CSVs show the same rows (`rows.event_rows`,
`rows.placed_mention_rows`, 0.2 s on 2,452 articles): they are computed once, here, from the timeline as
`display.displayable` shows it, and handed to both (with ``jobs`` > 1 through the fork: building them in
the second process instead made timeline.json's process 0.1 s longer, more of its pages copied). With
``jobs`` > 1, `timeline.json` (the longest part: 3.4 s CPU in a +10 rebuild of 2,452 articles) is
rendered in a process forked at once, and the CSVs, the three lane charts the page does not open on
(`report.deflated_figures`) and the page's data block (`report.data_block`: the views of every event and
mention, the About filter, deflated) in a second one, forked once the rows exist (about 3 s), while this
one builds the rest of the page (the key chart, the header and the lists: about 1 s with the rows). So
timeline.json's process has a core of its own for most of its run. The CSV lists every unplaced mention
(70,000 of a 2,452-article story's 100,000), the page only the first `views.UNPLACED_SHOWN`: the second
process builds the rows of all of them, this one those it lists. Each file is the same function of the
same timeline, so the bytes are those of a serial run. A forked
process copies the pages it writes to (reference counts included): about 370 MB for timeline.json's
and 260 MB for the other, on a parent of 0.9 GB. Given the report folder's ``stage``, the forked processes
write their files there themselves (`output_folder.write_synced`): timeline.json and the CSVs (60 MB on
2,452 articles) are then neither pickled through a pipe nor written again by this process. They are
written piece after piece (`exports.events_csv_pieces`, `exports.timeline_json_pieces`: timeline.json's
process 136k -> 104k page faults), and the page's data block deflated so
(`report.deflated_json`): in a forked process every page of new memory is a fault too, and the side
process reads only the fields it shows (`rows.unplaced_mention_columns`), each value read copying its page.

The cyclic garbage collector is held off meanwhile: rendering makes millions of short-lived objects
while the timeline's millions of models stay alive, and every full collection would walk them all for
nothing (the models hold no cycles).

Whether the page must neutralise bidirectional controls (`display.displayable`, a whole serialisation of
the timeline, 0.5 s on 2,452 articles) is read from timeline.json's text instead: it writes every string of
the timeline as it is (`compact` escapes no control), so a search of it (0.05 s) tells. With ``jobs`` > 1
its process reports that; meanwhile this one builds the page, and the other process the lane charts, from
the timeline as it is, and in the rare case the text holds a control the page is built again from the
neutralised timeline (the CSVs, rendered from the timeline as it is and neutralised as text, stand).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from markupsafe import Markup

from timeline.collector import gc_paused
from timeline.display import displayable, has_bidi, utf8_has_bidi
from timeline.errors import ImageExportError
from timeline.forked import CAN_FORK, Forked
from timeline.models import Timeline
from timeline.output_folder import Staged, write_synced
from timeline.render.exports import (
    events_csv_pieces,
    mentions_csv_pieces,
    render_events_csv,
    render_mentions_csv,
    render_timeline_json,
    timeline_json_pieces,
)
from timeline.render.lanes import ChartMode
from timeline.render.plot import prepare_charts
from timeline.render.report import (
    DEFAULT_TITLE,
    PlotlyJs,
    check_lanes,
    data_block,
    deflated_figures,
    drawn_elsewhere,
    embed_fragment,
    report_page,
)
from timeline.render.rows import EventRow, MentionRow, event_rows, placed_mention_rows
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
    stage: Path | None = None,
) -> dict[Path, str | bytes | Staged]:
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
        jobs: above 1, where the system can fork (not on Windows), ``timeline.json`` is rendered in a
            forked process, and the CSVs and the lane charts the page does not open on in another,
            while this one builds the page: the same bytes in less time.
        stage: the report folder's staging folder (`output_folder.ReportFolder.staging`): the forked
            processes write the files they render there (complete and fsynced), each then `Staged` in
            the result. Without forked processes, or without ``stage``, every file is returned.

    Returns:
        The files, text as ``str``, images as ``bytes``, and `Staged` for those written into ``stage``.

    Raises:
        ImageExportError: an image cannot be drawn (no browser given, kaleido missing, the browser fails).
        ValueError: an unknown ``plotlyjs``, ``lanes`` or image format.
    """
    if images and not browser:
        raise ImageExportError(
            f"cannot write {' and '.join(f.upper() for f in images)}: no browser to draw the chart",
            hint="install Debian's chromium package",
        )
    lanes = check_lanes(lanes)
    parallel = jobs > 1 and CAN_FORK
    children: list[Forked] = []
    with gc_paused():
        try:
            if parallel:
                children.append(Forked(_json_output, timeline, stage))
                shown = timeline  # until timeline.json's process tells whether a string holds a control (below)
            else:
                timeline_json = render_timeline_json(timeline)
                shown = displayable(timeline) if has_bidi(timeline_json) else timeline
            events, mentions = event_rows(shown), placed_mention_rows(shown)
            # the CSVs share the page's rows, unless neutralising the text made the page's (the CSVs neutralise theirs)
            tables = (events, mentions) if shown is timeline else (None, None)
            drawn = data = None
            if parallel:  # the timeline is shown as it is (above): the page's rows are the CSVs'
                prepare_charts(timeline)  # for the page's key chart and the side process' lane charts at once
                side = Forked(_side_outputs, timeline, events, mentions, drawn_elsewhere(lanes), stage)
                children.append(side)
                drawn = lambda: side.result()[2]  # noqa: E731
                data = lambda: side.result()[3]  # noqa: E731
            html = report_page(
                shown, events, mentions, plotlyjs=plotlyjs, title=title, lanes=lanes, drawn=drawn, data=data
            )
            if parallel:
                events_csv, mentions_csv, _, _ = side.result()
                timeline_json, controls = children[0].result()
                if controls:  # rare: the page (and its charts) showed the text as is; the CSVs neutralise theirs
                    shown = displayable(timeline)
                    events, mentions = event_rows(shown), placed_mention_rows(shown)
                    html = report_page(shown, events, mentions, plotlyjs=plotlyjs, title=title, lanes=lanes)
            else:
                events_csv, mentions_csv = _tables(timeline, *tables)
        except BaseException:
            for child in children:
                child.stop()
            raise
        files: dict[Path, str | bytes | Staged] = {
            out_dir / "timeline.html": html,
            out_dir / "events.csv": events_csv,
            out_dir / "mentions.csv": mentions_csv,
            out_dir / "timeline.json": timeline_json,
        }
        if embed:
            files[out_dir / "embed.html"] = embed_fragment(shown, plotlyjs=plotlyjs, lanes=lanes, title=title)
    for image_format in images:
        files[out_dir / f"timeline.{image_format}"] = render_chart_image(
            timeline, image_format, browser=browser or "", title=title or DEFAULT_TITLE, lanes=lanes
        )
    return files


def _tables(
    timeline: Timeline, events: Sequence[EventRow] | None, placed: Sequence[MentionRow] | None
) -> tuple[str, str]:
    """Return ``events.csv`` and ``mentions.csv``, from the timeline's rows when they are given.

    ``placed``: the page's `placed_mention_rows`; the CSV's cells of the unplaced mentions are read here.
    """
    return render_events_csv(timeline, events), render_mentions_csv(timeline, placed=placed)


def _json_output(timeline: Timeline, stage: Path | None) -> tuple[str | Staged, bool]:
    """Return ``timeline.json`` (or write it into ``stage``) and whether it holds a bidirectional control.

    What the first forked process renders. Its text holds every string of the timeline as it is (`compact`
    escapes none of the controls), so it tells whether any needs neutralising for the page: a search of
    its text instead of a second serialisation of the whole timeline (`display.displayable`).
    """
    if stage is None:
        text = render_timeline_json(timeline)
        return text, has_bidi(text)
    controls = False

    def searched(pieces: Iterable[str]) -> Iterator[bytes]:  # written piece after piece, each searched as it goes
        nonlocal controls
        for piece in pieces:
            data = piece.encode("utf-8")
            controls = controls or utf8_has_bidi(data)
            yield data

    write_synced(stage / "timeline.json", searched(timeline_json_pieces(timeline)))
    return Staged(), controls


def _side_outputs(
    timeline: Timeline,
    events: Sequence[EventRow],
    placed: Sequence[MentionRow],
    modes: Sequence[ChartMode],
    stage: Path | None,
) -> tuple[str | Staged, str | Staged, dict[ChartMode, Markup], Markup]:
    """Return the two CSVs (or write them into ``stage``), the page's deflated charts of ``modes`` and data block.

    What the second forked process renders, from the timeline as it is and the page's rows of it (`event_rows`,
    `placed_mention_rows`): the CSVs with the unplaced mentions' rows (only the CSV lists them all), the lane
    charts, and the page's data block (`report.data_block`: the views of every event and mention, the About
    filter, 20 MB of JSON deflated): self-contained parts, so that this process builds only the rest of the page.
    """
    if stage is None:
        events_csv, mentions_csv = _tables(timeline, events, placed)
    else:  # written piece after piece: neither the whole text nor its bytes in this process's memory
        events_csv = _kept(stage, "events.csv", events_csv_pieces(timeline, events))
        mentions_csv = _kept(stage, "mentions.csv", mentions_csv_pieces(timeline, placed=placed))
    return events_csv, mentions_csv, deflated_figures(timeline, modes), data_block(timeline, events, placed)


def _kept(stage: Path | None, name: str, text: str | Iterable[str]) -> str | Staged:
    """Return ``text`` (joined, if in pieces), or write it into ``stage`` as ``name`` and return `Staged`."""
    if stage is None:
        return text if isinstance(text, str) else "".join(text)
    write_synced(stage / name, text)
    return Staged()

"""Time the output stage of a build on a merged timeline: the report, the CSVs and timeline.json.

A rebuild of a stored story (`timeline build --store`) redoes these for the whole story however few
articles were added, so their cost is part of what an incremental build costs (issue #13). This reads a
``timeline.json`` (of the 2,452 TE-3 silver wires, say), renders every output ``timeline build`` writes
(`pipeline.render_outputs`) ``--rounds`` times, and prints each output's CPU seconds (process time, so the
load others put on the machine counts little; a forked child's included) and the wall seconds, of each
output and of the whole stage (in one process, and with ``jobs=2``), the median over the rounds.
``--profile`` prints cProfile's top functions of one more round; ``--out DIR`` writes the files, to
compare two versions byte for byte.

Usage: python -m bench.output_stage TIMELINE_JSON [--rounds 3] [--parts] [--profile] [--out DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import os
import pstats
import statistics
import time
from pathlib import Path

from timeline.artifacts import read_timeline
from timeline.models import Timeline
from timeline.pipeline import render_outputs
from timeline.render.exports import render_events_csv, render_mentions_csv, render_timeline_json
from timeline.render.outputs import render_output_files
from timeline.render.report import render_report

PARTS = {
    "timeline.html": render_report,
    "events.csv": render_events_csv,
    "mentions.csv": render_mentions_csv,
    "timeline.json": render_timeline_json,
}


def cpu_seconds() -> float:
    """CPU seconds of this process and of its children that ended (a forked renderer's too)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(function, *args, **options) -> tuple[float, float]:  # noqa: ANN001, ANN003
    """Return the CPU seconds and the wall seconds of a call."""
    cpu, wall = cpu_seconds(), time.perf_counter()
    function(*args, **options)
    return cpu_seconds() - cpu, time.perf_counter() - wall


def measure(timeline: Timeline, rounds: int, whole: bool = True) -> dict[str, tuple[float, float]]:
    """Return the median (CPU, wall) seconds of each output alone and of the whole stage (`render_outputs`).

    The whole stage with ``jobs=2`` (where `render_outputs` takes ``jobs``), and with ``whole`` in one process.
    """
    wholes: dict[str, dict[str, int]] = {}
    if "jobs" in inspect.signature(render_output_files).parameters:
        wholes["all outputs, jobs=2"] = {"jobs": 2}
    if whole:
        wholes["all outputs"] = {}
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in [*PARTS, *wholes]}
    for _ in range(rounds):
        for name, function in PARTS.items():
            times[name].append(timed(function, timeline))
        for name, options in wholes.items():
            times[name].append(timed(render_outputs, timeline, Path("out"), **options))
    return {
        name: (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
        for name, values in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timeline", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--parts", action="store_true", help="not the whole stage in one process (the parts' sum)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    timeline = read_timeline(args.timeline)
    print(f"{len(timeline.events)} events, {len(timeline.articles)} articles, {len(timeline.conflicts)} conflicts")
    small = timeline.model_copy(update={"events": timeline.events[:100], "conflicts": ()})
    render_outputs(small, Path("out"))  # warm: templates, plotly's validators
    for name, (cpu, wall) in measure(timeline, args.rounds, whole=not args.parts).items():
        print(f"{name:>20}: {cpu:6.2f} s CPU, {wall:6.2f} s wall")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(render_outputs, timeline, Path("out"))
        pstats.Stats(profile).sort_stats("cumulative").print_stats(45)
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for path, content in render_outputs(timeline, args.out).items():
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)


if __name__ == "__main__":
    main()

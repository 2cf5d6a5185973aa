"""Time the report's four charts and the rows on a merged timeline, CPU seconds, `merge.salience` apart.

The report draws a chart per lane layout (`report.figure_data` of "key", "source", "actor", "kind") and
builds the event and mention rows (`rows.event_rows`, `rows.mention_rows`); on a rebuilt big story they
are redone for the whole story (issue #13). This prints each one's process time on a ``timeline.json``
(of the 2,452 TE-3 silver wires, say), and how much of the key chart's time `salience.key_slots` took
(another part of the code). To compare two checkouts in one run of a loaded machine, run it on each in
turn: ``PYTHONPATH=CHECKOUT python bench/figures_cpu.py TIMELINE_JSON`` (the script of this checkout, the
code of CHECKOUT).

Usage: python -m bench.figures_cpu TIMELINE_JSON
"""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path
from typing import Any

import timeline.render.keyview as keyview
from timeline.artifacts import read_timeline
from timeline.render import rows
from timeline.render.lanes import CHART_MODES
from timeline.render.report import figure_data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("timeline", type=Path)
    story = read_timeline(parser.parse_args().timeline)
    slots = [0.0]
    key_slots = keyview.key_slots

    def timed_slots(*args: Any, **kwargs: Any) -> Any:
        found = key_slots(*args, **kwargs)  # a generator: each slot is ranked when the chart asks for it
        while True:
            start = time.process_time()
            try:
                slot = next(found)
            except StopIteration:
                return
            finally:
                slots[0] += time.process_time() - start
            yield slot

    keyview.key_slots = timed_slots
    gc.disable()  # as the output stage runs (collector.gc_paused)
    parts = []
    start = time.process_time()
    for mode in CHART_MODES:
        begin = time.process_time()
        figure_data(story, mode)
        parts.append(f"{mode} {time.process_time() - begin:.2f}")
    charts = time.process_time() - start
    begin = time.process_time()
    rows.event_rows(story)
    events = time.process_time() - begin
    begin = time.process_time()
    rows.mention_rows(story)
    mentions = time.process_time() - begin
    print(
        f"charts {charts:.2f} s CPU ({', '.join(parts)}), of which salience.key_slots {slots[0]:.2f} s; "
        f"event_rows {events:.2f} s; mention_rows {mentions:.2f} s"
    )


if __name__ == "__main__":
    main()

"""CPU time of the merge alone on a stored extractions file (decoded once, before the clock starts).

Times `timeline.merge.merge` inside the GC pause, then the whole `pipeline.merge_extractions` (its end lets
the garbage collector run again). Compare two checkouts side by side in one run, alternating:
``for w in BEFORE AFTER BEFORE AFTER; do PYTHONPATH=$w python -m bench.merge_cpu FILE; done``.

Usage: python -m bench.merge_cpu EXTRACTIONS_JSONL [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

import timeline
import timeline.pipeline as pipeline
from timeline.artifacts import read_extractions
from timeline.collector import gc_paused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extractions", type=Path)
    parser.add_argument("--profile", action="store_true", help="print the merge's 40 costliest functions")
    args = parser.parse_args()
    with gc_paused():
        extractions, issues = read_extractions(args.extractions)
    merge, spent = pipeline.merge, {}

    def timed(*positional, **named):  # noqa: ANN002, ANN003, ANN202
        start = time.process_time()
        found = merge(*positional, **named)
        spent["merge"] = time.process_time() - start
        return found

    pipeline.merge = timed
    profile = cProfile.Profile() if args.profile else None
    start = time.process_time()
    if profile:
        profile.enable()
    pipeline.merge_extractions(extractions, issues)
    if profile:
        profile.disable()
    total = time.process_time() - start
    print(f"{Path(timeline.__file__).parents[1]}: merge {spent['merge']:.2f} s CPU, merge_extractions {total:.2f} s")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()

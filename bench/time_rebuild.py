"""Time the read, extract, decode and merge half of an incremental rebuild, for two checkouts side by side.

`timeline.pipeline.build` (ingest, look the articles up in the store, extract the new ones, decode the
stored extractions, merge; not the report or the files) on a fresh copy of STORE each time, the checkouts
alternated (A B B A ...), since a shared machine's load varies. CPU is the process' own and its workers'
(`RUSAGE_CHILDREN`): on a loaded machine it is the steadier figure.

Example (issue #13's +10 rebuild): a store of the first 2,442 TE-3 silver wires (`timeline build --store`),
and the 10 next as a second file:

    python -m bench.time_rebuild base.db silver.jsonl extra.jsonl --repos /tmp/main,. --rounds 2

The input files must be those the store was built from, at the same paths (an article's path is part of
its hash).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

RUN = """
import resource, shutil, sys, time
from pathlib import Path
from timeline import pipeline
from timeline.config import Settings

def cpu(who):
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime

def main():
    store, copy, inputs = Path(sys.argv[1]), Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]]
    shutil.copy(store, copy)
    wall, own = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    result = pipeline.build(inputs, store=copy, settings=Settings(workers=2))
    wall, own = time.perf_counter() - wall, cpu(resource.RUSAGE_SELF) - own
    print(f"{wall:.1f} {own:.1f} {cpu(resource.RUSAGE_CHILDREN):.1f} {len(result.timeline.events)}")

if __name__ == "__main__":  # the extraction worker is spawned: it imports this module again
    main()
"""


def run_once(repo: Path, store: Path, inputs: list[Path], work: Path) -> tuple[float, float, float, int]:
    copy = work / f"rebuild-{os.getpid()}.db"
    script = work / "time_rebuild_run.py"
    script.write_text(RUN, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(store), str(copy), *map(str, inputs)],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo)},
        capture_output=True,
        text=True,
    )
    for leftover in work.glob(f"{copy.name}*"):
        leftover.unlink()
    if done.returncode:
        raise SystemExit(f"build failed in {repo}: {done.stderr[-2000:]}")
    wall, own, workers, events = done.stdout.split()
    return float(wall), float(own), float(workers), int(events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("inputs", type=Path, nargs="+")
    parser.add_argument("--repos", default=".", help="checkouts to compare, comma-separated")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp"))
    args = parser.parse_args()
    repos = [Path(repo).resolve() for repo in args.repos.split(",")]
    order = [repo for round_ in range(args.rounds) for repo in (repos if round_ % 2 == 0 else repos[::-1])]
    print("| checkout | wall | CPU, this process | CPU, its workers | events |")
    print("|---|---:|---:|---:|---:|")
    for repo in order:
        wall, own, workers, events = run_once(
            repo, args.store.absolute(), [path.absolute() for path in args.inputs], args.work
        )
        print(f"| {repo} | {wall:.1f} s | {own:.1f} s | {workers:.1f} s | {events:,} |", flush=True)


if __name__ == "__main__":
    main()

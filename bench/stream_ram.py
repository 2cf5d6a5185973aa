"""Peak RAM of `timeline extract`'s main process by corpus size, the workers' extraction replayed (issue #13).

Extracting 10,000 articles takes 10 to 60 minutes of two cores; what the main process holds does not
depend on what the workers compute, only on what they send back. So each size runs the real command
(ingest, feeding the shards, collecting and writing `extractions.jsonl`) in a child process whose
`extract_packed` hands back, for each article of each shard it reads, a real packed extraction taken in
turn from EXTRACTIONS (an `extractions.jsonl` written by `timeline extract`), and reports its peak RSS.

Usage: python -m bench.stream_ram EXTRACTIONS.jsonl [--sizes 1000,10000,20000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.bench_throughput import write_repeated

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import resource, sys, zlib
import timeline.pipeline as pipeline
from cli.app import main
lines = [zlib.compress((line + "\\n").encode(), 6)
         for line in open(sys.argv[1], encoding="utf-8").read().splitlines() if line.startswith('{"extraction"')]
def replay(articles, *, settings=None, on_packed):
    for start in range(0, len(articles), 32):
        for index, _ in enumerate(list(articles[start : start + 32])):
            on_packed(lines[(start + index) % len(lines)])
pipeline.extract_packed = replay
sys.argv = ["timeline", "extract", sys.argv[2], "--out", sys.argv[3], "-q", "--jobs", "2"]
try:
    main()
except SystemExit:
    pass
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extractions", type=Path)
    parser.add_argument("--sizes", default="1000,10000,20000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stream-ram-") as tmp:
        for size in (int(size) for size in args.sizes.split(",") if size):
            folder = Path(tmp) / f"in-{size}"
            folder.mkdir()
            write_repeated(folder, size)
            command = [sys.executable, "-c", CHILD, str(args.extractions), str(folder), str(Path(tmp) / "x.jsonl")]
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
            print(f"{size:,} articles: main process peak {float(done.stdout.split()[-1]):.0f} MiB", flush=True)


if __name__ == "__main__":
    main()

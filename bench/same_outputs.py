"""Check that a speed change changes no output byte: write the stage files of a fixed set of inputs, compare.

Writes into OUT: `timeline extract` of the first N TE-3 silver wires in one process and with 2 workers,
`timeline merge` of that, and `timeline build` of each sample story (its timeline.json and the extraction
of its articles). Run it on the code before a change (``OUT=before``) and after (``OUT=after --against
before``): every file must be byte-identical (the two extractions of one run are compared too).

Usage: python -m bench.same_outputs OUT [--count 300] [--against DIR]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.silver_jsonl import silver_paths, write_silver_jsonl

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def timeline(*args: str) -> None:
    command = [sys.executable, "-c", "from cli.app import main; main()", *args]
    done = subprocess.run(command, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True)
    if done.returncode not in (0, 3):  # 3: warnings only
        raise SystemExit(f"timeline {' '.join(args)} failed: {done.stderr.decode()[-2000:]}")


def write_outputs(out: Path, count: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    if silver_paths():
        silver = out / "silver"
        silver.mkdir(exist_ok=True)
        write_silver_jsonl(silver / "silver.jsonl", count)
        timeline("extract", str(silver), "-o", str(out / "silver-1.jsonl"), "-q", "--jobs", "1")
        timeline("extract", str(silver), "-o", str(out / "silver-2.jsonl"), "-q", "--jobs", "2")
        timeline("merge", str(out / "silver-2.jsonl"), "-o", str(out / "silver-timeline.json"), "-q")
    for story in sorted(path for path in SAMPLES.iterdir() if path.is_dir()):
        timeline("extract", str(story), "-o", str(out / f"{story.name}.jsonl"), "-q", "--jobs", "1")
        timeline("build", str(story), "--out", str(out / story.name), "-q", "--jobs", "1")


def compared(out: Path, against: Path | None) -> list[str]:
    """Return the differences: between the two silver extractions, and every file against ``against``."""
    problems = []
    one, two = out / "silver-1.jsonl", out / "silver-2.jsonl"
    if one.exists() and not filecmp.cmp(one, two, shallow=False):
        problems.append("silver-1.jsonl (one process) != silver-2.jsonl (2 workers)")
    if against is not None:
        problems += tree_differences(against, out, lambda name: name.parent.name != "silver")
    return problems


def tree_differences(against: Path, out: Path, wanted: Callable[[Path], bool]) -> list[str]:
    """Return a line for each file under ``against`` (names ``wanted`` keeps) missing or different in ``out``."""
    problems = []
    for name in sorted(p.relative_to(against) for p in against.rglob("*") if p.is_file()):
        if not wanted(name):
            continue
        if not (out / name).exists():
            problems.append(f"{name}: missing")
        elif not filecmp.cmp(against / name, out / name, shallow=False):
            problems.append(f"{name}: differs")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args()
    write_outputs(args.out, args.count)
    problems = compared(args.out, args.against)
    for problem in problems:
        print(problem)
    print("identical" if not problems else f"{len(problems)} differences")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()

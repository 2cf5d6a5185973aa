"""Check that a change to the store's reading, decoding or merging changes no output byte of a build.

For each input set (every sample story, and the first N TE-3 silver wires), runs `timeline build --store`
on a new store, then again: a sample story as it is (read from the store alone), the silver wires with
the next 10 added (the incremental rebuild issue #13 times); both output folders are kept. Run it on the
code before a change (``OUT=before``) and after (``OUT=after --against before``): every output file must
be byte-identical. ``--fresh`` also builds the N + 10 articles without a store and checks that the
rebuild wrote the same files.

The input files are written once into ``--inputs`` (shared by both runs: an article's path is part of
its output). ``--repo`` runs another checkout's code (``git worktree add --detach /tmp/main main``).

Usage: python -m bench.same_rebuilds OUT [--count 300] [--against DIR] [--fresh] [--repo DIR] [--inputs DIR]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bench.same_outputs import tree_differences
from bench.silver_jsonl import silver_paths, write_silver_jsonl

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
OUTPUTS = ("timeline.html", "events.csv", "mentions.csv", "timeline.json", "extractions.jsonl")


def timeline(repo: Path, *args: str) -> None:
    command = [sys.executable, "-c", "from cli.app import main; main()", *args]
    done = subprocess.run(command, cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)}, capture_output=True)
    if done.returncode not in (0, 3):  # 3: warnings only
        raise SystemExit(f"timeline {' '.join(args)} failed: {done.stderr.decode()[-2000:]}")


def write_inputs(inputs: Path, count: int) -> list[tuple[str, list[Path], list[Path]]]:
    """Write the input sets once; return (name, first inputs, added inputs) for each."""
    sets = []
    for story in sorted(path for path in SAMPLES.iterdir() if path.is_dir()):
        copy = inputs / story.name
        if not copy.exists():
            shutil.copytree(story, copy)
        sets.append((story.name, [copy], []))  # built again from the store alone
    if silver_paths():
        first, added = inputs / "silver.jsonl", inputs / "silver-added.jsonl"
        if not first.exists():
            inputs.mkdir(parents=True, exist_ok=True)
            write_silver_jsonl(first, count)
            write_silver_jsonl(added, 10, skip=count)
        sets.append(("silver", [first], [added]))
    return sets


def write_outputs(out: Path, inputs: Path, count: int, repo: Path, fresh: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, first, added in write_inputs(inputs, count):
        store = out / f"{name}.db"
        store.unlink(missing_ok=True)
        base = ["-q", "--jobs", "2", "--force"]
        timeline(repo, "build", *map(str, first), "--out", str(out / name / "first"), "--store", str(store), *base)
        both = [*map(str, first), *map(str, added)]
        timeline(repo, "build", *both, "--out", str(out / name / "rebuilt"), "--store", str(store), *base)
        if fresh:
            timeline(repo, "build", *both, "--out", str(out / name / "fresh"), *base)


def compared(out: Path, against: Path | None) -> list[str]:
    """Return the differences: each rebuild against its fresh build, and every file against ``against``."""
    problems = []
    for fresh in sorted(out.glob("*/fresh")):
        for name in OUTPUTS:
            if not filecmp.cmp(fresh / name, fresh.parent / "rebuilt" / name, shallow=False):
                problems.append(f"{fresh.parent.name}: rebuilt/{name} != fresh/{name}")
    if against is not None:
        problems += tree_differences(
            against,
            out,
            lambda name: len(name.parts) > 1 and name.parts[1] != "fresh" and not name.name.endswith(".lock"),
        )
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--against", type=Path)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--inputs", type=Path, default=Path("/tmp/same-rebuilds-inputs"))
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args()
    write_outputs(args.out, args.inputs, args.count, args.repo.resolve(), args.fresh)
    problems = compared(args.out, args.against)
    for problem in problems:
        print(problem)
    print("identical" if not problems else f"{len(problems)} differences")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()

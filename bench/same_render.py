"""Check that a change to the output stage changes no output byte: render build folders again, compare.

Each BUILD folder was written by ``timeline build --embed`` on the code before the change (the seeds, 300
TE-3 silver wires, ...). This renders its ``timeline.json`` again with the code here, in one process and
with ``jobs=2`` (the JSON and the CSVs in a forked process), and compares the report, the embed, the CSVs
and the JSON with the folder's, byte for byte; and its ``extractions.jsonl`` read and written again
(`bench/same_outputs.py` checks the extract and merge stages).

Usage: python -m bench.same_render BUILD [BUILD ...]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline.artifacts import read_extractions, read_timeline, render_extractions_jsonl
from timeline.render.outputs import render_output_files


def differences(folder: Path) -> list[str]:
    """Return the files of ``folder`` that rendering its timeline.json again does not give byte for byte."""
    timeline = read_timeline(folder / "timeline.json")
    problems = []
    extractions = folder / "extractions.jsonl"
    if extractions.exists() and render_extractions_jsonl(*read_extractions(extractions)) != extractions.read_text(
        encoding="utf-8"
    ):
        problems.append(f"{extractions} differs")
    for jobs in (1, 2):
        files = render_output_files(timeline, folder, embed=(folder / "embed.html").exists(), jobs=jobs)
        for path, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            if data != path.read_bytes():
                problems.append(f"{path} (jobs={jobs}) differs")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", type=Path, nargs="+")
    args = parser.parse_args()
    problems = [problem for folder in args.builds for problem in differences(folder)]
    print("\n".join(problems) if problems else f"identical: {', '.join(str(b) for b in args.builds)}")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()

"""Scale (issue #13): how a build grows with the corpus, and what a corpus store saves on a running story.

On TE-3 silver news (`bench/silver_jsonl.py`: the first N wires in name order as one JSON Lines file):

- the growth table: for N in 100, 300, 1,000 and 2,452 articles, `timeline build` (default settings, 2
  workers) run as a command: wall time, CPU (user + sys of every process) per article, peak RAM (the
  sum of the resident sets of the command and its workers, sampled every 0.1 s, and the main process
  alone), and the sizes of timeline.html, timeline.json and extractions.jsonl against the input text;
- `timeline extract` alone at 1,000 and 2,452 articles: peak RAM;
- the incremental rebuild: the 2,452-article build writes a store (`--store`), then 10 more articles
  (wires 2,453.. do not exist: the first 10 are added again under new ids and a day later) are added
  and the story built again; its time as a ratio of the full build (bar: <= 10 %).

Writes the ``bench-scale`` section of bench/RESULTS.md. Usage: python -m bench.bench_scale [--sizes 100,300]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from bench.results import replace_section
from bench.silver_jsonl import silver_paths, write_silver_jsonl

REPO = Path(__file__).resolve().parents[1]
SIZES = (100, 300, 1000, 2452)
EXTRACT_SIZES = (1000, 2452)
ADDED = 10


def log(message: str) -> None:
    print(f"[bench-scale] {message}", file=sys.stderr, flush=True)


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if parent == pid:
                found.append(int(entry))
    return found


def run_timed(args: list[str]) -> dict[str, float]:
    """Run the CLI with ``args``; return wall and CPU seconds and peak RAM (MiB: whole tree, main process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-c", "from cli.app import main; main()", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = {"tree": 0, "main": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            main = _rss_kib(process.pid)
            tree = main + sum(_rss_kib(child) for child in _children(process.pid))
            peak["tree"], peak["main"] = max(peak["tree"], tree), max(peak["main"], main)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode not in (0, 3):  # 3: issues of severity warning only
        raise SystemExit(f"timeline {' '.join(args)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "ram": peak["tree"] / 1024, "ram_main": peak["main"] / 1024}


def text_chars(path: Path) -> int:
    return sum(len(json.loads(line)["text"]) for line in path.read_text(encoding="utf-8").splitlines())


def write_added(out: Path, count: int) -> None:
    """Write ``count`` more articles: the first silver wires again, new ids, published a day later."""
    first = out.with_name("first.jsonl")
    write_silver_jsonl(first, count)
    lines = []
    for line in first.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record["id"] = "added-" + record["id"]
        record["published"] = (date.fromisoformat(record["published"]) + timedelta(days=1)).isoformat()
        lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    out.write_text("".join(lines), encoding="utf-8")
    first.unlink()


def mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--extract-sizes", default=",".join(map(str, EXTRACT_SIZES)))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print the section, leave RESULTS.md alone")
    args = parser.parse_args()
    if not silver_paths():
        raise SystemExit("TE-3 silver not found in ../shared/data/tempeval3/silver")
    sizes = [min(int(n), len(silver_paths())) for n in args.sizes.split(",") if n]
    extract_sizes = [min(int(n), len(silver_paths())) for n in args.extract_sizes.split(",") if n]
    jobs = ["--jobs", str(args.jobs)]
    rows, extract_rows = [], []
    incremental = None
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        work = Path(tmp)
        for n in sizes:
            story = work / f"story-{n}"
            story.mkdir()
            write_silver_jsonl(story / "silver.jsonl", n)
            chars, in_bytes = text_chars(story / "silver.jsonl"), (story / "silver.jsonl").stat().st_size
            out, db = work / f"out-{n}", work / f"story-{n}.db"
            last = n == max(sizes)
            log(f"build {n} articles{' with a store' if last else ''}")
            built = run_timed(
                ["build", str(story), "--out", str(out), "-q", *jobs, *(["--store", str(db)] if last else [])]
            )
            rows.append(
                (
                    n,
                    chars,
                    in_bytes,
                    built,
                    {name: mb(out / name) for name in ("timeline.html", "timeline.json", "extractions.jsonl")},
                )
            )
            log(f"  {built['wall']:.1f} s, {built['cpu']:.1f} s CPU, {built['ram']:.0f} MiB")
            if last:
                write_added(story / "added.jsonl", ADDED)
                log(f"add {ADDED} articles and build again with the store")
                again = run_timed(["build", str(story), "--out", str(out), "-q", *jobs, "--store", str(db)])
                incremental = (n, built, again)
                log(f"  {again['wall']:.1f} s ({again['wall'] / built['wall']:.1%} of the full build)")
                (story / "added.jsonl").unlink()
        for n in extract_sizes:
            story = work / f"story-{n}"
            if not story.exists():
                story.mkdir()
                write_silver_jsonl(story / "silver.jsonl", n)
            log(f"extract {n} articles")
            measured = run_timed(["extract", str(story), "--out", str(work / f"x-{n}.jsonl"), "-q", *jobs])
            extract_rows.append((n, measured))
            log(f"  {measured['wall']:.1f} s, {measured['ram']:.0f} MiB")
    section = render(rows, extract_rows, incremental, args.jobs)
    print(section)
    if not args.no_write:
        replace_section("bench-scale", section)


def render(rows, extract_rows, incremental, jobs: int) -> str:  # noqa: ANN001
    lines = [
        "## bench-scale: growth, memory, output sizes, incremental builds (issue #13)",
        "",
        f"`make bench-scale` (`python -m bench.bench_scale`): TE-3 silver wires, the first N in name order as one "
        f"JSON Lines file; `timeline build --jobs {jobs}` as a command on a shared 2-core machine. RAM is the peak "
        "sum of the resident sets of the command and its workers (the main process alone in brackets), sampled "
        "every 0.1 s. Sizes are against the articles' text (x = times the text's characters).",
        "",
        "| articles | text | wall | CPU (user+sys) | CPU / article | peak RAM | timeline.html | timeline.json "
        "| extractions.jsonl |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, chars, _, built, sizes in rows:
        lines.append(
            f"| {n:,} | {chars / 1e6:.2f} MB | {built['wall']:.1f} s | {built['cpu']:.1f} s | "
            f"{built['cpu'] / n:.3f} s | {built['ram']:,.0f} MiB ({built['ram_main']:,.0f}) | "
            f"{sizes['timeline.html']:.1f} MB | {sizes['timeline.json']:.2f} MB "
            f"({sizes['timeline.json'] * 1e6 / chars:.1f}x) | {sizes['extractions.jsonl']:.2f} MB "
            f"({sizes['extractions.jsonl'] * 1e6 / chars:.1f}x) |"
        )
    if extract_rows:
        lines += ["", "`timeline extract` alone:", "", "| articles | wall | CPU | peak RAM |", "|---:|---:|---:|---:|"]
        for n, measured in extract_rows:
            lines.append(
                f"| {n:,} | {measured['wall']:.1f} s | {measured['cpu']:.1f} s | "
                f"{measured['ram']:,.0f} MiB ({measured['ram_main']:,.0f}) |"
            )
    if incremental:
        n, full, again = incremental
        ratio = again["wall"] / full["wall"]
        lines += [
            "",
            f"Incremental rebuild: the {n:,}-article build above wrote a store (`--store story.db`); {ADDED} "
            f"articles added, the same command again: {again['wall']:.1f} s wall, {again['cpu']:.1f} s CPU, "
            f"{again['ram']:,.0f} MiB: **{ratio:.1%}** of the full build's {full['wall']:.1f} s "
            f"({again['cpu'] / full['cpu']:.1%} of its CPU); bar <= 10 %: {'PASS' if ratio <= 0.10 else 'FAIL'}.",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

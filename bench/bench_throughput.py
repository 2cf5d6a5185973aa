"""Extract throughput and memory (issue #13): `timeline extract --jobs 2` against spaCy alone, side by side.

On TE-3 silver news (`bench/silver_jsonl.py`), in one run:

- throughput: ``timeline extract --jobs J`` on the first N wires (start-up, reading and writing
  included), and beside it spaCy alone on the same article texts: the model package as installed, every
  default component, ``nlp.pipe(texts, n_process=J)``, start-up included. The machine is shared, so the
  two alternate, several rounds, and the ratio of the two speeds is the result as much as articles/s;
- memory: ``timeline extract --jobs J`` at 1,000 and 10,000 articles (the silver set repeated with new
  ids and dates a year later per round, as issue #13 describes): peak RAM of the command and its
  workers, and of the main process alone.

Writes the ``bench-throughput`` section of bench/RESULTS.md (beside bench-scale).
Usage: python -m bench.bench_throughput [--articles 1000] [--rounds 3] [--ram-sizes 1000,10000] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from bench.bench_scale import run_timed, text_chars
from bench.results import replace_section
from bench.silver_jsonl import silver_paths, write_silver_jsonl

REPO = Path(__file__).resolve().parents[1]
BAR = 25.0
"""Articles per second on 2 cores that issue #13 asks of `timeline extract`."""


def log(message: str) -> None:
    print(f"[bench-throughput] {message}", file=sys.stderr, flush=True)


def spacy_alone(path: Path, jobs: int) -> None:
    """Parse every article's text with the installed small English model, all its default components."""
    import spacy

    from timeline.extract.nlp import MODEL_PACKAGES

    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise SystemExit("no English spaCy model installed")
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    for _ in nlp.pipe(texts, n_process=jobs):
        pass


def run_spacy_alone(path: Path, jobs: int) -> dict[str, float]:
    """Time `spacy_alone` as a command (start-up included), as `run_timed` times ours."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = f"import bench.bench_throughput as b, pathlib; b.spacy_alone(pathlib.Path({str(path)!r}), {jobs})"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def write_repeated(folder: Path, count: int) -> None:
    """Write ``count`` articles into ``folder``: the silver set, then again and again with new ids, each
    round a year later, one JSON Lines file per round (ingest reads files of at most 5 MB)."""
    first = folder / "all-silver.jsonl"
    write_silver_jsonl(first, len(silver_paths()))
    records = [json.loads(line) for line in first.read_text(encoding="utf-8").splitlines()]
    first.unlink()
    rounds: dict[int, list[str]] = {}
    for index in range(count):
        record = dict(records[index % len(records)])
        round_ = index // len(records)
        if round_:
            record["id"] = f"r{round_}-{record['id']}"
            if record["published"]:
                published = date.fromisoformat(record["published"])
                day = min(published.day, 28) if published.month == 2 else published.day  # no 29 February
                record["published"] = published.replace(year=published.year + round_, day=day).isoformat()
        rounds.setdefault(round_, []).append(json.dumps(record, ensure_ascii=False) + "\n")
    for round_, lines in rounds.items():
        (folder / f"articles-{round_}.jsonl").write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ram-sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print the section, leave RESULTS.md alone")
    args = parser.parse_args()
    if not silver_paths():
        raise SystemExit("TE-3 silver not found in ../shared/data/tempeval3/silver")
    jobs = ["--jobs", str(args.jobs)]
    rounds, ram_rows = [], []
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        work = Path(tmp)
        story = work / "story"
        story.mkdir()
        n = min(args.articles, len(silver_paths()))
        write_silver_jsonl(story / "silver.jsonl", n)
        chars = text_chars(story / "silver.jsonl")
        for round_ in range(1, args.rounds + 1):
            log(f"round {round_}: spaCy alone, {n} articles")
            alone = run_spacy_alone(story / "silver.jsonl", args.jobs)
            log(f"  {n / alone['wall']:.1f} articles/s, {alone['cpu']:.1f} s CPU; timeline extract")
            ours = run_timed(["extract", str(story), "--out", str(work / "x.jsonl"), "-q", *jobs])
            ratio = alone["wall"] / ours["wall"]
            log(f"  {n / ours['wall']:.1f} articles/s, {ours['cpu']:.1f} s CPU ({ratio:.2f} of spaCy alone)")
            rounds.append((alone, ours))
        sizes = [int(size) for size in args.ram_sizes.split(",") if size]
        for size in sizes:
            folder = work / f"ram-{size}"
            folder.mkdir()
            write_repeated(folder, size)
            log(f"memory: extract {size} articles")
            measured = run_timed(["extract", str(folder), "--out", str(work / f"ram-{size}.jsonl"), "-q", *jobs])
            out_bytes = (work / f"ram-{size}.jsonl").stat().st_size
            size_chars = sum(text_chars(path) for path in folder.glob("*.jsonl"))
            ram_rows.append((size, measured, out_bytes, size_chars))
            log(f"  {measured['wall']:.1f} s, {measured['ram']:.0f} MiB ({measured['ram_main']:.0f} main)")
    section = render(n, chars, rounds, ram_rows, args.jobs)
    print(section)
    if not args.no_write:
        replace_section("bench-throughput", section)


def render(n: int, chars: int, rounds, ram_rows, jobs: int) -> str:  # noqa: ANN001
    ratios = [alone["wall"] / ours["wall"] for alone, ours in rounds]
    best = max((n / ours["wall"] for _, ours in rounds), default=0.0)
    lines = [
        "### bench-throughput: `timeline extract` against spaCy alone, and its memory (issue #13)",
        "",
        f"`make bench-throughput` (`python -m bench.bench_throughput`): the first {n:,} TE-3 silver wires "
        f"({chars / 1e6:.2f} MB of text) as one JSON Lines file; `timeline extract --jobs {jobs}` as a command "
        "(start-up, reading and writing `extractions.jsonl` included) and, alternating with it, spaCy alone on "
        f"the same texts (the small English model with every default component, `nlp.pipe(texts, n_process={jobs})`, "
        "its start-up included). The machine is shared with other work, so the ratio of the two speeds in "
        "each round is the steadier figure.",
        "",
        "| round | spaCy alone | its CPU | timeline extract | its CPU | ratio to spaCy alone |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for index, ((alone, ours), ratio) in enumerate(zip(rounds, ratios, strict=True), start=1):
        lines.append(
            f"| {index} | {n / alone['wall']:.1f} art/s ({alone['wall']:.1f} s) | {alone['cpu']:.1f} s | "
            f"{n / ours['wall']:.1f} art/s ({ours['wall']:.1f} s) | {ours['cpu']:.1f} s | {ratio:.2f} |"
        )
    if ratios:
        lines += [
            "",
            f"Median ratio **{statistics.median(ratios):.2f}** of spaCy alone; best round {best:.1f} articles/s "
            f"(bar {BAR:.0f} articles/s on 2 cores, {BAR / 31:.2f} of the 31 articles/s issue #13 gives spaCy alone).",
        ]
    if ram_rows:
        lines += [
            "",
            "Peak RAM of `timeline extract` (the command and its workers; the main process alone in brackets); "
            "sizes beyond the silver set repeat it with new ids and dates:",
            "",
            "| articles | wall | CPU | peak RAM | extractions.jsonl |",
            "|---:|---:|---:|---:|---:|",
        ]
        for size, measured, out_bytes, text in ram_rows:
            lines.append(
                f"| {size:,} | {measured['wall']:.1f} s | {measured['cpu']:.1f} s | {measured['ram']:,.0f} MiB "
                f"({measured['ram_main']:,.0f}) | {out_bytes / 1e6:.1f} MB ({out_bytes / text:.1f}x) |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

"""Extract throughput and memory (issue #13): `timeline extract --jobs 2` against spaCy alone, side by side.

On TE-3 silver news (`bench/silver_jsonl.py`), in one run:

- throughput, at each size (1,000 and all 2,452 wires by default): ``timeline extract --jobs J`` as a
  command (start-up, reading and writing included) and beside it spaCy alone on the same article texts:
  the model package as installed, every default component, ``nlp.pipe(texts, n_process=J)``. spaCy alone
  is timed twice in one run: as a command (start-up included, as ours) and its parsing only (the
  ``nlp.pipe`` loop, after the model is loaded: the model's limit that issue #13 quotes). The machine is
  shared, so the two alternate, several rounds, and the ratios are the result as much as articles/s;
- memory: ``timeline extract --jobs J`` at 1,000 and 10,000 articles (the silver set repeated with new
  ids and dates a year later per round, as issue #13 describes): peak RAM of the command and its
  workers, and of the main process alone.

Writes the ``bench-throughput`` section of bench/RESULTS.md (beside bench-scale).
Usage: python -m bench.bench_throughput [--sizes 1000,2452] [--rounds 2] [--ram-sizes 1000,10000] [--no-write]
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
    """Parse every article's text with the installed small English model, all its default components.

    Prints its own timings as JSON: ``load`` (importing spaCy and loading the model) and ``parse`` (the
    ``nlp.pipe`` loop alone, its worker processes' start included: spaCy forks them from the loaded model).
    """
    start = time.perf_counter()
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
    loaded = time.perf_counter()
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    read = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs):
        pass
    print(json.dumps({"load": loaded - start, "parse": time.perf_counter() - read}))


def run_spacy_alone(path: Path, jobs: int) -> dict[str, float]:
    """Time `spacy_alone` as a command (start-up included), as `run_timed` times ours; with its own timings."""
    import resource
    import subprocess

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = f"import bench.bench_throughput as b, pathlib; b.spacy_alone(pathlib.Path({str(path)!r}), {jobs})"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    inside = json.loads(done.stdout.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "load": inside["load"], "parse": inside["parse"]}


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
    parser.add_argument("--sizes", default="1000,2452", help="articles per throughput run (first N silver wires)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--ram-sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-write", action="store_true", help="print the section, leave RESULTS.md alone")
    args = parser.parse_args()
    if not silver_paths():
        raise SystemExit("TE-3 silver not found in ../shared/data/tempeval3/silver")
    jobs = ["--jobs", str(args.jobs)]
    ram_rows = []
    counts = sorted({min(int(size), len(silver_paths())) for size in args.sizes.split(",") if size})
    rounds: dict[int, list] = {n: [] for n in counts}
    chars: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="bench-throughput-") as tmp:
        work = Path(tmp)
        for n in counts:
            (work / f"story-{n}").mkdir()
            write_silver_jsonl(work / f"story-{n}" / "silver.jsonl", n)
            chars[n] = text_chars(work / f"story-{n}" / "silver.jsonl")
        for round_ in range(1, args.rounds + 1):
            for n in counts:
                story = work / f"story-{n}"
                log(f"round {round_}: spaCy alone, {n} articles")
                alone = run_spacy_alone(story / "silver.jsonl", args.jobs)
                log(f"  {n / alone['wall']:.1f} articles/s, parsing only {n / alone['parse']:.1f}; timeline extract")
                ours = run_timed(["extract", str(story), "--out", str(work / "x.jsonl"), "-q", *jobs])
                log(
                    f"  {n / ours['wall']:.1f} articles/s, {ours['cpu']:.1f} s CPU ({alone['wall'] / ours['wall']:.2f})"
                )
                rounds[n].append((alone, ours))
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
    section = render(chars, rounds, ram_rows, args.jobs)
    print(section)
    if not args.no_write:
        replace_section("bench-throughput", section)


def render(chars: dict[int, int], rounds: dict[int, list], ram_rows, jobs: int) -> str:  # noqa: ANN001
    lines = [
        "### bench-throughput: `timeline extract` against spaCy alone, and its memory (issue #13)",
        "",
        "`make bench-throughput` (`python -m bench.bench_throughput`): the first N TE-3 silver wires as one JSON "
        f"Lines file; `timeline extract --jobs {jobs}` as a command (start-up, reading and writing "
        "`extractions.jsonl` included) and, alternating with it, spaCy alone on the same texts (the small English "
        f"model with every default component, `nlp.pipe(texts, n_process={jobs})`), timed as a command (start-up "
        "included) and its parsing only (the `nlp.pipe` loop once the model is loaded: the model's limit, what "
        "issue #13's 31 articles/s can only be). The machine is shared with other work, so the ratios within "
        "each round are the steadier figures.",
        "",
        "| articles | round | spaCy alone, command | spaCy alone, parsing only | timeline extract | its CPU "
        "| extract / spaCy command | extract / spaCy parsing |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, measured in rounds.items():
        for index, (alone, ours) in enumerate(measured, start=1):
            lines.append(
                f"| {n:,} | {index} | {n / alone['wall']:.1f} art/s ({alone['wall']:.1f} s) | "
                f"{n / alone['parse']:.1f} art/s ({alone['parse']:.1f} s) | "
                f"{n / ours['wall']:.1f} art/s ({ours['wall']:.1f} s) | {ours['cpu']:.1f} s | "
                f"{alone['wall'] / ours['wall']:.2f} | {alone['parse'] / ours['wall']:.2f} |"
            )
    lines.append("")
    for n, measured in rounds.items():
        if not measured:
            continue
        command = statistics.median(alone["wall"] / ours["wall"] for alone, ours in measured)
        parsing = statistics.median(alone["parse"] / ours["wall"] for alone, ours in measured)
        best = max(n / ours["wall"] for _, ours in measured)
        limit = max(n / alone["parse"] for alone, _ in measured)
        lines.append(
            f"- {n:,} articles ({chars[n] / 1e6:.2f} MB of text): extract at best **{best:.1f} articles/s** "
            f"(bar {BAR:.0f}: {'PASS' if best >= BAR else 'FAIL'}); median ratio {command:.2f} of spaCy alone as a "
            f"command, **{parsing:.2f}** of its parsing only (bar: {BAR / 31:.2f}, 25 of the 31 articles/s "
            f"issue #13 gives spaCy alone; spaCy's parsing only reached {limit:.1f} articles/s here)."
        )
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

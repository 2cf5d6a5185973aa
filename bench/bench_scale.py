"""Scale (issue #13): how a build grows with the corpus, and what a corpus store saves on a running story.

On TE-3 silver news (`bench/silver_jsonl.py`: the first N wires in name order as one JSON Lines file):

- the growth table: for N in 100, 300, 1,000 and 2,452 articles, `timeline build` (default settings, 2
  workers) run as a command: wall time, CPU (user + sys of every process) per article, peak RAM (the
  sum of the resident sets of the command and its workers, sampled every 0.1 s, and the main process
  alone), and the sizes of timeline.html, timeline.json and extractions.jsonl against the input text;
- `timeline extract` alone at 1,000 and 2,452 articles: peak RAM;
- the incremental rebuild: the 2,452-article build writes a store (`--store`), then 10 more articles
  (wires 2,453.. do not exist: the first 10 are added again under new ids and a day later) are added
  and the story built again; its time as a ratio of the full build (bar: <= 10 %). With ``--rounds N``
  the pair (a full build from no store, then the +10 rebuild) is run N times, each rebuild right after
  its full build, so that a slow spell of a shared machine falls on both; the bar is read on the median
  of the N ratios, and every pair is reported.

Writes the ``bench-scale`` section of bench/RESULTS.md. Usage: python -m bench.bench_scale [--sizes 100,300]

``--dask`` (`make bench-dask`) measures the Dask engine instead and writes the ``bench-dask`` section:

- side by side on the same N silver articles (300), alternating A B B A so the machine's load falls on
  both alike: `timeline build --engine dask --jobs 2` (a 2-worker LocalCluster) against `--jobs 2`; the
  ratio of wall times, and every output file compared byte for byte;
- the costs the projection rests on, measured in this process with `DaskEngine` on a 2-worker
  LocalCluster: cluster start-up and spaCy load per worker, worker CPU per article (every worker's
  getrusage before and after), the client's CPU per article (this process: receiving, unpickling and
  handing on each extraction, and the local scheduler), bytes sent per article each way, per-shard
  overhead (worker time not spent computing);
- a projection of 1,000,000 articles on 50 one-thread workers: start-up + the larger of the workers'
  share of the CPU and the client's serial cost (the merge and the report are not part of it).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
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
DASK_ARTICLES = 300
PROJECTED_ARTICLES = 1_000_000
PROJECTED_WORKERS = 50


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
    parser.add_argument("--dask", action="store_true", help="the Dask engine against --jobs 2 (section bench-dask)")
    parser.add_argument("--dask-articles", type=int, default=DASK_ARTICLES)
    parser.add_argument(
        "--rounds", type=int, default=1, help="full build + rebuild pairs of the largest size (median ratio)"
    )
    args = parser.parse_args()
    if not silver_paths():
        raise SystemExit("TE-3 silver not found in ../shared/data/tempeval3/silver")
    if args.dask:
        section = bench_dask(min(args.dask_articles, len(silver_paths())))
        print(section)
        if not args.no_write:
            replace_section("bench-dask", section)
        return
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
                incremental = (n, [])
                for round_number in range(1, max(args.rounds, 1) + 1):
                    if round_number > 1:  # a full build again, from no store, right before its rebuild
                        db.unlink()
                        log(f"round {round_number}: build {n} articles with a store")
                        built = run_timed(["build", str(story), "--out", str(out), "-q", *jobs, "--store", str(db)])
                        log(f"  {built['wall']:.1f} s, {built['cpu']:.1f} s CPU, {built['ram']:.0f} MiB")
                    write_added(story / "added.jsonl", ADDED)
                    log(f"add {ADDED} articles and build again with the store")
                    again = run_timed(["build", str(story), "--out", str(out), "-q", *jobs, "--store", str(db)])
                    incremental[1].append((built, again))
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
        n, pairs = incremental
        lines += [
            "",
            f"Incremental rebuild: the {n:,}-article build above wrote a store (`--store story.db`); {ADDED} "
            "articles added, the same command again:",
        ]
        for round_number, (full, again) in enumerate(pairs, 1):
            lines.append(
                f"- {'round ' + str(round_number) + ': ' if len(pairs) > 1 else ''}{again['wall']:.1f} s wall, "
                f"{again['cpu']:.1f} s CPU, {again['ram']:,.0f} MiB: **{again['wall'] / full['wall']:.1%}** of "
                f"the full build's {full['wall']:.1f} s ({again['cpu'] / full['cpu']:.1%} of its CPU)"
            )
        ratio = statistics.median(again["wall"] / full["wall"] for full, again in pairs)
        lines += [
            "",
            f"{'Median of the ' + str(len(pairs)) + ' ratios' if len(pairs) > 1 else 'Ratio'}: **{ratio:.1%}**; "
            f"bar <= 10 %: {'PASS' if ratio <= 0.10 else 'FAIL'}.",
        ]
    return "\n".join(lines) + "\n"


# -- the Dask engine (--dask) -----------------------------------------------------------------------


def _process_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _load_model() -> float:
    """On a worker: load spaCy (once per process), return the seconds it took."""
    from timeline.extract.nlp import load_nlp

    start = time.perf_counter()
    load_nlp()
    return time.perf_counter() - start


def dask_costs(story: Path, workers: int = 2, empty_shards: int = 100) -> dict[str, float]:
    """Measure, in this process, what the projection needs (see the module docstring).

    CPU, not wall time, wherever the machine's load would distort it: every worker's getrusage before
    and after, and this process's (the client, and the LocalCluster's scheduler, which runs here).
    """
    import logging

    import dask
    import distributed

    from timeline.config import Settings
    from timeline.dask_engine import SHARD_ARTICLES, DaskEngine, extract_shard
    from timeline.ingest import read_articles
    from timeline.store import code_digest

    articles = read_articles([story]).articles
    settings = Settings()
    start = time.perf_counter()
    with dask.config.set({"distributed.worker.profile.enabled": False}):  # as DaskEngine starts a local cluster
        cluster = distributed.LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
    try:
        with DaskEngine(cluster.scheduler_address) as engine:
            client = engine.client
            client.wait_for_workers(workers)
            started = time.perf_counter() - start
            model = max(client.run(_load_model).values())

            def measured(run) -> tuple[float, float, float, float]:  # noqa: ANN001
                """Return (this process's CPU, this thread's CPU, the workers' CPU, wall) of ``run()``."""
                before, mine, thread = client.run(_process_cpu), _process_cpu(), time.thread_time()
                wall = time.perf_counter()
                run()
                mine, thread, wall = _process_cpu() - mine, time.thread_time() - thread, time.perf_counter() - wall
                after = client.run(_process_cpu)
                return mine, thread, sum(after[name] - before[name] for name in after), wall

            idle, _, idle_workers, idle_wall = measured(lambda: time.sleep(5))
            idle_rate = idle / idle_wall  # the client's and scheduler's own ticking, per second
            worker_idle = idle_workers / idle_wall / workers

            def empty() -> None:
                code = code_digest()
                futures = [
                    client.submit(extract_shard, [], settings, code, key=f"empty-{i}") for i in range(empty_shards)
                ]
                client.gather(futures)

            shard_client, _, shard_workers, shard_wall = measured(empty)
            sizes: list[int] = []

            def store_way() -> None:  # what `--store` does: each packed extraction kept as it comes
                engine(
                    articles, settings=settings, on_packed=lambda _, packed: sizes.append(len(packed)), collect=False
                )

            _, packed_client, worker_cpu, wall = measured(store_way)
            subset = articles[: 2 * SHARD_ARTICLES]  # the decoding's cost per article needs no more
            _, decoded_client, _, _ = measured(
                lambda: engine(subset, settings=settings, on_article=lambda _: None, collect=False)
            )
    finally:
        cluster.close()
    n = len(articles)
    shards = -(-n // SHARD_ARTICLES)
    shard_client -= idle_rate * shard_wall
    shard_workers -= worker_idle * workers * shard_wall
    worker_cpu -= worker_idle * workers * wall  # the workers' own ticking, measured idle, is not the articles'
    return {
        "articles": n,
        "shards": shards,
        "shard_articles": SHARD_ARTICLES,
        "workers": workers,
        "start": started,
        "model": model,
        "idle_rate": idle_rate,
        "worker_idle_rate": worker_idle,
        "shard_client": shard_client / empty_shards,
        "shard_workers": shard_workers / empty_shards,
        "worker_cpu_article": (worker_cpu - shards * shard_workers / empty_shards) / n,
        # the main thread's CPU: receiving each shard's result, checking it, handing it on (the scheduler's and
        # the client's event loop run in another thread: their share is the empty shards' round trips)
        "packed_client_article": packed_client / n,
        "decoded_client_article": decoded_client / len(subset),
        "sent_article": sum(len(pickle.dumps(article)) for article in articles) / n,
        "back_article": sum(sizes) / n,
    }


def bench_dask(n: int) -> str:
    """Run the side-by-side builds and the cost measurement; return the bench-dask section."""
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        work = Path(tmp)
        story = work / "story"
        story.mkdir()
        write_silver_jsonl(story / "silver.jsonl", n)
        runs: dict[str, list[dict[str, float]]] = {"local": [], "dask": []}
        engines = {"local": ["--jobs", "2"], "dask": ["--jobs", "2", "--engine", "dask"]}
        for turn, name in enumerate(("local", "dask", "dask", "local")):
            out = work / f"out-{name}-{turn}"
            log(f"build {n} articles, {name}")
            runs[name].append(run_timed(["build", str(story), "--out", str(out), "-q", *engines[name]]))
            log(f"  {runs[name][-1]['wall']:.1f} s wall, {runs[name][-1]['cpu']:.1f} s CPU")
        names = sorted(path.name for path in (work / "out-local-0").iterdir())
        identical = all(
            (work / f"out-{name}-{turn}" / file).read_bytes() == (work / "out-local-0" / file).read_bytes()
            for name, turn in (("dask", 1), ("dask", 2), ("local", 3))
            for file in names
        )
        log("costs for the projection")
        costs = dask_costs(story)
    return render_dask(n, runs, identical, names, costs)


def render_dask(n: int, runs, identical: bool, names: list[str], costs: dict[str, float]) -> str:  # noqa: ANN001
    wall = {name: sum(r["wall"] for r in measured) / len(measured) for name, measured in runs.items()}
    cpu = {name: sum(r["cpu"] for r in measured) / len(measured) for name, measured in runs.items()}
    ram = {name: max(r["ram"] for r in measured) for name, measured in runs.items()}
    total, workers, shard = PROJECTED_ARTICLES, PROJECTED_WORKERS, costs["shard_articles"]
    shards = -(-total // shard)
    ms = {key: value * 1000 for key, value in costs.items()}
    compute = (total * costs["worker_cpu_article"] + shards * costs["shard_workers"]) / workers
    serial = {
        way: total * costs[f"{way}_client_article"] + shards * costs["shard_client"] for way in ("decoded", "packed")
    }
    startup = costs["start"] + costs["model"]
    command = "make bench-dask` (`python -m bench.bench_scale --dask"
    if n != DASK_ARTICLES:
        command = f"python -m bench.bench_scale --dask --dask-articles {n}"
    ticking = (costs["idle_rate"] + costs["workers"] * costs["worker_idle_rate"]) * wall["dask"]
    projected = startup + max(compute, serial["decoded"])
    bound = "the workers" if compute >= serial["decoded"] else "the client"
    lines = [
        "## bench-dask: the Dask engine against local workers, and a million articles on 50 workers (issue #13)",
        "",
        f"`{command}`: the first {n} TE-3 silver wires as one JSON Lines "
        "file, `timeline build` as a command on a shared, busy 2-core machine, run A B B A (local, dask, dask, "
        "local) so that the load falls on both alike; times are the means of the two runs of each.",
        "",
        "| engine | wall | CPU (user+sys, every process) | peak RAM |",
        "|---|---:|---:|---:|",
        f"| local `--jobs 2` | {wall['local']:.1f} s | {cpu['local']:.1f} s | {ram['local']:,.0f} MiB |",
        f"| Dask LocalCluster, 2 workers (`--engine dask --jobs 2`) | {wall['dask']:.1f} s | {cpu['dask']:.1f} s | "
        f"{ram['dask']:,.0f} MiB |",
        "",
        f"Dask / local wall time: **{wall['dask'] / wall['local']:.2f}** (CPU {cpu['dask'] / cpu['local']:.2f}). "
        f"Outputs of all four builds identical ({', '.join(names)}): **{'yes' if identical else 'NO'}**. "
        f"Dask's processes tick while they wait (heartbeats, memory monitors: {costs['idle_rate']:.1%} of a core for "
        f"the client and scheduler, {costs['worker_idle_rate']:.1%} per worker, measured idle), so on a machine this "
        f"busy, where a build takes minutes of wall time, about {ticking:.0f} s of the Dask build's CPU is that "
        f"ticking (its extra CPU over local: {cpu['dask'] - cpu['local']:.0f} s); the rest is each worker process "
        "starting Dask, and the shards' round trips.",
        "",
        f"Measured costs (in-process `DaskEngine` on a {costs['workers']}-worker LocalCluster, the same {n} articles "
        f"in {costs['shards']} shards of up to {shard}; CPU, not wall, so the machine's load does not count):",
        "",
        f"- start-up: cluster and workers {costs['start']:.1f} s wall, then spaCy loaded on each worker "
        f"{costs['model']:.1f} s (once per worker process, all in parallel);",
        f"- worker CPU per article: {ms['worker_cpu_article']:.0f} ms (unpickling the articles, extracting, packing; "
        "Dask's profiler off, as `--engine dask` starts workers; the workers' idle ticking taken off); "
        f"per shard, besides its articles (an empty shard's round trip): {ms['shard_workers']:.1f} ms on the worker, "
        f"{ms['shard_client']:.1f} ms on the client and scheduler;",
        f"- client CPU per article (its main thread): {ms['decoded_client_article']:.2f} ms as the CLI runs it (each "
        f"packed extraction received, checked, decoded for the progress bar, kept), "
        f"{ms['packed_client_article']:.2f} ms kept packed without decoding;",
        f"- sent per article: {costs['sent_article'] / 1e3:.1f} KB to a worker (the pickled `Article`), "
        f"{costs['back_article'] / 1e3:.1f} KB back (packed; pickled models would be ~10x more).",
        "",
        f"Projection, {total:,} articles on {workers} one-thread workers (a core each) and one client: start-up "
        f"{startup:.0f} s; workers ({total:,} x {ms['worker_cpu_article']:.0f} ms + {shards:,.0f} shards x "
        f"{ms['shard_workers']:.1f} ms) / {workers} = **{compute / 60:.0f} min**; the client, serial and overlapping "
        f"them, ({total:,} x {ms['decoded_client_article']:.2f} ms + {shards:,.0f} x {ms['shard_client']:.1f} ms) = "
        f"**{serial['decoded'] / 60:.0f} min** ({serial['packed'] / 60:.0f} min without the progress bar's decoding). "
        f"**About {projected / 3600:.1f} h of extraction, bound by {bound}**; "
        f"{total * costs['back_article'] / 1e9:.1f} GB come back to the client, "
        f"{total * costs['sent_article'] / 1e9:.1f} GB go out. Not included: reading the inputs, and the merge and "
        "report of a million articles, which run on the client after extraction.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

"""Timeline summarisation on timeline17-dev: our key dates vs date-count baselines (issue #12).

For each story of ../shared/data/timeline17-dev and each of its gold timelines, the news-tls protocol
(Gholipour Ghalandari & Ifrim, ACL 2020): pool the articles of the story (Timeline17's topic: the
folder name before "_", so H1N1_bbc, H1N1_guardian and H1N1_reuters are one story of three outlets
with three gold timelines), keep the articles published between the gold's first and
last day, ask for as many days as the gold has and, per day, as many sentences as the gold's average,
then score date-selection F1 and alignment-based ROUGE-1/2 F (AR-1, AR-2) with
`timeline.evaluation.tls`. Averages take F of the mean P and R over timelines, as news-tls does.

Systems, all over the same extractions and the same merged timeline:

- ``key dates`` (ours): `timeline.merge.salience.key_dates`, what ``timeline build --top N`` keeps.
- ``date mentions``: days ranked by how many articles mention them with a time expression valued
  that calendar day.
- ``publications``: days ranked by how many articles were published on them.

Both baselines take the day's summary from `salience.central_sentences` (the day's most central
event sentences), so they differ from ours in the days they pick.

Extractions are cached in bench/.cache/tls, keyed by the story's articles and the extract stage's
code and resources (a run after the first takes seconds).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.artifacts import read_extractions, render_extractions_jsonl
from timeline.config import Settings
from timeline.evaluation.tls import (
    DatedSummaries,
    TlsScores,
    average_scores,
    read_gold_timeline,
    score_timeline,
    summary_length,
)
from timeline.models import ArticleExtraction, Timeline

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "timeline17-dev"
CACHE = Path(__file__).resolve().parent / ".cache" / "tls"
SYSTEMS = ("key dates", "date mentions", "publications")


def code_digest() -> str:
    """A digest of what extraction depends on: the ingest and extract code and the resources."""
    digest = hashlib.sha256()
    for folder in ("timeline/ingest", "timeline/extract", "timeline/resources"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".yml"}:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def story_extractions(story: Path, settings: Settings) -> list[ArticleExtraction]:
    """Every article of a story, extracted (cached by input and code digest)."""
    from timeline.pipeline import extract_inputs

    source = story / "articles.jsonl"
    key = hashlib.sha256(source.read_bytes() + code_digest().encode()).hexdigest()[:16]
    cached = CACHE / f"{story.name}-{key}.jsonl"
    if cached.exists():
        return read_extractions(cached)[0]
    started = time.perf_counter()
    _, extractions = extract_inputs([source], settings=settings)
    elapsed = time.perf_counter() - started
    print(f"  extracted {len(extractions)} articles of {story.name} in {elapsed:.0f}s", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(f"{story.name}-*.jsonl"):
        old.unlink()
    cached.write_text(render_extractions_jsonl(extractions), encoding="utf-8")
    return extractions


def in_window(extractions: Sequence[ArticleExtraction], first: date, last: date) -> list[ArticleExtraction]:
    """The articles published within [first, last] (the news-tls input window)."""
    return [e for e in extractions if e.article.published and first <= e.article.published <= last]


def mention_counts(extractions: Sequence[ArticleExtraction], first: date, last: date) -> Counter[date]:
    """How many articles mention each day of the window with a time expression valued that day.

    A calendar-day value, as HeidelTime's day-level dates that news-tls counts: "now" (PRESENT_REF)
    is placed on the publication day but names no date (`salience.calendar_day`).
    """
    from timeline.merge.salience import calendar_day

    counts: Counter[date] = Counter()
    for extraction in extractions:
        days = {day for t in extraction.time_expressions if (day := calendar_day(t)) and first <= day <= last}
        counts.update(days)
    return counts


def publication_counts(extractions: Sequence[ArticleExtraction]) -> Counter[date]:
    """How many articles were published on each day."""
    return Counter(e.article.published for e in extractions if e.article.published)


def ranked_days(counts: Counter[date], n: int) -> list[date]:
    """The n days with the highest counts (ties: the earlier day)."""
    return sorted(counts, key=lambda day: (-counts[day], day))[:n]


@dataclass(frozen=True)
class Run:
    """One system's timeline and scores against one gold timeline."""

    story: str
    gold_name: str
    system: str
    n_gold: int
    predicted: dict[date, tuple[str, ...]]
    scores: TlsScores


def systems(
    timeline: Timeline, extractions: Sequence[ArticleExtraction], first: date, last: date, n: int, k: int
) -> dict[str, DatedSummaries]:
    """Every system's predicted timeline of n days with k sentences a day."""
    from timeline.merge.salience import central_sentences, key_dates

    chosen = key_dates(timeline, n, sentences=k, window=(first, last), extractions=extractions)
    ours = {key.day: key.sentences for key in chosen}

    def summarised(days: list[date]) -> dict[date, tuple[str, ...]]:
        return {day: central_sentences(timeline, day, k) for day in days}

    return {
        "key dates": ours,
        "date mentions": summarised(ranked_days(mention_counts(extractions, first, last), n)),
        "publications": summarised(ranked_days(publication_counts(extractions), n)),
    }


def run_story(folders: Sequence[Path], settings: Settings) -> list[Run]:
    """Every system against every gold timeline of one story (its folders' articles pooled)."""
    from timeline.pipeline import merge_extractions

    everything = [e for folder in folders for e in story_extractions(folder, settings)]
    runs = []
    for story, gold_path in ((f, g) for f in folders for g in sorted((f / "timelines").glob("*.txt"))):
        gold = read_gold_timeline(gold_path)
        first, last = min(gold), max(gold)
        extractions = in_window(everything, first, last)
        timeline = merge_extractions(extractions, settings=settings)
        n, k = len(gold), summary_length(gold)
        for name, predicted in systems(timeline, extractions, first, last, n, k).items():
            runs.append(
                Run(story.name, gold_path.name, name, n, dict(predicted), score_timeline(predicted, gold))
            )
    return runs


def table(runs: Sequence[Run], stories: Sequence[str]) -> str:
    """Per timeline and averaged: date P/R/F1, AR-1 F and AR-2 F of every system."""
    lines = [
        "| timeline | gold days | system | date P | date R | date F1 | AR-1 F | AR-2 F |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for story in stories:
        for run in (r for r in runs if r.story == story):
            s = run.scores
            lines.append(
                f"| {story} | {run.n_gold} | {run.system} | {s.dates.precision:.3f} | {s.dates.recall:.3f} | "
                f"{s.dates.f1:.3f} | {s.rouge1.f1:.3f} | {s.rouge2.f1:.3f} |"
            )
    for system in SYSTEMS:
        mean = average_scores([r.scores for r in runs if r.system == system])
        lines.append(
            f"| **average** | | **{system}** | {mean.dates.precision:.3f} | {mean.dates.recall:.3f} | "
            f"**{mean.dates.f1:.3f}** | **{mean.rouge1.f1:.3f}** | **{mean.rouge2.f1:.3f}** |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="The timeline17-dev folder.")
    parser.add_argument("--stories", help="Comma-separated story folders (default: all).")
    parser.add_argument("--no-write", action="store_true", help="Print the table; leave RESULTS.md alone.")
    parser.add_argument("--show", action="store_true", help="Also print every predicted timeline.")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: {args.data} not found (timeline17-dev, see its README)", file=sys.stderr)
        return 2
    stories = sorted(p for p in args.data.iterdir() if (p / "articles.jsonl").is_file())
    if args.stories:
        wanted = set(args.stories.split(","))
        stories = [p for p in stories if p.name in wanted]
    settings = Settings(workers=2)
    topics: dict[str, list[Path]] = {}
    for story in stories:
        topics.setdefault(story.name.split("_")[0], []).append(story)
    runs = [run for folders in topics.values() for run in run_story(folders, settings)]
    text = table(runs, [p.name for p in stories])
    print(text)
    if args.show:
        for run in runs:
            print(f"\n## {run.story} / {run.system}")
            for day, sentences in sorted(run.predicted.items()):
                print(day, " | ".join(sentences))
    if not args.no_write and not args.stories:
        from bench.results import replace_section

        section = (
            "## bench-tls: key dates on timeline17-dev (issue #12)\n\n"
            "`make bench-tls` (`python -m bench.bench_tls`). News-tls protocol: articles published within each gold "
            "timeline's first and last day, as many days as the gold has, the gold's average sentences per day; "
            "date F1 and alignment-based ROUGE F (tilse's many-to-one date+content alignment, ROUGE-1.5.5 "
            "tokens with stemming and its stop list, `timeline/evaluation/tls.py`). Averages: F of the mean P "
            "and R over the timelines. Key dates (`salience.day_scores`): the articles naming the day (a day "
            "named in a pair or range, \"1 and 2 April\", half each), those of them published after it, the "
            "articles published on it, plus the day's burst over the day before and after (Chieu & Lee 2004); "
            "ties to the day whose next day brought more articles. Date mentions: articles naming the day "
            "with a calendar-day value (not \"now\"). Every system picks among the window's days.\n\n" + text
        )
        replace_section("bench-tls", section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

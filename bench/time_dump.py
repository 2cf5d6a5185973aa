"""Every scoring error of our time tagger on the four corpora, with the text around it, for error analysis.

One line per error: corpus, document, kind, gold and system text/type/value, and the sentence-ish context
(80 characters either side, newlines folded). Uses bench/quick_time.py's in-process tagging.

Usage: python -m bench.time_dump [--corpus NAME ...] [--kind KIND ...] > errors.txt
"""

from __future__ import annotations

import argparse

from bench.quick_time import CORPORA, MEANTIME, TIMEML, score
from timeline.evaluation.meantime import read_meantime_dir
from timeline.timeml import read_timeml_file
from timeline.timeml.tag import timeml_inputs


def texts(name: str) -> dict[str, tuple[str, str]]:
    """Return each document's (plain text, DCT) by document name."""
    folders = [TIMEML[f"tbaq-{p}"] for p in ("timebank", "aquaint")] if name == "tbaq" else []
    if name in MEANTIME:
        return {d.name: (d.text, str(d.dct)) for d in read_meantime_dir(MEANTIME[name])}
    if name == "wikiwars-dev":
        folders = [TIMEML[name]]
    result = {}
    for folder in folders:
        for doc, path in timeml_inputs(folder):
            gold = read_timeml_file(path)
            result[doc] = (gold.plain, str(gold.dct))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--kind", action="append")
    args = parser.parse_args()
    for name in args.corpus or CORPORA:
        result = score(name, None)
        documents = texts(name)
        for error in result.errors:
            if args.kind and error.kind not in args.kind:
                continue
            text, dct = documents.get(error.document, ("", "?"))
            span = error.gold_span or error.system_span
            context = ""
            if span is not None:
                before = text[max(0, span.start - 80) : span.start]
                after = text[span.end : span.end + 80]
                context = " ".join(f"{before}[[{text[span.start : span.end]}]]{after}".split())
            print(
                f"{name}\t{error.document}\tdct={dct}\t{error.kind}\t"
                f"G:{error.gold_text!r}/{error.gold_type}/{error.gold_value}\t"
                f"S:{error.system_text!r}/{error.system_type}/{error.system_value}\t{context}"
            )


if __name__ == "__main__":
    main()

"""The corpora `make bench-time` measures time taggers on, each read into one shape.

Every document becomes a TempEval-3 input file (what a tagger is given: the text and its DCT), its
plain text, and the gold TIMEX3 on that plain text, so one scorer (`timeline/evaluation/timex.py`)
and one command (`timeline tag --timeml`) serve every corpus:

- ``tbaq``: TempEval-3 TBAQ-cleaned (TimeBank 1.2 + AQUAINT, news, 256 documents); the gold tags
  are stripped into the input file, as in TempEval-3.
- ``meantime-apple``, ``meantime-gm``: MEANTIME (Wikinews, CAT XML). The text is the detokenised text
  of `timeline.evaluation.meantime`; the gold is every TIMEX3 that has tokens, the dateline (the
  document's creation time, which is in the text) included. MEANTIME annotates TIMEX3 only in the
  first sentences (title, dateline, four body sentences): every gold TIMEX3 lies there, so only the
  system expressions that start before ``annotated_end`` are scored; the whole text is still tagged,
  so a tagger sees what it would see in use.
- ``wikiwars-dev``: WikiWars documents 01-11 in TempEval-3 format (Wikipedia war narratives; the DCT
  is the download day, not the time of the story: see its README).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from timeline.evaluation.meantime import MeantimeDocument, read_meantime_dir
from timeline.models import Span
from timeline.timeml import Timex, read_timeml, read_timeml_file, strip_annotations, timeml_inputs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TEMPEVAL3 = DATA / "tempeval3"


@dataclass(frozen=True)
class GoldDocument:
    """One document to tag and score: its TE-3 input, plain text, DCT and gold TIMEX3."""

    name: str
    plain: str
    dct: date
    timexes: tuple[Timex, ...]
    input_text: str
    scored_end: int
    """System expressions starting at or after this offset are not scored (the end of the annotated text)."""

    def scored(self, timexes: Sequence) -> list:
        """Return the expressions of ``timexes`` that lie in the annotated part of the text."""
        return [timex for timex in timexes if timex.span.start < self.scored_end]


@dataclass(frozen=True)
class Corpus:
    """A corpus to measure on: its key (for ``--corpus``), how the results name it, and where it lives."""

    key: str
    title: str
    folder: Path
    narrative: bool
    """True for narratives (HeidelTime is also run in its ``narratives`` mode there)."""

    def load(self, limit: int | None = None) -> list[GoldDocument]:
        """Read the corpus (the first ``limit`` documents by name when given)."""
        if self.key.startswith("meantime"):
            return load_meantime(self.folder, limit)
        if self.key == "tbaq":
            paths = [path for folder in ("TimeBank", "AQUAINT") for _, path in timeml_inputs(self.folder / folder)]
        else:
            paths = [path for _, path in timeml_inputs(self.folder / "gold")]
        paths.sort(key=lambda path: path.name)
        return [timeml_gold(path) for path in (paths[:limit] if limit else paths)]


CORPORA = (
    Corpus("tbaq", "TempEval-3 TBAQ-cleaned (news)", TEMPEVAL3 / "TBAQ-cleaned", narrative=False),
    Corpus("meantime-apple", "MEANTIME apple (Wikinews)", DATA / "meantime-apple" / "corpus_apple", narrative=False),
    Corpus("meantime-gm", "MEANTIME gm (Wikinews)", DATA / "meantime-gm" / "corpus_gm", narrative=False),
    Corpus("wikiwars-dev", "WikiWars dev (narratives)", DATA / "wikiwars-dev", narrative=True),
)


def timeml_gold(path: Path) -> GoldDocument:
    """Read a TimeML gold file; its input is the file with the annotation stripped."""
    gold = read_timeml_file(path)
    return GoldDocument(
        name=path.name.removesuffix(".tml"),
        plain=gold.plain,
        dct=gold.dct,
        timexes=gold.timexes,
        input_text=strip_annotations(gold.raw),
        scored_end=len(gold.plain),
    )


_DAY_FIRST = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")


def meantime_value(value: str) -> str:
    """Return a gold value in ISO form: one gm DCT is written ``03-02-2009`` (day first, as its dateline
    "February 03, 2009" says); every other value is returned unchanged."""
    match = _DAY_FIRST.match(value)
    return f"{match[3]}-{match[2]}-{match[1]}" if match else value


def load_meantime(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    """Read a MEANTIME folder into gold documents (see the module docstring)."""
    return [meantime_gold(document) for document in read_meantime_dir(folder, limit)]


def meantime_gold(document: MeantimeDocument) -> GoldDocument:
    """Convert one MEANTIME document: plain text, DCT, the TIMEX3 that have tokens, a TE-3 input file."""
    timexes = tuple(
        Timex(span=Span(start=t.span.start, end=t.span.end), text=t.text, type=t.type, value=meantime_value(t.value))
        for t in sorted((t for t in document.timexes if t.span is not None), key=lambda t: (t.span.start, t.span.end))
    )
    dct = document.dct
    if dct is None:
        creation = next(t for t in document.timexes if t.is_dct)
        dct = date.fromisoformat(meantime_value(creation.value))
    if any(timex.span.start >= document.annotated_end for timex in timexes):
        raise ValueError(f"{document.name}: a gold TIMEX3 lies after the annotated sentences")
    input_text = te3_input(document.name, document.text, dct)
    if read_timeml(input_text).plain != document.text:
        raise ValueError(f"{document.name}: the TE-3 input does not give back the MEANTIME text")
    return GoldDocument(
        name=document.name,
        plain=document.text,
        dct=dct,
        timexes=timexes,
        input_text=input_text,
        scored_end=document.annotated_end,
    )


def te3_input(name: str, plain: str, dct: date) -> str:
    """Return a TempEval-3 input file holding ``plain`` (escaped) with ``dct`` as its creation time."""
    day = dct.isoformat()
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n\n'
        f"<DOCID>{escape(name)}</DOCID>\n\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{day}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{day}</TIMEX3></DCT>\n\n'
        f"<TEXT>{escape(plain)}</TEXT>\n\n</TimeML>\n"
    )

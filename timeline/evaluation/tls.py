"""Timeline summarisation scores: date-selection F1 and alignment-based ROUGE (AR-1, AR-2).

The protocol of news-tls (Gholipour Ghalandari & Ifrim, ACL 2020), which scores with tilse
(Martschat & Markert, EACL 2017 and CoNLL 2018), reimplemented here:

- A timeline is ``{day: summary sentences}``. Gold timelines come in the Timeline17 file format
  (`read_gold_timeline`).
- **Date F1**: precision and recall of the predicted set of days against the gold days.
- **ROUGE-N** as ROUGE-1.5.5 counts it with ``-m -s`` (tilse's default): a day's sentences are one
  text, lower-cased, every character but ``a-z 0-9`` made a space, stop words out
  (`resources/en/rouge_stopwords.yml`), words longer than three letters Porter-stemmed (`porter`),
  then n-grams over the whole text. ROUGE-1.5.5 also maps irregular forms through WordNet's exception
  lists ("went" -> "go") before stemming; this implementation does not, as tilse's own Python
  reimplementation does not.
- **Alignment-based ROUGE, many-to-one** (tilse's ``align_date_content_costs_many_to_one``): for
  precision every predicted day is aligned to the gold day of least cost, for recall every gold day to
  the predicted day of least cost; the cost of a pair is ``(1 - 1/(|d - d'| + 1)) * (1 - r)`` with r an
  approximate ROUGE-1 F of the two summaries over their whitespace tokens (case kept, no stemming,
  punctuation tokens out), so a pair on the same day costs 0 whatever it says, and ties go to the
  earliest day. An aligned pair's n-gram hits count ``1/(|d - d'| + 1)``: a summary one day off earns
  half. P = discounted hits / predicted n-grams, R = discounted hits / gold n-grams, F their harmonic
  mean.
- **Averages over timelines** (news-tls ``get_average_results``): P and R are averaged over timelines
  and F is the harmonic mean of those averages, for dates and ROUGE alike.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from timeline.errors import InputError, ResourceError
from timeline.evaluation.porter import stem

DatedSummaries = Mapping[date, Sequence[str]]
"""A timeline to score: each day's summary sentences."""

_DATE_LINE = re.compile(r"^\d{4}-\d{1,2}-\d{0,2}$")
_SEPARATOR = re.compile(r"^-{2,}$")
_NOT_WORD = re.compile(r"[^a-z0-9\-]")
_WORD_START = re.compile(r"^[a-z0-9$]")


class RougeStopwords(BaseModel):
    """`rouge_stopwords.yml`: the words ROUGE leaves out, and examples of tokenised text."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    words: frozenset[str]
    examples: tuple[dict[str, str | list[str]], ...] = ()


@lru_cache(maxsize=1)
def load_rouge_stopwords() -> RougeStopwords:
    """Read the stop list once per process.

    Raises:
        ResourceError: the file does not match its schema.
    """
    path = resources.files("timeline.resources").joinpath("en/rouge_stopwords.yml")
    try:
        return RougeStopwords.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as error:
        raise ResourceError(f"rouge_stopwords.yml is invalid: {error}".splitlines()[0]) from error


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall (0 when both are 0)."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True)
class TlsScores:
    """The scores of one predicted timeline against one gold timeline (or their average)."""

    dates: PRF
    rouge1: PRF
    rouge2: PRF


def rouge_tokens(text: str) -> list[str]:
    """Return the words ROUGE-1.5.5 (``-m -s``) compares in a text, in order."""
    stopwords = load_rouge_stopwords().words
    lowered = "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)
    spaced = _NOT_WORD.sub(" ", lowered.replace("-", " - "))
    tokens = []
    for token in spaced.split():
        if token in stopwords or not _WORD_START.match(token):
            continue
        tokens.append(stem(token) if len(token) > 3 else token)
    return tokens


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class RougeCounts:
    """ROUGE-N counts of a summary against one reference: matched n-grams and both totals."""

    hits: int
    predicted: int
    gold: int


def rouge_counts(predicted: Sequence[str], gold: Sequence[str], n: int) -> RougeCounts:
    """Return the ROUGE-N counts of the predicted sentences against the gold ones (one text each)."""
    ours = _ngrams(rouge_tokens(" ".join(predicted)), n)
    theirs = _ngrams(rouge_tokens(" ".join(gold)), n)
    hits = sum(min(count, theirs[gram]) for gram, count in ours.items())
    return RougeCounts(hits, sum(ours.values()), sum(theirs.values()))


def _approx_tokens(sentences: Sequence[str]) -> Counter[str]:
    """Whitespace tokens, case kept, with punctuation at their ends and punctuation-only tokens out.

    tilse drops the (PTB-tokenised) tokens that are punctuation; our sentences are not tokenised, so
    the punctuation at a word's ends is stripped instead ("Jackson." is "Jackson").
    """
    words = (token.strip(string.punctuation + "“”‘’") for sentence in sentences for token in sentence.split())
    return Counter(word for word in words if word)


def approximate_rouge1_f(predicted: Sequence[str], gold: Sequence[str]) -> float:
    """The cheap ROUGE-1 F tilse aligns days with (no stemming, no stop list)."""
    ours, theirs = _approx_tokens(predicted), _approx_tokens(gold)
    hits = sum(min(count, theirs[word]) for word, count in ours.items())
    if not hits:
        return 0.0
    return PRF(hits / sum(ours.values()), hits / sum(theirs.values())).f1


def _discount(a: date, b: date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _closest(day: date, candidates: Sequence[date], cost) -> date:  # noqa: ANN001 (cost(day, candidate))
    """The candidate of least alignment cost (the earliest of equal ones)."""
    return min(candidates, key=lambda candidate: (cost(day, candidate), candidate))


def alignment_rouge(predicted: DatedSummaries, gold: DatedSummaries, n: int) -> PRF:
    """Alignment-based ROUGE-N (many-to-one, date and content costs): see the module docstring."""
    pred_days, gold_days = sorted(predicted), sorted(gold)
    if not pred_days or not gold_days:
        return PRF(0.0, 0.0)

    def cost(pred_day: date, gold_day: date) -> float:
        date_cost = 1 - _discount(pred_day, gold_day)
        return date_cost * (1 - approximate_rouge1_f(predicted[pred_day], gold[gold_day])) if date_cost else 0.0

    hits_p = total_p = hits_r = total_r = 0.0
    for day in pred_days:
        match = _closest(day, gold_days, cost)
        counts = rouge_counts(predicted[day], gold[match], n)
        hits_p += _discount(day, match) * counts.hits
        total_p += counts.predicted
    for day in gold_days:
        match = _closest(day, pred_days, lambda gold_day, pred_day: cost(pred_day, gold_day))
        counts = rouge_counts(predicted[match], gold[day], n)
        hits_r += _discount(day, match) * counts.hits
        total_r += counts.gold
    return PRF(hits_p / total_p if total_p else 0.0, hits_r / total_r if total_r else 0.0)


def date_scores(predicted: Sequence[date], gold: Sequence[date]) -> PRF:
    """Precision and recall of the predicted days against the gold days (each counted once)."""
    ours, theirs = set(predicted), set(gold)
    shared = len(ours & theirs)
    return PRF(shared / len(ours) if ours else 0.0, shared / len(theirs) if theirs else 0.0)


def score_timeline(predicted: DatedSummaries, gold: DatedSummaries) -> TlsScores:
    """Date P/R and AR-1, AR-2 of one predicted timeline against one gold timeline."""
    return TlsScores(
        dates=date_scores(list(predicted), list(gold)),
        rouge1=alignment_rouge(predicted, gold, 1),
        rouge2=alignment_rouge(predicted, gold, 2),
    )


def average_scores(scores: Sequence[TlsScores]) -> TlsScores:
    """Average P and R over timelines; F is then the harmonic mean of the averages (as news-tls)."""

    def mean(values: list[PRF]) -> PRF:
        return PRF(sum(v.precision for v in values) / len(values), sum(v.recall for v in values) / len(values))

    if not scores:
        return TlsScores(PRF(0.0, 0.0), PRF(0.0, 0.0), PRF(0.0, 0.0))
    return TlsScores(
        dates=mean([s.dates for s in scores]),
        rouge1=mean([s.rouge1 for s in scores]),
        rouge2=mean([s.rouge2 for s in scores]),
    )


def summary_length(gold: DatedSummaries) -> int:
    """Sentences per day a system is asked for: the gold's average, rounded (at least 1)."""
    return max(1, round(sum(len(sentences) for sentences in gold.values()) / len(gold))) if gold else 1


def parse_gold_timeline(text: str, path: Path | None = None) -> dict[date, tuple[str, ...]]:
    """Parse a Timeline17 gold timeline: date lines, sentence lines, a line of dashes after each block.

    A day written twice (two blocks of one day) keeps the sentences of both. A block whose date line
    is no calendar day (MJ_bbc's "2011-04-0") is left out whole: its day is unknown.

    Raises:
        InputError: a sentence comes before any date line.
    """
    days: dict[date, list[str]] = {}
    current: date | None = None
    broken = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if _SEPARATOR.match(line):
            current, broken = None, False
        elif _DATE_LINE.match(line):
            try:
                current = date(*(int(part) for part in line.split("-")))
            except ValueError:
                current, broken = None, True
                continue
            days.setdefault(current, [])
        elif broken:
            continue
        elif current is None:
            raise InputError(
                "a summary sentence before any date line",
                path=path,
                line=number,
                hint="start each block with YYYY-MM-DD",
            )
        else:
            days[current].append(line)
    return {day: tuple(sentences) for day, sentences in sorted(days.items())}


def read_gold_timeline(path: Path) -> dict[date, tuple[str, ...]]:
    """Read a Timeline17 gold timeline file (see `parse_gold_timeline`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read the gold timeline: {error.strerror}", path=path) from error
    return parse_gold_timeline(text, path)

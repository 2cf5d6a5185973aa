"""Read a tokenised article in CAT XML (MEANTIME, SemEval-2015 TimeLine input) as an article.

A CAT file is ``<Document doc_id doc_name src_url>`` holding ``<token t_id sentence number>`` words and
``<Markables>``, among them the document creation time (``<TIMEX3 functionInDocument="CREATION_TIME"
value>``). The article is:

- **text**: the tokens joined deterministically, each token keeping its span: one space between tokens,
  none before ``, . ; : ! ? ' ) ] %`` and the clitics (``'s n't``), none after ``( [ $ US$ ``. The
  title (sentence 0) and a dateline (a sentence made only of TIMEX3 tokens, "August 9 , 2010") sit on
  lines of their own, as in the published page; the body sentences follow one another on one line
  (the corpus has no paragraph marks: the extractor splits sentences itself).
- **title**: sentence 0, marked as metadata (``header_chars``) as a front-matter title is;
- **published**: the creation time's day (origin ``record``); **url**: ``src_url``;
- **tokens**: every token's sentence and span, with the ``doc_id``: exports name a mention by them
  (``docid-sentence-word``, the SemEval-2015 TimeLine format).

A file that is not well-formed XML or holds no token is an ``I180`` error and skipped; a creation time
that is no day is an ``I130`` warning.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from timeline.ingest.draft import Draft, make_issue
from timeline.models import Issue, SourceTokens, Span

NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", "'", ")", "]", "%", "''", "\u201d", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
)
"""Tokens written without a space before them (compared in lower case)."""

NO_SPACE_AFTER = frozenset({"(", "[", "$", "us$", "\u00a3", "\u20ac", "``", "\u201c"})
"""Tokens written without a space after them (compared in lower case)."""

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
CAT_HINT = "give a CAT XML file (MEANTIME / SemEval-2015 TimeLine input: <Document> with <token> elements)"


@dataclass(frozen=True)
class CatText:
    """The text of a CAT document: what every reader of CAT XML needs before its own markables."""

    root: ElementTree.Element
    doc_id: str
    name: str
    url: str
    text: str
    t_ids: tuple[int, ...]
    sentences: tuple[int, ...]
    words: tuple[str, ...]
    spans: tuple[Span, ...]
    dct_value: str | None


class CatError(ValueError):
    """Not a CAT document (the message says why)."""


def read_cat_text(data: bytes | str) -> CatText:
    """Parse CAT XML and join its tokens into text.

    Raises:
        CatError: malformed XML, or no ``<token>`` element.
    """
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise CatError(f"not well-formed XML: {error}") from error
    raw_tokens = list(root.iter("token"))
    if not raw_tokens:
        raise CatError("no <token> elements: not a CAT document")
    markables = root.find("Markables")
    markable_list = list(markables) if markables is not None else []
    ids = [int(element.get("t_id", "0")) for element in raw_tokens]
    sentences = [int(element.get("sentence", "0")) for element in raw_tokens]
    words = [element.text or "_" for element in raw_tokens]
    timex_tokens = {
        int(anchor.get("t_id", "0"))
        for element in markable_list
        if element.tag == "TIMEX3"
        for anchor in element.iter("token_anchor")
    }
    timex_tokens |= _dateline_tokens(ids, sentences, words)
    text, spans = detokenise(words, line_breaks(ids, sentences, timex_tokens))
    dct = next(
        (e.get("value") for e in markable_list if e.tag == "TIMEX3" and e.get("functionInDocument") == "CREATION_TIME"),
        None,
    )
    return CatText(
        root=root,
        doc_id=root.get("doc_id", ""),
        name=root.get("doc_name", ""),
        url=root.get("src_url", "") or root.get("url", ""),
        text=text,
        t_ids=tuple(ids),
        sentences=tuple(sentences),
        words=tuple(words),
        spans=tuple(spans),
        dct_value=dct,
    )


def parse_cat_article(path: Path, text: str) -> tuple[list[Draft], list[Issue]]:
    """Read one CAT XML file as an article draft (see the module docstring)."""
    try:
        cat = read_cat_text(text)
    except CatError as error:
        return [], [make_issue("I180", path, f"{error}; skipped", hint=CAT_HINT, severity="error")]
    issues: list[Issue] = []
    stem = path.name[: -len(".xml")] if path.name.lower().endswith(".xml") else path.stem
    stem = stem[: -len(".txt")] if stem.endswith(".txt") else stem
    title_end = max((span.end for span, s in zip(cat.spans, cat.sentences, strict=True) if s == cat.sentences[0]))
    draft = Draft(
        id=stem,
        path=path,
        text=cat.text,
        title=cat.text[:title_end],
        url=cat.url or None,
        header_chars=min(len(cat.text), title_end + 1),
        tokens=SourceTokens(
            doc_id=cat.doc_id or stem,
            tokens=tuple((s, span.start, span.end) for s, span in zip(cat.sentences, cat.spans, strict=True)),
        ),
    )
    if cat.dct_value:
        match = _DAY.match(cat.dct_value)
        try:
            day = date(int(match[1]), int(match[2]), int(match[3])) if match else None
        except ValueError:
            day = None
        if day is None:
            issues.append(
                make_issue(
                    "I130",
                    path,
                    f"creation time {cat.dct_value!r} is not a day; ignored",
                    hint="give the date with --published ID=YYYY-MM-DD",
                )
            )
        else:
            draft = draft.with_date("record", day)
    return [draft], issues


def detokenise(words: list[str], breaks: frozenset[int] = frozenset()) -> tuple[str, list[Span]]:
    """Join tokens into text and return it with each token's span.

    Args:
        words: the token texts, in order (none empty).
        breaks: indexes of tokens that start a new line (a newline replaces the space before them).
    """
    parts: list[str] = []
    spans: list[Span] = []
    position = 0
    previous: str | None = None
    for index, word in enumerate(words):
        if previous is not None:
            if index in breaks:
                separator = "\n"
            elif word.lower() in NO_SPACE_BEFORE or previous.lower() in NO_SPACE_AFTER:
                separator = ""
            else:
                separator = " "
            parts.append(separator)
            position += len(separator)
        parts.append(word)
        spans.append(Span(start=position, end=position + len(word)))
        position += len(word)
        previous = word
    return "".join(parts), spans


_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day ,? )?"
_DATELINE = re.compile(rf"^{_WEEKDAY}(?:(?:{_MONTHS}) \d{{1,2}} ,? \d{{4}}|\d{{1,2}} (?:{_MONTHS}) \d{{4}})$")
"""A sentence that is only a date, as a dateline is ("December 12 , 2008", "Friday , 12 December 2008")."""


def _dateline_tokens(ids: list[int], sentences: list[int], words: list[str]) -> set[int]:
    """The tokens of sentences that are only a date: a dateline, even where no TIMEX3 marks it."""
    by_sentence: dict[int, list[int]] = {}
    for index, sentence in enumerate(sentences):
        by_sentence.setdefault(sentence, []).append(index)
    found: set[int] = set()
    for indexes in by_sentence.values():
        if _DATELINE.match(" ".join(words[i] for i in indexes).lower()):
            found.update(ids[i] for i in indexes)
    return found


def line_breaks(ids: list[int], sentences: list[int], timex_tokens: set[int]) -> frozenset[int]:
    """Token indexes that start a line: the one after the title, and the ones around a dateline."""
    starts: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for index, sentence in enumerate(sentences):
        starts.setdefault(sentence, index)
        members.setdefault(sentence, []).append(ids[index])
    ordered = sorted(starts)
    breaks: set[int] = set()
    for position, sentence in enumerate(ordered):
        if position == 0:
            continue
        previous = ordered[position - 1]
        dateline = all(t_id in timex_tokens for t_id in members[sentence])
        previous_dateline = all(t_id in timex_tokens for t_id in members[previous])
        if position == 1 or dateline or previous_dateline:
            breaks.add(starts[sentence])
    return frozenset(breaks)

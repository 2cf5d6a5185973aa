"""Turn MEANTIME (CAT XML) WikiNews documents into Markdown sample articles with YAML front matter.

The English section of the NewsReader MEANTIME corpus holds WikiNews articles as CAT XML: a
``<Document doc_id doc_name url>`` element with one ``<token number sentence t_id>`` element per
token, followed by ``<Markables>`` (events, entities, TIMEX3 time expressions) and ``<Relations>``.
The document creation time (DCT) is the TIMEX3 with ``functionInDocument="CREATION_TIME"``.

The texts are *reconstructed* from the tokens: the corpus keeps no original whitespace or
paragraph breaks, so spacing around punctuation and quotes can differ slightly from the original
WikiNews page, and each sentence (as the corpus splits them) becomes one line. Sentence 0 is the
headline and becomes the ``title``; sentence 1 is usually the WikiNews dateline ("June 8, 2010")
and is kept as the first body line, followed by a blank line.

Each document is written to ``<out_dir>/wikinews-<doc_id>.md`` (the file stem equals the ``id``
in the front matter, so a ``manifest.csv`` keyed by id matches either way)::

    ---
    id: wikinews-190356
    source: Wikinews
    title: Apple unveils iPhone 4, iOS 4 at Worldwide Developers Conference 2010
    url: http://en.wikinews.org/wiki/...
    published: 2010-06-08
    ---
    June 8, 2010

    Yesterday, at this year's Apple Worldwide Developers Conference (WWDC), ...

The output depends only on the input files: running it twice gives byte-identical files.

Usage::

    .venv/bin/python scripts/make_wikinews_sample.py CORPUS_DIR OUT_DIR DOCNAME [DOCNAME ...]

where ``DOCNAME`` is a file name in ``CORPUS_DIR`` with or without ``.xml``
(e.g. ``190356_Apple_unveils_iPhone_4``).

Licence of the texts: WikiNews articles, CC BY 2.5 (https://creativecommons.org/licenses/by/2.5/);
MEANTIME annotations © 2015 FBK, VU University Amsterdam, UPV/EHU, CC BY 4.0.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from lxml import etree

SOURCE_NAME = "Wikinews"
ID_PREFIX = "wikinews-"

NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", "'", ")", "]", "}", "%", "...", "''", "”", "n't"})
"""Tokens glued to the token before them."""

NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "#", "``", "“", "`"})
"""Tokens glued to the token after them."""

CLITIC_RE = re.compile(r"^'(s|ve|re|ll|d|m)$", re.IGNORECASE)
"""Contraction and possessive tokens split off by the tokenizer ('s, 've, ...), glued to the left."""

DATELINE_RE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4})$"
)
"""A WikiNews dateline such as "June 8, 2010" (sentence 1 of most documents)."""

MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class WikinewsDoc:
    """One MEANTIME document, reconstructed as text.

    Attributes:
        doc_id: The numeric WikiNews id from ``Document/@doc_id`` ("190356").
        title: The headline (sentence 0), detokenized.
        url: The WikiNews URL from ``Document/@url``.
        published: The document creation time (DCT), as a date.
        dateline: Sentence 1 when it is a "Month D, YYYY" dateline, else None.
        sentences: The body sentences (after the headline and dateline), detokenized, in order.
    """

    doc_id: str
    title: str
    url: str
    published: date
    dateline: str | None
    sentences: tuple[str, ...]


def detokenize(tokens: list[str]) -> str:
    """Join the tokens of one sentence into readable text.

    Rules: no space before closing punctuation (``, . ; : ? ! ' ) ] %`` ...), before clitics
    (``'s``, ``n't``, ``'ve`` ...) or after opening brackets and currency signs (``( [ $``).
    Straight double quotes alternate open/close within the sentence (a quote that is the first
    token opens, one that is the last token closes); PTB quotes (`````` and ``''``) are written
    as straight double quotes.

    Args:
        tokens: The token strings of one sentence, in order.

    Returns:
        The sentence as a single line of text.
    """
    out: list[str] = []
    glue_next = False  # the previous token asked for no space after it
    quote_open = False
    last = len(tokens) - 1
    for i, raw in enumerate(tokens):
        tok = raw.strip()
        if not tok:
            continue
        if tok == '"':
            closing = quote_open if 0 < i < last else i == last and i != 0
            quote_open = not closing
            glue_before, glue_after = closing, not closing
        elif tok in ("``", "''"):
            closing = tok == "''"
            quote_open = not closing
            glue_before, glue_after = closing, not closing
            tok = '"'
        else:
            glue_before = tok in NO_SPACE_BEFORE or CLITIC_RE.match(tok) is not None
            glue_after = tok in NO_SPACE_AFTER
        if out and not glue_before and not glue_next:
            out.append(" ")
        out.append(tok)
        glue_next = glue_after
    return "".join(out)


def read_document(path: Path) -> WikinewsDoc:
    """Parse one CAT XML file and rebuild its headline, dateline and sentences.

    Args:
        path: A MEANTIME ``.xml`` file.

    Returns:
        The reconstructed document.

    Raises:
        ValueError: When the file has no ``doc_id``, no tokens, or no usable creation time.
    """
    root = etree.parse(str(path)).getroot()
    doc_id = root.get("doc_id") or ""
    if not doc_id:
        raise ValueError(f"{path}: <Document> has no doc_id")
    url = root.get("url") or ""

    sentences: dict[int, list[tuple[int, str]]] = {}
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        number = int(token.get("number", "0"))
        sentences.setdefault(sentence, []).append((number, token.text or ""))
    if not sentences:
        raise ValueError(f"{path}: no <token> elements")
    lines = [detokenize([text for _, text in sorted(sentences[k])]) for k in sorted(sentences)]

    dct_values = [
        timex.get("value", "")
        for timex in root.iter("TIMEX3")
        if timex.get("functionInDocument") == "CREATION_TIME"
    ]
    if len(dct_values) != 1:
        raise ValueError(f"{path}: expected one CREATION_TIME TIMEX3, found {len(dct_values)}")
    try:
        published = date.fromisoformat(dct_values[0][:10])
    except ValueError as exc:
        raise ValueError(f"{path}: creation time {dct_values[0]!r} is not a YYYY-MM-DD date") from exc

    title, body = lines[0], lines[1:]
    dateline = None
    if body:
        match = DATELINE_RE.match(body[0])
        if match:
            dateline = body.pop(0)
            written = date(int(match.group(3)), MONTHS.index(match.group(1)) + 1, int(match.group(2)))
            if written != published:
                print(f"warning: {path.name}: dateline {dateline!r} != DCT {published}", file=sys.stderr)
    return WikinewsDoc(doc_id, title, url, published, dateline, tuple(body))


def render_markdown(doc: WikinewsDoc) -> str:
    """Render a document as Markdown with YAML front matter.

    Args:
        doc: The reconstructed document.

    Returns:
        The file content: front matter, the dateline and a blank line, then one sentence per line.
    """
    front = {
        "id": f"{ID_PREFIX}{doc.doc_id}",
        "source": SOURCE_NAME,
        "title": doc.title,
        "url": doc.url,
        "published": doc.published,
    }
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=10_000)
    parts = ["---\n", header, "---\n"]
    if doc.dateline:
        parts.append(f"{doc.dateline}\n\n")
    parts.extend(f"{sentence}\n" for sentence in doc.sentences)
    return "".join(parts)


def resolve(corpus_dir: Path, docname: str) -> Path:
    """Find the XML file for a document name.

    Args:
        corpus_dir: The folder holding the CAT XML files.
        docname: A file name, with or without the ``.xml`` suffix.

    Returns:
        The path of the existing file.

    Raises:
        FileNotFoundError: When no such file exists.
    """
    name = docname if docname.endswith(".xml") else f"{docname}.xml"
    path = corpus_dir / name
    if not path.is_file():
        raise FileNotFoundError(f"no such document: {path}")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Args:
        argv: Arguments without the program name (defaults to ``sys.argv[1:]``).

    Returns:
        The process exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path, help="folder of MEANTIME CAT XML files")
    parser.add_argument("out_dir", type=Path, help="folder to write <id>.md files into")
    parser.add_argument("docnames", nargs="+", help="document file names, with or without .xml")
    args = parser.parse_args(argv)

    try:
        paths = [resolve(args.corpus_dir, name) for name in args.docnames]
        docs = [read_document(path) for path in paths]
    except (OSError, ValueError, etree.XMLSyntaxError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    args.out_dir.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        target = args.out_dir / f"{ID_PREFIX}{doc.doc_id}.md"
        target.write_text(render_markdown(doc), encoding="utf-8", newline="\n")
        print(f"{target}\t{doc.published}\t{doc.title}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Rules a headline-style event title must pass, and a fixed sample of TE-3 silver news to run them on.

A title is a short headline clause: it starts with a name or a noun phrase (no verb, auxiliary,
possessive ending or punctuation first), a verb event's title has a finite or reported verb ("left",
"says", "will meet", the headline infinitive "to meet"), and it has at most 12 words. An event noun's
title is a noun phrase ("The Hamas attack"): only the first and last rules apply to it.
"""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

from timeline.models import Article

SILVER = Path(__file__).resolve().parents[3] / "shared" / "data" / "tempeval3" / "silver"
SAMPLE_EVERY = 60
"""The sample: every 60th silver document in name order (41 of 2,452, all agencies and years)."""
MAX_WORDS = 12
_NOUN_PHRASE_START = frozenset({"PROPN", "NOUN", "PRON", "DET", "NUM", "ADJ"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def silver_sample() -> list[Article]:
    """Return the fixed sample of silver documents as articles dated by their DCT."""
    articles = []
    for path in sorted(SILVER.glob("*.tml"))[::SAMPLE_EVERY]:
        raw = path.read_text(encoding="utf-8")
        found = re.search(r"(\d{4})(\d\d)(\d\d)", path.name)
        dct = datetime.date(int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None
        text = html.unescape(re.sub(r"<[^>]+>", "", raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]))
        articles.append(Article(id=path.stem, text=text, published=dct))
    return articles


def title_faults(title: str, nlp, *, verbal: bool, doc=None) -> list[str]:  # noqa: ANN001
    """Return the rules the title breaks: "start", "verb", "length" (empty when it passes).

    ``doc`` is the title already parsed (a batch of titles goes faster through ``nlp.pipe``).
    """
    faults = []
    doc = doc if doc is not None else nlp(title)
    words = [t for t in doc if not t.is_punct]
    if len(title.split()) > MAX_WORDS:
        faults.append("length")
    if not words or words[0].pos_ not in _NOUN_PHRASE_START or words[0].text[:1] in "'’":
        faults.append("start")
    if verbal and not _has_finite_verb(doc):
        faults.append("verb")
    return faults


def failing_titles(events, nlp) -> list[str]:  # noqa: ANN001
    """Return the titles of the events that break a rule, parsing titles and sentences in batches."""
    events = list(events)
    titles = nlp.pipe([e.title for e in events])
    sentences = nlp.pipe([e.sentence for e in events])
    failing = []
    for event, title, sentence in zip(events, titles, sentences, strict=True):
        at = event.trigger_span.start - event.sentence_span.start
        verbal = any(t.idx == at and t.pos_ in ("VERB", "AUX") for t in sentence)
        if title_faults(event.title, nlp, verbal=verbal, doc=title):
            failing.append(event.title)
    return failing


def _has_finite_verb(doc) -> bool:  # noqa: ANN001
    if any(t.tag_ in _FINITE for t in doc):
        return True
    return any(t.tag_ == "VB" and t.i > 0 and doc[t.i - 1].lower_ == "to" for t in doc)  # "Abdullah to meet"


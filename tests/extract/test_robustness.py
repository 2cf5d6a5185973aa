"""The whole extract stage over real news (TE-3 silver): no exception, no hang, every span honest."""

import datetime
import html
import re
from pathlib import Path

import pytest

from timeline.extract import extract_articles
from timeline.models import Article

SILVER = Path(__file__).resolve().parents[3] / "shared" / "data" / "tempeval3" / "silver"


def _articles(limit: int) -> list[Article]:
    articles = []
    for path in sorted(SILVER.glob("*.tml"))[:limit]:
        raw = path.read_text(encoding="utf-8")
        found = re.search(r"(\d{4})(\d\d)(\d\d)", path.name)
        dct = datetime.date(int(found.group(1)), int(found.group(2)), int(found.group(3))) if found else None
        text = html.unescape(re.sub(r"<[^>]+>", "", raw[raw.index("<TEXT>") + 6 : raw.index("</TEXT>")]))
        articles.append(Article(id=path.stem, text=text, published=dct))
    return articles


@pytest.mark.slow
@pytest.mark.data
def test_extract_over_silver_corpus_spans_are_honest():
    if not SILVER.exists():
        pytest.skip(f"TE-3 silver corpus not found at {SILVER} (../shared/data)")
    articles = _articles(600)
    texts = {article.id: article.text for article in articles}
    for extraction in extract_articles(articles):
        text = texts[extraction.article.id]
        for event in extraction.events:
            assert text[event.sentence_span.start : event.sentence_span.end] == event.sentence
            assert text[event.trigger_span.start : event.trigger_span.end] == event.trigger
        for mention in extraction.mentions:
            assert text[mention.span.start : mention.span.end] == mention.text

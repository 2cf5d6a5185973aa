"""Streamed ingest (issue #13): the articles of `read_articles`, their texts kept in a temporary file."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from timeline.ingest import read_articles, stream_articles

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MEANTIME = Path(__file__).resolve().parents[3] / "shared" / "data" / "meantime-apple"


def _same_as_read(inputs: list[Path], **options: object) -> None:
    read = read_articles(inputs, **options)  # type: ignore[arg-type]
    streamed = stream_articles(inputs, **options)  # type: ignore[arg-type]
    assert streamed.issues == read.issues
    assert len(streamed.articles) == len(read.articles)
    assert list(streamed.articles) == list(read.articles)
    assert streamed.articles[1:3] == list(read.articles[1:3])
    assert streamed.articles[-1] == read.articles[-1]
    assert streamed.articles.ids == [article.id for article in read.articles]
    assert streamed.articles.all_dated() == all(article.published for article in read.articles)


def test_streamed_articles_are_those_read_with_their_issues_and_order(write: Callable[[str, str], Path]) -> None:
    records = [
        {"id": "dup", "text": "First text.\nPage last updated at 07:43 GMT\nMore.", "published": "2024-01-02"},
        {"id": "dup", "text": "Second text with the same id.", "source": "AP"},
        {"id": "late", "text": "A late one.", "published": "2031-05-01"},
    ]
    jsonl = write("story/records.jsonl", "".join(json.dumps(record) + "\n" for record in records))
    text = write("story/b.txt", "date 2024-01-05\nA text file with a header line.\n")
    manifest = write("manifest.csv", "id,published,title\nb,2024-01-06,Given title\n")
    _same_as_read([jsonl.parent], manifest=manifest, published={"late": "2024-01-07"})
    _same_as_read([jsonl, text])
    _same_as_read(sorted(SAMPLES.glob("*")))


def test_streamed_cat_articles_keep_their_tokens() -> None:
    if not MEANTIME.is_dir():
        return  # the annotated data is not in this checkout
    files = sorted(MEANTIME.rglob("*.xml"))[:3]
    _same_as_read(files)
    assert all(article.tokens for article in stream_articles(files).articles)


def test_streamed_ingest_holds_no_text_in_memory(write: Callable[[str, str], Path]) -> None:
    line = "The council met on Tuesday and voted to rebuild the bridge over the river. " * 4 + "\n"
    for index in range(40):
        write(f"story/{index:02d}.txt", line * 80)  # 40 articles of 24 KB: about 1 MB of text
    folder = write("story/00.txt", line * 80).parent
    stream_articles([folder])  # word lists and patterns loaded: what is traced next is the articles alone
    tracemalloc.start()
    try:
        streamed = stream_articles([folder])
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(streamed.articles) == 40
    assert held < 200_000  # read_articles holds the megabyte of text (and its boilerplate scan) here
    assert streamed.articles[39].text == line * 80

"""Streamed ingest (issue #13): the articles of `read_articles`, their texts kept in a temporary file."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path

from timeline.ingest import read_articles, stream_articles
from timeline.models import Article

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
    held, articles = _held_by_stream(folder)
    assert len(articles) == 40
    assert held < 200_000  # read_articles holds the megabyte of text (and its boilerplate scan) here
    assert articles[39].text == line * 80


def _held_by_stream(folder: Path) -> tuple[int, Sequence[Article]]:
    """Return the memory `stream_articles` holds once done (traced), and its articles."""
    tracemalloc.start()
    try:
        streamed = stream_articles([folder])
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return held, streamed.articles


def test_streamed_ingest_holds_no_object_an_article(write: Callable[[str, str], Path]) -> None:
    record = {"text": "The story broke on Monday.", "published": "2024-01-02"}
    lines = [json.dumps({**record, "id": f"wire-{index:05d}"}) + "\n" for index in range(6000)]
    small = write("small/wires.jsonl", "".join(lines[:2000])).parent
    large = write("large/wires.jsonl", "".join(lines)).parent
    stream_articles([small])  # word lists and patterns loaded: what is traced next is the articles alone
    held_small, _ = _held_by_stream(small)
    held_large, articles = _held_by_stream(large)
    assert (held_large - held_small) / 4000 < 100  # the id and two numbers an article; a draft took ~600 bytes
    assert articles.ids[-1] == "wire-05999"  # type: ignore[attr-defined]
    assert articles[5999].text == record["text"]


def test_draft_records_give_back_every_field() -> None:
    from datetime import date

    from timeline.ingest.draft import Draft
    from timeline.ingest.spool import DraftRecords, TextSpool

    spool = TextSpool()
    full = Draft(
        id="a", path=Path("story/a.jsonl"), text="", line=7, source="AP", title="T", url="https://x.org/a",
        language="fr", dates=(("cli", date(2024, 1, 2)), ("record", date(2023, 12, 31))), header_chars=3,
        spooled=(10, 20),
    )  # fmt: skip
    plain = Draft(id="b", path=Path("story/b.txt"), text="", spooled=(30, 5))
    records = DraftRecords([full, plain], spool)
    assert (len(records), records[0], records[1]) == (2, full, plain)
    try:
        DraftRecords([Draft(id="c", path=Path("c.txt"), text="still here")], spool)
    except ValueError as error:
        assert "still holds its text" in str(error)
    else:
        raise AssertionError("a draft with its text was written as metadata")

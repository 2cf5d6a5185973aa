"""Extraction in several processes gives exactly what one process gives, in input order."""

from datetime import date
from pathlib import Path

from timeline.compact import pack
from timeline.config import Settings
from timeline.extract import PARALLEL_MIN_ARTICLES, extract_articles, extract_packed
from timeline.models import Article

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _articles(count: int) -> list[Article]:
    paths = sorted([*SAMPLES.glob("*/*.txt"), *SAMPLES.glob("*/wikinews-*.md")])
    texts = ["\n".join(path.read_text(encoding="utf-8").splitlines()[:4]) for path in paths]  # short: a fast test
    return [
        Article(id=f"a{index:03d}", text=texts[index % len(texts)], published=date(2024, 2, 1 + index % 20))
        for index in range(count)
    ]


def test_workers_give_the_same_extractions_in_order():
    articles = _articles(PARALLEL_MIN_ARTICLES + 3)  # four shards
    seen: list[str] = []
    alone = extract_articles(articles)
    together = extract_articles(articles, settings=Settings(workers=2), on_article=lambda e: seen.append(e.article.id))
    assert [e.model_dump_json() for e in together] == [e.model_dump_json() for e in alone]
    assert seen == [article.id for article in articles]


def test_workers_do_not_change_the_settings_digest():
    assert Settings(workers=3).digest() == Settings().digest()


def test_workers_that_cannot_start_leave_the_work_to_this_process(monkeypatch):
    import concurrent.futures

    class Broken:
        def __init__(self, *args, **kwargs):
            raise OSError("no processes allowed here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Broken)
    articles = _articles(PARALLEL_MIN_ARTICLES)
    seen: list[str] = []
    together = extract_articles(articles, settings=Settings(workers=2), on_article=lambda e: seen.append(e.article.id))
    assert [e.article.id for e in together] == seen == [article.id for article in articles]


def test_packed_extraction_is_the_packed_extraction_in_one_process_and_in_workers():
    articles = _articles(PARALLEL_MIN_ARTICLES + 3)
    expected = [pack(extraction) for extraction in extract_articles(articles)]
    here: list[bytes] = []
    extract_packed(articles[:5], on_packed=here.append)
    assert here == expected[:5]
    together: list[bytes] = []
    extract_packed(articles, settings=Settings(workers=2), on_packed=together.append)
    assert together == expected
